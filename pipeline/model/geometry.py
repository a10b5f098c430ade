"""Boxes on a page: one bbox type and the few operations every reader needs, as pdfplumber's
`utils/geometry.py` keeps them.

A bbox is a plain tuple `(x0, top, x1, bottom)` in PDF points with y growing downwards (pdfplumber's
coordinates), so it pickles, compares and lands in Parquet as it is. Words, shapes and table cells
carry the same four attributes and get `width`, `height`, `cx`, `cy` and `bbox` from `Box`.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

BBox = tuple[float, float, float, float]


class Edges(Protocol):
    x0: float
    top: float
    x1: float
    bottom: float


class Box:
    """Geometry shared by words and shapes (pdfplumber's coordinates: y grows downwards)."""

    __slots__ = ()
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def bbox_of(objects: Iterable[Edges]) -> BBox:
    """The smallest bbox around words, shapes or cells (pdfplumber's `objects_to_bbox`)."""
    objects = list(objects)
    return (min(o.x0 for o in objects), min(o.top for o in objects), max(o.x1 for o in objects),
            max(o.bottom for o in objects))


def union(*boxes: BBox | None) -> BBox:
    """The smallest bbox around the given ones, missing ones left out (pdfplumber's `merge_bboxes`)."""
    real = [b for b in boxes if b]
    return (min(b[0] for b in real), min(b[1] for b in real), max(b[2] for b in real), max(b[3] for b in real))


def overlaps(a: BBox, b: BBox) -> bool:
    """The two boxes share area (boxes that only touch do not)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def contains(box: BBox, x: float, y: float, pad: float = 0.0) -> bool:
    """The point lies in the box grown by `pad` on every side (a word is in a region when its centre is)."""
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


def distance(a: BBox, b: BBox) -> float:
    """Gap between two boxes (0 when they touch or overlap)."""
    dx = max(a[0] - b[2], 0, b[0] - a[2])
    dy = max(a[1] - b[3], 0, b[1] - a[3])
    return math.hypot(dx, dy)
