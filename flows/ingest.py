"""The ingest flow: documents in, Parquet tables out (the same flow for manual, backfill and scheduled runs).

An unchanged document (same bytes, code version, registry metadata and limits, its rows still in
the tables: `pipeline.ops.ledger`) is logged by the run body before any task is made for it, so a
re-run of an unchanged archive makes no task at all. What is left goes to `process-document`,
whose policy sits in its decorator: cached by the same key, with the result persisted under
`<out>/.cache/`, so a document is not read again when only its tables went missing (`force` reads
everything again), and the writer keeps its files when their rows are the same
(`store.replace_document`). It has no
Prefect time-out: that cannot interrupt a worker thread stuck in C code (Prefect says so on every
task); the per-document time and memory limits of `process` do that. A task that fails anyway (a
lost Dask worker) becomes a quarantined document and the run goes on. No retries either: reading
the same bytes with the same code gives the same outcome. Scale-out is Prefect's business: one document at a time
by default, `task_runner(workers=n)` n at a time, `task_runner(dask=address)` an existing Dask cluster.

The body is `pipeline.runs.run`, which the tests call without Prefect. Only the flow writes
outputs, so every file has one writer.

No `from __future__ import annotations` here: a served run loads this flow from its entrypoint and
validates its parameters against the annotations, which must then be real types.
"""
from collections.abc import Iterator
from datetime import timedelta
from functools import partial
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.context import TaskRunContext
from prefect.futures import as_completed
from prefect.utilities.annotations import unmapped
from prefect.runtime import flow_run, task_run
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from flows.audit import audit_run
from pipeline import runs
from pipeline.ops import progress
from pipeline.ops import ledger
from pipeline.sources.fetch import fetch_all
from pipeline.ops.inputs import Input, local_inputs
from pipeline.ops.limits import Limits, process_limited
from pipeline.model.records import DocInfo, Outcome
from pipeline.sources.registry import load_registry
from pipeline.ops.selection import Selection
from pipeline.output import location
from pipeline.output.store import printable

CACHE_EXPIRATION = timedelta(days=90)  # a scheduled run re-reads every document at least once a quarter
FETCH_RETRIES = 2  # per-request retries are fetch.py's (tenacity); these cover a failing raw folder or resolver
FETCH_RETRY_DELAYS = [10, 60]


def document_key(context: TaskRunContext, parameters: dict) -> str:
    """The ledger's key (`pipeline.ops.ledger.document_key`): what decides the outcome."""
    return f"{ledger.PREFECT_PREFIX}{ledger.document_key(parameters['item'], parameters.get('limits', Limits()))}"


def _document_run_name() -> str:
    return f"process {printable(task_run.parameters['item'].path.name)}"  # Prefect's events refuse surrogates


@task(name="process-document", task_run_name=_document_run_name, cache_key_fn=document_key,
      cache_expiration=CACHE_EXPIRATION, persist_result=True)
def process_document(item: Input, limits: Limits = Limits()) -> Outcome:
    """One document in a child process with time and memory limits (`pipeline.ops.limits`)."""
    return process_limited(item.path, item.hint, limits)


def transient(task, task_run, state) -> bool:  # noqa: ANN001 (Prefect's retry_condition_fn signature)
    """Retry what asking again can fix: file-system and network trouble, not a malformed registry."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


@task(name="fetch-registry", retries=FETCH_RETRIES, retry_delay_seconds=FETCH_RETRY_DELAYS,
      retry_condition_fn=transient)
def fetch_registry(registry: Path, raw_dir: Path,
                   select: Selection | None = None) -> tuple[list[Input], list[tuple[Input, Outcome]]]:
    """Download what is new or changed (conditional requests); return every local copy as an input,
    and every source that failed or whose entry is broken with its quarantined outcome."""
    logger = get_run_logger()
    sources = load_registry(registry)
    if select:
        sources, unknown = select.apply(sources)
        if unknown:
            logger.warning("%d source(s) without a period left out by the year range: %s",
                           len(unknown), ", ".join(s.id for s in unknown))
    found, failed = [], []
    for f in fetch_all(sources, raw_dir):
        s = f.source
        if f.status == "error":
            logger.warning("%s", f.error)
            failed.append((Input(Path(s.id), s.id, s.url, None), runs.failed_source(f)))
            continue
        hint = DocInfo(publisher=s.publisher, mechanism=s.mechanism, language=s.language, title=s.title)
        found.append(Input(f.path, s.id, s.url, hint))
    return found, failed


@flow(name="factsheets-ingest", log_prints=True, task_runner=ThreadPoolTaskRunner(max_workers=1))
def ingest(paths: list[Path], out: Path | str, registry: Path | None = None, raw_dir: Path = Path("raw/downloads"),
           force: bool = False, select: Selection | None = None, limits: Limits = Limits()) -> list[dict]:
    """Ingest files and folders (and, with a registry, its new or changed sources) into `out`, a local
    folder or a filesystem URI such as s3://bucket/prefix (`pipeline.output.location`)."""
    out = location.parse(out)
    inputs = local_inputs(paths)
    failed: list[tuple[Input, Outcome]] = []
    if registry:
        found, failed = fetch_registry(registry, raw_dir, select)
        inputs += found
    task = process_document.with_options(
        result_storage=ledger.results_folder(out).resolve(), refresh_cache=force)

    def processor(items: list[Input]) -> Iterator[tuple[Input, Outcome]]:
        yield from failed  # sources that could not be fetched: quarantined rows of the run log
        futures = {future: item for item, future in zip(items, task.map(items, limits=unmapped(limits)))}
        for future in as_completed(list(futures)):
            try:
                yield futures[future], future.result()
            except Exception as e:  # a lost worker, a broken cache file: one document, not the run
                yield futures[future], runs.failed(futures[future], e)

    reporter = progress.current() or progress.LogReporter(get_run_logger())
    documents = runs.run(inputs, out, str(flow_run.get_id()), processor, force, reporter,
                         key=partial(ledger.document_key, limits=limits))
    ledger.prune(out)
    return audit_run(out, documents)


def task_runner(workers: int = 1, dask: str | None = None) -> TaskRunner | None:
    """The task runner for `--workers N` or `--dask ADDRESS` (an existing Dask cluster); None keeps the flow's own.

    `--workers N` is N tasks at a time in this process's threads, not a local Dask cluster: each
    document is read in its own child process forked from the run's warm forkserver
    (`pipeline.ops.limits`), so the children already are the parallel processes and a task's thread only
    waits for its child. A local cluster added, for the same documents, N interpreters that import
    Prefect and the pipeline, a forkserver warmed in each, and Prefect's task engine in a worker for
    every document (its settings, client and context built again each time): 40 documents took
    128 CPU s on 2 Dask workers against 69 on 1 (bench/backfill.py)."""
    if dask:
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as e:
            raise RuntimeError("--dask needs prefect-dask: pip install 'factsheets[dask]'") from e
        return DaskTaskRunner(address=dask)
    if workers <= 1:
        return None
    return ThreadPoolTaskRunner(max_workers=workers)
