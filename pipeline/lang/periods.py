"""Period expressions in Albanian, Serbian (Latin and Cyrillic) and English, as date ranges.

Fact sheets state what they cover in many ways: "Janar – shtator 2017", "januar–septembar 2017",
"Ndërmjet janarit dhe dhjetorit 2024", "tokom 2024. godine", "2014–2017", "nëntor 2023 – janar 2024",
"2024-06-03", "27/5/24". Every reader needs the same answer, so the rules live here once.

The text is cut into tokens (dates, years, month names, small numbers, dashes, connector words),
Cyrillic is transliterated and diacritics are folded so one month lexicon serves all three
languages, and a small grammar reads "point [connector point]" where a point is a date, a
day-month-year, a month-year, a bare month (only as the left side of a range) or a year.
Numbers glued to a slash ("27/2012", legal references) are never years.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import Levenshtein

from pipeline.lang.normalize import PRIVATE_USE, fold


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    text: str
    span: tuple[int, int]  # character span in the input


# One pattern per month over folded words: Albanian stems with their inflections (janar/janarit,
# korrik/korrikut), Serbian nominative and genitive (septembar/septembra, jun/juni), English full
# and abbreviated names.
_MONTH_PATTERNS = [
    r"jan(ar|ari|arit|arin|uar|uara|uaru|uary)?",
    r"feb(ruar|ruara|ruaru|ruary)?|shkurt(i|it|in)?",
    r"mar(s|si|sit|sin|t|ta|tu|ch)?",
    r"apr(il|ila|ilu)?|prill(i|it|in)?",
    r"maj(i|it|in|a|u)?|may",
    r"jun(e|i|a|u)?|qershor(i|it|in)?",
    r"jul(y|i|a|u)?|korrik(u|ut|un)?",
    r"aug(ust)?|avg(ust|usta|ustu)?|gusht(i|it|in)?",
    r"sep(t|tember|tembar|tembra|tembru)?|shtator(i|it|in)?",
    r"oct(ober)?|okt(obar|obra|obru)?|tetor(i|it|in)?",
    r"nov(ember|embar|embra|embru)?|nentor(i|it|in)?",
    r"dec(ember|embar|embra|embru)?|dhjetor(i|it|in)?",
]
_MONTHS = [re.compile(rf"(?:{p})") for p in _MONTH_PATTERNS]

# Words that join the two ends of a range: "janar – shtator", "ndërmjet janarit dhe dhjetorit",
# "deri në", "od januara do septembra", "January to September".
_RANGE_WORDS = {"deri", "ne", "dhe", "to", "and", "until", "till", "through", "do", "i"}
_DASHES = {"-", "–", "—", "‒", "−"}
# Between two bare years only a dash or an explicit "until" makes a range ("2016 dhe 2017" is two years).
_YEAR_RANGE_WORDS = {"deri", "ne", "to", "until", "till", "through", "do"}

MIN_YEAR, MAX_YEAR = 1990, 2099

_TOKEN = re.compile(
    r"(?P<iso>\d{4}-\d{1,2}-\s{0,3}\d{1,2})(?!\d)"  # also "2024-04-" + "06": wrapped at its last dash
    r"|(?P<dmy>\d{1,2}(?P<sep>[./])\d{1,2}(?P=sep)(?:\d{4}|\d{2}))(?![\d/])"
    r"|(?P<num>\d+)"
    rf"|(?P<word>(?:[^\W\d_]|[{PRIVATE_USE}])+)"
    r"|(?P<other>\S)"
)


@dataclass(frozen=True)
class _Tok:
    kind: str  # date | year | month | num | dash | word | other
    value: object  # date, int (year, month, number) or the folded word
    start: int
    end: int


# Full month names, for words a damaged text layer printed with one glyph lost or wrong
# ("септемар": a Cyrillic б the font mapped to a private-use code, dropped on extraction).
_FULL_MONTHS = [
    ("january", "januar", "janar", "januara"), ("february", "februar", "shkurt", "februara"),
    ("march", "marta"), ("april", "aprila"), ("maja",), ("qershor",), ("korrik",),
    ("august", "avgust", "avgusta"), ("september", "septembar", "septembra", "shtator"),
    ("october", "oktobar", "oktobra"), ("november", "novembar", "novembra", "nentor"),
    ("december", "decembar", "decembra", "dhjetor"),
]
MIN_FUZZY_MONTH = 7  # shorter names are too close to ordinary words ("nentor" - "mentor") for a one-glyph tolerance


def _month_of(folded: str) -> int | None:
    for number, pattern in enumerate(_MONTHS, start=1):
        if pattern.fullmatch(folded):
            return number
    if len(folded) < MIN_FUZZY_MONTH:
        return None
    near = {n for n, names in enumerate(_FULL_MONTHS, start=1)
            if any(len(name) >= MIN_FUZZY_MONTH and Levenshtein.distance(folded, name, score_cutoff=1) <= 1
                   for name in names)}
    return near.pop() if len(near) == 1 else None


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dmy(text: str) -> date | None:
    """'03.06.2024', '27/5/24': day first (European); swapped only when that is the sole valid reading."""
    a, b, y = (int(p) for p in re.split(r"[./]", text))
    if y < 100:
        y += 2000
    return _make_date(y, b, a) or _make_date(y, a, b)


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        if m.group("iso"):
            y, mo, d = (int(p) for p in m.group("iso").split("-"))
            day = _make_date(y, mo, d)
            toks.append(_Tok("date", day, s, e) if day else _Tok("other", m.group(), s, e))
        elif m.group("dmy"):
            day = _dmy(m.group("dmy"))
            toks.append(_Tok("date", day, s, e) if day else _Tok("other", m.group(), s, e))
        elif m.group("num"):
            n = int(m.group("num"))
            glued = text[s - 1:s] == "/" or text[e:e + 1] == "/"  # "27/2012", "02/2010"
            if len(m.group("num")) == 4 and MIN_YEAR <= n <= MAX_YEAR and not glued:
                toks.append(_Tok("year", n, s, e))
            else:
                toks.append(_Tok("num", n, s, e))
        elif m.group("word"):
            folded = fold(m.group("word"))
            month = _month_of(folded)
            toks.append(_Tok("month", month, s, e) if month else _Tok("word", folded, s, e))
        else:
            kind = "dash" if m.group() in _DASHES else "other"
            toks.append(_Tok(kind, m.group(), s, e))
    return toks


@dataclass(frozen=True)
class _Point:
    """One end of a period; `year` None for a bare month waiting for the right side's year."""

    first: date | None
    last: date | None
    month: int | None
    year: int | None
    exact: bool  # a day or a date
    is_year: bool
    i: int  # first token index
    j: int  # index after the last token


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _point(toks: list[_Tok], i: int, allow_bare_month: bool) -> _Point | None:
    """A date, '[day[.]] month [day,] year', a year, or (left side only) a bare month."""
    if i >= len(toks):  # a connector at the very end ("January –", "nga 2019 deri"): no right side
        return None
    t = toks[i]
    if t.kind == "date":
        return _Point(t.value, t.value, None, None, True, False, i, i + 1)
    if t.kind == "year":
        return _Point(date(t.value, 1, 1), date(t.value, 12, 31), None, t.value, False, True, i, i + 1)
    k, day = i, None
    if t.kind == "num" and 1 <= t.value <= 31:  # "3 June", "3. jun"
        k = i + 1
        if k < len(toks) and toks[k].kind == "other" and toks[k].value == ".":
            k += 1
        day = t.value
    if k >= len(toks) or toks[k].kind != "month":
        return None
    month, k = toks[k].value, k + 1
    if k < len(toks) and toks[k].kind == "other" and toks[k].value == ".":  # "Sep. 2017"
        k += 1
    if day is None and k < len(toks) and toks[k].kind == "num" and 1 <= toks[k].value <= 31:  # "June 3, 2024"
        after = k + 1 + (k + 1 < len(toks) and toks[k + 1].value == ",")
        if after < len(toks) and toks[after].kind == "year":
            day, k = toks[k].value, after
    if k < len(toks) and toks[k].kind == "year":
        year = toks[k].value
        if day is not None:
            d = _make_date(year, month, day)
            return _Point(d, d, month, year, True, False, i, k + 1) if d else None
        first, last = _month_span(year, month)
        return _Point(first, last, month, year, False, False, i, k + 1)
    if allow_bare_month and day is None:
        return _Point(None, None, month, None, False, False, i, k)
    return None


