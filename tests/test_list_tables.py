"""Tables that list category names in a cell ("Istog | Kosovo Turk, Kosovo Ashkali, Kosovo Egyptian"),
sparse count matrices (a 1 under two of six communities), and captions printed run together
("KomunitetetqënukkanëpërfaqësuesnëKKSB*"). Each read from a committed corpus PDF and compared with
its truth: before, these tables gave 0 missing-representative values each."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus_truth import all_read, read_indicator
from pipeline.extract import process
from pipeline.lang import vocab

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "corpora" / "office"
MPL = ROOT / "corpora" / "mpl"
INDICATOR = "mcsc.missing_community_representatives"

corpora = pytest.mark.skipif(not (OFFICE.exists() and MPL.exists()),
                             reason="corpora/office or corpora/mpl is not in this checkout")


@corpora
@pytest.mark.parametrize("path", [
    "seed-1/office-s1-04-mcsc-en.pdf",  # whitespace table, a caption row inside it
    "seed-2/office-s2-02-mcsc-sr.pdf",  # ruled table, Serbian Latin
    "seed-3/office-s3-01-mcsc-sq.pdf",  # lists wrapped onto a second line ("Ashkali të / Kosovës")
])
def test_a_cell_listing_communities_is_one_value_per_listed_community(path: str) -> None:
    assert all_read(OFFICE / path, INDICATOR)
    _, got = read_indicator(OFFICE / path, INDICATOR)
    assert all(v.unit == "count" and v.conf.score >= 0.9 for v in got.values())


@corpora
def test_each_listed_community_has_the_box_of_its_own_name() -> None:
    """Istog lists three communities on one line: three boxes side by side inside the cell."""
    _, got = read_indicator(OFFICE / "seed-1/office-s1-04-mcsc-en.pdf", INDICATOR)
    istog = sorted((v for k, v in got.items() if k[1] == "xk-istog"), key=lambda v: v.bbox[0])
    assert [v.prov.raw_text for v in istog] == ["Kosovo Turk", "Kosovo Ashkali", "Kosovo Egyptian"]
    assert all(a.bbox[2] < b.bbox[0] for a, b in zip(istog, istog[1:]))
    assert len({round(v.bbox[1]) for v in istog}) == 1


@corpora
@pytest.mark.parametrize("path", [
    "seed-4/347514.pdf",  # caption run together, Albanian
    "seed-4/753503.pdf",  # caption run together, Serbian Cyrillic; rows with one 1 of five columns
    "seed-5/753159.pdf",  # the first rows tick two of six columns: body rows, not header
])
def test_a_sparse_matrix_under_a_run_together_caption_is_read_whole(path: str) -> None:
    assert all_read(MPL / path, INDICATOR)


@pytest.mark.parametrize("text, categories", [
    ("Kosovo Turk, Kosovo Ashkali, Kosovo Egyptian", ("turkish", "ashkali", "egyptian")),
    ("Boshnjak të Kosovës, Romë të Kosovës", ("bosniak", "roma")),
    ("Kosovski Egipćani", ("egyptian",)),
    ("Косовски Турци; Косовски Горанци", ("turkish", "gorani")),
    ("Kosovo Turk and others", ()),  # a part naming two categories is no list
    ("Kosovo Roma, Kosovo Roma", ()),  # nor one naming a category twice
    ("Kosovo Roma, Istog", ()),  # nor one with a part that names none
    ("Communities without a representative", ()),
])
def test_listed_names_each_part_exactly_once(text: str, categories: tuple[str, ...]) -> None:
    assert vocab.listed(text) == categories


def test_a_caption_printed_run_together_still_names_its_topic() -> None:
    assert vocab.has("KomunitetetqënukkanëpërfaqësuesnëKKSB*", vocab.TOPICS["missing"])
    assert vocab.has("ЗаједницекојенемајупредставникауОСБЗ*", vocab.TOPICS["missing"])
    assert not vocab.has("Themelimidhepërbërja", vocab.TOPICS["missing"])
    assert not vocab.has("Takimet e mbajtura", vocab.TOPICS["missing"])


@corpora
def test_values_under_a_label_naming_two_communities_are_flagged_not_dropped() -> None:
    """Office sr: the whitespace reading joins the "Turci" and "Romi" columns; a value under the joined
    label cannot be given a community, so it goes to review (the document is partial), never silently."""
    outcome = process(OFFICE / "seed-3/office-s3-02-mcsc-sr.pdf")
    flagged = [r for r in outcome.review if r.kind == "validation" and "several categories" in r.detail]
    assert flagged and all(INDICATOR in r.detail and r.bbox for r in flagged)
    assert any("Turci" in r.text and "Romi" in r.text for r in flagged)
