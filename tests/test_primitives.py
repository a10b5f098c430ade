"""The shared primitives: one fold, one number grammar on the page model, one bbox type."""
from __future__ import annotations

import pickle

from hypothesis import given, settings, strategies as st

from pipeline import places
from pipeline.indicators.mapping import slug
from pipeline.lang import periods, vocab
from pipeline.lang.normalize import fold, fold_with_offsets, latin
from pipeline.lang.numbers import parse_number
from pipeline.model.geometry import bbox_of, contains, distance, overlaps, union
from pipeline.model.pagemodel import Word


def test_one_fold_serves_every_script():
    # Serbian Cyrillic and Latin meet the Albanian and English lexicons in the same folded form
    assert fold("Децембра") == fold("Decembra") == "decembra"
    assert fold("Ђаковица") == fold("Đakovica") == "djakovica"
    assert vocab.fold("Žene, (Жене)!") == "zene zene"
    assert periods.find_periods("Јануар – септембар 2017")[0].end.month == 9
    # place names fold đ and dj alike to d; the lexicons keep dj
    assert places.normalise("Đakovica") == places.normalise("Djakovica") == places.normalise("Ђаковица") == "dakovica"
    # a Cyrillic look-alike inside a Latin word is read as the Latin letter it imitates
    assert latin("Pеjë") == "pejë"


def test_slug_is_lowercase_ascii():
    assert slug("Në 1-2 herë") == "ne_1-2_here"
    assert slug("Понекад, ђаци") == "ponekad_djaci"
    assert slug("Понекад, ђаци").isascii()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fold_with_offsets_points_into_the_input(text):
    folded, origin = fold_with_offsets(text)
    assert folded == "".join(fold(c) for c in text)
    assert len(origin) == len(folded)
    assert all(0 <= i < len(text) for i in origin) and origin == sorted(origin)


def test_words_carry_their_number():
    w = Word("12,5%", 10, 20, 30, 28)
    assert w.number == parse_number("12,5%") == (12.5, True)
    assert Word("1.521", 0, 0, 1, 1).number == (1521.0, False)
    assert Word("Prizren", 0, 0, 1, 1).number is None
    copy = pickle.loads(pickle.dumps(w))
    assert copy == w and copy.number == w.number  # the spooled page model keeps it


def test_bbox_operations():
    a, b = (0.0, 0.0, 10.0, 10.0), (10.0, 0.0, 20.0, 5.0)
    assert not overlaps(a, b)  # touching is no overlap
    assert overlaps(a, (9.0, 9.0, 12.0, 12.0))
    assert union(a, None, b) == (0.0, 0.0, 20.0, 10.0)
    assert contains(a, 10.5, 5.0, pad=1) and not contains(a, 10.5, 5.0)
    assert distance(a, (13.0, 14.0, 20.0, 20.0)) == 5.0
    words = [Word("a", 1, 2, 3, 4), Word("b", 0, 3, 2, 9)]
    assert bbox_of(words) == (0, 2, 3, 9)
