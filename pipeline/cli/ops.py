"""Running the flow from the command line: `ingest`'s body, `backfill` and `serve`.

Everything that can be checked before Prefect starts is checked first (input paths, the output
folder or URI, the registry, the Dask address), so a mistake costs a one-line error and exit code 2, not
a traceback after the run. Prefect is imported only once the checks pass.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import tempfile
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from pipeline.ops import ledger
from pipeline.ops.inputs import discover, local_inputs
from pipeline.sources.registry import RegistryError, load_registry
from pipeline.ops import limits
from pipeline.ops.limits import Limits
from pipeline.ops.selection import Selection
from pipeline.output import location
from pipeline.output.location import Location

console = Console(stderr=True, width=140)
SUMMARY_ROWS = 40  # above this many documents the summary lists only those that were not ok
DASK_CONNECT_SECONDS = 5.0
DEFAULT_CRON = "0 6 * * *"  # every day at 06:00 (the server's time zone): the publishers post during office hours


class UsageError(Exception):
    """A mistake on the command line, found before the flow starts."""


def fail(message: str) -> typer.Exit:
    console.print(f"factsheets: error: {message}", soft_wrap=True, markup=False, highlight=False)
    return typer.Exit(2)


def output_location(out: str) -> Location:
    """`--out` as a local folder or a remote prefix (`location.parse`), checked by `check_out`."""
    try:
        where = location.parse(out)
    except ImportError as e:
        raise UsageError(f"--out {out}: {e} (for s3://: pip install 'factsheets[s3]')") from None
    except ValueError as e:
        raise UsageError(f"--out {out}: {e}; give a folder or a URI such as s3://bucket/prefix") from None
    check_out(where)
    return where


def check_out(out: Location) -> None:
    """The output folder exists or can be made, and a file can be written in it."""
    if not location.is_local(out):
        check_remote_out(out)
        return
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a folder for indicators/, documents/ and review/")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out, prefix=".write-check-"):
            pass
    except OSError as e:
        raise UsageError(f"--out {out} cannot be written ({e.strerror or e})") from None


def check_remote_out(out: Location) -> None:
    """The bucket exists and takes an object under the prefix now (credentials, endpoint, permissions)."""
    try:
        location.check_remote(out)
    except NotADirectoryError:
        raise UsageError(f"--out {out} is an object; give a prefix for indicators/, documents/ and review/") from None
    except Exception as e:  # the filesystem's own errors (botocore's, aiohttp's) are not all OSError
        lines = str(e).strip().splitlines() or [type(e).__name__]
        raise UsageError(f"--out {out} cannot be written ({lines[0]})") from None


def check_inputs(paths: list[Path], registry: Path | None) -> None:
    if not paths and not registry:
        raise UsageError("give at least one PATH or --registry sources.yaml")
    try:
        discover(paths)
    except FileNotFoundError as e:
        raise UsageError(str(e)) from None
    if registry:
        try:
            sources = load_registry(registry)
        except RegistryError as e:
            raise UsageError(str(e)) from None
        if sources and all(s.problem for s in sources):  # a bad entry is skipped; a registry of only those is a mistake
            raise UsageError(f"{registry}: no usable entry; first problem: {sources[0].problem}")


def check_dask(address: str | None, workers: int) -> None:
    if not address:
        return
    if workers > 1:
        raise UsageError("give --workers N (a local cluster) or --dask ADDRESS (an existing one), not both")
    host, _, port = address.removeprefix("tcp://").rpartition(":")
    try:
        socket.create_connection((host or "127.0.0.1", int(port)), timeout=DASK_CONNECT_SECONDS).close()
    except (OSError, ValueError) as e:
        raise UsageError(f"no Dask scheduler answers at {address} ({e}); start one with `dask scheduler`") from None


def quiet() -> None:
    """Prefect's and pdfminer's chatter off: the progress bar and the document lines say what happens."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network at run time
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    # SIGTERM (a scheduler stopping the job) unwinds like Ctrl-C: the run's Prefect home and Dask cluster go too
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))


