"""A time and a memory limit per document: a document that hangs or swells is quarantined, the run goes on.

pdfminer loops forever on some malformed files (a page whose /Contents refers to itself), and a
parser's appetite for memory grows with what a file claims, not with its size. No reader can be
trusted to stop itself, so each document is read in a child process that the parent can kill:

- the memory limit is an address-space limit (`RLIMIT_AS`) set inside the child, counted on top of
  what the child holds when it starts (the imported libraries), so "N MB" means N MB for the
  document itself whatever the platform's baseline; an allocation past it raises MemoryError in
  the child, which reports it;
- the time limit is a wall-clock deadline kept by the parent, which kills the child when it passes.

Children are forked from a `forkserver` that has imported the pipeline and built its caches once
(`pipeline.ops.warm`), so a child costs a fork (0.04 s), not a fresh interpreter (3 s of imports and
0.7 s of spaCy pipelines and name indexes). `RLIMIT_AS` is enforced on Linux; where the
platform has no /proc (macOS) only the time limit applies.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pipeline.model.digest import sha256_of
from pipeline.model.records import DocInfo, Outcome

# The slowest sample (a 3-page MCSC sheet) takes 0.5 s and the 50-page bench PDF 6 s; two minutes
# leave a wide margin for a slow laptop and stop a hang long before anyone wonders about it.
SECONDS = 120.0
# A 5,000-page PDF, read page by page, stays under 400 MB (bench/memory.py); 1.5 GB per document
# keeps two workers and the browser within an 8 GB laptop.
MEMORY_MB = 1536

_PRELOAD = ["pipeline.ops.warm"]
PR_SET_PDEATHSIG = 1  # prctl(2)


@dataclass(frozen=True, slots=True)
class Limits:
    """How long and how much memory one document may take (CLI: --time-limit, --memory-limit)."""

    seconds: float = SECONDS
    memory_mb: int = MEMORY_MB


def process_limited(path: Path, hint: DocInfo | None = None, limits: Limits = Limits()) -> Outcome:
    """`extract.process` in a child process under `limits`; over a limit, the document is quarantined."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, Path(path), hint, limits.memory_mb),
                            name=f"factsheets-doc-{Path(path).name[:40]}")
    started = time.perf_counter()
    with _children_allowed():
        child.start()
    send.close()  # the child holds the only writing end: EOF tells us it died
    try:
        if receive.poll(limits.seconds):
            try:
                reply = receive.recv()
            except EOFError:
                reply = None
        else:
            reply = f"over the time limit of {limits.seconds:g} s; raise --time-limit if the document is sound"
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if isinstance(reply, Outcome):
        return reply
    if reply is None:  # the child died without a word: killed from outside or crashed in C code
        code = child.exitcode or 0
        cause = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
        reply = f"the reader process died ({cause}); please report it with the file"
        return _quarantined(Path(path), reply, time.perf_counter() - started, retry=True)
    return _quarantined(Path(path), reply, time.perf_counter() - started)


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a SIGKILLed run must leave no process
    behind: its forkserver, and the forkserver's document child). Elsewhere a no-op."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _child(send: multiprocessing.connection.Connection, path: Path, hint: DocInfo | None, memory_mb: int) -> None:
    """Read one document under an address-space limit and send back its Outcome (or the reason it has none)."""
    try:
        die_with_parent()
        _limit_memory(memory_mb)
        from pipeline.extract import process  # imported by the forkserver already; the run itself never reads

        try:
            outcome: Outcome | str = process(path, hint)
        except MemoryError:
            outcome = f"over the memory limit of {memory_mb} MB; raise --memory-limit if the document is sound"
        send.send(outcome)
    finally:
        send.close()


def _limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at what it holds now plus `memory_mb`."""
    try:
        with open("/proc/self/statm") as f:
            held = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return  # no /proc: the kernel would not enforce RLIMIT_AS anyway (macOS)
    cap = held + memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))


def _quarantined(path: Path, reason: str, seconds: float, retry: bool = False) -> Outcome:
    try:
        document_id = sha256_of(path)
    except OSError:
        document_id = ""
    return Outcome(path=path, document_id=document_id, status="quarantined", error=reason, seconds=seconds,
                   retry=retry)


_CONTEXT: multiprocessing.context.BaseContext | None = None


def _context() -> multiprocessing.context.BaseContext:
    """A forkserver that has imported the pipeline (fork is unsafe in a threaded parent such as Prefect's)."""
    global _CONTEXT
    if _CONTEXT is None:
        methods = multiprocessing.get_all_start_methods()
        _CONTEXT = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            _CONTEXT.set_forkserver_preload(_PRELOAD)
    return _CONTEXT


@contextmanager
def _children_allowed() -> Iterator[None]:
    """Let a daemonic process (a Dask worker) start the child anyway.

    multiprocessing refuses children to daemonic processes so that none outlives its parent; here
    the child is always joined or killed before `process_limited` returns, so none can.
    """
    config = multiprocessing.current_process()._config  # type: ignore[attr-defined]
    daemon = config.get("daemon")
    config["daemon"] = False
    try:
        yield
    finally:
        if daemon is not None:
            config["daemon"] = daemon
