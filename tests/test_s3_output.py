"""`--out s3://bucket/prefix`: the output tables on object storage, against a real S3-compatible
server (moto's server mode, started here as a process on 127.0.0.1), not a mock of the client.

What is held: a run into a bucket writes the rows a local run writes; a re-run replaces and never
duplicates; a write that fails before or during its PUT leaves the earlier rows readable and whole;
two runs writing one prefix at the same moment neither lose nor duplicate rows; bad URIs fail early.
"""
from __future__ import annotations

import copy
import os
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

pytest.importorskip("moto.server", reason="the S3 tests need moto's server: pip install -e '.[test]'")
pytest.importorskip("s3fs", reason="--out s3:// needs s3fs: pip install -e '.[s3]'")

from fixtures.s3server import moto_server  # noqa: E402
from pipeline import runs  # noqa: E402 (after the skips: nothing to import when the tests cannot run)
from pipeline.cli import app  # noqa: E402
from pipeline.extract import Outcome, process  # noqa: E402
from pipeline.ops.inputs import Input, local_inputs  # noqa: E402
from pipeline.output import location  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT / "raw" / "samples" / n for n in ("03-mcsc-en.pdf", "06-mocr-en.pdf", "09-kp-html-sq.html")]
BUCKET = "factsheets-team"
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


def test_ingest_into_a_bucket_writes_the_rows_of_a_local_run(s3: dict, tmp_path: Path) -> None:
    local = tmp_path / "local"
    ingest(*map(str, SAMPLES), "--out", str(local))
    uri = f"s3://{BUCKET}/team/ingest"
    ingest(*map(str, SAMPLES), "--out", uri)
    remote = location.parse(uri)
    for name in ("indicators", "review"):
        assert comparable(rows(remote, name)).equals(comparable(rows(local, name))), name
    first = rows(remote, "indicators")
    assert len(first) > 100 and first["run_id"].nunique() == 1
    docs = rows(remote, "documents")
    assert sorted(docs["status"]) == sorted(rows(local, "documents")["status"]) and len(docs) == len(SAMPLES)
    stored = objects(remote)
    for part in ("/report.md", "/current/indicators.parquet", "/audit/index.html"):
        assert any(o.endswith(part) for o in stored), part
    assert not any(o.endswith(".tmp") for o in stored)  # one PUT per file: no temporary objects
    pq.read_table(f"{remote.path}/indicators", filesystem=remote.fs)  # pyarrow reads the prefix as a dataset

    ingest(*map(str, SAMPLES), "--out", uri)  # unchanged: logged from the ledger in the bucket, not rewritten
    second = rows(remote, "indicators")
    assert len(second) == len(first) and set(second["run_id"]) == set(first["run_id"])
    ingest(*map(str, SAMPLES), "--out", uri, "--force")  # read again: replaced, not duplicated
    third = rows(remote, "indicators")
    assert len(third) == len(first) and third["run_id"].nunique() == 1
    assert set(third["run_id"]) != set(first["run_id"])
    assert comparable(third).equals(comparable(first))
    history = location.read_frame(remote / "history" / "indicators")  # the replaced rows, kept by run
    assert set(history["run_id"]) == set(first["run_id"]) and len(history) == len(first)
    assert len(rows(remote, "documents")) == 3 * len(SAMPLES)
    audited = runner.invoke(app, ["audit", uri])  # the audit commands read and write the bucket too
    assert audited.exit_code == 0 and f"{len(SAMPLES)} documents: " in audited.output, audited.output
    runs_ab = ["--run", first["run_id"].iloc[0], "--run", third["run_id"].iloc[0]]  # history/ against current
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


def test_a_failed_write_leaves_the_earlier_rows_whole(s3: dict, outcomes: dict[Path, Outcome],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that fails while a Parquet file is being produced, or while it is being sent, leaves that
    document's earlier rows readable and unchanged, and every object in the prefix a whole Parquet file."""
    out = location.parse(f"s3://{BUCKET}/team/interrupted")
    inputs = local_inputs(SAMPLES)
    runs.run(inputs, out, "run-1", replay(outcomes))
    before = rows(out, "indicators")
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
        assert mine(after).equals(mine(before)) and set(after[after["document_id"] == victim]["run_id"]) == {"run-1"}
        assert len(after) == len(before)
        for key in objects(out):
            if key.endswith(".parquet"):
                pq.read_table(key, filesystem=out.fs)  # whole: its footer and every page read
    logged = set(zip(*(rows(out, "documents")[c] for c in ("document_id", "run_id"))))
    for doc, run_id in zip(*(rows(out, "indicators")[c] for c in ("document_id", "run_id"))):
        assert (doc, run_id) in logged  # every stored row belongs to a run that logged its document


def test_two_runs_writing_one_prefix_at_once_neither_lose_nor_duplicate(s3: dict, outcomes: dict[Path, Outcome],
                                                                         tmp_path: Path) -> None:
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

    local = tmp_path / "alone"
    runs.run(inputs, local, "run-alone", replay(outcomes))
    for name in ("indicators", "review"):
        shared, alone = rows(out, name), rows(local, name)
        assert comparable(shared).equals(comparable(alone)), name  # every row once: none lost, none twice
        per_file = shared.groupby("document_id")["run_id"].nunique()
        assert (per_file == 1).all(), per_file  # a document's rows come from one run, never a mix
    log = rows(out, "documents")
    assert sorted(log[log["run_id"] == "run-a"]["document_id"]) == sorted(outcomes[i.path].document_id
                                                                            for i in inputs[:2])
    assert sorted(log[log["run_id"] == "run-b"]["document_id"]) == sorted(outcomes[i.path].document_id
                                                                            for i in inputs[1:])


@pytest.mark.parametrize("uri, words", [("foo://bucket/prefix", "Unsupported filesystem"),
                                        ("s3://no-such-bucket-here/prefix", "cannot be written"),
                                        ("s3://", "cannot be written"),
                                        (f"s3://{BUCKET}/an-object", "is an object")])
def test_bad_uris_fail_early_in_one_line(s3: dict, uri: str, words: str) -> None:
    location.parse(f"s3://{BUCKET}/an-object").write_bytes(b"not a prefix")
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(SAMPLES[0]), "--out", uri],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, **s3})
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("factsheets: error:") and words in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr
    assert not location.parse(f"s3://{BUCKET}").fs.exists("no-such-bucket-here")  # never created
