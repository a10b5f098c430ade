"""Download the registry's documents into a folder: only what changed, never a partial file.

Each source is fetched with a streaming GET into a temporary file beside its destination, hashed on the
way, and moved into place with os.replace (atomic within one file system), so a reader of `dest` sees
the old file or the new one, never half of one. A small state file in `dest` keeps each source's ETag,
Last-Modified and sha256: the next run asks the server "changed since?" and a 304 costs one round trip.

Transient failures (connection errors, timeouts, HTTP 5xx and 429) are retried with exponential
backoff. Anything else, or retries running out, marks that one source as an error with a message that
says what happened, and the run goes on with the others: `fetch_all` never raises for a download.

Nothing a server or the state file says can reach outside `dest`: redirects are followed by hand, at
most MAX_REDIRECTS, only to http(s) on the source's own host or the hosts its registry entry lists;
a state entry naming a file outside `dest` is ignored. Each source has a deadline and the whole fetch
another, so slow servers cost a bounded time; a source past them is an error, retried next run.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

import httpx
from tenacity import RetryCallState, before_sleep_log, retry, retry_if_exception

from pipeline import __version__
from pipeline.sources.registry import Source

log = logging.getLogger(__name__)

USER_AGENT = f"factsheets/{__version__} (research pipeline; public fact sheets on local safety mechanisms)"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
ATTEMPTS = 4  # one try and three retries
BACKOFF_SECONDS = 1.0  # wait before the first retry; doubles for each next one (1 s, 2 s, 4 s)
MAX_WAIT_SECONDS = 30.0
MAX_BYTES = 200 * 1024 * 1024  # a fact sheet is a few MB; anything this big is not what we asked for
STATE_FILE = ".fetch-state.json"
MAX_REDIRECTS = 5  # the publishers' sites redirect once or twice (http -> https, a CMS path); more is a loop
# The largest fact sheet (8 MB) takes under 10 s on a slow line; two minutes per source and fifteen for
# all of them bound a run with hung servers to what a person waits for (two slow sources cost 407 s).
SOURCE_DEADLINE_SECONDS = 120.0
FETCH_DEADLINE_SECONDS = 900.0

Status = Literal["new", "updated", "unchanged", "error"]


@dataclass(slots=True)
class Fetched:
    """What happened to one source in this run."""

    source: Source
    path: Path | None  # the local copy; None when the source failed
    status: Status
    error: str | None = None  # set when status is "error": what went wrong, for the run summary
    sha256: str | None = None
    bytes: int = 0  # size of the local copy


class RetryableHTTPError(Exception):
    """The server is failing (5xx) or asks us to slow down (429): asking again may work."""


class DownloadError(Exception):
    """A failure that asking again will not fix: 4xx, too large, not the kind of document expected."""


RETRYABLE = (httpx.TransportError, RetryableHTTPError)  # TransportError covers timeouts and dropped connections


def _retryable(exc: BaseException) -> bool:
    """Transient failures; an unsupported scheme is a TransportError too, but asking again never helps."""
    return isinstance(exc, RETRYABLE) and not isinstance(exc, httpx.UnsupportedProtocol)


def fetch_all(sources: list[Source], dest: Path, client: httpx.Client | None = None) -> list[Fetched]:
    """Fetch every source into `dest`, one after the other, within FETCH_DEADLINE_SECONDS in all;
    failures (and registry entries with a problem) are reported as error results, never raised."""
    if client is None:
        with _new_client() as own_client:
            return fetch_all(sources, dest, own_client)
    overall = time.monotonic() + FETCH_DEADLINE_SECONDS
    results = []
    for source in sources:
        if time.monotonic() >= overall and not source.problem:
            results.append(_failed(source, DownloadError(
                f"not tried: the fetch deadline of {FETCH_DEADLINE_SECONDS:g} s for all sources had passed "
                f"(FETCH_DEADLINE_SECONDS); it is tried again on the next run")))
        else:
            results.append(fetch_one(source, dest, client, deadline=overall))
    failed = sum(r.status == "error" for r in results)
    log.info("fetched %d source(s) into %s, %d failed", len(results), dest, failed)
    return results


def fetch_one(source: Source, dest: Path, client: httpx.Client | None = None,
              deadline: float | None = None) -> Fetched:
    """Fetch one source into `dest/<id>.<pdf|html>` unless the server says it has not changed.

    It gets SOURCE_DEADLINE_SECONDS, and no time past `deadline` (a `time.monotonic()` value) if given."""
    if source.problem:
        log.warning("%s", source.problem)
        return Fetched(source, None, "error", error=source.problem)
    if client is None:
        with _new_client() as own_client:
            return fetch_one(source, dest, own_client, deadline)
    own = time.monotonic() + SOURCE_DEADLINE_SECONDS
    try:
        return _fetch(source, Path(dest), client, own if deadline is None else min(own, deadline))
    except (RetryableHTTPError, DownloadError, httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
        return _failed(source, exc)


def _fetch(source: Source, dest: Path, client: httpx.Client, deadline: float) -> Fetched:
    """fetch_one without the safety net: raises on any failure."""
    dest.mkdir(parents=True, exist_ok=True)
    state = _load_state(dest)
    previous = state.get(source.id, {})
    old_file = _inside(dest, previous.get("file"))
    if old_file is not None and not old_file.exists():
        old_file = None  # deleted by hand: download again, and do not ask "changed since?"
    # Validators only mean something for the same URL and while the copy they describe still exists.
    conditional = _conditional_headers(previous) if old_file and previous.get("url") == source.url else {}

    download = _download(client, source, dest, conditional, deadline)
    if download is None and not conditional:
        raise DownloadError("the server answered 304 Not Modified to a request that was not conditional")
    if download is None:  # 304 Not Modified: the copy we have is current
        return Fetched(source, old_file, "unchanged", sha256=previous.get("sha256"), bytes=old_file.stat().st_size)

    try:
        if old_file is not None and download.sha256 == previous.get("sha256"):
            path, status = old_file, "unchanged"  # same bytes under new validators (or none): keep file and mtime
        else:
            path = dest / f"{source.id}.{download.kind or 'bin'}"
            os.replace(download.tmp, path)
            if old_file is not None and old_file != path:
                old_file.unlink()  # the document changed type (e.g. .html to .pdf): one copy per source
            status = "updated" if old_file is not None else "new"
    finally:
        download.tmp.unlink(missing_ok=True)  # moved into place or not wanted: never a stray temporary file

    state[source.id] = {"url": source.url, "file": path.name, "sha256": download.sha256,
                        "etag": download.etag, "last_modified": download.last_modified}
    _save_state(dest, state)
    log.info("%s: %s (%s, %d bytes)", source.id, status, path.name, download.size)
    return Fetched(source, path, status, sha256=download.sha256, bytes=download.size)


@dataclass(slots=True)
class _Download:
    """A complete body, waiting in a temporary file in `dest` for the caller to move or delete."""

    tmp: Path
    sha256: str
    size: int
    kind: str | None  # pdf | html | None when unrecognised
    etag: str | None
    last_modified: str | None


def _backoff(retry_state: RetryCallState) -> float:
    """Exponential wait, read from the module at call time so a caller (or a test) can shorten it."""
    return min(MAX_WAIT_SECONDS, BACKOFF_SECONDS * 2 ** (retry_state.attempt_number - 1))


def _stop(retry_state: RetryCallState) -> bool:
    """Stop after ATTEMPTS tries, or when the wait before the next would end past the deadline."""
    deadline = retry_state.args[4]
    return retry_state.attempt_number >= ATTEMPTS or time.monotonic() + _backoff(retry_state) >= deadline


@retry(
    retry=retry_if_exception(_retryable),
    stop=_stop,
    wait=_backoff,
    before_sleep=before_sleep_log(log, logging.INFO),
    reraise=True,  # the caller reports the last real error, not tenacity's RetryError
)
def _download(client: httpx.Client, source: Source, dest: Path, headers: dict[str, str],
              deadline: float) -> _Download | None:
    """One streaming GET, following allowed redirects by hand; None when the server answers 304 Not Modified."""
    url = httpx.URL(source.url)
    for _ in range(MAX_REDIRECTS + 1):
        with client.stream("GET", url, headers=headers, timeout=_timeout(deadline)) as response:
            if response.has_redirect_location:  # 301, 302, 303, 307, 308 with a Location (not 304)
                url = _redirect_target(source, url, response)
                continue
            status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
            if response.status_code == 304:
                return None
            if response.status_code == 429 or response.status_code >= 500:
                raise RetryableHTTPError(status)
            if not response.is_success:
                raise DownloadError(status)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_BYTES:
                raise DownloadError(f"the server announces {int(declared):,} bytes, over the {MAX_BYTES:,}-byte limit")
            return _save_body(response, source, dest, deadline)
    raise DownloadError(f"more than {MAX_REDIRECTS} redirects (MAX_REDIRECTS); the address probably loops")


def _timeout(deadline: float) -> httpx.Timeout:
    """The usual timeouts, none longer than what is left before the deadline."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise DownloadError(_past_deadline())
    return httpx.Timeout(min(TIMEOUT.read, left), connect=min(TIMEOUT.connect, left))


