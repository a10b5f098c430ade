"""What a generated document is: its pages as HTML, its metadata, and the values it prints (the truth)."""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Value:
    """One catalogue value as the document shows it; `printed` is its text on the page, None when drawn only."""

    indicator: str
    municipality_id: str | None
    category: str | None
    period_end: date
    value: float
    unit: str
    page: int
    printed: str | None


@dataclass
class Doc:
    """One document: HTML sections (one printed page each, or one web page) and its truth."""

    stem: str
    publisher: str
    mechanism: str
    language: str
    period_start: date
    period_end: date
    kind: str                      # bench label: mcsc, mocr, kvsp, kp-html, kp-pdf
    design: str
    title: str
    css: str = ""
    sections: list[str] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    outputs: tuple[str, ...] = ("pdf",)   # "html": the page itself is a document (page 1); "pdf": its print
    html_lang: str = "sq"
    defects: frozenset[str] = frozenset()
    header: dict[str, str] = field(default_factory=dict)   # @page margin boxes (print dates, page numbers)

    def add(self, indicator: str, value: float, unit: str, period_end: date, printed: str | None,
            municipality_id: str | None = None, category: str | None = None, page: int | None = None) -> None:
        """Record a value on the printed page being written (the next section) unless a page is given."""
        pg = page if page is not None else len(self.sections) + 1
        self.values.append(Value(indicator, municipality_id, category, period_end, float(value), unit, pg, printed))
