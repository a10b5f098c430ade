"""One value per key for the people downstream (`factsheets export DIR`, `DIR/current/`).

`indicators/` keeps every reading of every document, so a key (indicator, municipality, category,
period) can hold several values: the sheet of 2019 and the previous-year series printed in the sheet
of 2020, two language editions, ... A pivot over it averages them silently. The resolved view keeps
one row per key, chosen by this precedence:

1. a value from the document whose own period it is (its period_end lies in the document's period)
   beats one printed in another document (a previous-year series in a later sheet);
2. then the most confident reading;
3. then the latest document (later document period, then the later run; then the document id, so
   that the choice never depends on reading order).

Keys whose candidates disagree are flagged (`conflict`), with the other candidates' provenance in
`alternatives`, and listed one row per candidate in `current/conflicts.parquet`.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from pipeline.output.contracts import KEY
from pipeline.output.history import name_of, run_log
from pipeline.output.report import read_table
from pipeline.output.store import write_atomic

PERCENT_TOLERANCE = 0.05  # the scorer's tolerance for percentages: closer readings are the same value


def latest_documents(out: Path) -> pd.DataFrame:
    """Each document's row from the last run that loaded it."""
    log = run_log(out)
    if not len(log):
        return log
    return log[log["status"] != "quarantined"].drop_duplicates("document_id", keep="last")


def provenance(c: pd.DataFrame) -> pd.Series:
    """Where each candidate comes from, in words: value, document, page, bbox, method, confidence."""
    def fmt(column: str, spec: str) -> pd.Series:
        return c[column].map(lambda x: format(x, spec))

    box = (" bbox=" + fmt("x0", ".1f") + "," + fmt("top", ".1f") + "," + fmt("x1", ".1f") + "," + fmt("bottom", ".1f"))
    box = box.where(c["x0"].notna(), "")
    return (fmt("value", "g") + " from " + c["document"].fillna("") + " (" + c["document_id"].str.slice(0, 12) + ") p"
            + c["page"].astype(str) + box + " " + c["method"] + " conf=" + fmt("confidence", ".2f"))


def candidates(out: Path) -> pd.DataFrame:
    """Every current value with what precedence needs: own period, document period, file name."""
    ind = read_table(out, "indicators")
    docs = latest_documents(out)
    if not len(ind) or not len(docs):
        return pd.DataFrame()
    meta = docs[["document_id", "period_start", "period_end", "started_at"]].rename(
        columns={"period_start": "doc_start", "period_end": "doc_end"})
    c = ind.merge(meta, on="document_id", how="left")
    c["document"] = c["document_id"].map(name_of(docs))
    end, start, value_end = (pd.to_datetime(c[k]) for k in ("doc_end", "doc_start", "period_end"))  # NaT-safe
    start = start.fillna(end)
    c["own_period"] = ((value_end <= end) & (value_end >= start)).fillna(False).astype(bool)
    order = [*KEY, "own_period", "confidence", "doc_end", "started_at", "document_id"]
    return c.sort_values(order, ascending=[True] * len(KEY) + [False] * 4 + [True], na_position="last")


def resolve(out: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(current: one row per key, conflicts: every candidate of a key whose candidates disagree)."""
    c = candidates(out)
    if not len(c):
        return pd.DataFrame(), pd.DataFrame()
    groups = c.groupby(list(KEY), dropna=False, sort=False)
    c["rank"] = groups.cumcount() + 1
    c["n_candidates"] = groups["value"].transform("size")
    spread = groups["value"].transform("max") - groups["value"].transform("min")
    c["conflict"] = spread > np.where(c["unit"] == "percent", PERCENT_TOLERANCE, 1e-9)
    c["provenance"] = provenance(c)
    conflicts = c[c["conflict"]].copy()
    alternatives = (conflicts[conflicts["rank"] > 1].groupby(list(KEY), dropna=False)["provenance"]
                    .agg(" | ".join).rename("alternatives").reset_index())
    current = c[c["rank"] == 1].merge(alternatives, on=list(KEY), how="left")
    drop = ["doc_start", "doc_end", "started_at", "rank"]
    return current.drop(columns=drop), conflicts.drop(columns=["doc_start", "doc_end", "started_at"])


def export(out: Path, target: Path | None = None) -> tuple[Path, int, int]:
    """Write `current/indicators.parquet` and `current/conflicts.parquet`; (folder, keys, conflicting keys)."""
    folder = (target or out) / "current"
    current, conflicts = resolve(out)
    for name, df in (("indicators", current), ("conflicts", conflicts)):
        write_atomic(pa.Table.from_pandas(df, preserve_index=False), folder / f"{name}.parquet")
    n_conflicts = int(current["conflict"].sum()) if len(current) else 0
    return folder, len(current), n_conflicts
