"""python -m producers.mpl OUT_DIR --seed N"""
from __future__ import annotations

import argparse
from pathlib import Path

from .corpus import generate


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m producers.mpl", description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    docs = generate(a.out, a.seed)
    print(f"{len(docs)} documents, {sum(len(d.rows) for d in docs)} truth rows -> {a.out}")


if __name__ == "__main__":
    main()
