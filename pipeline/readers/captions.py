"""Finding the caption of a graphic: the block of text lines printed just above it.

The caption is what tells which indicator a chart or table holds ("Numri i takimeve ...",
"Figura 4. A jeni ...?"), so it is read by layout, not by position in any one file: the nearest
lines above the graphic's region that overlap it horizontally, up to a clear vertical gap.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from pipeline.model.geometry import BBox, bbox_of
from pipeline.model.pagemodel import Page, Word, lines_of

# A caption in bold is a heading, never body text, so it may wrap further: 6 lines in a third of a
# landscape page (the browser corpus's brochure design); body text above a graphic stops at 4.
BOLD_CAPTION_LINES = 8
FIGURE_LABEL = re.compile(r"^[\d.,/%:–-]+$")  # "23/35", "62.8%": labels of a graphic, not its caption


@dataclass(frozen=True)
class CaptionSettings:
    """Where a caption stands over its graphic, in PDF points unless said otherwise; gaps are given as
    (multiple of the line height, points)."""

    max_lines: int = 4  # a caption is a title of at most this many lines
    reach: float = 130.0  # its lowest line stands at most this far above the graphic
    line_gap: tuple[float, float] = (0.9, 3.0)  # lines of one caption block: at most this far apart
    short_block: int = 3  # a block of at most this many words right above the graphic is a header row ...
    short_gap: tuple[float, float] = (3.0, 6.0)  # ... skipped when the next block stands within this above it
    first_gap: tuple[float, float] = (8.0, 24.0)  # the caption's lowest line: at most this far above the graphic
    within: float = 0.5  # a caption overlaps its graphic by at least this share of the narrower of the two
    grow_gap_em: float = 0.8  # a caption line grows sideways over word gaps narrower than this many font sizes


CAPTION = CaptionSettings()


def caption_above(page: Page, region: BBox, labels: frozenset[int] = frozenset()) -> tuple[str, BBox | None]:
    """Text of the caption block above `region` and its bbox ('' when there is none).

    `labels` are the ids of the graphic's own words (a pie's outside labels may stand on the
    caption's baseline): they are never part of the caption.
    """
    x0, top, x1, _ = region
    above = [w for w in page.words if w.upright and w.bottom <= top + 1 and top - w.bottom <= CAPTION.reach
             and id(w) not in labels]
    lines = [grow(line, x0, x1) for line in lines_of(above)]
    lines = [line for line in lines if line and mostly_within(line, x0, x1)]
    lines = [line for line in lines if line and not all(FIGURE_LABEL.match(w.text) for w in line)]
    lines.sort(key=lambda line: -line[0].bottom)
    block: list[list[Word]] = []
    edge = top
    max_lines = CAPTION.max_lines
    if lines and "bold" in style(lines[0])[0].lower():
        max_lines = max(max_lines, BOLD_CAPTION_LINES)  # a bold heading wrapped in a narrow column
    for line in lines:
        height = max(w.bottom - w.top for w in line)
        gap = edge - max(w.bottom for w in line)
        (a, b), (c, d), (e, f) = CAPTION.line_gap, CAPTION.short_gap, CAPTION.first_gap
        if block and (gap > a * height + b or style(line) != style(block[0])):
            if sum(len(x) for x in block) > CAPTION.short_block or gap > c * height + d:
                break
            block, edge = [], edge  # a short block right above (a header row) is not the caption
        if not block and gap > e * height + f:
            break
        block.append(line)
        edge = min(w.top for w in line)
        if len(block) >= max_lines:
            break
    if not block:
        return "", None
    block.reverse()
    words = [w for line in block for w in line]
    return " ".join(line_text(line) for line in block), bbox_of(words)


# A letter-spaced heading ("M O C R S   T H A T") prints every glyph as a word of its own; the gaps
# between its words are the letter gap plus a space, about three letter gaps in the designs seen.
LETTER_SPACED_SHARE = 0.8  # share of one-glyph words from which a line is letter-spaced
WORD_GAP_FACTOR = 1.8  # a gap this many times the line's median gap separates words


def letter_spacing(line: list[Word]) -> float:
    """The gap a letter-spaced line sets between its glyphs (0 for an ordinary line)."""
    if len(line) < 3 or sum(len(w.text) == 1 for w in line) < LETTER_SPACED_SHARE * len(line):
        return 0.0
    return max(statistics.median(b.x0 - a.x1 for a, b in zip(line, line[1:])), 0.1)


def line_text(line: list[Word]) -> str:
    """A line's text; a letter-spaced line has its glyphs joined back into words."""
    letter_gap = letter_spacing(line)
    if not letter_gap:
        return " ".join(w.text for w in line)
    gaps = [b.x0 - a.x1 for a, b in zip(line, line[1:])]
    text = line[0].text
    for gap, w in zip(gaps, line[1:]):
        text += (" " if gap > WORD_GAP_FACTOR * letter_gap else "") + w.text
    return text


def style(line: list[Word]) -> tuple[str, float]:
    """The font and size most of a line is set in: a caption is set in one style, body text in another."""
    counts: dict[tuple[str, float], int] = {}
    for w in line:
        counts[(w.fontname, round(w.size))] = counts.get((w.fontname, round(w.size)), 0) + len(w.text)
    return max(counts, key=counts.get)


def mostly_within(line: list[Word], x0: float, x1: float) -> bool:
    """A caption sits over its graphic: the two overlap by at least half of the narrower one, so
    text of a neighbouring column that merely touches the graphic's edge is not its caption.

    A heading set flush left over a chart's container (HTML pages, matplotlib's `loc="left"`)
    starts left of a narrow graphic such as a pie and runs into it: that counts too, when it
    starts no further left than the graphic is wide (a neighbour column's caption ends before it).
    """
    width = min(line[-1].x1 - line[0].x0, x1 - x0)
    overlap = min(line[-1].x1, x1) - max(line[0].x0, x0)
    if width <= 0 or overlap >= CAPTION.within * width:
        return True
    return overlap > 0 and line[-1].x1 <= x1 and x0 - line[0].x0 <= x1 - x0


def grow(line: list[Word], x0: float, x1: float) -> list[Word]:
    """The words of a line that overlap [x0, x1], extended sideways over small word gaps.

    In a two-column layout two captions share a baseline; growing from the overlap only across
    ordinary word spacing keeps the neighbour column's words out.
    """
    inside = [i for i, w in enumerate(line) if w.x1 > x0 and w.x0 < x1]
    if not inside:
        return []
    lo, hi = inside[0], inside[-1]
    spacing = letter_spacing(line)  # a letter-spaced heading adds its letter gap to every word space
    while lo > 0 and line[lo].x0 - line[lo - 1].x1 < CAPTION.grow_gap_em * line[lo].em + spacing:
        lo -= 1
    while hi < len(line) - 1 and line[hi + 1].x0 - line[hi].x1 < CAPTION.grow_gap_em * line[hi].em + spacing:
        hi += 1
    return line[lo:hi + 1]

