"""Which registry sources a backfill takes: by publisher, mechanism, language and year range.

A source's years come from its `period` ("2017", "2015-2016"); a source without a period cannot be
placed in a year range, so a year filter leaves it out and says so (it is never silently taken).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.sources.registry import Source

YEAR = re.compile(r"\b(19|20)\d{2}\b")


@dataclass(frozen=True)
class Selection:
    publishers: tuple[str, ...] = ()  # empty: any
    mechanisms: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    def apply(self, sources: list[Source]) -> tuple[list[Source], list[Source]]:
        """(the sources selected, those left out only because they have no period to compare)."""
        chosen, unknown = [], []
        for s in sources:
            if not (_takes(self.publishers, s.publisher) and _takes(self.mechanisms, s.mechanism)
                    and _takes(self.languages, s.language)):
                continue
            if self.year_from is None and self.year_to is None:
                chosen.append(s)
                continue
            years = source_years(s)
            if years is None:
                unknown.append(s)
            elif years[1] >= (self.year_from or years[1]) and years[0] <= (self.year_to or years[0]):
                chosen.append(s)
        return chosen, unknown


def source_years(source: Source) -> tuple[int, int] | None:
    """First and last year the source's period names, or None."""
    years = [int(m.group()) for m in YEAR.finditer(source.period or "")]
    return (min(years), max(years)) if years else None


def _takes(allowed: tuple[str, ...], value: str) -> bool:
    return not allowed or value.lower() in {a.lower() for a in allowed}
