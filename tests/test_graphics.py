"""The graphics readers on real PDFs: small drawings made with reportlab here (so every bar, wedge and
cell has a known value), then a grid of fixture documents run through `process` end to end.

The unit tests draw their own charts and tables instead of reusing `fixtures.draw`, so the readers
are checked against geometry written independently of the corpus generator. The corpus tests hold
the contract's two promises: no silent errors (a wrong value with confidence >= 0.9) and a recall
that does not fall back.
"""
from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from reportlab.lib.colors import HexColor, white
from reportlab.pdfgen.canvas import Canvas

from fixtures.draw import register_family
from fixtures.render import make_document
from pipeline.readers.bars import BarChart, find_bar_charts, read_bar_chart
from pipeline.extract import process
from pipeline.readers.tables.aligned import as_token, find_aligned
from pipeline.readers.tables.interpret import interpret
from pipeline.model.confidence import INFERRED, REVIEW_LINE, SURE
from pipeline.model.observations import BLANK_CELL, Observation
from pipeline.lang.numbers import parse_number
from pipeline.model.pagemodel import Page, Word, load_pdf, split_word
from pipeline.readers.pies import find_pies, read_pie
from pipeline.model.records import Value

PAGE = (595.0, 842.0)
COLORS = ("#1f5fa8", "#e8772e", "#70ad47", "#7a5c91")


@pytest.fixture(scope="module")
def font() -> str:
    """DejaVu Sans, found where the fixtures find it (system fonts or matplotlib's wheel)."""
    return register_family("dejavu-sans")[0]


def render(path: Path, draw: Callable[[Canvas], None]) -> Page:
    """Draw one page with reportlab and read it back as the readers see it."""
    canvas = Canvas(str(path), pagesize=PAGE, invariant=1)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    pages, _ = load_pdf(path)
    return pages[0]


def text(c: Canvas, font: str, x: float, y: float, s: str, size: float = 7, *, anchor: str = "start",
         angle: float = 0, color: str = "#000000") -> None:
    c.saveState()
    c.setFillColor(HexColor(color))
    c.setFont(font, size)
    c.translate(x, y)
    c.rotate(angle)
    {"start": c.drawString, "middle": c.drawCentredString, "end": c.drawRightString}[anchor](0, 0, s)
    c.restoreState()


def box(c: Canvas, x: float, y: float, w: float, h: float, color: str) -> None:
    c.saveState()
    c.setFillColor(HexColor(color))
    c.rect(x, y, w, h, stroke=0, fill=1)
    c.restoreState()


def by_cell(observations: list[Observation]) -> dict[tuple[str, str], Observation]:
    """Observations keyed by (row, column); a duplicate key would hide a misread, so it fails."""
    cells: dict[tuple[str, str], Observation] = {}
    for o in observations:
        assert (o.row, o.column) not in cells, f"two values for {(o.row, o.column)}"
        cells[(o.row, o.column)] = o
    return cells


# ---------------------------------------------------------------------------- numbers and words

@pytest.mark.parametrize(("printed", "expected"), [
    ("12", (12.0, False)),
    ("0", (0.0, False)),
    ("12,5%", (12.5, True)),  # decimal comma
    ("62.8%", (62.8, True)),
    ("45 %", (45.0, True)),
    ("7.5", (7.5, False)),
    ("1.521", (1521.0, False)),  # a dot before three digits is a thousands separator
    ("1 234", (1234.0, False)),
    ("1\u202f234", (1234.0, False)),
    ("1.521,5", (1521.5, False)),
    ("(45)", (45.0, False)),  # parentheses: a figure in brackets, not a negative
    ("(12,5%)", (12.5, True)),
    ("3*", (3.0, False)),  # a footnote mark
    ("2019", (2019.0, False)),  # a year is a number; the aligned-values finder refuses it as a cell (below)
    ("27/2012", None),  # a legal reference
    ("2019-2020", None),
    ("nga 36", None),
    ("", None),
])
def test_parse_number(printed: str, expected: tuple[float, bool] | None) -> None:
    assert parse_number(printed) == expected


