"""General tables as observations: labelled by row and header, never doubling what a grid read."""
from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from fixtures.draw import register_family
from pipeline.isolation import Isolation
from pipeline.readers import read_graphics
from pipeline.model.confidence import READING
from pipeline.model.pagemodel import load_pdf
from pipeline.readers.tables.interpret import interpret
from pipeline.readers.tables.route import find_tables

ROWS = [("Prizren", "12", "9"), ("Pejë", "4", "7"), ("Gjilan", "0", "3"), ("Ferizaj", "6", "6")]


def render_table(path: Path, prose_numbers: bool = False) -> None:
    """A ruled table of municipalities by two years, with a caption above it."""
    font = register_family("dejavu-sans")[0]
    c = Canvas(str(path), pagesize=(595, 842))
    c.setFont(font, 10)
    c.drawString(60, 760, "Numri i takimeve sipas komunave")
    y = 740
    for r, row in enumerate([("Komuna", "2023", "2024"), *ROWS]):
        x = 60
        for w, text in zip((150, 80, 80), row):
            c.rect(x, y - 18, w, 18)
            c.setFont(font, 8)
            c.drawString(x + 4, y - 12, text)
            x += w
        y -= 18
    c.showPage()
    c.save()


def test_table_cells_carry_row_label_header_and_caption(tmp_path: Path) -> None:
    render_table(tmp_path / "t.pdf")
    page = load_pdf(tmp_path / "t.pdf")[0][0]
    tables = find_tables(page)
    assert len(tables) == 1
    observations = interpret(page, tables[0])
    got = {(o.row, o.column): o.value for o in observations}
    expected = {(name, year): float(v) for name, a, b in ROWS for year, v in (("2023", a), ("2024", b))}
    assert got == expected
    assert {o.caption for o in observations} == {"Numri i takimeve sipas komunave — 2023 2024"}  # caption, header
    assert all(o.method.startswith("table:") and 0 < o.confidence <= READING for o in observations)


def test_a_table_read_as_a_grid_is_not_read_twice(tmp_path: Path) -> None:
    render_table(tmp_path / "t.pdf")
    page = load_pdf(tmp_path / "t.pdf")[0][0]
    observations = read_graphics(page, Isolation())
    cells = [(o.row, o.column, o.value) for o in observations]
    assert len(cells) == len(set(cells)) == 2 * len(ROWS)
