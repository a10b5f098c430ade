"""Where office-suite tables lost values at their edges: the rows at the top and bottom of banded
tables, tables run over a page break (a work-plan list, a Likert table) whose continuation carries no
caption, a caption printed as a table's first row over two side-by-side pairs, a chart's rotated axis
labels above a table's caption, and a pie legend entry cut short ("Ž..."). Each test reads a
committed corpus PDF and compares with its truth; each failed before its fix."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus_truth import all_read, read_indicator

OFFICE = Path(__file__).resolve().parents[1] / "corpora" / "office"

pytestmark = pytest.mark.skipif(not OFFICE.exists(), reason="corpora/office is not in this checkout")


@pytest.mark.parametrize("path", [
    "seed-1/office-s1-08-mocr-en.pdf",  # the last row of each page touches the bands' lower edge
    "seed-1/office-s1-07-mocr-sr-cyrl.pdf",
])
def test_the_row_right_below_a_banded_table_is_one_of_its_rows(path: str) -> None:
    assert all_read(OFFICE / path, "mocr.core_task_performed")
    assert all_read(OFFICE / path, "mocr.core_tasks_performed")


def test_a_wrapped_headers_last_line_is_no_part_of_the_first_row() -> None:
    """MOCR sq: the header's last line ("veprimi", "eteve") was taken into the first row of the banded
    body, and two task columns lost their names (68 values); the continuation row on page 3 is
    flagged, not guessed."""
    truth, got = read_indicator(OFFICE / "seed-1/office-s1-05-mocr-sq.pdf", "mocr.core_task_performed")
    page2 = {k for k, v in got.items() if v.page == 2}
    assert len(page2) == 8 * 34 and all(got[k].value == truth[k] for k in page2)
    assert {k[2] for k in page2} == {k[2] for k in truth}


@pytest.mark.parametrize("path, indicator", [
    ("seed-2/office-s2-01-mcsc-sq.pdf", "mcsc.work_plan_adopted"),  # pairs run down two columns, page 2 to 3
    ("seed-1/office-s1-10-kvsp-en.pdf", "kvsp.survey.likert_share"),  # statement d on the next page
    ("seed-2/office-s2-09-kvsp-sq.pdf", "kvsp.survey.likert_share"),
])
def test_a_table_continued_on_the_next_page_keeps_its_caption(path: str, indicator: str) -> None:
    assert all_read(OFFICE / path, indicator)


@pytest.mark.parametrize("path", [
    "seed-3/office-s3-02-mcsc-sr.pdf",  # a bar chart's rotated municipality labels stand above the caption
    "seed-3/office-s3-03-mcsc-sr-cyrl.pdf",  # the caption is the grid's first row, over both pairs
])
def test_a_work_plan_list_keeps_the_caption_printed_over_it(path: str) -> None:
    assert all_read(OFFICE / path, "mcsc.work_plan_adopted")


def test_a_legend_entry_cut_short_gives_way_to_the_slices_own_label() -> None:
    """"Ž..." in the legend; "Žene; 20.2%" printed by the slice."""
    assert all_read(OFFICE / "seed-3/office-s3-02-mcsc-sr.pdf", "mcsc.chairs_by_gender")


def test_two_rows_under_a_repeated_header_band_are_a_table() -> None:
    """MOCR sr, page 3: the matrix ends with two rows under its header band repeated; two rows alone
    prove too little for a whitespace table, two under a header read apart are its last rows."""
    pdf = OFFICE / "seed-2/office-s2-06-mocr-sr.pdf"
    for indicator in ("mocr.core_task_performed", "mocr.core_tasks_performed"):
        truth, got = read_indicator(pdf, indicator)
        page3 = {k for k, v in got.items() if v.page == 3}
        assert {k[1] for k in page3} == {"xk-vushtrri"}  # Vitina's label is taken by the header band's box
        assert all(got[k].value == truth[k] for k in got)
