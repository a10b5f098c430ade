"""Run a command and measure its whole process tree: wall time, CPU time, peak memory.

CPU time is the rusage of reaped children. Not every process of a run ends as a child of the
command: a run's forkserver (and the document children it reaps) and a Dask worker's forkserver are
orphaned when their parent exits, or killed with it (PR_SET_PDEATHSIG), and go to init, so
`RUSAGE_CHILDREN` of whoever started the command never sees their time. This process makes itself a
child subreaper (Linux prctl PR_SET_CHILD_SUBREAPER): orphans of the tree come to it, it reaps them,
and their CPU time is counted. Peak memory is the largest sum of the tree's resident sets, sampled.
"""
from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import threading
import time
from pathlib import Path

import psutil

PR_SET_CHILD_SUBREAPER = 36
SAMPLE_SECONDS = 0.1
ORPHANS_SECONDS = 60.0  # a forkserver goes within a second of its parent; a Dask worker may take a few


def adopt_orphans() -> None:
    """Make this process the reaper of its descendants' orphans (a no-op where prctl is missing)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1)
    except (OSError, AttributeError):
        pass


def _peak_rss(stop: threading.Event, peak: list[int]) -> None:
    me = psutil.Process()
    while not stop.is_set():
        total = 0
        for p in me.children(recursive=True):
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        peak[0] = max(peak[0], total)
        time.sleep(SAMPLE_SECONDS)


def reap_orphans(keep: frozenset[int]) -> list[int]:
    """Wait for the adopted orphans to end; return those still alive after `ORPHANS_SECONDS`. Children in
    `keep` (a cluster started before the command, which outlives it) are not waited for."""
    deadline = time.monotonic() + ORPHANS_SECONDS
    while True:
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            return []
        left = [p.pid for p in psutil.Process().children() if p.pid not in keep]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def measured(args: list[str], cwd: Path, env: dict[str, str] | None = None, keep: frozenset[int] = frozenset()) -> dict:
    """Run `args` to its end and the end of every process it started: wall s, CPU s (the whole tree),
    peak MB (the tree's resident sets), exit code, and the pids of processes that outlived it (other
    than the children `keep`, which this process started and ends itself)."""
    adopt_orphans()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=_peak_rss, args=(stop, peak), daemon=True)
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sampler.start()
    code = proc.wait()
    leftovers = reap_orphans(keep)
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mb": peak[0] / 2**20, "code": code, "leftovers": leftovers}
