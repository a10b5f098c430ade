"""Backfill throughput: pages per second and peak memory with 1 and 2 workers, the cost of an unchanged
re-run, and a naive camelot baseline, in one run.

    python bench/backfill.py [--n 200] [--seed 7] [--work DIR] [--baseline-docs 12] [--baseline-only] [--dask]

Each run is the real command (`python -m pipeline.cli backfill CORPUS --out OUT [--workers 2]`) in a
subprocess (with 1 worker and no `PREFECT_API_URL` it reads without a Prefect flow, with 2 it is the
flow, two documents at a time: `pipeline.cli.ops.uses_flow`); wall time is measured around it, CPU
time and peak memory over its whole process tree, forkservers and document children included
(`bench/proctree.py`). `--dask` also runs it on a `dask scheduler` with two `dask worker` processes
started here, whose CPU time (forkservers and document children included) is added to the command's.
The naive baseline runs
camelot on every page of a sample of the PDFs, lattice then stream, as a pipeline without page models
would; the pipeline's whole extraction then runs on the same PDFs in the same process, and the two are
compared by CPU seconds per page (wall rates taken at different times on a shared machine are not).
"""
from __future__ import annotations

import argparse
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import psutil

from proctree import measured, reap_orphans

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's pipeline, as in the other benches


def cli_run(args: list[str], env: dict[str, str] | None = None, keep: frozenset[int] = frozenset()) -> dict:
    """One `factsheets` run: wall s, CPU s and peak MB of its whole process tree (`proctree.measured`)."""
    r = measured([sys.executable, "-m", "pipeline.cli", *args], ROOT, env, keep)
    if r["code"] != 0:
        raise SystemExit(f"factsheets {' '.join(args)} exited {r['code']}")
    if r["leftovers"]:
        print(f"warning: processes {r['leftovers']} outlived factsheets {' '.join(args)}")
    return r


def last_run_pages(out: Path) -> tuple[int, int]:
    docs = pd.read_parquet(out / "documents")
    last = docs[docs["run_id"] == docs.sort_values("finished_at")["run_id"].iloc[-1]]
    return int(last["n_pages"].fillna(0).sum()), len(last)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (camelot may render pages in a child)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def camelot_baseline(pdfs: list[Path]) -> tuple[int, float, float]:
    """Pages, wall seconds and CPU seconds for camelot lattice, then stream, on every page of `pdfs`."""
    import warnings

    import camelot
    import pdfplumber

    warnings.filterwarnings("ignore")
    pages, started, cpu = 0, time.perf_counter(), cpu_seconds()
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            n = len(doc.pages)
        for page in range(1, n + 1):
            for flavor in ("lattice", "stream"):
                try:
                    camelot.read_pdf(str(pdf), pages=str(page), flavor=flavor)
                except Exception:  # a naive baseline does not care why a page has no table
                    pass
            pages += 1
    return pages, time.perf_counter() - started, cpu_seconds() - cpu


def pipeline_on(pdfs: list[Path]) -> tuple[int, float, float]:
    """Pages, wall seconds and CPU seconds of the whole extraction (`process`: tables, charts, text,
    mapping, validation) on the same PDFs in this process, after one warm-up document (spaCy)."""
    from pipeline.extract import process

    process(pdfs[0])
    pages, started, cpu = 0, time.perf_counter(), cpu_seconds()
    for pdf in pdfs:
        pages += process(pdf).n_pages
    return pages, time.perf_counter() - started, cpu_seconds() - cpu


def compare_with_camelot(pdfs: list[Path]) -> None:
    """The naive baseline against the pipeline on the same PDFs, one after the other in one process,
    by CPU time (which a loaded machine disturbs far less than wall time)."""
    pages, wall, cpu = camelot_baseline(pdfs)
    own_pages, own_wall, own_cpu = pipeline_on(pdfs)
    print(f"naive baseline (camelot lattice then stream on every page, {len(pdfs)} PDFs): {pages} pages in "
          f"{wall:.1f} s wall, {cpu:.1f} CPU s = {cpu / pages:.2f} CPU s/page")
    print(f"the pipeline's whole extraction on the same PDFs: {own_pages} pages in {own_wall:.1f} s wall, "
          f"{own_cpu:.1f} CPU s = {own_cpu / own_pages:.2f} CPU s/page: "
          f"{(cpu / pages) / (own_cpu / own_pages):.1f}x less CPU per page than the baseline")