@pytest.mark.parametrize(("printed", "is_cell"), [("2019", False), ("2100", False), ("12", True), ("✓", True),
                                                 ("Po", True), ("12,5%", True), ("Prizren", False)])
def test_years_are_not_cells(printed: str, is_cell: bool) -> None:
    """A year in a grid is a column header or a date, never a value."""
    assert (as_token(Word(printed, 0, 0, 10, 8)) is not None) == is_cell


def test_split_word_cuts_a_run_together_label(tmp_path: Path, font: str) -> None:
    """Labels printed edge to edge under two bars come out as one word; cut at the slot boundary
    they give back both names with the glyphs' own x positions."""
    def draw(c: Canvas) -> None:
        c.setFont(font, 8)
        c.drawString(100, 500, "Gjilan")
        c.drawString(100 + c.stringWidth("Gjilan", font, 8), 500, "Ferizaj")

    page = render(tmp_path / "run.pdf", draw)
    (word,) = [w for w in page.words if w.text == "GjilanFerizaj"]
    cut = word.char_x0[len("Gjilan")] - 0.5
    left, right = split_word(word, [cut])
    assert (left.text, right.text) == ("Gjilan", "Ferizaj")
    assert left.x0 == pytest.approx(word.x0, abs=0.01) and right.x1 == pytest.approx(word.x1, abs=0.01)
    assert left.x1 == pytest.approx(right.x0, abs=0.01) == pytest.approx(cut + 0.5, abs=0.01)
    assert split_word(word, [word.x1 + 5]) == [word]  # a cut beyond the word changes nothing
    assert split_word(Word("GjilanFerizaj", 0, 0, 50, 8), [25]) == [Word("GjilanFerizaj", 0, 0, 50, 8)]


@pytest.mark.parametrize("angle", [90, -90])
def test_rotated_labels_read_along_the_text(tmp_path: Path, font: str, angle: int) -> None:
    """Text turned by 90° either way reads in its own direction, one word per printed word."""
    def draw(c: Canvas) -> None:
        text(c, font, 200, 400, "Mitrovicë e Veriut", 8, angle=angle)

    page = render(tmp_path / "rotated.pdf", draw)
    rotated = [w for w in page.words if not w.upright]
    assert rotated and all(not w.upright for w in page.words)
    order = sorted(rotated, key=lambda w: -w.bottom if angle == 90 else w.top)
    assert [w.text for w in order] == ["Mitrovicë", "e", "Veriut"]


# ---------------------------------------------------------------------------- bar charts

@dataclass
class Chart:
    """A bar chart to draw: categories, series (name, values) and how it looks. `printed` overrides
    the value label of (category, series) so a label can disagree with its bar."""
    title: str
    categories: list[str]
    series: list[tuple[str, list[float]]]
    horizontal: bool = False
    stacked: bool = False
    axis: bool = True
    legend: bool = True
    printed: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def top_value(self) -> float:
        totals = [sum(v[i] for _, v in self.series) if self.stacked else max(v[i] for _, v in self.series)
                  for i in range(len(self.categories))]
        return math.ceil(max(totals) / 2) * 2

    def expected(self) -> dict[tuple[str, str], float]:
        return {(cat, name if self.legend else ""): values[i]
                for name, values in self.series for i, cat in enumerate(self.categories)}


