"""Truth rows as the documents are built, and their pages once LibreOffice has laid them out.

A builder does not know where Writer breaks pages, so every value carries an *anchor* (the text of
the heading or caption of its block, printed once) and, for rows of a table or chart, the printed
row label. After conversion the page of a value is the first page holding its anchor, or, for a
labelled row, the first page from there on that holds the label (a table that runs over a page).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

TRUTH_COLUMNS = ["file", "indicator", "municipality_id", "category", "period_end", "value", "unit", "page"]
PRINTED_COLUMNS = ["file", "indicator", "municipality_id", "category", "period_end", "printed", "page"]
DOCS_COLUMNS = ["file", "publisher", "mechanism", "language", "period_start", "period_end"]


@dataclass
class Value:
    indicator: str
    value: float
    unit: str
    period_end: str
    anchor: str
    municipality_id: str = ""
    category: str = ""
    printed: str | None = None      # the value's text as printed; None when only drawn
    row_label: str | None = None
    page: int = 0

    def key(self) -> tuple:
        return (self.indicator, self.municipality_id, self.category, self.period_end)


@dataclass
class Doc:
    file: str
    publisher: str
    mechanism: str
    language: str
    period_start: str
    period_end: str
    values: list[Value]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def page_texts(pdf: Path) -> list[tuple[str, str]]:
    """Each page's text twice: in reading order, and in content-stream order (Writer draws a table
    cell by cell, so a wrapped label in one cell of a row of cards is contiguous only there)."""
    with pdfplumber.open(pdf) as doc:
        return [(squash(p.extract_text() or ""), squash("".join(c["text"] for c in p.chars)))
                for p in doc.pages]


def resolve_pages(doc: Doc, pdf: Path) -> None:
    """Set each value's page; raise when an anchor is not in the text layer (a builder bug).

    A row label is looked for after the anchor on the anchor page, then on the following pages:
    the same names also label the charts around a table."""
    pages = page_texts(pdf)
    for v in doc.values:
        anchor = squash(v.anchor)
        start = next((i for i, t in enumerate(pages) if any(anchor in x for x in t)), None)
        if start is None:
            raise ValueError(f"{doc.file}: anchor not found in text layer: {v.anchor!r}")
        page = start
        if v.row_label:
            label = squash(v.row_label)
            after = [x[x.index(anchor) + len(anchor):] for x in pages[start] if anchor in x]
            if not any(label in x for x in after):
                page = next((i for i in range(start + 1, len(pages)) if any(label in x for x in pages[i])),
                            start)
        v.page = page + 1


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def write(out: Path, docs: list[Doc]) -> None:
    rows, printed = [], []
    seen: dict[tuple, float] = {}
    for d in docs:
        for v in d.values:
            key = (d.file, *v.key())
            if key in seen:          # the same value printed twice is one value
                if seen[key] != v.value:
                    raise ValueError(f"two values for one key: {key}: {seen[key]} and {v.value}")
                continue
            seen[key] = v.value
            rows.append([d.file, v.indicator, v.municipality_id, v.category, v.period_end,
                         _fmt(v.value), v.unit, v.page])
            if v.printed is not None:
                printed.append([d.file, v.indicator, v.municipality_id, v.category, v.period_end,
                                v.printed, v.page])
    for name, cols, data in (("truth.csv", TRUTH_COLUMNS, rows), ("printed.csv", PRINTED_COLUMNS, printed),
                             ("docs.csv", DOCS_COLUMNS,
                              [[d.file, d.publisher, d.mechanism, d.language, d.period_start, d.period_end]
                               for d in docs])):
        with open(out / name, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            w.writerows(data)
