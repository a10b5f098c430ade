"""The document being drawn and the truth it carries.

Every value a page prints or draws is recorded at the moment it is drawn, with the exact text
printed for it (or None when only the geometry shows it: an unlabelled bar, a blank tick cell),
so truth.csv can never drift from what the pages show.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

TRUTH_COLUMNS = ["file", "indicator", "municipality_id", "category", "period_end", "value", "unit", "page"]
DOCS_COLUMNS = ["file", "publisher", "mechanism", "language", "period_start", "period_end"]
# Side file for the corpus test: what each truth value looks like on its page.
PRINTED_COLUMNS = ["file", "page", "indicator", "municipality_id", "category", "period_end",
                   "value_text", "label_text"]

UNITS = {"count", "percent", "bool"}


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month: a period 'Janar - shtator 2017' ends on 2017-09-30."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Period:
    """A month range as fact sheets print it ('Janar – shtator 2017')."""
    start: dt.date
    end: dt.date

    @classmethod
    def months(cls, y0: int, m0: int, y1: int, m1: int) -> "Period":
        return cls(dt.date(y0, m0, 1), month_end(y1, m1))

    @classmethod
    def year(cls, y: int) -> "Period":
        return cls.months(y, 1, y, 12)

    @classmethod
    def day(cls, d: dt.date) -> "Period":
        return cls(d, d)


@dataclass
class TruthRow:
    indicator: str
    municipality_id: str | None
    category: str | None
    period_end: dt.date
    value: float
    unit: str
    page: int
    value_text: str | None   # the value as printed on the page, None when only drawn
    label_text: str | None   # the row/segment label printed next to it, when there is one


def fmt_value(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:.1f}"
    return str(int(value))


@dataclass
class Doc:
    """One generated document: identification plus the truth rows its pages carry."""
    file: str
    publisher: str
    mechanism: str
    language: str            # sq, sr or en (Cyrillic editions are 'sr')
    period: Period
    title: str = ""
    rows: list[TruthRow] = field(default_factory=list)
    design: list[str] = field(default_factory=list)   # what was drawn how, for failure analysis

    def note(self, what: str) -> None:
        self.design.append(what)

    def record(self, indicator: str, value: float, unit: str, page: int, period_end: dt.date, *,
               municipality_id: str | None = None, category: str | None = None,
               value_text: str | None = None, label_text: str | None = None) -> None:
        assert unit in UNITS, unit
        self.rows.append(TruthRow(indicator, municipality_id, category, period_end, float(value),
                                  unit, page, value_text, label_text))


def write_tables(docs: list[Doc], out: Path) -> None:
    """truth.csv and docs.csv exactly like the shared dev set, plus printed.csv for the tests and
    designs.csv (per document, how each part was drawn) for reading a pipeline's misses."""
    with open(out / "truth.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(TRUTH_COLUMNS)
        for d in docs:
            for r in d.rows:
                w.writerow([d.file, r.indicator, r.municipality_id or "", r.category or "",
                            r.period_end.isoformat(), fmt_value(r.value, r.unit), r.unit, r.page])
    with open(out / "docs.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(DOCS_COLUMNS)
        for d in docs:
            w.writerow([d.file, d.publisher, d.mechanism, d.language,
                        d.period.start.isoformat(), d.period.end.isoformat()])
    with open(out / "designs.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "design"])
        for d in docs:
            w.writerow([d.file, "; ".join(d.design)])
    with open(out / "printed.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(PRINTED_COLUMNS)
        for d in docs:
            for r in d.rows:
                w.writerow([d.file, r.page, r.indicator, r.municipality_id or "", r.category or "",
                            r.period_end.isoformat(), r.value_text or "", r.label_text or ""])
