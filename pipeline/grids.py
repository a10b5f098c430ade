"""Reading labelled grids: tick matrices, tick lists, number columns and Likert tables.

Fact sheets print many indicators as a grid of cells keyed by a row label (a municipality, a
statement) and a column header (a core task, a period, an agreement level). The grid is found
from its values: tick glyphs and numbers that stand apart from neighbouring words (cells, not
prose) and line up in columns over several rows. For each value:
  - the row label is the text left of it in the same row band (a label may wrap over lines),
  - the column header is the text stacked above the first row inside the column's band,
  - the caption is the text block above the whole grid.
Two lists printed side by side are two grids: label text between value columns starts a new one.
Blank cells of a tick matrix are read as 0 (the contract's convention) when the row has a label.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from pipeline.captions import caption_above, style, union
from pipeline.observations import TICK_NO, TICK_YES, Observation, parse_number
from pipeline.pagemodel import Page, Word, lines_of

TICKS = {"✓", "✔", "☑", "✅", "✗", "✘", "✕", "✖", "☒"}
TICK_WORDS = {"po", "jo", "da", "ne", "yes", "no", "да", "не"}


@dataclass
class Token:
    word: Word
    kind: str  # tick | count | percent
    value: float


@dataclass
class Grid:
    rows: list[list[Token]]  # each row's tokens, left to right
    columns: list[float]  # column centres
    bands: list[tuple[float, float]]  # column x-bands
    label_x0: float  # left edge of the row-label area


def as_token(word: Word) -> Token | None:
    """A cell value: a tick glyph, a yes/no word (Po/Jo, Da/Ne, Yes/No), a count or a percentage."""
    text = word.text.strip()
    if text in TICKS or text.lower() in TICK_WORDS:
        return Token(word, "tick", 1.0 if text.lower() in TICK_YES else 0.0)
    num = parse_number(text)
    if num is None:
        return None
    value, pct = num
    if not pct and value.is_integer() and 1990 <= value <= 2100:
        return None  # a year: a column header or a date, never a cell value
    return Token(word, "percent" if pct else "count", value)


def cell_tokens(page: Page, exclude: set[int]) -> list[Token]:
    """Values standing alone in a cell: the next word on the line is further than word spacing."""
    out = []
    for line in lines_of([w for w in page.words if w.upright]):
        for i, w in enumerate(line):
            if id(w) in exclude:
                continue
            tok = as_token(w)
            if tok is None:
                continue
            space = 1.2 * max(w.size, 4)
            left_ok = i == 0 or w.x0 - line[i - 1].x1 > space
            right_ok = i == len(line) - 1 or line[i + 1].x0 - w.x1 > space
            if left_ok and right_ok:
                out.append(tok)
    return out


def tokens_to_columns(page: Page, tokens: list[Token]) -> list[list[Token]]:
    """Tokens whose centres line up vertically form a column; a change of kind (numbers above,
    ticks below), text crossing the column (the next table's caption or header) or a very wide gap
    ends it, so two tables stacked in one page column stay apart. Blank tick cells leave ordinary
    gaps inside a column, so gaps alone must be generous."""
    aligned: list[list[Token]] = []
    for t in sorted(tokens, key=lambda t: t.word.cx):
        if aligned and abs(statistics.fmean(x.word.cx for x in aligned[-1]) - t.word.cx) <= max(4.0, t.word.size * 0.8):
            aligned[-1].append(t)
        else:
            aligned.append([t])
    cols: list[list[Token]] = []
    for col in aligned:
        col.sort(key=lambda t: t.word.top)
        run = [col[0]]
        x0, x1 = min(t.word.x0 for t in col) - 30, max(t.word.x1 for t in col) + 30
        texts = [w for w in page.words if w.upright and x0 <= w.cx <= x1 and as_token(w) is None]
        for prev, t in zip(col, col[1:]):
            kind_changed = (t.kind == "tick") != (prev.kind == "tick")
            crossed = any(prev.word.bottom <= w.cy <= t.word.top for w in texts)  # a caption or header between
            if kind_changed or crossed or t.word.top - prev.word.bottom > 120:
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
            if overlap > 0.5 * min(bot - top, g_bot - g_top):
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
        if rows and abs(statistics.fmean(x.word.cy for x in rows[-1]) - t.word.cy) <= max(3.0, 0.5 * t.word.size):
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
        rows_with_text = {round(w.cy / 4) for w in between}
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
    text = " ".join(" ".join(w.text for w in line) for line in lines)
    return text, [w for line in lines for w in line]


def nearest_phrase(line: list[Word]) -> list[Word]:
    """The run of words closest to the values: text further left after a wide gap is another column."""
    keep = [line[-1]]
    for w in reversed(line[:-1]):
        if keep[0].x0 - w.x1 > 3 * max(w.size, 4):
            break
        keep.insert(0, w)
    return keep


def header_above(page: Page, band: tuple[float, float], first_row_top: float,
                 max_lines: int = 14) -> tuple[str, float]:
    """A column's header text and its top: the ruled cell above the first row, or else the lines
    stacked above it in one style, read upward until a clear gap."""
    x0, x1 = band
    rules = sorted(y for y in horizontal_rulings(page, x0 + 1, x1 - 1) if first_row_top - 100 < y <= first_row_top + 1)
    if len(rules) >= 2 and first_row_top - rules[-1] <= 8 and rules[-1] - rules[-2] >= 5:
        # a ruled header cell right above the first row: the words between its two rules
        top, bottom = rules[-2], rules[-1]
        cell = [w for w in page.words if w.upright and x0 <= w.cx <= x1 and top - 1 <= w.cy <= bottom + 1]
        return " ".join(" ".join(w.text for w in line) for line in lines_of(cell)), top
    words = [w for w in page.words if w.upright and x0 <= w.cx <= x1 and w.bottom <= first_row_top + 0.5
             and first_row_top - w.bottom < 160]
    lines = sorted(lines_of(words), key=lambda line: -line[0].bottom)
    keep: list[list[Word]] = []
    edge = first_row_top
    for line in lines:
        h = max(w.bottom - w.top for w in line)
        if edge - max(w.bottom for w in line) > (1.2 * h + 2 if keep else 4 * h + 12):
            break
        if keep and style(line) != style(keep[0]):
            break  # the caption above the table is set in another style than its header cells
        keep.append(line)
        edge = min(w.top for w in line)
        if len(keep) >= max_lines:
            break
    keep.reverse()
    return " ".join(" ".join(w.text for w in line) for line in keep), edge


def read_grids(page: Page, exclude: set[int]) -> list[Observation]:
    """Observations of every labelled grid on the page; words in `exclude` (ids) belong to charts."""
    out: list[Observation] = []
    tokens = cell_tokens(page, exclude)
    for group in columns_to_grids(tokens_to_columns(page, tokens)):
        x_left = 0.0
        parts = split_side_by_side(page, group)
        shapes = {tuple(statistics.mode(t.kind for t in c) for c in cols) for cols in parts}
        read: list[list[Observation]] = []
        for cols in parts:
            read.append(read_grid(page, cols, x_left, exclude))
            x_left = max(t.word.x1 for c in cols for t in c)
        # one list wrapped into columns shares its caption; different tables side by side do not
        for observations in ([sum(read, [])] if len(shapes) == 1 else read):
            if observations:
                region = union(*[o.region for o in observations])
                caption, _ = caption_above(page, region)
                for o in observations:
                    o.caption, o.region = caption, region
            out += observations
    return out


def read_grid(page: Page, cols: list[list[Token]], x_left: float, exclude: set[int]) -> list[Observation]:
    """One grid: label each value by its row band and column band."""
    cols = sorted(cols, key=lambda c: statistics.fmean(t.word.cx for t in c))
    centers = [statistics.fmean(t.word.cx for t in c) for c in cols]
    kinds = [statistics.mode(t.kind for t in c) for c in cols]
    widths = [max(t.word.x1 - t.word.x0 for t in c) for c in cols]
    rows = grid_rows(cols)
    verticals = vertical_rulings(page, rows[0][0].word.top, rows[-1][0].word.bottom)
    bands = []
    for i, cx in enumerate(centers):
        lo = (centers[i - 1] + cx) / 2 if i else cx - max(widths[i], 12) * 1.5
        hi = (centers[i + 1] + cx) / 2 if i + 1 < len(centers) else cx + max(widths[i], 12) * 1.5
        left = [x for x in verticals if lo - 1 <= x < cx - 2]
        right = [x for x in verticals if cx + 2 < x <= hi + 1]
        bands.append((max(left) if left else lo, min(right) if right else hi))
    # a header row printed as numbers ("2", "3", "4" over percentages) is not data
    rows = [r for r in rows if not header_like(r, cols, kinds)]
    if len(rows) < 2:
        return []
    first_left = bands[0][0]
    mids = [statistics.fmean(t.word.cy for t in r) for r in rows]
    pitch = statistics.median([b - a for a, b in zip(mids, mids[1:])]) if len(mids) > 1 else 12.0
    first_top = min(t.word.top for t in rows[0])
    rulings = horizontal_rulings(page, bands[0][0], bands[-1][1])
    first_band_top = ruled_band(rulings, mids[0], (mids[0] - pitch / 2, mids[0] + pitch / 2))[0]
    found = [header_above(page, b, min(first_band_top, first_top) - 0.5) for b in bands]
    headers = [text for text, _ in found]
    header_top = min(top for _, top in found)
    observations = []
    seen_words: list[Word] = []
    for r_i, row in enumerate(rows):
        top = (mids[r_i - 1] + mids[r_i]) / 2 if r_i else mids[r_i] - pitch / 2
        bottom = (mids[r_i] + mids[r_i + 1]) / 2 if r_i + 1 < len(rows) else mids[r_i] + pitch / 2
        top, bottom = ruled_band(rulings, mids[r_i], (top, bottom))
        label, label_words = row_label(page, (top, bottom), first_left, x_left, exclude)
        seen_words += label_words
        present = {}
        for t in row:
            for c_i, (lo, hi) in enumerate(bands):
                if lo <= t.word.cx <= hi:
                    present[c_i] = t
        for c_i, kind in enumerate(kinds):
            t = present.get(c_i)
            if t is None and kind != "tick":
                continue
            if t is not None and t.kind != kind:
                continue
            method = "table:ticks" if kind == "tick" else ("table:likert" if kind == "percent" else "table:grid")
            conf, notes = (0.95 if label else 0.4), ([] if label else ["no row label"])
            if t is None:  # a blank tick cell
                x = centers[c_i]
                bbox = (x - 3, mids[r_i] - 3, x + 3, mids[r_i] + 3)
                observations.append(Observation(page.number, method, "", label, headers[c_i], "", 0.0, "bool",
                                                bbox, min(conf, 0.9), notes + ["blank cell read as 0"]))
                continue
            seen_words.append(t.word)
            unit = "bool" if kind == "tick" else kind
            observations.append(Observation(page.number, method, "", label, headers[c_i], t.word.text, t.value,
                                            unit, t.word.bbox, conf, notes))
    if not observations:
        return []
    region = union(*[w.bbox for w in seen_words])
    region = union(region, (region[0], header_top, region[2], region[3]))
    for o in observations:
        o.region = region
    return observations


def horizontal_rulings(page: Page, x0: float, x1: float) -> list[float]:
    """y of horizontal rules (lines, thin rects, cell edges) running across the value columns."""
    ys = set()
    for s in page.shapes:
        if s.x0 <= x0 + 2 and s.x1 >= x1 - 2:
            if s.height <= 2:
                ys.add(round(s.cy, 1))
            elif s.kind == "rect":
                ys.update((round(s.top, 1), round(s.bottom, 1)))
    return sorted(ys)


def vertical_rulings(page: Page, top: float, bottom: float) -> list[float]:
    """x of vertical rules running down through the rows (column separators of a ruled table)."""
    xs = set()
    for s in page.shapes:
        if s.top <= top + 2 and s.bottom >= bottom - 2:
            if s.width <= 2:
                xs.add(round(s.cx, 1))
            elif s.kind == "rect":
                xs.update((round(s.x0, 1), round(s.x1, 1)))
    return sorted(xs)


def ruled_band(rulings: list[float], mid: float, fallback: tuple[float, float]) -> tuple[float, float]:
    """The row band between the rules just above and below a row's values, when the table is ruled."""
    above = [y for y in rulings if y < mid - 2]
    below = [y for y in rulings if y > mid + 2]
    if not above or not below:
        return fallback
    top, bottom = max(above), min(below)
    if bottom - top > 3 * (fallback[1] - fallback[0]) + 20:
        return fallback
    return top, bottom


def header_like(row: list[Token], cols: list[list[Token]], kinds: list[str]) -> bool:
    """A row of plain small integers above percentage columns is the level header of a Likert table."""
    return len(row) >= 2 and all(t.kind == "count" for t in row) and kinds.count("percent") >= len(kinds) / 2
