"""Reading vector pie and donut charts.

A slice is a filled path along an arc: a wedge from the centre, or a ring segment of a donut.
Touching slices form one pie; its centre is the point all wedges share, or the middle of the
ring. A slice's sweep (summed along its outer arc, so Bézier control points count too) gives its
share, and the printed percentage must agree with it. The percentage is found, in this order:
  - at the end of a leader line that starts on the slice's arc,
  - on or beside the slice, in its angular range (inside, or outside at its edge),
  - in the legend entry of the slice's colour ("Gra 34%").
The category comes from the legend entry of the slice's colour, or from words printed with the
percentage ("Femra 66%"). Nothing here depends on how one producer draws: start point, direction
and path commands vary between reportlab, Chromium (Skia) and matplotlib.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pipeline.readers.captions import caption_above
from pipeline.model.geometry import BBox, contains, distance, union
from pipeline.model.graphics_primitives import Swatch, find_swatches, is_light, is_rectangle, same_fill
from pipeline.model.confidence import CONTRADICTED, Confidence, GUESS, READING
from pipeline.model.observations import Observation
from pipeline.model.pagemodel import Page, Shape, Word, lines_of, text_of
from pipeline.model.records import Provenance

Point = tuple[float, float]


@dataclass(frozen=True)
class PieSettings:
    """Layout assumptions of the pie reader, in PDF points or shares of the radius R."""

    touch: float = 1.5  # slices of one pie touch or overlap: white separators of 1-2 px leave them touching
    min_turn: float = 1.5 * math.pi  # slices must cover this much of the circle (a pie, not a stray arc)
    max_turn: float = 2.2 * math.pi  # ... and not much more (a donut's background ring is one more turn)
    center_snap: float = 0.2  # a point all wedges share, this share of R from the middle, is the centre
    leader_start: tuple[float, float] = (0.85, 1.25)  # a leader line starts this many R from the centre
    small_slice: float = 0.5  # radians (8%): a narrower slice may have its label outside, off its range
    same_line: float = 3.0  # words whose centres are this close vertically share a line
    legend_agree: float = 0.05  # a label and a legend entry both print the share: they must be equal
    label_reach: tuple[float, float] = (1.8, 40.0)  # labels within 1.8 R + 40 pt: outside labels sit at R + 10-25
    legend_reach: tuple[float, float] = (4.0, 60.0)  # legends within 4 R + 60 pt of the centre
    leader_end: float = 8.0  # a leader line ends this close to its label (Chromium, matplotlib: 2-5 pt)
    agree: float = 2.0  # percentage points between the printed share and the angle (rounding is <= 0.5)
    word_gap_em: float = 1.0  # a category printed beside its percentage is this close to it
    stack_gap_em: float = 0.6  # ... or over it, its line this many font sizes above (0.1-0.3 measured)
    closed: float = 0.5  # a path whose ends are this close is closed (a wedge drawn without closing it)
    min_sweep: float = 1e-3  # radians: a narrower wedge is no slice (a degenerate path)
    same_size: float = 0.5  # a category over its percentage is set in the same size, within this


PIE = PieSettings()


@dataclass
class Slice:
    shape: Shape
    start: float  # radians, counter-clockwise from the x axis in page space (y down)
    sweep: float  # radians, > 0

    def contains(self, angle: float) -> bool:
        return (angle - self.start) % (2 * math.pi) <= self.sweep


@dataclass
class Pie:
    center: Point
    radius: float
    slices: list[Slice]
    legend: list[Swatch] = field(default_factory=list)  # the entries nearer this pie than any other

    @property
    def bbox(self) -> BBox:
        (cx, cy), r = self.center, self.radius
        return (cx - r, cy - r, cx + r, cy + r)


def angle_of(center: Point, point: Point) -> float:
    return math.atan2(point[1] - center[1], point[0] - center[0])


def as_slice(shape: Shape, center: Point) -> Slice | None:
    """A wedge or ring segment around `center` as a slice; None if its outer arc has no extent.

    The sweep is summed over the points of the outer arc (those beyond the midpoint between the
    nearest and farthest point): a wedge's centre and a ring's inner arc drop out.
    """
    pts = list(shape.points)
    if len(pts) > 1 and math.dist(pts[0], pts[-1]) < PIE.closed:
        pts.pop()  # the closing point repeats the first
    dists = [math.dist(p, center) for p in pts]
    if not dists or max(dists) < 2:
        return None
    cut = (min(dists) + max(dists)) / 2
    arc = _outer_run(pts, [d > cut for d in dists])
    if len(arc) < 2:
        return None
    angles = [angle_of(center, p) for p in arc]
    sweep = sum((b - a + math.pi) % (2 * math.pi) - math.pi for a, b in zip(angles, angles[1:]))
    if abs(sweep) < PIE.min_sweep:
        return None
    return Slice(shape, angles[0] if sweep > 0 else angles[-1], abs(sweep))


def _outer_run(pts: list[Point], outer: list[bool]) -> list[Point]:
    """The longest run of consecutive outer points, the path read as closed (it may start mid-arc)."""
    if all(outer):
        return pts
    k = outer.index(False)
    order = list(range(k + 1, len(pts))) + list(range(k + 1))  # start right after an inner point
    runs: list[list[Point]] = [[]]
    for i in order:
        if outer[i]:
            runs[-1].append(pts[i])
        elif runs[-1]:
            runs.append([])
    return max(runs, key=len)


def _touching(shapes: list[Shape]) -> list[list[Shape]]:
    """Shapes grouped by touching bounding boxes (transitively)."""
    groups: list[list[Shape]] = []
    for s in shapes:
        near = [g for g in groups if any(s.x0 <= o.x1 + PIE.touch and o.x0 <= s.x1 + PIE.touch
                                         and s.top <= o.bottom + PIE.touch and o.top <= s.bottom + PIE.touch
                                         for o in g)]
        merged = [s] + [o for g in near for o in g]
        groups = [g for g in groups if g not in near] + [merged]
    return groups


def _center(group: list[Shape]) -> Point:
    """The middle of the group, or, for wedges, the point near it that every wedge passes through
    (exact, where the middle is off by the overshoot of Bézier control points). Slices also share
    the ends of their common edges, which lie on the rim, far from the middle."""
    x0, x1 = min(s.x0 for s in group), max(s.x1 for s in group)
    top, bottom = min(s.top for s in group), max(s.bottom for s in group)
    middle = ((x0 + x1) / 2, (top + bottom) / 2)
    near = PIE.center_snap * max(x1 - x0, bottom - top) / 2
    for p in group[0].points:
        if math.dist(p, middle) < near and all(any(math.dist(p, q) < 1.0 for q in s.points) for s in group[1:]):
            return p
    return middle


def find_pies(page: Page) -> list[Pie]:
    """Touching filled curves that together turn (nearly) once around one centre; two slices at least."""
    curves = [s for s in page.shapes if s.kind == "curve" and len(s.points) >= 3 and not is_light(s.fill)
              and not is_rectangle(s)]
    pies = []
    for group in _touching(curves):
        if len(group) < 2:
            continue
        center = _center(group)
        slices = [sl for s in group if (sl := as_slice(s, center))]
        if len(slices) < 2 or not PIE.min_turn <= sum(s.sweep for s in slices) <= PIE.max_turn:
            continue
        radius = max((max(s.x1 for s in group) - min(s.x0 for s in group)),
                     (max(s.bottom for s in group) - min(s.top for s in group))) / 2
        pies.append(Pie(center, radius, slices))
    for entry in find_swatches(page) if pies else []:  # each legend entry to its nearest pie in reach
        near = [(math.dist((entry.mark.cx, entry.mark.cy), p.center), i) for i, p in enumerate(pies)]
        near = [(d, i) for d, i in near if d < PIE.legend_reach[0] * pies[i].radius + PIE.legend_reach[1]]
        if near:
            pies[min(near)[1]].legend.append(entry)
    return pies


LEGEND_SHARE = re.compile(r"^(?P<label>.*?\S)\s*\(?\s*(?P<value>\d+(?:[.,]\d+)?)\s*%\s*\)?$")


TRUNCATED = re.compile(r"(\.\.\.|…)\s*$")  # a label cut to fit its box, as office suites shorten legend entries


def _legend_value(entry: Swatch) -> tuple[str, float | None]:
    """A legend entry's category and, if it ends in a percentage ("Gra 34%", "Po (88,6 %)"), that value."""
    m = LEGEND_SHARE.match(entry.text.strip())
    if m and m.group("label").strip("( "):
        return m.group("label").strip("( "), float(m.group("value").replace(",", "."))
    return entry.text, None


