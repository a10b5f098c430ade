"""The audit report: a page a person reads after a run, built from the three output tables.

It says what was read from which document, how sure the readers were, what was quarantined and
why, and what waits in the review queue, so that nobody has to query Parquet to audit a run.
Written as `report.md` next to the tables, replaced atomically by every run.
"""
from __future__ import annotations

import math
import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipeline.model.confidence import SURE
from pipeline.output import location
from pipeline.output.contracts import BBOX

# An item's own box, as `runs.with_bbox` (or a cross-document check) leads its detail with it: the
# place of the item, not part of what it says, so that identical items at two places group.
OWN_BOX = re.compile(r"bbox=(?:-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+|none)(?:; )?")
SHOWN_DETAILS = 3  # distinct details listed for a group; the rest are counted
LEAST_SURE_SHOWN = 50
TABLES_KEPT = 4  # documents, indicators, review and one earlier version


def read_table(out: Path, name: str) -> pd.DataFrame:
    """One table of the output folder (a copy: callers may change it). The audit reads each table in
    several steps; a table whose files are the same as at the last read (names, sizes, inodes, times:
    every write replaces a file) is read once, which saved 3 of a re-run's 12 audit CPU s."""
    folder = out / name
    listing = _listing(folder) if location.is_local(folder) else None
    if listing is None:  # object storage, or a folder not (yet) listable: read it as it is now
        return location.read_frame(folder) if folder.exists() and any(folder.glob("*.parquet")) else pd.DataFrame()
    return _read(folder, listing).copy() if listing else pd.DataFrame()


def _listing(folder: Path) -> tuple | None:
    """What identifies a local table's files (every write replaces a file); None when there is no
    folder yet, or a file was replaced while listing."""
    try:
        return tuple(sorted((e.name, e.inode(), e.stat().st_size, e.stat().st_mtime_ns)
                            for e in os.scandir(folder) if e.name.endswith(".parquet") and e.name[0] not in "._"))
    except OSError:
        return None


@lru_cache(maxsize=TABLES_KEPT)
def _read(folder: Path, listing: tuple) -> pd.DataFrame:
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


def places(review: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """`where` of every item, column by column: one call per item cost 0.6 CPU s for the 41,000
    cross-document items of a 200-document backfill."""
    details = review["detail"].astype(object).where(review["detail"].notna(), "").astype(str)
    boxes = details.str.extract(BBOX).astype(float)
    box_text = [" (no box)" if math.isnan(x0) else f" {x0:.1f},{top:.1f},{x1:.1f},{bottom:.1f}"
                for x0, top, x1, bottom in boxes.itertuples(index=False)]
    return [names.get(d, str(d)[:12]) + (" (whole document)" if pd.isna(p) else f" p{int(p)}") + b
            for d, p, b in zip(review["document_id"].tolist(), review["page"].tolist(), box_text)]


def grouped_review(review: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Items a person would call identical once, with how often and every place (document, page, bbox).

    Identical: the same kind, text and candidates, and the same detail once its own box is taken out
    (the box is the place, listed in `where`). An unmatched municipality name is one decision however
    many values were printed under it, so those group by name and candidates alone, and the group
    lists the distinct details (`SHOWN_DETAILS`, then how many more). Plain dictionaries: a pandas
    groupby costs more than the grouping on small queues."""
    columns = ["kind", "text", "detail", "candidates", "count", "where", "document_id"]
    groups: dict[tuple, dict] = {}
    text = {c: review[c].astype(object).where(review[c].notna(), "").tolist() for c in ("kind", "text", "candidates")}
    own = review["detail"].astype(object).where(review["detail"].notna(), "").astype(str) \
        .str.replace(OWN_BOX, "", n=1, regex=True).tolist() if len(review) else []
    for kind, said, candidates, detail, place, document_id in zip(
            text["kind"], text["text"], text["candidates"], own, places(review, names), review["document_id"].tolist()):
        key = (kind, said, "" if kind == "municipality_match" else detail, candidates)
        g = groups.setdefault(key, {"count": 0, "where": {}, "details": {}, "document_id": document_id})
        g["count"] += 1
        g["where"][place] = None
        g["details"][detail] = None
    rows = []
    for (kind, said, _, candidates), g in groups.items():
        details = list(g["details"])
        shown = " • ".join(details[:SHOWN_DETAILS]) + (f" • (+{len(details) - SHOWN_DETAILS} more)"
                                                        if len(details) > SHOWN_DETAILS else "")
        rows.append((kind, said, shown, candidates, g["count"], "; ".join(g["where"]), g["document_id"]))
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
