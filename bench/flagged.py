"""How much of what a run missed does it flag? (issue 10: "almost nothing is lost silently")

    python bench/flagged.py CORPUS OUT_DIR [--truth CORPUS/truth.csv]

A truth value is missed when no output row has its document, indicator, municipality, category and
period month with an agreeing value (the scorer's rule). A missed value is flagged when its document
is `partial` or `quarantined`, or when an `unread_region` review item lies on its page (truth rows
carry a page, not a box, so "covering" is measured per page). Prints missed, flagged and the share.
"""
from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import pandas as pd

from pipeline.output.report import read_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--truth", type=Path)
    args = parser.parse_args()
    truth = pd.read_csv(args.truth or args.corpus / "truth.csv", dtype={"municipality_id": str, "category": str})
    ids = {f: hashlib.sha256((args.corpus / f).read_bytes()).hexdigest() for f in truth["file"].unique()}
    truth["document_id"] = truth["file"].map(ids)
    got = read_table(args.out, "indicators")
    docs = read_table(args.out, "documents").sort_values("started_at").drop_duplicates("document_id", keep="last")
    review = read_table(args.out, "review")
    key = ["document_id", "indicator", "municipality_id", "category", "month"]
    truth["month"] = pd.to_datetime(truth["period_end"]).dt.strftime("%Y-%m")
    got = got.assign(month=pd.to_datetime(got["period_end"]).dt.strftime("%Y-%m"))
    for df in (truth, got):
        df[["municipality_id", "category"]] = df[["municipality_id", "category"]].fillna("")
    truth = truth.reset_index(names="row")
    m = truth.merge(got[[*key, "value"]], on=key, how="left", suffixes=("", "_got"))
    tolerance = m["unit"].map({"percent": 0.05}).fillna(1e-9).astype(float)
    m["hit"] = (m["value"] - m["value_got"]).abs() <= tolerance
    hit = m.groupby("row")["hit"].any()
    missed = truth[~truth["row"].map(hit)]
    status = dict(zip(docs["document_id"], docs["status"]))
    regions = review[review["kind"] == "unread_region"] if len(review) else review
    unread = set(zip(regions["document_id"], regions["page"])) if len(regions) else set()
    missed = missed.assign(flagged=[status.get(d) in ("partial", "quarantined") or (d, p) in unread
                                    for d, p in zip(missed["document_id"], missed["page"])])
    n, k = len(missed), int(missed["flagged"].sum())
    print(f"{args.corpus}: truth {len(truth)}, missed {n}, flagged {k}, "
          f"share flagged {k / n:.3f}" if n else f"{args.corpus}: truth {len(truth)}, nothing missed")
    for file, group in missed.groupby("file"):
        print(f"  {file}: missed {len(group)}, flagged {int(group['flagged'].sum())} "
              f"(status {status.get(group['document_id'].iloc[0])})")


if __name__ == "__main__":
    main()