def read_pie(page: Page, pie: Pie) -> list[Observation]:
    """One observation per slice whose percentage is printed (by it, at a leader line's end, or in the
    legend), checked against the slice's angle."""
    reach = PIE.label_reach[0] * pie.radius + PIE.label_reach[1]
    entries = find_swatches(page)
    own = {id(sl.shape) for sl in pie.slices}
    others = [s for s in page.shapes if s.kind == "curve" and id(s) not in own and not is_light(s.fill)
              and math.dist((s.cx, s.cy), pie.center) < reach + max(s.width, s.height)]
    labels = [w for w in page.words if w.upright and w.number and w.number[1]
              and math.dist((w.cx, w.cy), pie.center) < reach and not any(contains(e.bbox, w.cx, w.cy, pad=1) for e in entries)
              and not any(contains(s.bbox, w.cx, w.cy, pad=1) for s in others)]  # a label on another chart's slice is its own
    leaders = [s for s in page.shapes if s.kind in ("line", "curve") and is_light(s.fill) and s.stroke is not None]
    out = []
    used: set[int] = set()
    region_parts = [pie.bbox]
    for sl in pie.slices:
        entry = next((e for e in sorted(pie.legend, key=lambda e: math.dist((e.mark.cx, e.mark.cy), pie.center))
                      if same_fill(e.mark.fill, sl.shape.fill)), None)
        category, legend_value = _legend_value(entry) if entry else ("", None)
        if TRUNCATED.search(category):
            category = ""  # a legend entry cut short ("Ž...") names nothing: the slice's own label may
        share = 100 * sl.sweep / (2 * math.pi)
        word = leader_label(pie, sl, leaders, labels, used) or nearest_label(pie, sl, labels, used)
        printed = word.number[0] if word is not None else None
        conf = Confidence(READING)
        if printed is not None and legend_value is not None and abs(legend_value - printed) > PIE.legend_agree:
            if abs(legend_value - share) <= PIE.agree < abs(printed - share):
                word = printed = None  # a stray percentage near the pie; the legend and the angle agree
            else:
                conf = conf.doubt(f"label {word.text} disagrees with the legend ({legend_value:g}%)", cap=CONTRADICTED)
        if word is not None and printed is not None:
            used.add(id(word))
            value, raw, bbox = printed, word.text, word.bbox
            if not category:
                beside = words_beside(page, word)
                category = text_of(beside)
                region_parts += [w.bbox for w in beside]
                used.update(id(w) for w in beside)
        elif entry is not None and legend_value is not None:
            value, raw, bbox = legend_value, entry.text, entry.bbox
        else:
            continue
        if abs(share - value) > PIE.agree:
            conf = conf.doubt(f"label {raw} disagrees with the slice angle ({share:.1f}%)", cap=CONTRADICTED)
        if not category:
            conf = conf.doubt("no legend entry matches this slice's colour", cap=GUESS)
        region_parts += [bbox, entry.bbox if entry else None]
        out.append(Observation(caption="", row=category, column="", value=value, unit="percent",
                               prov=Provenance(page.number, bbox, "chart:pie", raw), conf=conf))
    region = union(*region_parts)
    caption, _ = caption_above(page, union(pie.bbox, *(e.bbox for e in pie.legend)), labels=frozenset(used))
    for o in out:
        o.caption, o.region = caption, region
    return out