def _connector(toks: list[_Tok], i: int) -> tuple[int, set[str]] | None:
    """Skip up to three dash/connector tokens; returns the next index and the words seen."""
    seen: set[str] = set()
    k = i
    while k < len(toks) and k - i < 3 and (toks[k].kind == "dash" or (toks[k].kind == "word" and toks[k].value in _RANGE_WORDS)):
        seen.add("-" if toks[k].kind == "dash" else toks[k].value)
        k += 1
    return (k, seen) if seen else None


def _range(left: _Point, right: _Point, joined_by: set[str]) -> tuple[date, date] | None:
    if left.is_year or right.is_year:
        if not (left.is_year and right.is_year) or not (joined_by & ({"-"} | _YEAR_RANGE_WORDS)):
            return None
        return (left.first, right.last) if left.year < right.year <= left.year + 30 else None
    if right.first is None:
        return None
    if left.first is None:  # bare month: borrow the year of the right side (cross-year if it runs over)
        year = right.year - 1 if left.month > right.month else right.year
        first, _ = _month_span(year, left.month)
    else:
        first = left.first
    return (first, right.last) if first <= right.last else None


def find_periods(text: str) -> list[Period]:
    """Every period expression in `text`, in order of appearance."""
    toks = _tokens(text)
    out: list[Period] = []
    i = 0
    while i < len(toks):
        left = _point(toks, i, allow_bare_month=True)
        if left is None:
            i += 1
            continue
        found: tuple[date, date, int] | None = None
        conn = _connector(toks, left.j)
        if conn:
            right = _point(toks, conn[0], allow_bare_month=False)
            span = _range(left, right, conn[1]) if right else None
            if span:
                found = (span[0], span[1], right.j)
        if found is None and left.first is not None:
            found = (left.first, left.last, left.j)
        if found is None:
            i += 1
            continue
        s, e = toks[i].start, toks[found[2] - 1].end
        out.append(Period(found[0], found[1], text[s:e], (s, e)))
        i = found[2]
    return out


def parse_period(text: str) -> Period | None:
    """The period a label denotes: its first period expression, or None."""
    found = find_periods(text)
    return found[0] if found else None


# "që nga viti 2010", "since their introduction in 2010", "od 2010. godine": a year or month after these
# words opens a span of time; it is neither a value's nor a document's reporting period.
_SINCE = re.compile(r"\b(?:qe nga|qe prej|prej|since|od)\b(?:\s+\S+){0,5}\s*$")
_RANGE = re.compile(r"[-–—‒−]|\b(?:deri|dhe|to|and|do|i|until|through|till)\b")


def opens_span(text_before: str, period: Period) -> bool:
    """Whether a single year, month or date is the start of a 'since ...' phrase (given the text before it)."""
    return not _RANGE.search(fold(period.text)) and bool(_SINCE.search(fold(text_before)))
