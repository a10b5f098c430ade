"""Tables found from values aligned in columns (`readers/tables/aligned.py`) are tables like any other:
the finder builds a `Table` of label, header and value cells, and `interpret` reads it. Each test
reads a committed corpus PDF whose matrix no ruled or whitespace reading finds, and compares with
the corpus truth, so it fails when either step regresses."""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from fixtures.render import make_document
from pipeline.extract import process
from pipeline.model.observations import BLANK_CELL
from pipeline.model.pagemodel import Page, load_pdf
from pipeline.readers.tables.aligned import METHOD, find_aligned
from pipeline.readers.tables.interpret import interpret
from pipeline.readers.tables.model import Cell, Table

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"

pytestmark = pytest.mark.skipif(not (CORPORA / "mpl").exists(), reason="corpora/mpl is not in this checkout")


@cache
def table_scores(relative: str) -> tuple[int, int]:
    """(correct, wrong or without a truth row) among one document's values read from tables, by any
    finder (the whitespace finder reads some of these matrices too, since it reads wrapped headers by
    the body's column bands), by the contract's key (indicator, municipality, category, period month)."""
    pdf = CORPORA / relative
    truth = {(r["indicator"], r["municipality_id"], r["category"], r["period_end"][:7]): float(r["value"])
             for r in csv.DictReader(open(pdf.parent / "truth.csv", encoding="utf-8")) if r["file"] == pdf.name}
    got = {(v.indicator, v.municipality_id or "", v.category or "", str(v.period_end)[:7]): v.value
           for v in process(pdf).values if v.method.startswith("table:")}
    correct = sum(1 for k, v in got.items() if k in truth and abs(truth[k] - v) < 0.05)
    return correct, len(got) - correct


def test_a_matrix_with_dashes_for_no_is_one_table_of_its_tasks() -> None:
    """matplotlib MOCR sheet (sr Cyrillic): eight task columns of ✓ and – and two year columns, no
    rules, headers wrapped over up to nine lines. Every dash is a cell of its column: before, each
    dash ended a column and the grid reader read 33 columns for these ten."""
    page = load_pdf(CORPORA / "mpl" / "seed-4" / "144350.pdf")[0][1]
    (table,) = [t for t in find_aligned(page, set()) if t.n_cols > 5]
    grid = table.grid()
    assert table.method == METHOD and (table.n_rows, table.n_cols) == (33, 11)
    assert grid[0][0] == "Општина" and grid[0][9:] == ["2018", "2017"]
    assert grid[0][1].startswith("Процена права заједница")
    assert grid[1] == ["Ђаковица", "✓", "–", "✓", "✓", "✓", "✓", "–", "–", "5", "6"]
    observations = interpret(page, table)
    row = {o.column: (o.value, o.method) for o in observations if o.row == "Ђаковица"}
    assert len(row) == 10
    assert row["2018"] == (5.0, "table:grid") and row["2017"] == (6.0, "table:grid")
    assert [v for c, v in row.items() if c not in ("2018", "2017")] == [
        (float(g == "✓"), "table:ticks") for g in grid[1][1:9]]


@pytest.mark.parametrize("relative, min_correct", [
    ("mpl/seed-4/144350.pdf", 320),  # the matrix above: 32 offices x (8 tasks + 2 years)
    ("mpl/seed-5/928091.pdf", 350),  # the English edition, 35 offices
    ("mpl/seed-3/487377.pdf", 310),  # ✔ instead of ✓
    ("mpl/seed-2/477599.pdf", 24),  # count columns
    ("browser/seed-1/651750.pdf", 35),  # a work-plan tick list printed by Chromium
])
def test_matrices_are_read_with_no_wrong_value(relative: str, min_correct: int) -> None:
    correct, wrong = table_scores(relative)
    assert wrong == 0 and correct >= min_correct, (correct, wrong)


def test_a_tick_matrix_whose_first_row_is_mostly_blank_starts_with_that_row() -> None:
    """A blank tick cell is a "no", so an office that did one task of four is a body row, not a
    header line; and its counts rising by one ("5 6") are no agreement levels beside tick columns."""
    texts = [["Komuna", "A", "B", "C", "D", "2023", "2022"],
             ["Deçan", "", "", "✓", "", "5", "6"],
             ["Pejë", "✓", "✓", "", "✓", "3", "1"],
             ["Prizren", "✓", "", "✓", "✓", "7", "2"]]
    cells = [Cell(text, 10.0 + 40 * j, 10.0 + 12 * r, 40.0 + 40 * j, 20.0 + 12 * r, r, j)
             for r, row in enumerate(texts) for j, text in enumerate(row)]
    table = Table(1, (10.0, 10.0, 320.0, 68.0), cells, METHOD, 1.0, 4, 7)
    observations = interpret(Page(1, 400.0, 400.0, [], []), table)
    got = {(o.row, o.column): o.value for o in observations}
    assert got[("Deçan", "C")] == 1.0 and got[("Deçan", "A")] == 0.0 and got[("Deçan", "2023")] == 5.0
    assert len(got) == 3 * 6
    blank = next(o for o in observations if (o.row, o.column) == ("Deçan", "A"))
    assert blank.raw_text == BLANK_CELL and "blank tick cell read as 0" in blank.notes


def test_a_list_wrapped_into_two_name_tick_pairs_shares_its_caption(tmp_path: Path) -> None:
    """A work-plan list set as two "name | ✓" pairs, the right pair with an empty column of its own:
    one list of one value kind, so both halves keep the caption above the whole table (when each
    half was captioned apart, the left half lost its caption and 12 of 23 values)."""
    pdf = tmp_path / "mocr-sq.pdf"
    truth, _ = make_document("mocr", "sq", 0, pdf)
    expected = {(r["municipality_id"], float(r["value"])) for r in truth if r["indicator"] == "mocr.work_plan_submitted"}
    out = process(pdf)
    got = {(v.municipality_id, v.value) for v in out.values if v.indicator == "mocr.work_plan_submitted"}
    assert expected and got == expected and out.status == "ok", out.error
