"""What every graphics reader needs to know about ink: which fills are data, and which marks are legend keys.

Bar charts and pies both name their series through a legend, and both must tell a coloured mark from
the page background; the two readers import these from here instead of from each other. Nothing here
knows a producer: a swatch is any small filled mark (square, circle, rounded square, a thick short
line, or a glyph such as "■" or "●") with a text label starting just right of it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.lang import numbers
from pipeline.model.geometry import BBox, bbox_of
from pipeline.model.pagemodel import Page, Shape, Word, text_of

Color = tuple[float, ...]


@dataclass(frozen=True)
class InkSettings:
    """Layout assumptions about marks and legends, in PDF points unless said otherwise."""

    light: float = 0.93  # a fill at least this light in every channel is background (white panels 1.0,
    #                       the lightest data colour in our fixtures, Chromium's and matplotlib's palettes 0.89)
    invisible: float = 0.97  # a fill at least this light in every channel cannot be seen on paper: a table's
    #   cell shading lighter than `light` still draws cell edges, one lighter than this draws none
    fill_tolerance: float = 0.04  # per channel: the same colour drawn twice (anti-aliasing rounding is 1/255)
    min_size: float = 3.0  # swatches measured 5-12 pt across in reportlab, Chromium SVG and matplotlib legends
    max_size: float = 14.0
    squareness: float = 2.0  # |width - height| of a square or circular swatch
    line_length: tuple[float, float] = (8.0, 30.0)  # a line-shaped key (matplotlib's default): 10-20 pt long
    line_thickness: tuple[float, float] = (1.5, 8.0)  # ... and this thick (matplotlib's bar key: 7 pt)
    label_gap: float = 12.0  # swatch's right edge to its label: 2-6 pt measured, 12 allows loose designs
    word_gap_em: float = 1.2  # a label ends at a gap wider than this many font sizes
    wrap_lines: int = 2  # a legend label wraps onto at most this many more lines (narrow HTML legends: 1)
    wrap_gap_em: float = 0.6  # ... each starting within this many font sizes under the one above
    fill_ratio: float = 0.88  # share of its bbox a closed path must cover to be a bar: rectangles 1.0,
    #   Chromium bars with rx=4 on 20 pt bars 0.98, pill-shaped bars 0.89; circles and wedges <= 0.80


INK = InkSettings()
LEGEND_GLYPHS = {"■", "▪", "◼", "●", "█", "▮", "◆", "⬤", "▬"}


@dataclass(frozen=True)
class Swatch:
    """One legend entry: the coloured mark, its label text and the label's bbox."""

    mark: Shape
    text: str
    bbox: BBox


def is_light(fill: Color | None) -> bool:
    """No fill, or one too light to carry data."""
    return fill is None or all(c >= INK.light for c in fill)


def is_visible(fill: Color | None) -> bool:
    """A fill that can be seen on paper (a table's light cell shading is, a white box is not)."""
    return fill is not None and min(fill) < INK.invisible


def same_fill(a: Color | None, b: Color | None) -> bool:
    return a is not None and b is not None and all(abs(x - y) <= INK.fill_tolerance for x, y in zip(a, b))


def is_rectangle(s: Shape) -> bool:
    """A closed path shaped like a bar: it fills (nearly) all of its bounding box, as a rectangle drawn
    as a path (Chromium, matplotlib) or a bar with rounded corners does; a wedge, circle or decoration
    does not. A path of no height or width (a zero-length bar) must have its points on the corners."""
    if s.width < 1 or s.height < 1:
        corners_x, corners_y = (s.x0, s.x1), (s.top, s.bottom)
        return all(min(abs(x - c) for c in corners_x) < 0.5 and min(abs(y - c) for c in corners_y) < 0.5
                   for x, y in s.points)
    pts = s.points
    area = abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]))) / 2
    return area >= INK.fill_ratio * s.width * s.height


def _mark_colour(s: Shape) -> Color | None:
    """The colour a mark shows: its fill, or the stroke of a line-shaped key."""
    return s.fill if s.fill is not None else s.stroke


