"""`pipeline/README.md` against the code: it lists every module, and the path of a chart value it
describes is the order in which a real run calls those functions."""
from __future__ import annotations

import ast
import functools
import importlib
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from fixtures.render import make_document
from pipeline import runs
from pipeline.extract import process
from pipeline.ops.inputs import local_inputs

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
GUIDE = (PACKAGE / "README.md").read_text(encoding="utf-8")
STEP = re.compile(r"^\| (\d+) \| `([\w/]+\.py)` \| `(\w+)` \|", re.M)
LISTED = re.compile(r"^\| `([\w/]+\.py)` \|", re.M)
MAX_MODULES = 6  # issue 9: a newcomer follows one chart value through at most six modules


def has_code(path: Path) -> bool:
    """A module with more than a docstring (empty package markers need no line of their own)."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return any(not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)) for node in body)


def test_every_module_is_listed_once() -> None:
    modules = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if has_code(p)}
    listed = LISTED.findall(GUIDE)
    assert sorted(set(listed)) == sorted(listed), "a module is listed twice"
    assert modules - set(listed) == set(), "modules missing from pipeline/README.md"
    assert set(listed) - modules == set(), "pipeline/README.md lists modules that are gone"


def test_chart_value_path_is_the_order_a_run_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = [(int(n), module, function) for n, module, function in STEP.findall(GUIDE)]
    assert [n for n, _, _ in steps] == list(range(1, len(steps) + 1))
    assert len({module for _, module, _ in steps}) == len(steps) <= MAX_MODULES, "one module per step"
    calls: list[str] = []
    for _, module, function in steps:
        name = "pipeline." + module.removesuffix(".py").replace("/", ".")
        original = getattr(importlib.import_module(name), function)
        recorded = recording(original, f"{module}:{function}", calls)
        for loaded in [m for key, m in sys.modules.items() if key.startswith("pipeline")]:
            for attr, value in vars(loaded).items():
                if value is original:  # the module itself and every `from ... import function`
                    monkeypatch.setattr(loaded, attr, recorded)
    pdf = tmp_path / "mcsc-en.pdf"
    make_document("mcsc", "en", 0, pdf)
    out = tmp_path / "out"
    runs.run(local_inputs([pdf]), out, "layout", lambda items: ((i, process(i.path)) for i in items))
    assert list(dict.fromkeys(calls)) == [f"{module}:{function}" for _, module, function in steps]
    rows = pd.read_parquet(out / "indicators")
    assert rows["method"].str.startswith("chart:bar").any(), "the sample's bar values reach the Parquet table"


def recording(function: Callable, name: str, calls: list[str]) -> Callable:
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        calls.append(name)
        return function(*args, **kwargs)
    return wrapper
