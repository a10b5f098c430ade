"""What a table holds: from the table reader's cells to labelled observations.

Finding cells (`route.py`) and giving them meaning (here) are separate steps, as in pdfplumber
and camelot, so one interpretation serves every table whatever drew it (a browser's HTML table,
an office suite's, a report tool's). It reads structure and value kinds, never positions:
  - each body column has a value kind: ticks (any tick glyph or yes/no word, where a dash or a
    blank cell means "no"), counts, or percentages (a "%" in the cells, or in the caption or
    header over numbers of at most 100);
  - the header is the rows above the first row whose cells have their column's kind; a row of
    agreement levels ("2 3 4 5 – Plotësisht dakord") or of years ("2023 2022") over values is a
    header, never values;
  - the row label is the first column, the column label the header text above the cell;
  - a text column whose cells list names of a closed vocabulary ("Kosovo Turk, Kosovo Roma" under
    "Communities without a representative", `vocab.listed`) holds one count of 1 per listed name,
    labelled by the name as printed: the value is that the row lists it;
  - adjacent columns of one kind form one graphic, captioned by the table's caption and the
    columns' own header; a table with columns of several kinds (a count column beside a work-plan
    tick column) becomes one graphic per kind, so that `mapping.py` decides each on its own words.
Nothing here knows a language or an indicator, but for the names a list cell may hold.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import lru_cache

from pipeline.readers.captions import caption_above
from pipeline.model.confidence import Confidence, READING, SURE, UNCONFIRMED
from pipeline.model.observations import BLANK_CELL, Observation, TICK_NO, TICK_YES
from pipeline.lang import vocab
from pipeline.lang.numbers import is_year, parse_number
from pipeline.model.geometry import BBox, bbox_of, contains
from pipeline.model.pagemodel import Page, Word, lines_of, text_of
from pipeline.model.records import Provenance
from pipeline.readers.tables.bands import band_edges, band_of
from pipeline.readers.tables.model import ALIGNED, Cell, Table

DASHES = {"-", "–", "—", "‒", "−"}
PERCENT_WORD = re.compile(r"%|\bperqindj|\bpercent|\bprocen|\bпроцен", re.IGNORECASE)


@dataclass(frozen=True)
class InterpretSettings:
    """How a table's rows and columns are told apart (shares of cells unless said otherwise)."""

    majority: float = 0.5  # a column is of a value kind when at least this share of its cells are values;
    #   a row is the first body row when this share of the value columns hold a fitting value
    max_level: int = 10  # a header of agreement levels numbers them 0..10 at most ("1 2 3 4 5") ...
    min_levels: int = 3  # ... and has at least three of them (every scale of the corpora has 3 to 5: "2 3 4 5");
    #   two counts one apart are a body row ("Deçan/Dečane 5 6" under "Janar - shtator 2022 | 2021")
    label_share: float = 0.6  # a column of row labels: at least this share of its cells hold letters
    halved_rows: int = 4  # from this many rows, column kinds are read from the lower half only (headers
    #   and group labels stand in the upper rows)
    header_lines: int = 4  # a header set above a table's drawn cells (a rule under it only, zebra rows)
    #   holds at most this many lines; more is body text or a caption
    word_gap_em: float = 0.8  # words of one phrase stand closer than this (a word space is ~0.3 em)


INTERPRET = InterpretSettings()
ALIGNED_METHODS = {"tick": "table:ticks", "percent": "table:likert", "count": "table:grid"}


@dataclass(frozen=True)
class CellValue:
    kind: str  # tick | dash | count | percent | blank | text
    value: float | None = None
    letters: bool = False  # text with at least one letter (a label, not "3 2" or "12/35")
    listed: tuple[str, ...] = ()  # text that lists category names: their categories (`vocab.listed`)


@lru_cache(maxsize=65536)
def cell_value(text: str) -> CellValue:
    """A cell's value kind and value; a year is text here (a header or a date, never a value)."""
    t = text.strip()
    low = t.lower()
    if not t:
        return CellValue("blank")
    if low in TICK_YES or low in TICK_NO:
        return CellValue("tick", 1.0 if low in TICK_YES else 0.0)
    if t in DASHES:
        return CellValue("dash")
    if is_year(t):
        return CellValue("text")
    num = parse_number(t)
    if num is None:
        letters = any(c.isalpha() for c in t)
        return CellValue("text", letters=letters, listed=vocab.listed(t) if letters else ())
    return CellValue("percent" if num[1] else "count", num[0])


