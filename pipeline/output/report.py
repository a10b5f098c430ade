"""The audit report: a page a person reads after a run, built from the three output tables.

It says what was read from which document, how sure the readers were, what was quarantined and
why, and what waits in the review queue, so that nobody has to query Parquet to audit a run.
Written as `report.md` next to the tables, replaced atomically by every run.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipeline.model.confidence import SURE
from pipeline.output import location
from pipeline.output.contracts import bbox_of

# An item's own box, as `runs.with_bbox` (or a cross-document check) leads its detail with it: the
# place of the item, not part of what it says, so that identical items at two places group.
OWN_BOX = re.compile(r"bbox=(?:-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+|none)(?:; )?")
SHOWN_DETAILS = 3  # distinct details listed for a group; the rest are counted
LEAST_SURE_SHOWN = 50


def read_table(out: Path, name: str) -> pd.DataFrame:
    folder = out / name
    if not folder.exists() or not any(folder.glob("*.parquet")):
        return pd.DataFrame()
    return location.read_frame(folder)


def markdown_table(df: pd.DataFrame) -> str:
    """A small DataFrame as a Markdown table (no extra dependency for `to_markdown`)."""
    if df.empty:
        return "_none_\n"
    cols = list(df.columns)
    lines = ["| " + " | ".join(map(str, cols)) + " |", "|" + "---|" * len(cols)]
    for row in df.itertuples(index=False):
        lines.append("| " + " | ".join("" if pd.isna(v) else str(v).replace("|", "/").replace("\n", " ")
                                       for v in row) + " |")
    return "\n".join(lines) + "\n"


def where(document: str, page: object, detail: object) -> str:
    """Document, page and box of an item, as a person looks it up: `file.pdf p2 40.0,300.5,550.0,420.0`."""
    box = bbox_of(detail)
    page_part = " (whole document)" if page is None or pd.isna(page) else f" p{int(page)}"
    return document + page_part + (" " + ",".join(f"{x:.1f}" for x in box) if box else " (no box)")


def grouped_review(review: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Items a person would call identical once, with how often and every place (document, page, bbox).

    Identical: the same kind, text and candidates, and the same detail once its own box is taken out
    (the box is the place, listed in `where`). An unmatched municipality name is one decision however
    many values were printed under it, so those group by name and candidates alone, and the group
    lists the distinct details (`SHOWN_DETAILS`, then how many more). Plain dictionaries: a pandas
    groupby costs more than the grouping on small queues."""
    columns = ["kind", "text", "detail", "candidates", "count", "where", "document_id"]
    groups: dict[tuple, dict] = {}
    for r in review.astype(object).where(review.notna(), None).to_dict("records"):
        detail = OWN_BOX.sub("", r["detail"] or "", count=1)
        key = (r["kind"] or "", r["text"] or "", "" if r["kind"] == "municipality_match" else detail,
               r["candidates"] or "")
        g = groups.setdefault(key, {"count": 0, "where": {}, "details": {}, "document_id": r["document_id"]})
        g["count"] += 1
        g["where"][where(names.get(r["document_id"], str(r["document_id"])[:12]), r["page"], r["detail"])] = None
        g["details"][detail] = None
    rows = []
    for (kind, text, _, candidates), g in groups.items():
        details = list(g["details"])
        shown = " • ".join(details[:SHOWN_DETAILS]) + (f" • (+{len(details) - SHOWN_DETAILS} more)"
                                                        if len(details) > SHOWN_DETAILS else "")
        rows.append((kind, text, shown, candidates, g["count"], "; ".join(g["where"]), g["document_id"]))
    rows.sort(key=lambda r: (r[0], -r[4]))
    return pd.DataFrame(rows, columns=columns)


def least_sure(values: pd.DataFrame, names: dict[str, str], n: int) -> pd.DataFrame:
    """The n least confident values, each with its document, page and box."""
    doubtful = values[values["confidence"] < SURE].sort_values("confidence", kind="stable").head(n)
    return doubtful.assign(document=doubtful["document_id"].map(lambda d: names.get(d, str(d)[:12])),
                           bbox=[",".join(f"{x:.1f}" for x in b) if pd.notna(b[0]) else "(no box)"
                                 for b in doubtful[["x0", "top", "x1", "bottom"]].itertuples(index=False)])


def build_report(out: Path, run_id: str) -> str:
    """The report of one run: its documents, then the values of those documents, then the review queue."""
    documents = read_table(out, "documents")
    run = documents[documents["run_id"] == run_id] if len(documents) else documents
    indicators, review = read_table(out, "indicators"), read_table(out, "review")
    ids = set(run["document_id"]) if len(run) else set()
    names = {d: Path(str(p)).name for d, p in zip(run["document_id"], run["path_or_url"])} if len(run) else {}
    values = indicators[indicators["document_id"].isin(ids)] if len(indicators) else indicators
    queue = review[review["document_id"].isin(ids)] if len(review) else review
    parts = [f"# factsheets run {run_id}\n"]
    if len(run):
        n_bad = int((run["status"] == "quarantined").sum())
        parts.append(f"{len(run)} documents ({n_bad} quarantined), {len(values)} values, {len(queue)} review items.\n")
        docs = run.assign(document=run["path_or_url"].map(lambda p: Path(str(p)).name))[
            ["document", "publisher", "mechanism", "language", "period_start", "period_end", "status",
             "n_indicators", "n_review", "error"]]
        parts += ["## Documents\n", markdown_table(docs)]
    if len(values):
        sure = values["confidence"] >= SURE
        by_indicator = (values.assign(sure=sure).groupby("indicator")
                        .agg(values=("value", "size"), sure=("sure", "sum"), min_confidence=("confidence", "min"))
                        .reset_index())
        by_method = values.groupby("method").agg(values=("value", "size"),
                                                 mean_confidence=("confidence", "mean")).round(3).reset_index()
        parts += ["## Values by indicator\n", f"`sure` counts values with confidence of at least {SURE}.\n\n",
                  markdown_table(by_indicator), "## Values by reading method\n", markdown_table(by_method)]
        parts += [f"## Least sure values (up to {LEAST_SURE_SHOWN})\n",
                  markdown_table(least_sure(values, names, LEAST_SURE_SHOWN)[
                      ["document", "page", "bbox", "indicator", "municipality_id", "category", "period_end", "value",
                       "confidence", "raw_text", "notes"]])]
    grouped = grouped_review(queue, names) if len(queue) else queue
    parts += ["## Review queue (identical items grouped)\n",
              "`where` names every place of a group: document, page, box (`x0,top,x1,bottom` in PDF points).\n\n",
              markdown_table(grouped[["kind", "count", "where", "text", "candidates", "detail"]]
                             if len(grouped) else grouped)]
    return "\n".join(parts)


def write_report(out: Path, run_id: str) -> Path:
    path = out / "report.md"
    location.write_bytes(path, build_report(out, run_id).encode("utf-8"))
    return path
