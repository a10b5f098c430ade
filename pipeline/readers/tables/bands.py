"""Header text given to a table's body columns by the bands the body's values fix.

A header is set wider than its column's values (a tick column is one glyph wide, its heading a
phrase wrapped over a dozen lines), its lines are staggered between columns and a long line reaches
into the next column, so the header's own whitespace does not say which column a word heads. The
values do: each body column owns the band of the page from half-way to its left neighbour to
half-way to its right neighbour, and a heading (a phrase) belongs to the column whose band holds
its centre. Phrases are never cut at an edge: of 57 words crossing a band edge in the headers of the
mpl corpus (every seed), all were whole words overflowing their column; a heading of the label
column reaching past its labels ("Differences with respect to Germany", ICDAR eu-011) overflows
into the next band without being its heading; and cut captions of two graphics side by side no
longer read as captions (raw/samples 04-mcsc-sr.pdf lost its work-plan list).
"""
from __future__ import annotations

import bisect

from pipeline.model.pagemodel import Word

Span = tuple[float, float]


def band_edges(spans: list[Span]) -> list[float]:
    """The borders between consecutive columns (given left to right by their values' extents)."""
    return [(b + a) / 2 for (_, b), (a, _) in zip(spans, spans[1:])]


def band_of(x: float, edges: list[float]) -> int:
    """The column whose band holds `x`."""
    return bisect.bisect_right(edges, x)


def band_of_words(words: list[Word], edges: list[float]) -> int:
    """The column of a phrase: the band holding its centre."""
    return band_of((min(w.x0 for w in words) + max(w.x1 for w in words)) / 2, edges)
