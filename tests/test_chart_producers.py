"""The chart readers on pages drawn by producers other than our reportlab generator.

`tests/data/charts/` holds one chart per page, printed from HTML + inline SVG by headless Chromium
and drawn by matplotlib's PDF backend (`tests/data/make_charts.py` made them; `truth.json` says
what each shows). They vary what designers vary: bars as paths, rounded, in pieces; value labels
above, inside or missing; legends of squares, circles or lines in any corner, or named by year;
slanted tick labels; municipality labels printed run together; pies with labels outside, on
leader lines, beside their category or only in the legend; donuts drawn as ring segments.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.readers.bars import find_bar_charts, read_bar_chart
from pipeline.isolation import Isolation
from pipeline.readers import read_graphics
from pipeline.lang.labelsplit import segmentations, split_names
from pipeline.model.confidence import REVIEW_LINE, SURE
from pipeline.model.observations import Observation
from pipeline.model.pagemodel import Page, load_pdf
from pipeline.readers.pies import find_pies, read_pie

DATA = Path(__file__).parent / "data" / "charts"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


def page_of(name: str) -> Page:
    pages, _ = load_pdf(DATA / f"{name}.pdf")
    assert len(pages) == 1
    return pages[0]


def read(page: Page) -> list[Observation]:
    """What the graphics stage reads from a page, with the splitter `extract` passes in."""
    return [o for o in read_graphics(page, Isolation()) if o.method.startswith("chart:")]


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_value_read_and_none_wrong(name: str) -> None:
    """Each bar or slice gives its category, series and value above the review line, and nothing
    read with confidence is wrong."""
    truth = TRUTH[name]
    observations = read(page_of(truth.get("file", name)))
    if "file" in truth:  # one of several charts on a page: its values are those under its caption
        observations = [o for o in observations if truth["title"] in o.caption]
    expected = {(row, column): (value, unit) for row, column, value, unit in truth["cells"]}
    got: dict[tuple[str, str], Observation] = {}
    for o in observations:
        assert (o.row, o.column) not in got or o.confidence < REVIEW_LINE, f"two values for {(o.row, o.column)}"
        got[(o.row, o.column)] = o
        if o.confidence >= SURE:
            assert (o.row, o.column) in expected, (o.row, o.column, o.value, o.notes)
            assert o.value == pytest.approx(expected[(o.row, o.column)][0]), (o.row, o.column, o.notes)
    for key, (value, unit) in expected.items():
        assert key in got, f"{key} not read; read {sorted(got)}"
        o = got[key]
        assert o.value == pytest.approx(value) and o.unit == unit and o.confidence >= REVIEW_LINE, (key, o.notes)
        assert o.caption == truth["title"] or "file" in truth


@pytest.mark.parametrize("name", ["svg-stacked-run-together", "svg-stacked-run-together-long"])
def test_run_together_labels_without_a_splitter_go_to_review(name: str) -> None:
    """The bar reader knows no names: given no splitter, labels printed run together are cut by
    position and every value of the chart waits for a person."""
    page = page_of(name)
    observations = [o for c in find_bar_charts(page) for o in read_bar_chart(page, c)]
    assert observations and all(o.confidence < REVIEW_LINE for o in observations)
    assert all("run together" in " ".join(o.notes) for o in observations)


def test_run_together_labels_split_by_the_gazetteer_are_below_sure() -> None:
    """A unique split is trusted enough to be output, not enough to be called sure: the order of
    the names along the axis is still an assumption."""
    observations = read(page_of("svg-stacked-run-together-long"))
    assert {o.row for o in observations} == {"Mitrovicë e Veriut", "Zveçan", "Leposaviq", "Zubin Potok", "Vushtrri"}
    assert all(REVIEW_LINE <= o.confidence < SURE for o in observations)


@pytest.mark.parametrize(("text", "count", "expected"), [
    ("GjilanFerizajKamenicë", 3, ["Gjilan", "Ferizaj", "Kamenicë"]),
    ("PRISHTINËPRIZRENPEJË", 3, ["PRISHTINË", "PRIZREN", "PEJË"]),  # capitals: no case boundary to cut at
    ("Dragash/DragašKamenicaKaçanik", 3, ["Dragash/Dragaš", "Kamenica", "Kaçanik"]),  # a bilingual label
    ("Mitrovicë e VeriutSkenderaj", 2, ["Mitrovicë e Veriut", "Skenderaj"]),
    ("ЗвечанЛепосавић", 2, ["Звечан", "Лепосавић"]),
    ("HasKukës", 2, ["Has", "Kukës"]),
    ("GjilanFerizajKamenicë", 4, None),  # not as many names as slots
    ("GjakovëTjeraPejë", 3, None),  # a word that is no name: nothing is guessed
    ("MitrovicëVushtrri", 2, None),  # a bare "Mitrovicë" names no one municipality
    ("", 0, None),
])
def test_split_names(text: str, count: int, expected: list[str] | None) -> None:
    assert split_names(text, count) == expected


def test_a_split_must_be_the_only_one() -> None:
    """Two readings of one string into known names: no split (a prefix name and its remainder
    could both be names, so the longest match is not proof)."""
    readings = segmentations("PejëPejë")
    assert len(readings) == 1  # the same name twice reads one way ...
    assert split_names("PejëPejë", 1) == ["PejëPejë"]  # ... and neighbours of one municipality merge
    for text in ("GjilanFerizaj", "KlinëIstog"):
        assert len(segmentations(text)) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.integers(min_value=0, max_value=6))
def test_split_names_never_raises(text: str, count: int) -> None:
    result = split_names(text, count)
    assert result is None or (len(result) == count and all(part in text for part in result))


def test_slanted_tick_labels_are_words_along_their_line() -> None:
    """Glyphs set at 45° (pdfminer calls them upright) come out as the words of each label, in
    reading order, not as letters gathered row by row."""
    for name in ("svg-vbar-rotated", "mpl-vbar-rotated"):
        slanted = [w for w in page_of(name).words if not w.upright]
        assert {w.text for w in slanted} == {"Mitrovicë", "e", "Veriut", "Zveçan", "Leposaviq", "Zubin", "Potok"}
        assert all(abs(w.angle - 45) < 1 for w in slanted)


def test_words_are_not_broken_at_a_font_subset() -> None:
    """matplotlib puts "š" in a second font subset; the word stays one word."""
    texts = {w.text for w in page_of("mpl-donut-legend").words}
    assert {"Muškarci", "Žene"} <= texts


def test_pie_labels_on_leader_lines_follow_the_lines() -> None:
    """Labels of small slices pushed apart vertically are matched by their leader lines, not by
    the nearest angle (which would swap 5% and 3%)."""
    page = page_of("svg-pie-leader")
    (pie,) = find_pies(page)
    cells = {o.row: o for o in read_pie(page, pie)}
    assert (cells["Nuk e di"].value, cells["Refuzoj"].value) == (5.0, 3.0)
    assert all(o.confidence >= SURE for o in cells.values())


def test_table_rules_are_not_bars() -> None:
    """Chromium draws collapsed table borders as thin filled rectangles side by side: no chart, so
    the table's words stay the table reader's."""
    page = page_of("html-ruled-table")
    assert find_bar_charts(page) == [] and find_pies(page) == []


def test_each_pie_has_its_own_legend() -> None:
    """Two pies in the same colours: each legend entry belongs to the nearer pie, so the donut's
    legend shares are not taken for the other pie's (which would put all four values in review)."""
    page = page_of("mpl-two-pies")
    pies = sorted(find_pies(page), key=lambda p: p.center[0])
    assert [len(p.legend) for p in pies] == [2, 0]
    assert all(o.confidence >= SURE for p in pies for o in read_pie(page, p))


def test_donut_from_ring_segments() -> None:
    """A donut drawn as ring segments (no path starts at the centre) is one pie of two slices."""
    for name in ("svg-donut-legend", "mpl-donut-legend"):
        (pie,) = find_pies(page_of(name))
        assert sorted(round(100 * s.sweep / 6.283185307179586) for s in pie.slices) == [34, 66]
