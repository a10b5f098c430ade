"""Throughput of the whole extraction (`pipeline.extract.process`) in pages per second, with the split
of its time between the stages and its peak memory, on the dev set and on a generated fixture corpus.

    python bench/graphics.py [--dev DIR] [--n N] [--repeat N] [--no-memory] [--corpus DIR ...] [--no-fixtures]

`--corpus` adds a folder of documents, or a producer's folder of seeds (`corpora/mpl` measures
every `seed-N` in it as one corpus), so the independent producers are measured too.

The split comes from timing the stage functions `process` calls (wrapped in `pipeline.extract`'s
namespace for the run, so `process` itself runs unchanged):
  page model    load (pdfplumber parse, glyph dedupe, words and shapes, spooled to disk)
  graphics      read_graphics (tables, bar charts, pies) per page
  text layer    identify + read_text (PDF) or read_html (HTML)
  map+validate  map_observations + validate
  coverage      printed_shares + check_coverage (what was seen but not read)
  other         hashing, sniffing, reading spooled pages back, bookkeeping (total minus the above)
One-off costs (spaCy pipelines, lazily loaded tables) are paid by a warm-up document before timing.
Peak memory: the process's peak RSS (resource) after each corpus, and the largest tracemalloc peak
of one document in a separate, untimed pass (tracemalloc slows Python allocation down a lot).
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Callable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pipeline.extract as extract  # noqa: E402
from fixtures.render import make_corpus  # noqa: E402
from pipeline.lang.nlp import pipeline as spacy_pipeline  # noqa: E402

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "factsheets-dev"
STAGES = {"load": "page model", "read_graphics": "graphics", "identify": "text layer",
          "read_text": "text layer", "read_html": "text layer", "map_observations": "map+validate",
          "validate": "map+validate", "printed_shares": "coverage", "check_coverage": "coverage"}
COLUMNS = ("page model", "graphics", "text layer", "map+validate", "coverage", "other")


@contextmanager
def timed_stages() -> Iterator[dict[str, float]]:
    """Seconds spent in each stage while the block runs, summed over calls."""
    spent: dict[str, float] = defaultdict(float)
    originals = {name: getattr(extract, name) for name in STAGES}

    def timer(name: str, fn: Callable) -> Callable:
        @wraps(fn)
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[STAGES[name]] += time.perf_counter() - start
        return run

    for name, fn in originals.items():
        setattr(extract, name, timer(name, fn))
    try:
        yield spent
    finally:
        for name, fn in originals.items():
            setattr(extract, name, fn)


def inputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".pdf", ".html", ".htm"))


def measure(label: str, paths: list[Path], repeat: int, memory: bool) -> dict:
    """Run `process` over the paths `repeat` times; pages, time, stage split, statuses, memory."""
    pages = total = 0.0
    statuses: dict[str, int] = defaultdict(int)
    with timed_stages() as spent:
        for _ in range(repeat):
            for path in paths:
                start = time.perf_counter()
                outcome = extract.process(path)
                total += time.perf_counter() - start
                pages += outcome.n_pages
                statuses[outcome.status] += 1
        split = dict(spent)
    split["other"] = max(0.0, total - sum(split.values()))
    row = {"label": label, "docs": len(paths), "pages": int(pages / repeat), "seconds": total,
           "pages_per_s": pages / total if total else 0.0, "split": split,
           "statuses": {k: v // repeat for k, v in statuses.items()},
           "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if memory:
        peaks = []
        for path in paths:
            tracemalloc.start()
            extract.process(path)
            peaks.append((tracemalloc.get_traced_memory()[1] / 2**20, path.name))
            tracemalloc.stop()
        row["traced_mb"], row["traced_doc"] = max(peaks)
    return row


def print_tables(rows: list[dict], repeat: int) -> None:
    print(f"\nThroughput of process() ({repeat} pass{'es' if repeat > 1 else ''}; time is per all passes)")
    head = f"{'corpus':<34}{'docs':>5}{'pages':>7}{'seconds':>9}{'pages/s':>9}  statuses"
    print(head)
    print("-" * len(head) + "-" * 12)
    for r in rows:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(r["statuses"].items()))
        print(f"{r['label']:<34}{r['docs']:>5}{r['pages']:>7}{r['seconds']:>9.2f}{r['pages_per_s']:>9.1f}  {statuses}")

    print("\nWhere the time goes (seconds, share of process() time)")
    head = f"{'corpus':<34}" + "".join(f"{c:>17}" for c in COLUMNS)
    print(head)
    print("-" * len(head))
    for r in rows:
        cells = "".join(f"{r['split'].get(c, 0.0):>9.2f} ({100 * r['split'].get(c, 0.0) / r['seconds']:>3.0f}%)"
                        for c in COLUMNS)
        print(f"{r['label']:<34}{cells}")

    print("\nPeak memory")
    head = f"{'corpus':<34}{'peak RSS so far':>16}{'largest traced peak of one document':>40}"
    print(head)
    print("-" * len(head))
    for r in rows:
        traced = f"{r['traced_mb']:.1f} MB ({r['traced_doc']})" if "traced_mb" in r else "skipped (--no-memory)"
        print(f"{r['label']:<34}{r['rss_mb']:>13.0f} MB{traced:>40}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the dev set folder")
    parser.add_argument("--n", type=int, default=None, help="fixture documents (default: the standard corpus)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="timed passes over each corpus")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--corpus", type=Path, action="append", default=[],
                        help="a folder of documents, or of seed-N folders (repeatable)")
    parser.add_argument("--no-fixtures", action="store_true", help="skip the generated fixture corpus")
    args = parser.parse_args()

    start = time.perf_counter()
    for lang in ("sq", "sr", "en"):
        spacy_pipeline(lang)
    with tempfile.TemporaryDirectory(prefix="bench-warmup-") as tmp:  # lazy tables: gazetteer, catalogue
        make_corpus(Path(tmp), 1)
        for path in inputs(Path(tmp)):
            extract.process(path)
    print(f"warm-up (spaCy pipelines, lazy tables; once per process, not in the figures below): "
          f"{time.perf_counter() - start:.2f} s")

    rows = []
    if args.dev.is_dir() and inputs(args.dev):
        rows.append(measure(f"dev set ({args.dev.name})", inputs(args.dev), args.repeat, not args.no_memory))
    else:
        print(f"dev set not found at {args.dev}: skipped (give --dev DIR)")
    for folder in args.corpus:
        seeds = sorted(p for p in folder.glob("seed-*") if p.is_dir()) or [folder]
        paths = [path for seed in seeds for path in inputs(seed)]
        rows.append(measure(f"corpus {folder.name} ({len(seeds)} folders)", paths, args.repeat, not args.no_memory))
    if args.no_fixtures:
        print_tables(rows, args.repeat)
        return
    with tempfile.TemporaryDirectory(prefix="bench-fixtures-") as tmp:
        start = time.perf_counter()
        make_corpus(Path(tmp), args.n, args.seed)
        paths = inputs(Path(tmp))
        print(f"generated {len(paths)} fixture documents in {time.perf_counter() - start:.2f} s")
        rows.append(measure(f"fixtures (make_corpus, seed {args.seed})", paths, args.repeat, not args.no_memory))
    print_tables(rows, args.repeat)


if __name__ == "__main__":
    main()
