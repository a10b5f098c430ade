"""The output tables as downstream readers meet them: written by `pipeline.runs` / `pipeline.output.store`
the way the flow writes them (without Prefect), read back by pyarrow, pandas and DuckDB.

What is held here is the contract's promise about the tables, not about the values: exact columns
and types, no duplicates on a re-run, every doubtful value in review, bad inputs quarantined with
a reason instead of a crash, and files that a failed or repeated run can never leave half written.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

import pipeline.extract
from fixtures.draw import Series, Sheet, bar_chart
from fixtures.render import make_document
from pipeline import runs
from pipeline.extract import Outcome, process, sha256_of
from pipeline.model.confidence import REVIEW_LINE
from pipeline.ops.inputs import Input, local_inputs
from pipeline.output.schema import TABLES

# The columns CONTRACT.md names, with the types it gives (timestamps: any unit, UTC).
CONTRACT = {
    "indicators": {
        "document_id": pa.string(), "source_id": pa.string(), "publisher": pa.string(), "mechanism": pa.string(),
        "language": pa.string(), "indicator": pa.string(), "municipality_id": pa.string(), "category": pa.string(),
        "period_start": pa.date32(), "period_end": pa.date32(), "value": pa.float64(), "unit": pa.string(),
        "page": pa.int32(), "x0": pa.float64(), "top": pa.float64(), "x1": pa.float64(), "bottom": pa.float64(),
        "method": pa.string(), "confidence": pa.float64(), "raw_text": pa.string(),
        "municipality_raw": pa.string(), "run_id": pa.string()},
    "documents": {
        "document_id": pa.string(), "source_id": pa.string(), "path_or_url": pa.string(), "publisher": pa.string(),
        "mechanism": pa.string(), "language": pa.string(), "title": pa.string(), "period_start": pa.date32(),
        "period_end": pa.date32(), "n_pages": None, "status": pa.string(), "error": pa.string(),
        "n_indicators": None, "run_id": pa.string(), "started_at": None, "finished_at": None},
    "review": {
        "document_id": pa.string(), "page": None, "kind": pa.string(), "text": pa.string(),
        "candidates": pa.string(), "detail": pa.string(), "run_id": pa.string()},
}

# Inputs that must be quarantined, with a word their reason must contain.
BAD = {
    "truncated.pdf": "corrupt",
    "encrypted.pdf": "encrypted",
    "empty.pdf": "empty",
    "scanned.pdf": "no text layer",
    "weather.html": "not a recognised fact sheet",
    "notes.pdf": "not a PDF or HTML",
}
GOOD = ("mcsc-en.pdf", "kp.html", "doubtful.pdf")
# The doubtful sheet prints one chart; every MCSC sheet of every producer also prints its work-plan list
# and missing representatives, so coverage says they are missing (the values it has are all loaded).
MINIMAL = {"doubtful.pdf": "expected indicators missing: mcsc.missing_community_representatives, "
                           "mcsc.work_plan_adopted"}


def doubtful_sheet(path: Path) -> None:
    """An MCSC sheet whose bar for Pejë is drawn for 4 meetings but labelled 9: a value for review."""
    sheet = Sheet(path)
    sheet.text(40, 800, "OSCE Mission in Kosovo", 9)
    sheet.text(40, 780, "Municipal Community Safety Councils (MCSC) fact sheet", 14, bold=True)
    sheet.text(40, 764, "January – December 2019", 9)
    sheet.text(40, 700, "Number of MCSC meetings held in 2019", 10, bold=True)
    bar_chart(sheet, 40, 380, 500, 300, ["Prizren", "Pejë", "Gjilan", "Ferizaj"],
              [Series("January – December 2019", [6, 4, 12, 2], "#1f5fa8")],
              value_label=lambda v: "9" if v == 4 else f"{v:g}")
    sheet.save()


def make_bad(folder: Path, good_pdf: Path) -> None:
    """One file per way an input can be unreadable."""
    data = good_pdf.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    canvas = Canvas(str(folder / "encrypted.pdf"), encrypt="pw")
    canvas.drawString(72, 700, "OSCE Mission in Kosovo: Municipal Community Safety Councils (MCSC)")
    canvas.save()
    (folder / "empty.pdf").write_bytes(b"")
    canvas = Canvas(str(folder / "scanned.pdf"))
    canvas.drawImage(ImageReader(Image.new("L", (120, 170), 215)), 50, 60, 480, 680)
    canvas.save()
    (folder / "weather.html").write_text("<!DOCTYPE html><html><body><h1>Weather in Prishtina</h1>"
                                         "<p>Sunny, 24 degrees on 3 June 2024.</p></body></html>", encoding="utf-8")
    (folder / "notes.pdf").write_text("Notes on the OSCE fact sheets; a text file, whatever its name says.\n")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    make_document("mcsc", "en", 0, folder / "mcsc-en.pdf")
    make_document("kp-html", "sq", 0, folder / "kp.html")
    doubtful_sheet(folder / "doubtful.pdf")
    make_bad(folder, folder / "mcsc-en.pdf")
    return folder


def in_process(items: list[Input]) -> Iterator[tuple[Input, Outcome]]:
    """The flow's processor without Prefect: each document read in turn, in this process."""
    for item in items:
        yield item, process(item.path, item.hint)


