"""Recall, precision and silent errors of the pipeline on every independent producer's corpora.

    python bench/producers.py [--producer NAME] [--json OUT] [--keep DIR] [--rescore] [--by-indicator]

For every `corpora/<producer>/seed-<N>/` (and `raw/samples/` as producer "reportlab" when it holds
a truth.csv) the documents listed in its docs.csv are ingested with the CLI
(`python -m pipeline.cli ingest FILE ... --out DIR`, the command the evaluation runs) and the
output is scored against that folder's truth.csv. Figures are summed over the seeds and printed per
producer x kind x language, where kind is the mechanism of docs.csv, with Kosovo Police pages split
into LPSC-html and LPSC-pdf by file extension, then one overall line per producer.

The matching rule is the contract's (CONTRACT.md, "How the output is scored"), implemented here so
the bench runs without ../shared: a truth row is matched by the same document (sha256 of its
bytes), indicator, municipality_id, category and period_end month; counts and booleans must agree
exactly, percentages within 0.05. One prediction per key counts: the most confident. Recall =
correct / truth rows; precision = correct / predicted keys on the scored documents; a silent error
is a prediction with confidence >= 0.9 that is wrong, or whose key no truth row has.
Documents quarantined with an "internal error" (a bug, never a property of a document) are counted,
and so are documents reported `ok` although under half of their truth was read ("ok<50%").

--keep DIR keeps the pipeline outputs (DIR/<producer>/<seed>); --rescore scores those again
without running the pipeline.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "pipeline" / "data" / "indicators.csv"   # the contract's catalogue, as shipped
SILENT_CONFIDENCE = 0.9
# Prefect's default (20 s) is missed when several engineers' runs share two cores; 120 s always sufficed.
PREFECT_STARTUP_SECONDS = 120
# A document the pipeline calls `ok` ("everything expected was read") while it read under half of
# its truth is a silent omission (CONTRACT.md: a silent omission is worse than a flagged one).
SILENT_OMISSION_SHARE = 0.5
PERCENT_TOLERANCE = 0.05


@dataclass
class Tally:
    truth: int = 0
    correct: int = 0
    predicted: int = 0
    silent: int = 0
    documents: int = 0
    internal_errors: int = 0
    silent_omissions: int = 0       # documents reported `ok` with under half of their truth read
    seconds: float = 0.0

    def add(self, other: "Tally") -> None:
        for k, v in asdict(other).items():
            setattr(self, k, getattr(self, k) + v)

    @property
    def recall(self) -> float:
        return self.correct / self.truth if self.truth else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0


@dataclass
class Corpus:
    producer: str
    seed: str
    folder: Path
    docs: list[dict] = field(default_factory=list)


def corpora(producer: str | None) -> list[Corpus]:
    found = []
    for folder in sorted((ROOT / "corpora").glob("*/seed-*/")):
        found.append(Corpus(folder.parent.name, folder.name, folder))
    samples = ROOT / "raw" / "samples"
    if (samples / "truth.csv").exists() and (samples / "docs.csv").exists():
        found.append(Corpus("reportlab", "samples", samples))
    out = [c for c in found if producer in (None, c.producer)]
    for c in out:
        c.docs = _read(c.folder / "docs.csv")
    return out


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kind_of(doc: dict) -> str:
    mech = doc.get("mechanism", "")
    if mech == "LPSC":
        return "LPSC-html" if doc["file"].lower().endswith((".html", ".htm")) else "LPSC-pdf"
    return mech


def _norm(v) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    s = str(v).strip()
    return "" if s.lower() in ("nan", "nat", "none", "null", "<na>") else s


def _month(v) -> str:
    s = _norm(v)
    if not s:
        return ""
    try:
        ts = pd.Timestamp(s)
    except (ValueError, TypeError):
        return s[:7]
    return "" if pd.isna(ts) else ts.strftime("%Y-%m")


def run_pipeline(corpus: Corpus, out: Path) -> tuple[float, bool]:
    """Ingest the documents docs.csv lists; (seconds, completed). A run that did not complete is retried
    once: on a loaded machine Prefect's ephemeral API server can miss its start-up timeout."""
    files = [str(corpus.folder / d["file"]) for d in corpus.docs]
    env = {**os.environ}
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", str(PREFECT_STARTUP_SECONDS))
    t0 = time.perf_counter()
    for attempt in (1, 2):
        proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", *files, "--out", str(out)],
                              cwd=ROOT, capture_output=True, text=True, env=env)
        if proc.returncode == 0:
            return time.perf_counter() - t0, True
        tail = " ".join(proc.stderr.split()[-40:])
        print(f"  {corpus.producer}/{corpus.seed}: ingest exited {proc.returncode} (attempt {attempt}): {tail}",
              file=sys.stderr)
    return time.perf_counter() - t0, False


