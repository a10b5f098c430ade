"""The audit of an output folder, as one step: what `factsheets audit DIR` and the end of every run do.

    cross-document checks -> resolved view (current/) -> the last run's changes -> report.md + audit/

Returns what a caller publishes elsewhere (the Prefect flow makes artifacts of it).
"""
from __future__ import annotations

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


def audit(out: Path) -> Audit:
    """Audit the folder's current tables against each other and write the reports."""
    order = history.run_order(out)
    run_id = order[-1] if order else "none"
    disagreements = crossdoc.audit_documents(out, run_id)
    current, n_keys, n_conflicts = resolve.export(out)
    changes = history.diff(out)
    write_report(out, run_id)
    tables = audit_html.load_tables(out, changes, disagreements)
    index = audit_html.write_audit(out, tables)
    return Audit(run_id, index, current, n_keys, n_conflicts, disagreements, changes, tables.run,
                 audit_html.coverage(tables.documents, tables.indicators))
