"""Period expressions of the three languages, as the readers and identification meet them."""
from datetime import date

import pytest

from pipeline.lang.periods import find_periods, opens_span, parse_period

D = date


@pytest.mark.parametrize("text, start, end", [
    ("Janar - Dhjetor 2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("Janar – shtator 2017", D(2017, 1, 1), D(2017, 9, 30)),
    ("januar–septembar 2017", D(2017, 1, 1), D(2017, 9, 30)),
    ("januar – decembar 2016", D(2016, 1, 1), D(2016, 12, 31)),
    ("January–September 2017", D(2017, 1, 1), D(2017, 9, 30)),
    ("Jan–Sep 2017", D(2017, 1, 1), D(2017, 9, 30)),
    ("Ndërmjet janarit dhe dhjetorit 2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("prej janarit deri në qershor 2022", D(2022, 1, 1), D(2022, 6, 30)),
    ("gjatë vitit 2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("tokom 2024. godine", D(2024, 1, 1), D(2024, 12, 31)),
    ("during 2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("2014–2017", D(2014, 1, 1), D(2017, 12, 31)),
    ("2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("nëntor – dhjetor 2023", D(2023, 11, 1), D(2023, 12, 31)),
    ("nëntor 2023 – janar 2024", D(2023, 11, 1), D(2024, 1, 31)),
    ("nëntor – janar 2024", D(2023, 11, 1), D(2024, 1, 31)),
    ("2024-06-03", D(2024, 6, 3), D(2024, 6, 3)),
    ("03.06.2024", D(2024, 6, 3), D(2024, 6, 3)),
    ("27/5/24, 9:44", D(2024, 5, 27), D(2024, 5, 27)),
    ("јануар – септембар 2017", D(2017, 1, 1), D(2017, 9, 30)),
    ("од јануара до децембра 2016. године", D(2016, 1, 1), D(2016, 12, 31)),
    ("korrikut 2022", D(2022, 7, 1), D(2022, 7, 31)),
    ("jun–avgust 2018", D(2018, 6, 1), D(2018, 8, 31)),
    ("June 3, 2024", D(2024, 6, 3), D(2024, 6, 3)),
    ("3. jun 2024.", D(2024, 6, 3), D(2024, 6, 3)),
])
def test_parse_period(text, start, end):
    p = parse_period(text)
    assert p is not None and (p.start, p.end) == (start, end)
    assert text[p.span[0]:p.span[1]] == p.text


@pytest.mark.parametrize("stem, month", [
    ("janar", 1), ("shkurt", 2), ("mars", 3), ("prill", 4), ("maj", 5), ("qershor", 6),
    ("korrik", 7), ("gusht", 8), ("shtator", 9), ("tetor", 10), ("nëntor", 11), ("dhjetor", 12)])
def test_albanian_inflections(stem, month):
    for form in {stem, stem + ("ut" if stem == "korrik" else "it")}:
        assert parse_period(f"{form} 2020").start == D(2020, month, 1)


def test_legend_gives_two_periods():
    assert [p.start.year for p in find_periods("2019 2018")] == [2019, 2018]
    assert [p.text for p in find_periods("Janar - Dhjetor  2024 Janar - Dhjetor  2023")] == [
        "Janar - Dhjetor  2024", "Janar - Dhjetor  2023"]


def test_not_periods():
    assert find_periods("Udhëzimi Administrativ 27/2012 dhe 03/2012") == []  # legal references
    assert find_periods("Tiketa 1898, 85%, 34 komuna") == []
    assert len(find_periods("2016 dhe 2017")) == 2  # two years, not a range


def test_since_opens_a_span():
    p = parse_period("2010")
    assert opens_span("Që nga paraqitja e tyre në vitin", p)
    assert opens_span("Since their introduction in", p)
    assert not opens_span("Gjatë", p)
    assert not opens_span("od", parse_period("januara do septembra 2017"))


@pytest.mark.parametrize("text, start, end", [
    ("Јануар – септемар 2017", D(2017, 1, 1), D(2017, 9, 30)),  # б lost by the text layer
    ("Јануар – септем\uf6c5ар 2017", D(2017, 1, 1), D(2017, 9, 30)),  # б as a private-use code point
    ("januar – septembr 2018", D(2018, 1, 1), D(2018, 9, 30)),
    ("Novemar 2020", D(2020, 11, 1), D(2020, 11, 30)),
])
def test_a_month_name_with_one_glyph_lost_is_still_a_month(text: str, start: date, end: date) -> None:
    p = parse_period(text)
    assert p is not None and (p.start, p.end) == (start, end)


@pytest.mark.parametrize("text", ["mentor 2019", "dhjete takime 2019", "shtatë vjet 2017"])
def test_words_near_short_month_names_are_not_months(text: str) -> None:
    assert [(p.start, p.end) for p in find_periods(text)] == [(D(2019 if "2019" in text else 2017, 1, 1),
                                                               D(2019 if "2019" in text else 2017, 12, 31))]
