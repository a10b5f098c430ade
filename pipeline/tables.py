"""The project's table reader (draft)."""
from __future__ import annotations

from pipeline.pagemodel import Page
from pipeline.ruled import find_lattices, lattice_cells
from pipeline.tablemodel import Cell, Table, TableSettings


def find_tables(page: Page, settings: TableSettings | None = None) -> list[Table]:
    s = settings or TableSettings()
    out = []
    for lat in find_lattices(page, s):
        cells = lattice_cells(lat, [w for w in page.words], s)
        if not cells:
            continue
        nr = max(c.row + c.rowspan for c in cells)
        nc = max(c.col + c.colspan for c in cells)
        if nr < 2 or nc < 2:
            continue
        out.append(Table(page.number, lat.bbox, cells, "table:lattice", 1.0, nr, nc))
    return out
