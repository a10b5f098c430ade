"""The indicator catalogue and category vocabularies of the output contract, shipped with the package."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class Indicator:
    name: str
    mechanism: str
    unit: str
    scope: str  # territory | municipality
    category_vocabulary: str
    meaning: str
    expected: bool = False  # every document of its mechanism carries it (coverage.py): missing means partial


COMMUNITIES = ("albanian", "serb", "turkish", "bosniak", "roma", "ashkali", "egyptian", "gorani",
               "montenegrin", "croat", "other")
GENDERS = ("female", "male")
CORE_TASKS = ("needs_assessment", "outreach_contacts", "stakeholder_coordination", "participation_facilitation",
              "policy_monitoring", "projects", "advice_to_municipal_bodies", "public_awareness")


def data_path(name: str):
    """A file of the package's `data/` folder (municipality list, catalogue, aliases)."""
    return files("pipeline") / "data" / name


@cache
def indicators() -> dict[str, Indicator]:
    with data_path("indicators.csv").open(encoding="utf-8") as f:
        return {
            r["indicator"]: Indicator(r["indicator"], r["mechanism"], r["unit"], r["scope"],
                                      r["category_vocabulary"], r["meaning"], r.get("expected") == "1")
            for r in csv.DictReader(f)
        }
