"""General tables as observations: the table reader's cells, labelled by their row and header.

`grids.py` reads the fact sheets' own grids (ticks, Likert levels, number columns) from isolated
values; `tables.py` reads any ruled or whitespace table (report annexes, other producers' layouts).
Here a table found by the latter, where the grid reader read nothing, becomes observations: the
first column is the row label, the header rows above the first value row the column label, and
the caption the text above the table. The table's quality score scales the confidence, so a
doubtful structure never yields a sure value. `mapping.py` then decides, as for every reader.
"""
from __future__ import annotations

from pipeline.captions import caption_above
from pipeline.grids import as_token
from pipeline.observations import Observation
from pipeline.pagemodel import Page, Word
from pipeline.tables import Table, find_tables


def overlaps(box: tuple[float, float, float, float], region: tuple[float, float, float, float]) -> bool:
    return box[0] < region[2] and region[0] < box[2] and box[1] < region[3] and region[1] < box[3]


def value_of(text: str) -> tuple[float, str] | None:
    """A cell's value and unit, read like a grid cell: a tick or yes/no word, a count or a percentage."""
    word = Word(text.strip(), 0, 0, 0, 0)
    token = as_token(word)
    if token is None:
        return None
    return token.value, {"tick": "bool", "percent": "percent"}.get(token.kind, "count")


def table_observations(page: Page, table: Table) -> list[Observation]:
    """One observation per value cell that has a row label."""
    grid = table.grid(repeat_merged=True)
    values = [[value_of(text) for text in row] for row in grid]
    first_value_row = next((r for r, row in enumerate(values) if any(v for v in row[1:])), None)
    if first_value_row is None or table.n_cols < 2:
        return []
    caption, _ = caption_above(page, table.bbox)
    confidence = round(0.95 * min(1.0, table.confidence), 3)
    out = []
    for cell in table.cells:
        found = values[cell.row][cell.col]
        label = grid[cell.row][0].strip()
        if found is None or cell.col == 0 or cell.row < first_value_row or not label:
            continue
        header = " ".join(dict.fromkeys(grid[r][cell.col] for r in range(first_value_row) if grid[r][cell.col]))
        value, unit = found
        notes = [] if confidence >= 0.9 else [f"table structure uncertain (quality {table.confidence:.2f})"]
        out.append(Observation(page.number, table.method, caption, label, header, cell.text, value, unit,
                               (cell.x0, cell.top, cell.x1, cell.bottom), confidence, notes, table.bbox))
    return out


def read_tables(page: Page, read_regions: list[tuple[float, float, float, float]]) -> list[Observation]:
    """Observations of the page's tables that no other reader has read (their regions are given)."""
    out: list[Observation] = []
    for table in find_tables(page):
        if any(overlaps(table.bbox, region) for region in read_regions):
            continue
        out += table_observations(page, table)
    return out
