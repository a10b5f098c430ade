"""Helpers of the office producer whose mistakes would silently corrupt its truth: Serbian
Cyrillic transliteration, answer slugs, shares that must sum to 100, alphabetical order."""
from __future__ import annotations

import random

import pytest

pytest.importorskip("docx")
pytest.importorskip("pptx")

from producers.office.kvsp import slug, split_100  # noqa: E402
from producers.office.names import kosovo, sort_key, to_cyrillic  # noqa: E402


def test_cyrillic_digraphs_and_names_match_the_contract() -> None:
    assert to_cyrillic("Lipljan Njegoš Džemal OEBS") == "Липљан Његош Џемал ОЕБС"
    # every Kosovo municipality's Serbian Latin name transliterates to the contract's Cyrillic name
    mismatched = [m.id for m in kosovo() if to_cyrillic(m.sr_latn) != m.sr_cyrl]
    assert mismatched == []


def test_slugs_follow_the_contract() -> None:
    assert slug("1-2 times") == "1-2_times"
    assert slug("Më shumë se 5 herë") == "me_shume_se_5_here"
    assert slug("Don't know") == "dont_know"


@pytest.mark.parametrize("n", [2, 3, 5, 14])
def test_shares_sum_to_100_at_the_printed_precision(n: int) -> None:
    rng = random.Random(n)
    for _ in range(200):
        parts = split_100(rng, n, 1)
        assert len(parts) == n and all(p > 0 for p in parts)
        assert round(sum(parts), 1) == 100.0


def test_cyrillic_sorts_in_the_serbian_alphabet() -> None:
    names = ["Ђаковица", "Дечане", "Гњилане", "Витина", "Штрпце", "Јуник"]
    assert sorted(names, key=sort_key) == ["Витина", "Гњилане", "Дечане", "Ђаковица", "Јуник", "Штрпце"]
