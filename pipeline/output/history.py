"""Every run's rows, and what changed between two runs of a document (`factsheets diff`).

`indicators/` holds the current rows; a re-run first copies the rows it replaces to
`history/indicators/<document_id>/<run_id>.parquet` (see `store.py`). So the rows a run wrote are its
current rows plus its history files, and two runs of a document compare key by key.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.output import location
from pipeline.output.contracts import KEY
from pipeline.output.report import read_table

CHANGE_COLUMNS = ["document_id", "document", "change", *KEY, "value_before", "value_after", "page", "x0", "top",
                  "x1", "bottom", "run_before", "run_after"]


def run_log(out: Path) -> pd.DataFrame:
    """The documents table, oldest run first."""
    docs = read_table(out, "documents")
    return docs.sort_values("started_at", kind="stable") if len(docs) else docs


def run_order(out: Path) -> list[str]:
    log = run_log(out)
    return list(dict.fromkeys(log["run_id"])) if len(log) else []


def rows_of_run(out: Path, run_id: str, name: str = "indicators") -> pd.DataFrame:
    """The rows `run_id` wrote to table `name`, whether still current or superseded since."""
    current = read_table(out, name)
    frames = [current[current["run_id"] == run_id]] if len(current) else []
    frames += [location.read_frame(f) for f in sorted((out / "history" / name).glob(f"*/{run_id}.parquet"))]
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def compare(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Added, removed and changed values of one document between two versions of its rows."""
    cols = [*KEY, "value", "page", "x0", "top", "x1", "bottom"]
    b = before[cols].drop_duplicates(list(KEY)) if len(before) else pd.DataFrame(columns=cols)
    a = after[cols].drop_duplicates(list(KEY)) if len(after) else pd.DataFrame(columns=cols)
    merged = b.merge(a, on=list(KEY), how="outer", suffixes=("_before", "_after"), indicator=True)
    merged["change"] = merged["_merge"].map({"left_only": "removed", "right_only": "added", "both": "changed"})
    same = (merged["change"] == "changed") & ((merged["value_before"] - merged["value_after"]).abs() < 1e-9)
    merged = merged[~same]
    for c in ("page", "x0", "top", "x1", "bottom"):  # where to look: the new box, or the old one if removed
        merged[c] = merged[f"{c}_after"].where(merged[f"{c}_after"].notna(), merged[f"{c}_before"])
    return merged


def name_of(log: pd.DataFrame) -> dict[str, str]:
    return {d: Path(str(p)).name for d, p in zip(log["document_id"], log["path_or_url"])}


class Versions:
    """Which rows of each document were current after each run.

    A run that found a document unchanged (the ledger) logs it without rewriting its rows, which keep
    the id of the run that extracted them; so the rows a run loaded for a document are those of the
    latest run up to it that wrote them, found from the current files' run ids and the names under
    `history/` without reading any rows."""

    def __init__(self, out: Path, log: pd.DataFrame, order: list[str]) -> None:
        self.out, self.position = out, {run: n for n, run in enumerate(order)}
        self.current = read_table(out, "indicators")
        self.by_doc = dict(tuple(self.current.groupby("document_id"))) if len(self.current) else {}
        self.runs: dict[str, set[str]] = {d: set(rows["run_id"]) for d, rows in self.by_doc.items()}
        for f in (out / "history" / "indicators").glob("*/*.parquet"):
            self.runs.setdefault(f.parent.name, set()).add(f.stem)
        self.empty = {(r, d) for r, d, n in zip(log["run_id"], log["document_id"], log["n_indicators"]) if n == 0}

    def version(self, document_id: str, run_id: str) -> str | None:
        """The run whose rows of the document were current after `run_id` (None: it had none)."""
        if (run_id, document_id) in self.empty:
            return None
        upto = self.position[run_id]
        wrote = [r for r in self.runs.get(document_id, ()) if self.position.get(r, upto + 1) <= upto]
        return max(wrote, key=self.position.__getitem__) if wrote else None

    def rows(self, document_id: str, version: str | None) -> pd.DataFrame:
        if version is None:
            return pd.DataFrame()
        mine = self.by_doc.get(document_id)
        if mine is not None and (mine["run_id"] == version).all():
            return mine
        return location.read_frame(self.out / "history" / "indicators" / document_id / f"{version}.parquet")


def diff(out: Path, run_a: str | None = None, run_b: str | None = None, document: str | None = None) -> pd.DataFrame:
    """Changes from run A to run B (default: the last run against each document's previous run).

    Only documents both runs loaded are compared; `document` narrows to one (id prefix or file name).
    A document both runs hold in the same version (a re-run that found it unchanged) has no changes,
    found without reading its rows.
    """
    log = run_log(out)
    if not len(log):
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    order = run_order(out)
    run_b = run_b or order[-1]
    loaded = log[log["status"] != "quarantined"]
    names = name_of(log)
    targets = loaded[loaded["run_id"] == run_b]["document_id"].unique()
    if document:
        targets = [d for d in targets if d.startswith(document) or names.get(d) == document]
    earlier_runs = {d: list(g) for d, g in loaded.groupby("document_id")["run_id"]}
    versions = Versions(out, loaded, order)
    parts = []
    for doc in targets:
        if run_a:
            before_run = run_a if run_a in earlier_runs[doc] else None
        else:
            earlier = [r for r in earlier_runs[doc] if versions.position[r] < versions.position[run_b]]
            before_run = earlier[-1] if earlier else None
        if before_run is None:
            continue  # first seen in run B: nothing to compare with
        before, after = versions.version(doc, before_run), versions.version(doc, run_b)
        if before == after:
            continue
        changes = compare(versions.rows(doc, before), versions.rows(doc, after))
        if len(changes):
            parts.append(changes.assign(document_id=doc, document=names.get(doc, doc[:12]),
                                        run_before=before_run, run_after=run_b))
    if not parts:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[CHANGE_COLUMNS]
