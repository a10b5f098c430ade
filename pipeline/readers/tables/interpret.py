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
  - adjacent columns of one kind form one graphic, captioned by the table's caption and the
    columns' own header; a table with columns of several kinds (a count column beside a work-plan
    tick column) becomes one graphic per kind, so that `mapping.py` decides each on its own words.
Nothing here knows a language or an indicator.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from pipeline.readers.captions import caption_above
from pipeline.model.observations import TICK_NO, TICK_YES, Observation, parse_number
from pipeline.model.pagemodel import Page
from pipeline.readers.tables.model import Cell, Table

DASHES = {"-", "–", "—", "‒", "−"}
BLANK_TICK_CONFIDENCE = 0.85  # a blank cell in a tick column is read as "no" (the contract), not seen
MAX_CONFIDENCE = 0.95  # a table reading that nothing else confirms stays below certainty
YEAR = re.compile(r"^(19[9]\d|20\d\d)$")
PERCENT_WORD = re.compile(r"%|\bperqindj|\bpercent|\bprocen|\bпроцен", re.IGNORECASE)


@dataclass(frozen=True)
class CellValue:
    kind: str  # tick | dash | count | percent | blank | text
    value: float | None = None
    letters: bool = False  # text with at least one letter (a label, not "3 2" or "12/35")


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
    if YEAR.match(t):
        return CellValue("text")
    num = parse_number(t)
    if num is None:
        return CellValue("text", letters=any(c.isalpha() for c in t))
    return CellValue("percent" if num[1] else "count", num[0])


def column_kind(values: list[CellValue]) -> str | None:
    """The value kind of a body column: ticks, counts or percentages, or None (a text column)."""
    kinds = [v.kind for v in values]
    if "tick" in kinds and all(k in ("tick", "dash", "blank") for k in kinds):
        return "tick"
    numbers = [k for k in kinds if k in ("count", "percent")]
    if not numbers or len(numbers) < 0.5 * sum(k != "blank" for k in kinds):
        return None
    return "percent" if numbers.count("percent") >= 0.5 * len(numbers) else "count"


def all_dashes(values: list[CellValue]) -> bool:
    return any(v.kind == "dash" for v in values) and all(v.kind in ("dash", "blank") for v in values)


def fits(v: CellValue, kind: str) -> bool:
    if kind == "tick":
        return v.kind in ("tick", "dash")
    return v.kind in ("count", "percent")


def are_levels(nums: list[float | None]) -> bool:
    """Agreement levels: two or more small whole numbers going up or down by one ("2 3 4", "4 3 2")."""
    steps = {b - a for a, b in zip(nums, nums[1:]) if a is not None and b is not None}
    return len(nums) >= 2 and all(n is not None and n.is_integer() and 0 <= n <= 10 for n in nums) \
        and steps in ({1}, {-1})


def is_level_row(row: list[CellValue], kinds: list[str | None]) -> bool:
    """'1 2 3 4 5' (or '2 3 4', or '5 4 3 2 1') over value columns: a header, never values.
    A row with ticks is a body row whose counts happen to rise ("✓ – ✓ 4 5")."""
    if any(v.kind in ("tick", "percent") for v, k in zip(row, kinds) if k):
        return False
    return are_levels([v.value for v, k in zip(row, kinds) if k and v.kind == "count"])


def first_body_row(values: list[list[CellValue]], kinds: list[str | None]) -> int | None:
    value_cols = [j for j, k in enumerate(kinds) if k]
    for r, row in enumerate(values):
        hits = sum(fits(row[j], kinds[j]) for j in value_cols)
        if hits and hits >= 0.5 * len(value_cols) and not is_level_row(row, kinds):
            return r
    return None


def labelled(rows: list[list[CellValue]]) -> bool:
    """Whether the first column holds row labels: text, not values (else the reading missed the
    label column, or cut the table wrongly, and the other readers should have the region)."""
    firsts = [row[0] for row in rows if row[0].kind != "blank"]
    return bool(firsts) and sum(v.kind == "text" and v.letters for v in firsts) >= 0.6 * len(firsts)


def reading_confidence(table: Table) -> float:
    """How sure the cell reading is: the table's quality checks but its size (a small, cleanly cut
    table is as sure as a large one), capped below certainty."""
    rest = [max(v, 1e-3) for k, v in table.checks.items() if k != "shape"]
    quality = statistics.geometric_mean(rest) if rest else table.confidence
    return round(MAX_CONFIDENCE * min(1.0, quality), 3)


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


