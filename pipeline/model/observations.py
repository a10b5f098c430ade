"""What the graphic and table readers see, before anyone decides which indicator it is.

A reader reports a printed number with the labels around it — the row or category label, the
column or series label (a legend entry, a column header), and the caption above — plus its
geometry and how sure the reader is. `mapping.py` then turns observations into catalogue values.
Keeping the two apart lets one bar reader serve every chart of every publisher and language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model.confidence import Confidence
from pipeline.model.records import BBox, Provenance, Traced

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


NUMBER = re.compile(r"^(-?\d{1,3}(?:[ .\u202f]\d{3})+|-?\d+)(?:[.,](\d+))?\s?(%)?[*]?$")
# Booleans as printed in tick lists and matrices (the contract's convention). A dash is left out:
# in number tables it means "no data", and a blank tick cell is read as 0 anyway.
TICK_YES = {"✓", "✔", "☑", "✅", "po", "da", "yes", "да"}
TICK_NO = {"✗", "✘", "✕", "✖", "×", "☒", "jo", "ne", "no", "не"}


def parse_number(text: str) -> tuple[float, bool] | None:
    """A printed number as (value, is_percent); decimal commas and thousands separators understood.

    "12,5%" -> (12.5, True); "1.521" is ambiguous and read as 1521 only when the group has three
    digits after the dot (a thousands separator), which is how these publishers print counts.
    """
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    m = NUMBER.match(text)
    if not m:
        return None
    whole, frac, pct = m.group(1), m.group(2), m.group(3)
    if frac is not None and len(frac) == 3 and not pct and "," not in text and "." in text and len(whole) <= 3:
        return float(whole + frac), False  # "1.521" thousands
    digits = re.sub(r"[ .\u202f]", "", whole)
    value = float(f"{digits}.{frac}") if frac is not None else float(digits)
    return value, bool(pct)
