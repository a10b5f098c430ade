"""Tables laid out with whitespace: from word positions to rows and columns.

Words on one visual line are grouped into chunks (phrases) wherever the gap between them is wider
than a word space; a run of lines with several chunks each is a table candidate. Its columns are
the vertical bands of whitespace that (almost) no chunk crosses; its rows are the lines, with the
stacked lines of a header cell and the wrapped lines of a label joined. The same functions read the
inside of a ruled box whose columns are not ruled (`lattice.py` passes its rules as row bands).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from pipeline.model.geometry import bbox_of
from pipeline.model.pagemodel import Word, text_of
from pipeline.lang.numbers import is_value_cell
from pipeline.readers.tables.bands import band_edges, band_of, band_of_words
from pipeline.readers.tables.model import Cell, TableSettings, cell_text

LIST_MARK = re.compile(r"^(?:\(?\d+(?:\.\d+)*\.?\)?|\(?[a-zA-Z]\)|[A-Z]\.?|[ivxIVX]+\.|[•·▪■◦\-–—*o])$")
CONNECTORS = ("and", "or", "of", "the", "for", "in", "to", "with", "by", "from", "on", "at", "a", "per")


@dataclass(frozen=True)
class StreamSettings:
    """Layout assumptions of the whitespace table reader, in PDF points unless said otherwise; `*_em`
    values are multiples of the line's font size. Tuned on the ICDAR-2013 set (`bench/icdar.py`)."""

    open_lines: int = 4  # a word may join one of the last this many lines (superscripts, mixed sizes)
    line_overlap: float = 0.5  # a word is on a line when their vertical extents overlap by more than half
    centred_overlap: float = 0.15  # a values-only line overlaps the label line it is centred on by this share
    align: float = 3.0  # chunks starting within this of one another start at one x (left-aligned text)
    wrap_gap_em: float = 0.6  # lines of one wrapped label or heading: at most this far apart (leading)
    join_gap_em: float = 0.8  # lines of one row or caption: at most this far apart
    indent_em: float = 0.5  # a wrapped label's next line starts within this of its first line's x
    size_jump: float = 1.3  # a line this many times the block's median size ends the block (a heading)
    prose_words: float = 4.5  # chunks of prose hold more words than this on average ...
    prose_numbers: float = 0.2  # ... and fewer than this share of values
    column_gap: tuple[float, float] = (1.5, 0.25)  # whitespace between columns: at least max(1.5 pt, 0.25 em)
    min_side_by_side: int = 4  # columns two tables set side by side have together at least
    kind_share: tuple[float, float] = (0.8, 0.2)  # a column of this share of values is numeric, of at most
    #   this share textual (a stub)
    shared_labels: float = 0.3  # side-by-side parts share at least this share of their stub labels
    crossing_lines: int = 8  # a column gap may be crossed by one body line in this many (spanning labels) ...
    min_crossing_body: int = 4  # ... in a body of at least this many lines
    gap_centre: float = 0.25  # a heading alone in a column gap is centred on it within this share of the gap
    same_centre: float = 0.5  # headings whose centres are this close are one heading
    min_gaps: int = 3  # line gaps a block needs before its usual gap is trusted
    # Text columns beside a table (`side_columns`): long phrases on consecutive lines at one x.
    column_phrase: tuple[int, float] = (4, 100.0)  # a phrase of at least 4 words and 100 pt
    column_line_gap_em: float = 1.2  # consecutive lines of one text column: at most this far apart
    column_min_lines: int = 3  # a text column runs over at least this many lines
    column_min_width: float = 120.0  # ... is at least this wide
    column_full: tuple[float, float] = (0.15, 0.6)  # ... and this share of its lines reach its last 15 %
    column_lower: float = 0.4  # ... and at least this share of them goes on in lower case (running text)
    column_beside: tuple[float, float] = (5.0, 100.0)  # text beside it: 5 pt clear of it, spread over 100 pt
    column_overhang: float = 6.0  # a column's words may overhang its right edge by this (ragged right)


STREAM = StreamSettings()


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
        return text_of(self.words)


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
        return any(is_value_cell(c.text) for c in self.chunks[1:])

    @property
    def tabular(self) -> bool:
        """Several chunks, and not a numbered heading or list item ("3.2  Measuring losses")."""
        return len(self.chunks) >= 3 or len(self.chunks) == 2 and not (
            LIST_MARK.match(self.chunks[0].text) and not is_value_cell(self.chunks[1].text))


