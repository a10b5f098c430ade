"""Where the CPU time of a one-document `factsheets ingest` goes, before and around the reading.

    python bench/startup.py [--repeat 3]

Each line is a fresh interpreter in a subprocess; CPU time (user + sys) of its whole process tree
(`bench/proctree.py`), the least of `--repeat` tries (the least disturbed by other load). The last
three lines are the whole command, each with what it costs besides reading the document: as a user
without a Prefect server runs it (no flow: `pipeline.cli.ops.uses_flow`), with `--prefect` (the flow
and its own in-process API), and against an API that is already running (`PREFECT_API_URL`, here one
started by this script), which is what start-up costs with a team's Prefect server.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from proctree import measured

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's pipeline, as in the other benches


def cpu(args: list[str], env: dict[str, str] | None = None, repeat: int = 3) -> float:
    """The least CPU time of `repeat` runs, over the whole process tree (the forkserver and its
    document children included: `proctree.measured`)."""
    best = float("inf")
    for _ in range(repeat):
        r = measured([sys.executable, *args], ROOT, env)
        if r["code"] != 0:
            raise SystemExit(f"{' '.join(args)} exited {r['code']}")
        best = min(best, r["cpu"])
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    doc = work / "mcsc-en.pdf"
    subprocess.run([sys.executable, "-c", f"from fixtures.render import make_document; "
                    f"make_document('mcsc', 'en', 0, __import__('pathlib').Path({str(doc)!r}))"], cwd=ROOT, check=True)
    steps = {
        "python itself": ["-c", "pass"],
        "import pipeline.cli (the command line)": ["-c", "import pipeline.cli"],
        "import prefect (the client)": ["-c", "import prefect"],
        "import pipeline.extract (the readers, spaCy)": ["-c", "import pipeline.extract"],
        "import pipeline.ops.warm (the forkserver: readers, spaCy pipelines, gazetteer)":
            ["-c", "import pipeline.ops.warm"],
        "import pipeline.output.contracts + store (the writer: pandas, pyarrow, pandera)":
            ["-c", "import pipeline.output.contracts, pipeline.output.store; pipeline.output.contracts.schemas()"],
        "import prefect.server.api.server (the API)": ["-c", "import prefect.server.api.server"],
        "import flows.ingest + prefect.server (all code a run loads)":
            ["-c", "import flows.ingest, prefect.server.api.server, uvicorn"],
        "start and stop the in-process API (imports included)":
            ["-c", "from pipeline.ops.prefect_api import local_api\nwith local_api(): pass"],
        "read the document without Prefect (imports included)":
            ["-c", f"from pipeline.extract import process; process(__import__('pathlib').Path({str(doc)!r}))"],
    }
    for label, step in steps.items():
        print(f"{cpu(step, repeat=args.repeat):6.2f} CPU s  {label}")
    reading = reading_alone(doc, args.repeat)
    print(f"{reading:6.2f} CPU s  reading the document alone (in a warm process, imports excluded)")
    ingest = ["-m", "pipeline.cli", "ingest", str(doc), "--out", str(work / "out"), "--force"]
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    for flags, label in (([], "no server, so no Prefect flow"), (["--prefect"], "--prefect: its own in-process API")):
        total = cpu([*ingest, *flags], env, args.repeat)
        print(f"{total:6.2f} CPU s  factsheets ingest (one document; {label}); "
              f"{total - reading:.2f} besides reading")
    from pipeline.ops.prefect_api import local_api

    with local_api() as url:
        total = cpu(ingest, {**env, "PREFECT_API_URL": url}, args.repeat)
        print(f"{total:6.2f} CPU s  factsheets ingest (one document; PREFECT_API_URL set: the flow); "
              f"{total - reading:.2f} besides reading")


def reading_alone(doc: Path, repeat: int) -> float:
    """CPU s of `process(doc)` once the readers are imported and warm (the least of `repeat`)."""
    script = ("import sys, time\nfrom pathlib import Path\nimport pipeline.ops.warm\nfrom pipeline.extract import process\n"
              "process(Path(sys.argv[1]))\nt = time.process_time()\nprocess(Path(sys.argv[1]))\n"
              "print(time.process_time() - t)")
    runs = [subprocess.run([sys.executable, "-c", script, str(doc)], cwd=ROOT, check=True, capture_output=True,
                           text=True).stdout for _ in range(repeat)]
    return min(float(r.strip().splitlines()[-1]) for r in runs)

if __name__ == "__main__":
    main()
