"""Reading vector bar charts from the page's own drawing and text objects.

A bar chart is found from geometry alone: filled bar shapes (rectangles, or closed paths that fill
their bounding box, as Chromium and matplotlib draw them, rounded corners included) that share a
baseline (vertical bars) or a left edge (horizontal bars) and have one thickness. Bars stacked end
to end are segments of one stacked bar; touching pieces of one colour are one bar. Each bar then
gets, by position only:
  - its series, from the legend entry with the same fill (or the only fill, if there is no legend),
  - its category, from the label words beside its slot (under vertical bars, upright, turned by
    90° or slanted; left of horizontal bars),
  - its value, from the number printed at its end or inside it, or else its length on the axis,
and the value is cross-checked against the bar's length on the axis scale (tick labels) or, when
there is no axis, against the scale implied by all the other bars. Disagreement lowers confidence.
Nothing here knows a publisher, a language or an indicator: `mapping.py` does that, and labels
printed run together are split by the `Splitter` the caller passes (`labelsplit.split_names`).
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field, replace
from typing import Callable

from pipeline.readers.captions import caption_above
from pipeline.model.graphics_primitives import INK, Swatch, find_swatches, is_light, is_rectangle, same_fill
from pipeline.model.confidence import CONTRADICTED, Confidence, GUESS, INFERRED, READING, UNCONFIRMED
from pipeline.model.observations import Observation
from pipeline.model.pagemodel import Page, Shape, Word, lines_of, split_word, text_of
from pipeline.model.records import Provenance
from pipeline.model.geometry import BBox, bbox_of, contains, distance, union

@dataclass(frozen=True)
class BarSettings:
    """Layout assumptions of the bar reader, in PDF points unless said otherwise."""

    label_reach: float = 140.0  # category labels under vertical bars end this far below the axis
    slant_gap: float = 25.0  # the top of a slanted tick label is this close to the axis: 4-15 pt measured
    slant_min: float = 5.0  # degrees off vertical from which a turned label is slanted, not rotated by 90°
    same_slant_line: tuple[float, float] = (0.5, 2.0)  # words of one slanted label: centres off its line by
    #   at most 0.5 font size + 2 pt (glyph boxes of 45° text are inflated; neighbouring labels are a slot apart)
    run_together_width: float = 1.25  # a label word this many slots wide was printed run together: measured
    #   over every committed vertical chart, single names reach 1.03 slots, run-together ones start at 1.50
    #   ("MalishevëMitrovicë", mpl 477300); notes under the axis may be wider, the gazetteer split rejects them
    run_together_reach: float = 40.0  # run-together labels stand this close under the axis
    shared_ink: float = 0.25  # square points two bars of rival readings must share to be the same ink
    min_longest: float = 2.0  # a chart's longest bar is longer than this; Chromium's table rules are 0.75 pt
    touch: float = 1.0  # segments of one stack meet within this: 0-0.01 pt in reportlab, Chromium, matplotlib
    max_area: float = 0.25  # share of the page a bar covers at most; larger fills are panels and backgrounds
    bar_gap: tuple[float, float] = (6.0, 20.0)  # neighbouring bars of one chart: at most 6 bar thicknesses +
    #   20 pt apart; a wider gap on one baseline separates two charts side by side
    thickness_ratio: tuple[float, float] = (1.35, 0.5)  # ... and their thicknesses differ by at most 35% + 0.5 pt
    equal_length: float = 0.5  # bars whose lengths differ less than this are equal: table bands, swatch rows
    swatch_squareness: float = 1.5  # |width - height| of the equal squares of a row of legend swatches
    legend_reach: tuple[float, float] = (250.0, 30.0)  # a legend names a grouped or stacked chart's series
    #   within 250 pt of its bars; a single-series chart's swatch must stand at the plot, within 30 pt
    slot_gap: float = 0.5  # bar thicknesses beyond the narrowest gap between bars that start a new slot
    slot_pad_margin: float = 0.5  # a label belongs to its slot up to half the gap to the next one, less this
    left_label_reach: float = 260.0  # labels left of horizontal bars end this close to the axis
    label_line_gap: tuple[float, float] = (0.6, 1.5)  # lines of one label under vertical bars: at most 0.6
    #   font sizes + 1.5 pt apart (a line gap); a note further below is not part of the label
    label_block_gap: float = 30.0  # words left of horizontal bars further than this from the label block
    value_side: float = 3.0  # a value's centre lies within this of its bar's sides
    value_overlap: float = 3.0  # a value label may overlap its bar's end by this much and still be outside it
    value_reach: tuple[float, float] = (18.0, 40.0)  # a value stands this close to its bar's end (vertical,
    #   horizontal bars; a horizontal bar's label is wider than a vertical one's is tall)
    alone_gap_em: float = 2.0  # a number standing alone has no other word within this many font sizes
    tick_reach: float = 40.0  # value-axis tick labels end this close left of vertical bars
    tick_overshoot: tuple[float, float] = (30.0, 6.0)  # ... from this far above the bars to this far below the axis
    tick_reach_below: float = 30.0  # tick labels under horizontal bars start this close under them
    tick_overshoot_x: tuple[float, float] = (10.0, 60.0)  # ... from this far left of the bars to this far right
    min_ticks: int = 3  # tick labels an axis scale needs (two always fit a line)
    tick_fit: float = 0.05  # share of the tick range a tick label may miss the fitted scale by
    length_slack: float = 0.6  # points a bar's end may be off its value on the scale, at each end
    value_slack: float = 0.04  # share of the value the bar length may be off (rounded printing)
    rounding: tuple[float, float] = (0.51, 0.3)  # a printed count is rounded to a whole, a percentage to 0.1 (+ slack)
    whole_reading: float = 0.15  # an unlabelled bar read on the scale must land this close to a whole number
    lattice_fit: float = 1.0  # a bar stands this close to its place in the slot pattern (its series' offset
    #   from the slot's start, the slots a pitch apart): Chromium and matplotlib place them to 0.01 pt
    pitch_fit: float = 0.1  # share of the pitch the gap between two slots may be off a whole number of pitches


BAR = BarSettings()
Splitter = Callable[[str, int], "list[str] | None"]  # run-together label text, slot count -> labels or None


@dataclass
class Bar:
    shape: Shape
    fill: tuple[float, ...]
    segment: int = 0  # position in its stack, 0 = at the baseline
    drawn: bool = True  # False: a bar of no length the producer did not draw, placed where it would stand


@dataclass
class BarChart:
    vertical: bool
    bars: list[Bar]
    baseline: float
    thickness: float
    stacked: bool = False
    ticks: list[Word] = field(default_factory=list)  # value-axis tick labels, once read
    legend: dict[tuple[float, ...], tuple[str, BBox]] = field(default_factory=dict)

    def in_legend(self, w: Word) -> bool:
        """Whether a word is part of one of this chart's legend entries (never a label or a value)."""
        return any(contains(b, w.cx, w.cy, pad=1) for _, b in self.legend.values())

    @property
    def bbox(self) -> BBox:
        return bbox_of(b.shape for b in self.bars)


