"""The hostile inputs of issue 11 in one real run: what each file comes out as, how long it took.

    python bench/hostile_run.py [--pages 5000] [--time-limit 120] [--memory-limit 1024]

Builds each hostile file of `tests/hostile.py` (plus a good sample under a name that is not UTF-8,
and a 5,000-page PDF) in one folder, runs `factsheets ingest FOLDER --out OUT` once in a subprocess
and prints, per file, the status, the seconds the run log gives and the reason; then the command's
exit code, wall time and peak memory of its whole process tree (`bench/proctree.py`). A run that
hangs or crashes shows here as a missing row or a non-zero exit.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

import pandas as pd

from proctree import measured

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402

SAMPLE = ROOT / "raw" / "samples" / "01-mcsc-sq.pdf"


def build(folder: Path, pages: int) -> None:
    """One file per hostile class, named for it."""
    rng = random.Random(1)
    hostile.write(folder / "self-referencing-contents.pdf", hostile.self_referencing_contents())
    hostile.write(folder / "flate-bomb-1gb.pdf", hostile.flate_bomb())
    hostile.write(folder / "nested-divs-100000.html", hostile.nested_divs())
    hostile.write(folder / "page-of-10000-words.pdf", hostile.text_pdf([hostile.random_words_page(rng)]))
    hostile.write(folder / f"pages-{pages}.pdf", hostile.text_pdf([hostile.fact_sheet_page(n) for n in range(pages)]))
    with open(os.path.join(os.fsencode(folder), b"fl\xeatra-\xff.pdf"), "wb") as f:  # not UTF-8
        f.write(SAMPLE.read_bytes())
    good = SAMPLE.read_bytes()
    for name, damage in (("flipped-bytes", hostile.flip_bytes), ("truncated", hostile.truncate),
                         ("deleted-stream", hostile.delete_stream), ("damaged-xref", hostile.damage_xref)):
        hostile.write(folder / f"{name}.pdf", damage(good, rng))
    hostile.write(folder / "empty.pdf", b"")
    hostile.write(folder / "not-a-pdf.pdf", b"<html><body>a landing page</body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per document (default: the CLI's)")
    parser.add_argument("--memory-limit", type=int, default=None, help="MB per document (default: the CLI's)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    folder, out = work / "in", work / "out"
    folder.mkdir()
    build(folder, args.pages)
    command = [sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--out", str(out)]
    if args.time_limit:
        command += ["--time-limit", str(args.time_limit)]
    if args.memory_limit:
        command += ["--memory-limit", str(args.memory_limit)]
    r = measured(command, ROOT)
    docs = pd.read_parquet(out / "documents") if (out / "documents").exists() else pd.DataFrame()
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 110)
    for d in docs.sort_values("path_or_url").itertuples():
        print(f"{Path(d.path_or_url).name:32} {d.status:11} {d.seconds:7.1f} s {d.n_indicators:4} values  "
              f"{d.error[:110] if isinstance(d.error, str) else ''}")  # an ok document's error is null
    print(f"exit {r['code']}, {len(docs)} documents logged of {sum(1 for _ in folder.iterdir())}, "
          f"{r['wall']:.1f} s wall, {r['cpu']:.1f} CPU s, peak {r['peak_mb']:.0f} MB over the process tree")


if __name__ == "__main__":
    main()
