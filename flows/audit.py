"""The audit at the end of every ingest run, published on the flow run as Prefect artifacts.

The run summary is a markdown artifact and the coverage per indicator a table artifact, so that a
deployment's UI shows them next to the run; the same audit writes `current/`, `report.md` and
`audit/` (see `pipeline/audit.py`).
"""
from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from pipeline.audit.audit import audit_after_run

SUMMARY_KEY, COVERAGE_KEY = "factsheets-run-summary", "factsheets-coverage"


@task(name="audit-run")
def audit_run(out: Path, documents: list[dict]) -> list[dict]:
    """Audit the output folder, publish the artifacts; return the run's document rows with the
    statuses the cross-document checks set."""
    documents, a = audit_after_run(out, documents, get_run_logger())
    if a is None:
        create_markdown_artifact(markdown=f"# factsheets run\n\nThe audit of `{out}` failed; see the run's logs.",
                                 key=SUMMARY_KEY)
        return documents
    create_markdown_artifact(markdown=a.summary_markdown(), key=SUMMARY_KEY,
                             description="factsheets ingest: documents, statuses, disagreements, changes")
    create_table_artifact(table=a.coverage, key=COVERAGE_KEY,
                          description="documents of each indicator's mechanism that carry it, and its values")
    return documents
