"""How often a value at each level of the confidence scale is right: the measurement behind the levels.

    python bench/calibration.py CORPUS OUT [CORPUS OUT ...]

CORPUS is a folder with docs.csv and truth.csv (a `corpora/<producer>/seed-N/`, the shared dev set),
OUT a pipeline output over it (`factsheets ingest`, or `bench/producers.py --keep`). Each value is
put in the band of the highest named level at or below its confidence (`pipeline/model/confidence.py`)
and every band is scored on its own with `bench/producers.py`'s rule, so a band's precision is the
share of its values that are right. A level earns its place when its band's precision sits where the
level says: at least 0.99 at SURE and above (a wrong value there is a silent error), clearly lower
below REVIEW_LINE.
"""
from __future__ import annotations

import csv
import importlib.util
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pipeline.model import confidence as scale  # noqa: E402

NAMES = ("READING", "SURE", "UNCONFIRMED", "INFERRED", "SUSPECT", "REVIEW_LINE", "GUESS", "CONTRADICTED", "CONFLICT")
LEVELS = sorted(((getattr(scale, n), n) for n in NAMES), reverse=True) + [(0.0, "below CONFLICT")]


def _producers():
    """bench/producers.py as a module (its scoring rule is the one used here)."""
    spec = importlib.util.spec_from_file_location("bench_producers", ROOT / "bench" / "producers.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def band(score: float) -> str:
    return next(name for level, name in LEVELS if score >= level - 1e-9)


def main(argv: list[str]) -> int:
    if not argv or len(argv) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    bench = _producers()
    with (ROOT / "pipeline" / "data" / "indicators.csv").open(encoding="utf-8") as f:
        units = {r["indicator"]: r["unit"] for r in csv.DictReader(f)}
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # band -> [predicted, correct]
    for corpus_dir, out in zip(map(Path, argv[::2]), map(Path, argv[1::2])):
        corpus = bench.Corpus("calibration", corpus_dir.name, corpus_dir, bench._read(corpus_dir / "docs.csv"))
        values = pd.read_parquet(out / "indicators")
        for name, rows in values.groupby(values["confidence"].map(band)):
            with tempfile.TemporaryDirectory(prefix="bench-calibration-") as tmp:
                (Path(tmp) / "indicators").mkdir()
                rows.to_parquet(Path(tmp) / "indicators" / "band.parquet")
                tallies = bench.score(corpus, Path(tmp), units).values()
            totals[name][0] += sum(t.predicted for t in tallies)
            totals[name][1] += sum(t.correct for t in tallies)
    print(f"{'band (level <= confidence)':<28} {'level':>5} {'values':>7} {'right':>6} {'precision':>9}")
    for level, name in LEVELS:
        predicted, correct = totals.get(name, (0, 0))
        share = f"{correct / predicted:.3f}" if predicted else "-"
        print(f"{name:<28} {level:>5.2f} {predicted:>7} {correct:>6} {share:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
