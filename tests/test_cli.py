"""The `factsheets` command end to end: the real Prefect flow on rendered documents and on a registry
served from a local HTTP server (never the internet)."""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from fixtures.render import make_document
from pipeline.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Three rendered documents of different kinds and languages, one broken file and a note."""
    folder = tmp_path_factory.mktemp("corpus")
    make_document("mcsc", "en", 3, folder / "mcsc-en.pdf")
    make_document("mocr", "sr", 4, folder / "sub" / "mocr-sr.pdf")
    make_document("kp-html", "sq", 5, folder / "kp.html")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n")  # truncated, no xref
    (folder / "notes.txt").write_text("not an input")
    return folder


def ingest(*args: str) -> None:
    result = runner.invoke(app, ["ingest", *args])
    assert result.exit_code == 0, result.output + repr(result.exception)


def test_ingest_writes_contract_tables_and_reruns_replace(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(str(corpus), "--out", str(out))
    docs = pd.read_parquet(out / "documents")
    assert set(docs["path_or_url"].map(lambda p: Path(p).name)) == {"mcsc-en.pdf", "mocr-sr.pdf", "kp.html",
                                                                     "broken.pdf"}
    broken = docs[docs["path_or_url"].str.endswith("broken.pdf")].iloc[0]
    assert broken["status"] == "quarantined" and "PDF" in broken["error"]
    ok = docs[docs["status"] == "ok"]
    assert set(ok["mechanism"]) == {"MCSC", "MOCR", "LPSC"}
    first = pd.read_parquet(out / "indicators")
    assert len(first) > 100 and first["source_id"].str.startswith("local:").all()
    assert first["run_id"].nunique() == 1
    report = (out / "report.md").read_text()
    assert "mcsc-en.pdf" in report and "quarantined" in report and broken["error"][:30] in report

    ingest(str(corpus), "--out", str(out))
    second = pd.read_parquet(out / "indicators")
    assert len(second) == len(first)  # not duplicated; unchanged documents keep their rows and run id
    assert set(second["run_id"]) == set(first["run_id"])
    ingest(str(corpus), "--out", str(out), "--force")
    third = pd.read_parquet(out / "indicators")
    assert len(third) == len(first) and third["run_id"].nunique() == 1
    assert set(third["run_id"]) != set(first["run_id"])  # read again and replaced
    assert len(pd.read_parquet(out / "documents")) == 3 * len(docs)  # the run log keeps every run


def test_ingest_from_registry_served_locally(corpus: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(corpus / "mcsc-en.pdf", site / "sheet.pdf")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        registry = tmp_path / "sources.yaml"
        registry.write_text(
            "sources:\n"
            f"  - {{id: test-mcsc-en, publisher: OSCE, mechanism: MCSC, language: en, title: test sheet,"
            f" url: '{base}/sheet.pdf', verified: true}}\n"
            f"  - {{id: test-gone, publisher: OSCE, mechanism: MOCR, language: sq, title: missing,"
            f" url: '{base}/gone.pdf', verified: true}}\n")
        out, raw = tmp_path / "out", tmp_path / "raw"
        ingest("--registry", str(registry), "--raw-dir", str(raw), "--out", str(out))
    finally:
        server.shutdown()
    assert (raw / "test-mcsc-en.pdf").exists() and not (raw / "test-gone.pdf").exists()
    ind = pd.read_parquet(out / "indicators")
    assert set(ind["source_id"]) == {"test-mcsc-en"}
    docs = pd.read_parquet(out / "documents")
    assert docs.iloc[0]["path_or_url"].startswith(base)


def test_match_command_prints_ids() -> None:
    result = runner.invoke(app, ["match", "Komuna e Prizrenit", "Qarku i Vlorës"])
    assert result.exit_code == 0
    lines = [line.split("\t") for line in result.output.strip().splitlines()]
    assert lines[0][:2] == ["Komuna e Prizrenit", "xk-prizren"]
    assert lines[1][:2] == ["Qarku i Vlorës", ""]


def test_two_workers_give_the_same_rows(corpus: Path, tmp_path: Path) -> None:
    """Two documents at a time, each in its own child process, change when documents are read, not what."""
    ingest(str(corpus), "--out", str(tmp_path / "one"))
    ingest(str(corpus), "--out", str(tmp_path / "two"), "--workers", "2")
    key = ["document_id", "indicator", "municipality_id", "category", "period_end", "value", "page"]
    one, two = (pd.read_parquet(tmp_path / name / "indicators")[key].sort_values(key).reset_index(drop=True)
                for name in ("one", "two"))
    assert len(one) > 100 and one.equals(two)


def test_a_local_run_without_a_server_gives_the_flows_rows_without_importing_prefect(corpus: Path,
                                                                                     tmp_path: Path) -> None:
    """With no Prefect server (`PREFECT_API_URL`) and nothing to spread over workers, `ingest` reads in
    its own process and writes what the flow writes (rows, run log, report, audit); so does
    `--no-prefect`, and a `--workers 2` re-run that finds every document unchanged starts no cluster
    (a quarantined document is read again each time, `ledger`, so that run names the good ones only)."""
    ingest(str(corpus), "--out", str(tmp_path / "flow"), "--prefect")
    plain = tmp_path / "plain"
    script = ("import sys\nfrom pipeline.cli import app\ntry:\n    app(sys.argv[1:])\nexcept SystemExit as e:\n"
              "    assert not e.code, e.code\nprint(sorted({m.split('.')[0] for m in sys.modules} & {'prefect', 'prefect_dask'}))")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    good = [str(p) for p in sorted(corpus.rglob("*")) if p.suffix in (".pdf", ".html") and p.name != "broken.pdf"]
    for inputs in ([str(corpus)], [*good, "--workers", "2"], [str(corpus), "--no-prefect"]):  # then all unchanged
        done = subprocess.run([sys.executable, "-c", script, "ingest", *inputs, "--out", str(plain)],
                              cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=600,
                              env=env)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().splitlines()[-1] == "[]", inputs  # Prefect never imported
    key = ["document_id", "indicator", "municipality_id", "category", "period_end", "value", "page"]
    flow, mine = (pd.read_parquet(tmp_path / name / "indicators")[key].sort_values(key).reset_index(drop=True)
                  for name in ("flow", "plain"))
    assert len(flow) > 100 and flow.equals(mine)
    log = pd.read_parquet(plain / "documents")
    assert sorted(log.groupby("run_id").size()) == [3, 4, 4]
    assert pd.read_parquet(plain / "indicators")["run_id"].nunique() == 1  # the re-runs kept the rows
    assert "broken.pdf" in (plain / "report.md").read_text() and (plain / "audit" / "index.html").exists()
    result = runner.invoke(app, ["ingest", str(corpus), "--out", str(plain), "--no-prefect", "--workers", "2"])
    assert result.exit_code == 2 and "--no-prefect" in result.output
