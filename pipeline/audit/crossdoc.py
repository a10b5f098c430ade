"""Checks across documents, which no single document can make (`factsheets audit DIR`).

- **Editions**: documents of one publisher, mechanism and period (the Albanian, Serbian and English
  editions of one sheet) must agree value for value on every key they share.
- **Previous year**: a series of an earlier period printed in year N's sheet must agree with the
  sheet whose own period it is (year N-1's).

Every disagreement becomes a review item of kind `validation` for each of the two documents, its
detail starting `check=edition` or `check=previous_year` and naming both provenances (document, page,
bbox, value); both documents become `partial` with the disagreement in `documents.error`. The items
are written to `review/<document_id>.audit.parquet`, replaced by every audit that finds other items
for the document (a file already holding them is left alone, like a document's own files), so
re-running the audit never duplicates them, and a re-ingest of a document is audited again at the end
of its run.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.ops.ledger import CACHE_DIR
from pipeline.output import location
from pipeline.output.contracts import KEY
from pipeline.output.resolve import PERCENT_TOLERANCE, candidates
from pipeline.output.schema import DOCUMENTS, REVIEW
from pipeline.output.store import rows_digest, stored_digest, to_table, write_atomic, write_rows

REVIEW_RECORD = "audit-review.json"
SIDE = ["document_id", "document", "language", "value", "page", "x0", "top", "x1", "bottom", "confidence"]
AUDIT_SUFFIX = ".audit.parquet"


def disagree(a: pd.Series, b: pd.Series, unit: pd.Series) -> pd.Series:
    return (a - b).abs() > np.where(unit == "percent", PERCENT_TOLERANCE, 1e-9)


def pairs(left: pd.DataFrame, right: pd.DataFrame, on: list[str], check: str) -> pd.DataFrame:
    """Rows of `left` and `right` with the same key whose values disagree, side by side."""
    m = left.merge(right, on=on, suffixes=("_a", "_b"))
    m = m[m["document_id_a"] != m["document_id_b"]]
    m = m[disagree(m["value_a"], m["value_b"], m["unit"])]
    return m.assign(check=check)


def edition_disagreements(c: pd.DataFrame) -> pd.DataFrame:
    """Keys two documents of one publisher, mechanism and period give different values."""
    cols = ["publisher", "mechanism", "doc_start", "doc_end", *KEY, "unit", *SIDE]
    side = c[c["doc_end"].notna()][cols]  # a document without a period is nobody's edition
    m = pairs(side, side.drop(columns=["unit"]), ["publisher", "mechanism", "doc_start", "doc_end", *KEY],
              "edition")
    return m[m["document_id_a"] < m["document_id_b"]]  # each pair once


def previous_year_disagreements(c: pd.DataFrame) -> pd.DataFrame:
    """Values of an earlier period in a later sheet against the sheet whose own period it is."""
    earlier = c[~c["own_period"]][["publisher", "mechanism", *KEY, "unit", *SIDE]]
    own = c[c["own_period"]][["publisher", "mechanism", *KEY, *SIDE]]
    return pairs(earlier, own, ["publisher", "mechanism", *KEY], "previous_year")


def box(r: dict, s: str) -> str:
    if pd.isna(r[f"x0_{s}"]):
        return "bbox=none"
    return "bbox=" + ",".join(f"{r[f'{k}_{s}']:.1f}" for k in ("x0", "top", "x1", "bottom"))


def where(r: dict, s: str) -> str:
    return f"{r[f'value_{s}']:g} in {r[f'document_{s}']} ({r[f'language_{s}']}) p{r[f'page_{s}']} {box(r, s)}"


def key_text(r: dict) -> str:
    """'mcsc.meetings_held xk-peje 2018-12-31': the key of a disagreement, its empty parts left out."""
    return " ".join(str(r[k]) for k in KEY if pd.notna(r[k]) and r[k] != "")


def review_items(found: pd.DataFrame, run_id: str) -> list[dict]:
    """Two items per disagreement, one on each document, each naming the other side. Rows as
    dictionaries: a pandas row per disagreement cost 10 CPU s for the 20,000 disagreements of a
    200-document backfill."""
    items = []
    for r in found.to_dict("records"):
        key = key_text(r)
        for this, other in (("a", "b"), ("b", "a")):
            text = ("editions disagree" if r["check"] == "edition" else "previous-year series disagrees") + f": {key}"
            items.append({"document_id": r[f"document_id_{this}"], "page": int(r[f"page_{this}"]),
                          "kind": "validation", "text": text, "candidates": None, "run_id": run_id,
                          "detail": f"check={r['check']}; {box(r, this)}; this={where(r, this)}; "
                                    f"other={where(r, other)} [{r[f'document_id_{other}'][:12]}]"})
    return items


def reasons_of(found: pd.DataFrame) -> dict[str, set[str]]:
    """Per document, the reasons for its `partial` status: each check it failed, with the other document."""
    reasons: dict[str, set[str]] = {}
    for this, other in (("a", "b"), ("b", "a")):
        sides = found[["check", f"document_id_{this}", f"document_{other}"]].drop_duplicates()
        for check, doc, name in sides.itertuples(index=False):
            reasons.setdefault(doc, set()).add(f"audit: {check} disagreement with {name}")
    return reasons


def audit_documents(out: Path, run_id: str) -> pd.DataFrame:
    """Run both checks over the current tables; write their review items; mark documents; return them."""
    c = candidates(out)
    if len(c):
        c = c.assign(municipality_id=c["municipality_id"].fillna(""), category=c["category"].fillna(""))
        found = pd.concat([edition_disagreements(c), previous_year_disagreements(c)], ignore_index=True)
        found = found.assign(municipality_id=found["municipality_id"].replace("", None),
                             category=found["category"].replace("", None))
    else:
        found = pd.DataFrame()
    digest = hashlib.sha256(pd.util.hash_pandas_object(found, index=False).to_numpy().tobytes()).hexdigest() \
        if len(found) else "none"
    if not review_unchanged(out, digest):
        write_review(out, review_items(found, run_id) if len(found) else [])
        record_review(out, digest)
    mark_partial(out, reasons_of(found) if len(found) else {})
    return found


def _record(out: Path) -> Path:
    return out / CACHE_DIR / REVIEW_RECORD


def review_unchanged(out: Path, digest: str) -> bool:
    """Whether the audit items in `review/` are those of these disagreements (`record_review`), files
    unaltered since: then building and comparing them again (2 of a re-run's CPU s, 41,000 items for
    a 200-document backfill) is skipped."""
    try:
        record = json.loads(_record(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return record.get("found") == digest and record.get("files") == _audit_files(out)


def record_review(out: Path, digest: str) -> None:
    """Note which disagreements the audit items in `review/` are, with their files' digests."""
    path = _record(out)
    location.makedirs(path.parent)
    location.write_bytes(path, json.dumps({"found": digest, "files": _audit_files(out)}).encode("utf-8"))