def check_plain(registry: Path | None, workers: int, dask: str | None) -> None:
    if registry or workers > 1 or dask:
        raise UsageError("--no-prefect reads local files in this process; --registry, --workers and --dask "
                         "need the Prefect flow")


def uses_flow(paths: list[Path], out: Location, registry: Path | None, workers: int, dask: str | None,
              force: bool, limits: Limits, prefect: bool | None) -> bool:
    """Does this run go through the Prefect flow? `--prefect`/`--no-prefect` decide when given.

    Otherwise it does when Prefect has something to give: downloads (the fetch task's retries), a
    Prefect server that keeps the run's record (`PREFECT_API_URL`), or documents for a task runner
    (`--workers`, `--dask`) to spread. Without a server, a run's own API and its record are deleted
    when the run ends (`prefect_api`), and starting it costs about 12 CPU s (`bench/startup.py`),
    so a local run with nothing to spread reads in this process (`pipeline.ops.plain`): the same
    limited children, ledger, tables and audit."""
    if prefect is not None:
        return prefect
    if registry or os.environ.get("PREFECT_API_URL"):
        return True
    if workers > 1 or dask:
        return force or not ledger.all_unchanged(out, local_inputs(paths), limits)
    return False


def run_flow(paths: list[Path], out: str, registry: Path | None, raw_dir: Path, workers: int = 1,
             dask: str | None = None, force: bool = False, select: Selection | None = None,
             limits: Limits = Limits(), prefect: bool | None = None) -> list[dict]:
    """Check the command line, then run with a progress bar and print the summary: through the ingest
    flow, or in this process without Prefect (`uses_flow`)."""
    try:
        check_inputs(paths, registry)
        where = output_location(out)
        check_dask(dask, workers)
        if prefect is False:
            check_plain(registry, workers, dask)
    except UsageError as e:
        raise fail(str(e)) from None
    quiet()
    from pipeline.ops import progress

    if not uses_flow(paths, where, registry, workers, dask, force, limits, prefect):
        from pipeline.ops import plain

        with progress.showing(console) as reporter:
            documents = plain.run(paths, where, force, limits, reporter)
        summary(documents, where)
        return documents
    from pipeline.ops.prefect_api import local_api

    with local_api():
        from flows.ingest import ingest, task_runner  # Prefect is imported only when a flow runs

        runner = task_runner(workers, dask)
        flow = ingest.with_options(task_runner=runner) if runner else ingest
        with progress.showing(console):
            documents = flow(paths=paths, out=str(where), registry=registry, raw_dir=raw_dir, force=force,
                             select=select, limits=limits)
    summary(documents, where)
    return documents


def summary(documents: list[dict], out: Location) -> None:
    """The run's documents (only those not ok when there are many), reasons in full, then the totals."""
    shown = documents if len(documents) <= SUMMARY_ROWS else [d for d in documents if d["status"] != "ok"]
    if shown:
        table = Table(title=f"factsheets -> {out.resolve()}")
        for col in ("document", "publisher", "mechanism", "lang", "period", "status", "values", "review"):
            table.add_column(col, no_wrap=col != "document")
        table.add_column("reason", overflow="fold", ratio=1)
        for d in shown:
            period = f"{d['period_start'] or ''}..{d['period_end'] or ''}"
            table.add_row(Path(d["path_or_url"]).name, d["publisher"] or "", d["mechanism"] or "",
                          d["language"] or "", period, d["status"], str(d["n_indicators"]), str(d["n_review"]),
                          d["error"] or "")
        console.print(table)
    quarantined = sum(d["status"] == "quarantined" for d in documents)
    console.print(f"{len(documents)} documents ({quarantined} quarantined), "
                  f"{sum(d['n_indicators'] for d in documents)} values, {sum(d['n_review'] for d in documents)} "
                  f"review items; indicators/, documents/, review/, report.md and audit/index.html are in {out.resolve()}",
                  soft_wrap=True)


OUT = typer.Option("processed", "--out", help="output folder for indicators/, documents/, review/, or a "
                   "filesystem URI such as s3://bucket/prefix (pip install 'factsheets[s3]')")
