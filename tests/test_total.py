"""Parsers are total: on text they do not understand they find nothing, they never raise.

Three kinds of input: random strings (hypothesis), the real text layers in ../shared/seeds
line by line, and those lines with the defects real text layers carry (doubled glyphs,
run-together words, stray connectors at a line end, letter-spaced headings).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.lang import vocab
from pipeline.identify import identify
from pipeline.lang.numbers import parse_count, parse_number
from pipeline.lang.periods import find_periods, opens_span, parse_period
from pipeline.places import find_names, match
from pipeline.model.records import DocInfo
from pipeline.readers.text import caption_indicator, hits_in_text, strip_of_total

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
INFOS = [DocInfo(publisher="OSCE", mechanism="MCSC", language="sq", country="XK",
                 period_start=date(2024, 1, 1), period_end=date(2024, 12, 31)),
         DocInfo(publisher="IDM", mechanism="KVSP", language="en", country="AL"),
         DocInfo()]

# Text as a PDF's text layer gives it: letters of the three alphabets, digits, dashes, ticks and symbols.
ALPHABET = st.sampled_from(list("aeiouëçšžđćčqxjnm AEIOUËÇŠŽĐ абвгдђежзијклљмнњопрстћуфхцчџш 0123456789"
                                "–—-/.,:;()%*✓✔✗✘•\n\t\u00a0\ufffd"))
TEXT = st.one_of(st.text(), st.text(alphabet=ALPHABET, max_size=80))
WORDS = ["Janar", "shtator", "2017", "–", "deri", "nga", "the", "dhe", "do", "2020", "januar", "od", "to",
         "KKSB", "ZKKK", "Prizren", "u", "Gračanica", "33", "12,5%", "1.521", "(", ")", "/", "27/2012"]
PHRASES = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)


def parse_all(text: str) -> None:
    """Every text parser of the pipeline on one string; any exception fails the test."""
    for p in find_periods(text):
        opens_span(text[:p.span[0]], p)
    parse_period(text)
    parse_number(text)
    parse_count(text)
    match(text)
    find_names(text)
    vocab.which(text, vocab.COMMUNITIES)
    vocab.listed(text)
    vocab.has(text, vocab.TOPICS["missing"])
    strip_of_total(text)
    for info in INFOS:
        caption_indicator(text, info)
        hits_in_text(text, info)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_parsers_are_total_on_random_text(text: str) -> None:
    parse_all(text)


@settings(max_examples=400, deadline=None)
@given(PHRASES)
def test_parsers_are_total_on_period_like_phrases(text: str) -> None:
    parse_all(text)
    parse_all(text + " ")


@pytest.mark.parametrize("text", ["January –", "nga 2019 deri", "the 2020 – ", "Janar – shtator", "od 2019. do",
                                  "2014–", "– 2017", "ndërmjet janarit dhe", "27/5/", "2024-13-45"])
def test_stray_connectors_find_nothing_or_a_period(text: str) -> None:
    """The strings that once raised IndexError and lost whole documents."""
    for p in find_periods(text):
        assert p.start <= p.end


def defects(line: str) -> list[str]:
    """The line as damaged text layers print it."""
    doubled = "".join(c + c if c.isalpha() else c for c in line)
    run_together = line.replace(" ", "")
    spaced = " ".join(line)
    return [line, doubled, run_together, spaced, line.rstrip() + " –", line + " deri", line[: len(line) // 2]]


def seed_lines() -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip(f"the real text layers are in ../shared/seeds, absent here ({SEEDS})")
    return [line for f in sorted(SEEDS.glob("*.txt")) for line in f.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_parsers_are_total_on_real_text_layers_and_their_defects() -> None:
    lines = seed_lines()
    assert len(lines) > 100
    for line in lines:
        for variant in defects(line):
            parse_all(variant)


def test_identification_is_total_on_damaged_real_documents() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the real text layers are in ../shared/seeds, absent here ({SEEDS})")
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for variant in (text, text.replace(" ", ""), "".join(c + c for c in text[:4000]), text[:300] + " –"):
            identify(variant, {})


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_identification_is_total_on_random_text(text: str) -> None:
    info = identify(text, {})
    assert info.language in (None, "sq", "sr", "en")
