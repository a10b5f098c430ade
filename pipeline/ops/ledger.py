"""What an output folder already holds from this code: the documents a re-run logs without reading them.

A document is unchanged when its bytes (sha256), the code (`codeversion`), its registry metadata and
the limits are those of an earlier run that wrote it here, and its files in `indicators/` and
`review/` still hold the rows that run wrote (the digests in their footers, `store.stored_digest`).
The run decides this before any Prefect task exists, with one hash and one small JSON file per
document: a Prefect task per document, even one answered from Prefect's cache, costs far more than
that (task run records in the API, a result to load, the rows to check and compare again).

What is not unchanged goes to the flow's `process-document` task, whose cache (the same key, results
under `<out>/.cache/`) still spares a read when only the tables went missing. A quarantined document
gets an entry too, like the task's cache, which keeps its outcome: a corrupt file stays corrupt, and
one over a limit is read again when the limits change (they are in the key) or with `--force` (a
re-run that paid two 120 s time limits again each time was what the entry spares). Not an outcome
with `retry` (its reader process died, its task failed on a lost worker): the next run reads it.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from pipeline.model.digest import sha256_of
from pipeline.ops.codeversion import code_version
from pipeline.ops.inputs import Input
from pipeline.ops.limits import Limits
from pipeline.ops.prefect_api import cache_dir
from pipeline.output import location, store

CACHE_DIR = ".cache"  # under the output folder: the cache lives and goes with the tables it fills
ENTRY_PREFIX = "logged-"
PREFECT_PREFIX = "document-"  # the process-document task's persisted results
TABLES = ("indicators", "review")
DATES = ("period_start", "period_end")


def document_key(item: Input, limits: Limits) -> str:
    """sha256 of the bytes + code version + registry metadata + limits: what decides the outcome."""
    hint = hashlib.sha256(repr((item.hint, limits)).encode()).hexdigest()[:12]
    return f"{sha256_of(item.path)}-{code_version()}-{hint}"


def _entry(out: Path, key: str) -> Path:
    return out / CACHE_DIR / f"{ENTRY_PREFIX}{key}.json"


def lookup(out: Path, key: str, source_id: str) -> dict | None:
    """The run log fields of an unchanged document (as `record` got them), or None when it must go
    to the flow's task: no entry, another source id (its rows carry it), or tables that changed since."""
    try:
        entry = json.loads(_entry(out, key).read_text(encoding="utf-8"))
        if entry["source_id"] != source_id:
            return None
        fields = entry["fields"]
        for name in TABLES:
            if store.stored_digest(out / name / f"{fields['document_id']}.parquet") != entry["files"][name]:
                return None
        return {**fields, **{k: date.fromisoformat(fields[k]) if fields[k] else None for k in DATES}}
    except (OSError, ValueError, KeyError, TypeError):  # none yet, or one a kill or another version left: read again
        return None


def all_unchanged(out: Path, inputs: list[Input], limits: Limits) -> bool:
    """Would a run log every input from here without reading one? Then a run has nothing for a task
    runner (or a Dask cluster) to do, and the command line does not start one."""
    try:
        return bool(inputs) and all(lookup(out, document_key(i, limits), i.source_id) is not None for i in inputs)
    except OSError:  # a file that cannot be read now: the run says why
        return False


def stored_files(out: Path, document_id: str) -> dict[str, str | None]:
    """The rows digests of a document's files as they are (a quarantined document keeps an earlier run's)."""
    return {name: store.stored_digest(out / name / f"{document_id}.parquet") for name in TABLES}


def record(out: Path, key: str, source_id: str, fields: dict, files: dict[str, str | None]) -> None:
    """Note that this document's rows (file digests `files`) and run log fields are in the tables."""
    entry = json.dumps({"source_id": source_id, "fields": fields, "files": files}, default=str)
    location.write_bytes(_entry(out, key), entry.encode("utf-8"))


def results_folder(out: Path) -> Path:
    """Where the process-document task persists its results: `<out>/.cache/` beside the ledger for a
    local `out`. Prefect writes results to a local path (or to a storage block saved in its API, which
    a run's own API forgets), so for a remote `out` they stay on this machine, in a folder named for
    the URI; the ledger, which decides what a re-run reads, stays with the tables."""
    if location.is_local(out):
        return out / CACHE_DIR
    return cache_dir() / "results" / hashlib.sha256(str(out).encode()).hexdigest()[:16]


def prune(out: Path) -> None:
    """Drop entries and cached results of other code versions: no run of this code reads them again."""
    for folder in dict.fromkeys([out / CACHE_DIR, results_folder(out)]):
        for path in folder.glob("*"):
            if path.name.startswith((ENTRY_PREFIX, PREFECT_PREFIX)) and f"-{code_version()}-" not in path.name:
                path.unlink(missing_ok=True)