RAW = typer.Option(Path("raw/downloads"), "--raw-dir", help="where registry downloads are kept")
WORKERS = typer.Option(1, "--workers", min=1, help="worker processes (a local Dask cluster when > 1)")
DASK = typer.Option(None, "--dask", help="address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
FORCE = typer.Option(False, "--force", help="read every document again, even when its cached result is current")
TIME_LIMIT = typer.Option(limits.SECONDS, "--time-limit", min=1, help="seconds one document may take before it is "
                          "quarantined")
PREFECT = typer.Option(None, "--prefect/--no-prefect", help="run through the Prefect flow, or read local files in "
                       "this process without it; by default the flow runs for --registry, --workers/--dask with "
                       "documents to read, or when PREFECT_API_URL names a server")
MEMORY_LIMIT = typer.Option(limits.MEMORY_MB, "--memory-limit", min=64, help="MB of memory one document may take "
                            "before it is quarantined")


def backfill(
    paths: list[Path] = typer.Argument(None, help="folders (or files) of historic documents"),
    registry: Path | None = typer.Option(None, "--registry", help="sources.yaml: fetch and ingest its sources"),
    publisher: list[str] = typer.Option([], "--publisher", help="only these publishers (OSCE, IDM, KP); repeatable"),
    mechanism: list[str] = typer.Option([], "--mechanism", help="only these mechanisms (MCSC, MOCR, LPSC, KVSP)"),
    language: list[str] = typer.Option([], "--language", help="only these languages (sq, sr, en)"),
    year_from: int | None = typer.Option(None, "--year-from", help="only sources whose period reaches this year"),
    year_to: int | None = typer.Option(None, "--year-to", help="only sources whose period starts by this year"),
    out: str = OUT, raw_dir: Path = RAW, workers: int = WORKERS, dask: str | None = DASK, force: bool = FORCE,
    time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT, prefect: bool | None = PREFECT,
) -> None:
    """Ingest years of documents in parallel; unchanged documents are skipped (cached by sha256 + code version)."""
    filters = (publisher, mechanism, language, year_from, year_to)
    if any(f not in ((), [], None) for f in filters) and not registry:
        raise fail("--publisher, --mechanism, --language and --year-from/--year-to select registry sources; "
                   "give --registry sources.yaml (folders are ingested whole)")
    select = Selection(tuple(publisher), tuple(mechanism), tuple(language), year_from, year_to)
    run_flow(list(paths or []), out, registry, raw_dir, workers, dask, force, select if registry else None,
             Limits(time_limit, memory_limit), prefect)


def serve(
    registry: Path = typer.Option(..., "--registry", help="sources.yaml: checked on every scheduled run"),
    paths: list[Path] = typer.Argument(None, help="folders also ingested on every run (only what changed is read)"),
    cron: str = typer.Option(DEFAULT_CRON, "--cron", help="when to run, a cron expression"),
    name: str = typer.Option("scheduled", "--name", help="the deployment's name"),
    out: str = OUT, raw_dir: Path = RAW,
) -> None:
    """Serve the ingest flow as a Prefect deployment on a cron schedule (until stopped with Ctrl-C or SIGTERM).

    Each run downloads only new or changed sources and reads only documents it has not read with this code.
    """
    try:
        check_inputs(list(paths or []), registry)
        where = output_location(out)
        from prefect.client.schemas.schedules import CronSchedule

        CronSchedule(cron=cron)
    except UsageError as e:
        raise fail(str(e)) from None
    except ValueError as e:
        raise fail(f"--cron {cron!r} is not a cron expression ({e})") from None
    quiet()
    from pipeline.ops.prefect_api import local_api

    with local_api(services=True) as url:
        from flows.ingest import ingest

        console.print(f"serving deployment factsheets-ingest/{name} ({cron}); Prefect API at {url}",
                      soft_wrap=True, markup=False, highlight=False)
        parameters = {"paths": [str(p.resolve()) for p in paths or []], "out": str(where.resolve()),
                      "registry": str(registry.resolve()), "raw_dir": str(raw_dir.resolve())}
        ingest.serve(name=name, cron=cron, parameters=parameters, print_starting_message=False)
