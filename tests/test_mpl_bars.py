"""What the bar reader reads from the committed matplotlib corpus (corpora/mpl/seed-*): bars with no
printed value, bars of no length, axes of two ticks, headings whose word spaces were lost."""
from __future__ import annotations

import pytest

from corpus_truth import CORPORA, assert_read, read
from pipeline.lang import vocab

pytestmark = pytest.mark.skipif(not (CORPORA / "mpl").exists(), reason="corpora/mpl is not committed")


def test_a_bar_drawn_with_no_length_is_0_without_an_axis() -> None:
    """Horizontal bars with their values printed and no axis: the zero-width bars (Dragash, Gjakova ...)
    carry no label, yet a bar drawn with no length is 0 on any scale."""
    assert_read("mpl", "seed-5", "886817.pdf", "mcsc.meetings_on_community_concerns")


def test_two_ticks_make_a_scale_when_one_is_the_0_at_the_axis() -> None:
    """No value labels and an axis printing only "0" and "5": the bars are read on that scale, below SURE."""
    assert_read("mpl", "seed-3", "349523.pdf", "mcsc.meetings_on_community_concerns")
    assert max(conf for _, conf in read("mpl", "seed-3", "349523.pdf",
                                        "mcsc.meetings_on_community_concerns").values()) < 0.9


def test_a_bar_hidden_under_its_legend_is_no_undrawn_bar() -> None:
    """The legend set over the last slots puts its words inside two bars, which are then not taken for
    bars; they were drawn, so their slots get no 0 (Zvečan 2020 is 10, Štrpce 2021 is 12)."""
    got = read("mpl", "seed-5", "886817.pdf", "mcsc.meetings_held")
    assert ("xk-zvecan", "", "2020-12") not in got and ("xk-shterpce", "", "2021-12") not in got


@pytest.mark.parametrize("indicator", ["mcsc.meetings_on_community_concerns", "mcsc.missing_community_representatives",
                                       "mcsc.meetings_held"])
def test_a_letter_spaced_heading_that_lost_its_word_spaces_names_its_topic(indicator: str) -> None:
    """"T a k i m e t e K K S B k u u d i s k u t u a n ..." (each letter a word, the word spaces gone):
    the chart was taken for meetings held and its 20 values clashed with the real ones."""
    assert vocab.has("TakimeteKKSBkuudiskutuanincidentetesiguris", vocab.TOPICS["concerns"])
    assert vocab.has("KomunitetetqënukkanëpërfaqësuesnëKKSB*", vocab.TOPICS["missing"])
    assert not vocab.has("Takimet e KKSB", vocab.TOPICS["concerns"])
    assert_read("mpl", "seed-4", "347514.pdf", indicator)


def test_labels_run_together_across_one_and_a_half_slots_are_split_by_the_gazetteer() -> None:
    """"MalishevëMitrovicë e Jugut" under a stacked chart without value labels: cut by position they
    gave "itrovicë e Jugu" and "t Shtime", 5 values lost; split by the gazetteer all 17 are read."""
    assert_read("mpl", "seed-2", "477300.pdf", "mcsc.missing_community_representatives")
    confs = [conf for _, conf in read("mpl", "seed-2", "477300.pdf", "mcsc.missing_community_representatives").values()]
    assert max(confs) < 0.9