@contextmanager
def dask_cluster(workers: int = 2) -> Iterator[tuple[str, Callable[[], float], frozenset[int]]]:
    """A `dask scheduler` and `workers` one-thread `dask worker`s on 127.0.0.1 importing this checkout; yields
    the address, a function that gives the CPU s the cluster's processes and their reaped children have
    used, and the cluster's process ids."""
    from distributed import Client

    dask = str(Path(sys.executable).parent / "dask")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    quiet = {"env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                               "--no-dashboard"], **quiet)]
    try:
        with Client(address, timeout=60) as client:  # the scheduler is up
            procs += [subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard"], **quiet)
                      for _ in range(workers)]
            client.wait_for_workers(workers, timeout=120)

        def cpu() -> float:
            total = 0.0
            for p in procs:
                root = psutil.Process(p.pid)
                for q in [root, *root.children(recursive=True)]:
                    try:
                        t = q.cpu_times()
                    except psutil.Error:  # a document child that just ended: its parent has reaped it
                        continue
                    total += t.user + t.system + t.children_user + t.children_system
            return total

        yield address, cpu, frozenset(p.pid for p in procs)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=30)
        reap_orphans(frozenset())  # the workers' orphaned forkservers: their time is the cluster's, not the next run's


def report_rerun(label: str, rerun: dict, first: dict) -> None:
    print(f"{label}: {rerun['wall']:.1f} s wall, {rerun['cpu']:.1f} CPU s = "
          f"{100 * rerun['wall'] / first['wall']:.1f}% of the first run's wall time, "
          f"{100 * rerun['cpu'] / first['cpu']:.1f}% of its CPU time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="generated documents (at least 200 for the figures)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus and outputs (default: temp)")
    parser.add_argument("--baseline-docs", type=int, default=12, help="PDFs the camelot baseline reads")
    parser.add_argument("--baseline-only", action="store_true", help="only the comparison with camelot")
    parser.add_argument("--dask", action="store_true", help="also a run on a local scheduler with 2 dask workers")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-backfill-"))
    corpus = work / "corpus"
    if not corpus.exists():
        subprocess.run([sys.executable, "-m", "fixtures.render", str(corpus), "--seed", str(args.seed),
                        "--n", str(args.n)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"corpus: {args.n} generated documents in {corpus}")
    if args.baseline_only:
        compare_with_camelot(sorted(corpus.glob("*.pdf"))[: args.baseline_docs])
        return

    results = {}
    for workers in (1, 2):
        out = work / f"out-{workers}"
        results[workers] = cli_run(["backfill", str(corpus), "--out", str(out), "--workers", str(workers)])
        pages, docs = last_run_pages(out)
        r = results[workers]
        r["pages"] = pages
        print(f"{workers} worker(s): {docs} documents, {pages} pages in {r['wall']:.1f} s wall "
              f"({r['cpu']:.1f} CPU s): {pages / r['wall']:.2f} pages/s; peak memory {r['peak_mb']:.0f} MB")

    if args.dask:
        with dask_cluster() as (address, cluster_cpu, pids):
            before = cluster_cpu()
            r = cli_run(["backfill", str(corpus), "--out", str(work / "out-dask"), "--dask", address], keep=pids)
            cluster = cluster_cpu() - before
        print(f"--dask (a scheduler and 2 dask workers): {r['wall']:.1f} s wall, {r['cpu'] + cluster:.1f} CPU s "
              f"({r['cpu']:.1f} the command, {cluster:.1f} the cluster)")

    first = results[1]
    rerun_args = ["backfill", str(corpus), "--out", str(work / "out-1"), "--workers", "1"]
    report_rerun("unchanged re-run (1 worker; nothing to read, so no Prefect flow)", cli_run(rerun_args), first)
    report_rerun("unchanged re-run (1 worker, --prefect: the flow with its own in-process API)",
                 cli_run([*rerun_args, "--prefect"]), first)
    from pipeline.ops.prefect_api import local_api

    with local_api() as url:  # what a team's Prefect server saves: the API's start-up in every run
        rerun = cli_run(rerun_args, {**os.environ, "PREFECT_API_URL": url})
    report_rerun("unchanged re-run (1 worker, PREFECT_API_URL set to a running API: the flow)", rerun, first)

    compare_with_camelot(sorted(corpus.glob("*.pdf"))[: args.baseline_docs])

if __name__ == "__main__":
    main()
