"""What every reader returns: a value with its provenance, and items a person must review.

Readers fill what they know (indicator, value, provenance, confidence, the name as printed); the flow
adds the document's identity and period afterwards, so readers stay small.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.model.confidence import Confidence
from pipeline.model.geometry import BBox


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where and how a value was read, as docling-core's `ProvenanceItem`: made once by the reader and
    carried unchanged by the observation, the value and the output row."""

    page: int  # 1-based
    bbox: BBox | None  # PDF points, pdfplumber's top-left coordinates (x0, top, x1, bottom); None for HTML
    method: str  # chart:bar, chart:stacked_bar, chart:pie, table:ticks, table:grid, text:rule ...
    raw_text: str  # the printed value text (or sentence, or "figure | caption")


class Traced:
    """Read access to a record's provenance and confidence under the names the output uses. There are
    no setters: a confidence is lowered only by `conf = conf.doubt(...)`, which names the reason."""

    __slots__ = ()
    prov: Provenance
    conf: Confidence

    @property
    def page(self) -> int:
        return self.prov.page

    @property
    def bbox(self) -> BBox | None:
        return self.prov.bbox

    @property
    def method(self) -> str:
        return self.prov.method

    @property
    def raw_text(self) -> str:
        return self.prov.raw_text

    @property
    def confidence(self) -> float:
        return self.conf.score

    @property
    def notes(self) -> tuple[str, ...]:
        """Why the confidence was lowered."""
        return self.conf.reasons


@dataclass(slots=True)
class Value(Traced):
    indicator: str
    value: float
    unit: str  # count | percent | bool
    prov: Provenance
    conf: Confidence
    municipality_raw: str | None = None
    municipality_id: str | None = None
    match_score: float | None = None  # the places matcher's score (0-100) for municipality_raw
    category: str | None = None
    period_start: date | None = None
    period_end: date | None = None


def where_read(values: list[Value]) -> tuple[int | None, BBox | None]:
    """The page most of these values were read on and the box around them there: where a check that
    is about several values (a sum, a series, a tick list) sends the person who reviews it."""
    pages = Counter(v.page for v in values if v.page is not None)
    if not pages:
        return None, None
    page = pages.most_common(1)[0][0]
    boxes = [v.bbox for v in values if v.page == page and v.bbox]
    if not boxes:
        return page, None
    return page, (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                  max(b[3] for b in boxes))


@dataclass(slots=True)
class ReviewItem:
    page: int | None
    kind: str  # municipality_match | low_confidence_value | validation | unread_region
    text: str
    candidates: str = ""
    detail: str = ""
    bbox: BBox | None = None  # where on the page; written into the detail as `bbox=x0,top,x1,bottom`


@dataclass(slots=True)
class DocInfo:
    """What identification found out about a document; readers use it as context."""

    publisher: str | None = None  # OSCE | IDM | KP
    mechanism: str | None = None  # MCSC | MOCR | LPSC | KVSP
    language: str | None = None  # sq | sr | en
    period_start: date | None = None
    period_end: date | None = None
    title: str | None = None
    country: str | None = None  # XK | AL: narrows municipality matching
    evidence: dict[str, str] = field(default_factory=dict)  # why each field was decided

    def filled_from(self, hint: "DocInfo | None") -> "DocInfo":
        """Fill the fields identification left empty from a registry's metadata (content wins)."""
        if hint:
            for name in ("publisher", "mechanism", "language", "period_start", "period_end", "title", "country"):
                if getattr(self, name) is None and getattr(hint, name) is not None:
                    setattr(self, name, getattr(hint, name))
                    self.evidence[name] = "from the source registry"
        return self


@dataclass
class Outcome:
    """What reading one document gave (kept here, apart from the readers, so a cached outcome loads
    without importing them)."""

    path: Path
    document_id: str
    status: str = "ok"  # ok | partial | quarantined
    error: str | None = None
    info: DocInfo = field(default_factory=DocInfo)
    n_pages: int = 0
    values: list[Value] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    seconds: float = 0.0
    retry: bool = False  # not the document's own outcome (its reader process died, its task failed): read it again