def merged(pieces: list[Shape]) -> Shape:
    """Touching pieces of one colour drawn for one bar (a body and a cap, a bar cut by a gridline)."""
    return Shape("rect", *bbox_of(pieces), fill=pieces[0].fill, stroke=pieces[0].stroke)


def candidate_bars(page: Page, swatches: list[Shape]) -> list[Shape]:
    """Filled rectangles that could be bars: not backgrounds, not swatches, not panels or cells.

    A rectangle with words inside it is a table cell, header band or text box: bars carry at most
    their number. Zero-length bars are drawn as degenerate rectangles or paths of no height (or
    width); they are kept, because a printed 0 is a value.
    """
    area = page.width * page.height
    texts = [w for w in page.words if w.upright and w.number is None]
    out = []
    for s in page.shapes:
        if s in swatches or is_light(s.fill) or s.kind == "line":
            continue
        if s.kind == "curve" and not is_rectangle(s):
            continue  # pie slices and decorations
        if s.width * s.height > BAR.max_area * area:
            continue
        if any(s.x0 <= w.cx <= s.x1 and s.top <= w.cy <= s.bottom for w in texts):
            continue
        out.append(s)
    return out


def stacks(shapes: list[Shape], vertical: bool) -> list[list[Shape]]:
    """Segments drawn end to end on one slot, from the baseline outwards."""
    slots: dict[tuple[int, int], list[Shape]] = {}
    for s in shapes:
        key = (round(s.x0), round(s.x1)) if vertical else (round(s.top), round(s.bottom))
        slots.setdefault(key, []).append(s)
    out = []
    for group in slots.values():
        group.sort(key=lambda s: (-s.bottom, s.height) if vertical else (s.x0, s.width))  # zero-length segments first
        chain = [group[0]]
        for s in group[1:]:
            end = chain[-1].top if vertical else chain[-1].x1
            start = s.bottom if vertical else s.x0
            if abs(end - start) <= BAR.touch and same_fill(s.fill, chain[-1].fill):
                chain[-1] = merged([chain[-1], s])
            elif abs(end - start) <= BAR.touch:
                chain.append(s)
            else:
                out.append(chain)
                chain = [s]
        out.append(chain)
    return out


