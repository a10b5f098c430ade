"""The output tables' contracts as pandera schemas: what a row may hold, beyond its Arrow type.

`schema.py` fixes the columns and their storage types; these schemas add what CONTRACT.md says about
the values: vocabularies (publisher, mechanism, language, unit, status, review kind), indicator names
from the catalogue with their unit, ranges per unit (percent 0-100, bool 0/1, counts whole and >= 0),
categories in the indicator's vocabulary, and one value per key within a document.

`factsheets ingest` checks every document's rows with `IndicatorRows` before writing them
(`enforce`), and tests check whole output folders with `check_folder`. A row that fails is never
dropped silently: it leaves `indicators/` for `review/` (kind `validation`, the failed checks and the
whole row as JSON in the detail), and the document becomes `partial` with the count in its error.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from pipeline.indicators import catalogue
from pipeline.output import location, schema
from pipeline.indicators.catalogue import data_path
from pipeline.output.store import to_table

PUBLISHERS = ("OSCE", "IDM", "KP")
MECHANISMS = ("MCSC", "MOCR", "LPSC", "KVSP")
LANGUAGES = ("sq", "sr", "en")
UNITS = ("count", "percent", "bool")
STATUSES = ("ok", "partial", "quarantined")
REVIEW_KINDS = ("municipality_match", "low_confidence_value", "validation", "unread_region", "reader_failure")
KEY = ("indicator", "municipality_id", "category", "period_end")  # one value per key within a document
LIKERT = re.compile(r"^t\d+\.[a-z]+:[1-5]$")
SURVEY_ANSWER = re.compile(r"^f\d+:[a-z0-9_\-.]+$")


@cache
def municipality_ids() -> frozenset[str]:
    return frozenset(pd.read_csv(data_path("municipalities.csv").open(encoding="utf-8"))["municipality_id"])


def category_ok(vocabulary: str, category: object) -> bool:
    """Is `category` a word of the indicator's category vocabulary (null when it has none)?"""
    if not vocabulary:
        return pd.isna(category)
    if pd.isna(category):
        return False
    fixed = {"gender": catalogue.GENDERS, "community": catalogue.COMMUNITIES, "core_task": catalogue.CORE_TASKS}
    if vocabulary in fixed:
        return category in fixed[vocabulary]
    pattern = {"likert_item": LIKERT, "survey_answer": SURVEY_ANSWER}.get(vocabulary)
    return bool(pattern and pattern.match(str(category)))


def frame_check(error: str) -> Callable[[Callable[[pd.DataFrame], pd.Series]], pa.Check]:
    """A check over whole rows, named after its function, with the sentence a review item shows."""
    return lambda fn: pa.Check(fn, name=fn.__name__, error=error)


@frame_check("unit is not the catalogue's unit of the indicator")
def unit_of_indicator(df: pd.DataFrame) -> pd.Series:
    units = {k: v.unit for k, v in catalogue.indicators().items()}
    return df["indicator"].map(units) == df["unit"]


@frame_check("value out of its unit's range (percent 0-100, bool 0/1, count whole and >= 0)")
def value_in_range(df: pd.DataFrame) -> pd.Series:
    v = df["value"]
    whole = (v >= 0) & (v == v.round())
    return ((df["unit"] == "percent") & v.between(0, 100)) | ((df["unit"] == "bool") & v.isin([0.0, 1.0])) \
        | ((df["unit"] == "count") & whole)


@frame_check("category not in the indicator's vocabulary")
def category_in_vocabulary(df: pd.DataFrame) -> pd.Series:
    vocab = {k: v.category_vocabulary for k, v in catalogue.indicators().items()}
    return pd.Series([category_ok(vocab.get(i, ""), c) for i, c in zip(df["indicator"], df["category"])],
                     index=df.index, dtype=bool)


@frame_check("municipality_id must be set exactly for municipality-scope indicators")
def scope_of_indicator(df: pd.DataFrame) -> pd.Series:
    scope = df["indicator"].map({k: v.scope for k, v in catalogue.indicators().items()})
    return (scope == "municipality") == df["municipality_id"].notna()


@frame_check("period_start after period_end")
def period_in_order(df: pd.DataFrame) -> pd.Series:
    return df["period_start"].isna() | (df["period_start"] <= df["period_end"])


@frame_check("bbox corners out of order (x0 <= x1, top <= bottom)")
def bbox_in_order(df: pd.DataFrame) -> pd.Series:
    return df["x0"].isna() | ((df["x0"] <= df["x1"]) & (df["top"] <= df["bottom"]))


