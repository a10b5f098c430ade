"""The audit at the end of every ingest run, published on the flow run as Prefect artifacts.

The run summary is a markdown artifact and the coverage per indicator a table artifact, so that a
deployment's UI shows them next to the run; the same audit writes `current/`, `report.md` and
`audit/` (see `pipeline/audit.py`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from pipeline.audit.audit import audit
from pipeline.output.report import write_report

SUMMARY_KEY, COVERAGE_KEY = "factsheets-run-summary", "factsheets-coverage"


@task(name="audit-run")
def audit_run(out: Path, documents: list[dict]) -> list[dict]:
    """Audit the output folder, publish the artifacts; return the run's document rows with the
    statuses the cross-document checks set."""
    try:
        a = audit(out)
    except Exception:  # the tables are written: a failed report must not fail the run, but must show
        get_run_logger().exception("the audit of %s failed; the tables are complete, report it", out)
        try:  # report.md without the checks across documents rather than none (or last run's)
            write_report(out, documents[0]["run_id"] if documents else "none")
        except Exception:
            get_run_logger().exception("report.md of %s could not be written either", out)
        create_markdown_artifact(markdown=f"# factsheets run\n\nThe audit of `{out}` failed; see the run's logs.",
                                 key=SUMMARY_KEY)
        return documents
    create_markdown_artifact(markdown=a.summary_markdown(), key=SUMMARY_KEY,
                             description="factsheets ingest: documents, statuses, disagreements, changes")
    create_table_artifact(table=a.coverage, key=COVERAGE_KEY,
                          description="documents of each indicator's mechanism that carry it, and its values")
    after = {r.document_id: {"status": r.status, "error": None if pd.isna(r.error) else r.error}
             for r in a.run.itertuples()}
    return [{**d, **after.get(d["document_id"], {})} for d in documents]
