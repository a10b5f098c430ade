"""What the pipeline reads from a committed corpus document against its seed's truth.csv.

Shared by the tests that each take one real document (corpora/<producer>/seed-N/) whose reading once
failed: every truth value of an indicator read, none read wrong, none read that the truth lacks.
"""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from pipeline.extract import process
from pipeline.model.records import Outcome

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
PERCENT_TOLERANCE = 0.05  # the contract's


@cache
def outcome(producer: str, seed: str, name: str) -> Outcome:
    return process(CORPORA / producer / seed / name)


def truth(producer: str, seed: str, name: str, indicator: str) -> dict[tuple, float]:
    with (CORPORA / producer / seed / "truth.csv").open(encoding="utf-8") as f:
        return {(r["municipality_id"], r["category"], r["period_end"][:7]): float(r["value"])
                for r in csv.DictReader(f) if r["file"] == name and r["indicator"] == indicator}


def read(producer: str, seed: str, name: str, indicator: str) -> dict[tuple, tuple[float, float]]:
    """(municipality, category, period month) -> (value, confidence): the most confident per key."""
    got: dict[tuple, tuple[float, float]] = {}
    for v in outcome(producer, seed, name).values:
        if v.indicator == indicator:
            key = (v.municipality_id or "", v.category or "", v.period_end.isoformat()[:7] if v.period_end else "")
            if key not in got or v.confidence > got[key][1]:
                got[key] = (v.value, v.confidence)
    return got


def assert_read(producer: str, seed: str, name: str, indicator: str) -> None:
    expected, got = truth(producer, seed, name, indicator), read(producer, seed, name, indicator)
    assert expected, f"no truth for {indicator} in {name}"
    wrong = {k: (got[k], v) for k, v in expected.items() if k in got and abs(got[k][0] - v) > PERCENT_TOLERANCE}
    extra = sorted(set(got) - set(expected))
    missing = sorted(set(expected) - set(got))
    assert not wrong and not extra and not missing, (wrong, extra, missing)
