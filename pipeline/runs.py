"""A run over many documents: finding inputs, turning outcomes into table rows, writing them.

Everything a flow does besides orchestration lives here, so it is tested without Prefect.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from pipeline import store
from pipeline.extract import Outcome
from pipeline.fetch import Fetched
from pipeline.records import DocInfo
from pipeline.report import write_report
from pipeline.store import printable

SUFFIXES = {".pdf", ".html", ".htm"}


def discover(paths: list[Path]) -> list[Path]:
    """Files to ingest: the PDFs and HTML files named, or found under the folders named (recursively).

    Files with other extensions inside folders are skipped (a folder also holds truth tables,
    notes ...); a file named explicitly is always taken, and `sniff` decides what it really is.
    """
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                            and not any(part.startswith(".") for part in f.relative_to(p).parts))
        elif p.exists():
            found.append(p)
        else:
            raise FileNotFoundError(f"{p} does not exist; give a PDF, an HTML file or a folder")
    unique: dict[Path, None] = {f.resolve(): None for f in found}
    return list(unique)


def indicator_rows(o: Outcome, source_id: str, run_id: str) -> list[dict]:
    rows = []
    for v in o.values:
        x0, top, x1, bottom = v.bbox if v.bbox else (None, None, None, None)
        rows.append({
            "document_id": o.document_id, "source_id": source_id, "publisher": o.info.publisher,
            "mechanism": o.info.mechanism, "language": o.info.language, "indicator": v.indicator,
            "municipality_id": v.municipality_id, "category": v.category, "period_start": v.period_start,
            "period_end": v.period_end, "value": float(v.value), "unit": v.unit, "page": v.page,
            "x0": x0, "top": top, "x1": x1, "bottom": bottom, "method": v.method,
            "confidence": round(float(v.confidence), 3), "raw_text": v.raw_text,
            "municipality_raw": v.municipality_raw, "run_id": run_id, "notes": "; ".join(v.notes) or None,
        })
    return rows


def review_rows(o: Outcome, run_id: str) -> list[dict]:
    return [{"document_id": o.document_id, "page": r.page, "kind": r.kind, "text": r.text,
             "candidates": r.candidates or None, "detail": r.detail or None, "run_id": run_id} for r in o.review]


def document_row(o: Outcome, source_id: str, where: str, run_id: str, started_at: datetime) -> dict:
    return {
        "document_id": o.document_id, "source_id": printable(source_id), "path_or_url": printable(where),
        "publisher": o.info.publisher, "mechanism": o.info.mechanism, "language": o.info.language,
        "title": o.info.title, "period_start": o.info.period_start, "period_end": o.info.period_end,
        "n_pages": o.n_pages, "status": o.status, "error": o.error, "n_indicators": len(o.values),
        "run_id": run_id, "started_at": started_at, "finished_at": datetime.now(timezone.utc),
        "n_review": len(o.review), "seconds": round(o.seconds, 3),
    }


def failed_source(f: Fetched) -> Outcome:
    """A registry source that could not be fetched (or whose entry is broken) as a quarantined document
    without bytes (no document_id), so that it shows in documents/ and the report with its reason."""
    s = f.source
    info = DocInfo(publisher=s.publisher or None, mechanism=s.mechanism or None, language=s.language or None,
                   title=s.title or None)
    return Outcome(path=Path(s.id), document_id=None, status="quarantined", error=f.error, info=info)  # type: ignore[arg-type]


def write_outcome(out: Path, o: Outcome, source_id: str, run_id: str) -> None:
    """Replace this document's rows; a quarantined document keeps whatever an earlier run loaded."""
    if o.status == "quarantined":
        return
    store.replace_document(out, o.document_id, indicator_rows(o, source_id, run_id), review_rows(o, run_id))


def finish_run(out: Path, run_id: str, started_at: datetime, documents: list[dict]) -> Path:
    """Log the run's documents, then write the audit report of the run (`report.md`)."""
    stamp = started_at.strftime("%Y%m%dT%H%M%S%fZ")
    path = store.append_run(out, run_id, stamp, documents)
    write_report(out, run_id)
    return path
