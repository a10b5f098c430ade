#!/usr/bin/env python3
"""Bare numeric literals in the readers: layout assumptions written into the code without a name.

    python bench/literals.py [FOLDER ...] [--where]     (default: pipeline/readers)

Counts, per module, the int and float constants of the code (parsed with `ast`; booleans, strings
and docstrings are no numbers) except 0, 1 and 2 in either sign, which are counts, halves and
doublings rather than assumptions about a layout, and except subscripts (`e[3]`, `words[1:3]`),
which are indices. A literal is *named*, not bare, when it is
the value of a module-level assignment (`GC_EVERY_PAGES = 50`) or of a field in a class body (the
settings dataclasses, `light: float = 0.93`): there it has a name, and the comment beside it says
the unit and the measurement. Everything else is bare, default values of function parameters
included. Prints bare and named counts per module, biggest first, and the totals; `--where` lists
every bare literal as path:line value.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRIVIAL = {0, 1, 2}  # indices, counts, halves and doublings: no assumption about a layout


def numbers(node: ast.AST) -> list[ast.Constant]:
    """The non-trivial numeric constants under `node`, subscripts left out (`e[3]`, `words[1:3]`)."""
    indices = {id(n) for sub in ast.walk(node) if isinstance(sub, ast.Subscript) for n in ast.walk(sub.slice)}
    return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and type(n.value) in (int, float)
            and abs(n.value) not in TRIVIAL and id(n) not in indices]


def bare_and_named(path: Path) -> tuple[list[ast.Constant], list[ast.Constant]]:
    """The bare and the named numeric literals of one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    named: set[int] = set()
    for stmt in tree.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
            named |= {id(n) for n in numbers(stmt.value)}
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for stmt in cls.body:
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
                named |= {id(n) for n in numbers(stmt.value)}
    every = numbers(tree)
    return [n for n in every if id(n) not in named], [n for n in every if id(n) in named]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[ROOT / "pipeline" / "readers"])
    ap.add_argument("--where", action="store_true", help="list every bare literal as path:line value")
    args = ap.parse_args(argv)
    found = {p: bare_and_named(p) for folder in args.folders for p in sorted(folder.rglob("*.py"))}
    if args.where:
        for path, (bare, _) in found.items():
            for n in sorted(bare, key=lambda n: n.lineno):
                print(f"{path}:{n.lineno} {n.value!r}")
    rows = [(p, len(bare), len(named)) for p, (bare, named) in found.items()]
    rows.sort(key=lambda r: (-r[1], str(r[0])))
    print(f"{'module':56} {'bare':>5} {'named':>6}")
    for path, bare, named in rows:
        print(f"{str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path):56} {bare:5d} {named:6d}")
    print(f"{'total':56} {sum(r[1] for r in rows):5d} {sum(r[2] for r in rows):6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
