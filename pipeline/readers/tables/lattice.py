"""Tables drawn with rules: from the page's vector shapes to a lattice of cells.

Rules come from drawn lines, from thin filled rectangles (most report tools draw rules that way)
and from the edges of cell fills (tables "drawn" only with coloured cell backgrounds). Rules that
touch form a cluster; a cluster with at least one closed cell is a ruled region. Its lattice is the
set of distinct rule positions; two neighbouring lattice cells are one (merged) cell when no rule
separates them. No rendering: everything is read from the page model, which keeps it fast.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.model.pagemodel import Page, Shape, Word, lines_of
from pipeline.model.geometry import BBox
from pipeline.model.graphics_primitives import is_visible
from pipeline.readers.tables.model import Cell, TableSettings, cell_text



@dataclass(frozen=True)
class Rule:
    horizontal: bool
    pos: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


@dataclass
class Lattice:
    """Rule positions of one ruled region, and which stretches of each are actually drawn."""

    bbox: BBox
    xs: list[float]
    ys: list[float]
    rules: list[Rule]
    banded: bool = False  # stacked from separately drawn row bands (see `stack_banded`)

    def drawn(self, horizontal: bool, pos: float, start: float, end: float, s: TableSettings) -> bool:
        """Whether rules at `pos` cover most of [start, end]: a missing stretch merges two cells."""
        covered = sum(
            max(0.0, min(r.end, end) - max(r.start, start))
            for r in self.rules
            if r.horizontal == horizontal and abs(r.pos - pos) <= 2 * s.snap
        )
        return covered >= s.rule_cover * (end - start)


def shape_to_rules(shape: Shape, s: TableSettings) -> list[Rule]:
    """The rules one shape draws: a line or thin bar is one rule, a visible box gives its four edges.

    White boxes without a stroke draw nothing; curves (rounded corners, chart marks) are ignored.
    """
    if shape.kind == "curve":
        return []
    w, h = shape.width, shape.height
    if h <= s.thin and w > h and w > s.snap:
        return [Rule(True, shape.cy, shape.x0, shape.x1)]
    if w <= s.thin and h > w and h > s.snap:
        return [Rule(False, shape.cx, shape.top, shape.bottom)]
    if shape.kind != "rect" or w <= s.thin or h <= s.thin:
        return []
    visible_fill = is_visible(shape.fill)
    if shape.stroke is None and not visible_fill:
        return []
    return [
        Rule(True, shape.top, shape.x0, shape.x1),
        Rule(True, shape.bottom, shape.x0, shape.x1),
        Rule(False, shape.x0, shape.top, shape.bottom),
        Rule(False, shape.x1, shape.top, shape.bottom),
    ]


def merge_rules(rules: list[Rule], snap: float) -> list[Rule]:
    """Collinear rules that overlap or nearly touch become one; the many small bars of a dashed or
    cell-by-cell drawn rule become one long rule."""
    out: list[Rule] = []
    for horizontal in (True, False):
        group = sorted((r for r in rules if r.horizontal == horizontal), key=lambda r: (r.pos, r.start))
        rows: list[list[Rule]] = []
        for r in group:
            if rows and r.pos - rows[-1][0].pos <= snap:
                rows[-1].append(r)
            else:
                rows.append([r])
        for row in rows:
            pos = sum(r.pos for r in row) / len(row)
            cur: list[float] | None = None
            for r in sorted(row, key=lambda r: r.start):
                if cur is not None and r.start <= cur[1] + snap:
                    cur[1] = max(cur[1], r.end)
                else:
                    if cur is not None:
                        out.append(Rule(horizontal, pos, cur[0], cur[1]))
                    cur = [r.start, r.end]
            if cur is not None:
                out.append(Rule(horizontal, pos, cur[0], cur[1]))
    return out


def touches(h: Rule, v: Rule, snap: float) -> bool:
    return h.start - snap <= v.pos <= h.end + snap and v.start - snap <= h.pos <= v.end + snap


def rule_clusters(rules: list[Rule], snap: float) -> list[list[Rule]]:
    """Rules connected through crossings or touching ends (union-find over horizontal/vertical pairs)."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in hs:
        for j in vs:
            if touches(rules[i], rules[j], snap):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(rules):
        groups.setdefault(find(i), []).append(r)
    return list(groups.values())


