"""Where a run's outputs live, and the only file operations the output code uses.

`--out` is a local folder (the default) or a filesystem URI such as `s3://bucket/prefix` for a team.
`parse` turns it into a path object chosen from the URI: a plain `pathlib.Path` for a local folder
(every operation below is then exactly the local code it always was: `os.replace`), or a
`upath.UPath` whose one fsspec filesystem (`path.fs`; s3fs for `s3://`, installed with
`pip install 'factsheets[s3]'`) does all the I/O. Both answer the pathlib calls the output code makes
(`/`, `name`, `glob`, `exists`, `unlink`, `read_text`); what differs lives here.

Atomic replace. Locally a file is written under a temporary name in its folder and moved into place
with `os.replace`. Object storage has no rename (S3's is a copy and a delete), but it does not need
one: an object is created or replaced by one PUT (a multipart upload: by its completion), which
readers see whole or not at all, and S3 is strongly consistent (a read or a listing after a
successful PUT sees the new object). So a remote file is serialised in memory first and sent in one
request: an interrupted run leaves each object old or new, never half, and no temporary objects.

A reader of a prefix that another run is writing can open a file that is replaced (s3fs then refuses
to mix two versions in the range reads of one file: `FileExpired`, errno EBUSY) or deleted (an
`empty.parquet` marker) before it has read it all; a read is then made again from a fresh listing
(`READ_ATTEMPTS`). A folder (`read_frame`) is fetched with one whole GET per file, which never mixes
versions, so there only a file deleted after the listing makes a read again. Listings are not
cached (s3fs would otherwise keep a listing for the life of the process and never see the files
another run adds).

Object storage has no folders either: `makedirs` is a no-op there (s3fs's `mkdir` would create a
missing *bucket*, which must be an error instead, see `check_remote`).

The pre-flight check of a remote `--out` (`check_remote`) talks to the store through a filesystem of
its own that gives up at once (`CHECK_OPTIONS`): with the run's defaults (botocore: 5 attempts with
back-off, a 5 s connect and a 15 s read timeout; s3fs: 5 more tries on a timeout) a mistyped
endpoint took 22-33 s to be reported. The run's own reads and writes keep those retries: there a
brief outage of a store that answered a moment ago is worth waiting for.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.asyn import AsyncFileSystem
from fsspec.exceptions import FSTimeoutError
from tenacity import retry, retry_if_exception, stop_after_attempt
from upath import UPath

Location = Path | UPath  # a local folder or file, or one on a remote filesystem
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
COMPRESSION = "zstd"
# Storage options per scheme: s3fs caches listings for the life of the process by default, which
# hides the files another run writes from a long-lived process (`factsheets serve`).
STORAGE_OPTIONS = {"s3": {"use_listings_cache": False}}
# The check's limits. A TCP connect to a store that is up takes milliseconds, across continents a few
# hundred; 3 s also covers one lost SYN (Linux resends it after 1 s). A HEAD or an empty PUT is
# answered in well under a second by S3, and by moto on this loaded 2-core machine (the whole check:
# 0.03 s once the client is made); 5 s leaves a slow store room. Each call of the check also gets a
# deadline of its own (fsspec's `timeout`): aiohttp's read timeout does not cover the wait for
# "100 Continue" that botocore asks for before a PUT's body, so a store that accepts connections
# and never answers would hang the check forever. No retries: a store that refuses a connection or
# does not answer in time is reported, with its error, straight away.
CHECK_CONNECT_SECONDS = 3
CHECK_SECONDS = 5
CHECK_OPTIONS = {"s3": {"config_kwargs": {"connect_timeout": CHECK_CONNECT_SECONDS, "read_timeout": CHECK_SECONDS,
                                          "retries": {"total_max_attempts": 1}}}}
CHECK_TRIES = 1  # s3fs's own loop around botocore (5 tries on a timeout), which no option reaches
# Reads of a file another run replaced while it was read. Measured against moto (bench/s3_reads.py):
# reading a folder whose 8 MB file is rewritten without pause through pyarrow's range reads, 16-20
# first reads in 60 failed and none needed more than 4 attempts; 5 leaves a margin (real runs rewrite
# a file once per document). With a whole GET per file (`_fetched`) 0 in 60 failed.
READ_ATTEMPTS = 5
T = TypeVar("T")


def parse(out: str | os.PathLike) -> Location:
    """`--out` as a path object: a local folder (also `file://...`) stays a `pathlib.Path`; any other
    URI becomes a UPath on its fsspec filesystem. Raises ValueError for a scheme fsspec does not know,
    ImportError when the scheme's library (s3fs for s3://) is not installed."""
    if isinstance(out, (Path, UPath)):
        return out
    text = os.fspath(out)
    if not URI.match(text):
        return Path(text)
    path = UPath(text)
    if path.protocol in ("file", "local"):
        return Path(path.path)
    return UPath(text, **STORAGE_OPTIONS.get(path.protocol, {}))


def is_local(path: Location) -> bool:
    return isinstance(path, Path)


