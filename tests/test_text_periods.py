"""The period of a count printed in text is the one nearest in structure: its sentence, the line under
its caption, the line under the row of figures it stands in, a heading over them; never a date printed
elsewhere on the page (a page's statistics date is not the period of yearly activity counts).
"""
from __future__ import annotations

import pytest

from corpus_truth import CORPORA, assert_read

pytestmark = pytest.mark.skipif(not (CORPORA / "mpl").exists(), reason="corpora/mpl is not committed")


@pytest.mark.parametrize("seed, name", [
    ("seed-1", "720607.pdf"),   # Serbian: "Period: Januar - Decembar 2023" under the three activity cards
    ("seed-2", "318289.pdf"),   # Albanian
    ("seed-3", "628843.pdf"),
    ("seed-3", "275170.pdf"),   # English
    ("seed-5", "858373.pdf"),
])
@pytest.mark.parametrize("indicator", ["lpsc.executive_meetings", "lpsc.trainings", "lpsc.meetings_with_residents"])
def test_a_period_line_under_a_row_of_figures_dates_every_figure_of_the_row(seed: str, name: str,
                                                                            indicator: str) -> None:
    """Two of the three captions are a line shorter than the first, so the period line is not right
    under them: they took the page's statistics date (03.04.2024), a key the truth does not have."""
    assert_read("mpl", seed, name, indicator)


def test_the_period_line_under_a_column_of_captions_is_the_last_caption_s_own() -> None:
    """"Total LPSCs 273" over three activities set one under the other, each with its "Period: January –
    December 2024" line: the committees are counted on the page's date, not over the activities' year."""
    assert_read("mpl", "seed-1", "495551.pdf", "lpsc.committees")
    assert_read("mpl", "seed-1", "495551.pdf", "lpsc.trainings")


@pytest.mark.parametrize("seed, name", [("seed-1", "720607.pdf"), ("seed-3", "275170.pdf")])
def test_the_committees_total_is_bound_apart_from_the_activity_cards(seed: str, name: str) -> None:
    """"Ukupno LOJB 268", the foot of the list by region, shares its left edge with the first activity
    card; bound as one group with the cards, whose figures stand above them, it lost its figure."""
    assert_read("mpl", seed, name, "lpsc.committees")
