"""A run over many documents: finding inputs, turning outcomes into table rows, writing them.

`run` is the body of the ingest flow: the flow calls it with a function that processes documents as
Prefect tasks, the tests with one that calls `extract.process` directly, so both exercise the same
code. Prefect is not imported here.

The run log (`documents/<start>_<run id>.parquet`) is rewritten after every document, right before
that document's rows are moved into place, so the tables only ever hold rows whose run has logged
them. A kill between the two leaves that document's earlier rows (or none) under a log line of the
new run; its ledger entry, written last, is missing, so the next run reads it again. (The other
order left a killed run's rows with no log line: the SIGKILL tests of `tests/test_ops.py` and of
`tests/test_s3_output.py`, which kills an `ingest` writing to a bucket, caught it.)
"""
from __future__ import annotations

import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from pipeline.model.digest import sha256_of
from pipeline.ops import ledger
from pipeline.output import contracts, store
from pipeline.sources.fetch import Fetched
from pipeline.ops.inputs import Input
from pipeline.model.records import DocInfo, Outcome, ReviewItem
from pipeline.output.report import write_report
from pipeline.output.rows import BBOX_COLUMNS, indicator_row
from pipeline.output.store import printable

class Reporter(Protocol):
    """Who is told how the run goes (a progress bar, a log)."""

    def start(self, total: int) -> None: ...

    def done(self, document: dict) -> None: ...


# Processes the inputs and yields each with its outcome as it finishes (in any order).
Processor = Callable[[list[Input]], Iterable[tuple[Input, Outcome]]]


def run(inputs: list[Input], out: Path, run_id: str, processor: Processor, force: bool = False,
        reporter: Reporter | None = None, key: Callable[[Input], str] | None = None) -> list[dict]:
    """Process every input and write the outputs: rows per document as it finishes, then its run log line.
    Returns the run log's rows. The reports (`report.md`, `audit/`) are the audit's, which follows
    (`pipeline.audit.audit`, or `finish_run`): written once per run, after the checks across documents.

    With `key` (what decides a document's outcome, `ledger.document_key`), documents this folder
    already holds unchanged (`ledger.lookup`) are logged first, all in one write, and never reach
    `processor` (their `seconds` are 0: this run spent no reading on them); `force` reads everything again."""
    started = datetime.now(timezone.utc)
    stamp = started.strftime("%Y%m%dT%H%M%S%fZ")
    store.ensure_layout(out)
    if reporter:
        reporter.start(len(inputs))
    keys = {id(item): k for item in inputs if (k := _key(key, item))}
    documents: list[dict] = []
    todo = []
    for item in inputs:
        fields = ledger.lookup(out, keys[id(item)], item.source_id) if id(item) in keys and not force else None
        if fields is None:
            todo.append(item)
        else:
            documents.append(row_of(fields, item.source_id, item.where, run_id, started))
    if documents:
        store.write_run_log(out, run_id, stamp, contracts.checked_documents(documents))
        if reporter:
            for d in documents:
                reporter.done(d)
    for item, outcome in processor(todo):
        rows = loadable(outcome, item.source_id, run_id)
        fields = outcome_fields(outcome)
        documents.append(row_of(fields, item.source_id, item.where, run_id, started))
        store.write_run_log(out, run_id, stamp, contracts.checked_documents(documents))  # before its rows
        files = None if rows is None else store.replace_document(out, outcome.document_id, *rows, force)
        if id(item) in keys and outcome.document_id and not outcome.retry:  # a re-run may log it from here
            files = ledger.stored_files(out, outcome.document_id) if files is None else files
            ledger.record(out, keys[id(item)], item.source_id, {**fields, "seconds": 0.0}, files)
        if reporter:
            reporter.done(documents[-1])
    if not documents:
        store.write_run_log(out, run_id, stamp, contracts.checked_documents(documents))
    return documents


def _key(key: Callable[[Input], str] | None, item: Input) -> str | None:
    """The item's ledger key; None (no skipping) without `key` or when the file cannot be read now:
    the processor then says why."""
    try:
        return key(item) if key else None
    except OSError:
        return None


def failed(item: Input, error: BaseException) -> Outcome:
    """The outcome of a document whose task failed outside `process` (a lost worker, a broken cache file)."""
    try:
        document_id = sha256_of(item.path)
    except OSError:
        document_id = ""
    reason = "".join(traceback.format_exception_only(error)).strip()
    return Outcome(item.path, document_id, status="quarantined",
                   error=f"processing failed ({reason}); the run went on without it", retry=True)


def indicator_rows(o: Outcome, source_id: str, run_id: str) -> list[dict]:
    document = {"document_id": o.document_id, "source_id": source_id, "publisher": o.info.publisher,
                "mechanism": o.info.mechanism, "language": o.info.language, "run_id": run_id}
    return [indicator_row(v, document) for v in o.values]


