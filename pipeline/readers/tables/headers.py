"""A table's header read apart from its body, joined back onto it.

Office suites and browsers often shade or rule only the header band of a table (a filled row, a rule
under it) and leave the body unruled: the ruled reader then finds a table of header cells only, and
the whitespace reader a body with no header, and neither means anything alone (a tick matrix with
no task names). A table whose cells hold no values (text, years, agreement levels), standing right
above a table with values whose columns lie under its cells, is that table's header: its cells are
moved onto the body's columns by their horizontal extent, whatever drew them.
"""
from __future__ import annotations

from pipeline.model.pagemodel import Word
from pipeline.readers.tables.interpret import are_levels, cell_value
from pipeline.readers.tables.model import Cell, Table, TableSettings, cell_text

# The header band ends within this many body rows of the first body row. Measured on the office
# corpus: 0.05 (a shaded header band touching the body) to 0.35 rows (a ruled band and a line gap).
MAX_GAP_ROWS = 1.5
# Share of the body's columns that must lie under a header cell: a caption box or a note above a
# table covers one or two columns, a header covers (nearly) all of them.
MIN_COLUMNS_HEADED = 0.6
COLUMN_GAP_EM = TableSettings().column_gap_em  # wider than a word space: the gap between two cells


def header_only(t: Table) -> bool:
    """Cells of text, years or agreement levels only ("1 2 3 4 5"): nothing a body would hold."""
    for row in t.grid():
        values = [cell_value(text) for text in row if text.strip()]
        numbers = [v.value for v in values if v.kind in ("count", "percent")]
        if any(v.kind in ("tick", "dash", "percent") for v in values):
            return False
        if numbers and not are_levels(numbers):
            return False
    return bool(t.cells)


def column_spans(t: Table) -> dict[int, tuple[float, float]]:
    """Each column's horizontal extent, from its one-column cells."""
    spans: dict[int, tuple[float, float]] = {}
    for c in t.cells:
        if c.colspan == 1:
            a, b = spans.get(c.col, (c.x0, c.x1))
            spans[c.col] = (min(a, c.x0), max(b, c.x1))
    return spans


def pieces(c: Cell, words: list[Word]) -> list[Cell]:
    """A header cell cut at whitespace running through it from top to bottom, wider than a column
    gap: the header read alone can join the headings of two columns ("2022   2021") into one cell."""
    ws = sorted((w for w in words if w.upright and c.x0 - 1 <= w.cx <= c.x1 + 1 and c.top - 1 <= w.cy <= c.bottom + 1),
                key=lambda w: w.x0)
    groups: list[list[Word]] = []
    for w in ws:
        if groups and w.x0 - max(x.x1 for x in groups[-1]) <= COLUMN_GAP_EM * max(w.size, 1.0):
            groups[-1].append(w)
        else:
            groups.append([w])
    if len(groups) < 2:
        return [c]
    return [Cell(cell_text(g), min(w.x0 for w in g), min(w.top for w in g), max(w.x1 for w in g),
                 max(w.bottom for w in g), c.row, c.col) for g in groups]


def headed_cells(header: Table, body: Table, words: list[Word]) -> list[Cell] | None:
    """The header's cells placed on the body's columns (rows renumbered from 0), or None when the
    header does not stand over the body's columns. A cell goes over the body columns whose centre
    it covers (the header's own columns, read from its staggered lines alone, can be wrong); one
    that covers none, over the body columns under its own column's whole extent (a header set
    flush left stands over values set centred in the same column)."""
    spans, own = column_spans(body), column_spans(header)
    under = {k: [j for j, (a, b) in spans.items() if a < x1 and x0 < b] for k, (x0, x1) in own.items()}
    placed: dict[int, list[tuple[list[int], Cell]]] = {}
    for c in (p for cell in header.cells for p in pieces(cell, words)):
        cols = [j for j, (a, b) in spans.items() if c.x0 <= (a + b) / 2 <= c.x1] or \
            sorted({j for k in range(c.col, c.col + c.colspan) for j in under.get(k, [])})
        if cols:
            placed.setdefault(c.row, []).append((cols, c))
    headed = {j for row in placed.values() for cols, _ in row for j in cols}
    if len(headed) < MIN_COLUMNS_HEADED * body.n_cols:
        return None
    out: list[Cell] = []
    for r, row in enumerate(placed[k] for k in sorted(placed)):
        merged: list[tuple[list[int], list[Cell]]] = []
        for cols, c in sorted(row, key=lambda cc: cc[1].x0):
            if merged and cols[0] <= merged[-1][0][-1]:  # two header cells over one column: one cell
                merged[-1] = (sorted(set(merged[-1][0]) | set(cols)), merged[-1][1] + [c])
            else:
                merged.append((cols, [c]))
        for cols, cells in merged:
            out.append(Cell(" ".join(c.text for c in cells), min(c.x0 for c in cells), min(c.top for c in cells),
                            max(c.x1 for c in cells), max(c.bottom for c in cells), r, cols[0],
                            1, cols[-1] - cols[0] + 1))
    return out


def joined(header: Table, body: Table, words: list[Word]) -> Table | None:
    """`body` with `header`'s cells as its first rows, when `header` is its header."""
    pitch = (body.bbox[3] - body.bbox[1]) / max(1, body.n_rows)
    gap = body.bbox[1] - header.bbox[3]
    overlap = min(header.bbox[2], body.bbox[2]) - max(header.bbox[0], body.bbox[0])
    narrower = min(header.bbox[2] - header.bbox[0], body.bbox[2] - body.bbox[0])
    if not (-0.5 * pitch <= gap <= MAX_GAP_ROWS * pitch and overlap >= 0.5 * narrower) or header_only(body):
        return None
    cells = headed_cells(header, body, words)
    if cells is None:
        return None
    n = max(c.row for c in cells) + 1
    moved = [Cell(c.text, c.x0, c.top, c.x1, c.bottom, c.row + n, c.col, c.rowspan, c.colspan) for c in body.cells]
    bbox = (min(header.bbox[0], body.bbox[0]), header.bbox[1], max(header.bbox[2], body.bbox[2]), body.bbox[3])
    return Table(body.page, bbox, cells + moved, body.method, body.confidence, body.n_rows + n, body.n_cols,
                 body.checks)


def join_headers(tables: list[Table], words: list[Word]) -> list[Table]:
    """Tables top to bottom, each header-only table joined onto the table right below it (`words`:
    the page's words, to cut header cells that span two body columns)."""
    out: list[Table] = []
    for t in tables:
        prev = out[-1] if out else None
        both = joined(prev, t, words) if prev is not None and header_only(prev) else None
        if both is not None:
            out[-1] = both
        else:
            out.append(t)
    return out