def group_charts(shapes: list[Shape], vertical: bool) -> list[BarChart]:
    """Stacks that share a baseline and a thickness, side by side without a huge gap, form one chart.

    Two charts can share a baseline (two horizontal charts one above the other, both starting at
    the same x): a big gap or a change of bar thickness separates them.
    """
    by_base: dict[int, list[list[Shape]]] = {}
    for chain in stacks(shapes, vertical):
        base = chain[0].bottom if vertical else chain[0].x0
        by_base.setdefault(round(base), []).append(chain)
    charts = []
    for base, chains in by_base.items():
        chains.sort(key=lambda c: c[0].x0 if vertical else c[0].top)
        run: list[list[Shape]] = [chains[0]]
        for c in chains[1:] + [None]:  # type: ignore[list-item]
            if c is not None:
                prev = run[-1][0]
                gap = (c[0].x0 - prev.x1) if vertical else (c[0].top - prev.bottom)
                t_prev, t = (prev.width, c[0].width) if vertical else (prev.height, c[0].height)
                (g, g0), (ratio, r0) = BAR.bar_gap, BAR.thickness_ratio
                if gap <= g * t_prev + g0 and max(t, t_prev) <= ratio * min(t, t_prev) + r0:
                    run.append(c)
                    continue
            chart = _chart(run, vertical, float(base))
            if chart is not None:
                charts.append(chart)
            run = [c] if c is not None else []
    return charts


def _chart(chains: list[list[Shape]], vertical: bool, base: float) -> BarChart | None:
    """A chart from its stacks, or None when they look like something else (too few, equal bands)."""
    thick = [c[0].width if vertical else c[0].height for c in chains]
    lengths = [sum(s.height if vertical else s.width for s in c) for c in chains]
    stacked = any(len(c) > 1 for c in chains)
    if (len(chains) < 2 and not stacked) or min(thick) < 2:
        return None
    if max(lengths) < BAR.min_longest:
        return None  # table rules and cell borders drawn as thin filled rectangles (Chromium: 0.75 pt)
    if len(chains) > 2 and max(lengths) - min(lengths) < BAR.equal_length and not stacked:
        return None  # equal bands: table row backgrounds, not data (equal stacks are 100% or equal totals)
    if max(lengths) - min(lengths) < BAR.equal_length and all(
            abs(s.width - s.height) < BAR.swatch_squareness and s.width <= INK.max_size for c in chains for s in c):
        return None  # equal small squares side by side: legend swatches of neighbouring charts
    bars = [Bar(s, s.fill or (0, 0, 0), i) for chain in chains for i, s in enumerate(chain)]
    return BarChart(vertical, bars, base, statistics.median(thick), stacked=stacked)


def find_bar_charts(page: Page) -> list[BarChart]:
    """All bar charts of a page, vertical and horizontal, with their legends attached.

    The segments of a horizontal stacked bar also share a bottom edge, like vertical bars do, so
    both readings are made and the one explaining more rectangles wins each contested rectangle.
    """
    swatches = find_swatches(page)
    shapes = candidate_bars(page, [e.mark for e in swatches])
    candidates = group_charts(shapes, vertical=True) + group_charts(shapes, vertical=False)
    candidates.sort(key=lambda c: (-len(c.bars), -c.stacked))
    charts: list[BarChart] = []
    taken: list[Shape] = []  # bars of the charts kept; a merged bar covers the pieces it was made of
    for c in candidates:
        if any(b.shape is t or _overlap(b.shape, t) for b in c.bars for t in taken):
            continue
        taken += [b.shape for b in c.bars]
        charts.append(c)
    for chart in charts:
        chart.legend = legend_for(chart, swatches)
    return charts