def text_lines(words: list[Word], s: TableSettings) -> list[Line]:
    """Visual lines: words whose vertical extents overlap by more than half, as chunks.

    Overlap instead of a shared baseline keeps superscripts and mixed font sizes on their line.
    Rotated words are left out: they are header text and never part of a line.
    """
    lines: list[list[Word]] = []
    extents: list[tuple[float, float]] = []  # (top, bottom) of each line so far: lines grow long
    for w in sorted((w for w in words if w.upright), key=lambda w: (w.top, w.x0)):
        h = w.bottom - w.top
        for k in range(len(lines) - 1, max(len(lines) - 1 - STREAM.open_lines, -1), -1):  # the newest first
            top, bottom = extents[k]
            if min(bottom, w.bottom) - max(top, w.top) > STREAM.line_overlap * min(h, bottom - top):
                lines[k].append(w)
                extents[k] = (min(top, w.top), max(bottom, w.bottom))
                break
        else:
            lines.append([w])
            extents.append((w.top, w.bottom))
    out = [Line(sorted(ws, key=lambda w: w.x0)) for ws in lines]
    out.sort(key=lambda l: l.top)
    out = centred_values(out)
    for line in out:
        line.chunks = line_chunks(line.words, s.column_gap_em * line.size)
    return out


def centred_values(lines: list[Line]) -> list[Line]:
    """Lines holding only values set vertically centred beside a label wrapped over several lines
    (the value sits between two of the label's lines), joined to the label line they overlap most,
    so that the value has its label on its line as in any other row."""
    out: list[Line] = []
    for k, line in enumerate(lines):
        if out and all(is_value_cell(w.text) for w in line.words):
            near = [l for l in (out[-1], lines[k + 1] if k + 1 < len(lines) else None)
                    if l is not None and max(w.x1 for w in l.words) < line.words[0].x0
                    and min(l.bottom, line.bottom) - max(l.top, line.top)
                    > STREAM.centred_overlap * (line.bottom - line.top)]
            if near:
                best = max(near, key=lambda l: min(l.bottom, line.bottom) - max(l.top, line.top))
                if best is out[-1] or not all(is_value_cell(w.text) for w in best.words):
                    best.words = sorted(best.words + line.words, key=lambda w: w.x0)
                    continue
        out.append(line)
    return out


def side_columns(lines: list[Line]) -> list[list[Word]]:
    """Words of text columns set beside a table (a two-column page, prose left and table right), each
    column's words apart; [] when there are none.

    A text column is a run of three or more consecutive lines each holding a long phrase (four words
    or more, 100 points wide or more) starting at one x, most of them filling the column's width and
    many going on with a lower-case word (a sentence running from line to line, unlike row labels),
    while at least two of those lines also hold text clear of it on one side (more than the marks
    of a hanging indent). Its words are those within its extent, over the lines it runs on.
    """
    out: list[list[Word]] = []
    found: list[tuple[float, float, float]] = []
    runs: list[list[tuple[Line, Chunk]]] = []
    for line in lines:
        n_words, width = STREAM.column_phrase
        long = [c for c in line.chunks if len(c.words) >= n_words and c.x1 - c.x0 >= width
                and not is_value_cell(c.text)]
        for c in long:
            run = next((r for r in runs if abs(r[-1][1].x0 - c.x0) < STREAM.align and r[-1][0] is not line
                        and c.words[0].top - r[-1][1].words[0].bottom < STREAM.column_line_gap_em * line.size),
                       None)
            if run is not None:
                run.append((line, c))
            else:
                runs.append([(line, c)])
    for run in runs:
        if len(run) < STREAM.column_min_lines:
            continue
        x0 = min(c.x0 for _, c in run)
        x1 = max(c.x1 for _, c in run)
        end_share, full_share = STREAM.column_full
        if x1 - x0 < STREAM.column_min_width or \
                sum(c.x1 > x1 - end_share * (x1 - x0) for _, c in run[:-1]) < full_share * (len(run) - 1):
            continue
        if sum(c.text[:1].islower() for _, c in run[1:]) < STREAM.column_lower * (len(run) - 1):
            continue  # running text: a sentence goes on from line to line; row labels start afresh
        clear, spread = STREAM.column_beside
        beside = [o for l, _ in run for o in l.chunks if o.x0 > x1 + clear or o.x1 < x0 - clear]
        if len({id(l) for l, _ in run for o in l.chunks if o in beside}) < 2 or \
                max(o.x1 for o in beside) - min(o.x0 for o in beside) < spread:
            continue  # nothing beside it, or only the marks of a hanging indent ("Source:", "1/")
        if any(abs(x0 - a) < STREAM.align and top <= run[0][0].top <= bottom for a, top, bottom in found):
            continue  # another run of the same column
        members = [i for i, l in enumerate(lines) if l is run[0][0]]
        k = members[0]

        def in_column(line: Line) -> bool | None:
            """True: text of the column; None: nothing in its extent (a line of the other side)."""
            inside = [c for c in line.chunks if c.x0 < x1 and c.x1 > x0]
            if not inside:
                return None
            return all(c.x0 > x0 - STREAM.align and c.x1 <= x1 + STREAM.column_overhang for c in inside) \
                and abs(inside[0].x0 - x0) < STREAM.align

        def extend(k: int, step: int) -> int:
            end = j = k
            while 0 <= j + step < len(lines):
                j += step
                state = in_column(lines[j])
                if state is None:
                    continue
                gap = lines[j].top - lines[end].bottom if step > 0 else lines[end].top - lines[j].bottom
                if not state or gap > lines[j].size:
                    break
                end = j
            return end

        first, last = extend(k, -1), extend(k, 1)
        if sum(bool(in_column(l)) for l in lines[first:last + 1]) < STREAM.column_min_lines:
            continue  # the run breaks up at gaps wider than a line: a table's wrapped labels, each apart
        top, bottom = lines[first].top, lines[last].bottom
        found.append((x0, top, bottom))
        out.append([w for l in lines[first:last + 1] for w in l.words
                    if x0 - STREAM.align <= w.x0 and w.x1 <= x1 + STREAM.column_overhang])
    return out


