"""The table reader on PDFs drawn here with reportlab, and on a few ICDAR 2013 documents."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.model.pagemodel import load_pdf
from pipeline.readers.tables.route import Table, TableSettings, find_tables, join_continued

SHARED = Path(__file__).resolve().parents[2] / "shared"
ICDAR_EU = SHARED / "data" / "icdar2013-eu"
SCORER = SHARED / "eval" / "icdar_score.py"
H = A4[1]

ROWS = [["Country", "2019", "2020", "2021"], ["Albania", "12.5", "13.0", "14.2"],
        ["Kosovo", "8.1", "9.4", "10.0"], ["Serbia", "20.3", "21.7", "22.9"], ["Total", "40.9", "44.1", "47.1"]]


def draw_text_rows(c: canvas.Canvas, rows: list[list[str]], xs: list[float], top: float, pitch: float) -> None:
    """Rows of text, cell k of a row left-aligned at xs[k], baselines `pitch` apart (top-down y)."""
    c.setFont("Helvetica", 9)
    for i, row in enumerate(rows):
        for x, text in zip(xs, row):
            c.drawString(x, H - (top + i * pitch), text)


def read(path: Path, settings: TableSettings | None = None) -> list[Table]:
    pages, _ = load_pdf(path)
    return [t for p in pages for t in find_tables(p, settings)]


def pdf(tmp_path: Path, draw) -> Path:
    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 9)
    c.drawString(72, H - 60, "A paragraph of ordinary prose above the table, which is not part of it at all.")
    draw(c)
    c.drawString(72, H - 400, "Source: a note below the table, also not part of it.")
    c.save()
    return path


def test_ruled_table(tmp_path: Path) -> None:
    xs, ys = [100, 200, 260, 320, 380], [100 + 16 * i for i in range(6)]

    def draw(c: canvas.Canvas) -> None:
        for y in ys:
            c.line(xs[0], H - y, xs[-1], H - y)
        for x in xs:
            c.line(x, H - ys[0], x, H - ys[-1])
        draw_text_rows(c, ROWS, [x + 4 for x in xs], ys[0] + 11, 16)

    tables = read(pdf(tmp_path, draw))
    assert len(tables) == 1
    assert tables[0].method == "table:lattice"
    assert tables[0].grid() == ROWS
    assert tables[0].confidence > 0.8


def test_unruled_table(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        draw_text_rows(c, ROWS, [100, 200, 260, 320], 120, 14)

    tables = read(pdf(tmp_path, draw))
    assert len(tables) == 1
    assert tables[0].method == "table:stream"
    assert tables[0].grid() == ROWS


def test_filled_rectangle_table(tmp_path: Path) -> None:
    """No lines at all: grey cell backgrounds with white gaps between them draw the grid."""
    xs, pitch = [100, 200, 260, 320, 380], 16

    def draw(c: canvas.Canvas) -> None:
        for i in range(len(ROWS)):
            for x0, x1 in zip(xs, xs[1:]):
                c.setFillColorRGB(0.8, 0.85, 0.9)
                c.rect(x0 + 1, H - (100 + (i + 1) * pitch) + 1, x1 - x0 - 2, pitch - 2, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        draw_text_rows(c, ROWS, [x + 4 for x in xs], 111, pitch)

    tables = read(pdf(tmp_path, draw))
    assert [t.grid() for t in tables] == [ROWS]


def test_multiline_cells_and_merged_header(tmp_path: Path) -> None:
    """A header cell over two columns, and a label and a header wrapped over two lines in their cells."""
    xs = [100, 220, 290, 360]
    ys = [100, 116, 144, 160, 188]  # header 1, header 2 (two lines), row, row with a two-line label

    def draw(c: canvas.Canvas) -> None:
        for y in ys:
            c.line(xs[0], H - y, xs[-1], H - y)
        for x in (xs[0], xs[1], xs[-1]):
            c.line(x, H - ys[0], x, H - ys[-1])
        c.line(xs[2], H - ys[1], xs[2], H - ys[-1])  # the rule between the two years stops under the merged cell
        c.setFont("Helvetica", 9)
        c.drawString(224, H - 111, "Cases reported")
        for x, a, b in ((224, "Year", "2020"), (294, "Year", "2021")):
            c.drawString(x, H - 127, a)
            c.drawString(x, H - 139, b)
        c.drawString(104, H - 155, "Burglary")
        c.drawString(224, H - 155, "120")
        c.drawString(294, H - 155, "98")
        c.drawString(104, H - 171, "Theft of motor")
        c.drawString(104, H - 183, "vehicles")
        c.drawString(224, H - 171, "45")
        c.drawString(294, H - 171, "51")

    tables = read(pdf(tmp_path, draw))
    assert len(tables) == 1
    t = tables[0]
    assert t.grid() == [["", "Cases reported", ""], ["", "Year 2020", "Year 2021"],
                        ["Burglary", "120", "98"], ["Theft of motor vehicles", "45", "51"]]
    merged = next(c for c in t.cells if c.text == "Cases reported")
    assert (merged.row, merged.col, merged.colspan) == (0, 1, 2)
    assert t.grid(repeat_merged=True)[0] == ["", "Cases reported", "Cases reported"]


def test_unruled_header_and_wrapped_label_and_leaders(tmp_path: Path) -> None:
    """Whitespace table with a two-line header, dot leaders and a label wrapped onto a second line."""
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 9)
        for x, a, b in ((250, "Persons", "(000)"), (320, "Share", "(%)")):
            c.drawString(x, H - 120, a)
            c.drawString(x, H - 131, b)
        body = [("Employed ..............", "512", "61.0"), ("Unemployed ............", "88", "10.5"),
                ("Outside the labour", "240", "28.5")]
        for i, (label, a, b) in enumerate(body):
            y = H - (148 + 14 * i)
            c.drawString(100, y, label)
            c.drawString(250, y, a)
            c.drawString(320, y, b)
        c.drawString(100, H - (148 + 14 * 2 + 11), "force")

    tables = read(pdf(tmp_path, draw))
    assert [t.grid() for t in tables] == [[["", "Persons (000)", "Share (%)"], ["Employed", "512", "61.0"],
                                           ["Unemployed", "88", "10.5"],
                                           ["Outside the labour force", "240", "28.5"]]]


def test_rotated_column_headers(tmp_path: Path) -> None:
    """Header text turned by 90 degrees over narrow columns of an unruled table."""
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 9)
        for x, text in ((204, "Reported"), (264, "Solved")):
            c.saveState()
            c.translate(x, H - 140)
            c.rotate(90)
            c.drawString(0, 0, text)
            c.restoreState()
        draw_text_rows(c, [r[:3] for r in ROWS[1:]], [100, 200, 260], 152, 14)

    tables = read(pdf(tmp_path, draw))
    assert [t.grid() for t in tables] == [[["", "Reported", "Solved"]] + [r[:3] for r in ROWS[1:]]]


def test_table_continued_on_next_page(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    draw_text_rows(c, ROWS, [100, 200, 260, 320], 620, 14)
    c.showPage()
    draw_text_rows(c, [ROWS[0]] + [["Greece", "1.0", "2.0", "3.0"], ["Italy", "4.0", "5.0", "6.0"]],
                   [100, 200, 260, 320], 80, 14)
    c.save()
    joined = join_continued(read(path))
    assert len(joined) == 1
    assert joined[0].grid() == ROWS + [["Greece", "1.0", "2.0", "3.0"], ["Italy", "4.0", "5.0", "6.0"]]


def test_prose_is_not_a_table(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        for i in range(8):
            c.drawString(72, H - (100 + 12 * i), "Plain running text of a report, line after line, with no columns.")

    assert read(pdf(tmp_path, draw)) == []


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        TableSettings(snap=0)


@pytest.mark.skipif(not (ICDAR_EU.is_dir() and SCORER.is_file()),
                    reason=f"ICDAR 2013 data or scorer not found under {SHARED} (shared folder absent)")
def test_icdar_documents_score_above_floor() -> None:
    """Ruled (lattice), partly ruled (hybrid) and unruled (stream) documents, scored by the shared
    ICDAR scorer; the floor is well under the measured F1 (0.97 on these four)."""
    spec = importlib.util.spec_from_file_location("icdar_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    docs = ["eu-004", "eu-016", "eu-026", "eu-027"]
    gt = {d: v for d, v in scorer.load_gt(ICDAR_EU).items() if d in docs}
    pred: dict = {}
    for d in docs:
        pages, _ = load_pdf(ICDAR_EU / f"{d}.pdf")
        pred[d] = {str(p.number): [t.grid() for t in find_tables(p)] for p in pages}
    summary = scorer.score(gt, json.loads(json.dumps(pred)))["summary"]
    assert summary["f1"] >= 0.9, summary


US_BODY = [  # label lines, indent level, values: a US-government-report style table
    (["All industries"], 0, ["152,345", "100.0", "147,795", "100.0"]),
    (["Goods-producing 1/"], 1, ["21,034", "13.8", "20,012", "13.5"]),
    (["Construction"], 2, ["7,640", "5.0", "7,421", "5.0"]),
    (["Manufacturing"], 2, ["12,800", "8.4", "12,161", "8.2"]),
    (["Service-providing"], 1, ["131,311", "86.2", "127,783", "86.5"]),
    (["Professional and business", "services"], 2, ["21,292", "14.0", "20,377", "13.8"]),
    (["Government"], 2, ["22,500", "14.8", "22,000", "14.9"]),
    (["Total"], 0, ["152,345", "100.0", "147,795", "100.0"]),
]
US_GRID = [["Industry", "2019", "", "2020", ""],
           ["", "Number (1,000)", "Percent", "Number (1,000)", "Percent"]] + [
    [" ".join(label), *values] for label, _, values in US_BODY]


def draw_us_table(c: canvas.Canvas, x: float, top: float) -> None:
    """Caption, a two-level header (years over "Number"/"Percent", a units line), indented labels with
    dot leaders, one wrapped, right-aligned numbers with thousands commas, a total, two footnotes."""
    c.setFont("Helvetica-Bold", 9)
    c.drawString(x, H - top, "Table 2. Employment by Industry: 2019 and 2020")
    c.setFont("Helvetica", 8)
    right = [x + 190, x + 235, x + 290, x + 335]
    c.drawCentredString((right[0] + right[1]) / 2 - 15, H - (top + 18), "2019")
    c.drawCentredString((right[2] + right[3]) / 2 - 15, H - (top + 18), "2020")
    c.drawString(x, H - (top + 29), "Industry")
    for r, text in zip(right, ["Number", "Percent", "Number", "Percent"]):
        c.drawRightString(r, H - (top + 29), text)
    for r in (right[0], right[2]):
        c.drawRightString(r, H - (top + 38), "(1,000)")
    y = top + 52
    dot = c.stringWidth(".", "Helvetica", 8)
    for label, level, values in US_BODY:
        for k, text in enumerate(label):
            indent = x + 8 * level + (8 if k else 0)
            if k == len(label) - 1:
                text += " " + "." * int((x + 150 - indent - c.stringWidth(text, "Helvetica", 8)) / dot)
                for r, v in zip(right, values):
                    c.drawRightString(r, H - y, v)
            c.drawString(indent, H - y, text)
            y += 10
    c.drawString(x, H - (y + 6), "1/ Includes mining and logging.")
    c.drawString(x, H - (y + 16), "Source: U.S. Bureau of Labor Statistics, Current Employment Statistics.")


def test_us_style_unruled_table(tmp_path: Path) -> None:
    """No rules at all: caption and footnotes left out, header levels, leaders, wrapped label, total."""
    path = tmp_path / "us.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, H - 60, "The number of persons employed fell in 2020 in most industries, as shown below.")
    draw_us_table(c, 72, 100)
    c.save()
    tables = read(path)
    assert [t.grid() for t in tables] == [US_GRID]
    assert read(path, TableSettings(use_rules=False))[0].grid() == US_GRID


def test_table_beside_prose(tmp_path: Path) -> None:
    """A two-column page: a paragraph in the left column, the table in the right one, their lines
    interleaved at different baselines. The prose must stay out of the table."""
    path = tmp_path / "two.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 9)
    words = ("Employment in the goods-producing industries declined by about one million jobs between 2019 "
             "and 2020, with manufacturing accounting for most of the loss. Service-providing industries lost "
             "more than three million jobs, led by leisure and hospitality. Government employment was little "
             "changed over the year. These estimates come from the establishment survey.").split() * 2
    line, y = "", 100
    for w in words:
        if c.stringWidth(line + " " + w, "Helvetica", 9) > 170:
            c.drawString(40, H - y, line)
            line, y = w, y + 11
        else:
            line = (line + " " + w).strip()
    c.drawString(40, H - y, line)
    draw_us_table(c, 230, 100)
    c.save()
    assert [t.grid() for t in read(path)] == [US_GRID]


WS = TableSettings(use_rules=False)


def test_chart_labels_beside_table_are_not_columns(tmp_path: Path) -> None:
    """A bar chart in a box beside an unruled table: its category labels line up with the table's
    rows but are chart text, not a third column."""
    def draw(c: canvas.Canvas) -> None:
        draw_text_rows(c, ROWS, [80, 160, 200, 240], 120, 14)
        c.rect(300, H - 200, 220, 100, stroke=1, fill=0)
        c.setFillColorRGB(0.6, 0.2, 0.2)
        for i, length in enumerate([40, 60, 80, 100]):
            c.rect(400, H - (120 + 14 * i) - 6, length, 8, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        draw_text_rows(c, [[r[0]] for r in ROWS[1:]], [320], 120, 14)

    for settings in (None, WS):
        tables = read(pdf(tmp_path, draw), settings)
        assert [t.grid() for t in tables] == [ROWS]


def test_two_word_note_label_ends_table(tmp_path: Path) -> None:
    """A notes block under the table starting "Other sources:" (label and text set like two cells)
    is not part of the table and does not merge its columns."""
    def draw(c: canvas.Canvas) -> None:
        draw_text_rows(c, ROWS, [100, 200, 260, 320], 120, 14)
        draw_text_rows(c, [["Other sources: ABC", "A Book of Counts, 2021 edition"], ["", "DEF"],
                           ["", "Data Extracted Frequently"]], [100, 185], 200, 14)

    tables = read(pdf(tmp_path, draw), WS)
    assert [t.grid() for t in tables] == [ROWS]


def test_label_wrapped_over_lines_with_centred_value(tmp_path: Path) -> None:
    """A stub label wrapped over four lines, its value set vertically centred between two of them."""
    label = ["Other specific policies including", "trade, agriculture and rural affairs,",
             "regional policy and culture, research", "and environment"]

    def draw(c: canvas.Canvas) -> None:
        draw_text_rows(c, [["Topic", "Enquiries"], ["Institutions", "3.597"]], [100, 300], 120, 14)
        draw_text_rows(c, [[t] for t in label], [100], 148, 11)
        c.drawString(300, H - (148 + 1.5 * 11 - 1), "4.330")
        draw_text_rows(c, [["Helpdesk", "169"], ["Grand Total", "23.900"]], [100, 300], 198, 14)

    tables = read(pdf(tmp_path, draw), WS)
    assert [t.grid() for t in tables] == [[["Topic", "Enquiries"], ["Institutions", "3.597"],
                                           [" ".join(label), "4.330"], ["Helpdesk", "169"],
                                           ["Grand Total", "23.900"]]]


def test_stacked_tables_with_repeated_header(tmp_path: Path) -> None:
    """Two tables one under the other with the same header line, close together: two tables."""
    second = [ROWS[0], ["Montenegro", "1.1", "1.2", "1.3"], ["Bosnia", "3.3", "3.4", "3.5"],
              ["Total", "4.4", "4.6", "4.8"]]

    def draw(c: canvas.Canvas) -> None:
        draw_text_rows(c, ROWS + second, [100, 200, 260, 320], 120, 14)

    tables = read(pdf(tmp_path, draw), WS)
    assert [t.grid() for t in tables] == [ROWS, second]


def test_side_by_side_tables(tmp_path: Path) -> None:
    """Three stub-and-value tables set side by side with narrow gaps: three tables, not one."""
    heads = ["Men", "Women", "Children"]
    states = ["Alabama", "Alaska", "Arizona", "Arkansas", "California"]
    parts = [[[h, "Number"]] + [[st, str(10 * k + i)] for i, st in enumerate(states[k:] + states[:k])]
             for k, h in enumerate(heads)]

    def draw(c: canvas.Canvas) -> None:
        for k, part in enumerate(parts):
            draw_text_rows(c, part, [80 + 150 * k, 175 + 150 * k], 120, 14)

    tables = read(pdf(tmp_path, draw), WS)
    assert [t.grid() for t in tables] == parts