def _overlap(a: Shape, b: Shape) -> bool:
    """Two bars share ink (a quarter of a square point, so bars that only touch do not)."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0)) * (min(a.bottom, b.bottom) - max(a.top, b.top)) > BAR.shared_ink \
        and min(a.x1, b.x1) > max(a.x0, b.x0)


def legend_for(chart: BarChart, swatches: list[Swatch]) -> dict:
    """The legend entries whose swatch fill matches a fill of the chart's bars, nearest first.

    A chart with one bar per category needs no legend (several colours there only highlight a
    bar), so for it only a swatch right at the plot counts: otherwise the legend of a neighbouring
    pie in the same colour would be taken.
    """
    box = chart.bbox
    several, single = BAR.legend_reach
    reach = several if chart.stacked or any(len(g) > 1 for g in slots(chart)) else single
    legend: dict = {}
    ranked = sorted(swatches, key=lambda e: distance(box, e.mark.bbox))
    for fill in {b.fill for b in chart.bars}:
        for e in ranked:
            if same_fill(e.mark.fill, fill) and distance(box, e.mark.bbox) < reach:
                legend[fill] = (e.text, e.bbox)
                break
    return legend


def slots(chart: BarChart) -> list[list[Bar]]:
    """Bars grouped into category slots.

    In a grouped chart the bars of one category stand closest together and never repeat a series:
    a new slot starts at a gap clearly wider than the narrowest one, or when a colour comes back.
    A missing bar (a value drawn as nothing) then leaves a slot short instead of merging slots.
    """
    pos = sorted({(round(b.shape.x0, 1) if chart.vertical else round(b.shape.top, 1)) for b in chart.bars})
    bars_at = {p: [b for b in chart.bars if round(b.shape.x0 if chart.vertical else b.shape.top, 1) == p] for p in pos}
    fills = [b.fill for b in chart.bars]
    n_series = sum(fills.count(f) >= 2 for f in set(fills)) if not chart.stacked else 1  # a lone colour
    if n_series <= 1 or len(pos) < 2:                                                   # only highlights
        return [bars_at[p] for p in pos]
    edges = [(b.shape.x0, b.shape.x1) if chart.vertical else (b.shape.top, b.shape.bottom) for b in
             (bars_at[p][0] for p in pos)]
    gaps = [edges[i + 1][0] - edges[i][1] for i in range(len(edges) - 1)]
    cut = min(gaps) + BAR.slot_gap * chart.thickness
    groups: list[list[Bar]] = [list(bars_at[pos[0]])]
    for i, p in enumerate(pos[1:]):
        if gaps[i] > cut or any(b.fill == g.fill for b in bars_at[p] for g in groups[-1]):
            groups.append([])
        groups[-1].extend(bars_at[p])
    return groups


def with_undrawn_bars(page: Page, chart: BarChart, groups: list[list[Bar]]) -> list[list[Bar]]:
    """The slots with a bar of no length added wherever the slot pattern has a bar and none is drawn.

    A browser printing an SVG chart draws nothing for a value of 0 (its "0" label may still stand at
    the axis), so a grouped slot is a bar short and a single-series chart has a hole. The pattern
    comes from the complete slots: each series' offset from its slot's start, and the pitch between
    slots; an incomplete slot that does not fit it, or a chart without a complete slot, is left as
    it is. Holes of a whole number of pitches between two slots are slots whose every bar is 0; so are
    the slots beyond the first and the last one where a 0 is printed at the axis for each bar.
    """
    if chart.stacked or len(groups) < 2:
        return groups
    pos = (lambda b: b.shape.x0) if chart.vertical else (lambda b: b.shape.top)  # noqa: E731
    counts: dict[tuple[float, ...], int] = {}
    for b in (b for g in groups for b in g):
        counts[b.fill] = counts.get(b.fill, 0) + 1
    series = [f for f, n in counts.items() if n >= 2] if len(counts) > 1 else list(counts)
    if not series or any(len(g) > 1 for g in groups) != (len(series) > 1):
        return groups  # one bar per slot in several colours highlights, it is no series
    if len(series) == 1:
        full = groups
        offsets = {f: 0.0 for f in counts}
    else:
        full = [g for g in groups if len(g) == len(series) and {b.fill for b in g} == set(series)]
        if not full:
            return groups
        offsets = {f: statistics.median(pos(b) - min(pos(o) for o in g) for g in full for b in g if b.fill == f)
                   for f in series}
    starts: list[float] = []
    for g in groups:
        if any(b.fill not in offsets for b in g):
            return groups
        start = statistics.median(pos(b) - offsets[b.fill] for b in g)
        if any(abs(pos(b) - offsets[b.fill] - start) > BAR.lattice_fit for b in g):
            return groups  # the slot does not fit the pattern: its missing bar cannot be placed
        starts.append(start)
    steps = [b - a for a, b in zip(starts, starts[1:])]
    pitch = min(steps)
    if pitch <= chart.thickness * (len(series) - 1):
        return groups

    def undrawn(start: float, fill: tuple[float, ...]) -> Bar:
        lo, hi = start + offsets[fill], start + offsets[fill] + chart.thickness
        shape = Shape("rect", lo, chart.baseline, hi, chart.baseline, fill=fill) if chart.vertical else \
            Shape("rect", chart.baseline, lo, chart.baseline, hi, fill=fill)
        return Bar(shape, fill, drawn=False)

    out: list[list[Bar]] = []
    for i, g in enumerate(groups):
        present = {b.fill for b in g}
        missing = [undrawn(starts[i], f) for f in series if f not in present]
        out.append(sorted(g + [b for b in missing if not drawn_there(page, chart, b)], key=pos))
        if i + 1 < len(groups):
            k = round(steps[i] / pitch)
            if k >= 2 and abs(steps[i] - k * pitch) <= BAR.pitch_fit * pitch:
                holes = [[undrawn(starts[i] + j * pitch, f) for f in series] for j in range(1, k)]
                out += [h for h in holes if not any(drawn_there(page, chart, b) for b in h)]
    # beyond the first and the last drawn slot, only where the chart prints its 0s at the axis
    for step, at in ((-pitch, 0), (pitch, None)):
        start = starts[0] if at == 0 else starts[-1]
        while True:
            start += step
            slot = [undrawn(start, f) for f in series]
            if not all(printed_zero(page, chart, b) for b in slot):
                break
            out.insert(len(out) if at is None else 0, slot)
    return out


def drawn_there(page: Page, chart: BarChart, bar: Bar) -> bool:
    """Whether a shape of the bar's fill rises from the axis where the bar of no length is placed: a
    bar that is drawn but was not taken for one (a legend set over it puts words inside it)."""
    b = bar.shape
    for s in page.shapes:
        if s.fill is None or not same_fill(s.fill, bar.fill):
            continue
        across = min(s.x1, b.x1) - max(s.x0, b.x0) if chart.vertical else min(s.bottom, b.bottom) - max(s.top, b.top)
        at_axis = abs((s.bottom if chart.vertical else s.x0) - chart.baseline) <= BAR.touch
        if at_axis and across >= 0.5 * chart.thickness:
            return True
    return False


def printed_zero(page: Page, chart: BarChart, bar: Bar) -> bool:
    """Whether a 0 is printed where the bar of no length stands, as its value label (not the axis's 0)."""
    w, far = value_label(page, chart, bar, {id(t) for t in chart.ticks})
    return w is not None and not far and w.number is not None and w.number[0] == 0


def category_label(page: Page, chart: BarChart, group: list[Bar], pad: float,
                   cuts: list[float]) -> tuple[str, list[Word]]:
    """The label words beside a slot: under it for vertical bars, left of it for horizontal bars.

    Labels under vertical bars are sometimes printed edge to edge with no space ("GjilanFerizaj");
    words are cut at the slot boundaries `cuts` glyph by glyph first.
    """
    lo = min(b.shape.x0 if chart.vertical else b.shape.top for b in group) - pad
    hi = max(b.shape.x1 if chart.vertical else b.shape.bottom for b in group) + pad
    if chart.vertical:
        slanted = [label for label in slanted_labels(page, chart) if lo <= label[0] <= hi]
        if slanted:
            return slanted[0][1], slanted[0][2]
        words = [piece for w in page.words for piece in cut_at(w, cuts)] if cuts else page.words
        words = [w for w in words if not chart.in_legend(w) and lo <= w.cx <= hi
                 and chart.baseline - 1 <= w.top <= chart.baseline + BAR.label_reach
                 and not (w.upright and w.number is not None and w.top < chart.baseline + 2)
                 and (not w.upright or (w.x0 >= lo - pad and w.x1 <= hi + pad))]
        words = _nearest_block(words, chart.baseline, vertical=True)
        if any(not w.upright for w in words):  # rotated labels read bottom to top, columns left to right
            words = sorted((w for w in words if not w.upright), key=lambda w: (round(w.x0), -w.bottom))
            return text_of(words), words
    else:
        words = [w for w in page.words if not chart.in_legend(w) and lo <= w.cy <= hi and w.x1 <= chart.baseline + 1
                 and chart.baseline - w.x1 < BAR.left_label_reach]
        words = _nearest_block(words, chart.baseline, vertical=False)
    text = text_of(w for line in lines_of(words) for w in line)
    return text, words


def slanted_labels(page: Page, chart: BarChart) -> list[tuple[float, str, list[Word]]]:
    """Category labels set at a slant under vertical bars, as (x of the end at the axis, text, words).

    Each label is the words on one slanted line; its end nearest the axis (the top) stands at its
    slot, whatever way it runs: up to the right (x1 of its top word) or down to the right (x0).
    """
    near = [w for w in page.words if not w.upright and abs(abs(w.angle) - 90) > BAR.slant_min and not chart.in_legend(w)
            and chart.baseline - 1 <= w.top and w.bottom <= chart.baseline + BAR.label_reach]
    lines: list[list[Word]] = []
    for w in sorted(near, key=lambda w: w.top):
        theta = math.radians(w.angle)
        offset = math.sin(theta) * w.cx + math.cos(theta) * w.cy  # the same for words of one line
        for line in lines:
            first = line[0]
            t = math.radians(first.angle)
            off_line = abs(math.sin(t) * first.cx + math.cos(t) * first.cy - offset)
            if first.angle == w.angle and off_line < BAR.same_slant_line[0] * w.size + BAR.same_slant_line[1]:
                line.append(w)
                break
        else:
            lines.append([w])
    out = []
    for line in lines:
        top = line[0]
        if top.top - chart.baseline > BAR.slant_gap:
            continue  # a line that starts far below the axis is not a tick label
        rising = math.sin(math.radians(top.angle)) * math.cos(math.radians(top.angle)) > 0
        ordered = sorted(line, key=lambda w: w.x0)
        out.append((top.x1 if rising else top.x0, text_of(ordered), ordered))
    return out


def cut_at(word: Word, cuts: list[float]) -> list[Word]:
    """The word's pieces between slot boundaries, or the word itself when no boundary crosses it
    (so that a label that was not cut keeps its identity: only real cuts send a chart to review)."""
    pieces = split_word(word, cuts)
    return pieces if len(pieces) > 1 else [word]


def _nearest_block(words: list[Word], baseline: float, vertical: bool) -> list[Word]:
    """Keep the label block next to the axis, dropping text further away after a clear gap."""
    if not words:
        return words
    key = (lambda w: w.top - baseline) if vertical else (lambda w: baseline - w.x1)
    words = sorted(words, key=key)
    keep = [words[0]]
    def font(w: Word) -> tuple:  # a rotated glyph's "size" is its advance, not its type size
        return (w.fontname, round(w.size)) if w.upright else (w.fontname,)

    for w in words[1:]:
        if font(w) != font(words[0]):
            continue  # labels are set in one style; body text nearby is not
        if vertical and w.upright and keep[-1].upright and w.top - max(k.bottom for k in keep) > \
                BAR.label_line_gap[0] * w.size + BAR.label_line_gap[1]:
            break
        if not vertical and key(w) - max(key(k) + (k.x1 - k.x0) for k in keep) > BAR.label_block_gap:
            break
        keep.append(w)
    return keep


def value_label(page: Page, chart: BarChart, bar: Bar, taken: set[int]) -> tuple[Word | None, bool]:
    """The number printed for a bar, and whether it was found far from the bar.

    Near: at the bar's end (outside or just inside), or inside a stacked segment. Far: in a
    horizontal bar's row but away from its end, standing alone, as when a layout prints all values
    in a column at the chart's edge; such a reading is trusted only after the scale check.
    """
    s = bar.shape
    near, near_d, far, far_d = None, math.inf, None, math.inf
    for w in page.words:
        if id(w) in taken or not w.upright or w.number is None or chart.in_legend(w):
            continue  # (the year of a legend entry is no bar's value)
        if chart.vertical:
            if not (s.x0 - BAR.value_side <= w.cx <= s.x1 + BAR.value_side):
                continue
            inside = s.top - 1 <= w.cy <= s.bottom + 1 and s.height >= w.bottom - w.top
            d = abs(w.cy - s.cy) if chart.stacked and inside else (s.top - w.bottom if w.bottom <= s.top + 2 else (
                w.top - s.top if inside else math.inf))
            limit = BAR.value_reach[0]
        else:
            if not (s.top - BAR.value_side <= w.cy <= s.bottom + BAR.value_side):
                continue
            inside = s.x0 - 1 <= w.cx <= s.x1 + 1 and s.width >= w.x1 - w.x0
            d = abs(w.cx - s.cx) if chart.stacked and inside else (w.x0 - s.x1 if w.x0 >= s.x1 - 2 else (
                s.x1 - w.x1 if inside else math.inf))
            limit = BAR.value_reach[1]
        if d < -BAR.value_overlap or d == math.inf:
            continue
        if d <= limit or inside:  # inside its bar, at any depth (matplotlib centres labels)
            if abs(d) < near_d:
                near, near_d = w, abs(d)
        elif not chart.stacked and not chart.vertical and d < far_d and stands_alone(page, w):
            far, far_d = w, d
    return (near, False) if near is not None else (far, far is not None)


def stands_alone(page: Page, word: Word) -> bool:
    """No other word on the number's line within a few spaces: a printed value, not part of a sentence."""
    gap = BAR.alone_gap_em * word.em
    return not any(o is not word and abs(o.cy - word.cy) < 0.5 * (word.bottom - word.top)
                   and (0 <= word.x0 - o.x1 < gap or 0 <= o.x0 - word.x1 < gap) for o in page.words)


def axis_scale(page: Page, chart: BarChart) -> tuple[float, float] | None:
    """Value per point along the bars, from tick labels on the value axis: (slope, residual).

    Ticks are numbers in one column left of vertical bars (one row under horizontal bars) whose
    positions fit a straight line through the values; the fit's residual says how much to trust it.
    """
    x0, top, x1, bottom = chart.bbox
    if chart.vertical:
        ticks = [w for w in page.words if w.upright and w.number is not None and w.x1 <= x0 + 1
                 and x0 - w.x1 < BAR.tick_reach
                 and top - BAR.tick_overshoot[0] <= w.cy <= chart.baseline + BAR.tick_overshoot[1]]
        col: dict[int, list[Word]] = {}
        for w in ticks:
            col.setdefault(round(w.x1), []).append(w)
        ticks = max(col.values(), key=len, default=[])
        pairs = [(chart.baseline - w.cy, w.number[0]) for w in ticks]
    else:
        ticks = [w for w in page.words if w.upright and w.number is not None and w.top >= bottom - 1
                 and w.top - bottom < BAR.tick_reach_below
                 and x0 - BAR.tick_overshoot_x[0] <= w.cx <= x1 + BAR.tick_overshoot_x[1]]
        row: dict[int, list[Word]] = {}
        for w in ticks:
            row.setdefault(round(w.top), []).append(w)
        ticks = max(row.values(), key=len, default=[])
        pairs = [(w.cx - chart.baseline, w.number[0]) for w in ticks]
    # two ticks always fit a line; they make a scale only when one is the 0 at the axis (matplotlib
    # prints "0" and "5" under a short horizontal chart), which the line must then meet
    anchored = len(pairs) == 2 and any(y == 0 and abs(x) <= BAR.length_slack for x, y in pairs)
    if len(pairs) < BAR.min_ticks and not anchored:
        return None
    chart.ticks = list(ticks)
    xs, ys = zip(*pairs)
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in pairs) / sxx
    resid = max(abs(my + slope * (x - mx) - y) for x, y in pairs)
    if slope <= 0 or resid > BAR.tick_fit * (max(ys) - min(ys) or 1):
        return None
    return slope, resid


