"""Where the pipeline misses or contradicts the office corpus: per document and indicator, the
truth rows with no matching output (missed) and those matched on key with another value (wrong).

    python bench/office_misses.py corpora/office/seed-1 /tmp/office-1 [--show N]
"""
from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from pathlib import Path

import pandas as pd


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--show", type=int, default=4)
    args = ap.parse_args()
    truth = pd.read_csv(args.corpus / "truth.csv", dtype=str, keep_default_na=False)
    ids = {hashlib.sha256((args.corpus / f).read_bytes()).hexdigest(): f for f in truth.file.unique()}
    pred = pd.read_parquet(args.out / "indicators")
    pred = pred[pred.document_id.isin(ids)].copy()
    pred["file"] = pred.document_id.map(ids)
    pred["month"] = pd.to_datetime(pred.period_end).dt.strftime("%Y-%m")
    pred["municipality_id"] = pred.municipality_id.fillna("")
    pred["category"] = pred.category.fillna("")
    truth["month"] = truth.period_end.str[:7]
    key = ["file", "indicator", "municipality_id", "category", "month"]
    merged = truth.merge(pred[key + ["value", "confidence", "raw_text", "method"]], on=key, how="left",
                         suffixes=("", "_pred"))
    merged["value"] = merged.value.astype(float)
    missed = merged[merged.value_pred.isna()]
    wrong = merged[merged.value_pred.notna() & ((merged.value - merged.value_pred).abs() > 0.05)]
    print(f"truth={len(truth)} missed={len(missed)} wrong={len(wrong)}")
    merged["edition"] = merged.file.str.extract(r"-\d\d-(.+)\.pdf$")[0]
    merged["ok"] = merged.value_pred.notna() & ((merged.value - merged.value_pred).abs() <= 0.05)
    print("\nedition (kind-language)   correct/truth")
    for edition, g in merged.groupby("edition"):
        print(f"{edition:26s} {int(g.ok.sum()):5d}/{len(g)}")
    for title, frame in (("MISSED", missed), ("WRONG", wrong)):
        print(f"\n== {title}")
        for (f, ind), g in frame.groupby(["file", "indicator"]):
            sample = g.head(args.show)
            cells = "; ".join(f"{r.municipality_id or '-'}/{r.category or '-'}/{r.month}={r.value:g}"
                              + (f"->{r.value_pred:g}({r.confidence:.2f},{r.method})" if title == "WRONG" else "")
                              for r in sample.itertuples())
            print(f"{f:34s} {ind:42s} {len(g):4d}  {cells}")
    extra = pred.merge(truth[key], on=key, how="left", indicator=True)
    extra = extra[extra._merge == "left_only"]
    print(f"\n== OUTPUT ROWS WITH NO TRUTH KEY: {len(extra)}")
    for (f, ind), n in Counter(zip(extra.file, extra.indicator)).most_common(15):
        print(f"{f:34s} {ind:42s} {n}")


if __name__ == "__main__":
    main()
