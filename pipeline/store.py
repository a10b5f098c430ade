"""Writing the output tables so that a run can never corrupt them.

Layout under the output directory (each folder is one Parquet dataset, see CONTRACT.md):

    indicators/<document_id>.parquet   one file per document: a re-run replaces it, never duplicates
    review/<document_id>.parquet       the same for the review queue
    documents/<started_at>_<run_id>.parquet   one file per run: the run log, oldest first by name

Every file is written to a temporary name in the same folder and moved into place with
`os.replace`, which is atomic: an interrupted run leaves each file either old or new, never half.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import DOCUMENTS, INDICATORS, REVIEW


def to_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """Rows as an Arrow table of exactly `schema` (missing keys become null, extra keys are an error)."""
    names = set(schema.names)
    for r in rows:
        extra = set(r) - names
        if extra:
            raise ValueError(f"columns {sorted(extra)} are not in the schema; add them to pipeline/schema.py first")
    return pa.Table.from_pylist([{n: printable(r.get(n)) for n in schema.names} for r in rows], schema=schema)


def printable(value: object) -> object:
    """Text that UTF-8 can hold: a file name that is not valid UTF-8 (an archive from another system)
    reaches Python as lone surrogates (os.fsdecode's surrogateescape), which Parquet refuses; their
    bytes are written as \\xNN escapes, so `os.fsencode` of the unescaped name finds the file again."""
    if not isinstance(value, str) or value.isascii():
        return value
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogateescape" if _escaped_bytes_only(value) else "surrogatepass")
        return raw.decode("utf-8", "backslashreplace")


def _escaped_bytes_only(value: str) -> bool:
    """Whether every surrogate in `value` stands for one undecodable byte (U+DC80..U+DCFF)."""
    return all("\udc80" <= ch <= "\udcff" for ch in value if "\ud800" <= ch <= "\udfff")


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file under a temporary name, then move it into place in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def replace_document(out: Path, document_id: str, indicators: list[dict], review: list[dict]) -> None:
    """Replace one document's indicator and review rows (an empty list removes its old rows)."""
    for name, rows, schema in (("indicators", indicators, INDICATORS), ("review", review, REVIEW)):
        path = out / name / f"{document_id}.parquet"
        if rows:
            write_atomic(to_table(rows, schema), path)
        else:
            path.unlink(missing_ok=True)


def append_run(out: Path, run_id: str, started_at: str, documents: list[dict]) -> Path:
    """Add this run's document log as one file; names sort by start time, so the last is the newest."""
    path = out / "documents" / f"{started_at}_{run_id}.parquet"
    write_atomic(to_table(documents, DOCUMENTS), path)
    return path


def ensure_layout(out: Path) -> None:
    """Create the three table folders so readers find a (possibly empty) dataset."""
    for name in ("indicators", "documents", "review"):
        (out / name).mkdir(parents=True, exist_ok=True)
