"""bench/producers.py scores by the contract's matching rule: checked on a committed corpus with
outputs built from its truth (perfect, then with a wrong value, a wrong period and an extra row)."""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = next(iter(sorted((ROOT / "corpora" / "browser").glob("seed-*"))), None)

pytestmark = pytest.mark.skipif(SEED is None, reason="no corpora/browser/seed-* committed")


def bench():
    spec = importlib.util.spec_from_file_location("bench_producers", ROOT / "bench" / "producers.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod          # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def output_from_truth(tmp: Path, edit=None) -> Path:
    rows = []
    with (SEED / "truth.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            did = hashlib.sha256((SEED / r["file"]).read_bytes()).hexdigest()
            rows.append({"document_id": did, "indicator": r["indicator"],
                         "municipality_id": r["municipality_id"] or None, "category": r["category"] or None,
                         "period_end": pd.Timestamp(r["period_end"]), "value": float(r["value"]),
                         "confidence": 0.95, "file": r["file"], "unit": r["unit"]})
    df = pd.DataFrame(rows)
    if edit:
        df = edit(df)
    out = tmp / "out"
    (out / "indicators").mkdir(parents=True)
    df.drop(columns=["file", "unit"]).to_parquet(out / "indicators" / "part-0.parquet")
    return out


def totals(mod, out: Path):
    units = {r["indicator"]: r["unit"] for r in csv.DictReader(mod.CATALOGUE.open(encoding="utf-8"))}
    corpus = next(c for c in mod.corpora("browser") if c.folder.resolve() == SEED.resolve())
    total = mod.Tally()
    for t in mod.score(corpus, out, units).values():
        total.add(t)
    return total


def test_perfect_output_scores_one(tmp_path: Path) -> None:
    mod = bench()
    t = totals(mod, output_from_truth(tmp_path))
    assert t.truth > 100 and t.correct == t.truth == t.predicted
    assert (t.recall, t.precision, t.silent) == (1.0, 1.0, 0)


def test_wrong_values_periods_and_extras_count(tmp_path: Path) -> None:
    mod = bench()

    def edit(df: pd.DataFrame) -> pd.DataFrame:
        df = df.copy()
        count = df.index[df["unit"] == "count"][0]
        df.loc[count, "value"] += 1                          # wrong and confident: silent
        pct = df.index[df["unit"] == "percent"][0]
        df.loc[pct, "value"] += 0.04                         # within the percent tolerance: correct
        late = df.index[df["unit"] == "bool"][0]
        df.loc[late, "period_end"] = df.loc[late, "period_end"] + pd.DateOffset(months=1)   # other key
        df.loc[late, "confidence"] = 0.5                     # not silent, but missed and extra
        extra = df.iloc[[0]].assign(indicator="mcsc.councils_established", municipality_id=None, category=None,
                                    period_end=pd.Timestamp("1999-12-31"), confidence=0.99)
        return pd.concat([df, extra], ignore_index=True)

    t = totals(mod, output_from_truth(tmp_path, edit))
    assert t.correct == t.truth - 2
    assert t.predicted == t.truth + 1
    assert t.silent == 2
