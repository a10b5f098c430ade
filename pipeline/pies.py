"""Reading vector pie and donut charts.

A slice is a filled path that starts at the pie's centre, runs along an arc and returns: slices
sharing a centre form one pie. The slice's sweep angle (summed from its path points, so control
points of the Bézier arcs count too) gives its share; the printed percentage at or beside the
slice gives the value, and the two must agree. The category comes from the legend swatch of the
same fill, or from a label word printed with the percentage ("Femra 66%").
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.captions import caption_above, union
from pipeline.graphics_primitives import find_swatches, is_light, same_fill
from pipeline.observations import Observation, parse_number
from pipeline.pagemodel import Page, Shape, Word


@dataclass
class Slice:
    shape: Shape
    start: float  # radians, counter-clockwise from the x axis in page space (y down)
    sweep: float  # radians, > 0

    def contains(self, angle: float) -> bool:
        return (angle - self.start) % (2 * math.pi) <= self.sweep


@dataclass
class Pie:
    center: tuple[float, float]
    radius: float
    slices: list[Slice]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        (cx, cy), r = self.center, self.radius
        return (cx - r, cy - r, cx + r, cy + r)


def angle_of(center: tuple[float, float], point: tuple[float, float]) -> float:
    return math.atan2(point[1] - center[1], point[0] - center[0])


def as_slice(shape: Shape) -> Slice | None:
    """A wedge path (centre, arc, back to centre) as a slice; anything else is None."""
    pts = list(shape.points)
    if shape.kind != "curve" or len(pts) < 3 or is_light(shape.fill):
        return None
    center = pts[0]
    arc = [p for p in pts[1:] if math.dist(p, center) > 1.0]
    if len(arc) < 2:
        return None
    radii = [math.dist(p, center) for p in arc]
    if min(radii) < 0.5 * max(radii):
        return None  # control points sit a little outside the arc, never inside half the radius
    angles = [angle_of(center, p) for p in arc]
    sweep = 0.0
    for a, b in zip(angles, angles[1:]):
        sweep += (b - a + math.pi) % (2 * math.pi) - math.pi
    start = angles[0] if sweep > 0 else angles[-1]
    return Slice(shape, start, abs(sweep))


def find_pies(page: Page) -> list[Pie]:
    """Slices grouped by their common centre; a pie needs at least two slices."""
    by_center: dict[tuple[int, int], list[Slice]] = {}
    for s in page.shapes:
        sl = as_slice(s)
        if sl:
            c = s.points[0]
            by_center.setdefault((round(c[0]), round(c[1])), []).append(sl)
    pies = []
    for (cx, cy), slices in by_center.items():
        if len(slices) < 2 or sum(s.sweep for s in slices) < 1.5 * math.pi:
            continue
        center = slices[0].shape.points[0]
        radius = max(math.dist(p, center) for s in slices for p in s.shape.points[1:])
        pies.append(Pie(center, radius, slices))
    return pies


def read_pie(page: Page, pie: Pie) -> list[Observation]:
    """One observation per slice whose percentage is printed on or beside it."""
    labels = [w for w in page.words if w.upright and parse_number(w.text) and parse_number(w.text)[1]
              and math.dist((w.cx, w.cy), pie.center) < 1.6 * pie.radius + 20]
    swatches = [(e.mark, e.text, e.bbox) for e in find_swatches(page)
                if math.dist((e.mark.cx, e.mark.cy), pie.center) < 4 * pie.radius + 60]
    out = []
    used: set[int] = set()
    region_parts = [pie.bbox]
    for sl in pie.slices:
        word = nearest_label(pie, sl, labels, used)
        if word is None:
            continue
        used.add(id(word))
        value, _ = parse_number(word.text)
        category, cat_box = "", None
        for sq, text, box in sorted(swatches, key=lambda e: math.dist((e[0].cx, e[0].cy), pie.center)):
            if same_fill(sq.fill, sl.shape.fill):
                category, cat_box = text, box
                break
        share = 100 * sl.sweep / (2 * math.pi)
        conf, notes = 0.95, []
        if abs(share - value) > 2.0:
            conf, notes = 0.4, [f"label {word.text} disagrees with the slice angle ({share:.1f}%)"]
        if not category:
            conf, notes = min(conf, 0.45), notes + ["no legend entry matches this slice's colour"]
        region_parts += [word.bbox, cat_box]
        out.append(Observation(page=page.number, method="chart:pie", caption="", row=category, column="",
                               raw=word.text, value=value, unit="percent", bbox=word.bbox, confidence=conf,
                               notes=notes))
    region = union(*region_parts)
    caption, _ = caption_above(page, region)
    for o in out:
        o.caption, o.region = caption, region
    return out


def nearest_label(pie: Pie, sl: Slice, labels: list[Word], used: set[int]) -> Word | None:
    """The percentage word lying in the slice's angular range, closest to its bisector."""
    mid = sl.start + sl.sweep / 2
    best, best_d = None, 1e9
    for w in labels:
        if id(w) in used:
            continue
        a = angle_of(pie.center, (w.cx, w.cy))
        inside = sl.contains(a) or math.dist((w.cx, w.cy), pie.center) > pie.radius and sl.sweep < 0.5
        if not inside:
            continue
        d = abs((a - mid + math.pi) % (2 * math.pi) - math.pi)
        if d < best_d:
            best, best_d = w, d
    return best
