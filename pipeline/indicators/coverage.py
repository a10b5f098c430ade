"""Coverage: nothing is lost silently.

Four checks after validation, each turning a silent omission into something a person sees:
  - every graphic or table a reader found on a page must have given at least one loaded value,
    else it is an `unread_region` review item with its page, bbox and first words;
  - printed shares ("23.0%") that stand as cells (not words of a sentence) must be accounted for by
    a loaded value or a region found: a block of them that nothing accounts for is what a reader
    never found, or found only in part (one column of a five-column table), and is an
    `unread_region` too;
  - every indicator the catalogue marks `expected` for the document's mechanism must be there;
  - a per-municipality series much shorter than the document's fullest one is incomplete.
A document failing any of them is `partial`, and `documents.error` says what is missing.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from pipeline.indicators.catalogue import CORE_TASKS, indicators
from pipeline.model.pagemodel import Page, Word
from pipeline.readers import Seen
from pipeline.model.geometry import contains, overlaps
from pipeline.model.records import DocInfo, ReviewItem, Value, where_read


@dataclass(frozen=True)
class CoverageSettings:
    pad: float = 2.0  # points around a region within which a value's centre counts as read from it
    min_area: float = 400.0  # square points: smaller finds (a lone swatch, a boxed word) are not graphics
    min_series_share: float = 0.5  # a municipality series under half the fullest one's municipalities
    # is incomplete (a sheet prints every municipality in each series: 3 of 30 is a lost table part)
    min_series_full: int = 6  # ... when the fullest has at least this many municipalities
    min_stray_shares: int = 3  # printed shares on a page that nothing accounts for, from which they are a
    # lost block: the bundled samples leave at most 1 per page (a sentence restating a figure elsewhere,
    # "about 85%"), a likert table read in one column of five leaves 9 to 12
    sentence_gap: float = 1.0  # a neighbour word closer than this many font sizes makes a share a word
    # of running text (word spaces are about 0.3, table columns 1.5 and more)


@dataclass(frozen=True)
class Printed:
    """A share printed as a cell of a table or a label of a graphic, kept for the coverage check."""

    page: int
    bbox: tuple[float, float, float, float]
    text: str
    value: float


SETTINGS = CoverageSettings()
SUMMARY = re.compile(r"^\s*\d+\s*/\s*\d+\s*$")  # a donut or callout showing "20/30": an n-of-N summary, no value
SHARE = re.compile(r"^\(?(\d{1,3}(?:[.,]\d{1,2})?)\s?%\)?[.,;:]?$")
LETTER = re.compile(r"[^\W\d_]")


def in_sentence(word: Word, line: list[Word], gap: float) -> bool:
    """Whether a word has a neighbour with letters on its line, at a word space's distance."""
    size = word.size or word.height
    return any(LETTER.search(o.text) and (0 <= word.x0 - o.x1 < gap * size or 0 <= o.x0 - word.x1 < gap * size)
               for o in line if o is not word)


def printed_shares(page: Page, s: CoverageSettings = SETTINGS) -> list[Printed]:
    """The shares a page prints outside running text."""
    out = []
    for w in page.words:
        m = SHARE.match(w.text)
        if not m or not w.upright:
            continue
        line = [o for o in page.words if min(o.bottom, w.bottom) - max(o.top, w.top) > 0.5 * w.height]
        if not in_sentence(w, line, s.sentence_gap):
            out.append(Printed(page.number, (w.x0, w.top, w.x1, w.bottom), w.text, float(m.group(1).replace(",", "."))))
    return out


def centre_in(box: tuple, region: tuple, pad: float) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] - pad <= cx <= region[2] + pad and region[1] - pad <= cy <= region[3] + pad


def read_from(value: Value, seen: Seen, pad: float) -> bool:
    if value.page != seen.page or value.bbox is None:
        return False
    cx, cy = (value.bbox[0] + value.bbox[2]) / 2, (value.bbox[1] + value.bbox[3]) / 2
    return contains(seen.bbox, cx, cy, pad)


def unread_regions(values: list[Value], seen: list[Seen],
                   s: CoverageSettings = SETTINGS) -> tuple[list[ReviewItem], int]:
    """The regions found by a reader that no loaded value came from, one item per region, and how
    many of them nothing at all could be read from (those make the document partial)."""
    out: list[ReviewItem] = []
    unreadable = 0
    reported: list[Seen] = []
    for item in sorted(seen, key=lambda i: -(i.bbox[2] - i.bbox[0]) * (i.bbox[3] - i.bbox[1])):
        area = (item.bbox[2] - item.bbox[0]) * (item.bbox[3] - item.bbox[1])
        if area < s.min_area or SUMMARY.match(item.text) or any(read_from(v, item, s.pad) for v in values):
            continue
        if any(r.page == item.page and overlaps(r.bbox, item.bbox) for r in reported):
            continue
        reported.append(item)
        read_by_another = any(o.page == item.page and o.n_observations and overlaps(o.bbox, item.bbox) for o in seen)
        nothing = not item.n_observations and not read_by_another
        unreadable += nothing
        why = ("found, but nothing in it could be read" if nothing else
               "numbers read, none of them loaded as a catalogue value (not one, or not understood)")
        out.append(ReviewItem(item.page, "unread_region", item.text or "(no text)",
                              detail=f"reader={item.reader}; {why}", bbox=item.bbox))
    return out, unreadable


