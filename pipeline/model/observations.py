"""What the graphic and table readers see, before anyone decides which indicator it is.

A reader reports a printed number with the labels around it — the row or category label, the
column or series label (a legend entry, a column header), and the caption above — plus its
geometry and how sure the reader is. `mapping.py` then turns observations into catalogue values.
Keeping the two apart lets one bar reader serve every chart of every publisher and language.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.model.confidence import Confidence
from pipeline.model.geometry import BBox
from pipeline.model.records import Provenance, Traced

BLANK_CELL = "(blank cell)"  # the raw text of a value read from an empty cell (a tick column's "no")


@dataclass(slots=True)
class Observation(Traced):
    caption: str  # title / heading printed above the graphic
    row: str  # category label (municipality, community, statement, answer)
    column: str  # series label (legend entry, column header, period)
    value: float
    unit: str  # count | percent | bool
    prov: Provenance
    conf: Confidence
    region: BBox | None = None  # the whole graphic, for the review queue


# Booleans as printed in tick lists and matrices (the contract's convention). A dash is left out:
# in number tables it means "no data", and a blank tick cell is read as 0 anyway.
TICK_YES = {"✓", "✔", "☑", "✅", "po", "da", "yes", "да"}
TICK_NO = {"✗", "✘", "✕", "✖", "×", "☒", "jo", "ne", "no", "не"}