def run_together_labels(page: Page, chart: BarChart, n_slots: int, split: Splitter) -> list[tuple[str, list[Word]]] | None:
    """Category labels printed edge to edge under vertical bars ("Dragash/DragašKamenicaKaçanik"),
    split into names by `split` and given to the slots in order.

    Only used when one label word spans several slots and `split` finds exactly as many labels as
    slots; otherwise None, and the labels found by position stand.
    """
    x0, _, x1, _ = chart.bbox
    pitch = (x1 - x0) / max(n_slots, 1)
    under = [w for w in page.words if w.upright and w.number is None and x0 - pitch <= w.cx <= x1 + pitch
             and chart.baseline - 1 <= w.top <= chart.baseline + BAR.run_together_reach]
    if not under:
        return None
    wide = [line for line in lines_of(under) if any(w.x1 - w.x0 > BAR.run_together_width * pitch for w in line)]
    if not wide:
        return None
    first = wide[0]  # the run-together line, not a note or footer line set nearer the axis
    names = split(text_of(first), n_slots)
    return [(name, first) for name in names] if names else None


def read_bar_chart(page: Page, chart: BarChart, split: Splitter | None = None) -> list[Observation]:
    """Observations of one bar chart: one per bar (or stacked segment) that carries a number.

    `split` reads category labels printed run together (`labelsplit.split_names`); without it such
    labels are cut by position and sent to review.
    """
    scale = axis_scale(page, chart)  # before the undrawn bars: its tick labels are no bar's value
    groups = with_undrawn_bars(page, chart, slots(chart))
    starts = [min(b.shape.x0 if chart.vertical else b.shape.top for b in g) for g in groups]
    ends = [max(b.shape.x1 if chart.vertical else b.shape.bottom for b in g) for g in groups]
    gaps = [starts[i + 1] - ends[i] for i in range(len(groups) - 1)]
    pad = max(2.0, (min(gaps) / 2 - BAR.slot_pad_margin) if gaps else chart.thickness)
    cuts = [(ends[i] + starts[i + 1]) / 2 for i in range(len(groups) - 1)] if chart.vertical else []
    method = "chart:stacked_bar" if chart.stacked else "chart:bar"
    taken: set[int] = set()
    found: list[tuple[Bar, Word, float, bool, str, bool]] = []
    seen: list[Word] = []
    labelled = [category_label(page, chart, group, pad, cuts) for group in groups]
    printed = {id(w) for w in page.words}
    cut_by_position = any(id(w) not in printed for _, words in labelled for w in words)  # split_word pieces
    names = run_together_labels(page, chart, len(groups), split) if chart.vertical and split else None
    for i, group in enumerate(groups):
        label, label_words = names[i] if names else labelled[i]
        seen += label_words
        for bar in group:
            w, far = value_label(page, chart, bar, taken)
            if w is None:
                continue
            taken.add(id(w))
            seen.append(w)
            value, pct = w.number
            found.append((bar, w, value, pct, label, far))
    region = union(chart.bbox, *[b for _, b in chart.legend.values()], *[w.bbox for w in seen + chart.ticks])
    caption, _ = caption_above(page, region)
    # with no axis, every bar's length should follow one value-per-point ratio
    length = (lambda b: b.shape.height) if chart.vertical else (lambda b: b.shape.width)
    ratios = [v / length(b) for b, _, v, _, _, far in found if length(b) > 1 and v > 0 and not far]
    ratios = ratios or [v / length(b) for b, _, v, _, _, _ in found if length(b) > 1 and v > 0]
    implied = statistics.median(ratios) if len(ratios) >= 2 else None
    unit_scale = scale[0] if scale else implied
    out = []
    for bar, w, value, pct, label, far in found:
        conf = Confidence(READING)
        if far:
            conf = conf.doubt("value printed away from its bar, matched by row", cap=UNCONFIRMED)
        conf = label_doubt(conf, bool(names), cut_by_position)
        if unit_scale is not None:
            expected = length(bar) * unit_scale
            tol = max(BAR.length_slack * unit_scale * 2, BAR.value_slack * abs(value),
                      BAR.rounding[1] if pct else BAR.rounding[0])
            if abs(expected - value) > tol + (scale[1] if scale else 0):
                conf = conf.doubt(f"label {w.text} disagrees with bar length (reads {expected:.1f} on the scale)",
                                  cap=CONTRADICTED)
        else:
            conf = conf.doubt("no axis and too few bars to cross-check the label against bar lengths", cap=UNCONFIRMED)
        if not label:
            conf = conf.doubt("no category label found for this bar", cap=GUESS)
        series = chart.legend.get(bar.fill, ("", None))[0]
        if series and [t for t, _ in chart.legend.values()].count(series) > 1:
            conf = conf.doubt(f"two series share the legend name {series!r}: part of it was not read", cap=GUESS)
        if not series and any(len(g) > 1 for g in groups) and not chart.stacked:
            conf = conf.doubt("several series side by side but no legend names them", cap=GUESS)
        out.append(Observation(caption=caption, row=label, column=series, value=value,
                               unit="percent" if pct else "count",
                               prov=Provenance(page.number, (w.x0, w.top, w.x1, w.bottom), method, w.text),
                               conf=conf, region=region))
    read = {id(bar) for bar, *_ in found}
    percent = any(pct for _, _, _, pct, _, _ in found) or any("%" in w.text for w in chart.ticks)
    for i, group in enumerate(groups):
        label = (names[i] if names else labelled[i])[0]
        unread = [b for b in group if id(b) not in read]
        unprinted = unlabelled_bars(page, chart, [b for b in unread if b.drawn], label, scale, implied, percent,
                                    caption, region) + \
            undrawn_zeros(page, chart, [b for b in unread if not b.drawn], label, percent, caption, region)
        out += [replace(o, conf=label_doubt(o.conf, bool(names), cut_by_position)) for o in unprinted]
    return out


