"""`--out s3://bucket/prefix`: the output tables on object storage, against a real S3-compatible
server (moto's server mode, started here as a process on 127.0.0.1), not a mock of the client.

What is held: a run into a bucket writes the rows a local run writes; a re-run replaces and never
duplicates; a write that fails before or during its PUT, or a process killed while it writes, leaves
the earlier rows readable and whole; two runs writing one prefix at the same moment neither lose nor
duplicate rows; bad URIs and unreachable endpoints fail early, in seconds.

Cost: one server for the module, one Prefect flow run into the bucket (`bucket_run`) and one local run
(`local_run`) shared by the tests that only read them; the tests that change a bucket's tables work on
a server-side copy of it (`copy_of`) and run `ingest --no-prefect`, since they are about storage.
"""
from __future__ import annotations

import copy
import logging
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

pytest.importorskip("moto.server", reason="the S3 tests need moto's server: pip install -e '.[test]'")
S3FileSystem = pytest.importorskip("s3fs", reason="--out s3:// needs s3fs: pip install -e '.[s3]'").S3FileSystem

from fixtures.s3server import free_port, moto_server  # noqa: E402
from pipeline import runs  # noqa: E402 (after the skips: nothing to import when the tests cannot run)
from pipeline.audit.audit import audit_after_run  # noqa: E402
from pipeline.cli import app  # noqa: E402
from pipeline.extract import Outcome, process  # noqa: E402
from pipeline.ops.inputs import Input, local_inputs  # noqa: E402
from pipeline.output import location  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT / "raw" / "samples" / n for n in ("03-mcsc-en.pdf", "06-mocr-en.pdf", "09-kp-html-sq.html")]
BUCKET = "factsheets-team"
# How often the killed-run test lists the bucket. A document's writes are six requests in a row (run
# log, two copies to history/, two table files, the ledger entry); a kill one listing after the first
# copy lands among them or soon after (the test prints where), and a pace no faster leaves the loaded
# moto server to the run.
POLL_SECONDS = 0.05
runner = CliRunner()


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A moto S3 server on a free local port with one bucket, the AWS environment pointing at it
    (for this process and the command lines it starts); killed at the end."""
    with moto_server(tmp_path_factory.mktemp("moto") / "server.log", BUCKET) as env:
        yield env


def ingest(*args: str) -> None:
    result = runner.invoke(app, ["ingest", *args])
    assert result.exit_code == 0, result.output + repr(result.exception)


def rows(out: location.Location, name: str) -> pd.DataFrame:
    """A table as pyarrow reads it, from a local folder or a bucket (`location.read_frame`)."""
    return location.read_frame(out / name)


def comparable(df: pd.DataFrame) -> pd.DataFrame:
    """Rows without what differs between any two runs (run id), in one order."""
    df = df.drop(columns=["run_id"]).astype(str)
    return df.sort_values(list(df.columns)).reset_index(drop=True)


def objects(out: location.Location) -> list[str]:
    return sorted(out.fs.find(out.path))


def size(path: Path) -> int:
    return path.stat().st_size


def all_whole(out: location.Location) -> None:
    """Every Parquet object under `out` reads whole: its footer and every page (one GET each)."""
    for data in out.fs.cat([k for k in objects(out) if k.endswith(".parquet")]).values():
        pq.read_table(pa.BufferReader(data))


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory, outcomes: dict[Path, Outcome]) -> Path:
    """The samples' run into a local folder, what the bucket's tables are compared with (read only):
    the run body and the audit that end every ingest, on the samples read once (`outcomes`)."""
    local = tmp_path_factory.mktemp("local") / "out"
    documents = runs.run(local_inputs(SAMPLES), local, "run-local", replay(outcomes))
    assert audit_after_run(local, documents, logging.getLogger("test"))[1] is not None
    return local


@pytest.fixture(scope="module")
def bucket_run(s3: dict) -> location.Location:
    """The samples ingested into the bucket through the Prefect flow, as a team runs it. Read only: a
    test that changes a bucket's tables works on a copy (`copy_of`)."""
    uri = f"s3://{BUCKET}/team/ingest"
    ingest(*map(str, SAMPLES), "--out", uri, "--prefect")
    return location.parse(uri)


def copy_of(run: location.Location, name: str) -> location.Location:
    """The objects of a bucket run copied to a prefix of its own, server-side (one request each, sent at once)."""
    target = location.parse(f"s3://{BUCKET}/copies/{name}")
    keys = objects(run)
    run.fs.copy(keys, [f"{target.path}{key.removeprefix(run.path)}" for key in keys])
    return target


