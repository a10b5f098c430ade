"""python -m producers.office OUT_DIR --seed N [--keep-sources]

Builds one corpus: Word documents for every kind x language, exported to PDF by LibreOffice,
with truth.csv, docs.csv and printed.csv (the printed text of every value that is printed).
"""
from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from . import kp, kvsp, mcsc, mocr
from .render import to_pdf
from .truth import Doc, resolve_pages, write
from .vocab import Lang

# (builder, language, cyrillic): every kind x language of the brief, 13 documents per seed.
PLAN = [
    (mcsc, "sq", False), (mcsc, "sr", False), (mcsc, "sr", True), (mcsc, "en", False),
    (mocr, "sq", False), (mocr, "sr", False), (mocr, "sr", True), (mocr, "en", False),
    (kvsp, "sq", False), (kvsp, "en", False),
    (kp, "sq", False), (kp, "sr", False), (kp, "en", False),
]


def generate(out: Path, seed: int, keep_sources: bool = False) -> list[Doc]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    docs: list[Doc] = []
    with tempfile.TemporaryDirectory(prefix="office-docx-") as tmp:
        src_dir = Path(tmp)
        sources = []
        for i, (builder, code, cyr) in enumerate(PLAN, 1):
            kind = builder.__name__.rsplit(".", 1)[1]
            stem = f"office-s{seed}-{i:02d}-{kind}-{code}{'-cyrl' if cyr else ''}"
            src = src_dir / f"{stem}.docx"
            docs.append(builder.build(random.Random(rng.getrandbits(64)), Lang(code, cyr), f"{stem}.pdf", src))
            sources.append(src)
        to_pdf(sources, out)
        if keep_sources:
            for s in sources:
                (out / s.name).write_bytes(s.read_bytes())
    for d in docs:
        resolve_pages(d, out / d.file)
    write(out, docs)
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m producers.office", description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep-sources", action="store_true", help="also keep the .docx sources")
    args = ap.parse_args()
    docs = generate(args.out, args.seed, args.keep_sources)
    print(f"{len(docs)} documents, {sum(len(d.values) for d in docs)} values -> {args.out}")


if __name__ == "__main__":
    main()
