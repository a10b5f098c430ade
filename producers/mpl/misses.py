"""Which truth rows a pipeline run missed or got wrong, per kind, language and indicator.

python -m producers.mpl.misses corpora/mpl/seed-1 /tmp/mpl-1   (after `factsheets ingest ... --out /tmp/mpl-1`)

Matching follows the shared scorer: document, indicator, municipality, category and period_end month;
percentages agree within 0.05, counts and booleans exactly.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

PERCENT_TOLERANCE = 0.05   # the scorer's tolerance for percentages
KEY = ["file", "indicator", "municipality_id", "category", "month"]


def compare(seed: Path, out: Path) -> pd.DataFrame:
    truth = pd.read_csv(seed / "truth.csv", dtype=str).fillna("")
    docs = pd.read_csv(seed / "docs.csv", dtype=str)
    pred = pd.read_parquet(out / "indicators")
    pred["file"] = pred["source_id"].str.replace("local:", "", regex=False)
    pred = pred.fillna({"municipality_id": "", "category": ""})
    pred["month"] = pred["period_end"].astype(str).str[:7]
    truth["month"] = truth["period_end"].str[:7]
    pred = pred.sort_values("confidence", ascending=False).drop_duplicates(KEY)
    m = truth.merge(pred[KEY + ["value", "confidence", "method", "raw_text"]], on=KEY, how="left",
                    suffixes=("", "_read"))
    m["value"] = m["value"].astype(float)
    tol = m["unit"].eq("percent") * PERCENT_TOLERANCE + 1e-9
    m["status"] = "missed"
    m.loc[m["value_read"].notna(), "status"] = "wrong"
    m.loc[(m["value"] - m["value_read"]).abs() <= tol, "status"] = "ok"
    return m.merge(docs[["file", "mechanism", "language"]], on="file")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seed", type=Path)
    ap.add_argument("out", type=Path)
    a = ap.parse_args()
    m = compare(a.seed, a.out)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 12)
    table = m.groupby(["mechanism", "language", "file", "indicator", "status"]).size().unstack(fill_value=0)
    for col in ("ok", "missed", "wrong"):
        if col not in table:
            table[col] = 0
    print(table[(table["missed"] > 0) | (table["wrong"] > 0)][["ok", "missed", "wrong"]])
    designs = a.seed / "designs.csv"
    if designs.exists():
        print("\nhow those documents were drawn:")
        bad = set(m.loc[m["status"] != "ok", "file"])
        for r in pd.read_csv(designs).itertuples():
            if r.file in bad:
                print(f"  {r.file}: {r.design}")
    wrong = m[m["status"] == "wrong"]
    print(f"\nwrong values ({len(wrong)}, of which confidence >= 0.9: {(wrong['confidence'] >= 0.9).sum()}):")
    print(wrong[["file", "indicator", "municipality_id", "category", "month", "value", "value_read", "confidence",
                 "method"]].to_string(index=False))


if __name__ == "__main__":
    main()