def score(corpus: Corpus, out: Path, units: dict[str, str]) -> dict[tuple[str, str, str], Tally]:
    """Tallies per (kind, language, indicator) for one corpus and one pipeline output (documents and
    internal errors are counted under the indicator '')."""
    doc_of = {d["file"]: d for d in corpus.docs}
    ids = {f: sha256(corpus.folder / f) for f in doc_of}
    group_of_id = {ids[f]: (kind_of(d), d.get("language", "")) for f, d in doc_of.items()}
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    for f, d in doc_of.items():
        tallies[(*group_of_id[ids[f]], "")].documents += 1

    got: dict[tuple, tuple[float, float]] = {}
    ind_dir = out / "indicators"
    if ind_dir.exists() and any(ind_dir.rglob("*.parquet")):
        pred = pd.read_parquet(ind_dir)
        pred = pred[pred["indicator"].astype(str).isin(units) & pred["document_id"].isin(group_of_id)]
        for r in pred.itertuples(index=False):
            key = (str(r.document_id), str(r.indicator), _norm(r.municipality_id), _norm(r.category),
                   _month(r.period_end))
            conf = float(getattr(r, "confidence", 1.0) or 0.0)
            if key not in got or conf > got[key][1]:
                got[key] = (float(r.value), conf)

    truth_keys = set()
    per_doc: dict[str, list[int]] = defaultdict(lambda: [0, 0])     # document id -> [correct, truth]
    for r in _read(corpus.folder / "truth.csv"):
        did = ids.get(r["file"]) or sha256(corpus.folder / r["file"])
        key = (did, r["indicator"], _norm(r["municipality_id"]), _norm(r["category"]), _month(r["period_end"]))
        truth_keys.add(key)
        t = tallies[(*group_of_id.get(did, ("?", "?")), r["indicator"])]
        t.truth += 1
        per_doc[did][1] += 1
        if key in got:
            value, conf = got[key]
            tol = PERCENT_TOLERANCE if units.get(r["indicator"], r.get("unit")) == "percent" else 1e-9
            if abs(float(r["value"]) - value) <= tol + 1e-9:
                t.correct += 1
                per_doc[did][0] += 1
            elif conf >= SILENT_CONFIDENCE:
                t.silent += 1
    for key, (_, conf) in got.items():
        t = tallies[(*group_of_id[key[0]], key[1])]
        t.predicted += 1
        if key not in truth_keys and conf >= SILENT_CONFIDENCE:
            t.silent += 1

    docs_dir = out / "documents"
    if docs_dir.exists() and any(docs_dir.rglob("*.parquet")):
        dd = pd.read_parquet(docs_dir)
        dd = dd[dd["document_id"].isin(group_of_id)].drop_duplicates("document_id", keep="last")
        for r in dd.itertuples(index=False):
            if str(r.status) == "quarantined" and "internal error" in _norm(r.error).lower():
                tallies[(*group_of_id[r.document_id], "")].internal_errors += 1
            ok, n = per_doc[r.document_id]
            if str(r.status) == "ok" and n and ok < SILENT_OMISSION_SHARE * n:
                tallies[(*group_of_id[r.document_id], "")].silent_omissions += 1
    return tallies


