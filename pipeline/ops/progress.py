"""What a person watching a run sees: a progress bar (documents done, values, quarantined) and one
line per document as it finishes, or the same lines in Prefect's log when nobody is watching.

The command line sets the reporter in a context variable before calling the flow: a flow's
parameters must be plain data (a scheduled run gets them from the API), a progress bar is not.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

_current: ContextVar[Reporter | None] = ContextVar("factsheets_reporter", default=None)


def current() -> Reporter | None:
    return _current.get()


def line(d: dict) -> str:
    """One document as it finished: name, status, values, and the whole reason when there is one."""
    text = f"{Path(d['path_or_url']).name}: {d['status']}, {d['n_indicators']} values, {d['n_review']} review"
    return text + (f" ({d['error']})" if d["error"] else "")


class Reporter:
    """Rich progress bar plus a line per document, on the given console."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[values]} values, {task.fields[failed]} quarantined"),
                                 TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=False)
        self.task = None
        self.values = self.failed = 0

    def start(self, total: int) -> None:
        self.task = self.progress.add_task("documents", total=total, values=0, failed=0)

    def done(self, document: dict) -> None:
        self.values += document["n_indicators"]
        self.failed += document["status"] == "quarantined"
        style = {"ok": "green", "partial": "yellow", "quarantined": "red"}.get(document["status"], "")
        self.progress.console.print(f"[{style}]{escape(line(document))}[/{style}]", soft_wrap=True)
        self.progress.update(self.task, advance=1, values=self.values, failed=self.failed)


class LogReporter:
    """The same lines in a log (a scheduled run, or a flow called from Python)."""

    def __init__(self, logger: logging.Logger | logging.LoggerAdapter) -> None:
        self.logger = logger

    def start(self, total: int) -> None:
        self.logger.info("%d documents to ingest", total)

    def done(self, document: dict) -> None:
        self.logger.info("%s", line(document))


@contextmanager
def showing(console: Console) -> Iterator[Reporter]:
    """Show a progress bar for the flow run inside this block."""
    reporter = Reporter(console)
    token = _current.set(reporter)
    try:
        with reporter.progress:
            yield reporter
    finally:
        _current.reset(token)
