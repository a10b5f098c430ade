"""Throughput of the text layer (identify + read_text / read_html) on the dev set, in pages per second.

    python bench/text.py [DEV_DIR] [--repeat N]

Page models are built once outside the timing (that is the page model's cost, not the text layer's).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.readers.html import read_html  # noqa: E402
from pipeline.identify import identify  # noqa: E402
from pipeline.lang.nlp import pipeline  # noqa: E402
from pipeline.model.pagemodel import lines_of, load_pdf  # noqa: E402
from pipeline.readers.text import read_text  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "factsheets-dev"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dev", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    for lang in ("sq", "sr", "en"):
        pipeline(lang)
    print(f"build spaCy pipelines: {time.perf_counter() - start:.2f} s")

    pdfs = [(p, *load_pdf(p)) for p in sorted(args.dev.glob("*.pdf"))]
    htmls = sorted(args.dev.glob("*.html"))
    n_pages = sum(len(pages) for _, pages, _ in pdfs) + len(htmls)
    n_values = 0
    start = time.perf_counter()
    for _ in range(args.repeat):
        n_values = 0
        for _path, pages, meta in pdfs:
            text = "\n".join(" ".join(w.text for w in line) for p in pages for line in lines_of(p.words))
            n_values += len(read_text(pages, identify(text, meta)))
        for path in htmls:
            n_values += len(read_html(path)[2])
    elapsed = time.perf_counter() - start
    pages_done = n_pages * args.repeat
    print(f"documents: {len(pdfs) + len(htmls)}  pages: {n_pages}  values per pass: {n_values}")
    print(f"text layer: {pages_done} pages in {elapsed:.2f} s = {pages_done / elapsed:.1f} pages/s")


if __name__ == "__main__":
    main()
