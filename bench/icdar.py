#!/usr/bin/env python3
"""ICDAR-2013 table benchmark: the project's table reader against camelot and pdfplumber.

    python bench/icdar.py DATA_DIR --json OUT.json [--peers] [--per-doc]

Runs `pipeline.readers.tables.route.find_tables` on every PDF of an ICDAR-2013-style folder (NAME.pdf beside
NAME-str.xml), writes its tables to OUT.json in the prediction format of the shared scorer
(/work/shared/eval/icdar_score.py, adjacency-relation metric) and scores them with it. With
`--peers` the same is done, in the same run, for our reader blind to rules ("ours-whitespace") and
for camelot (lattice with the default and the vector engine, stream, network, hybrid, auto) and
pdfplumber's default `extract_tables`; each peer's tables go to OUT.<method>.json. Prints precision,
recall, F1 and seconds per page per method, and the documents where the project's reader scores
below `--fail-below` (for each of our own methods run).

Timing is wall time of the whole extraction of a file (for our reader: opening the PDF, building
the page model and finding tables), summed over files and divided by the page count. BLAS/OpenMP
and OpenCV are limited to one thread so the figures are single-core figures.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import importlib.util
import json
import sys
import time
import warnings
from pathlib import Path
from types import ModuleType
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "icdar_score.py"

Grid = list[list[str]]
Extractor = Callable[[Path], dict[str, list[Grid]]]


def load_scorer(path: Path) -> ModuleType:
    """Import the shared scorer from its file: it is not a package and must not be copied here."""
    spec = importlib.util.spec_from_file_location("icdar_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ours(pdf: Path, use_rules: bool = True) -> dict[str, list[Grid]]:
    """The project's reader: page model once per page, then `find_tables`."""
    from pipeline.model.pagemodel import load_pdf
    from pipeline.readers.tables.route import TableSettings, find_tables

    settings = TableSettings(use_rules=use_rules)
    pages, _ = load_pdf(pdf)
    out: dict[str, list[Grid]] = {}
    for page in pages:
        grids = [t.grid() for t in find_tables(page, settings)]
        if grids:
            out[str(page.number)] = grids
    return out


def ours_whitespace(pdf: Path) -> dict[str, list[Grid]]:
    """Our reader blind to rules: how it would do if every table were unruled (a stand-in for the
    held-out ICDAR "us" half, whose tables are mostly unruled)."""
    return ours(pdf, use_rules=False)


def camelot_reader(flavor: str, **kwargs) -> Extractor:
    """camelot with its defaults (plus `kwargs`), all pages, no parallelism."""

    def run(pdf: Path) -> dict[str, list[Grid]]:
        import camelot

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(pdf), pages="all", flavor=flavor, suppress_stdout=True, **kwargs)
        out: dict[str, list[Grid]] = {}
        for t in tables:
            out.setdefault(str(t.page), []).append(t.df.astype(str).values.tolist())
        return out

    return run


def pdfplumber_reader(pdf: Path) -> dict[str, list[Grid]]:
    """pdfplumber's `extract_tables()` with default settings (lines strategy)."""
    import pdfplumber

    out: dict[str, list[Grid]] = {}
    with pdfplumber.open(str(pdf)) as doc:
        for i, page in enumerate(doc.pages, start=1):
            grids = [[[c or "" for c in row] for row in t] for t in page.extract_tables()]
            if grids:
                out[str(i)] = grids
    return out


PEERS: dict[str, Extractor] = {
    "camelot-lattice": camelot_reader("lattice"),
    "camelot-lattice-vector": camelot_reader("lattice", engine="vector"),
    "camelot-stream": camelot_reader("stream"),
    "camelot-network": camelot_reader("network"),
    "camelot-hybrid": camelot_reader("hybrid"),
    "camelot-auto": camelot_reader("auto"),
    "pdfplumber": pdfplumber_reader,
}
OWN: dict[str, Extractor] = {"ours": ours, "ours-whitespace": ours_whitespace}


