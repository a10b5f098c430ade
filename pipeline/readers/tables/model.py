"""What a table reading is: cells on a row/column grid, and the settings every table reader shares.

Kept apart from the readers (`lattice.py` for tables drawn with rules or cell fills, `stream.py` for
tables laid out with whitespace) so that both build the same `Table`, and `route.py` can compare
their readings of one region and pick the better one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.model.pagemodel import Word

Bbox = tuple[float, float, float, float]


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
    bbox: Bbox
    cells: list[Cell]
    method: str  # "table:lattice", "table:hybrid" (rules for rows, whitespace for columns), "table:stream"
    confidence: float
    n_rows: int
    n_cols: int
    checks: dict[str, float] = field(default_factory=dict)  # the quality checks behind `confidence`

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

    def __post_init__(self) -> None:
        for name in ("snap", "thin", "column_gap_em", "max_line_gap_em"):
            if getattr(self, name) <= 0:
                raise ValueError(f"TableSettings.{name} must be positive")
        if self.min_rows < 1:
            raise ValueError("TableSettings.min_rows must be at least 1")


_NUMBER = re.compile(r"^[(\[<>~≈±+\-−–$€£¥]*\d[\d.,'\u00a0]*(?:[%‰)\]]|[a-zA-Z*†‡]{0,2})?\)?$")
_MISSING = {"-", "–", "—", "−", "..", "...", "…", "n.a.", "na", "n/a", "x", "*", "(na)", "(x)", "(d)", "(z)", "nil"}
_LEADER = re.compile(r"(?:\s?[.·…_]){3,}\s*$")


def is_number(text: str) -> bool:
    """A value cell: numbers with signs, units or a footnote mark ("1 269 (19.9%)"), or a
    missing-value symbol."""
    t = text.strip()
    return t.lower() in _MISSING or bool(t) and all(_NUMBER.match(p) for p in t.split())


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
    """Words of one cell in reading order: visual lines top to bottom, words left to right; in a
    cell of text turned by 90 degrees (a rotated column header), lines and words in the turned
    frame: bottom-to-top text reads its lines left to right and each line upwards."""
    turned = bool(words) and all(abs(abs(w.angle) - 90) < 1 for w in words)
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
    return " ".join(" ".join(w.text for w in sorted(line, key=along)) for line in lines)
