"""The one place where the output tables' shapes are defined (see CONTRACT.md).

Every writer builds its Arrow table from these schemas, so a renamed or missing column fails at
write time instead of surprising a downstream reader.
"""
from __future__ import annotations

import pyarrow as pa

INDICATORS = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_id", pa.string()),
        ("publisher", pa.string()),
        ("mechanism", pa.string()),
        ("language", pa.string()),
        ("indicator", pa.string()),
        ("municipality_id", pa.string()),
        ("category", pa.string()),
        ("period_start", pa.date32()),
        ("period_end", pa.date32()),
        ("value", pa.float64()),
        ("unit", pa.string()),
        ("page", pa.int32()),
        ("x0", pa.float64()),
        ("top", pa.float64()),
        ("x1", pa.float64()),
        ("bottom", pa.float64()),
        ("method", pa.string()),
        ("confidence", pa.float64()),
        ("raw_text", pa.string()),
        ("municipality_raw", pa.string()),
        ("run_id", pa.string()),
        # extras beyond the contract
        ("match_score", pa.float64()),
        ("notes", pa.string()),
    ]
)

DOCUMENTS = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_id", pa.string()),
        ("path_or_url", pa.string()),
        ("publisher", pa.string()),
        ("mechanism", pa.string()),
        ("language", pa.string()),
        ("title", pa.string()),
        ("period_start", pa.date32()),
        ("period_end", pa.date32()),
        ("n_pages", pa.int32()),
        ("status", pa.string()),  # ok | partial | quarantined
        ("error", pa.string()),
        ("n_indicators", pa.int32()),
        ("run_id", pa.string()),
        ("started_at", pa.timestamp("us", tz="UTC")),
        ("finished_at", pa.timestamp("us", tz="UTC")),
        # extras
        ("n_review", pa.int32()),
        ("seconds", pa.float64()),
    ]
)

REVIEW = pa.schema(
    [
        ("document_id", pa.string()),
        ("page", pa.int32()),
        ("kind", pa.string()),  # municipality_match | low_confidence_value | validation | unread_region
        ("text", pa.string()),
        ("candidates", pa.string()),
        ("detail", pa.string()),
        ("run_id", pa.string()),
    ]
)

TABLES = {"indicators": INDICATORS, "documents": DOCUMENTS, "review": REVIEW}