def _ends(s: Shape) -> list[Point]:
    """The end points of a stroke: a polyline's first and last points, a line's two diagonal corners
    (both diagonals, since a line's bbox does not say which one it runs along)."""
    if s.points:
        return [s.points[0], s.points[-1]]
    return [(s.x0, s.top), (s.x1, s.bottom), (s.x0, s.bottom), (s.x1, s.top)]


def leader_label(pie: Pie, sl: Slice, leaders: list[Shape], labels: list[Word], used: set[int]) -> Word | None:
    """The percentage at the far end of a leader line that starts on this slice's arc."""
    for s in leaders:
        ends = _ends(s)
        for i, p in enumerate(ends):
            d = math.dist(p, pie.center)
            lo, hi = PIE.leader_start
            if not (lo * pie.radius <= d <= hi * pie.radius and sl.contains(angle_of(pie.center, p))):
                continue
            far = [q for j, q in enumerate(ends) if j != i and math.dist(q, pie.center) > d]
            for q in far:
                hit = [w for w in labels if id(w) not in used and distance((*q, *q), w.bbox) < PIE.leader_end]
                if hit:
                    return min(hit, key=lambda w: distance((*q, *q), w.bbox))
    return None


def nearest_label(pie: Pie, sl: Slice, labels: list[Word], used: set[int]) -> Word | None:
    """The percentage word lying in the slice's angular range, closest to its bisector."""
    mid = sl.start + sl.sweep / 2
    best, best_d = None, math.inf
    for w in labels:
        if id(w) in used:
            continue
        a = angle_of(pie.center, (w.cx, w.cy))
        inside = sl.contains(a) or math.dist((w.cx, w.cy), pie.center) > pie.radius and sl.sweep < PIE.small_slice
        if not inside:
            continue
        d = abs((a - mid + math.pi) % (2 * math.pi) - math.pi)
        if d < best_d:
            best, best_d = w, d
    return best


def words_beside(page: Page, word: Word) -> list[Word]:
    """The words of a category printed on the percentage's line right before it ("Femra 66%"), or
    over it."""
    line = next((ln for ln in lines_of([w for w in page.words if w.upright and abs(w.cy - word.cy) < PIE.same_line])
                 if word in ln), [])
    i = line.index(word) if word in line else 0
    before: list[Word] = []
    for w in reversed(line[:i]):
        edge = (before[0] if before else word).x0
        if edge - w.x1 > PIE.word_gap_em * w.em or w.number:
            break
        before.insert(0, w)
    return before or words_over(page, word)


def words_over(page: Page, word: Word) -> list[Word]:
    """A category printed on the line right over its percentage ("Women" / "31.2%", as matplotlib
    and designers stack outside labels): text of the same size whose line sits within a line gap
    above and overlaps the percentage horizontally."""
    above = [w for w in page.words if w.upright and 0 <= word.top - w.bottom <= PIE.stack_gap_em * word.size
             and w.x0 < word.x1 and w.x1 > word.x0 and abs(w.size - word.size) < PIE.same_size]
    lines = lines_of(above)
    if not lines:
        return []
    line = lines[-1]
    return [] if any(w.number for w in line) else line
