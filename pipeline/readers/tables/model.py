"""What a table reading is: cells on a row/column grid, and the settings every table reader shares.

Kept apart from the readers (`lattice.py` for tables drawn with rules or cell fills, `stream.py` for
tables laid out with whitespace) so that both build the same `Table`, and `route.py` can compare
their readings of one region and pick the better one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.model.geometry import BBox
from pipeline.model.pagemodel import Word, text_of


ALIGNED = "table:aligned"  # the method of tables found from isolated values aligned in columns (`aligned.py`)


@dataclass
class Cell:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    page: int
    bbox: BBox
    cells: list[Cell]
    method: str  # "table:lattice", "table:hybrid" (rules for rows, whitespace for columns), "table:stream",
    #   "table:aligned" (isolated values aligned in columns, `aligned.py`)
    confidence: float
    n_rows: int
    n_cols: int
    checks: dict[str, float] = field(default_factory=dict)  # the quality checks behind `confidence`
    parts: list[list[int]] | None = None  # column ranges of lists set side by side, when the finder saw them apart

    def grid(self, repeat_merged: bool = False) -> list[list[str]]:
        """Text by row and column. A merged cell's text sits in its top-left slot; the other slots it
        covers are "" (the ICDAR convention), or repeat it with `repeat_merged` (for mapping code)."""
        out = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    if (r, k) == (c.row, c.col) or repeat_merged:
                        out[r][k] = c.text
        return out


@dataclass(frozen=True)
class TableSettings:
    """Tolerances in points unless said otherwise; `*_em` values are multiples of the font size."""

    snap: float = 1.5  # rules closer than this are one rule; rule ends this close meet
    thin: float = 2.5  # a filled rectangle thinner than this is a rule
    column_gap_em: float = 0.75  # words further apart than this on a line are in different cells
    max_line_gap_em: float = 2.6  # rows of one table are never further apart than this
    min_rows: int = 2  # lines of several cells a whitespace table needs
    use_rules: bool = True  # False reads every table from whitespace alone (for testing the text reader)
    rule_cover: float = 0.6  # a cell edge is drawn when rules at its position cover this share of it
    min_rule_gap: float = 3.0  # rule positions closer than max(this, 2 snap) are one lattice line
    min_band_rules: int = 3  # row bands are stacked into one table when they share this many column rules
    band_gap_rows: float = 1.6  # ... and stand at most this many row heights apart; an unshaded row this
    #   close above or below a banded table is one of its rows
    bridge_snaps: float = 3.0  # bands further apart than this many snaps get the rules carried across

    def __post_init__(self) -> None:
        for name in ("snap", "thin", "column_gap_em", "max_line_gap_em", "rule_cover", "min_rule_gap", "band_gap_rows"):
            if getattr(self, name) <= 0:
                raise ValueError(f"TableSettings.{name} must be positive")
        if self.min_rows < 1:
            raise ValueError("TableSettings.min_rows must be at least 1")


_LEADER = re.compile(r"(?:\s?[.·…_]){3,}\s*$")


def strip_leaders(words: list[Word]) -> list[Word]:
    """Words without dot leaders ("Total ........ 12"): leaders join a label to its value visually,
    but for column finding they are whitespace, and they are never cell text."""
    out: list[Word] = []
    for w in words:
        m = _LEADER.search(w.text)
        if m is None:
            out.append(w)
            continue
        kept = w.text[: m.start()].rstrip()
        if kept:
            x1 = w.x0 + (w.x1 - w.x0) * len(kept) / len(w.text)
            out.append(Word(kept, w.x0, w.top, x1, w.bottom, w.fontname, w.size, w.upright))
    return out


def cell_text(words: list[Word]) -> str:
    """Words of one cell in reading order: visual lines top to bottom, words left to right; text
    turned by 90 degrees (a rotated column header) in its own frame, before upright text: bottom-to-top
    text reads its lines left to right and each line upwards."""
    quarter = [w for w in words if abs(abs(w.angle) - 90) < 1]
    if quarter and len(quarter) < len(words):
        rest = [w for w in words if abs(abs(w.angle) - 90) >= 1]
        return f"{cell_text(quarter)} {cell_text(rest)}"
    turned = bool(quarter)
    sign = 1.0 if not turned or words[0].angle > 0 else -1.0
    # (position across lines, position along the line, thickness of a line) in the reading frame
    across = (lambda w: sign * w.cx) if turned else (lambda w: w.cy)  # noqa: E731
    along = (lambda w: -sign * w.cy) if turned else (lambda w: w.x0)  # noqa: E731
    thick = (lambda w: w.x1 - w.x0) if turned else (lambda w: w.bottom - w.top)  # noqa: E731
    lines: list[list[Word]] = []
    for w in sorted(words, key=across):
        if lines and across(w) - across(lines[-1][0]) < 0.5 * thick(w):
            lines[-1].append(w)
        else:
            lines.append([w])
    return text_of(w for line in lines for w in sorted(line, key=along))