def test_a_flow_run_into_a_bucket_writes_the_rows_of_a_local_run(bucket_run: location.Location,
                                                                 local_run: Path) -> None:
    remote = bucket_run
    for name in ("indicators", "review"):
        assert comparable(rows(remote, name)).equals(comparable(rows(local_run, name))), name
    first = rows(remote, "indicators")
    assert len(first) > 100 and first["run_id"].nunique() == 1
    docs = rows(remote, "documents")
    assert sorted(docs["status"]) == sorted(rows(local_run, "documents")["status"]) and len(docs) == len(SAMPLES)
    stored = objects(remote)
    for part in ("/report.md", "/current/indicators.parquet", "/audit/index.html"):
        assert any(o.endswith(part) for o in stored), part
    assert sum("/.cache/logged-" in o for o in stored) == len(SAMPLES)  # the ledger lives beside the tables
    assert not any(o.endswith(".tmp") for o in stored)  # one PUT per file: no temporary objects
    pq.read_table(f"{remote.path}/indicators", filesystem=remote.fs)  # pyarrow reads the prefix as a dataset


def test_a_forced_rerun_replaces_a_documents_rows_and_keeps_the_old_ones(bucket_run: location.Location,
                                                                         outcomes: dict[Path, Outcome]) -> None:
    """A forced re-run (the run body as `ingest --force` calls it) replaces a document's rows (the
    smallest sample: what is shown is per document), never duplicates them, and keeps the replaced rows
    under history/, which `factsheets diff` reads from the bucket. (A re-run that finds documents
    unchanged, through the command line: the end of the killed-run test.)"""
    out = copy_of(bucket_run, "rerun")
    uri = str(out)
    first = rows(out, "indicators")
    smallest = min(SAMPLES, key=size)
    forced, doc = "run-forced", outcomes[smallest].document_id
    runs.run(local_inputs([smallest]), out, forced, replay(outcomes), force=True)  # read again: replaced
    third = rows(out, "indicators")
    log = rows(out, "documents")
    assert list(log[log["run_id"] == forced]["document_id"]) == [doc]
    assert len(third) == len(first) and comparable(third).equals(comparable(first))
    assert set(third[third["document_id"] == doc]["run_id"]) == {forced}
    assert set(third[third["document_id"] != doc]["run_id"]) == set(first["run_id"])  # the others untouched
    history = location.read_frame(out / "history" / "indicators")  # the replaced rows, kept by run
    assert set(history["run_id"]) == set(first["run_id"]) and len(history) == (first["document_id"] == doc).sum()
    assert len(log) == len(SAMPLES) + 1
    runs_ab = ["--run", first["run_id"].iloc[0], "--run", forced]  # history/ against current
    changes = runner.invoke(app, ["diff", "--out", uri, *runs_ab])
    assert changes.exit_code == 0 and "0 added, 0 removed, 0 changed" in changes.output, changes.output


@pytest.fixture(scope="module")
def outcomes() -> dict[Path, Outcome]:
    """The samples read once; the run-body tests replay them (a run changes an outcome: deep copies)."""
    return {item.path: process(item.path, item.hint) for item in local_inputs(SAMPLES)}


def replay(outcomes: dict[Path, Outcome], before_each=None):  # noqa: ANN001, ANN201
    def processor(items: list[Input]) -> Iterator[tuple[Input, Outcome]]:
        for item in items:
            if before_each:
                before_each()
            yield item, copy.deepcopy(outcomes[item.path])
    return processor