def draw_chart(c: Canvas, font: str, chart: Chart) -> None:
    """Bars as filled rects, a legend of swatches above, the value at each bar's end (inside a
    stacked segment), category labels under vertical bars rotated by 90° or left of horizontal ones,
    and tick labels with grid lines on the value axis."""
    px, py, length = 120.0, 420.0, 220.0
    slot, gap = 64.0, 12.0
    thick = (slot - gap) / (1 if chart.stacked else len(chart.series))
    top = chart.top_value
    text(c, font, 60, py + length + 60, chart.title, 10)
    if chart.legend:
        for k, (name, _) in enumerate(chart.series):
            box(c, px + k * 110, py + length + 30, 7, 7, COLORS[k])
            text(c, font, px + k * 110 + 10, py + length + 31, name, 7)
    if chart.axis:
        c.setStrokeColor(HexColor("#d9d9d9"))
        for t in range(0, int(top) + 1, 2):
            pos = t / top * length
            if chart.horizontal:
                c.line(px + pos, py, px + pos, py + len(chart.categories) * slot)
                text(c, font, px + pos, py - 10, str(t), 6.5, anchor="middle")
            else:
                c.line(px, py + pos, px + len(chart.categories) * slot, py + pos)
                text(c, font, px - 4, py + pos - 2, str(t), 6.5, anchor="end")
    for i, cat in enumerate(chart.categories):
        start = 0.0
        for k, (_, values) in enumerate(chart.series):
            value = values[i]
            offset = gap / 2 + (0 if chart.stacked else k * thick)
            a, b = (start if chart.stacked else 0) / top * length, value / top * length
            if chart.horizontal:
                x, y, w, h = px + a, py + (len(chart.categories) - i) * slot - offset - thick, b, thick
            else:
                x, y, w, h = px + i * slot + offset, py + a, thick, b
            box(c, x, y, w, h, COLORS[k])
            label = chart.printed.get((i, k), f"{value:g}")
            if chart.stacked:
                text(c, font, x + w / 2, y + h / 2 - 2.5, label, 7, anchor="middle", color="#ffffff")
            elif chart.horizontal:
                text(c, font, x + w + 3, y + h / 2 - 2.5, label, 7)
            else:
                text(c, font, x + w / 2, y + h + 2, label, 7, anchor="middle")
            start += value
        if chart.horizontal:
            text(c, font, px - 4, py + (len(chart.categories) - i - 0.5) * slot - 2.5, cat, 7, anchor="end")
        else:
            text(c, font, px + (i + 0.5) * slot + 2.5, py - 4, cat, 7, anchor="end", angle=90)


def read_charts(tmp_path: Path, font: str, chart: Chart) -> tuple[list[BarChart], list[Observation]]:
    page = render(tmp_path / "chart.pdf", lambda c: draw_chart(c, font, chart))
    charts = find_bar_charts(page)
    return charts, [o for ch in charts for o in read_bar_chart(page, ch)]


MEETINGS = Chart("Numri i takimeve të KKSB-ve", ["Prizren", "Pejë", "Gjilan", "Ferizaj"],
                 [("Janar – Dhjetor 2019", [6, 4, 12, 0]), ("Janar – Dhjetor 2018", [3, 9, 7, 5])])
CHARTS = {
    "vertical grouped": MEETINGS,
    "horizontal grouped": Chart(MEETINGS.title, MEETINGS.categories, MEETINGS.series, horizontal=True),
    "vertical stacked": Chart("Zajednice bez predstavnika", ["Prizren", "Pejë", "Gjilan"],
                              [("Roma", [1, 2, 1]), ("Ashkali", [3, 1, 2]), ("Egyptian", [2, 2, 4])], stacked=True),
    "horizontal stacked": Chart("Zajednice bez predstavnika", ["Prizren", "Pejë", "Gjilan"],
                                [("Roma", [1, 2, 1]), ("Ashkali", [3, 1, 2])], stacked=True, horizontal=True),
    "one series, no axis": Chart("Anëtarët sipas komunitetit", ["Serbët", "Turqit", "Romët", "Goranët"],
                                 [("", [9, 4, 6, 2])], horizontal=True, axis=False, legend=False),
}


@pytest.mark.parametrize("name", CHARTS)
def test_bar_chart_reads_every_bar(tmp_path: Path, font: str, name: str) -> None:
    """Each bar's category (label beside its slot), series (legend swatch of its fill) and value
    (its printed label, confirmed by its length), with the title above as caption."""
    chart = CHARTS[name]
    charts, observations = read_charts(tmp_path, font, chart)
    assert len(charts) == 1
    assert charts[0].vertical != chart.horizontal and charts[0].stacked == chart.stacked
    cells = by_cell(observations)
    assert {k: o.value for k, o in cells.items()} == chart.expected()
    for o in observations:
        assert o.confidence >= SURE, (o.row, o.column, o.notes)
        assert o.unit == "count" and o.caption == chart.title
        assert o.method == ("chart:stacked_bar" if chart.stacked else "chart:bar")