@frame_check("two values for one key (indicator, municipality, category, period) in a document")
def one_value_per_key(df: pd.DataFrame) -> pd.Series:
    return ~df.duplicated(["document_id", *KEY], keep=False)


@frame_check("ok documents carry no error; partial and quarantined ones say why")
def error_iff_not_ok(df: pd.DataFrame) -> pd.Series:
    return (df["status"] == "ok") == df["error"].isna()


@frame_check("a document appears twice in one run")
def once_per_run(df: pd.DataFrame) -> pd.Series:
    return df["document_id"].isna() | ~df.duplicated(["run_id", "document_id"], keep=False)


def column(dtype: object, *checks: pa.Check, nullable: bool = False, coerce: bool = False) -> pa.Column:
    return pa.Column(dtype, list(checks), nullable=nullable, coerce=coerce)


SHA256 = pa.Check.str_matches(r"^[0-9a-f]{64}$")
UTC_TIME = pd.DatetimeTZDtype(unit="us", tz="UTC")


@cache
def schemas() -> dict[str, pa.DataFrameSchema]:
    """The three tables' schemas, built on first use (the catalogue and gazetteer are read then).

    pandera's object API, not its `DataFrameModel` classes: building a model imports pandera's Dask
    typing, and with it `dask.dataframe` (1.8 CPU s of a one-document run that never uses Dask)."""
    indicators = pa.DataFrameSchema({
        "document_id": column(str, SHA256),
        "source_id": column(str),
        "publisher": column(str, pa.Check.isin(PUBLISHERS)),
        "mechanism": column(str, pa.Check.isin(MECHANISMS)),
        "language": column(str, pa.Check.isin(LANGUAGES)),
        "indicator": column(str, pa.Check.isin(sorted(catalogue.indicators()))),
        "municipality_id": column(str, pa.Check.isin(sorted(municipality_ids())), nullable=True),
        "category": column(str, nullable=True),
        "period_start": column(pandas_engine.Date, nullable=True),
        "period_end": column(pandas_engine.Date),
        "value": column(float),
        "unit": column(str, pa.Check.isin(UNITS)),
        "page": column(np.int32, pa.Check.ge(1)),
        **{side: column(float, pa.Check.ge(0), nullable=True) for side in ("x0", "top", "x1", "bottom")},
        "method": column(str, pa.Check.str_matches(r"^[a-z]+:[a-z_]+$")),
        "confidence": column(float, pa.Check.ge(0), pa.Check.le(1)),
        "raw_text": column(str),
        "municipality_raw": column(str, nullable=True),
        "run_id": column(str),
        "match_score": column(float, pa.Check.ge(0), pa.Check.le(100), nullable=True),  # places.match: 0-100
        "notes": column(str, nullable=True),
    }, checks=[unit_of_indicator, value_in_range, category_in_vocabulary, scope_of_indicator, period_in_order,
               bbox_in_order, one_value_per_key], strict=True, name="indicators")
    # A registry source that could not be fetched has no bytes, so no document_id: it is quarantined
    # with its reason.
    documents = pa.DataFrameSchema({
        "document_id": column(str, SHA256, nullable=True),
        "source_id": column(str),
        "path_or_url": column(str),
        "publisher": column(str, pa.Check.isin(PUBLISHERS), nullable=True),
        "mechanism": column(str, pa.Check.isin(MECHANISMS), nullable=True),
        "language": column(str, pa.Check.isin(LANGUAGES), nullable=True),
        "title": column(str, nullable=True),
        "period_start": column(pandas_engine.Date, nullable=True),
        "period_end": column(pandas_engine.Date, nullable=True),
        "n_pages": column(np.int32, pa.Check.ge(0)),
        "status": column(str, pa.Check.isin(STATUSES)),
        "error": column(str, nullable=True),
        "n_indicators": column(np.int32, pa.Check.ge(0)),
        "run_id": column(str),
        "started_at": column(UTC_TIME),
        "finished_at": column(UTC_TIME),
        "n_review": column(np.int32, pa.Check.ge(0)),
        "seconds": column(float, pa.Check.ge(0)),
    }, checks=[error_iff_not_ok, once_per_run], strict=True, name="documents")
    review = pa.DataFrameSchema({
        "document_id": column(str, SHA256),
        "page": column(pd.Int32Dtype(), pa.Check.ge(1), nullable=True, coerce=True),  # nulls read back as float
        "kind": column(str, pa.Check.isin(REVIEW_KINDS)),
        "text": column(str, nullable=True),
        "candidates": column(str, nullable=True),
        "detail": column(str, nullable=True),
        "run_id": column(str),
    }, strict=True, name="review")
    return {"indicators": indicators, "documents": documents, "review": review}