def label_doubt(conf: Confidence, split: bool, cut_by_position: bool) -> Confidence:
    """The doubt labels printed run together put on every value of the chart."""
    if split:
        return conf.doubt("category labels printed run together, split by the gazetteer", cap=UNCONFIRMED)
    if cut_by_position:  # a guess nothing checks: a person looks at it
        return conf.doubt("category labels printed run together, cut by position only", cap=GUESS)
    return conf


def undrawn_zeros(page: Page, chart: BarChart, bars: list[Bar], label: str, percent: bool, caption: str,
                  region) -> list[Observation]:
    """Bars the producer did not draw and no number names: 0 is the likely value, yet nothing on the
    page says it (the category may not have been reported), so each goes to review (GUESS)."""
    if not label:
        return []
    method = "chart:stacked_bar" if chart.stacked else "chart:bar"
    return [Observation(caption=caption, row=label, column=chart.legend.get(bar.fill, ("", None))[0], value=0.0,
                        unit="percent" if percent else "count",
                        prov=Provenance(page.number, (bar.shape.x0, bar.shape.top, bar.shape.x1, bar.shape.bottom),
                                        method, "(no bar drawn, no value printed)"),
                        conf=Confidence(READING).doubt("no bar drawn and no value printed: read as 0", cap=GUESS),
                        region=region)
            for bar in bars]