def column_kind(values: list[CellValue]) -> str | None:
    """The value kind of a body column: ticks, counts or percentages, or None (a text column)."""
    kinds = [v.kind for v in values]
    if "tick" in kinds and all(k in ("tick", "dash", "blank") for k in kinds):
        return "tick"
    numbers = [k for k in kinds if k in ("count", "percent")]
    if not numbers or len(numbers) < INTERPRET.majority * sum(k != "blank" for k in kinds):
        return None
    return "percent" if numbers.count("percent") >= INTERPRET.majority * len(numbers) else "count"


def all_dashes(values: list[CellValue]) -> bool:
    return any(v.kind == "dash" for v in values) and all(v.kind in ("dash", "blank") for v in values)


def with_lists(kinds: list[str | None], rows: list[list[CellValue]]) -> list[str | None]:
    """Text columns (not the label column) whose filled cells mostly list category names become "list"."""
    def lists(j: int) -> bool:
        filled = [row[j] for row in rows if row[j].kind != "blank"]
        return bool(filled) and sum(bool(v.listed) for v in filled) >= INTERPRET.majority * len(filled)
    return [k if k or j == 0 or not lists(j) else "list" for j, k in enumerate(kinds)]


def fits(v: CellValue, kind: str) -> bool:
    if kind == "list":
        return bool(v.listed)
    if kind == "tick":
        return v.kind in ("tick", "dash")
    return v.kind in ("count", "percent")


def are_levels(nums: list[float | None]) -> bool:
    """Agreement levels: three or more small whole numbers going up or down by one ("2 3 4", "4 3 2")."""
    steps = {b - a for a, b in zip(nums, nums[1:]) if a is not None and b is not None}
    return len(nums) >= INTERPRET.min_levels and all(n is not None and n.is_integer() and 0 <= n <= INTERPRET.max_level for n in nums) \
        and steps in ({1}, {-1})


def is_level_row(row: list[CellValue], kinds: list[str | None]) -> bool:
    """'1 2 3 4 5' (or '2 3 4', or '5 4 3 2 1') over value columns: a header, never values; over
    percentage columns the levels may come in any order. A row with ticks, or blank tick cells (every
    "no" of a matrix in which ticks say "yes"), is a body row whose counts happen to rise ("✓ – ✓ 4 5")."""
    if any(v.kind in ("tick", "percent") or k == "tick" and v.kind == "blank" for v, k in zip(row, kinds) if k):
        return False
    nums = [v.value for v, k in zip(row, kinds) if k and v.kind == "count"]
    if len(nums) < INTERPRET.min_levels:
        return False
    if are_levels(nums):
        return True
    shuffled = len(nums) >= INTERPRET.min_levels and all(n is not None and n.is_integer() and 0 <= n <= INTERPRET.max_level for n in nums) \
        and sorted(nums) == [min(nums) + i for i in range(len(nums))]
    return shuffled and all(k == "percent" for k in kinds if k)


def first_body_row(values: list[list[CellValue]], kinds: list[str | None]) -> int | None:
    """The first row whose value columns mostly hold values of their kind; a blank tick cell is a "no"
    there (a municipality that performed one task of eight is a body row, not a header). A labelled
    row of a sparse table (a matrix of the communities each municipality lacks: one or two counts a
    row, blanks elsewhere) is one too. A row of levels is a header, unless every row is one: two
    count columns whose values differ by one ("5 6")."""
    value_cols = [j for j, k in enumerate(kinds) if k]
    filled = []
    for r, row in enumerate(values):
        hits = sum(fits(row[j], kinds[j]) for j in value_cols)
        blank_ticks = sum(row[j].kind == "blank" and kinds[j] == "tick" for j in value_cols)
        if hits and (hits + blank_ticks >= INTERPRET.majority * len(value_cols) or sparse_row(row, kinds)):
            filled.append(r)

    def levels(r: int) -> bool:  # a table has one row of levels: two in a row are counts rising by one
        return is_level_row(values[r], kinds) and not (r + 1 < len(values) and is_level_row(values[r + 1], kinds))
    return next((r for r in filled if not levels(r)), filled[0] if filled else None)


