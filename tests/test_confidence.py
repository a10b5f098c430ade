"""The confidence scale, doubt, and provenance that travels from reader to row unchanged."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from pipeline.extract import process
from pipeline.model import confidence as scale
from pipeline.model.confidence import Confidence
from pipeline.output.rows import BBOX_COLUMNS, indicator_row
from pipeline.output.schema import INDICATORS

CONTRACT = Path(__file__).resolve().parent.parent.parent / "shared" / "contract" / "CONTRACT.md"
if not CONTRACT.exists():
    CONTRACT = Path("/work/shared/contract/CONTRACT.md")
SAMPLES = Path(__file__).resolve().parent.parent / "raw" / "samples"
# a bar-chart and tick-list sheet, a survey report of pies and Likert tables, a police web page
SHEETS = ("01-mcsc-sq.pdf", "08-kvsp-en.pdf", "09-kp-html-sq.html")
DOCUMENT = {"document_id": "d", "source_id": "local:d", "publisher": "OSCE", "mechanism": "MCSC",
            "language": "sq", "run_id": "r"}


@pytest.fixture(scope="module")
def outcomes() -> dict:
    return {name: process(SAMPLES / name) for name in SHEETS}


def test_the_scale_keeps_the_contracts_two_lines() -> None:
    if not CONTRACT.exists():
        pytest.skip(f"the shared output contract is not here ({CONTRACT})")
    text = CONTRACT.read_text(encoding="utf-8")
    review = re.search(r"values below ([0-9.]+) must also appear in `review/`", text)
    silent = re.search(r"wrong value with confidence >= ([0-9.]+) is a silent error", text)
    assert review and silent, "the contract no longer words its two lines as this test expects"
    assert scale.REVIEW_LINE == float(review.group(1)) and scale.SURE == float(silent.group(1))


def test_every_level_sits_on_the_side_of_the_lines_its_name_says() -> None:
    below_review = [scale.CONFLICT, scale.CONTRADICTED, scale.GUESS]
    loaded_not_sure = [scale.SUSPECT, scale.INFERRED, scale.UNCONFIRMED]
    assert below_review == sorted(below_review) and max(below_review) < scale.REVIEW_LINE
    assert loaded_not_sure == sorted(loaded_not_sure)
    assert scale.REVIEW_LINE <= min(loaded_not_sure) and max(loaded_not_sure) < scale.SURE
    assert scale.SURE <= scale.STATED < scale.READING < 1.0  # no reading is certain
    once_each = Confidence(scale.STATED).doubt("a", less=scale.RIVALS).doubt("b", less=scale.UNNAMED)
    assert scale.REVIEW_LINE <= once_each.score < scale.SURE  # a sentence with one doubt of each kind is loaded


def test_doubt_lowers_never_raises_and_keeps_every_reason() -> None:
    c = Confidence(scale.READING).doubt("far from its bar", cap=scale.UNCONFIRMED)
    c = c.doubt("no axis", cap=scale.SURE)  # a higher cap lowers nothing, but the reason is news
    assert c == Confidence(scale.UNCONFIRMED, ("far from its bar", "no axis"))
    steps = Confidence(scale.STATED).doubt("rivals", less=scale.RIVALS).doubt("before", less=scale.RIVALS)
    assert steps.score == 0.7  # steps add up without float drift (0.9 - 0.1 - 0.1 is 0.7000000000000001)
    with pytest.raises(AttributeError):
        c.score = 1.0  # type: ignore[misc]


def test_every_value_below_sure_says_why(outcomes: dict) -> None:
    for name, o in outcomes.items():
        assert o.values, name
        unexplained = [v for v in o.values if v.confidence < scale.SURE and not v.notes]
        assert not unexplained, (name, unexplained[:3])


def test_rows_take_their_columns_from_the_schema_and_the_provenance_unchanged(outcomes: dict) -> None:
    for name, o in outcomes.items():
        for v in o.values:
            row = indicator_row(v, DOCUMENT)
            assert list(row) == INDICATORS.names
            box = tuple(row[c] for c in BBOX_COLUMNS)
            assert (row["page"], None if box[0] is None else box, row["method"], row["raw_text"]) == \
                (v.prov.page, v.prov.bbox, v.prov.method, v.prov.raw_text), name
            assert row["confidence"] == round(v.conf.score, 3) and row["notes"] == ("; ".join(v.notes) or None)
            assert (row["match_score"] is not None) == (row["municipality_id"] is not None), (name, v)
    assert any(v.municipality_id for v in outcomes["01-mcsc-sq.pdf"].values)


def test_a_schema_column_nothing_provides_fails_at_once(outcomes: dict) -> None:
    v = outcomes["01-mcsc-sq.pdf"].values[0]
    with pytest.raises(KeyError, match="run_id"):
        indicator_row(v, {k: x for k, x in DOCUMENT.items() if k != "run_id"})


def test_outcomes_keep_provenance_and_doubt_through_the_cache(outcomes: dict) -> None:
    """Cached outcomes are pickled: the frozen provenance and confidence must come back equal."""
    o = outcomes["08-kvsp-en.pdf"]
    back = pickle.loads(pickle.dumps(o))
    assert [(v.prov, v.conf) for v in back.values] == [(v.prov, v.conf) for v in o.values]