def side_by_side(grid: list[list[str]]) -> list[list[int]]:
    """The column ranges of tables set side by side in one grid (a long list wrapped into two
    "name | ✓" column pairs): a new one starts at each text column that follows a value column."""
    values = [[cell_value(text) for text in row] for row in grid]
    lower = values[len(values) // 2:] if len(values) >= 4 else values[1:]
    kinds = [column_kind([row[j] for row in lower]) for j in range(len(grid[0]))]
    parts: list[list[int]] = [[0]]
    for j in range(1, len(kinds)):
        labels = sum(row[j].letters for row in lower) >= 0.6 * len(lower)
        if kinds[j] is None and kinds[j - 1] is not None and labels:
            parts.append([])
        parts[-1].append(j)
    return parts


def interpret(page: Page, table: Table) -> list[Observation]:
    """One observation per value cell that has a row label, grouped into graphics by value kind."""
    if table.n_cols < 2 or table.n_rows < 2:
        return []
    full = table.grid(repeat_merged=True)
    parts = side_by_side(full)
    if len(parts) == 1:
        return interpret_grid(page, table, full, list(range(table.n_cols)))
    return [o for cols in parts for o in interpret_grid(page, table, [[row[j] for j in cols] for row in full], cols)]


def interpret_grid(page: Page, table: Table, grid: list[list[str]], columns: list[int]) -> list[Observation]:
    """`interpret` on the columns `columns` of the table, whose texts are `grid`."""
    n_rows, n_cols = len(grid), len(grid[0])
    if n_cols < 2:
        return []
    values = [[cell_value(text) for text in row] for row in grid]
    lower = values[len(values) // 2:] if len(values) >= 4 else values[1:]
    kinds: list[str | None] = [None] + [column_kind([row[j] for row in lower]) for j in range(1, n_cols)]
    body = first_body_row(values, kinds)
    if body is None or not labelled(values[body:]):
        return []
    kinds = [None] + [column_kind([row[j] for row in values[body:]]) for j in range(1, n_cols)]
    if "tick" in kinds:  # a task no office performed: a column of dashes only, beside tick columns
        kinds = [k if k or not all_dashes([row[j] for row in values[body:]]) else "tick"
                 for j, k in enumerate(kinds)]
    caption, _ = caption_above(page, table.bbox)
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
    confidence = reading_confidence(table)
    notes = [] if confidence >= 0.9 else [f"table structure uncertain (quality {table.confidence:.2f})"]
    cells = {(c.row, k): c for c in table.cells for k, col in enumerate(columns) if c.col == col}
    groups = column_groups(kinds)
    wrapped = wrapped_labels(values, kinds, body)
    out: list[Observation] = []
    for cols in groups:
        percent_context = bool(PERCENT_WORD.search(caption + " " + " ".join(header[j] for j in cols)))
        # the columns' own header words name what they hold too ("Plan pune"), whatever the caption says
        over = " ".join(dict.fromkeys(grid[r][j] for r in range(body) for j in cols if (r, j) in spanned))
        group_caption = f"{caption} — {' '.join([over] * bool(over) + [header[j] for j in cols])}".strip(" —")
        group_cells = [cells.get((r, j)) for r in range(body, n_rows) for j in cols]
        region = region_of([c for c in group_cells if c] + [cells[(r, 0)] for r in range(body, n_rows)
                                                             if (r, 0) in cells])
        for r in range(body, n_rows):
            label = grid[r][0].strip()
            if not label or r in wrapped:
                continue
            label = " ".join([label] + [grid[k][0].strip() for k in wrapped_under(r, wrapped)])
            for j in cols:
                found = observation_of(values[r][j], kinds[j], percent_context)
                if found is None:
                    continue
                value, unit, raw_conf, note = found
                cell = cells.get((r, j)) or row_slot(table, r, columns[j])
                out.append(Observation(
                    page.number, table.method, group_caption, label, header[j], grid[r][j] or "(blank cell)",
                    value, unit, (cell.x0, cell.top, cell.x1, cell.bottom), min(confidence, raw_conf),
                    notes + ([note] if note else []), region))
    return out


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


def observation_of(v: CellValue, kind: str, percent_context: bool) -> tuple[float, str, float, str] | None:
    """(value, unit, confidence cap, note) of one cell of a column of `kind`, or None."""
    if kind == "tick":
        if v.kind == "tick":
            return v.value, "bool", 1.0, ""
        if v.kind == "dash":
            return 0.0, "bool", 1.0, ""
        if v.kind == "blank":
            return 0.0, "bool", BLANK_TICK_CONFIDENCE, "blank tick cell read as 0"
        return None
    if v.kind not in ("count", "percent"):
        return None  # a dash in a number column means "no data"
    if v.kind == "percent" or (percent_context and 0 <= v.value <= 100):
        return v.value, "percent", 1.0, ""
    return v.value, "count", 1.0, ""


def region_of(cells: list[Cell]) -> tuple[float, float, float, float]:
    return (min(c.x0 for c in cells), min(c.top for c in cells), max(c.x1 for c in cells),
            max(c.bottom for c in cells))


def row_slot(table: Table, r: int, j: int) -> Cell:
    """The box of an empty slot (no cell holds text there): its row's and column's extents."""
    row = [c for c in table.cells if c.row <= r < c.row + c.rowspan]
    col = [c for c in table.cells if c.col <= j < c.col + c.colspan and c.colspan == 1]
    x0 = min((c.x0 for c in col), default=table.bbox[0])
    x1 = max((c.x1 for c in col), default=table.bbox[2])
    top = min((c.top for c in row), default=table.bbox[1])
    bottom = max((c.bottom for c in row), default=table.bbox[3])
    return Cell("", x0, top, x1, bottom, r, j)
