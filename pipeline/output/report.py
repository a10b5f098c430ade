"""The audit report: a page a person reads after a run, built from the three output tables.

It says what was read from which document, how sure the readers were, what was quarantined and
why, and what waits in the review queue, so that nobody has to query Parquet to audit a run.
Written as `report.md` next to the tables, replaced atomically by every run.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from pipeline.model.confidence import SURE


def read_table(out: Path, name: str) -> pd.DataFrame:
    folder = out / name
    if not folder.exists() or not any(folder.glob("*.parquet")):
        return pd.DataFrame()
    return pd.read_parquet(folder)


def markdown_table(df: pd.DataFrame) -> str:
    """A small DataFrame as a Markdown table (no extra dependency for `to_markdown`)."""
    if df.empty:
        return "_none_\n"
    cols = list(df.columns)
    lines = ["| " + " | ".join(map(str, cols)) + " |", "|" + "---|" * len(cols)]
    for row in df.itertuples(index=False):
        lines.append("| " + " | ".join("" if pd.isna(v) else str(v).replace("|", "/") for v in row) + " |")
    return "\n".join(lines) + "\n"


def build_report(out: Path, run_id: str) -> str:
    """The report of one run: its documents, then the values of those documents, then the review queue."""
    documents = read_table(out, "documents")
    run = documents[documents["run_id"] == run_id] if len(documents) else documents
    indicators, review = read_table(out, "indicators"), read_table(out, "review")
    ids = set(run["document_id"]) if len(run) else set()
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
        doubtful = values[values["confidence"] < SURE].sort_values("confidence").head(50)
        parts += ["## Least sure values (up to 50)\n",
                  markdown_table(doubtful[["indicator", "municipality_id", "category", "period_end", "value",
                                           "confidence", "page", "raw_text", "notes"]])]
    parts += ["## Review queue\n", markdown_table(queue[["page", "kind", "text", "candidates", "detail"]]
                                                   if len(queue) else queue)]
    return "\n".join(parts)


def write_report(out: Path, run_id: str) -> Path:
    path = out / "report.md"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(build_report(out, run_id), encoding="utf-8")
    os.replace(tmp, path)
    return path
