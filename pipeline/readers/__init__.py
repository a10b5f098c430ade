"""The graphic readers of a page: one visible list, one interface.

A reader finds the items of its kind on a page (bar charts, pies, tables) and reads each
into observations. The loop here owns what is common to all of them, as Docling's `build_pipe`
does: the order, the claims (a region one reader has read is not read again by the next), and
the isolation of failures (one item that raises costs that item, see `isolation.py`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pipeline.readers.bars import find_bar_charts, read_bar_chart
from pipeline.isolation import Isolation
from pipeline.lang.labelsplit import split_names
from pipeline.model.observations import Observation
from pipeline.model.pagemodel import Page, text_of
from pipeline.readers.pies import find_pies, read_pie
from pipeline.model.geometry import BBox, contains, overlaps
from pipeline.readers.tables.aligned import find_aligned
from pipeline.readers.tables.interpret import interpret
from pipeline.readers.tables.route import Table, find_tables


@dataclass
class Claims:
    """The regions of the page that readers earlier in the list have read."""

    regions: list[BBox] = field(default_factory=list)
    _tables: list[Table] | None = None

    def tables(self, page: Page) -> list[Table]:
        """The ruled and whitespace tables of the page, found once for both of their readers."""
        if self._tables is None:
            self._tables = find_tables(page)
        return self._tables

    def add(self, observations: list[Observation]) -> None:
        self.regions += list(dict.fromkeys(o.region for o in observations if o.region))

    def covers(self, bbox: BBox) -> bool:
        return any(overlaps(bbox, r) for r in self.regions)

    def share(self, bbox: BBox) -> float:
        """How much of `bbox` claimed regions cover (their overlaps summed, at most 1)."""
        area = max(1e-6, (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]))
        return min(1.0, sum(max(0.0, min(bbox[2], r[2]) - max(bbox[0], r[0])) *
                            max(0.0, min(bbox[3], r[3]) - max(bbox[1], r[1])) for r in self.regions) / area)

    def word_ids(self, page: Page) -> set[int]:
        """Words inside claimed regions (a chart's value labels are no table cells)."""
        return {id(w) for w in page.words for r in self.regions if contains(r, w.cx, w.cy, pad=1)}


class Reader(Protocol):
    name: str

    def find(self, page: Page, claims: Claims) -> Sequence[object]:
        """The items of this reader's kind on the page that no earlier reader has read."""

    def read(self, page: Page, item: object) -> list[Observation]:
        """One item's observations."""

    def region(self, item: object) -> BBox:
        """Where the item stands on the page (for claims and for what was seen but not read)."""


class BarCharts:
    name = "bar chart reader"

    def find(self, page: Page, claims: Claims) -> Sequence[object]:
        return [c for c in find_bar_charts(page) if not claims.covers(c.bbox)]

    def read(self, page: Page, item: object) -> list[Observation]:
        return read_bar_chart(page, item, split_names)

    def region(self, item: object) -> BBox:
        return item.bbox


class Pies:
    name = "pie reader"

    def find(self, page: Page, claims: Claims) -> Sequence[object]:
        return [p for p in find_pies(page) if not claims.covers(p.bbox)]

    def read(self, page: Page, item: object) -> list[Observation]:
        return read_pie(page, item)

    def region(self, item: object) -> BBox:
        return item.bbox


# A table another reader has partly read is still read unless that reader took most of it: shaded
# header cells over two year columns pass for a small bar chart (office seed-2 MOCR sr: 2% of the table).
MAX_CLAIMED_SHARE = 0.5


RULED_METHODS = ("table:lattice", "table:hybrid")  # cells from drawn rules (hybrid: rows from rules, columns from gaps)


class Tables:
    """Every table, found by one of the table finders and labelled by row and header by `interpret`.

    Drawn tables (`finder="ruled"`: cells enclosed by rules) are read before the charts, because a
    browser or an office suite draws cell borders and shaded cells as filled rectangles that look
    like bars; tables found from whitespace alone come after them, and tables found from isolated
    values aligned in columns (`finder="aligned"`: tick matrices, Likert tables, number columns) last,
    among the words no chart or other table claimed.
    """

    NAMES = {"ruled": "table reader (ruled)", "whitespace": "table reader", "aligned": "table reader (aligned values)"}

    def __init__(self, finder: str):
        self.finder = finder
        self.name = self.NAMES[finder]

    def find(self, page: Page, claims: Claims) -> Sequence[object]:
        if self.finder == "aligned":
            return find_aligned(page, claims.word_ids(page))
        return [t for t in claims.tables(page) if (t.method in RULED_METHODS) == (self.finder == "ruled")
                and claims.share(t.bbox) < MAX_CLAIMED_SHARE]

    def read(self, page: Page, item: object) -> list[Observation]:
        return interpret(page, item)

    def region(self, item: object) -> BBox:
        return item.bbox


READERS: tuple[Reader, ...] = (Tables("ruled"), BarCharts(), Pies(), Tables("whitespace"), Tables("aligned"))


def first_words(page: Page, box: BBox, n: int = 12) -> str:
    inside = [w for w in page.words if contains(box, w.cx, w.cy, pad=1)]
    return text_of(sorted(inside, key=lambda w: (round(w.top), w.x0))[:n])


@dataclass(frozen=True)
class Seen:
    """An item a reader found on a page, read or not: coverage checks that something came of it."""

    page: int
    reader: str
    bbox: BBox
    text: str  # its first words, for the person who looks
    n_observations: int  # what the reader made of it (0: found but not read at all)


def read_graphics(page: Page, isolation: Isolation, seen: list[Seen] | None = None,
                  readers: Sequence[Reader] = READERS) -> list[Observation]:
    """Every reader in turn on the page; each item isolated, each read region claimed, each item
    found recorded in `seen`."""
    claims = Claims()
    out: list[Observation] = []
    for reader in readers:
        found: list[Observation] = []
        for item in isolation.run(reader.name, page.number, reader.find, page, claims, default=[]):
            read = isolation.run(reader.name, page.number, reader.read, page, item, default=[])
            box = isolation.run(reader.name, page.number, reader.region, item, default=None)
            if seen is not None and box:
                seen.append(Seen(page.number, reader.name, box, first_words(page, box), len(read)))
            found += read
        claims.add(found)
        out += found
    return out
