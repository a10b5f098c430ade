"""The ingest flow: documents in, Parquet tables out (the same flow for scheduled and manual runs).

Policy sits in the decorators: documents are processed as Prefect tasks, so a run shows each
document's state in the Prefect UI, and a failure in one never stops the others (`process`
quarantines instead of raising). Scale-out is Prefect's business: pass a task runner
(e.g. `prefect_dask.DaskTaskRunner`) with `ingest.with_options(task_runner=...)`.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.runtime import flow_run

from pipeline import runs
from pipeline.extract import Outcome, process
from pipeline.fetch import fetch_all
from pipeline.records import DocInfo
from pipeline.registry import load_registry


@task(name="process-document", task_run_name="process {path.name}")
def process_document(path: Path, hint: DocInfo | None = None) -> Outcome:
    return process(path, hint)


@task(name="fetch-registry")
def fetch_registry(registry: Path, raw_dir: Path) -> list[tuple[Path, str, str, DocInfo]]:
    """Download what is new; return (path, source_id, url, registry metadata) of every local copy."""
    logger = get_run_logger()
    found = []
    for f in fetch_all(load_registry(registry), raw_dir):
        if f.status == "error":
            logger.warning("%s", f.error)
            continue
        s = f.source
        hint = DocInfo(publisher=s.publisher, mechanism=s.mechanism, language=s.language, title=s.title)
        found.append((f.path, s.id, s.url, hint))
    return found


@flow(name="factsheets-ingest", log_prints=True)
def ingest(paths: list[Path], out: Path, registry: Path | None = None,
           raw_dir: Path = Path("raw/downloads")) -> list[dict]:
    """Ingest files and folders (and, with a registry, its downloaded sources) into `out`."""
    logger = get_run_logger()
    run_id = str(flow_run.get_id() or datetime.now(timezone.utc).strftime("local-%Y%m%dT%H%M%S"))
    started = datetime.now(timezone.utc)
    inputs = [(p, f"local:{p.name}", str(p), None) for p in runs.discover(paths)]
    if registry:
        inputs += fetch_registry(registry, raw_dir)
    documents = []
    for (path, source_id, where, hint), outcome in zip(inputs, [process_document(p, h) for p, _, _, h in inputs]):
        runs.write_outcome(out, outcome, source_id, run_id)
        documents.append(runs.document_row(outcome, source_id, where, run_id, started))
        logger.info("%s: %s, %d values%s", path.name, outcome.status, len(outcome.values),
                    f" ({outcome.error})" if outcome.error else "")
    runs.finish_run(out, run_id, started, documents)
    return documents