def test_bar_chart_value_labels_are_placed_on_their_bars(tmp_path: Path, font: str) -> None:
    """The bbox of a value is the printed label's: a reviewer is sent to the right spot."""
    _, observations = read_charts(tmp_path, font, MEETINGS)
    for o in observations:
        assert o.raw_text == f"{o.value:g}"
        assert o.bbox[2] - o.bbox[0] < 12 and o.bbox[3] - o.bbox[1] < 10


@pytest.mark.parametrize("axis", [True, False], ids=["axis", "no-axis"])
def test_label_disagreeing_with_its_bar_is_doubted(tmp_path: Path, font: str, axis: bool) -> None:
    """A label that says 9 on a bar drawn for 4 is a misprint or a misread: it goes to review,
    whether the scale comes from the tick labels or from the other bars."""
    chart = Chart(MEETINGS.title, MEETINGS.categories, MEETINGS.series, axis=axis, printed={(1, 0): "9"})
    _, observations = read_charts(tmp_path, font, chart)
    cells = by_cell(observations)
    wrong = cells[("Pejë", "Janar – Dhjetor 2019")]
    assert wrong.value == 9 and wrong.confidence < REVIEW_LINE and wrong.notes
    assert all(o.confidence >= SURE for o in observations if o is not wrong)


@pytest.mark.parametrize("horizontal", [False, True], ids=["vertical", "horizontal"])
def test_bars_without_printed_values_are_read_on_the_axis_but_never_sure(tmp_path: Path, font: str,
                                                                         horizontal: bool) -> None:
    """A chart that prints no values is read from bar lengths on the tick scale, whole counts only,
    at a confidence below the sure line; a chart with no axis and no labels yields nothing."""
    unprinted = {(i, k): "" for i in range(4) for k in range(2)}
    chart = Chart(MEETINGS.title, MEETINGS.categories, MEETINGS.series, horizontal=horizontal, printed=unprinted)
    _, observations = read_charts(tmp_path, font, chart)
    assert {k: o.value for k, o in by_cell(observations).items()} == chart.expected()
    assert all(o.confidence == INFERRED and "axis scale" in o.notes[0] for o in observations)
    no_axis = Chart(MEETINGS.title, MEETINGS.categories, MEETINGS.series, horizontal=horizontal, axis=False,
                    printed=unprinted)
    assert read_charts(tmp_path, font, no_axis)[1] == []


def test_rotated_label_of_several_words(tmp_path: Path, font: str) -> None:
    """'Ne znam' under a bar is one category, not 'znam': pdfminer gives each rotated glyph its
    advance as size, so the words of one label must not be told apart by size."""
    chart = Chart("Slika 2. Da li ste upoznati?", ["Da", "Ne", "Ne znam"], [("", [44.9, 9.0, 46.1])],
                  axis=False, legend=False)
    _, observations = read_charts(tmp_path, font, chart)
    assert sorted(o.row for o in observations) == ["Da", "Ne", "Ne znam"]


# ---------------------------------------------------------------------------- pies

def draw_pie(c: Canvas, font: str, slices: list[tuple[str, float]], printed: dict[int, str],
             donut: bool) -> None:
    """Wedges clockwise from 12 o'clock, the percentage inside each, a legend of swatches right."""
    cx, cy, r = 200.0, 500.0, 60.0
    text(c, font, 100, cy + r + 30, "Kryesuesit e KKSB-ve sipas gjinisë", 10)
    angle = 90.0
    for k, (name, share) in enumerate(slices):
        extent = -3.6 * share
        c.saveState()
        c.setFillColor(HexColor(COLORS[k]))
        c.setStrokeColor(white)
        c.wedge(cx - r, cy - r, cx + r, cy + r, angle, extent, stroke=1, fill=1)
        c.restoreState()
        mid = math.radians(angle + extent / 2)
        at = r * (0.78 if donut else 0.62)
        text(c, font, cx + at * math.cos(mid), cy + at * math.sin(mid) - 2.5, printed.get(k, f"{share:g}%"), 8,
             anchor="middle", color="#ffffff")
        angle += extent
        box(c, cx + r + 20, cy + 20 - k * 14, 8, 8, COLORS[k])
        text(c, font, cx + r + 31, cy + 21 - k * 14, name, 8)
    if donut:
        c.setFillColor(white)
        c.circle(cx, cy, r * 0.55, stroke=0, fill=1)