def legend_marks(page: Page) -> list[Shape]:
    """Small coloured marks that could key a legend: squares, circles and rounded squares (rects or
    closed curves of about equal width and height), short thick lines, and legend glyphs."""
    lo, hi = INK.min_size, INK.max_size
    marks = []
    for s in page.shapes:
        colour = _mark_colour(s)
        if is_light(colour):
            continue
        if s.kind in ("rect", "curve") and s.fill is not None and lo <= s.width <= hi and lo <= s.height <= hi \
                and abs(s.width - s.height) <= INK.squareness:
            marks.append(s)
        elif s.kind in ("line", "curve", "rect") and _is_key_line(s):
            marks.append(s if s.fill is not None else replace(s, fill=colour))
    marks += [Shape("glyph", w.x0, w.top, w.x1, w.bottom, fill=w.color) for w in page.words
              if w.text in LEGEND_GLYPHS and not is_light(w.color)]
    return marks


def _is_key_line(s: Shape) -> bool:
    """A short horizontal stroke or thin bar, as matplotlib draws line legends (or designers draw
    bar keys): long and thin, never a square."""
    (a, b), (c, d) = INK.line_length, INK.line_thickness
    if s.kind == "line" or s.fill is None:
        return a <= s.width <= b and s.height <= 1.0 and s.stroke is not None
    return a <= s.width <= b and c <= s.height <= d


def find_swatches(page: Page) -> list[Swatch]:
    """Legend entries: a small coloured mark with a text label starting just right of it.

    The label runs along its line until a large gap or the next mark, so "Janar - Dhjetor 2019" stays
    one entry. A lone number beside a small mark is a bar's value, not a legend entry.
    """
    marks = legend_marks(page)
    out = []
    for sq in marks:
        line = [w for w in page.words if w.upright and abs(w.cy - sq.cy) <= max(3.0, sq.height * 0.6)
                and w.x0 >= sq.x1 - 1]
        line.sort(key=lambda w: w.x0)
        if not line or line[0].x0 - sq.x1 > INK.label_gap:
            continue
        label = [line[0]]
        for w in line[1:]:
            blocked = any(o is not sq and abs(o.cy - sq.cy) < 4 and label[-1].x1 <= o.x0 <= w.x0 for o in marks)
            if blocked or w.x0 - label[-1].x1 > INK.word_gap_em * w.em:
                break
            label.append(w)
        if len(label) == 1 and label[0].number is not None and not is_year(label[0]):
            continue
        lines = [label] + wrapped_lines(page, sq, label, marks)
        words = [w for ln in lines for w in ln]
        out.append(Swatch(sq, text_of(words), bbox_of(words)))
    return [e for e in out if not is_year(e.text) or _in_a_legend(e, out)]


def wrapped_lines(page: Page, mark: Shape, first: list[Word], marks: list[Shape]) -> list[list[Word]]:
    """The lines a legend label wraps onto ("Janar –" / "shtator 2016" in a narrow HTML legend):
    each starts under the mark or the label's first word, follows the line above within a line gap,
    in the same style, and stops before the next entry's mark to the right."""
    right = min((o.x0 for o in marks if o is not mark and abs(o.cy - mark.cy) < 4 and o.x0 > first[-1].x1),
                default=page.width)
    lines: list[list[Word]] = []
    above = first
    for _ in range(INK.wrap_lines):
        bottom, size = max(w.bottom for w in above), max(w.size for w in above)
        below = sorted((w for w in page.words if w.upright and 0 <= w.top - bottom <= INK.wrap_gap_em * size
                        and w.x1 <= right + 1 and w.x0 >= mark.x0 - 2 and (w.fontname, w.size) == (
                            first[0].fontname, first[0].size)), key=lambda w: w.x0)
        if not below or below[0].x0 > first[0].x0 + 2 or any(
                o is not mark and o.x1 <= below[0].x0 + 1 and below[0].x0 - o.x1 <= INK.label_gap
                and abs(o.cy - below[0].cy) < 4 for o in marks):
            break  # nothing starts at the label's left edge, or it is the label of the next row's mark
        line = [below[0]]
        for w in below[1:]:
            if w.x0 - line[-1].x1 > INK.word_gap_em * w.em:
                break
            line.append(w)
        lines.append(line)
        above = line
    return lines


def is_year(text: Word | str) -> bool:
    """A four-digit year, as series named by period print them ("2023", "2022")."""
    return numbers.is_year(text.text if isinstance(text, Word) else text)


def _in_a_legend(entry: Swatch, entries: list[Swatch]) -> bool:
    """A year beside a lone mark may be a small bar's value; beside one of a row or column of marks
    of other colours it names a series."""
    return any(o is not entry and not same_fill(o.mark.fill, entry.mark.fill)
               and (abs(o.mark.x0 - entry.mark.x0) < 2 or abs(o.mark.cy - entry.mark.cy) < 2) for o in entries)

