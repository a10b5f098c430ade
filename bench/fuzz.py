"""Damaged copies of the samples: how many come out partial, and how many values they gain.

    PYTHONPATH=CHECKOUT python bench/fuzz.py [--cases 300] [--seed 2]

The same seeded mutations as tests/test_hostile.py (byte flips, truncation, stream deletion, xref
damage), more of them; PYTHONPATH picks the checkout of the pipeline to measure, so two commits can
be compared on the very same damaged files. A "gained" value is one whose (indicator, municipality,
category, period, value) its original does not have.
"""
from __future__ import annotations

import argparse
import logging
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(1, str(ROOT / "tests"))

import hostile  # noqa: E402
import pipeline  # noqa: E402
from pipeline.extract import process  # noqa: E402


def key(v) -> tuple:
    return (v.indicator, v.municipality_id, v.category, v.period_start, v.period_end, v.value)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    samples = sorted((ROOT / "raw" / "samples").glob("*.pdf"))
    originals = {p: {key(v) for v in process(p).values} for p in samples}
    rng = random.Random(args.seed)
    statuses: Counter[str] = Counter()
    docs_gaining = docs_gaining_sure = gained = gained_sure = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.cases):
            sample, mutate = rng.choice(samples), rng.choice(hostile.MUTATIONS)
            path = hostile.write(Path(tmp) / f"{i}.pdf", mutate(sample.read_bytes(), rng))
            outcome = process(path)
            statuses[outcome.status] += 1
            new = [v for v in outcome.values if key(v) not in originals[sample]]
            sure = [v for v in new if v.confidence >= 0.9]
            docs_gaining += bool(new)
            docs_gaining_sure += bool(sure)
            gained += len(new)
            gained_sure += len(sure)
    print(f"code: {Path(pipeline.__file__).parent.parent}; {args.cases} damaged copies (seed {args.seed})")
    print(f"status: {dict(statuses)}")
    print(f"copies gaining values: {docs_gaining} ({gained} values); at confidence >= 0.9: "
          f"{docs_gaining_sure} ({gained_sure} values)")


if __name__ == "__main__":
    main()