GENDER = [("Femra", 27.5), ("Meshkuj", 72.5)]
THREE = [("Po", 41.0), ("Jo", 46.0), ("Nuk e di", 13.0)]


@pytest.mark.parametrize("slices", [GENDER, THREE], ids=["two", "three"])
@pytest.mark.parametrize("donut", [False, True], ids=["pie", "donut"])
def test_pie_reads_each_slice(tmp_path: Path, font: str, slices: list[tuple[str, float]], donut: bool) -> None:
    """Each slice's category comes from the legend swatch of its colour, its value from the printed
    percentage, confirmed by its angle."""
    page = render(tmp_path / "pie.pdf", lambda c: draw_pie(c, font, slices, {}, donut))
    pies = find_pies(page)
    assert len(pies) == 1 and len(pies[0].slices) == len(slices)
    observations = read_pie(page, pies[0])
    assert {o.row: o.value for o in observations} == dict(slices)
    for o in observations:
        assert o.unit == "percent" and o.method == "chart:pie" and o.confidence >= SURE, o.notes
        assert o.caption == "Kryesuesit e KKSB-ve sipas gjinisë"


def test_pie_label_disagreeing_with_its_angle_is_doubted(tmp_path: Path, font: str) -> None:
    """'57.5%' printed on a slice of a quarter turn cannot both be right."""
    page = render(tmp_path / "pie.pdf", lambda c: draw_pie(c, font, GENDER, {0: "57.5%"}, False))
    observations = read_pie(page, find_pies(page)[0])
    cells = {o.row: o for o in observations}
    assert cells["Femra"].value == 57.5 and cells["Femra"].confidence < REVIEW_LINE
    assert cells["Meshkuj"].confidence >= SURE


# ---------------------------------------------------------------------------- tables of aligned values

def read_aligned(page: Page) -> list[Observation]:
    """The page's tables found from values aligned in columns, interpreted."""
    return [o for table in find_aligned(page, set()) for o in interpret(page, table)]


def draw_table(c: Canvas, font: str, caption: str, header: list[str], rows: list[list[str]],
               widths: list[float]) -> None:
    """A ruled table, each cell drawn as its own bordered rectangle: a header row (cells may hold
    several lines, '\\n'), a label column, centred values."""
    x0, y, line = 60.0, 700.0, 8.5
    text(c, font, x0, y + 14, caption, 10)
    c.setStrokeColor(HexColor("#7f7f7f"))
    c.setLineWidth(0.4)
    for cells in [header, *rows]:
        height = max(cell.count("\n") + 1 for cell in cells) * line + 8
        y -= height
        x = x0
        for i, (cell, w) in enumerate(zip(cells, widths)):
            c.rect(x, y, w, height, stroke=1, fill=0)
            lines = cell.split("\n") if cell else []
            for k, s in enumerate(lines):
                base = y + height / 2 + (len(lines) / 2 - k - 1) * line + 1.5
                text(c, font, x + w / 2 if i else x + 3, base, s, 7, anchor="middle" if i else "start")
            x += w