def _past_deadline() -> str:
    return (f"over the download deadline ({SOURCE_DEADLINE_SECONDS:g} s per source, "
            f"{FETCH_DEADLINE_SECONDS:g} s for all; SOURCE_DEADLINE_SECONDS, FETCH_DEADLINE_SECONDS)")


def _redirect_target(source: Source, url: httpx.URL, response: httpx.Response) -> httpx.URL:
    """Where a redirect points, if it may be followed: http(s), to the source's host or a listed one."""
    location = response.headers.get("location", "")
    target = url.join(location)
    if target.scheme not in ("http", "https"):
        raise DownloadError(f"redirected to {location!r}: only http(s) addresses are followed")
    origin = httpx.URL(source.url)
    same = target.host == origin.host and (target.port == origin.port or target.port is None and origin.port is None)
    listed = target.host in source.hosts and target.port is None or f"{target.host}:{target.port}" in source.hosts
    if not (same or listed):
        raise DownloadError(f"redirected to {target} on another host; if the publisher moved the document, "
                            f"add that host to the entry's 'hosts' in the registry or replace its url")
    return target


def _inside(dest: Path, name: object) -> Path | None:
    """`dest/name` if `name` is a plain file name; a tampered state file must not reach outside `dest`."""
    if not isinstance(name, str) or not name or name in (".", "..") or Path(name).name != name or "\\" in name:
        if name:
            log.warning("ignoring the state entry's file %r: not a file name inside %s", name, dest)
        return None
    return dest / name


