"""python -m producers.browser OUT_DIR --seed N: one seed's corpus of browser-printed look-alike documents."""
from __future__ import annotations

import argparse
from pathlib import Path

from .corpus import write


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, required=True)
    a = ap.parse_args(argv)
    docs = write(a.out, a.seed)
    n = sum(len(d.values) * len(d.outputs) for d in docs)
    print(f"{a.out}: {len(docs)} documents, {n} truth rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
