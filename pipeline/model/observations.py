"""What the graphic and table readers see, before anyone decides which indicator it is.

A reader reports a printed number with the labels around it — the row or category label, the
column or series label (a legend entry, a column header), and the caption above — plus its
geometry and how sure the reader is. `mapping.py` then turns observations into catalogue values.
Keeping the two apart lets one bar reader serve every chart of every publisher and language.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model.geometry import BBox


@dataclass(slots=True)
class Observation:
    page: int
    method: str  # chart:bar, chart:stacked_bar, chart:pie, table:ticks, table:likert, table:grid ...
    caption: str  # title / heading printed above the graphic
    row: str  # category label (municipality, community, statement, answer)
    column: str  # series label (legend entry, column header, period)
    raw: str  # the printed value text
    value: float
    unit: str  # count | percent | bool
    bbox: BBox
    confidence: float
    notes: list[str] = field(default_factory=list)
    region: BBox | None = None  # the whole graphic, for the review queue


# Booleans as printed in tick lists and matrices (the contract's convention). A dash is left out:
# in number tables it means "no data", and a blank tick cell is read as 0 anyway.
TICK_YES = {"✓", "✔", "☑", "✅", "po", "da", "yes", "да"}
TICK_NO = {"✗", "✘", "✕", "✖", "×", "☒", "jo", "ne", "no", "не"}

