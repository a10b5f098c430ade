"""The downloader against a local HTTP server (never the internet), and the registry loader's messages."""
from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import runs
from pipeline.sources import fetch
from pipeline.sources.fetch import Fetched, fetch_all, fetch_one
from pipeline.sources.registry import LANGUAGES, MECHANISMS, PUBLISHERS, RegistryError, Source, load_registry

ROOT = Path(__file__).resolve().parents[1]
PDF = b"%PDF-1.4\n" + b"0" * 5000 + b"\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><h1>Komitetet Lokale</h1></body></html>"
LAST_MODIFIED = "Wed, 01 May 2024 10:00:00 GMT"


class Site:
    """What the test server serves and what it was asked; the test changes it between runs."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.doc_body = PDF
        self.doc_etag = '"v1"'
        self.flaky_failures_left = 2
        self.other_port = 9  # a port on 127.0.0.1 other than the server's (never contacted)

    def asked(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for `path`, in order."""
        return [headers for p, headers in self.requests if p == path]


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, dict(self.headers)))
            if self.path == "/doc.pdf":  # a PDF with validators that honours If-None-Match
                if self.headers.get("If-None-Match") == site.doc_etag:
                    self.reply(304)
                else:
                    self.reply(200, site.doc_body, "application/pdf",
                               {"ETag": site.doc_etag, "Last-Modified": LAST_MODIFIED})
            elif self.path == "/plain":  # a PDF without validators, labelled vaguely, no suffix in the URL
                self.reply(200, PDF, "application/octet-stream")
            elif self.path == "/page":
                self.reply(200, HTML, "text/html; charset=utf-8")
            elif self.path == "/flaky.pdf":  # 503 twice, then the document
                if site.flaky_failures_left > 0:
                    site.flaky_failures_left -= 1
                    self.reply(503, b"busy", "text/plain")
                else:
                    self.reply(200, PDF, "application/pdf")
            elif self.path == "/truncated.pdf":  # promises the whole PDF, sends 100 bytes, hangs up
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(PDF)))
                self.end_headers()
                self.wfile.write(PDF[:100])
                self.close_connection = True
            elif self.path.startswith("/go/"):  # /go/<where>: a redirect, for the redirect rules
                port = self.server.server_address[1]
                where = {"same": "/doc.pdf", "localhost": f"http://localhost:{port}/doc.pdf",
                         "port": f"http://127.0.0.1:{site.other_port}/doc.pdf", "file": "file:///etc/passwd",
                         "loop": "/go/loop"}[self.path[4:]]
                self.reply(302, b"", "text/plain", {"Location": where})
            elif self.path == "/slow.pdf":  # a byte every 50 ms, forever: no read ever times out
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.end_headers()
                try:
                    for _ in range(2000):
                        self.wfile.write(b"%")
                        self.wfile.flush()
                        time.sleep(0.05)
                except OSError:  # the client gave up
                    pass
            else:
                self.reply(404, b"not found", "text/plain")

        def reply(self, code: int, body: bytes = b"", content_type: str | None = None,
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(code)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:  # keep the test output quiet
            pass

    return Handler


@pytest.fixture
def server():
    """A local HTTP server on a free port: yields (base URL, Site)."""
    site = Site()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", site
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(fetch, "BACKOFF_SECONDS", 0.01)


def source(id: str, url: str, **fields) -> Source:
    return Source(id=id, publisher="OSCE", mechanism="MCSC", language="sq", title="test", url=url, **fields)


def leftovers(dest: Path) -> list[str]:
    """Temporary files a download left behind: there must never be any."""
    return [p.name for p in dest.iterdir() if p.suffix == ".part"]


def test_new_then_unchanged_and_the_second_request_is_conditional(server, tmp_path):
    base, site = server
    doc = source("osce-mcsc-factsheet-2024-sq", f"{base}/doc.pdf")

    first = fetch_one(doc, tmp_path)
    assert first.status == "new" and first.error is None
    assert first.path == tmp_path / "osce-mcsc-factsheet-2024-sq.pdf"
    assert first.path.read_bytes() == PDF
    assert first.sha256 == hashlib.sha256(PDF).hexdigest() and first.bytes == len(PDF)
    modified = first.path.stat().st_mtime_ns

    second = fetch_one(doc, tmp_path)
    assert second.status == "unchanged"
    assert second.path == first.path and second.sha256 == first.sha256 and second.bytes == len(PDF)
    assert second.path.stat().st_mtime_ns == modified

    requests = site.asked("/doc.pdf")
    assert "If-None-Match" not in requests[0]
    assert requests[1]["If-None-Match"] == '"v1"' and requests[1]["If-Modified-Since"] == LAST_MODIFIED
    assert requests[0]["User-Agent"].startswith("factsheets/")
    state = json.loads((tmp_path / fetch.STATE_FILE).read_text())
    assert state[doc.id]["etag"] == '"v1"' and state[doc.id]["sha256"] == first.sha256
    assert leftovers(tmp_path) == []


def test_a_changed_document_is_updated_in_place(server, tmp_path):
    base, site = server
    doc = source("osce-mocr-factsheet-2019-en", f"{base}/doc.pdf")
    assert fetch_one(doc, tmp_path).status == "new"

    site.doc_body, site.doc_etag = PDF.replace(b"0", b"1"), '"v2"'
    again = fetch_one(doc, tmp_path)
    assert again.status == "updated"
    assert again.path.read_bytes() == site.doc_body
    assert sorted(p.name for p in tmp_path.iterdir()) == [fetch.STATE_FILE, "osce-mocr-factsheet-2019-en.pdf"]


def test_identical_bytes_without_validators_count_as_unchanged(server, tmp_path):
    base, site = server
    doc = source("idm-kvsp-study-2024-sq", f"{base}/plain")

    first = fetch_one(doc, tmp_path)
    assert first.status == "new"
    assert first.path.name == "idm-kvsp-study-2024-sq.pdf"  # recognised by its first bytes
    modified = first.path.stat().st_mtime_ns

    second = fetch_one(doc, tmp_path)
    assert second.status == "unchanged" and second.path.stat().st_mtime_ns == modified
    assert "If-None-Match" not in site.asked("/plain")[1]  # nothing to ask with: the hash decided
    assert leftovers(tmp_path) == []


def test_a_web_page_is_stored_as_html(server, tmp_path):
    base, _ = server
    page = fetch_one(source("kp-lpsc-page-sq", f"{base}/page", format="html"), tmp_path)
    assert page.status == "new" and page.path.name == "kp-lpsc-page-sq.html"


def test_503_is_retried_until_the_document_comes(server, tmp_path):
    base, site = server
    result = fetch_one(source("osce-mcsc-factsheet-2017-en", f"{base}/flaky.pdf"), tmp_path)
    assert result.status == "new" and result.path.read_bytes() == PDF
    assert len(site.asked("/flaky.pdf")) == 3


def test_404_is_reported_at_once_without_retries(server, tmp_path):
    base, site = server
    url = f"{base}/missing.pdf"
    result = fetch_one(source("osce-mcsc-2017-sq", url), tmp_path)
    assert result.status == "error" and result.path is None and result.sha256 is None
    assert result.error.startswith(f"could not download osce-mcsc-2017-sq from {url}: HTTP 404")
    assert result.error.endswith("the run goes on without it")
    assert "verified: false" in result.error  # points the reader at the registry's notes
    assert len(site.asked("/missing.pdf")) == 1
    assert list(tmp_path.glob("osce-mcsc-2017-sq*")) == []


def test_a_dropped_connection_is_retried_and_leaves_no_partial_file(server, tmp_path):
    base, site = server
    result = fetch_one(source("osce-mcsc-factsheet-2024-sr", f"{base}/truncated.pdf"), tmp_path)
    assert result.status == "error"
    assert f"gave up after {fetch.ATTEMPTS} attempts" in result.error
    assert len(site.asked("/truncated.pdf")) == fetch.ATTEMPTS
    assert list(tmp_path.iterdir()) == []  # no partial file, no temporary file, no state entry


def test_failures_do_not_stop_the_rest_of_the_run(server, tmp_path):
    base, _ = server
    with socket.socket() as probe:  # a port nobody listens on: connection refused at once
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    sources = [
        source("osce-mcsc-factsheet-2017-sq", f"{base}/missing.pdf"),
        source("osce-mcsc-factsheet-2017-sr", f"http://127.0.0.1:{dead_port}/factsheet.pdf"),
        source("osce-mcsc-factsheet-2024-en", f"{base}/doc.pdf", verified=True),
    ]
    results = fetch_all(sources, tmp_path)
    assert [r.status for r in results] == ["error", "error", "new"]
    assert all(isinstance(r, Fetched) for r in results)
    assert "ConnectError" in results[1].error and "the run goes on without it" in results[1].error
    assert results[2].path.read_bytes() == PDF
    assert leftovers(tmp_path) == []


def test_a_landing_page_in_place_of_a_pdf_is_an_error_not_a_document(server, tmp_path):
    base, _ = server
    result = fetch_one(source("osce-mcsc-factsheet-2024-en", f"{base}/page", format="pdf"), tmp_path)
    assert result.status == "error" and "expected a PDF but got HTML" in result.error
    assert list(tmp_path.iterdir()) == []


def test_a_document_over_the_size_limit_is_refused(server, tmp_path, monkeypatch):
    base, _ = server
    monkeypatch.setattr(fetch, "MAX_BYTES", 1000)
    result = fetch_one(source("osce-mcsc-factsheet-2024-en", f"{base}/doc.pdf"), tmp_path)
    assert result.status == "error" and "limit" in result.error
    assert list(tmp_path.iterdir()) == []


# --- the registry ---------------------------------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repository_registry_is_valid_and_explains_every_unverified_address():
    sources = load_registry(ROOT / "sources.yaml")
    assert len({s.id for s in sources}) == len(sources)
    assert {s.publisher for s in sources} == set(PUBLISHERS)
    assert {s.mechanism for s in sources} == set(MECHANISMS)
    assert {s.language for s in sources} == set(LANGUAGES)
    assert all(s.notes for s in sources if not s.verified)


def test_a_valid_entry_loads_with_its_optional_fields(tmp_path):
    path = write(tmp_path, """
sources:
  - id: kp-lpsc-page-en
    publisher: KP
    mechanism: LPSC
    language: en
    title: Local Public Safety Committees
    url: https://www.kosovopolice.com/en/community-policing/local-public-safety-committees/
    period: 2024
    format: html
    verified: true
""")
    [entry] = load_registry(path)
    assert entry.period == "2024" and entry.verified and entry.format == "html" and entry.notes is None


def test_bad_entries_are_skipped_naming_the_entry_and_the_field_and_what_is_expected(tmp_path):
    path = write(tmp_path, """
sources:
  - id: osce-mcsc-factsheet-2024-sq
    publisher: OSCE
    mechanism: MCSC
    language: al
    title: Fact sheet
  - id: Bad_Id
    publisher: UN
    mechanism: MCSC
    language: sq
    title: x
    url: ftp://example.org/x.pdf
    langauge: sq
""")
    first, second = load_registry(path)
    assert first.id == "osce-mcsc-factsheet-2024-sq" and second.id == "Bad_Id"
    assert first.problem.endswith("fix the entry and run again")
    assert "entry 1 (id osce-mcsc-factsheet-2024-sq) is skipped: " in first.problem
    assert "field 'language' is 'al'; expected one of sq, sr, en" in first.problem
    assert "field 'url' is missing or empty" in first.problem
    assert "entry 2 (id Bad_Id) is skipped: " in second.problem
    assert "field 'id' is 'Bad_Id'; use lowercase letters" in second.problem
    assert "field 'publisher' is 'UN'; expected one of OSCE, IDM, KP" in second.problem
    assert "field 'url' is 'ftp://example.org/x.pdf'; expected a full http(s):// address" in second.problem
    assert "unknown field(s) langauge" in second.problem


def test_a_duplicate_id_is_skipped_and_the_first_kept(tmp_path):
    entry = """
  - id: kp-lpsc-page-sq
    publisher: KP
    mechanism: LPSC
    language: sq
    title: Komitetet Lokale për Siguri Publike
    url: https://www.kosovopolice.com/
"""
    first, second = load_registry(write(tmp_path, "sources:" + entry + entry))
    assert first.problem is None
    assert "entry 2 (id kp-lpsc-page-sq) is skipped: id is already used by entry 1" in second.problem


@pytest.mark.parametrize(("text", "expected"), [
    ("sources:\n  - id: x\n   publisher: OSCE\n", r"not valid YAML at line 3"),
    ("- id: x\n", r"expected a top-level 'sources:' key"),
])
def test_malformed_files_say_where_and_how_to_fix(tmp_path, text, expected):
    with pytest.raises(RegistryError, match=expected):
        load_registry(write(tmp_path, text))


def test_an_entry_that_is_not_a_mapping_is_skipped_with_its_reason(tmp_path):
    [entry] = load_registry(write(tmp_path, "sources:\n  - just a string\n"))
    assert entry.id == "entry-1" and "entry 1 is skipped: expected a mapping of fields" in entry.problem


def test_a_missing_registry_file_says_which_path(tmp_path):
    with pytest.raises(RegistryError, match="nowhere.yaml not found"):
        load_registry(tmp_path / "nowhere.yaml")


# --- hostile servers, registries and state files --------------------------------------------------------

def test_a_tampered_state_file_cannot_delete_a_file_outside_the_download_folder(server, tmp_path):
    base, site = server
    dest, victim = tmp_path / "raw", tmp_path / "victim.txt"
    victim.write_text("not yours")
    dest.mkdir()
    doc = source("osce-mcsc-factsheet-2024-sq", f"{base}/doc.pdf")
    (dest / fetch.STATE_FILE).write_text(json.dumps(
        {doc.id: {"url": doc.url, "file": "../victim.txt", "sha256": "0" * 64, "etag": '"old"'}}))

    result = fetch_one(doc, dest)
    assert result.status == "new" and result.path == dest / "osce-mcsc-factsheet-2024-sq.pdf"
    assert victim.read_text() == "not yours"
    assert "If-None-Match" not in site.asked("/doc.pdf")[0]  # the bogus entry described no copy of ours


@pytest.mark.parametrize(("where", "hosts", "followed"), [
    ("same", (), True),
    ("localhost", (), False),
    ("localhost", ("localhost",), False),  # a listed host without a port allows its default port only
    ("port", (), False),
])
def test_redirects_are_followed_only_on_the_sources_own_host(server, tmp_path, where, hosts, followed):
    base, site = server
    result = fetch_one(source("osce-mcsc-factsheet-2024-sq", f"{base}/go/{where}", hosts=hosts), tmp_path)
    if followed:
        assert result.status == "new" and result.path.read_bytes() == PDF
    else:
        assert result.status == "error" and "on another host" in result.error and "'hosts'" in result.error
        assert site.asked("/doc.pdf") == [] and list(tmp_path.iterdir()) == []


def test_a_redirect_to_a_host_listed_with_its_port_is_followed(server, tmp_path):
    base, site = server
    port = base.rsplit(":", 1)[1]
    doc = source("osce-mcsc-factsheet-2024-sq", f"{base}/go/localhost", hosts=(f"localhost:{port}",))
    assert fetch_one(doc, tmp_path).status == "new" and len(site.asked("/doc.pdf")) == 1


def test_a_file_redirect_fails_at_once_without_retries(server, tmp_path):
    base, site = server
    result = fetch_one(source("osce-mcsc-factsheet-2024-sq", f"{base}/go/file"), tmp_path)
    assert result.status == "error" and "only http(s) addresses are followed" in result.error
    assert "gave up" not in result.error and len(site.asked("/go/file")) == 1


def test_a_redirect_loop_stops_after_the_redirect_limit(server, tmp_path):
    base, site = server
    result = fetch_one(source("osce-mcsc-factsheet-2024-sq", f"{base}/go/loop"), tmp_path)
    assert result.status == "error" and "redirects" in result.error
    assert len(site.asked("/go/loop")) == fetch.MAX_REDIRECTS + 1


def test_slow_sources_stop_at_their_deadline_and_the_overall_one(server, tmp_path, monkeypatch):
    base, site = server
    monkeypatch.setattr(fetch, "SOURCE_DEADLINE_SECONDS", 0.6)
    monkeypatch.setattr(fetch, "FETCH_DEADLINE_SECONDS", 1.0)
    sources = [source("osce-mcsc-factsheet-2017-sq", f"{base}/slow.pdf"),
               source("osce-mcsc-factsheet-2017-sr", f"{base}/slow.pdf"),
               source("osce-mcsc-factsheet-2024-en", f"{base}/doc.pdf")]
    first, second, third = fetch_all(sources, tmp_path)
    assert first.status == second.status == third.status == "error"
    assert "over the download deadline (0.6 s per source, 1 s for all" in first.error
    assert "over the download deadline" in second.error  # cut by the overall deadline, not its own
    assert "not tried: the fetch deadline of 1 s for all sources had passed" in third.error
    assert site.asked("/doc.pdf") == [] and leftovers(tmp_path) == []


def test_a_broken_registry_entry_is_skipped_and_reported_as_a_quarantined_document(server, tmp_path):
    base, site = server
    entry = "  - id: {}\n    publisher: OSCE\n    mechanism: MCSC\n{}    title: Fact sheet\n    url: {}\n"
    registry = write(tmp_path, "sources:\n" + "".join(entry.format(id, language, f"{base}{where}") for id, language, where in [
        ("osce-mcsc-factsheet-2024-sq", "", "/plain"),  # no language: skipped
        ("osce-mcsc-factsheet-2024-en", "    language: en\n", "/doc.pdf"),
        ("osce-mcsc-factsheet-2017-en", "    language: en\n", "/missing.pdf")]))
    broken, good, missing = fetch_all(load_registry(registry), tmp_path / "raw")
    assert good.status == "new" and site.asked("/plain") == []
    assert broken.status == "error" and "entry 1 (id osce-mcsc-factsheet-2024-sq) is skipped" in broken.error
    assert "field 'language' is missing" in broken.error
    assert missing.status == "error" and "HTTP 404" in missing.error

    out = tmp_path / "out"
    started = __import__("datetime").datetime.now(__import__("datetime").timezone.utc)
    rows = [runs.document_row(runs.failed_source(f), f.source.id, f.source.url, "run-1", started)
            for f in (broken, missing)]
    runs.finish_run(out, "run-1", started, rows)
    logged = pq.read_table(out / "documents").to_pylist()
    assert [(d["source_id"], d["status"]) for d in logged] == [
        ("osce-mcsc-factsheet-2024-sq", "quarantined"), ("osce-mcsc-factsheet-2017-en", "quarantined")]
    assert logged[0]["error"] == broken.error and logged[1]["publisher"] == "OSCE"
    report = (out / "report.md").read_text()
    assert "is skipped: field 'language' is missing" in report and "HTTP 404" in report