def frame(rows: list[dict], name: str) -> pd.DataFrame:
    """Rows as pandas sees them after a Parquet round trip (the types the schemas are written for)."""
    return to_table(rows, schema.TABLES[name]).to_pandas()


def failures(df: pd.DataFrame, name: str) -> dict[int, list[str]]:
    """Row position -> the checks it fails; key -1 for failures of a whole column (a bad dtype)."""
    try:
        schemas()[name].validate(df.reset_index(drop=True), lazy=True)
    except pa.errors.SchemaErrors as e:
        out: dict[int, list[str]] = {}
        for case in e.failure_cases.itertuples():
            row = -1 if pd.isna(case.index) else int(case.index)
            column = case.column if case.schema_context == "Column" else ""  # frame checks repeat per column
            check = str(case.check)
            if check.startswith("isin("):  # the whole vocabulary is too long to repeat per row
                check = f"{case.failure_case!r} not in its vocabulary"
            why = f"{column or ''} {check}".strip()
            if why not in out.setdefault(row, []):
                out[row].append(why)
        return out
    return {}


def enforce(indicator_rows: list[dict], run_id: str) -> tuple[list[dict], list[dict], str | None]:
    """Split a document's rows into (rows to write, review rows for those that fail, error or None).

    Rows that break the contract go to `review/` instead of `indicators/`, with the failed checks and
    the row itself, so nothing is lost and nothing wrong is loaded. A whole-column failure (a type
    changed by a bug) sends every row to review.
    """
    if not indicator_rows:
        return indicator_rows, [], None
    failed = failures(frame(indicator_rows, "indicators"), "indicators")
    if not failed:
        return indicator_rows, [], None
    bad = set(range(len(indicator_rows))) if -1 in failed else set(failed)
    review = []
    for i in sorted(bad):
        r = indicator_rows[i]
        row_json = json.dumps({k: v for k, v in r.items() if v is not None}, default=str, ensure_ascii=False)
        reasons = "; ".join(failed.get(i, []) + failed.get(-1, []))
        review.append({"document_id": r["document_id"], "page": r["page"], "kind": "validation",
                       "text": r["raw_text"], "candidates": None, "run_id": run_id,
                       "detail": f"{bbox_detail(r)}; contract: {reasons}; not loaded; row={row_json}"})
    kept = [r for i, r in enumerate(indicator_rows) if i not in bad]
    return kept, review, f"{len(bad)} values broke the output contract and went to review"


def checked_documents(rows: list[dict]) -> list[dict]:
    """The run log's rows, each that breaks `DocumentRows` marked in its error (and `partial` if it
    said ok): the log of a run is never dropped, but a bad row does not pass unnoticed."""
    failed = failures(frame(rows, "documents"), "documents") if rows else {}
    if not failed:
        return rows
    marked = []
    for i, r in enumerate(rows):
        reasons = failed.get(i, []) + failed.get(-1, [])
        if reasons:
            why = "documents row breaks the output contract: " + "; ".join(reasons)
            r = {**r, "status": "partial" if r["status"] in ("ok", None) else r["status"],
                 "error": "; ".join(filter(None, [r["error"], why]))}
        marked.append(r)
    return marked


BBOX = re.compile(r"bbox=(-?[\d.]+),(-?[\d.]+),(-?[\d.]+),(-?[\d.]+)")


def bbox_detail(r: dict) -> str:
    """The agreed way a review item names its box: `bbox=x0,top,x1,bottom` (PDF points) in its detail."""
    if r.get("x0") is None:
        return "bbox=none"
    return "bbox=" + ",".join(f"{r[k]:.1f}" for k in ("x0", "top", "x1", "bottom"))


def bbox_of(detail: object) -> tuple[float, float, float, float] | None:
    """The box named in a review item's detail, or None."""
    m = BBOX.search(str(detail or ""))
    return tuple(float(g) for g in m.groups()) if m else None  # type: ignore[return-value]


def check_folder(out: Path) -> dict[str, dict[int, list[str]]]:
    """Every output table of a folder against its schema: table -> failing rows (empty when all hold)."""
    result = {}
    for name in schemas():
        folder = out / name
        if folder.exists() and any(folder.glob("*.parquet")):
            result[name] = failures(location.read_frame(folder), name)
    return result