def ingest(paths: list[Path], out: Path, run_id: str, force: bool = False) -> list[dict]:
    """The flow's body (`runs.run`), called as the flow calls it, with documents read in-process."""
    return runs.run(local_inputs(paths), out, run_id, in_process, force)


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(out / name)


def duck(out: Path, name: str, select: str = "count(*)") -> duckdb.DuckDBPyConnection:
    """DuckDB reading a table as the contract says it may: a hive-partitioned glob of its files."""
    glob = (out / name).as_posix() + "/**/*.parquet"
    return duckdb.connect().execute(f"select {select} from read_parquet('{glob}', hive_partitioning=true)")


@pytest.fixture(scope="module")
def output(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    ingest([inputs], out, "run-1")
    return out


# ---------------------------------------------------------------------------- shape

@pytest.mark.parametrize("name", TABLES)
def test_three_readers_agree(output: Path, name: str) -> None:
    """Each table is one dataset to pyarrow (hive partitioning), pandas and DuckDB alike."""
    dataset = ds.dataset(output / name, partitioning="hive")
    frame = pd.read_parquet(output / name)
    n_duck = duck(output, name).fetchone()[0]
    duck_columns = [d[0] for d in duck(output, name, "*").description]
    assert dataset.count_rows() == len(frame) == n_duck > 0
    assert list(frame.columns) == duck_columns == TABLES[name].names


@pytest.mark.parametrize("name", TABLES)
def test_columns_and_types_are_the_schema(output: Path, name: str) -> None:
    """Exactly pipeline/schema.py, which holds every contract column with the contract's type."""
    schema = ds.dataset(output / name, partitioning="hive").schema
    assert schema.equals(TABLES[name], check_metadata=False), f"{schema}\n!=\n{TABLES[name]}"
    for column, kind in CONTRACT[name].items():
        assert column in schema.names, f"contract column {name}.{column} missing"
        if kind is not None:
            assert schema.field(column).type == kind, column
    for column in ("started_at", "finished_at"):
        assert str(TABLES["documents"].field(column).type.tz) == "UTC"


# ---------------------------------------------------------------------------- content

def latest_documents(out: Path) -> pd.DataFrame:
    """The newest row of each input file, indexed by file name (documents/ has one per run)."""
    docs = read(out, "documents").sort_values("finished_at")
    docs["file"] = docs["path_or_url"].map(lambda p: Path(p).name)
    return docs.groupby("file").tail(1).set_index("file")


def test_good_documents_are_loaded(output: Path) -> None:
    docs = latest_documents(output)
    indicators = read(output, "indicators")
    for name in GOOD:
        row = docs.loc[name]
        if name in MINIMAL:  # read whole, but without what every real sheet of its kind prints
            assert row["status"] == "partial" and row["error"] == MINIMAL[name], (name, row["error"])
        else:
            assert row["status"] == "ok" and pd.isna(row["error"]), (name, row["error"])
        assert row["n_indicators"] == (indicators["document_id"] == row["document_id"]).sum() > 0
    assert set(indicators["source_id"]) == {f"local:{name}" for name in GOOD}
    assert set(indicators["run_id"]) == {"run-1"}


@pytest.mark.parametrize("name", BAD)
def test_bad_inputs_are_quarantined_with_a_reason(output: Path, name: str) -> None:
    """An unreadable input is reported, not fatal, and its reason says what it is."""
    row = latest_documents(output).loc[name]
    assert row["status"] == "quarantined" and row["n_indicators"] == 0
    assert BAD[name].lower() in row["error"].lower(), row["error"]
    assert not (read(output, "indicators")["document_id"] == row["document_id"]).any()


def test_doubtful_values_are_in_review(output: Path) -> None:
    """Every value below the review line (0.5) has its review row (same document, page and text)."""
    indicators, review = read(output, "indicators"), read(output, "review")
    doubtful = indicators[indicators["confidence"] < REVIEW_LINE]
    assert len(doubtful), "the doubtful sheet should give at least one low-confidence value"
    flagged = review[review["kind"] == "low_confidence_value"]
    keys = set(zip(flagged["document_id"], flagged["page"], flagged["text"]))
    missing = doubtful[[k not in keys for k in zip(doubtful["document_id"], doubtful["page"], doubtful["raw_text"])]]
    assert missing.empty, missing[["indicator", "municipality_id", "value", "confidence", "raw_text"]]


# ---------------------------------------------------------------------------- re-runs and failures

GOOD_AND_BAD = ("mcsc-en.pdf", "kp.html", "doubtful.pdf", "truncated.pdf", "weather.html")


@pytest.fixture
def run_once(inputs: Path, tmp_path: Path) -> tuple[list[Path], Path]:
    paths = [inputs / name for name in GOOD_AND_BAD]
    out = tmp_path / "out"
    ingest(paths, out, "run-1")
    return paths, out


def test_rerun_keeps_unchanged_files_and_force_replaces_rows(run_once: tuple[list[Path], Path]) -> None:
    """A re-run that reads the same rows leaves the files alone (the rows keep the run that wrote them);
    `force` rewrites them with the new run's id; neither ever duplicates a row."""
    paths, out = run_once
    files = {p: p.stat().st_mtime_ns for p in (out / "indicators").glob("*.parquet")}
    before = {name: len(read(out, name)) for name in ("indicators", "review")}
    ingest(paths, out, "run-2")
    assert {p: p.stat().st_mtime_ns for p in (out / "indicators").glob("*.parquet")} == files
    assert set(read(out, "indicators")["run_id"]) == {"run-1"}
    ingest(paths, out, "run-3", force=True)
    assert {name: len(read(out, name)) for name in ("indicators", "review")} == before
    assert set(read(out, "indicators")["run_id"]) == {"run-3"}
    assert read(out, "documents").groupby("run_id").size().to_dict() == {
        "run-1": len(paths), "run-2": len(paths), "run-3": len(paths)}


def test_all_quarantined_run_leaves_empty_tables(inputs: Path, tmp_path: Path) -> None:
    """A run where nothing could be read still leaves three tables every reader opens, with the schema."""
    out = tmp_path / "out"
    documents = ingest([inputs / name for name in BAD], out, "run-1")
    assert {d["status"] for d in documents} == {"quarantined"}
    for name in TABLES:
        expected = len(BAD) if name == "documents" else 0
        assert len(read(out, name)) == duck(out, name).fetchone()[0] == expected, name
        assert ds.dataset(out / name, partitioning="hive").schema.equals(TABLES[name], check_metadata=False)
    assert list(read(out, "indicators").columns) == TABLES["indicators"].names


def test_quarantined_rerun_keeps_earlier_rows(run_once: tuple[list[Path], Path],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A document that fails on a later run keeps what an earlier run loaded from it."""
    paths, out = run_once
    before = read(out, "indicators").sort_values(["document_id", "indicator", "page", "x0"], ignore_index=True)

    def broken(path: Path) -> None:
        raise RuntimeError("simulated parser failure")

    monkeypatch.setattr(pipeline.extract, "spool_pdf", broken)
    documents = ingest(paths, out, "run-2")
    statuses = {Path(d["path_or_url"]).name: d["status"] for d in documents}
    assert statuses["mcsc-en.pdf"] == statuses["doubtful.pdf"] == "quarantined" and statuses["kp.html"] == "ok"
    after = read(out, "indicators").sort_values(["document_id", "indicator", "page", "x0"], ignore_index=True)
    pdfs = {sha256_of(p) for p in paths if p.suffix == ".pdf"}

    def of_pdfs(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["document_id"].isin(pdfs)].reset_index(drop=True)

    assert len(of_pdfs(before)) > 0
    pd.testing.assert_frame_equal(of_pdfs(after), of_pdfs(before))
    assert len(after) == len(before)


def test_interrupted_write_leaves_earlier_files(run_once: tuple[list[Path], Path],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer that dies mid-file (disk full, killed) leaves every earlier file whole, and whatever
    temporary file it leaves behind is invisible to the three readers."""
    paths, out = run_once
    files = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    counts = {name: len(read(out, name)) for name in TABLES}
    real_write = pq.write_table
    temps: list[Path] = []

    def dying_write(table: pa.Table, where, *args, **kwargs) -> None:
        if temps:  # the second file of the run: half written, then the disk is full
            Path(where).write_bytes(b"PAR1" + b"\0" * 100)
            temps.append(Path(where))
            raise OSError(28, "No space left on device")
        temps.append(Path(where))
        real_write(table, where, *args, **kwargs)

    monkeypatch.setattr(pq, "write_table", dying_write)
    with pytest.raises(OSError, match="No space left"):
        ingest(paths, out, "run-2", force=True)
    monkeypatch.undo()

    assert len(temps) == 2 and not list(out.rglob("*.tmp")), "a failed write must clean up its temporary file"
    for path, data in files.items():
        assert path.exists(), f"{path} lost"
        if path.read_bytes() != data:  # only a file fully replaced before the failure may differ
            assert pq.read_table(path).num_rows > 0
    temps[-1].write_bytes(b"PAR1" + b"\0" * 100)  # what a killed process would leave behind
    grown = {"documents": 1}  # the dying run's log (its first file), sent before the document's rows: one line
    for name in TABLES:
        n_duck = duck(out, name).fetchone()[0]
        n_arrow = ds.dataset(out / name, partitioning="hive").count_rows()
        assert len(read(out, name)) == n_arrow == n_duck == counts[name] + grown.get(name, 0), name
