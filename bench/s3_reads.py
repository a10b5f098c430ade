"""What `--out s3://...` costs and how a reader fares beside a writer, against a local moto server.

    python bench/s3_reads.py [--repeat 3] [--reads 60]

1. Writing: the run body (`runs.run`) over `raw/samples/`, the documents read once beforehand and
   replayed, into a local folder and into a bucket; seconds of the first run and of a `--force` re-run
   (every file replaced, its rows copied to history/), the least of `--repeat` tries.
2. Reading beside a writer: one file of a folder rewritten without pause (8 MB, other content each
   time) while the folder is read `--reads` times with `location.read_frame`; how many first reads
   failed (the file changed while read) and the attempts each read took (`location.READ_ATTEMPTS`).
"""
from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's pipeline, as in the other benches

import pyarrow as pa  # noqa: E402

from fixtures.s3server import moto_server  # noqa: E402
from pipeline import runs  # noqa: E402
from pipeline.extract import process  # noqa: E402
from pipeline.ops.inputs import local_inputs  # noqa: E402
from pipeline.output import location  # noqa: E402

BUCKET = "factsheets-bench"
BIG_ROWS = 400_000  # about 8 MB of Parquet: pyarrow reads it in several ranged requests


def write_seconds(out_of: callable, repeat: int) -> tuple[float, float]:
    inputs = local_inputs([ROOT / "raw" / "samples"])
    outcomes = {i.path: process(i.path, i.hint) for i in inputs}

    def replay(items):  # noqa: ANN001, ANN202
        return ((i, copy.deepcopy(outcomes[i.path])) for i in items)

    first = rerun = float("inf")
    for n in range(repeat):
        out = out_of(n)
        t = time.perf_counter()
        runs.run(inputs, out, f"bench-{n}", replay)
        first = min(first, time.perf_counter() - t)
        t = time.perf_counter()
        runs.run(inputs, out, f"bench-{n}-again", replay, force=True)
        rerun = min(rerun, time.perf_counter() - t)
    return first, rerun


def reads_beside_a_writer(reads: int) -> tuple[int, Counter]:
    folder = location.parse(f"s3://{BUCKET}/race/table")
    table = pa.table({"a": list(range(BIG_ROWS)), "b": [str(i) for i in range(BIG_ROWS)]})
    for i in range(4):
        location.write_parquet(table, folder / f"f{i}.parquet")
    stop = threading.Event()

    def writer() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            location.write_parquet(table.slice(0, BIG_ROWS - n), folder / "f1.parquet")

    real, calls = location._fetched, [0]

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls[0] += 1
        return real(*args, **kwargs)

    location._fetched = counting  # one call per attempt of a remote `read_frame`
    thread = threading.Thread(target=writer)
    thread.start()
    attempts: Counter = Counter()
    try:
        for _ in range(reads):
            calls[0] = 0
            location.read_frame(folder)
            attempts[calls[0]] += 1
    finally:
        stop.set()
        thread.join()
        location._fetched = real
    return sum(n for a, n in attempts.items() if a > 1), attempts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reads", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        local = write_seconds(lambda n: Path(tmp) / f"out{n}", args.repeat)
        print(f"local folder: first run {local[0]:.2f} s, forced re-run {local[1]:.2f} s")
        with moto_server(Path(tmp) / "moto.log", BUCKET):
            remote = write_seconds(lambda n: location.parse(f"s3://{BUCKET}/bench/out{n}"), args.repeat)
            print(f"s3 (moto on 127.0.0.1): first run {remote[0]:.2f} s, forced re-run {remote[1]:.2f} s")
            failed, attempts = reads_beside_a_writer(args.reads)
            print(f"reads beside a writer: {failed} of {args.reads} first reads failed; attempts per read "
                  + ", ".join(f"{a}: {n}" for a, n in sorted(attempts.items())))


if __name__ == "__main__":
    main()
