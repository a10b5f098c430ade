"""Tables laid out with whitespace: from word positions to rows and columns.

Words on one visual line are grouped into chunks (phrases) wherever the gap between them is wider
than a word space; a run of lines with several chunks each is a table candidate. Its columns are
the vertical bands of whitespace that (almost) no chunk crosses; its rows are the lines, with the
stacked lines of a header cell and the wrapped lines of a label joined. The same functions read the
inside of a ruled box whose columns are not ruled (`ruled.py` passes its rules as row bands).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from pipeline.pagemodel import Word
from pipeline.tablemodel import Cell, TableSettings, cell_text, is_number

LIST_MARK = re.compile(r"^(?:\(?\d+(?:\.\d+)*\.?\)?|\(?[a-zA-Z]\)|[A-Z]\.?|[ivxIVX]+\.|[•·▪■◦\-–—*o])$")
CONNECTORS = ("and", "or", "of", "the", "for", "in", "to", "with", "by", "from", "on", "at", "a", "per")


@dataclass
class Chunk:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Line:
    words: list[Word]
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max((w.size for w in self.words if w.size), default=self.bottom - self.top)

    @property
    def numeric(self) -> bool:
        return any(is_number(c.text) for c in self.chunks[1:])

    @property
    def tabular(self) -> bool:
        """Several chunks, and not a numbered heading or list item ("3.2  Measuring losses")."""
        return len(self.chunks) >= 3 or len(self.chunks) == 2 and not (
            LIST_MARK.match(self.chunks[0].text) and not is_number(self.chunks[1].text))


def text_lines(words: list[Word], s: TableSettings) -> list[Line]:
    """Visual lines: words whose vertical extents overlap by more than half, as chunks.

    Overlap instead of a shared baseline keeps superscripts and mixed font sizes on their line.
    Rotated words are left out: they are header text and never part of a line.
    """
    lines: list[list[Word]] = []
    for w in sorted((w for w in words if w.upright), key=lambda w: (w.top, w.x0)):
        h = w.bottom - w.top
        for line in reversed(lines[-4:]):
            top = min(x.top for x in line)
            bottom = max(x.bottom for x in line)
            if min(bottom, w.bottom) - max(top, w.top) > 0.5 * min(h, bottom - top):
                line.append(w)
                break
        else:
            lines.append([w])
    out = [Line(sorted(ws, key=lambda w: w.x0)) for ws in lines]
    for line in out:
        line.chunks = line_chunks(line.words, s.column_gap_em * line.size)
    out.sort(key=lambda l: l.top)
    return out


def line_chunks(words: list[Word], gap: float) -> list[Chunk]:
    """Words split wherever the horizontal gap exceeds `gap` (wider than any word space)."""
    chunks: list[Chunk] = []
    for w in words:
        if chunks and w.x0 - chunks[-1].x1 <= gap:
            chunks[-1].words.append(w)
        else:
            chunks.append(Chunk([w]))
    return chunks


def is_prose(lines: list[Line]) -> bool:
    """Text columns, not a table: long wordy chunks and hardly any numbers."""
    chunks = [c for l in lines for c in l.chunks]
    words = statistics.mean(len(c.words) for c in chunks)
    numbers = sum(is_number(c.text) for c in chunks) / len(chunks)
    return words > 4.5 and numbers < 0.2


def table_blocks(lines: list[Line], s: TableSettings) -> list[list[Line]]:
    """Runs of lines that look tabular: lines of several chunks, close together, in one font size,
    with at most two other lines in a row between them (section labels, wrapped labels)."""
    blocks: list[list[Line]] = []
    cur: list[Line] = []
    pending: list[Line] = []

    def close() -> None:
        nonlocal cur, pending
        for line in pending:  # the wrapped end of the last row's label, not a note under the table
            if line.words[0].text[:1].islower() and line.top - cur[-1].bottom < 0.6 * line.size:
                cur.append(line)
            else:
                break
        if sum(l.tabular for l in cur) >= s.min_rows:
            blocks.extend(split_at_gaps(cur))
        cur, pending = [], []

    for line in lines:
        last = (pending or cur)[-1] if cur else None
        if last is not None and (line.top - last.bottom > s.max_line_gap_em * max(line.size, last.size)
                                 or line.size > 1.3 * statistics.median(l.size for l in cur)):
            close()
        if line.tabular:
            cur.extend(pending)
            pending = []
            cur.append(line)
        elif cur and len(pending) < 2:
            pending.append(line)
        else:
            close()
    close()
    return blocks


def split_at_gaps(block: list[Line]) -> list[list[Line]]:
    """A block cut where a title sits in a wide gap: two tables stacked under their own captions.

    Cut before a non-tabular line preceded by a gap more than twice the block's usual line gap.
    """
    gaps = [b.top - a.bottom for a, b in zip(block, block[1:])]
    if len(gaps) < 3:
        return [block]
    usual = max(1.0, statistics.median(gaps))
    out = [[block[0]]]
    for gap, line in zip(gaps, block[1:]):
        if gap > 2 * usual + 2 and not line.tabular:
            out.append([])
        out[-1].append(line)
    return [b for b in out if sum(l.tabular for l in b) >= 2]


def coverage_gaps(spans: list[tuple[float, float]], allowance: int) -> list[tuple[float, float]]:
    """X-ranges crossed by at most `allowance` of the given spans (inside their overall extent)."""
    events = sorted([(a, 1) for a, _ in spans] + [(b, -1) for _, b in spans])
    gaps: list[tuple[float, float]] = []
    count, start = 0, None
    for x, d in events:
        before = count
        count += d
        if before > allowance >= count:
            start = x
        elif before <= allowance < count and start is not None:
            if x > start:
                gaps.append((start, x))
            start = None
    return gaps


def column_spans(lines: list[Line], min_gap: float) -> list[tuple[float, float]]:
    """Column extents of a block: separated by whitespace that no chunk of the body crosses.

    The body is every line of several chunks below the header (the header, where chunks span
    columns, is read into these columns later). A tenth of the lines may cross a gap (a spanning
    label). Chunks lying wholly inside such a tolerated gap are a sparsely filled column of their own.
    """
    body = [l for l in lines if l.tabular] or lines
    first_numeric = next((i for i, l in enumerate(body) if l.numeric), 0)
    if first_numeric < len(body) - 1:
        body = body[first_numeric:]
    spans = [(c.x0, c.x1) for l in body for c in l.chunks]
    allowance = max(1, len(body) // 8) if len(body) >= 4 else 0
    gaps = [g for g in coverage_gaps(spans, allowance) if g[1] - g[0] >= min_gap]
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    edges = [lo] + [x for g in gaps for x in g] + [hi]
    cols = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    for g0, g1 in gaps:
        inside = [(c.x0, c.x1) for l in lines for c in l.chunks if c.x0 > g0 and c.x1 < g1]
        if inside:
            for a, b in merge_spans(inside):
                cols.append((a, b))
    return merge_spans(cols)


def merge_spans(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping x-ranges joined."""
    out: list[list[float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def chunk_columns(chunk: Chunk, cols: list[tuple[float, float]]) -> list[int]:
    """Columns a chunk covers: those its extent overlaps; the nearest one when it sits in a gap."""
    hit = [i for i, (a, b) in enumerate(cols) if chunk.x0 < b and chunk.x1 > a]
    if hit:
        return hit
    cx = (chunk.x0 + chunk.x1) / 2
    return [min(range(len(cols)), key=lambda i: min(abs(cx - cols[i][0]), abs(cx - cols[i][1])))]


def split_at_columns(chunk: Chunk, cols: list[tuple[float, float]]) -> list[Chunk]:
    """A chunk crossing column gaps is cut at word gaps that fall into a column gap (cells set too
    close for the chunk threshold); a chunk with no such word gap is a real spanning cell."""
    parts = [Chunk([chunk.words[0]])]
    for prev, w in zip(chunk.words, chunk.words[1:]):
        if any(prev.x1 <= b and w.x0 >= a2 and prev.x1 < a2 and w.x0 > b for (_, b), (a2, _) in zip(cols, cols[1:])):
            parts.append(Chunk([w]))
        else:
            parts[-1].words.append(w)
    return parts


def placed(line: Line, cols: list[tuple[float, float]]) -> list[tuple[int, int, Chunk]]:
    """(first column, column count, chunk) for each chunk of a line."""
    out = []
    for chunk in line.chunks:
        for part in split_at_columns(chunk, cols):
            idx = chunk_columns(part, cols)
            out.append((idx[0], len(idx), part))
    return out


def continues(prev: list[tuple[int, int, Chunk]], cur: list[tuple[int, int, Chunk]]) -> bool:
    """Whether a body line continues the row above: a wrapped label or a wrapped text cell.

    Text only (no values), and either the first column is empty (text wrapping in a later
    column) or the label visibly runs on (lower-case start, or the line above ends in a connector).
    """
    if any(is_number(c.text) for _, _, c in cur):
        return False
    first = next((c for i, _, c in cur if i == 0), None)
    if first is None:
        return all(any(i == j for j, _, _ in prev) for i, _, _ in cur)
    above = next((c for i, _, c in prev if i == 0), None)
    if above is None or len(cur) > 1:
        return False
    t = first.text
    return t[:1].islower() or t[:1] in "(&" or above.text.rstrip().endswith(("-", ",", "/", "&") + tuple(
        " " + w for w in CONNECTORS))


def group_rows(lines: list[Line], cols: list[tuple[float, float]], bands: list[float] | None) -> list[list[int]]:
    """Lines (by index) making up each table row.

    With `bands` (rule positions of a ruled box) the lines between two rules are one row, unless
    they hold several lines of values (rules around groups of rows or the whole table, not around
    rows): those are read like an unruled table.
    """
    cells = [placed(l, cols) for l in lines]
    if not bands:
        return text_rows(list(range(len(lines))), lines, cells)
    groups: dict[int, list[int]] = {}
    for i, l in enumerate(lines):
        groups.setdefault(sum(1 for y in bands if y < (l.top + l.bottom) / 2), []).append(i)
    out: list[list[int]] = []
    for k in sorted(groups):
        g = groups[k]
        if sum(lines[i].numeric for i in g) >= 2:
            out.extend(text_rows(g, lines, cells))
        else:
            out.append(g)
    return out


def text_rows(indices: list[int], lines: list[Line], cells: list[list[tuple[int, int, Chunk]]]) -> list[list[int]]:
    """Rows of an unruled run of lines. The header (lines above the first line with values) joins its
    stacked lines into one row, except around lines with spanning cells; body lines are rows of
    their own unless they continue a label."""
    numeric = [k for k, i in enumerate(indices) if lines[i].numeric]
    head_end = numeric[0] if numeric and numeric[0] < len(indices) - 1 else min(1, len(indices) - 1)
    out: list[list[int]] = []
    for i in indices[:head_end]:
        spanning = any(n > 1 for _, n, _ in cells[i])
        joinable = (out and not spanning and not any(n > 1 for _, n, _ in cells[out[-1][-1]])
                    and lines[i].top - lines[out[-1][-1]].bottom < 0.6 * lines[i].size)
        if joinable:
            out[-1].append(i)
        else:
            out.append([i])
    return out + body_rows(indices[head_end:], lines, cells)


def body_rows(indices: list[int], lines: list[Line], cells: list[list[tuple[int, int, Chunk]]]) -> list[list[int]]:
    """Body lines as rows: each line its own row unless it continues the row above."""
    out: list[list[int]] = []
    for i in indices:
        if out and continues(cells[out[-1][-1]], cells[i]) and \
                lines[i].top - lines[out[-1][-1]].bottom < 0.8 * lines[i].size:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def text_cells(lines: list[Line], rows: list[list[int]], cols: list[tuple[float, float]]) -> list[Cell]:
    """Cells of rows of lines: each chunk goes to the first column it covers, spanning the others."""
    slots: dict[tuple[int, int], tuple[int, list[Word]]] = {}
    for r, members in enumerate(rows):
        for i in members:
            for c, n, chunk in placed(lines[i], cols):
                span, words = slots.get((r, c), (1, []))
                slots[(r, c)] = (max(span, n), words + chunk.words)
    cells = []
    for (r, c), (n, words) in sorted(slots.items()):
        cells.append(Cell(
            text=cell_text(words), x0=min(w.x0 for w in words), top=min(w.top for w in words),
            x1=max(w.x1 for w in words), bottom=max(w.bottom for w in words), row=r, col=c, colspan=n))
    return cells


def read_block(lines: list[Line], s: TableSettings, bands: list[float] | None = None,
               rule_xs: list[float] | None = None) -> list[Cell]:
    """Cells of a block of lines, optionally inside ruled bands and cut at vertical rules."""
    size = statistics.median(l.size for l in lines)
    cols = column_spans(lines, min_gap=max(1.5, 0.25 * size))
    if rule_xs:
        cols = split_spans(cols, rule_xs)
    return text_cells(lines, group_rows(lines, cols, bands), cols)


def split_spans(cols: list[tuple[float, float]], xs: list[float]) -> list[tuple[float, float]]:
    """Columns also cut at vertical rules (ruled boxes whose rules separate some columns)."""
    out = []
    for a, b in cols:
        cuts = [x for x in xs if a < x < b]
        edges = [a] + cuts + [b]
        out.extend((edges[i], edges[i + 1]) for i in range(len(edges) - 1))
    return out
