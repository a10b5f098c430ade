"""One seed's corpus: every kind x language, each document with its own design draws."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages

import importlib
from .model import Doc, write_tables
from .page import Page, Style

# (kind, language, Cyrillic) — every combination the brief asks for, once per seed.
PLAN = [("mcsc", "sq", False), ("mcsc", "sr", False), ("mcsc", "sr", True), ("mcsc", "en", False),
        ("mocr", "sq", False), ("mocr", "sr", False), ("mocr", "sr", True), ("mocr", "en", False),
        ("kvsp", "sq", False), ("kvsp", "en", False),
        ("kp", "sq", False), ("kp", "sr", False), ("kp", "en", False)]

AUTHORS = {"OSCE": "OSCE Mission in Kosovo", "IDM": "Institute for Democracy and Mediation",
           "KP": "Kosovo Police"}
CREATORS = ["Jupyter Notebook (matplotlib {v})", "matplotlib {v} (factsheet_charts.py)",
            "IPython {v} / matplotlib", "Matplotlib v{v}, https://matplotlib.org"]


def build_doc(kind: str, lang: str, cyr: bool, file: str, rng: random.Random) -> tuple[Doc, list[Page], Style]:
    style = Style.draw(rng, landscape=False if kind in ("kvsp", "kp") else None)
    style.apply()
    module = importlib.import_module(f"{__package__}.kinds.{kind}")
    doc, pages = module.build(rng, lang, file, style, cyr)
    doc.design.insert(0, f"{'cyrillic ' if cyr else ''}{style.size}{' landscape' if style.landscape else ''} "
                         f"font={style.font} fonttype={style.fonttype}"
                         f"{' decimal_comma' if style.decimal_comma else ''}"
                         f"{' defects=' + ','.join(sorted(style.defects)) if style.defects else ''}")
    return doc, pages, style


def metadata(doc: Doc, rng: random.Random) -> dict:
    """Document info as a charting script would set it through PdfPages(metadata=...)."""
    made = dt.datetime.combine(doc.period.end + dt.timedelta(days=rng.randint(1, 60)),
                               dt.time(rng.randint(8, 18), rng.randint(0, 59)), tzinfo=dt.timezone.utc)
    return {"Title": doc.title or doc.file, "Author": AUTHORS[doc.publisher],
            "Creator": rng.choice(CREATORS).format(v=matplotlib.__version__),
            "Producer": f"Matplotlib pdf backend v{matplotlib.__version__}", "CreationDate": made}


def documents(seed: int) -> Iterator[tuple[Doc, list[Page], dict]]:
    """The seed's documents in plan order, drawn but not saved (one random stream per seed)."""
    rng = random.Random(seed)
    names: set[str] = set()
    for kind, lang, cyr in PLAN:
        while (file := f"{rng.randint(100000, 999999)}.pdf") in names:
            pass
        names.add(file)
        doc, pages, _ = build_doc(kind, lang, cyr, file, rng)
        yield doc, pages, metadata(doc, rng)


def save(doc: Doc, pages: list[Page], meta: dict, out: Path) -> None:
    with PdfPages(out / doc.file, metadata=meta) as pdf:
        for p in pages:
            pdf.savefig(p.fig)
            plt.close(p.fig)


def generate(out: Path, seed: int) -> list[Doc]:
    out.mkdir(parents=True, exist_ok=True)
    docs = []
    for doc, pages, meta in documents(seed):
        save(doc, pages, meta, out)
        docs.append(doc)
    write_tables(docs, out)
    return docs
