"""The project's table reader: ruled, partly ruled and unruled tables from the page model.

Every region gets the readings that fit it, and a quality score picks one and becomes its confidence:
  - a ruled region (rules, thin bars or cell fills that enclose cells; `lattice.py`) is read as a
    lattice ("table:lattice") and, because many tables rule only the header or the row groups, also
    with rows from its rules and columns from whitespace ("table:hybrid");
  - text outside ruled regions is searched for whitespace tables ("table:stream"; `stream.py`).
The quality checks are the ones a reader would make: cells filled, no phrase cut by a cell border,
no cell holding two phrases set a column gap apart, columns of one kind (numbers or text).
Tables continued on the next page are joined by `join_continued`.
No camelot or image rendering: routing by quality over cheap readings measured better and faster
on ICDAR 2013 than calling the peers (see bench/icdar.py).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from pipeline.model.pagemodel import Page, Shape, Word, text_of
from pipeline.readers.tables.headers import header_only, join_headers, joined
from pipeline.readers.tables.lattice import Lattice, find_lattices, lattice_cells
from pipeline.readers.tables.panels import prose_panel_words
from pipeline.lang import vocab
from pipeline.lang.numbers import is_value_cell
from pipeline.model.geometry import BBox, bbox_of, contains
from pipeline.model.graphics_primitives import is_light
from pipeline.readers.tables.model import Cell, Table, TableSettings, strip_leaders
from pipeline.readers.tables.stream import (LIST_MARK, Line, is_prose, read_block, side_by_side, side_columns, table_blocks,
                              text_lines, trim_block)

__all__ = ["Cell", "Table", "TableSettings", "find_tables", "join_continued"]

MIN_CONFIDENCE = 0.45
LATTICE_TRUST = 0.03  # drawn cells win over a whitespace reading of the same box unless it is clearly better


@dataclass(frozen=True)
class RouteSettings:
    """What a table must look like to be kept, and what marks a chart, in PDF points unless said otherwise."""

    plot_margin: float = 5.0  # plotted marks count within the table's box grown by this
    min_plotted: int = 8  # this many plotted lines or unfilled curves in a box make it a chart
    min_rows: int = 3  # a whitespace table has at least this many rows ...
    min_filled: float = 0.35  # ... a body at least this share filled ...
    min_multi: float = 0.5  # ... and at least this share of rows with two cells or more
    wordy: tuple[int, int, float] = (4, 3, 0.6)  # a table with no numbers has at least 4 rows, 3 columns
    #   and a body 60 % filled (a glossary or a list is smaller or sparser)
    list_marks: float = 0.5  # a two-column table whose first column is this share list marks is a list
    min_bars: int = 3  # filled rectangles on one baseline that make a bar chart
    frame_min: tuple[float, float] = (60.0, 40.0)  # a chart's frame is at least this wide and high
    frame_max_area: float = 0.5  # ... and covers less than this share of the page
    frame_inset: float = 4.0  # marks inside a frame are smaller than it by this (not the frame drawn twice)
    cell_pad: float = 0.5  # a word belongs to the cell its centre is in, the cell grown by this
    shape_full: tuple[float, float] = (4.0, 2.0)  # the shape check is full from this many rows and columns
    #   beyond the first (5 x 3 cells)
    perfect: float = 0.999  # a check this high is perfect
    dense_share: float = 0.5  # a ruled box is one row per band when this share of its bands holds one line
    rotated_reach: float = 150.0  # rotated column headers stand this close above a whitespace table
    caption_words: int = 8  # a cell this many words long is a caption or a long header; two of them
    #   alone in a first row are the captions of two graphics side by side
    headed_min_rows: int = 2  # ... or this many under a header band read apart (`headers.py`)
    listed_share: float = 0.8  # a table with no numbers is a list table (a name, then the categories it
    #   lists) when this share of a column's filled body cells list category names; in the office and
    #   browser list tables every body cell does, in a glossary or a text list none


ROUTE = RouteSettings()


def make_table(page: int, cells: list[Cell], method: str, lines: list[Line]) -> Table | None:
    """A `Table` of the cells holding text, with its quality checks and confidence; None if no text."""
    cells = [c for c in cells if c.text.strip()]
    if not cells:
        return None
    n_rows = max(c.row + c.rowspan for c in cells)
    n_cols = max(c.col + c.colspan for c in cells)
    table = Table(page, bbox_of(cells), cells, method, 0.0, n_rows, n_cols)
    table.checks = quality_checks(table, lines)
    table.confidence = round(statistics.geometric_mean([max(v, 1e-3) for v in table.checks.values()]), 3)
    return table


def plausible(table: Table, page: Page, charts: list[BBox] = (), min_rows: int = ROUTE.min_rows) -> bool:
    """Whether a reading may be reported at all.

    Never inside a chart (plotted polylines and curves in the region, or a box drawn around a chart,
    `chart_frames`; their axis labels line up like a table). A reading whose columns come from
    whitespace ("stream", "hybrid") proves less, so it
    must also look like a table: three rows or more, mostly rows of two cells or more, a body at least
    a third filled, some numbers unless it is large and dense, and not a numbered list or a glossary
    (two columns, markers or labels left and text right).
    """
    x0, top, x1, bottom = table.bbox
    m = ROUTE.plot_margin
    plotted = sum(1 for sh in page.shapes
                  if x0 - m <= sh.x0 and sh.x1 <= x1 + m and top - m <= sh.top and sh.bottom <= bottom + m
                  and (sh.kind == "line" and sh.width > 1 and sh.height > 1 or sh.kind == "curve" and sh.fill is None))
    if plotted >= ROUTE.min_plotted or any(c[0] - 2 <= x0 and x1 <= c[2] + 2 and c[1] - 2 <= top and bottom <= c[3] + 2
                           for c in charts):
        return False
    if table.method == "table:lattice":
        return True
    grid = table.grid()
    body = [v for r in grid[1:] for v in r if v]
    numbers = sum(is_value_cell(v) for v in body)
    multi = sum(sum(1 for v in r if v) >= 2 for r in grid)
    if table.n_rows < min_rows or table.checks.get("filled", 0) < ROUTE.min_filled \
            or multi < ROUTE.min_multi * table.n_rows:
        return False
    rows, cols, filled = ROUTE.wordy
    if numbers == 0 and lists_names(grid):
        return not two_captions(grid)
    if numbers == 0 and (table.n_rows < rows or table.n_cols < cols or table.checks["filled"] < filled):
        return False
    first = [r[0] for r in grid if r[0]]
    marks = sum(bool(LIST_MARK.match(v)) for v in first)
    if table.n_cols == 2 and first and (marks >= ROUTE.list_marks * len(first) or numbers == 0):
        return False
    return not two_captions(grid)


def lists_names(grid: list[list[str]]) -> bool:
    """A list table: a column beside the labels whose filled body cells list category names
    ("Kosovo Turk, Kosovo Roma"; `vocab.listed`)."""
    for j in range(1, len(grid[0])):
        filled = [r[j] for r in grid[1:] if r[j]]
        if filled and sum(bool(vocab.listed(v)) for v in filled) >= ROUTE.listed_share * len(filled):
            return True
    return False


def headed_short(table: Table, tables: list[Table], page: Page, charts: list[BBox], words: list[Word]) -> bool:
    """A whitespace body of two rows is a table when a header read apart stands right over it (the
    last rows of a matrix continued on a new page under its repeated header band); alone, two rows
    prove too little."""
    return plausible(table, page, charts, min_rows=ROUTE.headed_min_rows) and any(
        header_only(t) and joined(t, table, words) is not None for t in tables)


def two_captions(grid: list[list[str]]) -> bool:
    """Two graphics side by side read as one whitespace table: its first row holds two captions (cells
    of a sentence's length each) and nothing else, as one table's header never does."""
    long = sum(len(v.split()) >= ROUTE.caption_words for v in grid[0])
    return long >= 2 and long == sum(bool(v) for v in grid[0])


def is_plot_bars(marks: list[Shape]) -> bool:
    """Bars of a bar chart: three or more filled rectangles of one colour and one thickness that
    start from one baseline (common left or bottom edge) and end at different lengths. Shaded
    table rows or cells share their length too, so they are not bars."""
    by_fill: dict[tuple, list[Shape]] = {}
    for sh in marks:
        if sh.kind == "rect" and not is_light(sh.fill):
            by_fill.setdefault(tuple(round(v, 2) for v in sh.fill), []).append(sh)
    for group in by_fill.values():
        for base, length, thick in ((lambda r: r.x0, lambda r: r.width, lambda r: r.height),
                                    (lambda r: r.bottom, lambda r: r.height, lambda r: r.width)):
            anchored: dict[int, list[Shape]] = {}
            for r in group:
                anchored.setdefault(round(base(r)), []).append(r)
            for bars in anchored.values():
                if len(bars) >= ROUTE.min_bars and max(thick(r) for r in bars) - min(thick(r) for r in bars) < 1 and \
                        len({round(length(r)) for r in bars}) >= max(2, len(bars) // 2):
                    return True
    return False


def chart_frames(page: Page) -> list[BBox]:
    """Boxes drawn around charts: a stroked (or white) rectangle holding plotted marks, two or more
    filled curves (pie slices, areas) or bars (`is_plot_bars`). The words inside are the chart's
    labels and axis ticks, which line up like a table's rows and columns but are none."""
    (w, h), inset = ROUTE.frame_min, ROUTE.frame_inset
    frames = [sh for sh in page.shapes if sh.kind == "rect" and sh.width > w and sh.height > h
              and is_light(sh.fill)
              and sh.width * sh.height < ROUTE.frame_max_area * page.width * page.height]
    out: list[BBox] = []
    for f in frames:
        if any(abs(f.x0 - b[0]) < 2 and abs(f.top - b[1]) < 2 and abs(f.x1 - b[2]) < 2 and abs(f.bottom - b[3]) < 2
               for b in out):
            continue
        marks = [sh for sh in page.shapes if sh is not f and f.x0 - 1 <= sh.x0 and sh.x1 <= f.x1 + 1
                 and f.top - 1 <= sh.top and sh.bottom <= f.bottom + 1
                 and (sh.width < f.width - inset or sh.height < f.height - inset)]
        if sum(sh.kind == "curve" and sh.fill is not None for sh in marks) >= 2 or is_plot_bars(marks):
            out.append(f.bbox)
    return out


def quality_checks(table: Table, lines: list[Line]) -> dict[str, float]:
    """Scores in [0, 1], higher is better.

    - shape: at least two rows and two columns, more is more convincing;
    - filled: share of body slots (below the first row) holding text;
    - whole: share of phrases (chunks) that sit in one cell, not cut by a cell border;
    - single: share of cells holding at most one phrase per line and at most one number (no missed
      column or row border);
    - typed: how clearly each body column is numbers or text.
    """
    if table.n_rows < 2 or table.n_cols < 2:
        return {"shape": 0.0}
    cell_of: dict[int, int] = {}
    pad = ROUTE.cell_pad
    for k, c in enumerate(table.cells):
        for line in lines:
            for w in line.words:
                if c.x0 - pad <= w.cx <= c.x1 + pad and c.top - pad <= w.cy <= c.bottom + pad:
                    cell_of.setdefault(id(w), k)
    chunks = [ch for l in lines for ch in l.chunks]
    whole = sum(len({cell_of.get(id(w)) for w in ch.words}) == 1 for ch in chunks) / max(1, len(chunks))
    per_cell_line: dict[tuple[int, int], int] = {}
    numbers: dict[int, int] = {}
    for li, l in enumerate(lines):
        for ch in l.chunks:
            k = cell_of.get(id(ch.words[0]))
            if k is not None:
                per_cell_line[(k, li)] = per_cell_line.get((k, li), 0) + 1
                numbers[k] = numbers.get(k, 0) + is_value_cell(ch.text)
    multi = {k for (k, _), n in per_cell_line.items() if n > 1} | {k for k, n in numbers.items() if n > 1}
    single = 1 - len(multi) / len(table.cells)
    grid = table.grid()
    body = grid[1:]
    slots = sum(len(r) for r in body)
    filled = sum(1 for r in body for v in r if v) / max(1, slots)
    typed = []
    for j in range(table.n_cols):
        vals = [r[j] for r in body if r[j]]
        if len(vals) >= 2:
            share = sum(is_value_cell(v) for v in vals) / len(vals)
            typed.append(max(share, 1 - share))
    full_rows, full_cols = ROUTE.shape_full
    shape = min(1.0, (table.n_rows - 1) / full_rows) * min(1.0, (table.n_cols - 1) / full_cols)
    return {"shape": shape, "filled": filled, "whole": whole, "single": single,
            "typed": statistics.fmean(typed) if typed else 0.5}


def clean_lattice(table: Table, rival: Table) -> bool:
    """A drawn table whose every cell check is perfect (all slots filled, no phrase cut, one phrase
    and one number per cell, columns of one kind), against a whitespace reading of the same box
    that finds the same columns and more rows: that reading has split wrapped cells into lines,
    and only its larger size made it score higher."""
    return (table.method == "table:lattice" and rival.method != "table:lattice"
            and table.n_cols == rival.n_cols and table.n_rows < rival.n_rows
            and all(v >= ROUTE.perfect for k, v in table.checks.items() if k != "shape"))


def read_lattice(page: Page, lat: Lattice, words: list[Word], s: TableSettings) -> list[Table]:
    """The candidate readings of one ruled region: lattice cells, and rows from rules with columns
    from whitespace."""
    region = [w for w in words if contains(lat.bbox, w.cx, w.cy, pad=1.0)]
    if not region:
        return []
    lines = text_lines(region, s)
    out = []
    lattice = make_table(page.number, lattice_cells(lat, region, s), "table:lattice", lines)
    if lattice:
        out.append(lattice)
    if lines and sum(len(l.chunks) >= 2 for l in lines) >= 1:
        per_band: dict[int, int] = {}
        for l in lines:
            k = sum(1 for y in lat.ys if y < (l.top + l.bottom) / 2)
            per_band[k] = per_band.get(k, 0) + 1
        dense = sum(n == 1 for n in per_band.values()) >= ROUTE.dense_share * len(per_band)
        rule_xs = [x for x in lat.xs[1:-1] if lat.drawn(False, x, lat.bbox[1], lat.bbox[3], s)]
        cells = read_block(lines, s, bands=lat.ys if dense else None, rule_xs=rule_xs)
        hybrid = make_table(page.number, cells, "table:hybrid", lines)
        if hybrid:
            out.append(hybrid)
    return out


def with_rotated_header(table: Table, words: list[Word]) -> Table:
    """A whitespace table with its rotated column headers (text set bottom-to-top above narrow
    columns, or beside the upright headings of the other columns), which line-based reading leaves
    out, as a new first row. Ruled tables need no help: their cells take any word by its centre."""
    x0, top, x1, _ = table.bbox
    labelled = sorted(c.top for c in table.cells if c.col == 0 and c.row > 0
                      and any(o.row == c.row and o.col > 0 for o in table.cells))
    header_bottom = labelled[0] if labelled else top  # rotated headers stand beside the upright ones
    rotated = [w for w in words if not w.upright and x0 - 2 <= w.cx <= x1 + 2
               and top - ROUTE.rotated_reach <= w.bottom <= header_bottom + 2]
    # an upright line between rotated words and the table (its caption) says they belong to what stands
    # above (the rotated axis labels of a chart), not to this table's header
    above = [w for w in words if w.upright and x0 <= w.cx <= x1 and w.bottom <= top + 1]
    rotated = [w for w in rotated if not any(a.top >= w.bottom - 1 for a in above)]
    if not rotated:
        return table
    spans = {}
    for c in table.cells:
        if c.colspan == 1:
            a, b = spans.get(c.col, (c.x0, c.x1))
            spans[c.col] = (min(a, c.x0), max(b, c.x1))
    by_col: dict[int, list[Word]] = {}
    for w in rotated:
        col = min(spans, key=lambda j: 0 if spans[j][0] <= w.cx <= spans[j][1] else min(
            abs(w.cx - spans[j][0]), abs(w.cx - spans[j][1])))
        by_col.setdefault(col, []).append(w)
    header = [Cell(text_of(sorted(ws, key=lambda w: w.x0)), *bbox_of(ws), 0, col)
              for col, ws in by_col.items()]
    moved = [Cell(c.text, c.x0, c.top, c.x1, c.bottom, c.row + 1, c.col, c.rowspan, c.colspan) for c in table.cells]
    bbox = (min(x0, *(c.x0 for c in header)), min(c.top for c in header), max(x1, *(c.x1 for c in header)),
            table.bbox[3])
    return Table(table.page, bbox, header + moved, table.method, table.confidence, table.n_rows + 1,
                 table.n_cols, table.checks)


def find_tables(page: Page, settings: TableSettings | None = None) -> list[Table]:
    """All tables of a page, top to bottom, each read the way that scores best."""
    s = settings or TableSettings()
    words = strip_leaders(page.words)
    tables: list[Table] = []
    charts = chart_frames(page)
    if s.use_rules:
        for lat in find_lattices(page, s):
            candidates = [t for t in read_lattice(page, lat, words, s) if plausible(t, page, charts)]
            if candidates:
                best = max(candidates, key=lambda t: t.confidence + (LATTICE_TRUST if t.method == "table:lattice" else 0))
                best = next((t for t in candidates if clean_lattice(t, best)), best)
                if best.confidence >= MIN_CONFIDENCE:
                    tables.append(best)
    panel = prose_panel_words(page, words, s)
    rest = [w for w in words if id(w) not in panel
            and not any(contains(b, w.cx, w.cy, pad=2.0) for b in [t.bbox for t in tables] + charts)]
    lines = text_lines(rest, s)
    columns = side_columns(lines)
    blocks = table_blocks(lines, s)
    if columns:  # text columns beside tables: each read apart, line by line within its own column
        beside = {id(w) for col in columns for w in col}
        blocks = [b for ws in [[w for w in rest if id(w) not in beside]] + columns
                  for b in table_blocks(text_lines(ws, s), s)]
    blocks = [trim_block(b) for b in blocks]
    blocks = [part for b in blocks  # tables set side by side, each read apart
              for part in ([trim_block(text_lines(ws, s)) for ws in side_by_side(b, s)] if len(b) > 2 else []) or [b]]
    for block in blocks:
        if sum(l.tabular for l in block) < s.min_rows or is_prose(block):
            continue
        cells = read_block(block, s)
        table = make_table(page.number, cells, "table:stream", block)
        if table and table.confidence >= MIN_CONFIDENCE and (plausible(table, page, charts) or headed_short(
                table, tables, page, charts, words)):
            tables.append(with_rotated_header(table, rest))
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return join_headers(tables, words)


def join_continued(tables: list[Table]) -> list[Table]:
    """Tables continued on the next page, joined: the last table of a page and the first of the
    next with the same column count, where the continuation repeats the header or has none."""
    out: list[Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if prev and t.page == prev.page + 1 and t.n_cols == prev.n_cols and t is min(
                (x for x in tables if x.page == t.page), key=lambda x: x.bbox[1]):
            skip = 1 if t.grid()[0] == prev.grid()[0] else 0
            moved = [Cell(c.text, c.x0, c.top, c.x1, c.bottom, c.row - skip + prev.n_rows, c.col, c.rowspan,
                          c.colspan) for c in t.cells if c.row >= skip]
            out[-1] = Table(prev.page, prev.bbox, prev.cells + moved, prev.method,
                            min(prev.confidence, t.confidence), prev.n_rows + t.n_rows - skip, prev.n_cols,
                            prev.checks)
        else:
            out.append(t)
    return out