def stray_shares(values: list[Value], seen: list[Seen], printed: list[Printed],
                 s: CoverageSettings = SETTINGS) -> list[ReviewItem]:
    """One `unread_region` per page for its printed shares that no loaded value accounts for (by its
    box, or by the same share loaded elsewhere: a sentence or a second chart restating it) and no
    found region holds (those are the region check's), when there are `min_stray_shares` of them."""
    loaded = {round(v.value, 1) for v in values if v.unit == "percent"}
    by_page: dict[int, list[Printed]] = defaultdict(list)
    for n in printed:
        if round(n.value, 1) in loaded or any(
                v.page == n.page and v.bbox and overlaps(n.bbox, v.bbox) for v in values) or any(
                region.page == n.page and centre_in(n.bbox, region.bbox, s.pad) for region in seen):
            continue
        by_page[n.page].append(n)
    out = []
    for page, stray in sorted(by_page.items()):
        if len(stray) < s.min_stray_shares:
            continue
        box = (min(n.bbox[0] for n in stray), min(n.bbox[1] for n in stray),
               max(n.bbox[2] for n in stray), max(n.bbox[3] for n in stray))
        out.append(ReviewItem(page, "unread_region", " ".join(n.text for n in stray[:12]), bbox=box,
                              detail=f"reader=none; {len(stray)} printed shares that no loaded value or found "
                                     "table or graphic accounts for: a table or graphic not found, or found in part"))
    return out


def missing_expected(values: list[Value], info: DocInfo) -> list[str]:
    have = {v.indicator for v in values}
    return sorted(name for name, ind in indicators().items()
                  if ind.expected and ind.mechanism == info.mechanism and name not in have)


# Closed category lists every sheet prints whole: a MOCR matrix has a column for each core task (all
# 8 in every edition of every corpus and of the dev set), so a task read for no office is a column lost.
WHOLE_VOCABULARIES = {"core_task": CORE_TASKS}


def missing_categories(values: list[Value]) -> list[str]:
    """'indicator period: categories' for each closed list read in part (some categories, not all)."""
    read: dict[tuple[str, object], set[str]] = defaultdict(set)
    for v in values:
        if v.category and indicators()[v.indicator].category_vocabulary in WHOLE_VOCABULARIES:
            read[(v.indicator, v.period_end)].add(v.category)
    out = []
    for (indicator, period), have in sorted(read.items(), key=str):
        lost = [c for c in WHOLE_VOCABULARIES[indicators()[indicator].category_vocabulary] if c not in have]
        if lost:
            out.append(f"{indicator} {period}: no {', '.join(lost)}")
    return out


def incomplete_series(values: list[Value], s: CoverageSettings = SETTINGS) -> list[tuple[str, list[Value]]]:
    """The per-municipality series that lack municipalities, each with its values (which say where
    on the page the short series was read): much shorter than the document's fullest series, or
    without a municipality that the same indicator's other period has (a sheet prints this year and
    last year side by side, for the same municipalities)."""
    series: dict[tuple, dict[str, Value]] = defaultdict(dict)
    for v in values:
        if v.municipality_id and indicators()[v.indicator].scope == "municipality" \
                and v.indicator != "mcsc.missing_community_representatives":  # only communities shown are rows
            series[(v.indicator, v.category, v.period_end)][v.municipality_id] = v
    fullest = max((len(m) for m in series.values()), default=0)
    periods: dict[tuple, set[str]] = defaultdict(set)  # (indicator, category) -> municipalities of all periods
    n_periods: dict[tuple, int] = defaultdict(int)
    for (ind, cat, _), m in series.items():
        periods[(ind, cat)] |= set(m)
        n_periods[(ind, cat)] += 1
    short = []
    for (ind, cat, end), m in series.items():
        name = f"{ind}{' ' + cat if cat else ''} {end}"
        if fullest >= s.min_series_full and len(m) < s.min_series_share * fullest:
            short.append((f"{name}: {len(m)} of {fullest} municipalities", list(m.values())))
        elif n_periods[(ind, cat)] > 1 and len(m) < len(periods[(ind, cat)]):
            lost = sorted(periods[(ind, cat)] - set(m))
            short.append((f"{name}: {len(m)} municipalities, the other period also has {', '.join(lost)}",
                          list(m.values())))
    return sorted(short, key=lambda item: item[0])


def check_coverage(values: list[Value], seen: list[Seen], info: DocInfo,
                   printed: list[Printed] = ()) -> tuple[list[ReviewItem], list[str]]:
    """Review items for what was seen but not read, and the problems that make the document partial."""
    review, unreadable = unread_regions(values, seen)
    problems = []
    if unreadable:  # regions whose numbers were read but named nothing in the catalogue stay review items:
        # sheets print such graphics (counts per task, "20/30" summaries), and they are no loss
        problems.append(f"{unreadable} table(s) or graphic(s) found but not read (review/: unread_region)")
    stray = stray_shares(values, seen, printed)
    if stray:
        review += stray
        problems.append(f"printed shares that no value accounts for on page(s) "
                        f"{', '.join(str(r.page) for r in stray)} (review/: unread_region)")
    missing = missing_expected(values, info)
    if missing:
        problems.append(f"expected indicators missing: {', '.join(missing)}")
    lost = missing_categories(values)
    if lost:
        problems.append(f"categories missing: {'; '.join(lost)}")
    short = incomplete_series(values)
    if short:
        texts = [text for text, _ in short]
        problems.append(f"incomplete series: {'; '.join(texts[:5])}{' ...' if len(texts) > 5 else ''}")
    for text, members in short:
        page, box = where_read(members)
        review.append(ReviewItem(page, "validation", text, bbox=box,
                                 detail="a per-municipality series shorter than the document's fullest one: "
                                        "part of a table unread?"))
    return review, problems
