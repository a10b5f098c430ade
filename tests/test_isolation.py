"""A bug in one item costs that item: the document is `partial`, the rest of its values stay."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.indicators import mapping
from pipeline import readers
from pipeline.readers import text
from pipeline.extract import process

SAMPLES = Path(__file__).resolve().parents[1] / "raw" / "samples"
SHEET = SAMPLES / "01-mcsc-sq.pdf"


def failing_once(real):
    """`real`, except that its first call raises, as a reader bug on one item would."""
    calls = []

    def wrapper(*args):
        calls.append(args)
        if len(calls) == 1:
            raise IndexError("list index out of range")
        return real(*args)
    return wrapper


@pytest.mark.parametrize("module, name, stage", [
    (readers, "read_bar_chart", "bar chart reader"),
    (text, "read_page", "text reader"),
    (mapping, "map_graphic", "mapping"),
])
def test_one_failing_item_costs_only_that_item(monkeypatch, module, name, stage) -> None:
    whole = process(SHEET)
    assert whole.status == "ok" and whole.values
    monkeypatch.setattr(module, name, failing_once(getattr(module, name)))
    hurt = process(SHEET)
    assert hurt.status == "partial", hurt.error
    assert stage in hurt.error
    failures = [r for r in hurt.review if r.kind == "reader_failure"]
    assert len(failures) == 1 and failures[0].page is not None and "IndexError" in failures[0].text
    keys = lambda vs: {(v.indicator, v.municipality_id, v.category, v.period_end, v.value) for v in vs}  # noqa: E731
    assert keys(hurt.values) <= keys(whole.values)  # no value that was not there
    assert len(hurt.values) >= 0.3 * len(whole.values)