def line(name: str, t: Tally) -> str:
    return (f"{name:<34} {t.documents:>4} {t.truth:>6} {t.correct:>6} {t.recall:>7.3f} {t.precision:>9.3f} "
            f"{t.silent:>6} {t.internal_errors:>8} {t.silent_omissions:>7}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--producer", help="only this producer (a folder name under corpora/, or reportlab)")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    ap.add_argument("--keep", type=Path, help="keep the pipeline outputs under this folder")
    ap.add_argument("--rescore", action="store_true", help="score the outputs kept under --keep, do not run")
    ap.add_argument("--by-indicator", action="store_true", help="also print producer x kind x indicator")
    a = ap.parse_args(argv)
    if a.rescore and not a.keep:
        ap.error("--rescore needs --keep DIR")
    with CATALOGUE.open(encoding="utf-8") as f:
        units = {r["indicator"]: r["unit"] for r in csv.DictReader(f)}
    found = corpora(a.producer)
    if not found:
        print("no corpora found (corpora/<producer>/seed-<N>/ with truth.csv and docs.csv)", file=sys.stderr)
        return 2

    per_group: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    per_producer: dict[str, Tally] = defaultdict(Tally)
    per_indicator: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-producers-") as tmp:
        for c in found:
            out = (a.keep or Path(tmp)) / c.producer / c.seed
            seconds = 0.0
            if not a.rescore:
                if out.exists():
                    shutil.rmtree(out)
                out.mkdir(parents=True)
                seconds, completed = run_pipeline(c, out)
                if not completed:
                    failed.append(f"{c.producer}/{c.seed}")
                    continue
            tallies = score(c, out, units)
            seed_total = Tally()
            for (kind, lang, indicator), t in tallies.items():
                per_group[(c.producer, kind, lang)].add(t)
                if indicator:
                    per_indicator[(c.producer, kind, indicator)].add(t)
                seed_total.add(t)
            seed_total.seconds = seconds
            per_producer[c.producer].add(seed_total)
            print(f"{c.producer}/{c.seed}: {seed_total.documents} documents, recall={seed_total.recall:.3f} "
                  f"precision={seed_total.precision:.3f} silent_errors={seed_total.silent} "
                  f"internal_errors={seed_total.internal_errors} ({seconds:.0f} s)", flush=True)

    print()
    print(f"{'producer / kind / language':<34} {'docs':>4} {'truth':>6} {'ok':>6} {'recall':>7} {'precision':>9} "
          f"{'silent':>6} {'internal':>8} {'ok<50%':>7}")
    for producer in sorted(per_producer):
        for (p, kind, lang), t in sorted(per_group.items()):
            if p == producer:
                print(line(f"{p} / {kind} / {lang}", t))
        print(line(f"{producer} / ALL", per_producer[producer]))
        print()
    if a.by_indicator:
        print(f"{'producer / kind / indicator':<62} {'truth':>6} {'ok':>6} {'recall':>7} {'predicted':>9} "
              f"{'silent':>6}")
        for (p, kind, ind), t in sorted(per_indicator.items()):
            print(f"{p + ' / ' + kind + ' / ' + ind:<62} {t.truth:>6} {t.correct:>6} {t.recall:>7.3f} "
                  f"{t.predicted:>9} {t.silent:>6}")
        print()
    if failed:
        print(f"NOT SCORED (the ingest did not complete twice): {', '.join(failed)}")
    if a.json:
        a.json.write_text(json.dumps({
            "groups": [{"producer": p, "kind": k, "language": lang, **asdict(t), "recall": t.recall,
                        "precision": t.precision} for (p, k, lang), t in sorted(per_group.items())],
            "producers": [{"producer": p, **asdict(t), "recall": t.recall, "precision": t.precision}
                          for p, t in sorted(per_producer.items())],
            "indicators": [{"producer": p, "kind": k, "indicator": i, "truth": t.truth, "correct": t.correct,
                            "predicted": t.predicted, "silent": t.silent}
                           for (p, k, i), t in sorted(per_indicator.items())],
            "not_scored": failed,
        }, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
