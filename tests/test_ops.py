"""Operations: command-line mistakes found before the flow starts, backfills that skip what is done,
a real Dask cluster, a served (scheduled) deployment, and what a SIGKILL leaves behind.

Every run here is a real one: the `factsheets` command (in this process or as a subprocess), the
real Prefect flow and API, real `dask scheduler` / `dask worker` processes, documents served over
HTTP from 127.0.0.1.
"""
from __future__ import annotations

import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import psutil
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import flows.ingest
import pipeline.extract
from fixtures.render import make_document
from pipeline.ops import prefect_api
from pipeline.cli import app

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
KEY = ["document_id", "indicator", "municipality_id", "category", "period_end", "value", "page"]
runner = CliRunner()


def cli(*args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output + repr(result.exception)


def rows(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "indicators")[KEY].sort_values(KEY).reset_index(drop=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    make_document("mcsc", "sq", 11, folder / "2017" / "mcsc-sq.pdf")
    make_document("mocr", "en", 12, folder / "2018" / "mocr-en.pdf")
    make_document("kvsp", "sq", 13, folder / "2019" / "kvsp-sq.pdf")
    make_document("kp-html", "sq", 14, folder / "kp.html")
    (folder / "2019" / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n")
    return folder


@pytest.fixture
def site(corpus: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The corpus served over HTTP on 127.0.0.1, and a registry of three of its documents."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(corpus))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    registry = tmp_path / "sources.yaml"
    registry.write_text(
        "sources:\n"
        f"  - {{id: t-mcsc-sq, publisher: OSCE, mechanism: MCSC, language: sq, title: a, period: '2017',"
        f" url: '{base}/2017/mcsc-sq.pdf', verified: true}}\n"
        f"  - {{id: t-mocr-en, publisher: OSCE, mechanism: MOCR, language: en, title: b, period: '2018',"
        f" url: '{base}/2018/mocr-en.pdf', verified: true}}\n"
        f"  - {{id: t-kvsp-sq, publisher: IDM, mechanism: KVSP, language: sq, title: c, period: 2019-2020,"
        f" url: '{base}/2019/kvsp-sq.pdf', verified: true}}\n")
    yield base, registry
    server.shutdown()


# ---------------------------------------------------------------------------- bad command lines

def read_only_place(tmp_path: Path) -> Path:
    """A folder this process cannot write: permissions for a normal user; sysfs for root, whom no mode stops."""
    if os.geteuid() == 0:
        return Path("/sys/factsheets-out")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder / "out"


@pytest.mark.parametrize("case", ["out-is-a-file", "out-read-only", "missing-path", "bad-registry",
                                  "no-dask-scheduler", "filters-without-registry", "serve-without-registry",
                                  "bad-cron"])
def test_bad_command_lines_fail_early_in_one_line(case: str, corpus: Path, tmp_path: Path) -> None:
    """Each mistake: exit code 2, one line that names it, before any document is read or Prefect starts."""
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    registry = tmp_path / "bad.yaml"
    registry.write_text("sources:\n  - {id: Bad Id, publisher: OSCE}\n")
    good = tmp_path / "good.yaml"
    good.write_text("sources:\n  - {id: a, publisher: OSCE, mechanism: MCSC, language: en, title: t, "
                    "url: 'http://127.0.0.1:9/a.pdf'}\n")
    out = str(tmp_path / "out")
    args, words = {
        "out-is-a-file": (["ingest", str(corpus), "--out", str(a_file)], "is a file"),
        "out-read-only": (["ingest", str(corpus), "--out", str(read_only_place(tmp_path))], "cannot be written"),
        "missing-path": (["ingest", str(tmp_path / "nowhere.pdf"), "--out", out], "does not exist"),
        "bad-registry": (["ingest", "--registry", str(registry), "--out", out], "problem"),
        "no-dask-scheduler": (["backfill", str(corpus), "--out", out, "--dask", f"tcp://127.0.0.1:{free_port()}"],
                              "no Dask scheduler"),
        "filters-without-registry": (["backfill", str(corpus), "--out", out, "--publisher", "OSCE"], "--registry"),
        "serve-without-registry": (["serve", "--registry", str(tmp_path / "none.yaml"), "--out", out], "not found"),
        "bad-cron": (["serve", "--registry", str(good), "--out", out, "--cron", "every day"], "not a cron"),
    }[case]
    done = subprocess.run([PYTHON, "-m", "pipeline.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("factsheets: error:") and words in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "documents").exists()


def test_summary_prints_whole_reasons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """However long a quarantine reason, the summary prints all of it (wrapped, never cut)."""
    from rich.console import Console

    from pipeline.cli import ops as cli_ops

    reason = ("corrupt or unreadable PDF (PDFSyntaxError: the cross-reference table is damaged beyond repair "
              "at offset 123456; pdfminer gave up after trying every object stream) end-of-reason")
    row = {"document_id": "x", "path_or_url": "/a/b.pdf", "publisher": None, "mechanism": None,
           "language": None, "period_start": None, "period_end": None, "status": "quarantined",
           "error": reason, "n_indicators": 0, "n_review": 0}
    console = Console(width=100, record=True)
    monkeypatch.setattr(cli_ops, "console", console)
    cli_ops.summary([row], tmp_path)
    printed = "".join(line.strip("│ ") for line in console.export_text().splitlines())
    assert "end-of-reason" in printed and "".join(reason.split()) in "".join(printed.split())


# ---------------------------------------------------------------------------- backfill and its cache

def test_backfill_rerun_skips_unchanged_documents(corpus: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The second backfill reads nothing (cache hit on sha256 + code version) and rewrites no document
    file; --force reads every document again; a changed document is read again on its own. Through
    the flow (`--prefect`): without a server or workers a backfill reads in-process (`test_cli`)."""
    archive = tmp_path / "archive"
    shutil.copytree(corpus, archive)
    out = tmp_path / "out"
    reads: list[str] = []
    real = flows.ingest.process_limited

    def counted(path: Path, hint, limits):  # noqa: ANN001, ANN202
        reads.append(path.name)
        return real(path, hint, limits)

    monkeypatch.setattr(flows.ingest, "process_limited", counted)  # what the document task calls
    cli("backfill", str(archive), "--out", str(out), "--prefect")
    assert sorted(reads) == ["broken.pdf", "kp.html", "kvsp-sq.pdf", "mcsc-sq.pdf", "mocr-en.pdf"]
    first, files = rows(out), {p: p.stat().st_mtime_ns for p in (out / "indicators").glob("*.parquet")}

    reads.clear()
    cli("backfill", str(archive), "--out", str(out), "--prefect")
    assert reads == []
    assert {p: p.stat().st_mtime_ns for p in (out / "indicators").glob("*.parquet")} == files
    assert rows(out).equals(first)
    docs = pd.read_parquet(out / "documents")
    assert docs.groupby("run_id").size().tolist() == [5, 5]  # both runs logged every document

    make_document("mocr", "en", 99, archive / "2018" / "mocr-en.pdf")  # a new edition under the same name
    cli("backfill", str(archive), "--out", str(out), "--prefect")
    assert reads == ["mocr-en.pdf"]

    reads.clear()
    cli("backfill", str(archive), "--out", str(out), "--prefect", "--force")
    assert len(reads) == 5
    assert len(rows(out)) == len(pd.read_parquet(out / "indicators"))  # no duplicates


def test_backfill_selects_registry_sources(site: tuple[str, Path], tmp_path: Path) -> None:
    """--mechanism / --year-from pick sources from the registry; only those are downloaded and read."""
    _, registry = site
    out, raw = tmp_path / "out", tmp_path / "raw"
    cli("backfill", "--registry", str(registry), "--raw-dir", str(raw), "--out", str(out),
        "--publisher", "OSCE", "--year-from", "2018")
    assert sorted(p.name for p in raw.glob("*.pdf")) == ["t-mocr-en.pdf"]
    assert set(pd.read_parquet(out / "indicators")["source_id"]) == {"t-mocr-en"}
    cli("backfill", "--registry", str(registry), "--raw-dir", str(raw), "--out", str(out),
        "--mechanism", "KVSP", "--year-to", "2019")
    assert set(pd.read_parquet(out / "indicators")["source_id"]) == {"t-mocr-en", "t-kvsp-sq"}


# ---------------------------------------------------------------------------- a real Dask cluster

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(processes: list[subprocess.Popen]) -> None:
    for p in processes:
        p.terminate()
    for p in processes:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def test_backfill_on_a_dask_cluster_gives_the_same_rows(corpus: Path, tmp_path: Path) -> None:
    """A scheduler and two workers started as processes on 127.0.0.1; the run is sent to them with --dask."""
    dask = shutil.which("dask", path=str(Path(PYTHON).parent))
    if dask is None:
        pytest.skip("the dask command is not installed (pip install 'factsheets[dask]')")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "worker-home")}
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                   "--no-dashboard"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)]
    try:
        address = f"tcp://127.0.0.1:{port}"
        wait_for_port(port)
        processes += [subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard",
                                        "--name", f"w{i}"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
                      for i in range(2)]
        wait_for_workers(address, 2)
        cli("backfill", str(corpus), "--out", str(tmp_path / "cluster"), "--dask", address)
    finally:
        stop(processes)
    cli("backfill", str(corpus), "--out", str(tmp_path / "single"))
    cluster, single = rows(tmp_path / "cluster"), rows(tmp_path / "single")
    assert len(single) > 50 and cluster.equals(single)
    statuses = lambda name: sorted(pd.read_parquet(tmp_path / name / "documents")["status"])  # noqa: E731
    assert statuses("cluster") == statuses("single")


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


def wait_for_workers(address: str, n: int) -> None:
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(n, timeout=120)


# ---------------------------------------------------------------------------- a served deployment

def test_served_deployment_run_ingests_a_registry_source(site: tuple[str, Path], tmp_path: Path) -> None:
    """`factsheets serve` registers the deployment; a run triggered through the API fetches and ingests."""
    base, registry = site
    out, raw = tmp_path / "out", tmp_path / "raw"
    one = registry.with_name("one.yaml")
    one.write_text("sources:\n" + registry.read_text().split("\n", 1)[1].split("\n")[0] + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    log = tmp_path / "serve.log"
    with log.open("w") as stderr:
        serve = subprocess.Popen([PYTHON, "-m", "pipeline.cli", "serve", "--registry", str(one), "--out", str(out),
                                  "--raw-dir", str(raw), "--cron", "0 3 1 1 *", "--name", "test"],
                                 cwd=ROOT, env=env, stderr=stderr, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while "Prefect API at " not in log.read_text() and time.monotonic() < deadline and serve.poll() is None:
            time.sleep(0.2)
        assert "Prefect API at " in log.read_text(), log.read_text()
        url = log.read_text().split("Prefect API at ", 1)[1].split()[0]
        trigger = ("import time\n"
                   "from prefect.deployments import run_deployment\n"
                   "from prefect.client.orchestration import get_client\n"
                   "for _ in range(600):\n"
                   "    try:\n"
                   "        with get_client(sync_client=True) as c:\n"
                   "            c.read_deployment_by_name('factsheets-ingest/test'); break\n"
                   "    except Exception:\n"
                   "        time.sleep(0.2)\n"
                   "run = run_deployment('factsheets-ingest/test', timeout=600)\n"
                   "print(run.state.message)\n"
                   "print(run.state.type.value)\n")
        done = subprocess.run([PYTHON, "-c", trigger], cwd=tmp_path, env={**env, "PREFECT_API_URL": url},
                              capture_output=True, text=True, timeout=900)
        assert done.stdout.strip().endswith("COMPLETED"), done.stdout + done.stderr + log.read_text()
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
    assert (raw / "t-mcsc-sq.pdf").exists()
    ind = pd.read_parquet(out / "indicators")
    assert set(ind["source_id"]) == {"t-mcsc-sq"} and len(ind) > 10
    assert pd.read_parquet(out / "documents").iloc[0]["path_or_url"] == f"{base}/2017/mcsc-sq.pdf"
    assert not session_processes(serve.pid)


# ---------------------------------------------------------------------------- SIGKILL

def session_processes(sid: int) -> list[psutil.Process]:
    """Live processes of a session (a zombie holds no memory; reaping orphans is the init process's job)."""
    found = []
    for p in psutil.process_iter():
        try:
            if os.getsid(p.pid) == sid and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p)
        except (ProcessLookupError, PermissionError, psutil.Error):
            continue
    return found


def test_sigkill_leaves_no_process_and_consistent_tables(corpus: Path, tmp_path: Path) -> None:
    """Kill a real run after its first document: no process of it survives, its Prefect home goes with the
    next run, and every document file in the tables belongs to a run that logged that document."""
    archive = tmp_path / "archive"
    for i in range(3):
        shutil.copytree(corpus, archive / f"copy{i}")
        make_document("mcsc", "en", 100 + i, archive / f"copy{i}" / "extra.pdf")  # distinct documents
    out = tmp_path / "out"
    run = subprocess.Popen([PYTHON, "-m", "pipeline.cli", "ingest", str(archive), "--out", str(out), "--prefect"], cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while not list((out / "documents").glob("2*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)  # into the next documents
    home = [h for h in Path(prefect_api.tempfile.gettempdir()).glob(f"{prefect_api.HOME_PREFIX}{run.pid}-*")]
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    time.sleep(1.0)
    assert not session_processes(run.pid), "processes of the killed run are still alive"
    assert home and all(h.exists() for h in home)
    prefect_api.remove_stale_homes()
    assert not any(h.exists() for h in home)

    logged = set(zip(*(pd.read_parquet(out / "documents")[c] for c in ("document_id", "run_id"))))
    assert logged
    for name in ("indicators", "review"):
        for path in (out / name).glob("*.parquet"):
            table = pq.read_table(path)
            for run_id in set(table.column("run_id").to_pylist()):
                assert (path.stem, run_id) in logged or path.name == "empty.parquet", (name, path.name)
