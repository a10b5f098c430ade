"""The ingest flow: documents in, Parquet tables out (the same flow for scheduled and manual runs).

Policy sits in the decorators: documents are processed as Prefect tasks, so a run shows each
document's state in the Prefect UI, and a failure in one never stops the others (`process`
quarantines instead of raising). Scale-out is Prefect's business: by default one document at a
time in-process; `with_workers(n)` runs the same flow on a local Dask cluster of n processes
(prefect-dask), and any other Prefect task runner can be given with `ingest.with_options`.
Only the flow itself writes outputs, so every file has one writer.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from prefect import Flow, flow, get_run_logger, task
from prefect.runtime import flow_run, task_run
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import runs
from pipeline.extract import Outcome
from pipeline.fetch import fetch_all
from pipeline.limits import Limits, process_limited
from pipeline.records import DocInfo
from pipeline.registry import load_registry
from pipeline.store import printable


def _document_run_name() -> str:
    return f"process {printable(task_run.parameters['path'].name)}"  # Prefect's events refuse surrogates


@task(name="process-document", task_run_name=_document_run_name)
def process_document(path: Path, hint: DocInfo | None = None, limits: Limits = Limits()) -> Outcome:
    return process_limited(path, hint, limits)


@task(name="fetch-registry")
def fetch_registry(registry: Path, raw_dir: Path) -> tuple[list[tuple[Path, str, str, DocInfo]], list[tuple[str, str, Outcome]]]:
    """Download what is new; return (path, source_id, url, registry metadata) of every local copy,
    and (source_id, url, quarantined outcome) of every source that failed or whose entry is broken."""
    logger = get_run_logger()
    found, failed = [], []
    for f in fetch_all(load_registry(registry), raw_dir):
        s = f.source
        if f.status == "error":
            logger.warning("%s", f.error)
            failed.append((s.id, s.url, runs.failed_source(f)))
            continue
        hint = DocInfo(publisher=s.publisher, mechanism=s.mechanism, language=s.language, title=s.title)
        found.append((f.path, s.id, s.url, hint))
    return found, failed


@flow(name="factsheets-ingest", log_prints=True, task_runner=ThreadPoolTaskRunner(max_workers=1))
def ingest(paths: list[Path], out: Path, registry: Path | None = None,
           raw_dir: Path = Path("raw/downloads")) -> list[dict]:
    """Ingest files and folders (and, with a registry, its downloaded sources) into `out`."""
    logger = get_run_logger()
    run_id = str(flow_run.get_id() or datetime.now(timezone.utc).strftime("local-%Y%m%dT%H%M%S"))
    started = datetime.now(timezone.utc)
    inputs = [(p, f"local:{p.name}", str(p), None) for p in runs.discover(paths)]
    failed: list[tuple[str, str, Outcome]] = []
    if registry:
        found, failed = fetch_registry(registry, raw_dir)
        inputs += found
    futures = process_document.map([p for p, _, _, _ in inputs], [h for _, _, _, h in inputs])
    documents = [runs.document_row(outcome, source_id, url, run_id, started) for source_id, url, outcome in failed]
    for (path, source_id, where, hint), future in zip(inputs, futures):
        outcome = future.result()
        runs.write_outcome(out, outcome, source_id, run_id)
        documents.append(runs.document_row(outcome, source_id, where, run_id, started))
        logger.info("%s: %s, %d values%s", path.name, outcome.status, len(outcome.values),
                    f" ({outcome.error})" if outcome.error else "")
    runs.finish_run(out, run_id, started, documents)
    return documents


def with_workers(n: int) -> Flow:
    """The ingest flow on a local Dask cluster of `n` worker processes (PDF parsing is CPU-bound)."""
    if n <= 1:
        return ingest
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as e:
        raise RuntimeError("--workers needs prefect-dask: pip install 'factsheets[dask]'") from e
    runner = DaskTaskRunner(cluster_kwargs={"n_workers": n, "threads_per_worker": 1, "processes": True})
    return ingest.with_options(task_runner=runner)