def sparse_row(row: list[CellValue], kinds: list[str | None]) -> bool:
    """A body row of a sparse matrix (a 1 under two of six communities, the other cells blank): a
    label, and under the value columns only fitting values and blanks, no header text."""
    cells = [(v, k) for v, k in zip(row[1:], kinds[1:]) if k]
    return bool(row[0].letters) and all(fits(v, k) or v.kind == "blank" for v, k in cells)


def labelled(rows: list[list[CellValue]]) -> bool:
    """Whether the first column holds row labels: text, not values (else the reading missed the
    label column, or cut the table wrongly, and the other readers should have the region)."""
    firsts = [row[0] for row in rows if row[0].kind != "blank"]
    return bool(firsts) and sum(v.kind == "text" and v.letters for v in firsts) >= INTERPRET.label_share * len(firsts)


def reading_confidence(table: Table) -> float:
    """How sure the cell reading is: the table's quality checks but its size (a small, cleanly cut
    table is as sure as a large one), capped at a reading nothing else confirms."""
    rest = [max(v, 1e-3) for k, v in table.checks.items() if k != "shape"]
    quality = statistics.geometric_mean(rest) if rest else table.confidence
    return round(READING * min(1.0, quality), 3)


def column_groups(kinds: list[str | None]) -> list[list[int]]:
    """Adjacent value columns of one unit (ticks are booleans; counts; percentages)."""
    groups: list[list[int]] = []
    for j, k in enumerate(kinds):
        if j == 0 or k is None:
            continue
        if groups and kinds[groups[-1][-1]] == k and groups[-1][-1] == j - 1:
            groups[-1].append(j)
        else:
            groups.append([j])
    return groups