def unlabelled_bars(page: Page, chart: BarChart, bars: list[Bar], label: str, scale: tuple[float, float] | None,
                    implied: float | None, percent: bool, caption: str, region) -> list[Observation]:
    """Bars with no printed value, read from their length on the axis scale.

    Only counts (no % on the axis ticks or the printed values) and only when the length lands on a
    whole number; such a reading is never sure (INFERRED), because nothing printed confirms it. A bar
    drawn with no length is 0 on any scale, so it is read without an axis too, on the scale the
    other bars' printed values imply (a chart with neither yields nothing). A segment of a stack is
    read the same way, except one of no length: a zero in a stack is not drawn, so a segment of no
    length is an artefact of the producer (matplotlib draws them), not a printed 0.
    """
    if percent or not label:
        return []
    out = []
    for bar in bars:
        length = bar.shape.height if chart.vertical else bar.shape.width
        if (chart.stacked and length < BAR.touch) or (not scale and (length >= BAR.touch or implied is None)):
            continue
        reading = length * scale[0] if scale else 0.0
        if abs(reading - round(reading)) > BAR.whole_reading or reading < -BAR.whole_reading:
            continue
        s = bar.shape
        method = "chart:stacked_bar" if chart.stacked else "chart:bar"
        how = "the bar length on the axis scale" if scale else "a bar drawn with no length"
        out.append(Observation(caption=caption, row=label, column=chart.legend.get(bar.fill, ("", None))[0],
                               value=float(round(reading)), unit="count",
                               prov=Provenance(page.number, (s.x0, s.top, s.x1, s.bottom), method,
                                               f"{reading:.2f} ({how})"),
                               conf=Confidence(READING).doubt(f"no value printed: read from {how}", cap=INFERRED),
                               region=region))
    return out