def _audit_files(out: Path) -> dict[str, str | None]:
    return {f.name: stored_digest(f) for f in sorted((out / "review").glob(f"*{AUDIT_SUFFIX}"))}


def write_review(out: Path, items: list[dict]) -> None:
    folder = out / "review"
    location.makedirs(folder)
    by_doc: dict[str, list[dict]] = {}
    for item in items:
        by_doc.setdefault(item["document_id"], []).append(item)
    for stale in folder.glob(f"*{AUDIT_SUFFIX}"):
        if stale.name.removesuffix(AUDIT_SUFFIX) not in by_doc:
            stale.unlink()
    for doc, rows in by_doc.items():  # a file that holds these items already is left alone
        path, digest = folder / f"{doc}{AUDIT_SUFFIX}", rows_digest(rows)
        if stored_digest(path) != digest:
            write_rows(rows, REVIEW, path, digest)


def mark_partial(out: Path, reasons: dict[str, set[str]]) -> None:
    """Each flagged document's latest row in the run log becomes `partial`, the reasons in its error."""
    files = sorted((out / "documents").glob("*.parquet"))
    latest: dict[str, Path] = {}
    for f in files:  # names sort by run start: the last file naming a document holds its latest row
        for doc in location.read_parquet(f, columns=["document_id"]).column("document_id").to_pylist():
            latest[doc] = f
    for f in {latest[d] for d in reasons if d in latest}:
        rows = location.read_parquet(f).to_pylist()
        changed = False
        for r in rows:
            for reason in sorted(reasons.get(r["document_id"], ())):
                if r["status"] != "quarantined" and reason not in (r["error"] or ""):
                    r["status"], r["error"] = "partial", "; ".join(filter(None, [r["error"], reason]))
                    changed = True
        if changed:
            write_atomic(to_table(rows, DOCUMENTS), f)