def line_chunks(words: list[Word], gap: float) -> list[Chunk]:
    """Words split wherever the horizontal gap exceeds `gap` (wider than any word space)."""
    chunks: list[Chunk] = []
    right = 0.0  # the last chunk's x1, kept as it grows
    for w in words:
        if chunks and w.x0 - right <= gap:
            chunks[-1].words.append(w)
            right = max(right, w.x1)
        else:
            chunks.append(Chunk([w]))
            right = w.x1
    return chunks


def is_prose(lines: list[Line]) -> bool:
    """Text columns, not a table: long wordy chunks and hardly any numbers."""
    chunks = [c for l in lines for c in l.chunks]
    words = statistics.mean(len(c.words) for c in chunks)
    numbers = sum(is_value_cell(c.text) for c in chunks) / len(chunks)
    return words > STREAM.prose_words and numbers < STREAM.prose_numbers


def wraps_label(pending: list[Line], line: Line, cur: list[Line]) -> bool:
    """Whether `line` goes on with the long label set on the non-tabular lines `pending` (a stub
    label wrapped over many lines, its value beside one of them): close under the line above,
    running on from it, and ending before the value columns of the block."""
    prev = pending[-1]
    values_x = [l.chunks[1].x0 for l in cur if l.tabular]
    return (len(line.chunks) == 1 and bool(values_x) and line.top - prev.bottom < STREAM.wrap_gap_em * line.size
            and abs(line.chunks[0].x0 - prev.chunks[0].x0) < STREAM.indent_em * line.size
            and line.chunks[0].x1 < min(values_x)
            and runs_on(prev.chunks[-1].text, line.chunks[0].text))


def bands(lines: list[Line]) -> int:
    """Lines after the first that start below the line above: staggered lines that overlap (a
    header cell's second line set half a line lower than its neighbours') are one band."""
    return sum(b.top >= a.bottom for a, b in zip(lines, lines[1:]))


def table_blocks(lines: list[Line], s: TableSettings) -> list[list[Line]]:
    """Runs of lines that look tabular: lines of several chunks, close together, in one font size,
    with at most two other bands of lines in a row between them (section labels, wrapped labels)."""
    blocks: list[list[Line]] = []
    cur: list[Line] = []
    pending: list[Line] = []
    lead: list[Line] = []  # lines outside any block just before the next one

    def close() -> None:
        nonlocal cur, pending
        for line in pending:  # the wrapped end of the last row's label, not a note under the table
            if line.words[0].text[:1].islower() and line.top - cur[-1].bottom < STREAM.wrap_gap_em * line.size:
                cur.append(line)
            else:
                break
        if sum(l.tabular for l in cur) >= s.min_rows:
            blocks.extend(b for part in split_at_gaps(cur) for b in split_at_repeated_header(part))
        cur, pending = [], []

    for k, line in enumerate(lines):
        last = (pending or cur)[-1] if cur else None
        if last is not None and (line.top - last.bottom > s.max_line_gap_em * max(line.size, last.size)
                                 or line.size > STREAM.size_jump * block_size(cur)
                                 and not body_under_header(cur, line)):
            close()
        if line.tabular:
            cur.extend(pending if cur else headings_over(lead, line, lines[k + 1:k + 1 + STREAM.open_lines]))
            pending, lead = [], []
            cur.append(line)
        elif cur and (bands([cur[-1]] + pending) < 2 or wraps_label(pending, line, cur)):
            pending.append(line)
        else:
            close()
            lead.append(line)
    close()
    return blocks


def block_size(cur: list[Line]) -> float:
    """The font size of a block: its body rows' once it has some (its header may be set smaller)."""
    body = [l.size for l in cur if l.numeric and not is_header_line(l)]
    return statistics.median(body or [l.size for l in cur])


def body_under_header(cur: list[Line], line: Line) -> bool:
    """Whether `line` is the first body row (values in several columns) under a block of header lines
    only, which a designer may set smaller than the body (a wrapped header of 14 lines in 4.6 pt
    over rows in 6.8 pt): a larger line there starts the body, not a heading."""
    return line.tabular and line.numeric and not any(l.numeric and not is_header_line(l) for l in cur)