def page_count(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def run_method(extract: Extractor, pdfs: list[Path]) -> tuple[dict, float, float, list[str]]:
    """Predictions of one method on all files, its wall and CPU seconds, and files it crashed on.

    CPU time (this process only) is the fairer single-core figure on a shared machine: other
    processes stretch the wall time, not the CPU time."""
    pred: dict = {}
    wall = cpu = 0.0
    errors: list[str] = []
    for pdf in pdfs:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            pred[pdf.stem] = extract(pdf)
        except Exception as exc:  # a peer crashing on a file scores zero there, the run goes on
            errors.append(f"{pdf.stem}: {type(exc).__name__}: {exc}")
        wall += time.perf_counter() - t0
        cpu += time.process_time() - c0
    return pred, wall, cpu, errors


def explain(doc: dict) -> str:
    """One-line reason for a weak document, from the scorer's counts."""
    if doc["pred_tables"] == 0:
        return "no table found"
    if doc["gt_matched"] < doc["gt_tables"]:
        return f"{doc['gt_tables'] - doc['gt_matched']} of {doc['gt_tables']} tables missed"
    if doc["pred_matched"] < doc["pred_tables"]:
        return f"{doc['pred_tables'] - doc['pred_matched']} spurious tables"
    if doc["pred_tables"] > doc["gt_tables"]:
        return f"tables split ({doc['pred_tables']} predicted for {doc['gt_tables']})"
    if doc["precision_matched"] < 0.8:
        return "wrong structure (rows/columns split or merged)"
    return "partial structure"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", type=Path, help="folder with NAME.pdf and NAME-str.xml")
    ap.add_argument("--json", type=Path, required=True, help="write our tables here (peers: OUT.<method>.json)")
    ap.add_argument("--peers", action="store_true", help="also run camelot and pdfplumber")
    ap.add_argument("--only", help="comma-separated methods to run instead (e.g. ours,ours-whitespace,camelot-auto)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="path of icdar_score.py")
    ap.add_argument("--per-doc", action="store_true", help="print our scores per document")
    ap.add_argument("--fail-below", type=float, default=0.9, help="F1 under which a document is listed")
    a = ap.parse_args(argv)

    try:
        import cv2

        cv2.setNumThreads(1)
    except ImportError:
        pass
    scorer = load_scorer(a.scorer)
    gt = scorer.load_gt(a.data_dir)
    pdfs = sorted(a.data_dir.glob("*.pdf"))
    n_pages = sum(page_count(p) for p in pdfs)
    methods: dict[str, Extractor] = {"ours": ours}
    if a.peers:
        methods.update({"ours-whitespace": ours_whitespace}, **PEERS)
    if a.only:
        wanted = a.only.split(",")
        known = OWN | PEERS
        unknown = [m for m in wanted if m not in known]
        if unknown:
            ap.error(f"unknown methods {unknown}; known: {', '.join(known)}")
        methods = {m: known[m] for m in wanted}

    print(f"{a.data_dir}: {len(pdfs)} PDFs, {n_pages} pages", flush=True)
    rows = []
    own_res: dict[str, dict] = {}
    for name, extract in methods.items():
        pred, seconds, cpu, errors = run_method(extract, pdfs)
        res = scorer.score(gt, pred)
        s = res["summary"]
        out = a.json if name == "ours" else a.json.with_name(f"{a.json.stem}.{name}.json")
        pred["_meta"] = {"method": name, "seconds": seconds, "cpu_seconds": cpu, "pages": n_pages,
                         "errors": errors, "summary": s}
        out.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
        rows.append((name, s, seconds / n_pages, cpu / n_pages, errors))
        if name in OWN:
            own_res[name] = res
        print(f"  {name:24s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
              f"{seconds / n_pages:.3f} s/page ({cpu / n_pages:.3f} CPU)  -> {out}", flush=True)
        for e in errors:
            print(f"    error {e}", flush=True)

    print(f"\n{'method':24s} {'P':>6s} {'R':>6s} {'F1':>6s} {'P_match':>7s} {'tables':>11s} {'s/page':>7s} "
          f"{'CPU s/p':>7s}")
    for name, s, spp, cpp, errors in rows:
        print(f"{name:24s} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
              f"{s['precision_matched']:7.3f} {s['pred_matched']:4d}/{s['pred_tables']:<4d}"
              f"  {spp:7.3f} {cpp:7.3f}" + (f"  ({len(errors)} errors)" if errors else ""))

    for name, res in own_res.items():
        per_doc = res["per_doc"]
        if a.per_doc:
            print(f"\n{name} per document:")
            for doc, d in per_doc.items():
                print(f"  {doc:10s} P={d['precision']:.3f} R={d['recall']:.3f} F1={d['f1']:.3f} "
                      f"tables gt={d['gt_tables']} pred={d['pred_tables']} matched={d['pred_matched']}")
        weak = sorted((d["f1"], doc) for doc, d in per_doc.items() if d["f1"] < a.fail_below)
        print(f"\n{name}: {len(weak)} documents with F1 < {a.fail_below}:")
        for f1, doc in weak:
            d = per_doc[doc]
            print(f"  {doc:10s} F1={f1:.3f} P={d['precision']:.3f} R={d['recall']:.3f} "
                  f"lost relations={d['gt_rel'] - d['correct']:4d}  {explain(d)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
