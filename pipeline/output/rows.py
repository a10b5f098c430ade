"""Values flattened into rows of the indicators table, with the column names taken from the schema.

The one place a `Value` becomes a row: its own fields, its `Provenance` (the box split into the
contract's x0/top/x1/bottom), its `Confidence` (score and reasons as `notes`) and the document's
fields are offered under their names, and the schema says which of them make a row, in its order.
A schema column nothing offers fails here, on the first write, not as a silent null downstream.
"""
from __future__ import annotations

from dataclasses import fields

import pyarrow as pa

from pipeline.model.confidence import DIGITS, Confidence
from pipeline.model.records import Provenance, Value
from pipeline.output.schema import INDICATORS

BBOX_COLUMNS = ("x0", "top", "x1", "bottom")  # the order a BBox holds them (pdfplumber's)


def provenance_columns(p: Provenance) -> dict:
    box = p.bbox if p.bbox is not None else (None,) * len(BBOX_COLUMNS)
    return {"page": p.page, **dict(zip(BBOX_COLUMNS, box)), "method": p.method, "raw_text": p.raw_text}


def confidence_columns(c: Confidence) -> dict:
    return {"confidence": round(float(c.score), DIGITS), "notes": "; ".join(c.reasons) or None}


def value_columns(v: Value) -> dict:
    own = {f.name: getattr(v, f.name) for f in fields(v) if f.name not in ("prov", "conf")}
    return {**own, **provenance_columns(v.prov), **confidence_columns(v.conf)}


def indicator_row(v: Value, document: dict) -> dict:
    """One row of `indicators/`: `document` holds the fields the value does not know (document_id,
    source_id, publisher, mechanism, language, run_id); float columns get floats."""
    offered = {**document, **value_columns(v)}
    missing = [name for name in INDICATORS.names if name not in offered]
    if missing:
        raise KeyError(f"indicators columns nothing provides: {missing}")
    return {f.name: float(offered[f.name]) if pa.types.is_floating(f.type) and offered[f.name] is not None
            else offered[f.name] for f in INDICATORS}