def positions(values: list[float], min_gap: float) -> list[float]:
    """Distinct rule positions: values closer than `min_gap` (double rules, the two edges of a white
    gap between cell fills) are one boundary."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] < min_gap:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def cluster_to_lattice(rules: list[Rule], s: TableSettings) -> Lattice | None:
    """A lattice when the cluster encloses at least one cell; lone rules and crosses are not tables."""
    hs = [r for r in rules if r.horizontal]
    vs = [r for r in rules if not r.horizontal]
    if len(hs) < 2 or len(vs) < 2:
        return None
    bbox = (min(r.start for r in hs), min(r.start for r in vs), max(r.end for r in hs), max(r.end for r in vs))
    min_gap = max(s.min_rule_gap, 2 * s.snap)
    xs = positions([r.pos for r in vs], min_gap)
    ys = positions([r.pos for r in hs], min_gap)
    if len(xs) < 2 or len(ys) < 2:
        return None
    return Lattice(bbox, xs, ys, rules)


def visible_shapes(shapes: list[Shape], s: TableSettings) -> list[Shape]:
    """Shapes whose edges can be seen: a fill inside a larger fill of the same colour (word
    processors pad every cell's text with its own background box) draws no edge."""
    fills: dict[tuple[float, ...], list[Shape]] = {}
    out: list[Shape] = []
    for sh in shapes:
        if sh.kind == "rect" and sh.fill is not None and sh.stroke is None and min(sh.width, sh.height) > s.thin:
            fills.setdefault(tuple(round(v, 2) for v in sh.fill), []).append(sh)
        else:
            out.append(sh)
    for group in fills.values():
        group.sort(key=lambda sh: -sh.width * sh.height)
        kept: list[Shape] = []
        for sh in group:
            if not any(k.x0 - s.snap <= sh.x0 and k.top - s.snap <= sh.top and sh.x1 <= k.x1 + s.snap
                       and sh.bottom <= k.bottom + s.snap for k in kept):
                kept.append(sh)
        out.extend(kept)
    return out


def find_lattices(page: Page, s: TableSettings) -> list[Lattice]:
    """Ruled regions of a page, largest first, none inside another."""
    rules = merge_rules([r for sh in visible_shapes(page.shapes, s) for r in shape_to_rules(sh, s)], s.snap)
    lattices = [lat for c in rule_clusters(rules, s.snap) if (lat := cluster_to_lattice(c, s))]
    lattices = stack_banded(lattices, page.words, s)
    lattices.sort(key=lambda l: -(l.bbox[2] - l.bbox[0]) * (l.bbox[3] - l.bbox[1]))
    kept: list[Lattice] = []
    for lat in lattices:
        x0, t, x1, b = lat.bbox
        if not any(k.bbox[0] - 1 <= x0 and k.bbox[1] - 1 <= t and x1 <= k.bbox[2] + 1 and b <= k.bbox[3] + 1
                   for k in kept):
            kept.append(lat)
    return kept


def same_columns(a: Lattice, b: Lattice, s: TableSettings) -> bool:
    """Two ruled regions with the same left and right edges and the same column rules."""
    near = lambda x, xs: any(abs(x - y) <= 2 * s.snap for y in xs)  # noqa: E731
    return (abs(a.bbox[0] - b.bbox[0]) <= 2 * s.snap and abs(a.bbox[2] - b.bbox[2]) <= 2 * s.snap
            and len(a.xs) >= s.min_band_rules and all(near(x, a.xs) for x in b.xs) and all(near(x, b.xs) for x in a.xs))


def row_height(lat: Lattice) -> float:
    return min(b - a for a, b in zip(lat.ys, lat.ys[1:]))


def bridged(lat: Lattice, top: float, bottom: float, s: TableSettings) -> Lattice:
    """`lat` with its column rules carried through [top, bottom]: the unshaded rows of a banded table
    keep the columns of the shaded ones."""
    rules = lat.rules + [Rule(False, x, top, bottom) for x in lat.xs] + [Rule(True, y, lat.bbox[0], lat.bbox[2])
                                                                         for y in (top, bottom)]
    ys = positions(lat.ys + [top, bottom], max(s.min_rule_gap, 2 * s.snap))
    return Lattice((lat.bbox[0], min(lat.bbox[1], top), lat.bbox[2], max(lat.bbox[3], bottom)), lat.xs, ys, rules,
                   lat.banded)


def runs_across(words: list[Word], lat: Lattice, s: TableSettings) -> bool:
    """Whether words (sorted left to right) run across a column rule at word spacing: a caption or a
    sentence, not the cells of a row."""
    return any(band(a.cx, lat.xs) != band(b.cx, lat.xs) and 0 <= b.x0 - a.x1 < s.column_gap_em * a.size
               for line in lines_of(words) for a, b in zip(line, line[1:]))


def stack_banded(lattices: list[Lattice], words: list[Word], s: TableSettings) -> list[Lattice]:
    """One lattice for a table whose rows are drawn as separate bands (an office suite's banded rows:
    every other row shaded, or rows set apart by spacing). Ruled regions stacked with the same column
    rules and at most about a row apart are one table; the rows between them, and one row of text
    right below the last band, take the columns of the bands."""
    out: list[Lattice] = []
    for lat in sorted(lattices, key=lambda l: l.bbox[1]):
        prev = out[-1] if out else None
        gap = lat.bbox[1] - prev.bbox[3] if prev else 0.0
        between = [w for w in words if prev and prev.bbox[0] <= w.cx <= prev.bbox[2]
                   and prev.bbox[3] <= w.cy <= lat.bbox[1]]
        if prev and same_columns(prev, lat, s) and gap <= s.band_gap_rows * max(row_height(prev), row_height(lat)) \
                and not runs_across(between, prev, s):
            merged = bridged(prev, prev.bbox[3], lat.bbox[1], s) if gap > s.bridge_snaps * s.snap else prev
            out[-1] = Lattice((merged.bbox[0], merged.bbox[1], merged.bbox[2], max(lat.bbox[3], prev.bbox[3])),
                              merged.xs,
                              positions(merged.ys + lat.ys, max(s.min_rule_gap, 2 * s.snap)),
                              merged.rules + lat.rules, True)
        else:
            out.append(lat)
    return [with_outer_rows(lat, words, s) if lat.banded else lat for lat in out]


def with_outer_rows(lat: Lattice, words: list[Word], s: TableSettings) -> Lattice:
    """A banded table that starts or ends on an unshaded row: the line right above or below it whose
    words fall in at least two of its columns, the first one in the label column, is one of its rows
    (a header row taken this way is still a header to the interpretation). A line is outside the bands
    when its centre is: its glyphs may touch the edge (an office suite sets text at the top of its row)."""
    h = row_height(lat)
    for above in (True, False):
        near = lines_of(w for w in words if lat.bbox[0] <= w.cx <= lat.bbox[2] and (
            lat.bbox[1] - s.band_gap_rows * h <= w.top and w.cy <= lat.bbox[1] if above
            else lat.bbox[3] <= w.cy and w.bottom <= lat.bbox[3] + s.band_gap_rows * h))
        # the one line nearest the bands: the last line of a wrapped header above it is no part of the row
        line = (near[-1] if above else near[0]) if near else []
        cols = {band(w.cx, lat.xs) for w in line}
        if line and len(cols) >= 2 and band(line[0].cx, lat.xs) == 0 and -1 not in cols \
                and not runs_across(line, lat, s):
            lat = bridged(lat, min(w.top for w in line) - 1.0, lat.bbox[1], s) if above \
                else bridged(lat, lat.bbox[3], max(w.bottom for w in line) + 1.0, s)
    return lat


def band(v: float, edges: list[float]) -> int:
    """Index of the band between consecutive `edges` holding `v`, or -1 outside."""
    for i in range(len(edges) - 1):
        if edges[i] <= v < edges[i + 1]:
            return i
    return -1


def lattice_cells(lat: Lattice, words: list[Word], s: TableSettings) -> list[Cell]:
    """Cells of a lattice: lattice slots joined where the rule between them is not drawn, words placed
    by their centre, empty rows and columns dropped (spacing bands, doubled rules)."""
    nr, nc = len(lat.ys) - 1, len(lat.xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not lat.drawn(False, lat.xs[c + 1], lat.ys[r], lat.ys[r + 1], s):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not lat.drawn(True, lat.ys[r + 1], lat.xs[c], lat.xs[c + 1], s):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    slot_words: dict[int, list[Word]] = {}
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    for w in words:
        r, c = band(w.cy, lat.ys), band(w.cx, lat.xs)
        if r >= 0 and c >= 0:
            slot_words.setdefault(find(r * nc + c), []).append(w)
            used_rows.add(r)
            used_cols.add(c)
    groups: dict[int, list[int]] = {}
    for i in range(nr * nc):
        groups.setdefault(find(i), []).append(i)
    row_map = {r: k for k, r in enumerate(sorted(used_rows))}
    col_map = {c: k for k, c in enumerate(sorted(used_cols))}
    cells: list[Cell] = []
    for root, members in groups.items():
        rows = sorted({i // nc for i in members if i // nc in row_map})
        cols = sorted({i % nc for i in members if i % nc in col_map})
        if not rows or not cols:
            continue
        r0, r1 = min(i // nc for i in members), max(i // nc for i in members)
        c0, c1 = min(i % nc for i in members), max(i % nc for i in members)
        cells.append(Cell(
            text=cell_text(slot_words.get(root, [])),
            x0=lat.xs[c0], top=lat.ys[r0], x1=lat.xs[c1 + 1], bottom=lat.ys[r1 + 1],
            row=row_map[rows[0]], col=col_map[cols[0]], rowspan=len(rows), colspan=len(cols),
        ))
    return cells
