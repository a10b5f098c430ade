"""Header text given to a table's body columns by the bands the body's values fix.

A header is set wider than its column's values (a tick column is one glyph wide, its heading a
phrase wrapped over a dozen lines), its lines are staggered between columns and a long line reaches
into the next column, so the header's own whitespace does not say which column a word heads. The
values do: each body column owns the band of the page from half-way to its left neighbour to
half-way to its right neighbour, and a header word belongs to the column whose band holds its
centre. A word is never cut: of 57 words crossing a band edge in the headers of the mpl corpus
(every seed), all were whole words overflowing their column.
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


def by_band(words: list[Word], edges: list[float]) -> list[list[Word]]:
    """Runs of consecutive words (in the given order) that fall into one band, with its column:
    a phrase running across a border becomes one part per column."""
    parts: list[list[Word]] = []
    last = None
    for w in words:
        k = band_of(w.cx, edges)
        if parts and k == last:
            parts[-1].append(w)
        else:
            parts.append([w])
        last = k
    return parts