def headings_over(lead: list[Line], first: Line, after: list[Line]) -> list[Line]:
    """The one-chunk lines set tight above a block's first line, right of its first cell or
    going on in a line under them (`aligned` with it, `after`: the lines after the first): the
    upper lines of a header cell ("January–September" over "2024"), which a vertically centred
    header puts above the line of the other headings. A title or a caption starts at the table's
    left edge (where the lines under it start), and stands apart."""
    out: list[Line] = []
    below = first
    left = min(l.chunks[0].x0 for l in [first] + after)
    for line in reversed(lead):
        if len(line.chunks) != 1 or below.top - line.bottom >= 0.6 * line.size:
            break
        if line.chunks[0].x0 <= first.chunks[0].x1 and (line.chunks[0].x0 < left + STREAM.align or not any(
                aligned(line.chunks[0], c) for l in out + [first] + after
                if 0 <= l.top - line.bottom < STREAM.wrap_gap_em * l.size for c in l.chunks)):
            break
        out.insert(0, line)
        below = line
    return out


CAPTION = re.compile(r"^(?:table|tab\.|figure|fig\.|chart|exhibit|graph|box)\s*[A-Z]?[-\d.IVX]*\d", re.I)
NOTE = re.compile(r"^(?:sources?|notes?|nb|n\.\s?b\.|footnotes?|remarks?|symbols?|legend|\(?\*+\)?|\(\s*\*\s*\)|"
                  r"\(\d{1,2}\)|\d{1,2}/|\(?[a-z]\)|\(:\)|[¹²³⁴⁵⁶⁷⁸⁹†‡§])(?:\s*[:.]|\s|$)", re.I)

NOTE_LABEL = re.compile(r"^\S+\s+(?:sources?|notes?|footnotes?)\s*:", re.I)  # "Other sources:", "General notes:"


def trim_block(block: list[Line]) -> list[Line]:
    """A block without its caption and its notes: the lines above the table that name it ("Table 3:
    Employment by sector", and the lines that wrap that title) and the lines under its last row that
    comment on it ("Source: ...", "Note: ...", "(*) Forecast", "1/ Includes ..."). Both are often set
    in two chunks, a mark and a text, and so look tabular; inside the table they would pose as a row
    and, crossing the column gaps, hide the columns."""
    start = 0
    while start < len(block) - 2 and CAPTION.match(block[start].words[0].text + " " + " ".join(
            w.text for w in block[start].words[1:3])):
        text_x = [c.x0 for c in block[start].chunks]
        start += 1
        while (start < len(block) - 2 and len(block[start].chunks) == 1 and not block[start].numeric
               and any(abs(block[start].chunks[0].x0 - x) < STREAM.align for x in text_x)
               and block[start].top - block[start - 1].bottom < STREAM.join_gap_em * block[start].size):
            start += 1
    end = len(block)
    numeric = [i for i in range(start, end) if block[i].numeric]
    last = numeric[-1] if numeric else start
    for i in range(last + 1, end):
        text = " ".join(c.text for c in block[i].chunks)
        if not block[i].numeric and (NOTE.match(text) or NOTE_LABEL.match(text) or len(block[i].chunks) >= 2 and len(
                block[i].chunks[0].words) <= 2 and block[i].chunks[0].text.endswith(":")):  # "GDP: gross ..."
            end = i
            break
    return block[start:end]


def split_at_gaps(block: list[Line]) -> list[list[Line]]:
    """A block cut where a title sits in a wide gap: two tables stacked under their own captions.

    Cut before a line of text only (no values; non-tabular, or the captions of two graphics set
    side by side under the table) preceded by a gap more than twice the block's usual line gap.
    """
    gaps = [b.top - a.bottom for a, b in zip(block, block[1:])]
    if len(gaps) < STREAM.min_gaps:
        return [block]
    between = [g for g in gaps if g >= 0]  # between bands: staggered lines of one band overlap
    usual = max(1.0, statistics.median(between or gaps))
    out = [[block[0]]]
    for gap, line in zip(gaps, block[1:]):
        if gap > 2 * usual + 2 and not (line.tabular and line.numeric):
            out.append([])
        out[-1].append(line)
    return [b for b in out if sum(l.tabular for l in b) >= 2]


def split_at_repeated_header(block: list[Line]) -> list[list[Line]]:
    """A block cut before each line that repeats its first line (the same headings at the same
    places): tables stacked under one another with the same columns, each with its header."""
    def key(line: Line) -> list[tuple[str, int]]:
        return [(c.text, round(c.x0 / STREAM.align)) for c in line.chunks]

    head = key(block[0])
    if len(block[0].chunks) < 2 or block[0].numeric and not is_header_line(block[0]):
        return [block]
    out = [[block[0]]]
    for line in block[1:]:
        if key(line) == head:
            out.append([])
        out[-1].append(line)
    return [b for b in out if sum(l.tabular for l in b) >= 2]


