"""Writing the output tables so that a run can never corrupt them.

Layout under the output directory (each folder is one Parquet dataset, see CONTRACT.md):

    indicators/<document_id>.parquet   one file per document: a re-run replaces it, never duplicates
    review/<document_id>.parquet       the same for the review queue
    documents/<started_at>_<run_id>.parquet   one file per run: the run log, oldest first by name
    history/indicators/<document_id>/<run_id>.parquet   rows a later run replaced (the same for review)
    <table>/empty.parquet              zero rows of the table's schema, only while the table has no other
                                       file, so that every reader sees an empty table (not an error)

A document's files record a digest of their rows (the run id left out) in the Parquet metadata: a
re-run that would write the same rows leaves the file alone, so an unchanged document costs one
footer read and its rows keep the id of the run that extracted them.

`indicators/` and `review/` hold the current rows only, so they never duplicate; every run's rows
stay queryable as current rows or, once superseded, under `history/`, keyed by the run that wrote them.

Every file is replaced in one step (`location.py`): locally written to a temporary name in the same
folder and moved into place with `os.replace`; on object storage (`--out s3://bucket/prefix`) sent as
one PUT. An interrupted run leaves each file either old or new, never half.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa

from pipeline.output import location
from pipeline.output.schema import DOCUMENTS, INDICATORS, REVIEW, TABLES


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


EMPTY = "empty.parquet"
DIGEST_KEY = b"factsheets.rows_sha256"


def rows_digest(rows: list[dict]) -> str:
    """What a document's file holds, whichever run wrote it: its rows without the run id."""
    text = json.dumps([{k: v for k, v in r.items() if k != "run_id"} for r in rows], default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def stored_digest(path: Path) -> str | None:
    """The rows digest of an existing file (its footer only), or None."""
    try:
        metadata = location.read_schema(path).metadata or {}
    except (OSError, pa.ArrowInvalid):
        return None
    return metadata.get(DIGEST_KEY, b"").decode() or None


def write_atomic(table: pa.Table, path: Path) -> None:
    """Replace a Parquet file in one step (`location.write_parquet`); the folder's empty marker goes."""
    location.write_parquet(table, path)
    if path.name != EMPTY:
        (path.parent / EMPTY).unlink(missing_ok=True)


def write_rows(rows: list[dict], schema: pa.Schema, path: Path, digest: str) -> None:
    """Replace a file with `rows`, their digest (`rows_digest`) in its footer for `stored_digest`."""
    table = to_table(rows, schema)
    write_atomic(table.replace_schema_metadata({**(table.schema.metadata or {}), DIGEST_KEY: digest}), path)


def keep_history(out: Path, name: str, path: Path) -> None:
    """Copy a current file that is about to be replaced to `history/`, under the run that wrote it."""
    if not path.exists():
        return
    run_ids = location.read_parquet(path, columns=["run_id"]).column("run_id").unique().to_pylist()
    target = out / "history" / name / path.stem / f"{run_ids[0] if run_ids else 'unknown'}.parquet"
    location.copy(path, target)


def replace_document(out: Path, document_id: str, indicators: list[dict], review: list[dict],
                     force: bool = False) -> dict[str, str | None]:
    """Replace one document's indicator and review rows (an empty list removes its old rows); a file
    that already holds the same rows is kept unless `force`; replaced rows move to `history/` first.
    Returns each table's rows digest as its file now records it (None: the document has no file there)."""
    digests: dict[str, str | None] = {}
    for name, rows, schema in (("indicators", indicators, INDICATORS), ("review", review, REVIEW)):
        path = out / name / f"{document_id}.parquet"
        digests[name] = None
        if not rows:
            keep_history(out, name, path)
            path.unlink(missing_ok=True)
            continue
        digests[name] = digest = rows_digest(rows)
        if force or stored_digest(path) != digest:
            keep_history(out, name, path)
            write_rows(rows, schema, path, digest)
    return digests


def write_run_log(out: Path, run_id: str, started_at: str, documents: list[dict]) -> Path:
    """Write this run's document log (so far) as one file; names sort by start time, so the last is the newest."""
    path = out / "documents" / f"{started_at}_{run_id}.parquet"
    write_atomic(to_table(documents, DOCUMENTS), path)
    return path


def ensure_layout(out: Path) -> None:
    """Create the three table folders, each readable as a (possibly empty) table by every reader."""
    for name, schema in TABLES.items():
        folder = out / name
        location.makedirs(folder)
        if not any(folder.glob("*.parquet")):
            write_atomic(schema.empty_table(), folder / EMPTY)
