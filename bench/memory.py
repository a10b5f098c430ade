"""Peak memory of one document against its page count, and of the hostile files of tests/hostile.py.

    python bench/memory.py [--pages 50 500 5000] [--code DIR]

Each document is read by `extract.process` in a fresh interpreter, whose peak resident set
(the child's own `ru_maxrss`) is printed with the time taken; `--code DIR` measures another checkout
of the pipeline (e.g. the commit before page-by-page reading) on the very same files.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402

CHILD = """
import resource, sys
from pathlib import Path
from pipeline.extract import process
o = process(Path(sys.argv[1]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, o.status, len(o.values), (o.error or '')[:70])
"""


def measure(path: Path, code: Path, timeout: float) -> tuple[float, float, str]:
    """Seconds, peak RSS in MB and the outcome of reading `path` in a fresh interpreter."""
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(code)}
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                              env=env, cwd=code, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - started, float("nan"), f"killed after {timeout:g} s"
    lines = done.stdout.strip().splitlines()
    if not lines:
        return time.perf_counter() - started, float("nan"), done.stderr.strip()[-90:]
    peak, result = lines[-1].split(" ", 1)
    return time.perf_counter() - started, float(peak), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, nargs="+", default=[50, 500, 5000])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout of the pipeline to measure")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = [(f"{n}-page PDF", hostile.write(Path(tmp) / f"pages-{n}.pdf",
                                                hostile.text_pdf([hostile.fact_sheet_page(i) for i in range(n)])))
                 for n in args.pages]
        files.append(("FlateDecode bomb (1 GB)", hostile.write(Path(tmp) / "bomb.pdf", hostile.flate_bomb())))
        print(f"code: {args.code.resolve()}")
        print(f"{'document':26} {'MB on disk':>10} {'seconds':>8} {'peak RSS MB':>12}  outcome")
        for name, path in files:
            seconds, peak, result = measure(path, args.code, args.timeout)
            print(f"{name:26} {path.stat().st_size / 1e6:10.2f} {seconds:8.1f} {peak:12.0f}  {result}")


if __name__ == "__main__":
    main()
