"""A table found from values aligned in columns: tick matrices, tick lists, number columns, Likert tables.

Fact sheets print many indicators as a grid of isolated values keyed by a row label (a municipality,
a statement) and a column header (a core task, a period, an agreement level), often with no rules
and too little text for a whitespace reading. The grid is found from its values: tick glyphs and
numbers that stand apart from neighbouring words (cells, not prose) and line up in columns over
several rows. It becomes the same `Table` of `Cell`s as the other finders build, which
`interpret.py` reads like any other:
  - one row per row of values, a blank cell where a column has no value in it;
  - the label column: the text left of the values in the row's band (a label may wrap over lines);
  - one header row: the text stacked above the first row inside each column's band (or its ruled
    header cell), and above the labels;
  - lists printed side by side (label text between value columns) are the table's `parts`.
Nothing here says what a value means: the kinds only tell columns and lists apart.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from pipeline.readers.captions import style
from pipeline.model.pagemodel import Page, Word, lines_of, text_of
from pipeline.model.geometry import BBox, bbox_of, union
from pipeline.readers.tables.interpret import cell_value
from pipeline.readers.tables.model import ALIGNED as METHOD, Cell, Table


@dataclass(frozen=True)
class AlignedSettings:
    """Layout assumptions of the aligned-values finder, in PDF points unless said otherwise; `*_em` values are
    multiples of the font size (`Word.em`)."""

    cell_space_em: float = 1.2  # a value is a cell when its neighbours on the line are further than this:
    #   several word spaces (a space is about 0.25-0.3 em in common fonts), so a number inside prose is none
    column_align: tuple[float, float] = (4.0, 0.8)  # values of one column: centres within max(4 pt, 0.8 em)
    column_text_reach: float = 2.0  # text over a column (within this many points of it) that crosses it ends the column;
    # the row labels of a tight list stand beside it, within 30 points, and must not end it
    grid_overlap: float = 0.5  # columns of one grid share at least half of the shorter one's height
    row_align: tuple[float, float] = (3.0, 0.5)  # values of one row: centres within max(3 pt, 0.5 em)
    phrase_gap_em: float = 3.0  # a row label ends left at a gap this wide: text beyond is another column
    min_aligned: int = 3  # labels needed before their common left edge is trusted
    label_indent: float = 8.0  # a label word starting this far left of the labels' edge is neighbouring text
    header_rule_reach: float = 100.0  # a header cell's rules lie this close above the first row
    header_rule_gap: float = 8.0  # ... the lower one within this of the first row
    header_rule_height: float = 5.0  # ... and the two at least this far apart (a cell, not a double rule)
    header_reach: float = 160.0  # an unruled header is stacked this close above the first row
    header_line_gap: tuple[float, float] = (1.2, 2.0)  # lines of one header: at most 1.2 line heights + 2 pt apart
    header_first_gap: tuple[float, float] = (4.0, 12.0)  # the header's lowest line: within 4 line heights +
    #   12 pt of the first row (a tall ruled body row leaves a gap)
    max_header_lines: int = 14  # a header wraps onto at most this many lines (rotated or narrow headers)
    min_band: float = 12.0  # a column band is reckoned from a value at least this wide
    band_reach: float = 1.5  # the outer columns' bands reach this many value widths past their centre
    border_reach: float = 4.0  # ... and a ruled border is sought this many value widths away
    border_margin: float = 2.0  # a border stands at least this far from the column's centre
    default_pitch: float = 12.0  # row pitch of a one-row grid: a line of 10 pt type
    frame_margin: float = 20.0  # shapes reaching this far beyond the grid are page bands and frames
    rule_thickness: float = 2.0  # a shape at most this thick is a rule
    rule_cover: float = 0.6  # share of the span rules at one position must cover to be a ruling
    band_margin: float = 2.0  # a row's rules stand at least this far from its values' centre
    max_ruled_band: tuple[float, float] = (3.0, 20.0)  # a ruled row band is at most 3 unruled bands + 20 pt
    text_row: float = 4.0  # words between two value columns are counted by rows of this height
    size_slack: float = 0.5  # text this much larger than the table's body is a caption, not a header
    header_margin: float = 0.5  # the header area ends this far above the first row's top ...
    header_overlap: float = 0.5  # ... and a header word's bottom may reach this far below that edge


ALIGNED = AlignedSettings()
TOKEN_KINDS = ("tick", "count", "percent", "dash")


@dataclass
class Token:
    word: Word
    kind: str  # tick | count | percent | dash (a "no" or "no data" in a column of any kind)
    value: float


def as_token(word: Word) -> Token | None:
    """A cell value as `interpret` reads cells: a tick glyph, a yes/no word (Po/Jo, Da/Ne, Yes/No), a
    count, a percentage (never a year), or a dash (which ends no column: a matrix prints its "no"
    cells as dashes between the ticks)."""
    v = cell_value(word.text)
    return Token(word, v.kind, v.value or 0.0) if v.kind in TOKEN_KINDS else None


def cell_tokens(page: Page, exclude: set[int]) -> list[Token]:
    """Values standing alone in a cell: the next word on the line is further than word spacing (a
    number or a yes/no word in prose is no cell), or tick glyphs, which prose never holds."""
    out = []
    for line in lines_of([w for w in page.words if w.upright]):
        for i, w in enumerate(line):
            if id(w) in exclude:
                continue
            tok = as_token(w)
            if tok is None:
                continue
            if tok.kind == "tick" and not any(c.isalpha() for c in w.text):
                out.append(tok)  # a tick glyph is a cell value wherever it stands, however tight the layout
                continue
            space = ALIGNED.cell_space_em * w.em
            left_ok = i == 0 or w.x0 - line[i - 1].x1 > space
            right_ok = i == len(line) - 1 or line[i + 1].x0 - w.x1 > space
            if left_ok and right_ok:
                out.append(tok)
    return out


def tokens_to_columns(page: Page, tokens: list[Token]) -> list[list[Token]]:
    """Tokens whose centres line up vertically form a column; a change of kind (numbers above,
    ticks below) or text crossing the column (the next table's caption or header) ends it, so two
    tables stacked in one page column stay apart. A gap alone never does: blank tick cells leave
    gaps of any height in a sparse column."""
    aligned: list[list[Token]] = []
    for t in sorted(tokens, key=lambda t: t.word.cx):
        if aligned and abs(statistics.fmean(x.word.cx for x in aligned[-1]) - t.word.cx) <= max(ALIGNED.column_align[0],
                                                                                   t.word.size * ALIGNED.column_align[1]):
            aligned[-1].append(t)
        else:
            aligned.append([t])
    cols: list[list[Token]] = []
    page_texts = [w for w in page.words if w.upright and as_token(w) is None]
    for col in aligned:
        col.sort(key=lambda t: t.word.top)
        run = [col[0]]
        # text over the column itself: the row labels of a tight list stand beside it, not across it
        reach = ALIGNED.column_text_reach
        x0, x1 = min(t.word.x0 for t in col) - reach, max(t.word.x1 for t in col) + reach
        texts = [w for w in page_texts if w.x0 < x1 and w.x1 > x0]
        for prev, t in zip(col, col[1:]):
            kinds = {x.kind for x in run} - {"dash"}
            # ticks under numbers, or a level header "4" over percentages
            kind_changed = t.kind != "dash" and bool(kinds) and t.kind not in kinds
            crossed = any(prev.word.bottom <= w.cy <= t.word.top for w in texts)  # a caption or header between
            if kind_changed or crossed:
                cols.append(run)
                run = []
            run.append(t)
        cols.append(run)
    return [c for c in cols if len(c) >= 2]


def columns_to_grids(cols: list[list[Token]]) -> list[list[list[Token]]]:
    """Columns whose rows overlap and whose row pitch agrees belong to one grid."""
    def span(c):
        return min(t.word.top for t in c), max(t.word.bottom for t in c)

    grids: list[list[list[Token]]] = []
    for c in sorted(cols, key=lambda c: span(c)[0]):
        for g in grids:
            g_top = min(span(x)[0] for x in g)
            g_bot = max(span(x)[1] for x in g)
            top, bot = span(c)
            overlap = min(g_bot, bot) - max(g_top, top)
            if overlap > ALIGNED.grid_overlap * min(bot - top, g_bot - g_top):
                g.append(c)
                break
        else:
            grids.append([c])
    return grids


def grid_rows(cols: list[list[Token]]) -> list[list[Token]]:
    """Tokens of a grid grouped into rows by their vertical centres."""
    toks = sorted((t for c in cols for t in c), key=lambda t: t.word.cy)
    rows: list[list[Token]] = []
    for t in toks:
        if rows and abs(statistics.fmean(x.word.cy for x in rows[-1]) - t.word.cy) <= max(ALIGNED.row_align[0],
                                                                                ALIGNED.row_align[1] * t.word.size):
            rows[-1].append(t)
        else:
            rows.append([t])
    return [sorted(r, key=lambda t: t.word.cx) for r in rows]


def split_side_by_side(page: Page, cols: list[list[Token]]) -> list[list[list[Token]]]:
    """Split a grid where label text sits between two value columns (two lists side by side)."""
    cols = sorted(cols, key=lambda c: statistics.fmean(t.word.cx for t in c))
    parts = [[cols[0]]]
    for prev, col in zip(cols, cols[1:]):
        right_of_prev = max(t.word.x1 for t in prev)
        left_of_col = min(t.word.x0 for t in col)
        top = min(t.word.top for t in col)
        bottom = max(t.word.bottom for t in col)
        between = [w for w in page.words if w.x0 > right_of_prev + 2 and w.x1 < left_of_col - 2
                   and top - 2 <= w.cy <= bottom + 2 and as_token(w) is None]
        rows_with_text = {round(w.cy / ALIGNED.text_row) for w in between}
        if len(rows_with_text) >= max(2, len(col) // 2):
            parts.append([])
        parts[-1].append(col)
    return parts


def row_label(page: Page, band: tuple[float, float], x_right: float, x_left: float,
              exclude: set[int]) -> tuple[str, list[Word]]:
    """Label text in a row band left of the first value column (lines of a wrapped label joined)."""
    top, bottom = band
    words = [w for w in page.words if w.upright and w.x1 <= x_right and w.x0 >= x_left and id(w) not in exclude
             and top <= w.cy <= bottom and as_token(w) is None]
    lines = [nearest_phrase(line) for line in lines_of(words)]
    text = text_of(w for line in lines for w in line)
    return text, [w for line in lines for w in line]


def aligned_labels(labels: list[tuple[str, list[Word]]]) -> list[tuple[str, list[Word]]]:
    """Row labels are left-aligned in their column and set in one size: words starting well left of
    that edge, or in another size, belong to neighbouring text (a callout box beside the table, a
    heading below it), not to the label."""
    starts = [min(w.x0 for w in words) for _, words in labels if words]
    if len(starts) < ALIGNED.min_aligned:
        return labels
    edge = statistics.median(starts)
    size = statistics.median(w.size for _, words in labels for w in words)
    out = []
    for _, words in labels:
        kept = [w for w in words if w.x0 >= edge - ALIGNED.label_indent and abs(w.size - size) <= 1]  # not a heading below
        out.append((text_of(w for line in lines_of(kept) for w in line), kept))
    return out


def nearest_phrase(line: list[Word]) -> list[Word]:
    """The run of words closest to the values: text further left after a wide gap is another column."""
    keep = [line[-1]]
    for w in reversed(line[:-1]):
        if keep[0].x0 - w.x1 > ALIGNED.phrase_gap_em * w.em:
            break
        keep.insert(0, w)
    return keep


def header_above(page: Page, band: tuple[float, float], first_row_top: float, table: tuple[float, float],
                 body_size: float) -> tuple[str, float]:
    """A column's header text and its top: the ruled cell above the first row, or else the lines
    stacked above it in one style, read upward until a clear gap."""
    x0, x1 = band
    rules = sorted(y for y in horizontal_rulings(page, x0 + 1, x1 - 1, within=table)
                   if first_row_top - ALIGNED.header_rule_reach < y <= first_row_top + 1)
    if len(rules) >= 2 and first_row_top - rules[-1] <= ALIGNED.header_rule_gap \
            and rules[-1] - rules[-2] >= ALIGNED.header_rule_height:
        # a ruled header cell right above the first row: the words between its two rules
        top, bottom = rules[-2], rules[-1]
        cell = [w for w in page.words if w.upright and x0 <= w.cx <= x1 and top - 1 <= w.cy <= bottom + 1]
        if any(w.size > body_size + ALIGNED.size_slack for w in cell):
            return "", bottom  # a caption between two tables, not a header cell: this table has none
        return text_of(w for line in lines_of(cell) for w in line), top
    words = [w for w in page.words if w.upright and x0 <= w.cx <= x1 and w.bottom <= first_row_top + ALIGNED.header_overlap
             and first_row_top - w.bottom < ALIGNED.header_reach]
    lines = sorted(lines_of(words), key=lambda line: -line[0].bottom)
    keep: list[list[Word]] = []
    edge = first_row_top
    for line in lines:
        h = max(w.bottom - w.top for w in line)
        (a, b), (c, d) = ALIGNED.header_line_gap, ALIGNED.header_first_gap
        if edge - max(w.bottom for w in line) > (a * h + b if keep else c * h + d):
            break
        if (keep and style(line) != style(keep[0])) or style(line)[1] > body_size + ALIGNED.size_slack:
            break  # the caption above the table is set in another, larger style than its cells
        if runs_across(page, line, band):
            break  # a heading over the whole list ("... plan pune" over "name ✓ name ✓"), not this column's
        keep.append(line)
        edge = min(w.top for w in line)
        if len(keep) >= ALIGNED.max_header_lines:
            break
    keep.reverse()
    return text_of(w for line in keep for w in line), edge


def runs_across(page: Page, line: list[Word], band: tuple[float, float]) -> bool:
    """Whether a line of text continues past the column band at word spacing on either side."""
    first, last = min(line, key=lambda w: w.x0), max(line, key=lambda w: w.x1)
    space = 0.8 * max(first.size, 4)
    return any(abs(w.top - first.top) < 1 and w.upright and (
        band[0] > w.cx and 0 <= first.x0 - w.x1 < space or band[1] < w.cx and 0 <= w.x0 - last.x1 < space)
        for w in page.words)


def grid_groups(page: Page, exclude: set[int]) -> list[list[list[Token]]]:
    """The page's candidate grids: groups of aligned value columns; words in `exclude` (ids) belong to charts."""
    grids = columns_to_grids(tokens_to_columns(page, cell_tokens(page, exclude)))
    return [g for g in grids if any(t.kind != "dash" for c in g for t in c)]  # dashes alone are rules or prose


def find_aligned(page: Page, exclude: set[int]) -> list[Table]:
    """Every table of aligned values on the page, words in `exclude` (ids) left out."""
    return [t for group in grid_groups(page, exclude) if (t := group_table(page, group, exclude))]


def group_table(page: Page, group: list[list[Token]], exclude: set[int]) -> Table | None:
    """One group of columns as one table; lists set side by side in it are its `parts`."""
    cells: list[Cell] = []
    parts: list[list[int]] = []
    boxes: list[BBox] = []
    x_left = 0.0
    for cols in split_side_by_side(page, group):
        found = part_cells(page, cols, x_left, exclude)
        x_left = max(t.word.x1 for c in cols for t in c)
        if found is None:
            continue
        part, box = found
        offset = parts[-1][-1] + 1 if parts else 0
        cells += [Cell(c.text, c.x0, c.top, c.x1, c.bottom, c.row, c.col + offset) for c in part]
        parts.append(list(range(offset, offset + len(cols) + 1)))
        boxes.append(box)
    if not cells:
        return None
    n_rows = max(c.row for c in cells) + 1
    return Table(page.number, union(*boxes), cells, METHOD, 1.0, n_rows, parts[-1][-1] + 1,
                 parts=parts if len(parts) > 1 else None)


def column_bands(page: Page, cols: list[list[Token]], rows: list[list[Token]]) -> list[tuple[float, float]]:
    """Each column's x-band: between the ruled column borders when there are some, else halfway
    to the neighbouring columns."""
    centers = [statistics.fmean(t.word.cx for t in c) for c in cols]
    widths = [max(t.word.x1 - t.word.x0 for t in c) for c in cols]
    verticals = vertical_rulings(page, rows[0][0].word.top, rows[-1][0].word.bottom)
    bands = []
    for i, cx in enumerate(centers):
        width = max(widths[i], ALIGNED.min_band)
        lo = (centers[i - 1] + cx) / 2 if i else cx - width * ALIGNED.band_reach
        hi = (centers[i + 1] + cx) / 2 if i + 1 < len(centers) else cx + width * ALIGNED.band_reach
        prev_cx = centers[i - 1] if i else cx - ALIGNED.border_reach * width
        next_cx = centers[i + 1] if i + 1 < len(centers) else cx + ALIGNED.border_reach * width
        m = ALIGNED.border_margin
        left = [x for x in verticals if prev_cx < x < cx - m]  # the border nearest each side wins,
        right = [x for x in verticals if cx + m < x < next_cx]  # wherever it is between the centres
        bands.append((max(left) if left else lo, min(right) if right else hi))
    return bands


def row_bands(rows: list[list[Token]], rules: list[float]) -> list[tuple[float, float]]:
    """Each row's y-band: between the ruled row borders when there are some, else halfway to the
    neighbouring rows, so that a label wrapped over lines stays with its row."""
    mids = [statistics.fmean(t.word.cy for t in r) for r in rows]
    pitch = statistics.median([b - a for a, b in zip(mids, mids[1:])]) if len(mids) > 1 else ALIGNED.default_pitch
    bands = []
    for i, mid in enumerate(mids):
        top = (mids[i - 1] + mid) / 2 if i else mid - pitch / 2
        bottom = (mid + mids[i + 1]) / 2 if i + 1 < len(mids) else mid + pitch / 2
        bands.append(ruled_band(rules, mid, (top, bottom)))
    return bands


def part_cells(page: Page, cols: list[list[Token]], x_left: float,
               exclude: set[int]) -> tuple[list[Cell], BBox] | None:
    """One grid's cells (row 0 the header, column 0 the row labels, a blank cell where a column has no
    value) and its region: its labels, values and headers."""
    cols = sorted(cols, key=lambda c: statistics.fmean(t.word.cx for t in c))
    rows = grid_rows(cols)
    if len(rows) < 2:
        return None
    bands = column_bands(page, cols, rows)
    rules = horizontal_rulings(page, bands[0][0], bands[-1][1])
    ybands = row_bands(rows, rules)
    # a label ends before its row's first value, which a tight list sets closer than the band's edge
    label_right = max(bands[0][0], min(t.word.x0 for t in cols[0]) - 0.5)
    labels = aligned_labels([row_label(page, yb, label_right, x_left, exclude) for yb in ybands])
    label_words = [w for _, words in labels for w in words]
    table = (min([w.x0 for w in label_words] or [bands[0][0]]), bands[-1][1])
    first_top = min(ybands[0][0], min(t.word.top for t in rows[0]))
    body_size = statistics.median([w.size for w in label_words] or [t.word.size for r in rows for t in r])
    top = first_top - ALIGNED.header_margin
    label_band = (table[0], bands[0][0])
    found = [header_above(page, b, top, table, body_size) for b in [label_band, *bands]]  # "Komuna" first
    cells = [Cell(text, x0, min(h_top, first_top), x1, first_top, 0, j)
             for j, ((text, h_top), (x0, x1)) in enumerate(zip(found, [label_band, *bands]))]
    seen: list[Word] = list(label_words)
    for i, (row, (y0, y1), (label, words)) in enumerate(zip(rows, ybands, labels), start=1):
        box = bbox_of(words) if words else (label_band[0], y0, label_band[1], y1)
        cells.append(Cell(label, *box, i, 0))
        present = {c_i: t for t in row for c_i, (lo, hi) in enumerate(bands) if lo <= t.word.cx <= hi}
        for c_i, (lo, hi) in enumerate(bands, start=1):
            t = present.get(c_i - 1)
            if t is not None:
                seen.append(t.word)
            cells.append(Cell(t.word.text, *t.word.bbox, i, c_i) if t else Cell("", lo, y0, hi, y1, i, c_i))
    region = bbox_of(seen)
    return cells, union(region, (region[0], min(h_top for _, h_top in found), region[2], region[3]))


def rulings(page: Page, lo: float, hi: float, vertical: bool,
            within: tuple[float, float] | None = None) -> list[float]:
    """Positions of rules crossing the span [lo, hi]: long lines, or cell borders that repeat cell
    after cell (tables drawn cell by cell), together covering most of the span.

    Vertical rules (x positions) are sought over a span of y, horizontal ones (y) over a span of x;
    with `within`, shapes reaching well beyond that span (page bands, frames) are not the table's.
    """
    covered: dict[int, float] = {}
    for s in page.shapes:
        a, b = (s.top, s.bottom) if vertical else (s.x0, s.x1)
        if within and (a < within[0] - ALIGNED.frame_margin or b > within[1] + ALIGNED.frame_margin):
            continue
        overlap = min(b, hi) - max(a, lo)
        if overlap <= 0:
            continue
        thin = s.width <= ALIGNED.rule_thickness if vertical else s.height <= ALIGNED.rule_thickness
        edges = [s.cx if vertical else s.cy] if thin else (
            ([s.x0, s.x1] if vertical else [s.top, s.bottom]) if s.kind == "rect" else [])
        for pos in edges:
            covered[round(pos)] = covered.get(round(pos), 0.0) + overlap
    return sorted(float(p) for p, length in covered.items() if length >= ALIGNED.rule_cover * (hi - lo))


def horizontal_rulings(page: Page, x0: float, x1: float, within: tuple[float, float] | None = None) -> list[float]:
    return rulings(page, x0, x1, vertical=False, within=within)


def vertical_rulings(page: Page, top: float, bottom: float) -> list[float]:
    return rulings(page, top, bottom, vertical=True)


def ruled_band(rulings: list[float], mid: float, fallback: tuple[float, float]) -> tuple[float, float]:
    """The row band between the rules just above and below a row's values, when the table is ruled."""
    above = [y for y in rulings if y < mid - ALIGNED.band_margin]
    below = [y for y in rulings if y > mid + ALIGNED.band_margin]
    if not above or not below:
        return fallback
    top, bottom = max(above), min(below)
    if bottom - top > ALIGNED.max_ruled_band[0] * (fallback[1] - fallback[0]) + ALIGNED.max_ruled_band[1]:
        return fallback
    return top, bottom