def _save_body(response: httpx.Response, source: Source, dest: Path, deadline: float) -> _Download:
    """Stream the body to a temporary file in `dest`, hashing it; delete the file on any failure."""
    digest, size, head = hashlib.sha256(), 0, b""
    fd, tmp_name = tempfile.mkstemp(dir=dest, prefix=f".{source.id}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in response.iter_bytes():  # as the bytes come: a slow server meets the deadline
                size += len(chunk)
                if size > MAX_BYTES:
                    raise DownloadError(f"the body grew past the {MAX_BYTES:,}-byte limit")
                if time.monotonic() > deadline:
                    raise DownloadError(_past_deadline())
                if len(head) < 1024:
                    head += chunk[: 1024 - len(head)]
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())  # the bytes are on disk before os.replace makes them visible
        content_type = response.headers.get("content-type", "")
        kind = _kind(head, content_type, source.url)
        if source.format and kind != source.format:
            raise DownloadError(
                f"expected a {source.format.upper()} but got {kind.upper() if kind else 'an unrecognised body'} "
                f"(Content-Type {content_type!r}); the URL probably points to a landing page: replace it in "
                f"the registry with the direct link to the document")
    except BaseException:  # including Ctrl-C: no partial file is ever left behind
        tmp.unlink(missing_ok=True)
        raise
    return _Download(tmp, digest.hexdigest(), size, kind,
                     response.headers.get("etag"), response.headers.get("last-modified"))


def _kind(head: bytes, content_type: str, url: str) -> str | None:
    """pdf or html: from the first bytes (servers mislabel), else the Content-Type, else the URL's suffix."""
    start = head.lstrip()[:15].lower()
    if start.startswith(b"%pdf-"):
        return "pdf"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    content_type = content_type.lower()
    if "pdf" in content_type:
        return "pdf"
    if "html" in content_type:
        return "html"
    return {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(Path(urlparse(url).path).suffix.lower())


def _conditional_headers(previous: dict) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from what the server told us last time."""
    headers = {}
    if previous.get("etag"):
        headers["If-None-Match"] = previous["etag"]
    if previous.get("last_modified"):
        headers["If-Modified-Since"] = previous["last_modified"]
    return headers


def _failed(source: Source, exc: BaseException) -> Fetched:
    """The error result, with a message a person can act on."""
    ours = isinstance(exc, (RetryableHTTPError, DownloadError))  # already phrased for a person
    reason = str(exc) if ours else f"{type(exc).__name__}: {exc}".rstrip(": ")
    if _retryable(exc):
        reason += f" (gave up after {ATTEMPTS} attempts or at the deadline)"
    if not source.verified:
        reason += " [this address is marked verified: false in the registry; see the entry's notes]"
    message = f"could not download {source.id} from {source.url}: {reason}; the run goes on without it"
    log.warning(message)
    return Fetched(source, None, "error", error=message)


def _new_client() -> httpx.Client:
    return httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=TIMEOUT, follow_redirects=False)


def _load_state(dest: Path) -> dict[str, dict]:
    """The per-source validators of earlier runs; an unreadable file only costs full downloads."""
    path = dest / STATE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable %s (%s): every source is downloaded in full", path, exc)
        return {}


def _save_state(dest: Path, state: dict[str, dict]) -> None:
    """Write the state file atomically, like the documents themselves."""
    fd, tmp_name = tempfile.mkstemp(dir=dest, prefix=f"{STATE_FILE}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(state, out, indent=2, sort_keys=True)
        os.replace(tmp_name, dest / STATE_FILE)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
