"""One corpus document's truth and reading for one indicator, by the contract's key (indicator,
municipality, category, period month): what the tests on committed corpus PDFs compare."""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from pipeline.extract import process
from pipeline.model.records import Value


def key(indicator: str, municipality: str | None, category: str | None, period_end: object) -> tuple[str, ...]:
    return indicator, municipality or "", category or "", str(period_end)[:7]


@cache
def values_of(pdf: Path) -> tuple[Value, ...]:
    return tuple(process(pdf).values)


def read_indicator(pdf: Path, indicator: str) -> tuple[dict[tuple, float], dict[tuple, Value]]:
    """(truth, values read) of `indicator` in the document, each by key."""
    truth = {key(r["indicator"], r["municipality_id"], r["category"], r["period_end"]): float(r["value"])
             for r in csv.DictReader(open(pdf.parent / "truth.csv", encoding="utf-8"))
             if r["file"] == pdf.name and r["indicator"] == indicator}
    got = {key(v.indicator, v.municipality_id, v.category, v.period_end): v
           for v in values_of(pdf) if v.indicator == indicator}
    return truth, got


def all_read(pdf: Path, indicator: str) -> bool:
    """Every truth value of `indicator` read right, and nothing else under it."""
    truth, got = read_indicator(pdf, indicator)
    return bool(truth) and set(got) == set(truth) and all(got[k].value == v for k, v in truth.items())
