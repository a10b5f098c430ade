"""The audit of an output folder, as one step: what `factsheets audit DIR` and the end of every run do.

    cross-document checks -> resolved view (current/) -> the last run's changes -> report.md + audit/

Returns what a caller publishes elsewhere (the Prefect flow makes artifacts of it).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.audit import audit_html, crossdoc
from pipeline.output import history, resolve
from pipeline.output.report import markdown_table, write_report


@dataclass
class Audit:
    run_id: str
    index: Path
    current: Path
    n_keys: int
    n_conflicts: int
    disagreements: pd.DataFrame
    changes: pd.DataFrame
    run: pd.DataFrame  # the last run's documents, statuses after the audit
    coverage: list[dict]

    def summary_markdown(self) -> str:
        """The run summary: statuses with reasons, disagreements, conflicts, changes, where the report is."""
        counts = self.run["status"].value_counts().to_dict() if len(self.run) else {}
        lines = [f"# factsheets run {self.run_id}", "",
                 f"{len(self.run)} documents: " + ", ".join(f"{counts.get(s, 0)} {s}"
                                                            for s in ("ok", "partial", "quarantined")) + ".",
                 f"{self.n_keys} resolved values in `current/`, {self.n_conflicts} keys with conflicting values; "
                 f"{len(self.disagreements)} disagreements between documents; {len(self.changes)} values changed "
                 f"since each document's previous run.", "", f"Audit report: `{self.index}`", ""]
        not_ok = self.run[self.run["status"] != "ok"] if len(self.run) else self.run
        if len(not_ok):
            lines += ["## Documents not ok", "", markdown_table(pd.DataFrame({
                "document": not_ok["path_or_url"].map(lambda p: Path(str(p)).name), "status": not_ok["status"],
                "reason": not_ok["error"]}))]
        return "\n".join(lines)


def audit_after_run(out: Path, documents: list[dict],
                    logger: logging.Logger | logging.LoggerAdapter) -> tuple[list[dict], Audit | None]:
    """The audit at the end of a run: the run's document rows with the statuses the cross-document
    checks set, and the audit; None when it failed. The tables are written by then, so a failed audit
    must not fail the run, but must show: it is logged, and report.md is written without the checks."""
    try:
        a = audit(out)
    except Exception:
        logger.exception("the audit of %s failed; the tables are complete, report it", out)
        try:
            write_report(out, documents[0]["run_id"] if documents else "none")
        except Exception:
            logger.exception("report.md of %s could not be written either", out)
        return documents, None
    after = {r.document_id: {"status": r.status, "error": None if pd.isna(r.error) else r.error}
             for r in a.run.itertuples()}
    return [{**d, **after.get(d["document_id"], {})} for d in documents], a


def audit(out: Path) -> Audit:
    """Audit the folder's current tables against each other and write the reports."""
    order = history.run_order(out)
    run_id = order[-1] if order else "none"
    disagreements = crossdoc.audit_documents(out, run_id)
    current, n_keys, n_conflicts = resolve.export(out)
    changes = history.diff(out)
    write_report(out, run_id)
    tables = audit_html.load_tables(out, changes, disagreements)
    index, cover = audit_html.write_audit(out, tables)
    return Audit(run_id, index, current, n_keys, n_conflicts, disagreements, changes, tables.run, cover)