def side_by_side(block: list[Line], s: TableSettings) -> list[list[Word]]:
    """Words of each of the tables set side by side in a block ([] if it holds one table).

    Side-by-side tables read as one would have a label (stub) column in the middle: the block's
    columns, by kind, repeat a pattern starting with a text column ("Country  Number | Country
    Number"). It is cut before each such stub when every part has the same pattern and the parts
    share their stub labels or the headings of their value columns.
    """
    size = statistics.median(l.size for l in block)
    cols = column_spans(block, min_gap=max(STREAM.column_gap[0], STREAM.column_gap[1] * size))
    if len(cols) < STREAM.min_side_by_side:
        return []
    start = next((i for i, l in enumerate(block) if l.numeric and not is_header_line(l)), len(block))
    vals: list[list[str]] = [[] for _ in cols]
    heads: list[list[str]] = [[] for _ in cols]
    for i, line in enumerate(block):
        for c, n, ch in placed(line, cols):
            if n == 1:
                (vals if i >= start else heads)[c].append(ch.text)
    kinds = []
    for v in vals:
        share = sum(is_value_cell(t) for t in v) / max(1, len(v))
        numeric, textual = STREAM.kind_share
        kinds.append("n" if len(v) >= 2 and share >= numeric else "t" if len(v) >= 2 and share <= textual else "?")
    stubs = [j for j, k in enumerate(kinds) if k == "t"]
    if "?" in kinds or len(stubs) < 2 or stubs[0] != 0:
        return []
    parts = [(a, b) for a, b in zip(stubs, stubs[1:] + [len(cols)])]
    if len({b - a for a, b in parts}) != 1 or parts[0][1] - parts[0][0] < 2:
        return []

    def labels(j: int) -> set[str]:
        return {t.lower() for t in vals[j]}

    def value_heads(a: int, b: int) -> list[str]:
        return [" ".join(heads[j]).lower() for j in range(a + 1, b)]

    for (a, b), (a2, b2) in zip(parts, parts[1:]):
        shared = len(labels(a) & labels(a2)) >= STREAM.shared_labels * min(len(labels(a)), len(labels(a2)))
        same_heads = value_heads(a, b) == value_heads(a2, b2) and any(value_heads(a, b))
        if not (shared or same_heads):
            return []
    cuts = [(cols[a - 1][1] + cols[a][0]) / 2 for a, _ in parts[1:]]
    edges = [float("-inf")] + cuts + [float("inf")]
    words = [w for l in block for w in l.words]
    return [[w for w in words if edges[k] <= w.cx < edges[k + 1]] for k in range(len(cuts) + 1)]


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
    start = next((i for i, l in enumerate(lines) if l.numeric and not is_header_line(l)), 0)
    below = lines[start:] if start < len(lines) - 1 else lines
    body = [l for l in below if l.tabular] or [l for l in lines if l.tabular] or lines
    spans = [(c.x0, c.x1) for l in body for c in l.chunks]
    allowance = max(1, len(body) // STREAM.crossing_lines) if len(body) >= STREAM.min_crossing_body else 0
    gaps = [g for g in coverage_gaps(spans, allowance) if g[1] - g[0] >= min_gap]
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    edges = [lo] + [x for g in gaps for x in g] + [hi]
    cols = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    for g0, g1 in gaps:
        inside = [(c.x0, c.x1) for l in below for c in l.chunks if c.x0 > g0 and c.x1 < g1]
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
    """Columns a chunk covers: those its extent overlaps; the nearest one when it sits in a gap.
    Of several it overlaps, those whose centre it covers when there are any: a heading centred
    over a narrow column of ticks reaches into its neighbours' extents, never to their centres."""
    hit = [i for i, (a, b) in enumerate(cols) if chunk.x0 < b and chunk.x1 > a]
    centred = [i for i in hit if chunk.x0 <= (cols[i][0] + cols[i][1]) / 2 <= chunk.x1]
    if len(hit) > 1 and centred:
        return list(range(centred[0], centred[-1] + 1))
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
    if any(is_value_cell(c.text) for _, _, c in cur):
        return False
    first = next((c for i, _, c in cur if i == 0), None)
    if first is None:
        return all(any(i == j for j, _, _ in prev) for i, _, _ in cur)
    above = [c for i, _, c in prev if i == 0]
    if not above or len(cur) > 1:
        return False
    return runs_on(above[-1].text, first.text)


Entry = tuple[int, int, Chunk]  # (first column, column count, chunk)


def group_rows(lines: list[Line], cols: list[tuple[float, float]], bands: list[float] | None) -> list[list[Entry]]:
    """The chunks making up each table row.

    With `bands` (rule positions of a ruled box) the lines between two rules are one row, unless
    they hold several lines of values (rules around groups of rows or the whole table, not around
    rows): those are read like an unruled table.
    """
    cells = [placed(l, cols) for l in lines]
    if not bands:
        return text_rows(list(range(len(lines))), lines, cells, cols)
    groups: dict[int, list[int]] = {}
    for i, l in enumerate(lines):
        groups.setdefault(sum(1 for y in bands if y < (l.top + l.bottom) / 2), []).append(i)
    out: list[list[Entry]] = []
    for k in sorted(groups):
        g = groups[k]
        if sum(lines[i].numeric for i in g) >= 2:
            out.extend(text_rows(g, lines, cells, cols))
        else:
            out.append([e for i in g for e in cells[i]])
    return out


YEAR = re.compile(r"^(?:19|20)\d\d(?:[*/-]\d{2,4})?\*?$")


def is_header_line(line: Line) -> bool:
    """A line of column headings although it holds numbers: years over the columns ("2019  2020")."""
    years = sum(bool(YEAR.match(c.text)) for c in line.chunks)
    return years >= 2 and all(YEAR.match(c.text) or not is_value_cell(c.text) for c in line.chunks)


def text_rows(indices: list[int], lines: list[Line], cells: list[list[Entry]],
              cols: list[tuple[float, float]]) -> list[list[Entry]]:
    """Rows of an unruled run of lines: the header (lines above the first line with values, see
    `header_rows`), then the body lines, each a row of its own unless it continues a label."""
    numeric = [k for k, i in enumerate(indices) if lines[i].numeric and not is_header_line(lines[i])
               and not (all(c > 0 and ch.text.startswith("(") and ch.text.endswith(")") for c, _, ch in cells[i])
                        and k + 1 < len(indices) and lines[indices[k + 1]].numeric)]  # units: "(1,000)"
    head_end = numeric[0] if numeric and numeric[0] < len(indices) - 1 else min(1, len(indices) - 1)
    if numeric and head_end == numeric[0] and cells[indices[head_end]] and all(
            c > 0 for c, _, _ in cells[indices[head_end]]):  # values without their label: it is above them
        while head_end > 1 and cells[indices[head_end - 1]] and all(
                c == 0 for c, _, _ in cells[indices[head_end - 1]]) and \
                lines[indices[head_end]].top - lines[indices[head_end - 1]].bottom < \
                STREAM.join_gap_em * lines[indices[head_end]].size:
            head_end -= 1
    wrapped = bool(numeric) and head_end == numeric[0]
    while wrapped and head_end > 0 and wraps_into(lines[indices[head_end - 1]], cells[indices[head_end - 1]],
                                                  lines[indices[head_end]], cells[indices[head_end]]):
        head_end -= 1  # the first lines of a label wrapped over several lines, its values on a later one
    return header_rows(indices[:head_end], lines, cells, cols) + body_rows(indices[head_end:], lines, cells)


def wraps_into(line: Line, entries: list[Entry], nxt: Line, nxt_entries: list[Entry]) -> bool:
    """Whether a label-only line is the start of the label of the next line (a label wrapped over
    several lines with its values on a later one), not a header line."""
    return bool(entries) and all(c == 0 for c, _, _ in entries) and any(c == 0 for c, _, _ in nxt_entries) \
        and nxt.top - line.bottom < STREAM.wrap_gap_em * nxt.size and runs_on(line.chunks[-1].text, nxt.chunks[0].text)


def header_rows(indices: list[int], lines: list[Line], cells: list[list[Entry]],
                cols: list[tuple[float, float]]) -> list[list[Entry]]:
    """Header lines as rows by level, not by line.

    A heading over several columns (a spanning chunk, or a chunk set in the gap between two
    columns with nothing beside it) opens a level: the headings under it, in its columns, go one row
    down. Every other heading goes to the top row of the column whose band holds it (`bands.py`),
    its stacked lines joined, as a reader takes
    a header cell whose text is set on several lines, top-aligned or not, staggered or not. Lines
    of one spanning heading (same columns, no gap) are one heading.
    """
    edges = band_edges(cols)
    spans = heading_spans(indices, lines, cells, cols)
    entries: list[tuple[int, int, int, Chunk]] = []  # (line, first column, column count, chunk)
    for i in indices:
        for _, _, ch in cells[i]:
            c, n = spans[id(ch)]
            if n > 1:
                entries.append((i, c, n, ch))
            else:
                entries.append((i, band_of_words(ch.words, edges), 1, ch))
    spanners: list[list[tuple[int, int, int, Chunk]]] = []  # spanning headings, each its lines
    for e in entries:
        if e[2] > 1:
            last = spanners[-1][-1] if spanners else None
            if last and (last[1], last[2]) == (e[1], e[2]) and last[0] != e[0] and \
                    lines[e[0]].top - lines[last[0]].bottom < STREAM.wrap_gap_em * lines[e[0]].size:
                spanners[-1].append(e)
            else:
                spanners.append([e])
    group_of = {id(e[3]): k for k, g in enumerate(spanners) for e in g}

    def level(e: tuple[int, int, int, Chunk]) -> int:
        own = group_of.get(id(e[3]))
        return sum(1 for k, g in enumerate(spanners) if k != own and g[-1][0] < e[0]
                   and g[0][1] < e[1] + e[2] and e[1] < g[0][1] + g[0][2])

    rows: dict[int, list[Entry]] = {}
    for e in entries:
        rows.setdefault(level(e), []).append((e[1], e[2], e[3]))
    return [rows[k] for k in sorted(rows)]


def heading_spans(indices: list[int], lines: list[Line], cells: list[list[Entry]],
                  cols: list[tuple[float, float]]) -> dict[int, tuple[int, int]]:
    """(first column, column count) of every header chunk, by id (`heading_span`).

    A heading whose text goes on right under it (within a wrapped line's leading, in a line
    aligned with it, centred, flush left or flush right, and the only heading of that line within
    its reach, or in its band when the header's lines are staggered) is one line of a wrapped cell: the cell's last line decides for all of them, so the
    upper lines of a tall header cell, set above its neighbours' shorter ones, never pass for a
    heading over them. Columns with a heading beside it (on a staggered line it overlaps) are not
    under it either. Only a heading of one line may head two columns by standing in the gap between
    them (`gap_heading`): the short last line of a wrapped cell often does.
    """
    out: dict[int, tuple[int, int]] = {}
    stacked: set[int] = set()  # chunks that are one line of a wrapped cell
    edges = band_edges(cols)
    staggered = bands([lines[i] for i in indices]) < len(indices) - 1
    for k in range(len(indices) - 1, -1, -1):
        i = indices[k]
        later = [j for j in indices[k + 1:] if lines[j].top >= lines[i].bottom]
        beside = {c for j in indices if j != i and lines[j].top < lines[i].bottom and lines[i].top < lines[j].bottom
                  for c, _, _ in cells[j]}
        below = [e for j in later for e in cells[j] if e[1] == 1 and e[0] not in beside]
        line_cx = sorted((ch.x0 + ch.x1) / 2 for _, _, ch in cells[i])
        for c, n, ch in cells[i]:
            half = reach(ch, c, n, line_cx, cols)
            cx = (ch.x0 + ch.x1) / 2
            nxt = [e[2] for j in later if lines[j].top - lines[i].bottom < STREAM.wrap_gap_em * lines[j].size
                   for e in cells[j] if aligned(ch, e[2]) and (band_of(cx, edges) == band_of_words(e[2].words, edges)
                                                               if staggered else sum(
                       abs((o.x0 + o.x1) / 2 - cx) < half for _, _, o in cells[j]) == 1)]
            if nxt:
                span = out[id(nxt[0])]
                out[id(ch)] = span if span[1] > 1 else (c, 1)
                stacked |= {id(ch), id(nxt[0])}
            elif len(cols) > 1:
                out[id(ch)] = heading_span(ch, c, n, half, below)
            else:
                out[id(ch)] = (c, n)
    for i in indices:
        for c, _, ch in cells[i]:
            if out[id(ch)][1] == 1 and id(ch) not in stacked:
                out[id(ch)] = gap_heading(ch, c, cells[i], cols)
    return out


def aligned(a: Chunk, b: Chunk) -> bool:
    """Whether two chunks are set flush left, flush right or centred on one another."""
    return min(abs(a.x0 - b.x0), abs(a.x1 - b.x1), abs(a.x0 + a.x1 - b.x0 - b.x1) / 2) < STREAM.align


def reach(chunk: Chunk, col: int, n: int, line_cx: list[float], cols: list[tuple[float, float]]) -> float:
    """How far either side of its centre a heading may head: half-way to its neighbours on its line
    (a row of group headings, "2007  2006  2005", each centred over its "n  %"), or, alone on its
    line, as far as the farthest column it overlaps (a centred heading over three columns that only
    reaches into two)."""
    cx = (chunk.x0 + chunk.x1) / 2
    others = [x for x in line_cx if abs(x - cx) > STREAM.same_centre]
    if others:
        return min(abs(x - cx) for x in others) / 2
    return max([(chunk.x1 - chunk.x0) / 2 + 2] + [abs((cols[j][0] + cols[j][1]) / 2 - cx) + 2
                                                 for j in range(col, col + n)])


def heading_span(chunk: Chunk, col: int, n: int, half: float, below: list[Entry]) -> tuple[int, int]:
    """(first column, column count) of a heading: the columns it overlaps, widened to a group.

    It is a group heading over several columns when headings on the lines under it, two or more,
    are centred within its `reach`.
    """
    cx = (chunk.x0 + chunk.x1) / 2
    under = {c for c, _, ch in below if abs((ch.x0 + ch.x1) / 2 - cx) < half} | set(range(col, col + n))
    if len(under) >= 2:
        return min(under), max(under) - min(under) + 1
    return col, n


def gap_heading(chunk: Chunk, col: int, line_cells: list[Entry], cols: list[tuple[float, float]]) -> tuple[int, int]:
    """(first column, column count) of a heading of one column: over both columns when it stands
    alone in the gap between them, centred on it."""
    cx = (chunk.x0 + chunk.x1) / 2
    if not any(c in (col - 1, col, col + 1) for c, _, ch in line_cells if ch is not chunk):
        for j in (col - 1, col):
            if 0 <= j < len(cols) - 1:
                g0, g1 = cols[j][1], cols[j + 1][0]
                if chunk.x0 >= g0 and chunk.x1 <= g1 and abs(cx - (g0 + g1) / 2) < STREAM.gap_centre * (g1 - g0):
                    return j, 2
    return col, 1


def body_rows(indices: list[int], lines: list[Line], cells: list[list[Entry]]) -> list[list[Entry]]:
    """Body lines as rows: each line its own row unless it belongs to the row above (`joins`)."""
    out: list[list[int]] = []
    for k, i in enumerate(indices):
        if out and lines[i].top - lines[out[-1][-1]].bottom < STREAM.join_gap_em * lines[i].size and joins(
                out[-1], i, indices[k + 1] if k + 1 < len(indices) else None, lines, cells):
            out[-1].append(i)
        else:
            out.append([i])
    return [[e for i in r for e in cells[i]] for r in out]


def runs_on(label: str, more: str) -> bool:
    """Whether `more` visibly continues the label text `label`: lower-case start, an opening
    parenthesis, or a label ending in a hyphen, comma or connector word."""
    return more[:1].islower() or more[:1] in "(&" or label.rstrip().endswith(("-", ",", "/", "&") + tuple(
        " " + w for w in CONNECTORS))


def joins(row: list[int], i: int, nxt: int | None, lines: list[Line], cells: list[list[Entry]]) -> bool:
    """Whether body line `i` belongs to the row made of lines `row` (the lines just above it).

    - a wrapped label or text cell (text only; `continues`);
    - the values of a label set on the lines above them, with nothing in the label column
      ("Chlorine and inorganic compounds" over "10 000  -  -"), or on the label's last line when the
      label visibly runs on ("Households with children" over "under 18 .... 1,234");
    - the rest of a label whose values sit on its middle line, unless the line after it is again a
      line of values without a label (then it starts the next row of that kind).
    """
    cur = cells[i]
    if continues([e for j in row for e in cells[j]], cur):
        return True

    def label_only(j: int) -> bool:
        return bool(cells[j]) and all(c == 0 for c, _, _ in cells[j]) and not lines[j].numeric

    def bare_values(j: int) -> bool:
        return bool(cells[j]) and all(c > 0 for c, _, _ in cells[j]) and lines[j].numeric

    label = " ".join(ch.text for j in row for c, _, ch in cells[j] if c == 0)
    if all(label_only(j) for j in row) and not label.rstrip().endswith(":"):
        if bare_values(i):
            return True
        first = next((ch for c, _, ch in cur if c == 0), None)
        return first is not None and lines[i].numeric and runs_on(label, first.text)
    if label_only(i) and label_only(row[0]) and any(bare_values(j) for j in row[1:]):
        return nxt is None or not bare_values(nxt)
    return False


def text_cells(rows: list[list[Entry]]) -> list[Cell]:
    """Cells of rows of chunks: each chunk goes to the first column it covers, spanning the others."""
    slots: dict[tuple[int, int], tuple[int, list[Word]]] = {}
    for r, members in enumerate(rows):
        for c, n, chunk in members:
            span, words = slots.get((r, c), (1, []))
            slots[(r, c)] = (max(span, n), words + chunk.words)
    cells = []
    for (r, c), (n, words) in sorted(slots.items()):
        cells.append(Cell(cell_text(words), *bbox_of(words), row=r, col=c, colspan=n))
    return cells


def read_block(lines: list[Line], s: TableSettings, bands: list[float] | None = None,
               rule_xs: list[float] | None = None) -> list[Cell]:
    """Cells of a block of lines, optionally inside ruled bands and cut at vertical rules."""
    size = statistics.median(l.size for l in lines)
    cols = column_spans(lines, min_gap=max(STREAM.column_gap[0], STREAM.column_gap[1] * size))
    if rule_xs:
        cols = split_spans(cols, rule_xs)
    return text_cells(group_rows(lines, cols, bands))


def split_spans(cols: list[tuple[float, float]], xs: list[float]) -> list[tuple[float, float]]:
    """Columns also cut at vertical rules (ruled boxes whose rules separate some columns)."""
    out = []
    for a, b in cols:
        cuts = [x for x in xs if a < x < b]
        edges = [a] + cuts + [b]
        out.extend((edges[i], edges[i + 1]) for i in range(len(edges) - 1))
    return out
