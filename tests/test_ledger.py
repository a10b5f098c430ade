"""The ledger: a re-run logs what the folder already holds unchanged without handing it to a processor,
and hands over everything whose rows, name, bytes or code are not what the ledger saw.

The run body (`runs.run`) is called as the flow calls it, with the flow's key; documents are read
in this process by `extract.process`, counted.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pandas as pd
import pytest

from fixtures.render import make_document
from pipeline import runs
from pipeline.extract import process
from pipeline.model.records import Outcome
from pipeline.ops import ledger
from pipeline.ops.inputs import Input, local_inputs
from pipeline.ops.limits import Limits

KEY = ["document_id", "indicator", "municipality_id", "category", "period_end", "value", "page", "source_id"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    make_document("mcsc", "en", 3, folder / "mcsc-en.pdf")
    make_document("kp-html", "sq", 4, folder / "kp.html")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n")
    return folder


class Counted:
    """The flow's processor without Prefect, noting which files it was handed."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def __call__(self, items: list[Input]) -> Iterator[tuple[Input, Outcome]]:
        for item in items:
            self.read.append(item.path.name)
            yield item, process(item.path, item.hint)


def run(folder: Path, out: Path, run_id: str, force: bool = False) -> tuple[list[str], list[dict]]:
    counted = Counted()
    documents = runs.run(local_inputs([folder]), out, run_id, counted, force,
                         key=partial(ledger.document_key, limits=Limits()))
    return sorted(counted.read), documents


def rows(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "indicators")[KEY].sort_values(KEY).reset_index(drop=True)


def test_unchanged_documents_are_logged_without_reading(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    read, first = run(archive, out, "run-1")
    assert read == ["broken.pdf", "kp.html", "mcsc-en.pdf"]
    before, files = rows(out), {p: p.stat().st_mtime_ns for p in (out / "indicators").glob("*.parquet")}

    read, second = run(archive, out, "run-2")
    assert read == []  # a quarantined document too: its reason is its own
    assert rows(out).equals(before)
    assert {p: p.stat().st_mtime_ns for p in (out / "indicators").glob("*.parquet")} == files
    log = pd.read_parquet(out / "documents")
    assert log.groupby("run_id").size().to_dict() == {"run-1": 3, "run-2": 3}
    same = ["document_id", "source_id", "path_or_url", "status", "error", "n_indicators", "n_review", "n_pages",
            "publisher", "mechanism", "language", "period_start", "period_end"]
    by_run = {r: g.sort_values("path_or_url")[same].reset_index(drop=True) for r, g in log.groupby("run_id")}
    pd.testing.assert_frame_equal(by_run["run-1"], by_run["run-2"])
    assert (log[log["run_id"] == "run-2"]["seconds"] == 0).all()

    read, _ = run(archive, out, "run-3", force=True)
    assert read == ["broken.pdf", "kp.html", "mcsc-en.pdf"]


def test_what_changed_under_the_ledger_is_read_again(archive: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    for name in ("mcsc-en.pdf", "kp.html"):
        (folder / name).write_bytes((archive / name).read_bytes())
    out = tmp_path / "out"
    run(folder, out, "run-1")
    pdf_id = next(d["document_id"] for d in run(folder, out, "run-2")[1] if d["path_or_url"].endswith(".pdf"))

    (out / "indicators" / f"{pdf_id}.parquet").unlink()  # rows gone from the tables: they come back
    read, _ = run(folder, out, "run-3")
    assert read == ["mcsc-en.pdf"] and (out / "indicators" / f"{pdf_id}.parquet").exists()

    (folder / "kp.html").rename(folder / "kp-2024.html")  # the same bytes under a new name: rows carry the name
    read, _ = run(folder, out, "run-4")
    assert read == ["kp-2024.html"]
    assert set(rows(out)["source_id"]) == {"local:mcsc-en.pdf", "local:kp-2024.html"}

    for entry in (out / ledger.CACHE_DIR).glob(f"{ledger.ENTRY_PREFIX}*"):
        entry.write_text("{not json", encoding="utf-8")  # a damaged entry is no entry
    read, _ = run(folder, out, "run-5")
    assert read == ["kp-2024.html", "mcsc-en.pdf"]

    monkeypatch.setattr(ledger, "code_version", lambda: "0.0.0+other")  # new code reads everything again
    read, _ = run(folder, out, "run-6")
    assert read == ["kp-2024.html", "mcsc-en.pdf"]
    ledger.prune(out)
    assert {p.name.split("-")[-2] for p in (out / ledger.CACHE_DIR).glob(f"{ledger.ENTRY_PREFIX}*")} == {"0.0.0+other"}
    assert len(rows(out)) == len(pd.read_parquet(out / "indicators"))  # never a duplicate


def test_a_document_whose_reading_failed_for_no_reason_of_its_own_is_read_again(archive: Path,
                                                                                tmp_path: Path) -> None:
    """A lost worker or a reader process that died is not the document's outcome: no ledger entry."""
    out = tmp_path / "out"

    def losing_kp(items: list[Input]) -> Iterator[tuple[Input, Outcome]]:
        for item in items:
            yield item, (runs.failed(item, RuntimeError("worker lost")) if item.path.name == "kp.html"
                         else process(item.path, item.hint))

    first = runs.run(local_inputs([archive]), out, "run-1", losing_kp, key=partial(ledger.document_key, limits=Limits()))
    assert {Path(d["path_or_url"]).name: d["status"] for d in first}["kp.html"] == "quarantined"
    read, second = run(archive, out, "run-2")
    assert read == ["kp.html"]
    assert {Path(d["path_or_url"]).name: d["status"] for d in second}["kp.html"] == "ok"
