"""Boxes of running text beside a table (a call-out panel, a note box, a card of prose).

A designer sets a note in a filled or framed box (square or rounded) next to a table; the box's last line can share
a baseline with a table row, and a reading by whitespace then takes it for that row's first cell
("ZKKK në këtë fletë faktesh. Deçan"). The box says where its text ends: the words of a box that
holds prose are no table's words, whatever sits beside it.
"""
from __future__ import annotations

from pipeline.model.pagemodel import Page, Word
from pipeline.readers.tables.model import TableSettings
from pipeline.readers.tables.stream import is_prose, text_lines

# A box smaller than this (points) is a cell, a legend swatch or a shaded table row, not a panel.
MIN_WIDTH, MIN_HEIGHT = 60.0, 30.0
MAX_PAGE_SHARE = 0.5  # a box over half the page is a background, not a panel


def prose_panel_words(page: Page, words: list[Word], s: TableSettings) -> set[int]:
    """Ids of the words that sit in boxes holding prose (two lines or more of running text)."""
    out: set[int] = set()
    for sh in page.shapes:
        if sh.kind not in ("rect", "curve") or sh.width < MIN_WIDTH or sh.height < MIN_HEIGHT \
                or sh.width * sh.height > MAX_PAGE_SHARE * page.width * page.height:
            continue
        inside = [w for w in words if sh.x0 <= w.cx <= sh.x1 and sh.top <= w.cy <= sh.bottom]
        lines = text_lines(inside, s)
        if len(lines) >= 2 and is_prose(lines):
            out |= {id(w) for w in inside}
    return out
