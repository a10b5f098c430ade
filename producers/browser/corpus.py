"""One seed's corpus: which documents (every kind x language), their looks, the files and the truth."""
from __future__ import annotations

import csv
import random
from dataclasses import replace
from pathlib import Path

from . import kp, kvsp, mcsc, mocr
from .look import draw_look
from .markup import document
from .model import Doc
from .render import html_text, missing_printed, page_texts, print_pdf

TRUTH_COLUMNS = ["file", "indicator", "municipality_id", "category", "period_end", "value", "unit", "page"]
DOCS_COLUMNS = ["file", "publisher", "mechanism", "language", "period_start", "period_end", "kind", "design",
                "defects"]
ZOOMS = (1.0, 0.92, 0.85, 0.78)
PRINTED_COLUMNS = ["file", "indicator", "municipality_id", "category", "period_end", "page", "printed"]


def plan(rng: random.Random) -> list[tuple]:
    """(kind, language, script, design, extra) for one seed: every kind x language, designs rotated."""
    designs = ["report", "dashboard", "plain", "brochure"]
    rng.shuffle(designs)
    d = iter(designs * 4)
    sr_script = rng.choice(["latn", "cyrl"])
    layouts = ["table", "cards", "list"]
    rng.shuffle(layouts)
    return [
        ("mcsc", "sq", "latn", next(d), None), ("mcsc", "sr", "latn", next(d), None),
        ("mcsc", "sr", "cyrl", next(d), None), ("mcsc", "en", "latn", next(d), None),
        ("mocr", "sq", "latn", next(d), None), ("mocr", "sr", sr_script, next(d), None),
        ("mocr", "en", "latn", next(d), None),
        ("kvsp", "sq", "latn", next(d), None), ("kvsp", "en", "latn", next(d), None),
        ("kp", "sq", "latn", next(d), (layouts[0], ("html", "pdf"))),
        ("kp", "sr", "latn", next(d), (layouts[1], ("html",))),
        ("kp", "en", "latn", next(d), (layouts[2], ("pdf",))),
        ("kp", rng.choice(["sq", "en"]), "latn", next(d), (rng.choice(layouts), ("html", "pdf"))),
    ]


def compose(rng: random.Random, seed: int) -> list[Doc]:
    docs, used = [], set()
    for kind, lang, script, design, extra in plan(rng):
        stem = str(rng.randrange(100000, 999999))
        while stem in used:
            stem = str(rng.randrange(100000, 999999))
        used.add(stem)
        look = draw_look(rng, design, landscape_ok=kind in ("mcsc", "mocr"))
        if kind == "kp":
            look.defects = set()      # the police pages are clean web pages
            layout, outputs = extra
            docs.append(kp.build(rng, lang, look, stem, layout, outputs))
        elif kind == "mcsc":
            docs.append(mcsc.build(rng, lang, script, look, stem))
        elif kind == "mocr":
            docs.append(mocr.build(rng, lang, script, look, stem))
        else:
            docs.append(kvsp.build(rng, lang, look, stem))
        docs[-1].defects = frozenset(look.defects - ({"locl"} if script != "cyrl" else set()))
    return docs


def write(out: Path, seed: int) -> list[Doc]:
    """Render every document of the seed into `out` with truth.csv, docs.csv and printed.csv."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    docs = compose(rng, seed)
    truth, meta, printed = [], [], []
    for doc in docs:
        html = document(doc.title, doc.html_lang, doc.css, doc.sections)
        files = []
        if "html" in doc.outputs:
            path = out / f"{doc.stem}.html"
            path.write_text(html, encoding="utf-8")
            text = html_text(path)
            bad = missing_printed([text], [replace(v, page=1) for v in doc.values])
            if bad:
                raise RuntimeError(f"{path.name}: printed values not in the page: {bad[:5]}")
            files.append((path.name, True))
        else:
            (out / "html").mkdir(exist_ok=True)
            path = out / "html" / f"{doc.stem}.html"
            path.write_text(html, encoding="utf-8")
        if "pdf" in doc.outputs:
            pdf = out / f"{doc.stem}.pdf"
            texts = _print_fitting(doc, path, pdf)
            if "locl" not in doc.defects and any("\ue000" <= c <= "\uf8ff" for t in texts for c in t):
                raise RuntimeError(f"{pdf.name}: private-use characters in the text layer")
            bad = missing_printed(texts, doc.values)
            if bad:
                raise RuntimeError(f"{pdf.name}: printed values not on their page: {bad[:5]}")
            files.append((pdf.name, False))
        for name, web in files:
            kind = doc.kind + ("-html" if web else "-pdf") if doc.kind == "kp" else doc.kind
            meta.append({"file": name, "publisher": doc.publisher, "mechanism": doc.mechanism,
                         "language": doc.language, "period_start": doc.period_start.isoformat(),
                         "period_end": doc.period_end.isoformat(), "kind": kind, "design": doc.design,
                         "defects": " ".join(sorted(doc.defects))})
            for v in doc.values:
                page = 1 if web else v.page
                key = {"file": name, "indicator": v.indicator, "municipality_id": v.municipality_id or "",
                       "category": v.category or "", "period_end": v.period_end.isoformat()}
                value = int(v.value) if v.unit != "percent" else round(v.value, 2)
                truth.append({**key, "value": value, "unit": v.unit, "page": page})
                printed.append({**key, "page": page, "printed": v.printed if v.printed is not None else ""})
    _csv(out / "truth.csv", TRUTH_COLUMNS, truth)
    _csv(out / "docs.csv", DOCS_COLUMNS, meta)
    _csv(out / "printed.csv", PRINTED_COLUMNS, printed)
    return docs


def _print_fitting(doc: Doc, html_path: Path, pdf: Path) -> list[str]:
    """Print; while a section runs over its page, print again with the sections zoomed out a little
    (what a designer does to fit a sheet), so that each section is exactly one page."""
    for zoom in ZOOMS:
        if zoom < 1:
            css = doc.css + f" section.sheet {{ zoom: {zoom} }}"
            html_path.write_text(document(doc.title, doc.html_lang, css, doc.sections), encoding="utf-8")
        print_pdf(html_path, pdf)
        texts = page_texts(pdf)
        if len(texts) == len(doc.sections):
            return texts
    raise RuntimeError(f"{pdf.name}: {len(texts)} pages printed for {len(doc.sections)} sections "
                       f"({doc.kind} {doc.language} {doc.design}), even at zoom {ZOOMS[-1]}")


def _csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)
