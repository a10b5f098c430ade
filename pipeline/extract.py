"""One document, start to finish: the pipeline's stages as one visible list.

    sniff -> load -> identify -> read graphics (readers.READERS) -> read text -> map -> validate -> coverage

`process` never raises for a bad document: anything unreadable (empty, corrupt, encrypted,
scanned, not a PDF or HTML, not a fact sheet of a known kind) comes back quarantined with a reason
that says what to do. A bug in one item (a graphic, a table, a page of text, one graphic's mapping)
costs that item only: it becomes a `reader_failure` review item and the document is `partial`. Prefect is not imported here: the flow calls `process` as a task.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from pipeline.readers.html import read_html
from pipeline.identify import identify
from pipeline.isolation import Isolation
from pipeline.indicators.mapping import map_observations
from pipeline.model.observations import Observation
from pipeline.indicators.coverage import Printed, check_coverage, printed_shares
from pipeline.model.damage import Damage, apply as damaged
from pipeline.model.digest import sha256_of
from pipeline.model.inflate import InflateLimit
from pipeline.model.pagemodel import SpooledPdf, spool_pdf
from pipeline.readers import Seen, read_graphics
from pipeline.model.records import DocInfo, Outcome
from pipeline.readers.text import read_text
from pipeline.indicators.validate import validate

log = logging.getLogger(__name__)


class Quarantine(Exception):
    """A document that cannot be read; the message is the reason shown in `documents/`."""


def sniff(path: Path) -> str:
    """The file's real kind from its first bytes, whatever its name says: 'pdf' or 'html'."""
    with path.open("rb") as f:
        head = f.read(2048)
    if not head.strip():
        raise Quarantine("empty file: nothing to read; re-download it or remove it from the input")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered or b"<body" in lowered:
        return "html"
    raise Quarantine("not a PDF or HTML file (its first bytes are neither); check the source or its extension")


def load(path: Path) -> SpooledPdf:
    """Page models of a PDF, turning pdfminer's many failure modes into one clear reason."""
    try:
        doc = spool_pdf(path)
    except MemoryError:  # a memory limit (pipeline.ops.limits) says so itself
        raise
    except Exception as e:  # pdfminer raises a zoo of types for broken files, often wrapped
        causes = [e, *e.args]
        while causes[-1] is not None and isinstance(causes[-1], BaseException):
            causes.append(causes[-1].__cause__ or causes[-1].__context__)
        bomb = next((c for c in causes if isinstance(c, InflateLimit)), None)
        if bomb:
            raise Quarantine(str(bomb)) from e
        if any(isinstance(c, MemoryError) for c in causes):  # wrapped by pdfplumber
            raise MemoryError from e
        described = " ".join(f"{type(c).__name__} {c!r}" for c in causes if c is not None)
        if "password" in described.lower() or "encrypt" in described.lower():
            raise Quarantine("encrypted PDF: it needs a password; ask the publisher for an open copy") from e
        raise Quarantine(f"corrupt or unreadable PDF ({type(e).__name__}: {described[:160]})") from e
    if not doc.n_pages:
        raise Quarantine("PDF has no pages")
    if not doc.n_words:
        raise Quarantine(f"no text layer ({doc.n_images} images): a scanned document; OCR is not supported, "
                         "find a born-digital edition")
    return doc


def process(path: Path, hint: DocInfo | None = None) -> Outcome:
    """Read one document into values with provenance, or quarantine it with a reason.

    `hint` is what a registry says about the document; it fills what the content does not tell.
    """
    started = time.perf_counter()
    out = Outcome(path=path, document_id=sha256_of(path))
    isolation = Isolation()
    seen: list[Seen] = []
    printed: list[Printed] = []  # shares printed as cells or labels, for the coverage check
    try:
        kind = sniff(path)
        damage = Damage()
        if kind == "html":
            _, out.info, values = read_html(path, hint)  # identified once, inside, with the hint
            out.n_pages = 1
            require_known(out.info)
            observations: list[Observation] = []
        else:
            doc = load(path)  # page models are read back one at a time: memory does not grow with pages
            damage = doc.damage
            out.n_pages = doc.n_pages
            out.info = identify(doc.text, doc.meta).filled_from(hint)
            require_known(out.info)
            observations = []
            for page in doc.pages():
                observations += read_graphics(page, isolation, seen)
                printed += printed_shares(page)
            values = read_text(doc.pages(), out.info, isolation)
        mapped, review = map_observations(observations, out.info, isolation)
        out.values, checks = validate(values + mapped, out.info)
        missed, problems = check_coverage(out.values, seen, out.info, printed)
        out.review += review + checks + isolation.review + missed
        if isolation.failed:
            problems.insert(0, isolation.summary())
        if damage:
            problems.append(f"damaged text layer: {damage.summary()}")
        out.status = damaged(damage, out.status, out.values, out.review)
        if problems:
            out.status, out.error = "partial", "; ".join(problems)
    except Quarantine as q:
        out.status, out.error = "quarantined", str(q)
    except MemoryError:  # over the memory limit of pipeline.ops.limits: reported there
        raise
    except Exception as e:  # a bug must not stop the run: record it and go on
        log.exception("failed on %s", path)
        out.status, out.error = "quarantined", f"internal error ({type(e).__name__}: {e}); please report it"
    out.seconds = time.perf_counter() - started
    return out


def require_known(info: DocInfo) -> None:
    if not info.publisher or not info.mechanism:
        raise Quarantine("not a recognised fact sheet: no known publisher or mechanism in its text "
                         f"({info.evidence or 'no evidence'}); add it to the registry with metadata if it is one")