def test_tick_matrix(tmp_path: Path, font: str) -> None:
    """✓ is 1, ✗ is 0, and a blank cell of a tick matrix is 0 (the contract's convention), each
    under its column header and beside its row's municipality."""
    header = ["Komuna", "Vlerësimi", "Kontaktet", "Projektet"]
    marks = {"Prizren": "✓✓✗", "Pejë": "✓ ✓", "Gjilan": "✗✓✓", "Ferizaj": " ✓✗"}
    rows = [[name, *(m.strip() for m in ticks)] for name, ticks in marks.items()]
    page = render(tmp_path / "ticks.pdf",
                  lambda c: draw_table(c, font, "Detyrat thelbësore të ZKKK-ve", header, rows, [120, 70, 70, 70]))
    observations = read_aligned(page)
    cells = by_cell(observations)
    expected = {(name, header[j + 1]): float(m == "✓") for name, ticks in marks.items() for j, m in enumerate(ticks)}
    assert {k: o.value for k, o in cells.items()} == expected
    for (name, column), o in cells.items():
        assert o.method == "table:ticks" and o.unit == "bool"
        assert o.caption.startswith("Detyrat thelbësore të ZKKK-ve — ")  # then the columns' headers
        blank = marks[name][header.index(column) - 1] == " "
        assert (o.raw_text == BLANK_CELL) == blank and ("blank tick cell read as 0" in o.notes) == blank
        assert o.confidence >= (REVIEW_LINE if blank else SURE)


def test_sparse_tick_column(tmp_path: Path, font: str) -> None:
    """A task done by the first and the last two of twelve offices: the first tick, far above the
    others, is still a 1 (in the MOCR matrix this read Drenas' ✓ as 0)."""
    names = ["Deçan", "Dragash", "Drenas", "Ferizaj", "Gjakovë", "Gjilan", "Istog", "Junik", "Kaçanik", "Klinë",
             "Lipjan", "Malishevë"]
    done = {0, 10, 11}
    rows = [[name, "✓", "✓" if i in done else ""] for i, name in enumerate(names)]
    page = render(tmp_path / "sparse.pdf",
                  lambda c: draw_table(c, font, "Detyrat thelbësore", ["Komuna", "Kontaktet", "Projektet"], rows,
                                       [120, 70, 70]))
    cells = by_cell(read_aligned(page))
    assert {name: cells[(name, "Projektet")].value for name in names if (name, "Projektet") in cells} == {
        name: float(i in done) for i, name in enumerate(names)}


LIKERT_SHARES = {"a. Këshilli takohet rregullisht": [10.0, 20.5, 30.0, 25.0, 14.5],
                 "b. Policia merr pjesë": [0.0, 5.0, 15.0, 40.0, 40.0],
                 "c. Qytetarët informohen": [12.5, 12.5, 25.0, 25.0, 25.0]}


def read_likert(tmp_path: Path, font: str, header: list[str], widths: list[float]) -> dict:
    rows = [[s, *(f"{v:.1f}%" for v in values)] for s, values in LIKERT_SHARES.items()]
    page = render(tmp_path / "likert.pdf", lambda c: draw_table(c, font, "Tabela 1. Sa dakord jeni?", header, rows,
                                                                widths))
    return by_cell(read_aligned(page))


def test_likert_table(tmp_path: Path, font: str) -> None:
    """Percentages under agreement levels, one row per lettered statement; the level row printed
    as numbers is a header, not data, and a header wrapped over two lines is one header."""
    header = ["Pohimet", "1 – Aspak\ndakord", "2", "3", "4", "5 – Plotësisht\ndakord"]
    cells = read_likert(tmp_path, font, header, [170, 60, 60, 60, 60, 60])
    columns = [h.replace("\n", " ") for h in header]
    expected = {(s, columns[j + 1]): v for s, values in LIKERT_SHARES.items() for j, v in enumerate(values)}
    assert {k: o.value for k, o in cells.items()} == expected
    for o in cells.values():
        assert o.method == "table:likert" and o.unit == "percent" and o.confidence >= SURE
        assert o.caption.startswith("Tabela 1. Sa dakord jeni? — ")


def test_likert_header_in_a_wider_cell(tmp_path: Path, font: str) -> None:
    """'5 – Plotësisht dakord' printed on one line in a wider last column stays one header."""
    header = ["Pohimet", "1 – Aspak dakord", "2", "3", "4", "5 – Plotësisht dakord"]
    cells = read_likert(tmp_path, font, header, [170, 70, 50, 50, 50, 80])
    assert {column for _, column in cells} == set(header[1:])


# ---------------------------------------------------------------------------- the corpus