def makedirs(folder: Location) -> None:
    """A local folder and its parents; nothing on object storage, which has no folders."""
    if is_local(folder):
        folder.mkdir(parents=True, exist_ok=True)


def write_bytes(path: Location, data: bytes) -> None:
    """Replace a file in one step: a temporary file moved into place locally, one PUT remotely."""
    if not is_local(path):
        path.fs.pipe_file(path.path, data)
        return
    _replace_local(path, lambda tmp: tmp.write_bytes(data))


def write_parquet(table: pa.Table, path: Location) -> None:
    """Replace a Parquet file in one step (`write_bytes`'s guarantee)."""
    if is_local(path):
        _replace_local(path, lambda tmp: pq.write_table(table, tmp, compression=COMPRESSION))
        return
    buffer = pa.BufferOutputStream()
    pq.write_table(table, buffer, compression=COMPRESSION)
    write_bytes(path, buffer.getvalue().to_pybytes())


def copy(source: Location, target: Location) -> None:
    """Copy a file in one step: locally through a temporary file, remotely a server-side copy (one request)."""
    if is_local(target):
        _replace_local(target, lambda tmp: shutil.copyfile(source, tmp))
    else:
        target.fs.copy(source.path, target.path)


def _replace_local(path: Path, write) -> None:  # noqa: ANN001 (writes the temporary file it is given)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_parquet(path: Location, columns: list[str] | None = None) -> pa.Table:
    where, filesystem = _source(path)
    return _again(path, _replaced, lambda: pq.read_table(where, columns=columns, filesystem=filesystem))


def read_schema(path: Location) -> pa.Schema:
    """A Parquet file's schema and metadata, from its footer only (two range reads remotely)."""
    where, filesystem = _source(path)
    return _again(path, _replaced, lambda: pq.read_schema(where, filesystem=filesystem))


def read_frame(path: Location) -> pd.DataFrame:
    """A Parquet file, or a folder of them read as one dataset, as pandas reads it."""
    if is_local(path):
        return pd.read_parquet(path)
    return _again(path, _replaced_or_gone, lambda: _fetched(path).to_pandas())


def _fetched(path: UPath) -> pa.Table:
    """A remote file or folder (all its Parquet files, as pyarrow's dataset reads it: names starting with
    `.` or `_` left out) from one listing and one GET per file, sent at once. pyarrow's own discovery
    through fsspec makes a HEAD and two range reads per file, one after the other: an audit over moto
    made 386 requests in 8.1 s."""
    fs = path.fs
    if path.name.endswith(".parquet"):
        files = [path.path]
    else:
        top = path.path.rstrip("/")
        files = sorted(f for f in fs.find(top) if f.endswith(".parquet")
                       and not any(part[:1] in "._" for part in f[len(top) + 1:].split("/")))
    if not files:
        raise FileNotFoundError(f"no Parquet file in {path}")
    data = fs.cat(files)
    tables = [pq.read_table(pa.BufferReader(data[f])) for f in files]
    return pa.concat_tables(tables, promote_options="default")


def _source(path: Location) -> tuple[str, object]:
    return (os.fspath(path), None) if is_local(path) else (path.path, path.fs)


def _replaced(e: BaseException) -> bool:
    """A remote file that changed while it was read (s3fs's FileExpired)."""
    return isinstance(e, OSError) and e.errno == errno.EBUSY


def _replaced_or_gone(e: BaseException) -> bool:
    """... or a file of a listing that was deleted before it was read."""
    return _replaced(e) or isinstance(e, FileNotFoundError)


def _again(path: Location, condition: Callable[[BaseException], bool], read: Callable[[], T]) -> T:
    """`read()`, made again while another run's writes get in its way (remote only: locally an open
    file stays whole whatever `os.replace` does to its name)."""
    if is_local(path):
        return read()
    return retry(retry=retry_if_exception(condition), stop=stop_after_attempt(READ_ATTEMPTS), reraise=True)(read)()


def check_remote(out: UPath) -> None:
    """Raise (OSError, or the filesystem's own error) unless an object can be written under the remote
    prefix `out` now: a probe object, deleted at once; NotADirectoryError when `out` is an object.
    A missing bucket is an error, never created. Gives up within seconds (`CHECK_OPTIONS`)."""
    if not out.path.strip("/"):
        raise OSError("no bucket named")
    out = UPath(str(out), **STORAGE_OPTIONS.get(out.protocol, {}), **CHECK_OPTIONS.get(out.protocol, {}))
    fs = out.fs
    if hasattr(fs, "retries"):  # this instance only: fsspec keeps one per set of options
        fs.retries = CHECK_TRIES
    deadline = {"timeout": CHECK_SECONDS} if isinstance(fs, AsyncFileSystem) else {}
    probe = f"{out.path.rstrip('/')}/.write-check-{uuid.uuid4().hex}"
    try:
        fs.pipe_file(probe, b"", **deadline)  # first: an unreachable store fails here, once
        fs.rm_file(probe, **deadline)
        if fs.isfile(out.path, **deadline):
            raise NotADirectoryError("is an object")
    except FSTimeoutError:
        raise TimeoutError(f"no answer within {CHECK_SECONDS} s") from None
