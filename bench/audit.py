"""How the audit step scales: the audit of an output folder grown to N documents, and page rendering.

    python bench/audit.py OUT_DIR [--n 500]

OUT_DIR is the output of a real run (e.g. `factsheets ingest raw/samples --out OUT_DIR`). Its
documents are cloned under new ids until there are N (their files no longer match the ids, so the
clones get value tables without page images), then the whole audit runs once and its time and sizes
are printed; page rendering is timed separately on the real documents' PDFs.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium
import pyarrow as pa

from pipeline.audit.audit import audit
from pipeline.audit.audit_html import PAGE_DPI, render_pages
from pipeline.output.report import read_table
from pipeline.output.store import write_atomic


def grow(source: Path, target: Path, n: int) -> None:
    """An output folder of n documents made of copies of `source`'s documents under new ids."""
    docs = pd.read_parquet(source / "documents").drop_duplicates("document_id")
    values, review = read_table(source, "indicators"), read_table(source, "review")
    rows = []
    for k in range(n):
        doc = docs.iloc[k % len(docs)]
        new = hashlib.sha256(f"{doc['document_id']}/{k}".encode()).hexdigest()
        clone = f"clone-{k:04d}-{Path(doc['path_or_url']).name}"
        rows.append({**doc.to_dict(), "document_id": new, "path_or_url": clone})
        for name, table in (("indicators", values), ("review", review)):
            mine = table[table["document_id"] == doc["document_id"]].assign(document_id=new) if len(table) else table
            if len(mine):
                write_atomic(pa.Table.from_pandas(mine, preserve_index=False), target / name / f"{new}.parquet")
    write_atomic(pa.Table.from_pandas(pd.DataFrame(rows), preserve_index=False),
                 target / "documents" / "20000101T000000000000Z_bench.parquet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out"
        grow(args.out, target, args.n)
        started = time.perf_counter()
        a = audit(target)
        seconds = time.perf_counter() - started
        pages = sorted((target / "audit" / "doc").glob("*.html"))
        sizes = [p.stat().st_size for p in pages]
        print(f"audit of {args.n} documents ({a.n_keys} resolved values): {seconds:.1f} s, "
              f"{seconds / args.n * 1000:.0f} ms per document")
        print(f"index.html {a.index.stat().st_size / 1024:.0f} KB; {len(pages)} document pages, median "
              f"{statistics.median(sizes) / 1024:.0f} KB, largest {max(sizes) / 1024:.0f} KB")
        docs = pd.read_parquet(args.out / "documents").drop_duplicates("document_id")
        pdfs = [(Path(p), d) for p, d in zip(docs["path_or_url"], docs["document_id"]) if str(p).endswith(".pdf")]
        folder = Path(tmp) / "pages"
        started = time.perf_counter()
        n_pages = sum(len(render_pages(p, d, folder)) for p, d in pdfs)
        seconds = time.perf_counter() - started
        images = [f.stat().st_size for f in folder.glob("*.webp")]
        print(f"page images at {PAGE_DPI} dpi: {n_pages} pages in {seconds:.2f} s "
              f"({seconds / max(n_pages, 1) * 1000:.0f} ms per page), median {statistics.median(images) / 1024:.0f} KB "
              f"(pypdfium2 {pdfium.PYPDFIUM_INFO})")
        shutil.rmtree(target)


if __name__ == "__main__":
    main()