KINDS = ("mcsc", "mocr", "kvsp")
LANGS = ("sq", "sr", "en")
SEEDS = (0, 1, 2)
ALL_DEFECTS = frozenset({"duplicate", "run_together", "stacked_values", "wrap", "abbreviate", "decimal_comma"})
# Recall on this grid when the floors were set (at fb0cb40): mcsc 0.832, mocr 0.991, kvsp 0.949; the
# floors sit a little below, so a drop means a reader lost values it used to read. Raise them as
# readers improve.
RECALL_FLOORS = {"mcsc": 0.80, "mocr": 0.97, "kvsp": 0.92}
PERCENT_TOLERANCE = 0.05

Key = tuple[str, str, str, str]


@dataclass
class Result:
    """One fixture document read by `process`, with its truth keyed like the scorer keys it."""
    name: str
    kind: str
    truth: dict[Key, float]
    values: list[Value]
    status: str


def key_of(indicator: str, municipality_id: str | None, category: str | None, period_end: object) -> Key:
    """The scorer's key: indicator, municipality, category and the month of period_end."""
    return (indicator, municipality_id or "", category or "", str(period_end)[:7])


def agrees(value: float, truth: float, unit: str) -> bool:
    return abs(value - truth) <= (PERCENT_TOLERANCE if unit == "percent" else 1e-9)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Result]:
    """Every kind × language × seed, clean and with every text-layer defect, read once."""
    folder = tmp_path_factory.mktemp("corpus")
    results = []
    started = time.perf_counter()
    for kind in KINDS:
        for lang in LANGS:
            for seed in SEEDS:
                for defects in (frozenset(), ALL_DEFECTS):
                    name = f"{kind}-{lang}-{seed}{'-defects' if defects else ''}"
                    path = folder / f"{name}.pdf"
                    rows, _ = make_document(kind, lang, seed, path, defects=defects)
                    truth = {key_of(r["indicator"], r["municipality_id"], r["category"], r["period_end"]): r["value"]
                             for r in rows}
                    outcome = process(path)
                    results.append(Result(name, kind, truth, outcome.values, outcome.status))
    print(f"\ncorpus: {len(results)} documents read in {time.perf_counter() - started:.1f} s")
    return results


def silent_errors(result: Result) -> list[str]:
    """Confident values whose key is not in the truth or whose value differs from it."""
    errors = []
    for v in result.values:
        if v.confidence < SURE:
            continue
        k = key_of(v.indicator, v.municipality_id, v.category, v.period_end)
        truth = result.truth.get(k)
        if truth is None or not agrees(v.value, truth, v.unit):
            errors.append(f"{result.name} p{v.page} {v.method} {k} = {v.value:g} (truth {truth}) "
                          f"conf {v.confidence:.2f} from {v.raw_text!r}")
    return errors


def recall(results: list[Result]) -> float:
    found = total = 0
    for r in results:
        read = defaultdict(list)
        for v in r.values:
            read[key_of(v.indicator, v.municipality_id, v.category, v.period_end)].append(v)
        total += len(r.truth)
        found += sum(1 for k, t in r.truth.items() if any(agrees(v.value, t, v.unit) for v in read.get(k, ())))
    return found / max(total, 1)


@pytest.mark.parametrize("kind", KINDS)
def test_no_silent_errors(corpus: list[Result], kind: str) -> None:
    """The worst output is a wrong value nobody is told to check: there must be none."""
    errors = [e for r in corpus if r.kind == kind for e in silent_errors(r)]
    assert not errors, f"{len(errors)} silent errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("kind", KINDS)
def test_recall_floor(corpus: list[Result], kind: str) -> None:
    results = [r for r in corpus if r.kind == kind]
    # never quarantined; a document that lost something says so (partial), it is not silently ok
    assert all(r.status in ("ok", "partial") for r in results), [(r.name, r.status) for r in results]
    measured = recall(results)
    print(f"\nrecall {kind}: {measured:.3f} (floor {RECALL_FLOORS[kind]})")
    assert measured >= RECALL_FLOORS[kind]