def test_a_failed_write_leaves_the_earlier_rows_whole(bucket_run: location.Location, outcomes: dict[Path, Outcome],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that fails while a Parquet file is being produced, or while it is being sent, leaves that
    document's earlier rows readable and unchanged, and every object in the prefix a whole Parquet file."""
    out = copy_of(bucket_run, "interrupted")
    inputs = local_inputs(SAMPLES)
    before = rows(out, "indicators")
    (earlier,) = set(before["run_id"])
    victim = outcomes[inputs[1].path].document_id

    real_write_table, real_pipe = pq.write_table, out.fs.pipe_file

    def victims(table) -> bool:  # noqa: ANN001 (a pyarrow table)
        return "indicator" in table.column_names and victim in table.column("document_id").to_pylist()

    def half_then_interrupt(table, where, **kwargs) -> None:  # noqa: ANN001 (pyarrow's signature)
        if not victims(table):
            return real_write_table(table, where, **kwargs)
        real_write_table(table.slice(0, table.num_rows // 2), where, **kwargs)
        raise KeyboardInterrupt  # Ctrl-C while the file is being produced

    def put_fails(path: str, data: bytes, **kwargs) -> None:
        if victim in path:
            raise ConnectionResetError("connection lost during the PUT")
        return real_pipe(path, data, **kwargs)

    for attempt, (target, name, fake) in enumerate([(pq, "write_table", half_then_interrupt),
                                                    (out.fs, "pipe_file", put_fails)]):
        with monkeypatch.context() as m:
            m.setattr(target, name, fake)
            with pytest.raises((KeyboardInterrupt, ConnectionResetError)):
                runs.run(inputs, out, f"run-broken-{attempt}", replay(outcomes), force=True)
        after = rows(out, "indicators")
        mine = lambda df: comparable(df[df["document_id"] == victim])  # noqa: E731
        assert mine(after).equals(mine(before)) and set(after[after["document_id"] == victim]["run_id"]) == {earlier}
        assert len(after) == len(before)
        all_whole(out)
    logged = set(zip(*(rows(out, "documents")[c] for c in ("document_id", "run_id"))))
    for doc, run_id in zip(*(rows(out, "indicators")[c] for c in ("document_id", "run_id"))):
        assert (doc, run_id) in logged  # every stored row belongs to a run that logged its document


def test_two_runs_writing_one_prefix_at_once_neither_lose_nor_duplicate(s3: dict, outcomes: dict[Path, Outcome],
                                                                         local_run: Path) -> None:
    """Run A writes documents 2 and 1, run B documents 2 and 3, both at the same moment (a barrier
    before every document), so both replace document 2 at once: all three documents are there once,
    each document's rows wholly one run's."""
    inputs = local_inputs(SAMPLES)
    out = location.parse(f"s3://{BUCKET}/team/concurrent")
    together = threading.Barrier(2)
    errors: list[str] = []

    def run(items: list[Input], run_id: str) -> None:
        try:
            runs.run(items, out, run_id, replay(outcomes, lambda: together.wait(timeout=120)), force=True)
        except BaseException:  # noqa: BLE001 (reported by the test below)
            errors.append(traceback.format_exc())
            together.abort()

    threads = [threading.Thread(target=run, args=([inputs[1], inputs[0]], "run-a")),  # both write 2 first
               threading.Thread(target=run, args=(inputs[1:], "run-b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, "\n".join(errors)

    for name in ("indicators", "review"):
        shared, alone = rows(out, name), rows(local_run, name)
        assert comparable(shared).equals(comparable(alone)), name  # every row once: none lost, none twice
        per_file = shared.groupby("document_id")["run_id"].nunique()
        assert (per_file == 1).all(), per_file  # a document's rows come from one run, never a mix
    log = rows(out, "documents")
    assert sorted(log[log["run_id"] == "run-a"]["document_id"]) == sorted(outcomes[i.path].document_id
                                                                            for i in inputs[:2])
    assert sorted(log[log["run_id"] == "run-b"]["document_id"]) == sorted(outcomes[i.path].document_id
                                                                            for i in inputs[1:])


def test_a_run_killed_while_it_writes_leaves_the_bucket_whole(bucket_run: location.Location, local_run: Path,
                                                              tmp_path: Path) -> None:
    """A real `factsheets ingest --force` killed (SIGKILL: no handler runs) as soon as the bucket shows
    its first new table file (a replaced document's rows copied to history/, right before their new
    file is sent): every object is still a whole Parquet file, every document's rows are there once,
    wholly one run's and logged by that run, the audit reads the bucket, and a re-run completes,
    duplicates nothing and rewrites nothing the killed run did not reach."""
    out = copy_of(bucket_run, "killed")
    earlier = set(rows(out, "indicators")["run_id"])
    known = set(objects(out))

    def written() -> set[str]:  # the run's table files (not its run log, nor the check's probe, deleted at once)
        return {o for o in objects(out) if o not in known and "/.write-check-" not in o and "/documents/" not in o}

    with (tmp_path / "killed.log").open("wb") as log:
        run = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "ingest", *map(str, sorted(SAMPLES, key=size)),
                                "--out", str(out), "--no-prefect", "--force"], cwd=ROOT, stdout=log,
                               stderr=subprocess.STDOUT)  # the quickest to read first: it writes sooner
    try:
        deadline = time.monotonic() + 300
        while not (first := written()):
            assert run.poll() is None, (tmp_path / "killed.log").read_text(errors="replace")
            assert time.monotonic() < deadline, "the run wrote nothing in 300 s"
            time.sleep(POLL_SECONDS)
        run.send_signal(signal.SIGKILL)
    finally:
        run.kill()
        run.wait(timeout=60)
    assert run.returncode == -signal.SIGKILL  # killed while writing, not finished
    stored, log = rows(out, "indicators"), rows(out, "documents")
    print(f"killed once {sorted(first)} was there: the killed run had logged "
          f"{(~log['run_id'].isin(earlier)).sum()} documents and stored the indicators of "
          f"{stored[~stored['run_id'].isin(earlier)]['document_id'].nunique()}; its new objects: {sorted(written())}")

    def whole() -> None:
        all_whole(out)
        for name in ("indicators", "review"):
            stored = rows(out, name)
            assert comparable(stored).equals(comparable(rows(local_run, name))), name  # each row once
            assert (stored.groupby("document_id")["run_id"].nunique() == 1).all(), name  # never a mix
        logged = set(zip(*(rows(out, "documents")[c] for c in ("document_id", "run_id"))))
        current = rows(out, "indicators")
        assert set(zip(current["document_id"], current["run_id"])) <= logged  # rows of runs that logged them

    whole()
    assert earlier & set(rows(out, "indicators")["run_id"])  # the documents it did not reach: the earlier rows
    audited = runner.invoke(app, ["audit", str(out)])  # the audit command reads and writes the bucket
    assert audited.exit_code == 0 and "documents: " in audited.output, audited.output

    untouched = rows(out, "indicators").query("run_id in @earlier")
    ingest(*map(str, SAMPLES), "--out", str(out), "--no-prefect")
    whole()
    after = rows(out, "indicators")  # the documents the killed run did not reach: logged from the ledger
    kept = after[after["document_id"].isin(untouched["document_id"])]
    assert comparable(kept).equals(comparable(untouched)) and set(kept["run_id"]) <= earlier
    log = rows(out, "documents")
    last = log.sort_values("started_at")["run_id"].iloc[-1]
    mine = log[log["run_id"] == last]
    assert sorted(mine["path_or_url"].map(lambda p: Path(p).name)) == sorted(p.name for p in SAMPLES)
    assert (mine[mine["document_id"].isin(untouched["document_id"])]["seconds"] == 0).all()  # not read again


def one_line_error(stderr: str, words: str) -> None:
    assert stderr.startswith("factsheets: error:") and words in stderr, stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr, stderr


@pytest.mark.parametrize("uri, words", [("foo://bucket/prefix", "Unsupported filesystem"),
                                        ("s3://no-such-bucket-here/prefix", "cannot be written"),
                                        ("s3://", "cannot be written"),
                                        (f"s3://{BUCKET}/an-object", "is an object")])
def test_bad_uris_fail_early_in_one_line(s3: dict, uri: str, words: str) -> None:
    location.parse(f"s3://{BUCKET}/an-object").write_bytes(b"not a prefix")
    done = runner.invoke(app, ["ingest", str(SAMPLES[0]), "--out", uri])
    assert done.exit_code == 2, done.output
    one_line_error(done.stderr, words)
    assert not location.parse(f"s3://{BUCKET}").fs.exists("no-such-bucket-here")  # never created


def test_an_unreachable_or_silent_endpoint_fails_in_seconds(s3: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """A closed port, and a port that takes connections but never answers (a hung proxy, a firewall
    that accepts), are both reported in one line with exit code 2 before anything runs; the silent
    one hung the check for good before the check had a deadline of its own (the times: printed)."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    endpoints = {"Could not connect to the endpoint URL": f"http://127.0.0.1:{free_port()}",
                 "no answer within": f"http://127.0.0.1:{silent.getsockname()[1]}"}
    try:
        for words, endpoint in endpoints.items():
            monkeypatch.setenv("AWS_ENDPOINT_URL_S3", endpoint)
            S3FileSystem.clear_instance_cache()  # fsspec keeps one per set of options, the endpoint is not one
            start = time.monotonic()
            done = runner.invoke(app, ["ingest", str(SAMPLES[0]), "--out", f"s3://{BUCKET}/prefix"])
            print(f"{words!r}: exit {done.exit_code} after {time.monotonic() - start:.1f} s")
            assert done.exit_code == 2, done.output
            one_line_error(done.stderr, words)
    finally:
        silent.close()
        monkeypatch.undo()
        S3FileSystem.clear_instance_cache()