def review_rows(o: Outcome, run_id: str) -> list[dict]:
    return [{"document_id": o.document_id, "page": r.page, "kind": r.kind, "text": r.text,
             "candidates": r.candidates or None, "detail": with_bbox(r) or None, "run_id": run_id} for r in o.review]


def with_bbox(r: ReviewItem) -> str:
    """The detail, led by the item's box in the agreed `bbox=x0,top,x1,bottom` form when it has one."""
    if r.bbox is None or contracts.bbox_of(r.detail):
        return r.detail
    box = contracts.bbox_detail(dict(zip(BBOX_COLUMNS, r.bbox)))
    return f"{box}; {r.detail}" if r.detail else box


def outcome_fields(o: Outcome) -> dict:
    """What the run log says of a document's outcome, whichever run and input it came from."""
    return {
        "document_id": o.document_id, "publisher": o.info.publisher, "mechanism": o.info.mechanism,
        "language": o.info.language, "title": o.info.title, "period_start": o.info.period_start,
        "period_end": o.info.period_end, "n_pages": o.n_pages, "status": o.status, "error": o.error,
        "n_indicators": len(o.values), "n_review": len(o.review), "seconds": round(o.seconds, 3),
    }


def document_row(o: Outcome, source_id: str, where: str, run_id: str, started_at: datetime) -> dict:
    return row_of(outcome_fields(o), source_id, where, run_id, started_at)


def row_of(fields: dict, source_id: str, where: str, run_id: str, started_at: datetime) -> dict:
    """A run log row: an outcome's fields, the input's names and this run's id and times."""
    return {**fields, "source_id": printable(source_id), "path_or_url": printable(where), "run_id": run_id,
            "started_at": started_at, "finished_at": datetime.now(timezone.utc)}


def failed_source(f: Fetched) -> Outcome:
    """A registry source that could not be fetched (or whose entry is broken) as a quarantined document
    without bytes (no document_id), so that it shows in documents/ and the report with its reason."""
    s = f.source
    info = DocInfo(publisher=s.publisher or None, mechanism=s.mechanism or None, language=s.language or None,
                   title=s.title or None)
    return Outcome(path=Path(s.id), document_id=None, status="quarantined", error=f.error, info=info)  # type: ignore[arg-type]


NOT_LOADED = ("municipality_match", "validation")  # review kinds whose values were read but not loaded


def write_outcome(out: Path, o: Outcome, source_id: str, run_id: str,
                  force: bool = False) -> dict[str, str | None] | None:
    """Replace this document's rows (`loadable`); a quarantined document keeps whatever an earlier
    run loaded. Returns the digests of the files written (`store.replace_document`), None for a
    quarantined document."""
    rows = loadable(o, source_id, run_id)
    return None if rows is None else store.replace_document(out, o.document_id, *rows, force)


def loadable(o: Outcome, source_id: str, run_id: str) -> tuple[list[dict], list[dict]] | None:
    """The indicator and review rows to write for a document, None for a quarantined one.

    The rows are checked against the pandera contracts first: values that break it go to review, and
    a document with values read but not loaded (contract, validation, unmatched names) is `partial`.
    """
    if o.status == "quarantined":
        return None
    rows = indicator_rows(o, source_id, run_id)
    kept, rejected, error = contracts.enforce(rows, run_id)
    kept_ids = {id(r) for r in kept}
    o.values = [v for v, r in zip(o.values, rows) if id(r) in kept_ids]
    review = review_rows(o, run_id) + rejected
    problems = [error] if error else []
    if review and contracts.failures(contracts.frame(review, "review"), "review"):
        problems.append("review items break the output contract (a reader emitted an unknown kind?)")
    unloaded = Counter(r["kind"] for r in review if r["kind"] in NOT_LOADED)
    if unloaded:
        problems.append("read but not loaded, see review/: " + ", ".join(f"{n} {k}" for k, n in unloaded.items()))
    if problems:
        o.status = "partial"
        o.error = "; ".join(dict.fromkeys(p for p in [o.error, *problems] if p))
    o.review += [ReviewItem(r["page"], r["kind"], r["text"], detail=r["detail"]) for r in rejected]  # in n_review
    return kept, review


def finish_run(out: Path, run_id: str, started_at: datetime, documents: list[dict]) -> Path:
    """Log a run's documents at once, then write its audit page (`report.md`): for callers that
    write outcomes themselves instead of through `run`."""
    path = store.write_run_log(out, run_id, started_at.strftime("%Y%m%dT%H%M%S%fZ"),
                               contracts.checked_documents(documents))
    write_report(out, run_id)
    return path