def lower_rows(values: list[list[CellValue]]) -> list[list[CellValue]]:
    """The rows column kinds are read from: the lower half of a long table, all but the first of a short one."""
    return values[len(values) // 2:] if len(values) >= INTERPRET.halved_rows else values[1:]


def side_by_side(grid: list[list[str]]) -> list[list[int]]:
    """The column ranges of tables set side by side in one grid (a long list wrapped into two
    "name | ✓" column pairs): a new one starts at each text column that follows a value column."""
    values = [[cell_value(text) for text in row] for row in grid]
    lower = lower_rows(values)
    kinds = [column_kind([row[j] for row in lower]) for j in range(len(grid[0]))]
    parts: list[list[int]] = [[0]]
    for j in range(1, len(kinds)):
        filled = [row[j] for row in lower if row[j].kind != "blank"]  # a list run down two columns
        labels = bool(filled) and sum(v.letters for v in filled) >= INTERPRET.label_share * len(filled)  # ends early
        if kinds[j] is None and kinds[j - 1] is not None and labels:
            parts.append([])
        parts[-1].append(j)
    return parts


def interpret(page: Page, table: Table) -> list[Observation]:
    """One observation per value cell that has a row label, grouped into graphics by value kind."""
    if table.n_cols < 2 or table.n_rows < 2:
        return []
    full = table.grid(repeat_merged=True)
    parts = table.parts or side_by_side(full)
    if len(parts) == 1:
        read = [interpret_grid(page, table, full, list(range(table.n_cols)), table.bbox)]
    else:
        grids = [[[row[j] for j in cols] for row in full] for cols in parts]
        # one list wrapped into columns shares the caption above the whole table; different tables side by
        # side (a count list beside a tick list) each have their own above them
        shared = len({shape(grid) for grid in grids}) == 1
        heading = across_parts(table, parts)
        read = [interpret_grid(page, table, grid, cols, table.bbox if shared else
                               bbox_of([c for c in table.cells if c.col in cols]), heading)
                for cols, grid in zip(parts, grids)]
    if any(part is None for part in read):
        return []  # one misread part puts the whole reading in doubt: the aligned-values finder gets the region
    return [o for part in read for o in part]


def shape(grid: list[list[str]]) -> tuple[str, ...]:
    """The value kinds of a table's value columns, in order (an empty or text column is none)."""
    lower = lower_rows([[cell_value(text) for text in row] for row in grid])
    return tuple(k for j in range(1, len(grid[0])) if (k := column_kind([row[j] for row in lower])))


def across_parts(table: Table, parts: list[list[int]]) -> str:
    """The text of cells spanning tables set side by side (the caption printed as the grid's first
    row, over both "name | ✓" pairs): it heads every part, also those it does not start over."""
    starts = {cols[0] for cols in parts[1:]}
    return " ".join(dict.fromkeys(c.text for c in table.cells
                                  if any(c.col < k < c.col + c.colspan for k in starts)))


def interpret_grid(page: Page, table: Table, grid: list[list[str]], columns: list[int],
                   above: BBox, heading: str = "") -> list[Observation] | None:
    """`interpret` on the columns `columns` of the table, whose texts are `grid`, captioned by the
    text above `above` (`heading`: text heading these columns among others, from `across_parts`);
    None when the cells were misread (`misread_labels`)."""
    n_rows, n_cols = len(grid), len(grid[0])
    if n_cols < 2:
        return []
    values = [[cell_value(text) for text in row] for row in grid]
    lower = lower_rows(values)
    kinds: list[str | None] = [None] + [column_kind([row[j] for row in lower]) for j in range(1, n_cols)]
    body = first_body_row(values, with_lists(kinds, lower))
    if body is None or not labelled(values[body:]):
        return []
    kinds = with_lists([None] + [column_kind([row[j] for row in values[body:]]) for j in range(1, n_cols)],
                       values[body:])
    if misread_labels(grid[body:], values[body:], kinds):  # a list column is a value column, no labels
        return None
    if "tick" in kinds:  # a task no office performed: a column of dashes only, beside tick columns
        kinds = [k if k or not all_dashes([row[j] for row in values[body:]]) else "tick"
                 for j, k in enumerate(kinds)]
    # a heading spanning several columns ("Level of agreement ...", "Number of core tasks") names
    # their group, not each of them: it goes to the group's caption, the column keeps its own label
    spanning = [[k for k, col in enumerate(columns) if c.col <= col < c.col + c.colspan] for c in table.cells
                if c.row < body and c.colspan > 1]
    spanning_rows = [c.row for c in table.cells if c.row < body and c.colspan > 1]
    spanned = {(r, k) for r, ks in zip(spanning_rows, spanning)  # only over columns labelled below it
               if ks and all(any(grid[b][k] and grid[b][k] != grid[r][k] for b in range(r + 1, body)) for k in ks)
               for k in ks}
    header = [" ".join(dict.fromkeys(grid[r][j] for r in range(body) if grid[r][j] and (r, j) not in spanned))
              for j in range(n_cols)]
    if body == 0:  # no header among the cells: the header row may stand just above them, outside the rules
        outside, header_top = header_outside(page, table, columns)
        if any(outside[j] for j, k in enumerate(kinds) if k):  # it names value columns (text above the
            header = outside                                     # label column alone is a paragraph)
            above = (above[0], min(above[1], header_top), above[2], above[3])
    caption, _ = caption_above(page, above)
    if heading and heading not in caption:
        caption = f"{caption} {heading}".strip()
    score = reading_confidence(table)
    structure = Confidence(score)  # the table's quality checks are the measurement; below SURE they say why
    if score < SURE:
        structure = structure.doubt(f"table structure uncertain (quality {table.confidence:.2f})")
    cells = {(c.row, k): c for c in table.cells for k, col in enumerate(columns) if c.col == col}
    value_columns = [j for j, k in enumerate(kinds) if k]
    if len(value_columns) >= 2 and not any(header[j] for j in value_columns):
        return []  # several value columns and no header names any: which is which is unknown (a header set
        #           apart, e.g. rotated above the table, is the aligned-values finder's to find); nothing is claimed
    groups = column_groups(kinds)
    wrapped = wrapped_labels(values, kinds, body)
    out: list[Observation] = []
    for cols in groups:
        percent_context = bool(PERCENT_WORD.search(caption + " " + " ".join(header[j] for j in cols)))
        # the columns' own header words name what they hold too ("Plan pune"), whatever the caption says
        over = " ".join(dict.fromkeys(grid[r][j] for r in range(body) for j in cols if (r, j) in spanned))
        group_caption = f"{caption} — {' '.join([over] * bool(over) + [header[j] for j in cols])}".strip(" —")
        group_cells = [cells.get((r, j)) for r in range(body, n_rows) for j in cols]
        region = bbox_of([c for c in group_cells if c] + [cells[(r, 0)] for r in range(body, n_rows)
                                                             if (r, 0) in cells])
        for r in range(body, n_rows):
            label = grid[r][0].strip()
            if not label or r in wrapped:
                continue
            label = " ".join([label] + [grid[k][0].strip() for k in wrapped_under(r, wrapped)])
            for j in cols:
                if kinds[j] == "list":
                    cell = cells.get((r, j))
                    out += [Observation(group_caption, label, name, 1.0, "count",
                                        Provenance(page.number, box, table.method, name), structure, region)
                            for name, box in listed_names(page, cell, values[r][j])] if cell else []
                    continue
                found = observation_of(values[r][j], kinds[j], percent_context)
                if found is None:
                    continue
                value, unit, doubt = found
                cell = cells.get((r, j)) or row_slot(table, r, columns[j])
                prov = Provenance(page.number, (cell.x0, cell.top, cell.x1, cell.bottom), method_of(table, kinds[j]),
                                  grid[r][j] or BLANK_CELL)
                conf = structure.doubt(doubt, cap=UNCONFIRMED) if doubt else structure
                out.append(Observation(group_caption, label, header[j], value, unit, prov, conf, region))
    return out


def method_of(table: Table, kind: str) -> str:
    """The method a value is written with: its table's, but a table of aligned values names its
    column's kind, as the grid reader that found them before did (the audit's colours, users' filters)."""
    return ALIGNED_METHODS.get(kind, table.method) if table.method == ALIGNED else table.method


def listed_names(page: Page, cell: Cell, value: CellValue) -> list[tuple[str, BBox]]:
    """The names a list cell lists, as printed, each with its box: the cell's words split after each
    separator, or the whole cell's box for every name when its words split otherwise."""
    if not value.listed:
        return []  # a cell of a list column that lists no names (unknown ones) claims nothing
    box = (cell.x0, cell.top, cell.x1, cell.bottom)
    words = [w for line in lines_of(w for w in page.words if w.upright and contains(box, w.cx, w.cy, pad=1))
             for w in line]
    parts: list[list[Word]] = [[]]
    for w in words:
        parts[-1].append(w)
        if vocab.LIST_SEPARATOR.fullmatch(w.text[-1]):
            parts.append([])
    parts = [p for p in parts if p]
    names = [p for p in vocab.LIST_SEPARATOR.split(cell.text.strip()) if p]
    if len(parts) != len(names):
        return [(name, box) for name in names]
    return [(name, bbox_of(p)) for name, p in zip(names, parts)]


TICK_GLYPHS = {t for t in TICK_YES | TICK_NO if not t.isalpha()}


def misread_labels(texts: list[list[str]], rows: list[list[CellValue]], kinds: list[str | None]) -> bool:
    """Whether the body's first column cannot be the row labels of its values, so the region is left
    to the aligned-values finder: a tick glyph set beside the words of a text cell ("✗ Novobërdë": a tick column
    run into the next column pair's names, its values then belong to other labels), or a column of
    labels between the first column and the first value column (a bar chart's category labels taken
    in as the first column of the tick list beside the chart: Ђаковица got Јуник's tick)."""
    glued = any(kinds[j] is None and any(c.isalpha() for c in text) and TICK_GLYPHS & set(text.split())
                for row in texts for j, text in enumerate(row))
    first = next((j for j, k in enumerate(kinds) if k), len(kinds))
    between = any(sum(row[j].letters for row in rows) >= INTERPRET.label_share * len(rows) for j in range(1, first))
    return glued or between


def wrapped_labels(values: list[list[CellValue]], kinds: list[str | None], body: int) -> set[int]:
    """Body rows that only carry the wrapped end of the label above ("Mitrovicë e Jugut/Južna" over
    "Mitrovica"): a label and no value in any column, in a table where some value column is filled
    in every other row (counts, or ticks that print "no" as a dash), so a real row would fill it."""
    value_cols = [j for j, k in enumerate(kinds) if k]
    bare = {r for r in range(body + 1, len(values))
            if values[r][0].kind == "text" and all(values[r][j].kind == "blank" for j in value_cols)}
    rows = [r for r in range(body, len(values)) if r not in bare and values[r][0].kind != "blank"]
    if not value_cols or not any(all(values[r][j].kind != "blank" for r in rows) for j in value_cols):
        return set()
    return bare


def wrapped_under(r: int, wrapped: set[int]) -> list[int]:
    """The rows right under row `r` that continue its label."""
    out = []
    while r + 1 + len(out) in wrapped:
        out.append(r + 1 + len(out))
    return out


def header_outside(page: Page, table: Table, columns: list[int]) -> tuple[list[str], float]:
    """Column headers printed right above a table's cells (and the top of that header): lines read
    upwards while they stay close, each word given to the column whose band holds it (`bands.py`).
    A line with a phrase running across a band edge is the caption or a heading over the table, and
    ends the header."""
    spans = [(min((c.x0 for c in table.cells if c.col == j and c.colspan == 1), default=table.bbox[0]),
              max((c.x1 for c in table.cells if c.col == j and c.colspan == 1), default=table.bbox[2]))
             for j in columns]
    borders = band_edges(spans)
    x0, top, x1, _ = table.bbox
    words = [w for w in page.words if w.upright and w.bottom <= top + 1 and top - w.bottom < 80
             and x0 - 1 <= w.cx <= x1 + 1]
    keep: list[Word] = []
    edge = top
    for line in sorted(lines_of(words), key=lambda line: -max(w.bottom for w in line)):
        height = max(w.bottom - w.top for w in line)
        gap = edge - max(w.bottom for w in line)
        if gap > (1.5 * height + 3 if keep else 2 * height + 4) or crosses(line, borders):
            break
        keep += line
        edge = min(edge, min(w.top for w in line))
        if len({round(w.top) for w in keep}) >= INTERPRET.header_lines:
            break
    header = []
    for j in range(len(spans)):
        mine = [w for w in keep if band_of(w.cx, borders) == j]
        header.append(text_of(w for line in lines_of(mine) for w in line))
    if not all(header[1:]):  # a line over the labels alone is a caption or a summary, no header
        return [""] * len(spans), top
    return header, edge


def crosses(line: list[Word], borders: list[float]) -> bool:
    """Whether a phrase of the line (words at word spacing) runs across one of the borders."""
    phrase = [line[0]]
    for w in line[1:] + [None]:
        if w is None or w.x0 - phrase[-1].x1 > INTERPRET.word_gap_em * w.em:
            if any(phrase[0].x0 < b - 1 and phrase[-1].x1 > b + 1 for b in borders):
                return True
            phrase = [w] if w else []
        else:
            phrase.append(w)
    return False


def observation_of(v: CellValue, kind: str, percent_context: bool) -> tuple[float, str, str] | None:
    """(value, unit, doubt) of one cell of a column of `kind`, or None; the doubt (a blank tick cell is
    read as "no", the contract's convention, but nothing is seen there) is empty for a printed value."""
    if kind == "tick":
        if v.kind == "tick":
            return v.value, "bool", ""
        if v.kind == "dash":
            return 0.0, "bool", ""
        if v.kind == "blank":
            return 0.0, "bool", "blank tick cell read as 0"
        return None
    if v.kind not in ("count", "percent"):
        return None  # a dash in a number column means "no data"
    if v.kind == "percent" or (percent_context and 0 <= v.value <= 100):
        return v.value, "percent", ""
    return v.value, "count", ""


def row_slot(table: Table, r: int, j: int) -> Cell:
    """The box of an empty slot (no cell holds text there): its row's and column's extents."""
    row = [c for c in table.cells if c.row <= r < c.row + c.rowspan]
    col = [c for c in table.cells if c.col <= j < c.col + c.colspan and c.colspan == 1]
    x0 = min((c.x0 for c in col), default=table.bbox[0])
    x1 = max((c.x1 for c in col), default=table.bbox[2])
    top = min((c.top for c in row), default=table.bbox[1])
    bottom = max((c.bottom for c in row), default=table.bbox[3])
    return Cell("", x0, top, x1, bottom, r, j)
