"""What the pipeline reads from a committed corpus document against its seed's truth.csv, by the
contract's key (indicator, municipality, category, period month).

Shared by the tests that each take one real document (corpora/<producer>/seed-N/) whose reading once
failed: every truth value of an indicator read, none read wrong, none read that the truth lacks.
"""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from pipeline.extract import process
from pipeline.model.records import Outcome, Value

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
PERCENT_TOLERANCE = 0.05  # the contract's


@cache
def outcome_of(pdf: Path) -> Outcome:
    return process(pdf)


def outcome(producer: str, seed: str, name: str) -> Outcome:
    return outcome_of(CORPORA / producer / seed / name)


def key(indicator: str, municipality: str | None, category: str | None, period_end: object) -> tuple[str, ...]:
    return indicator, municipality or "", category or "", str(period_end)[:7] if period_end else ""


def read_indicator(pdf: Path, indicator: str) -> tuple[dict[tuple, float], dict[tuple, Value]]:
    """(truth, values read) of `indicator` in the document, each by key."""
    with (pdf.parent / "truth.csv").open(encoding="utf-8") as f:
        truth = {key(r["indicator"], r["municipality_id"], r["category"], r["period_end"]): float(r["value"])
                 for r in csv.DictReader(f) if r["file"] == pdf.name and r["indicator"] == indicator}
    got = {key(v.indicator, v.municipality_id, v.category, v.period_end): v
           for v in outcome_of(pdf).values if v.indicator == indicator}
    return truth, got


def all_read(pdf: Path, indicator: str) -> bool:
    """Every truth value of `indicator` read right, and nothing else under it."""
    truth, got = read_indicator(pdf, indicator)
    return bool(truth) and set(got) == set(truth) and all(got[k].value == v for k, v in truth.items())


def truth(producer: str, seed: str, name: str, indicator: str) -> dict[tuple, float]:
    """(municipality, category, period month) -> value."""
    expected, _ = read_indicator(CORPORA / producer / seed / name, indicator)
    return {k[1:]: v for k, v in expected.items()}


def read(producer: str, seed: str, name: str, indicator: str) -> dict[tuple, tuple[float, float]]:
    """(municipality, category, period month) -> (value, confidence): the most confident per key."""
    got: dict[tuple, tuple[float, float]] = {}
    for v in outcome(producer, seed, name).values:
        if v.indicator == indicator:
            k = key(v.indicator, v.municipality_id, v.category, v.period_end)[1:]
            if k not in got or v.confidence > got[k][1]:
                got[k] = (v.value, v.confidence)
    return got


def assert_read(producer: str, seed: str, name: str, indicator: str) -> None:
    expected, got = truth(producer, seed, name, indicator), read(producer, seed, name, indicator)
    assert expected, f"no truth for {indicator} in {name}"
    wrong = {k: (got[k], v) for k, v in expected.items() if k in got and abs(got[k][0] - v) > PERCENT_TOLERANCE}
    extra = sorted(set(got) - set(expected))
    missing = sorted(set(expected) - set(got))
    assert not wrong and not extra and not missing, (wrong, extra, missing)
