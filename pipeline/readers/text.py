"""Text-only indicators: counts stated in sentences, key-figure callouts and statistics blocks.

One set of rules, two front ends. The rules (`hits_in_text`, `caption_indicator`) read annotated
text from `pipeline.lang.nlp` and decide what a COUNT counts, from the words that follow it and the words
of its sentence, in Albanian, Serbian and English. This module is also the PDF front end
(`read_text`); `pipeline.readers.html` is the HTML one.

In a PDF a number and its caption are often apart: a big "22" over "KKSB-të me së paku një anëtare
grua...", or a statistics column where each number sits above its label. Such numbers are bound
by geometry, never by reading order: a caption (a short block naming what is counted, with no
number of its own) takes the nearest standalone number in one direction, and all captions of the
same kind in one row or column must agree on that direction.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from spacy.tokens import Span

from pipeline.indicators.catalogue import indicators
from pipeline.isolation import Isolation
from pipeline.lang.nlp import ACRONYMS, annotate, mechanisms_in
from pipeline.model.confidence import Confidence, GUESS, INFERRED, RIVALS, STATED, SUSPECT, UNNAMED
from pipeline.model.pagemodel import Page, Word, lines_of, text_of
from pipeline.lang.periods import opens_span, parse_period
from pipeline.model.records import DocInfo, Provenance, Value
from pipeline.lang.numbers import COUNT, parse_count
from pipeline.model.geometry import BBox, bbox_of
from pipeline.lang.normalize import fold


@dataclass(frozen=True)
class TextSettings:
    """Layout assumptions of the reader of figures and captions on a page, in PDF points unless said
    otherwise; `*_em` values are multiples of the font size."""

    default_size: float = 8.0  # the size of a word whose font size the PDF does not give
    piece_gap_em: float = 1.6  # a visual line is cut into pieces at gaps wider than this (columns, callouts)
    size_jump: float = 1.4  # ... and where the font size grows by this factor (a big figure beside its text)
    page_margin: float = 0.05  # share of the page height at the top and bottom: running headers and footers
    line_gap_em: float = 0.9  # lines of one block: at most this many font sizes (+ 1 pt) apart
    same_size: tuple[float, float] = (0.85, 1.18)  # lines of one block: size ratio to the line above in this range
    caption_reach: tuple[float, float] = (4.0, 30.0)  # a figure above or below its caption: within
    #   max(4 em, 30 pt) of it
    beside_reach: float = 320.0  # a figure beside its caption: within this of it, across a row of cards
    off_line_weight: float = 4.0  # points of gap one point off the caption's line costs (its own row wins)
    align: float = 8.0  # captions of one column or row of cards: edges or centres within this of each other
    period_gap: tuple[float, float] = (3.0, 6.0)  # a period line under or over its caption: within 3 em + 6 pt
    period_words: int = 8  # ... and no longer than this many words
    of_total_reach: tuple[float, float] = (3.0, 6.0)  # "nga 36" beside its figure: within 3 font sizes (a
    #   size of at least 6 pt) right of it
    max_caption_words: int = 30  # a caption is a phrase: a longer text is a sentence with its own numbers


TEXT = TextSettings()
# ---------------------------------------------------------------- vocabulary (folded text)
ACRONYM = r"(?:" + "|".join(a for group in ACRONYMS.values() for a in group) + r")"
COUNCIL = rf"(?:{ACRONYM}|keshill|mekaniz|savet|council|mechanism|zyr|office|kancelarij|komitet|odbor|committee)"
MUNICIPALITY = r"(?:komun(?:a|at|e|en|es|ave|ash)?\b|bashki|opstin|municipalit)"
ESTABLISH = (r"\b(?:themelu|krijuar|krijuara|ngritur|ngritura|operoj|funksionoj|osnovan|osnova[nl]|formiran"
             r"|uspostavljen|funkcionis|deluj|established|set up|operat|functioning|functional|formed|created"
             r"|exist|ekzistoj|postoj)")
FEMALE = r"\b(?:grua|gra|femer|anetare|zen(?:a|e|i|u|om|ama|sk)|clanic|wom[ae]n|female)"
AT_LEAST_ONE = r"(?:se paku|te pakten|se pakti|najmanje|at least) (?:nje|jedn\w*|one|1)\b"
COMPENSATE = r"\b(?:kompenso|kompenzu|kompenzir|nadoknad|compensat|remunerat)"
SURVEY = r"\b(?:pyetesor|anket|sondazh|questionnaire|survey|upitnik)"
RESPONDENTS = r"(?:profesionist|te anketuar|anketuar|respondent|professional|participant|pjesemarres|ispitanik|ucesnik|profesional|strucnjak|expert|ekspert|akter|actor)"
FOCUS_GROUP = r"\b(?:fokus|focus)[- ]?grup|\bfocus[- ]?group"
MEETING = r"\b(?:takim|sastan|meeting|mbledhj)"
RESIDENTS = r"\b(?:banor|qytetar|stanovni|gradjan|resident|citizen)"
EXECUTIVE = r"\b(?:ekzekutiv|izvrsn|executive)"
TRAINING = r"\b(?:trajnim|certifikim|obuk|sertifik|certifik|training|certification)"
TOTAL = r"\b(?:gjithsej|gjithsejt|totali?|ukupno|ukupan|in total|overall)\b"
LOCATIVE = r"(?:^|\s)(?:ne|in|u|across|within|at)$"
# "these mechanisms" / "këto mekanizma" / "ovi mehanizmi": the sentence speaks of the councils the
# text before it introduced (in an earlier paragraph, where the sentence before is not seen)
REFERS_BACK = r"\b(?:keto|these|ovi|ovih|ti|those) (?:mekaniz|mehaniz|mechanism|keshill|savet|council)"
# Words after a count that make it a rule, not a measurement ("6 takime në vit", "6 meetings per year").
NORM_AFTER = r"^(?:\S+ ){0,2}(?:ne|per|u|a|each|in a|na) (?:vit|godin\w*|year|muaj|mesec\w*|month)\b|godisnje|annually|yearly"
OBLIGATION = r"\b(?:duhet|detyrohen|detyrueshme|treba|moraju|mora|must|should|shall|required|obavez)"
AS_OF = r"(?:deri|until|by|as of|do|zakljucno sa|zakljucno)\s*(?:ne|me|sa|the end of|kraja)?\s*(?:muaji[nt]?)?\s*$"

# Kosovo Police daily statistics labels: the words a count is followed by.
KP_DAILY = {
    "kp.daily.fatal_accidents": r"aksident\w* (?:fatal|me (?:te )?vdekur)|fatal\w* (?:traffic |road )?accident"
                                r"|(?:saobracajn\w* )?nesrec\w* sa smrtn|fataln\w* (?:saobracajn\w* )?nesrec",
    "kp.daily.injury_accidents": r"aksident\w* me (?:te )?lenduar|accident\w* with injur|injury accident"
                                 r"|(?:saobracajn\w* )?nesrec\w* sa (?:telesn\w* )?povred",
    "kp.daily.non_injury_accidents": r"aksident\w* pa (?:te )?lenduar|accident\w* without injur|non[- ]?injury accident"
                                     r"|(?:saobracajn\w* )?nesrec\w* bez povred",
    "kp.daily.traffic_tickets": r"tiket\w* (?:e |te )?trafik|(?:traffic )?ticket|(?:izdat\w* )?saobracajn\w* (?:tiket|kazn)|tiket",
    "kp.daily.detentions": r"ne mbajtje|mbajtj|(?:in |persons in )?detention|detained|zadrzavanj|zadrzan|(?:u )?pritvor",
    "kp.daily.arrests": r"arrestim|arrest|hapsenj|uhapsen",
}

# Largest plausible value per indicator prefix: a count above it is a year, a code or a misreading.
LIMITS = {"mcsc.": 40, "mocr.": 40, "kvsp.councils": 62, "kvsp.survey.municipalities": 62,
          "kvsp.survey.focus": 62, "kvsp.survey.respondents": 100_000, "lpsc.committees": 2_000,
          "lpsc.": 100_000, "kp.daily.": 100_000}

ESTABLISHED_BY_MECHANISM = {"MCSC": "mcsc.councils_established", "MOCR": "mocr.offices_established",
                            "KVSP": "kvsp.councils_established"}


def has(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


# ---------------------------------------------------------------- the rules
@dataclass
class Context:
    """What a rule may look at around one COUNT."""

    counted: str  # folded words after the number, without a leading "nga 36" / "of 36"
    before: str  # folded words just before the number
    sentence: str  # the folded sentence
    mentions: set[str]  # mechanism ids named in the sentence
    mechanism: str | None  # the document's mechanism, if known
    previous: set[str] = field(default_factory=set)  # mechanism ids named in the sentence before
    previous_sentence: str = ""  # the folded sentence before, for "It was administered in 19 municipalities"
    borrowed: bool = False  # set by a rule that needed the sentence before
    own: str = ""  # the words a count owns: from it to the next count (the sentence when it is alone)
    segment: str = ""  # from the count before it to the count after it


def _rivals(count: Span) -> list[Span]:
    return [e for e in count.sent.ents if e.label_ == "COUNT" and e != count and not e._.of_total]


def _context(count: Span, sent: Span, info: DocInfo, own_side: str = "after") -> Context:
    """The context of a count; with other counts in the sentence, `own` is the words after it up to the
    next count (own_side 'after') or the words before it from the previous count ('before')."""
    counted = re.sub(r"^(?:nga|od|of|out of|of the|od ukupno)\s+\d+\s+", "", count._.counted)
    if count._.referent:
        counted = f"{count._.referent} {counted}"
    before = " ".join(t.norm_ for t in sent.doc[max(sent.start, count.start - 4):count.start])
    mentions, previous, previous_sentence = mechanisms_in(sent), set(), ""
    if sent.start > 0:
        before_sent = sent.doc[sent.start - 1].sent
        previous, previous_sentence = mechanisms_in(before_sent), " ".join(t.norm_ for t in before_sent)
    if info.mechanism == "KVSP":  # IDM's English "LPSC" are the KVSP councils
        mentions = {"KVSP" if m == "LPSC" else m for m in mentions}
        previous = {"KVSP" if m == "LPSC" else m for m in previous}
    sentence = " ".join(t.norm_ for t in sent)
    own = segment = sentence
    rivals = _rivals(count)
    if rivals:
        doc = sent.doc
        nxt = min((r.start for r in rivals if r.start > count.start), default=sent.end)
        prv = max((r.end for r in rivals if r.end <= count.start), default=sent.start)
        after = " ".join(t.norm_ for t in doc[count.end:nxt])
        before_words = " ".join(t.norm_ for t in doc[prv:count.start])
        own = f"{count._.referent} {after}".strip() if own_side == "after" else before_words
        segment = f"{before_words} {after}"
    return Context(counted, before, sentence, mentions, info.mechanism, previous, previous_sentence,
                   own=own, segment=segment)


def _kp_daily(ctx: Context) -> str | None:
    """'1 Aksidentet Fatale', '1424 Tiketa Trafiku Te Shqiptuara', '27 hapšenja'."""
    for indicator, label in KP_DAILY.items():
        if re.match(rf"(?:{label})", ctx.counted):
            return indicator
    return None


def _lpsc_activity(ctx: Context) -> str | None:
    """'Takimet Ekzekutive të KLSP ... 723', 'Trajnimet profesionale ... 20', 'Gjithsej KLSP 247'."""
    s = ctx.own
    if has(MEETING, s) and has(EXECUTIVE, s):
        return "lpsc.executive_meetings"
    if has(MEETING, s) and has(RESIDENTS, s):
        return "lpsc.meetings_with_residents"
    if has(TRAINING, s):
        return "lpsc.trainings"
    committees = rf"(?:{ACRONYM}|komitet|odbor|committee)"
    if has(TOTAL, s) and (re.match(rf"^(?:\S+ ){{0,2}}{committees}", ctx.counted) or (
            len(ctx.counted.split()) <= 1 and ("LPSC" in mechanisms_of(s) or has(committees, s)))):
        return "lpsc.committees"
    return None


def _mcsc_composition(ctx: Context) -> str | None:
    """'22 nga 36 KKSB-të me së paku një anëtare grua...', '5 komuna që rregullisht i kompensojnë anëtarët'."""
    if has(FEMALE, ctx.own) and has(AT_LEAST_ONE, ctx.own) and re.match(COUNCIL, ctx.counted):
        return "mcsc.councils_with_female_community_member"
    if has(COMPENSATE, ctx.own) and re.match(MUNICIPALITY, ctx.counted):
        return "mcsc.municipalities_compensating_members"
    return None


def _survey(ctx: Context) -> str | None:
    """'fokus grupe ... në 4 bashki', 'u plotësua nga 78 profesionistë', 'Pyetësori ... në 14 bashki'."""
    in_municipalities = re.match(MUNICIPALITY, ctx.counted) and has(LOCATIVE, ctx.before)
    if in_municipalities and has(FOCUS_GROUP, ctx.segment):
        return "kvsp.survey.focus_group_municipalities"
    if has(FOCUS_GROUP, ctx.segment):
        return None
    if not has(SURVEY, ctx.sentence):
        # "It was administered online in 19 municipalities": the survey is the sentence before's subject
        if not (has(SURVEY, ctx.previous_sentence) and not has(FOCUS_GROUP, ctx.previous_sentence)
                and has(r"^(?:it|ai|ajo|on|ona|taj|ky|kjo)\b", ctx.sentence)):
            return None
        ctx.borrowed = True
    if re.match(rf"^(?:\S+ ){{0,2}}{RESPONDENTS}", ctx.counted):  # "78 (front-line) professionals"
        return "kvsp.survey.respondents"
    if in_municipalities and not has(ESTABLISH, ctx.sentence):
        return "kvsp.survey.municipalities"
    return None


def _established(ctx: Context) -> str | None:
    """'janë 34 KKSB që operojnë', 'ZKKK-të janë themeluar në 35 komuna', '36 komuna me KKSB të themeluara'."""
    if not has(ESTABLISH, ctx.sentence):
        return None
    councils = re.match(rf"{ACRONYM}(?:s|-\w+)?\b", ctx.counted) is not None
    municipalities = re.match(MUNICIPALITY, ctx.counted) is not None and (
        has(LOCATIVE, ctx.before) or has(r"^\S+ (?:me|with|sa|that have|having)\b", ctx.counted))
    if not (councils or municipalities):
        return None
    if ctx.mechanism in ctx.mentions or (ctx.mechanism is None and len(ctx.mentions) == 1):
        return ESTABLISHED_BY_MECHANISM.get(ctx.mechanism or next(iter(ctx.mentions)))
    # "Të ngritura në 49 bashki, këto mekanizma ...": the mechanism is the one the sentence before named,
    # or the document's when the sentence refers back to it and opens a paragraph of its own
    if not ctx.mentions and ctx.mechanism and (ctx.previous == {ctx.mechanism} or has(REFERS_BACK, ctx.sentence)):
        return ESTABLISHED_BY_MECHANISM.get(ctx.mechanism)
    return None


RULES = (_kp_daily, _lpsc_activity, _mcsc_composition, _survey, _established)


def _first_rule(ctx: Context, info: DocInfo) -> str | None:
    for rule in RULES:
        indicator = rule(ctx)
        if indicator and _allowed(indicator, info):
            return indicator
    return None


def mechanisms_of(folded: str) -> set[str]:
    """Mechanism ids whose acronym a folded text names."""
    return {m for m, acronyms in ACRONYMS.items() if re.search(rf"\b(?:{'|'.join(acronyms)})", folded)}


@dataclass
class Hit:
    """A value found in a piece of text, before it is placed on a page."""

    indicator: str
    value: int
    span: tuple[int, int]  # characters of the number in the text
    sentence: str
    conf: Confidence
    period: tuple[date, date] | None = None


def _allowed(indicator: str, info: DocInfo) -> bool:
    meta = indicators().get(indicator)
    return meta is not None and (info.mechanism is None or meta.mechanism == info.mechanism)


def plausible(indicator: str, value: int) -> bool:
    limit = next((v for k, v in LIMITS.items() if indicator.startswith(k)), 100_000)
    return 0 <= value <= limit


def classify(count: Span, info: DocInfo) -> tuple[str, Confidence] | None:
    """The indicator a COUNT measures, with a confidence and the reasons it was lowered; None if none."""
    if count._.of_total:
        return None
    sent = count.sent
    ctx = _context(count, sent, info)
    if has(NORM_AFTER, ctx.counted) or has(OBLIGATION, ctx.before):
        return None
    indicator = _first_rule(ctx, info)
    conf = Confidence(STATED)
    if _rivals(count):
        conf = conf.doubt("other counts in the sentence", less=RIVALS)
        # Labels may stand before their numbers ("Takimet ekzekutive 723, trajnimet 20"): the words before
        # the count must not name something else, or which number is whose is a guess.
        other = _first_rule(_context(count, sent, info, own_side="before"), info)
        if indicator is None and other is not None:
            indicator, conf = other, conf.doubt("read from the words before the count", less=RIVALS)
        elif other is not None and other != indicator:
            conf = conf.doubt(f"the words before the count name {other}", cap=SUSPECT)
    if indicator is None:
        return None
    value = parse_count(count.text)
    if value is None or not plausible(indicator, value):
        return None
    if indicator in ESTABLISHED_BY_MECHANISM.values() and not ctx.mentions:
        conf = conf.doubt("mechanism not named in the sentence", less=UNNAMED)
    if ctx.borrowed:
        conf = conf.doubt("what is counted is named in the sentence before", less=UNNAMED)
    return indicator, conf


PLAN = r"\b(?:strateg|plan|ligj|law|zakon|rregullor|regulation|pravilnik|program|agend|vizion|vision)\w*"


def names_a_plan(before: str, p) -> bool:
    """'Strategjia ... 2021 – 2026', 'Planit të Veprimit 2011-2016': a multi-year range or a plan's years
    name a document, never the period a count covers."""
    return (p.end - p.start).days > 366 or has(PLAN + r"(?:\s+\S+){0,4}\s*$", before)


def value_period(sent: Span, info: DocInfo, count: Span | None = None) -> tuple[date, date] | None:
    """The period a sentence states for its value: an 'as of' date, else its only period; never a 'since'.

    With other counts in the sentence, a count's period is in its own stretch (from the count before
    to the count after) or frames the whole sentence (stated before its first count): "36 councils,
    compared to 34 in 2018" gives 2018 to the 34 only.
    """
    lo, hi = sent.start, sent.end
    if count is not None and (rivals := _rivals(count)):
        first = min([count.start] + [r.start for r in rivals])
        prv = max((r.end for r in rivals if r.end <= count.start), default=sent.start)
        nxt = min((r.start for r in rivals if r.start > count.start), default=sent.end)
        own = [e for e in sent.ents if e.label_ in ("PERIOD", "DATE") and prv <= e.start and e.end <= nxt]
        lo, hi = (prv, nxt) if own else (sent.start, first)
    found: list[tuple[date, date, bool]] = []
    for ent in sent.ents:
        if ent.label_ not in ("PERIOD", "DATE") or not (lo <= ent.start and ent.end <= hi):
            continue
        before = " ".join(t.norm_ for t in sent.doc[max(sent.start, ent.start - 8):ent.start])
        p = parse_period(ent.text)
        if p and not opens_span(before, p) and not names_a_plan(before, p):
            found.append((p.start, p.end, has(AS_OF, before)))
    as_of = [f for f in found if f[2]]
    if as_of:
        start, end, _ = as_of[-1]
        if info.period_start and info.period_start <= end:
            start = info.period_start  # "by September 2017": the count covers the document's period up to then
        return start, end
    return (found[0][0], found[0][1]) if len(found) == 1 else None


def span_period(ent: Span) -> tuple[date, date] | None:
    p = parse_period(ent.text)
    return (p.start, p.end) if p else None


def hits_in_text(text: str, info: DocInfo) -> list[Hit]:
    """Every catalogue count stated in running text."""
    doc = annotate(text, info.language, info.country)
    hits = []
    for ent in doc.ents:
        if ent.label_ != "COUNT":
            continue
        found = classify(ent, info)
        if found:
            indicator, conf = found
            hits.append(Hit(indicator, parse_count(ent.text), (ent.start_char, ent.end_char), ent.sent.text,
                            conf, value_period(ent.sent, info, ent)))
    return hits


def has_count(text: str, info: DocInfo) -> bool:
    """Whether a text states a number of its own (periods, dates, legal references and percentages aside)."""
    return any(e.label_ in ("COUNT", "RATIO", "PERCENT") for e in annotate(text, info.language, info.country).ents)


def caption_indicator(caption: str, info: DocInfo) -> tuple[str, tuple[date, date] | None] | None:
    """What a caption names, and the period it states.

    A caption names what its number counts, so it is read as the sentence the two make together:
    "komuna me KKSB të themeluara" is the caption of mcsc.councils_established because
    "1 komuna me KKSB të themeluara" is a statement of that indicator.
    """
    caption = strip_of_total(caption)[0]
    if len(caption.split()) > TEXT.max_caption_words or has_count(caption, info):
        return None
    doc = annotate(f"1 {caption}", info.language, info.country)
    first = next((e for e in doc.ents if e.label_ == "COUNT" and e.start == 0), None)
    if first is None:
        return None
    found = classify(first, info)
    if not found:
        return None
    if found[0].startswith("kp.daily."):
        return found[0], None  # daily statistics are of the statistics date, whatever text runs on
    period = None
    for ent in doc.ents:
        if ent.label_ in ("PERIOD", "DATE"):
            period = span_period(ent)
            break
    return found[0], period


def strip_of_total(caption: str) -> tuple[str, int | None]:
    """'nga 36 KKSB me së paku ...' -> ('KKSB me së paku ...', 36): the N of a callout printed over its caption."""
    m = LEADING_OF_TOTAL.match(fold(caption))
    if not m:
        return caption, None
    words = len(m.group(0).split())
    return " ".join(caption.split()[words:]), int(m.group(1))


# Captions that stand apart from the cards of their prefix: the committees' total is the foot of the
# list of committees by region, set wherever that list ends, not one of the activity cards.
OWN_FAMILY = {"lpsc.committees"}


def family(indicator: str) -> str:
    """Captions of one family in one row or column share a layout (kp.daily.*, lpsc.*, mcsc.*)."""
    return indicator if indicator in OWN_FAMILY else indicator.rsplit(".", 1)[0]


# ---------------------------------------------------------------- the PDF front end
@dataclass
class Piece:
    """Words of one line up to a wide gap: a line of a column, a caption line, or a lone figure."""

    words: list[Word]

    @property
    def text(self) -> str:
        return text_of(self.words)

    @property
    def size(self) -> float:
        return max(w.size or (w.bottom - w.top) for w in self.words)

    @property
    def bbox(self) -> BBox:
        return bbox_of(self.words)

    @property
    def bold(self) -> bool:
        return all("bold" in w.fontname.lower() for w in self.words)


@dataclass
class Block:
    """Pieces stacked as one paragraph or caption (same size, overlapping, no gap between lines)."""

    pieces: list[Piece]

    @property
    def words(self) -> list[Word]:
        return [w for p in self.pieces for w in p.words]

    @property
    def bbox(self) -> BBox:
        return bbox_of(self.words)

    @property
    def size(self) -> float:
        return self.pieces[0].size

    def text_and_offsets(self) -> tuple[str, list[tuple[int, int, Word]]]:
        """The block's text and the character span of each word in it."""
        parts, offsets, pos = [], [], 0
        for w in self.words:
            parts.append(w.text)
            offsets.append((pos, pos + len(w.text), w))
            pos += len(w.text) + 1
        return " ".join(parts), offsets


# The N of a callout "22 | nga 36": printed apart from its big number, in smaller type (folded text).
DATE_WRAPPED = re.compile(r"\b\d{4}-\d{1,2}-$")  # "2024-04-" at a line end: the day is on the next line
OF_TOTAL = re.compile(r"^(?:nga|od|of|out of|od ukupno|nga gjithsej|/)\s*(\d+)$")
LEADING_OF_TOTAL = re.compile(r"^\s*(?:nga|od|of|out of|od ukupno|nga gjithsej)\s+(\d+)\b\s*", re.IGNORECASE)


def pieces_of(page: Page) -> list[Piece]:
    """Visual lines cut at gaps wider than 1.6 em or at a jump in font size."""
    pieces = []
    for line in lines_of([w for w in page.words if w.upright]):
        run = [line[0]]
        for prev, w in zip(line, line[1:]):
            size = min(prev.size or TEXT.default_size, w.size or TEXT.default_size)
            jump = max(prev.size, w.size) > TEXT.size_jump * max(min(prev.size, w.size), 1)
            if w.x0 - prev.x1 > TEXT.piece_gap_em * size or jump:
                pieces.append(Piece(run))
                run = []
            run.append(w)
        pieces.append(Piece(run))
    return pieces


def is_figure(piece: Piece, page: Page, pieces: list[Piece]) -> bool:
    """A standalone number (not 'nga 36', '23/35' or '45%'), away from the page's header and footer,
    and not the day of a date wrapped at its last dash on the line above."""
    x0, top, x1, bottom = piece.bbox
    margin = TEXT.page_margin * page.height
    if not (COUNT.match(piece.text) and top > margin and bottom < page.height - margin):
        return False
    return not any(DATE_WRAPPED.search(o.text) and 0 <= top - o.bbox[3] <= o.size and o.bbox[0] < x1
                   and x0 < o.bbox[2] for o in pieces if o is not piece)


def blocks_of(pieces: list[Piece]) -> list[Block]:
    """Stack text pieces into blocks: next line below, overlapping, same size and weight, within a line gap.

    The weight matters for tables: a bold total row ("Gjithsej KLSP") is a caption of its own.
    """
    blocks: list[Block] = []
    # Blocks that may still grow, oldest first, with their x extent and last piece's bottom and size:
    # pieces come top-down, so a block whose last line is more than a line gap above one never grows again.
    open_: list[tuple[Block, list[float]]] = []
    for piece in sorted(pieces, key=lambda p: (p.bbox[1], p.bbox[0])):
        x0, top, x1, bottom = piece.bbox
        open_ = [(b, e) for b, e in open_ if top - e[2] <= TEXT.line_gap_em * e[3] + 1]
        for block, extent in reversed(open_):
            bx0, bx1, last_bottom, last_size = extent
            last = block.pieces[-1]
            gap = top - last_bottom
            lo, hi = TEXT.same_size
            same_size = lo <= piece.size / max(last_size, 0.1) <= hi and piece.bold == last.bold
            overlap = x0 < bx1 and x1 > bx0
            if overlap and same_size and -2 <= gap <= TEXT.line_gap_em * last_size + 1:
                block.pieces.append(piece)
                extent[:] = [min(bx0, x0), max(bx1, x1), bottom, piece.size]
                break
        else:
            blocks.append(Block([piece]))
            open_.append((blocks[-1], [x0, x1, bottom, piece.size]))
    return blocks


@dataclass
class Caption:
    block: Block
    indicator: str
    period: tuple[date, date] | None
    total: int | None = None  # the N of "nga N" printed at the head of the caption


def _distance(direction: str, cap: Block, fig: Piece) -> float | None:
    """Gap from a caption to a figure in one direction, or None when the figure is not there."""
    cx0, ctop, cx1, cbottom = cap.bbox
    fx0, ftop, fx1, fbottom = fig.bbox
    reach = max(TEXT.caption_reach[0] * cap.size, TEXT.caption_reach[1])
    if direction in ("above", "below"):
        if not (fx1 > cx0 - 2 and fx0 < cx1 + 2):
            return None
        gap = ctop - fbottom if direction == "above" else ftop - cbottom
        return gap if -2 <= gap <= reach else None
    if ftop > cbottom + cap.size or fbottom < ctop - cap.size:  # beside: overlapping the caption's lines
        return None
    gap = fx0 - cx1 if direction == "right" else cx0 - fx1
    off_line = abs((ftop + fbottom) / 2 - (ctop + cbottom) / 2)  # the row's own number beats its neighbours'
    return gap + TEXT.off_line_weight * off_line if -1 <= gap <= TEXT.beside_reach else None


def bind(captions: list[Caption], figures: list[Piece]) -> list[tuple[Caption, Piece, Confidence]]:
    """Pair captions of one row/column with figures, all in the one direction that explains most of them."""
    best: list[tuple[Caption, Piece, float]] = []
    best_score: tuple[int, float] = (0, 0.0)
    scores = []
    for direction in ("above", "right", "left", "below"):
        options = sorted((d, i, j) for i, c in enumerate(captions) for j, f in enumerate(figures)
                         if (d := _distance(direction, c.block, f)) is not None)
        used_c, used_f, pairs = set(), set(), []
        for d, i, j in options:
            if i not in used_c and j not in used_f:
                used_c.add(i)
                used_f.add(j)
                pairs.append((captions[i], figures[j], d))
        score = (len(pairs), -sum(p[2] for p in pairs))
        scores.append(score)
        if score > best_score:
            best, best_score = pairs, score
    runner_up = sorted(scores, reverse=True)[1] if len(scores) > 1 else (0, 0.0)
    ambiguous = runner_up[0] == best_score[0] and best_score[0] > 0 and runner_up[1] > 1.5 * best_score[1]
    conf = Confidence(STATED)
    if ambiguous:
        conf = conf.doubt("another direction binds as many captions to figures", cap=INFERRED)
    return [(c, f, conf) for c, f, _ in best]


def _aligned_groups(captions: list[Caption]) -> list[list[Caption]]:
    """Captions of one family standing in one column (same left edge or, in a grid of cards with
    centred labels, same centre) or one row (same top): bound together, a grid's rows cannot take
    each other's numbers."""
    centre = lambda c: (c.block.bbox[0] + c.block.bbox[2]) / 2  # noqa: E731
    groups: list[list[Caption]] = []
    for cap in captions:
        home = next((g for g in groups if family(g[0].indicator) == family(cap.indicator) and any(
            abs(o.block.bbox[0] - cap.block.bbox[0]) < TEXT.align
            or abs(o.block.bbox[1] - cap.block.bbox[1]) < TEXT.align
            or abs(centre(o) - centre(cap)) < TEXT.align for o in g)), None)
        if home is None:
            groups.append([cap])
        else:
            home.append(cap)
    return groups


def _nearby_period(block: Block, blocks: list[Block], info: DocInfo, below: bool) -> tuple[date, date] | None:
    """A short period line just below a caption ('Periudha: Janar – dhjetor 2023') or heading just above;
    never the years of a plan or strategy that a sentence there names."""
    x0, top, x1, bottom = block.bbox
    for other in sorted(blocks, key=lambda b: b.bbox[1] if below else -b.bbox[1]):
        ox0, otop, ox1, obottom = other.bbox
        gap = otop - bottom if below else top - obottom
        reach = TEXT.period_gap[0] * block.size + TEXT.period_gap[1]
        if other is block or not (0 <= gap <= reach) or not (ox0 < x1 and ox1 > x0):
            continue
        text = text_of(other.words)
        if len(text.split()) <= TEXT.period_words:
            doc = annotate(text, info.language, info.country)
            for ent in doc.ents:
                p = parse_period(ent.text) if ent.label_ in ("PERIOD", "DATE") else None
                before = " ".join(t.norm_ for t in doc[max(0, ent.start - 8):ent.start])
                if p and not names_a_plan(before, p):  # "... Akcionog plana 2011-2016." names a plan
                    return p.start, p.end
    return None


def _group_period(cap: Caption, pairs: list[tuple[Caption, Piece, Confidence]], region: Block, blocks: list[Block],
                  info: DocInfo) -> tuple[tuple[date, date] | None, str | None]:
    """The period of a caption printed without one of its own: the period line under the row of cards it
    stands in ('Period: Januar - Decembar 2023' under three activity cards, two of them one line short
    of it), else the heading over its group; with both differing, the one under and the reason to doubt
    it. Only a row shares the line under it: under a column, it is the last caption's own."""
    row = [(c, f) for c, f, _ in pairs if abs(c.block.bbox[1] - cap.block.bbox[1]) < TEXT.align]
    under = None
    if len(row) > 1:
        cards = Block(sorted([f for _, f in row] + [p for c, _ in row for p in c.block.pieces], key=lambda p: p.bbox[1]))
        under = _nearby_period(cards, blocks, info, below=True)
    over = _nearby_period(region, blocks, info, below=False)
    if under and over and under != over:
        return under, f"two periods compete: {under[0]}..{under[1]} under the figures, {over[0]}..{over[1]} over them"
    return under or over, None


def make_value(indicator: str, number: int, page: int, words: list[Word], conf: Confidence, raw: str,
               period: tuple[date, date] | None) -> Value:
    unit = indicators()[indicator].unit
    return Value(indicator=indicator, value=float(number), unit=unit,
                 prov=Provenance(page, bbox_of(words) if words else None, "text:rule", raw), conf=conf,
                 period_start=period[0] if period else None, period_end=period[1] if period else None)


def of_totals(pieces: list[Piece], figures: list[Piece]) -> tuple[list[Piece], dict[int, int]]:
    """The 'nga 36' / 'od 36' / 'out of 36' pieces and, for each figure they stand beside, their N.

    A callout prints its count big and the total small beside it ("22 nga 36"): the big number is the
    count, the small one the whole it is a part of. Such a piece is never a caption nor a sentence.
    """
    totals: list[Piece] = []
    of: dict[int, int] = {}
    for piece in pieces:
        m = OF_TOTAL.match(fold(piece.text))
        if not m:
            continue
        totals.append(piece)
        x0, top, _, bottom = piece.bbox
        beside = [f for f in figures if f.bbox[1] < bottom and f.bbox[3] > top
                  and -2 <= x0 - f.bbox[2] <= TEXT.of_total_reach[0] * max(piece.size, TEXT.of_total_reach[1])]
        if beside:
            fig = min(beside, key=lambda f: x0 - f.bbox[2])
            of[id(fig)] = int(m.group(1))
    return totals, of


def _split_table_rows(blocks: list[Block], figures: list[Piece]) -> list[Block]:
    """A 'block' whose lines each have a figure beside them is a table column: every line is its own caption.

    Otherwise "Priština / Prizren / ... / Ukupno LOJB" reads as one caption of a total, bound to
    the number of a middle row.
    """
    out = []
    by_top = sorted(((f.bbox, f) for f in figures), key=lambda t: t[0][1])
    tops = [b[1] for b, _ in by_top]
    tallest = max((b[3] - b[1] for b, _ in by_top), default=0.0)
    for block in blocks:
        if len(block.pieces) < 2:
            out.append(block)
            continue
        row_figures = set()
        for piece in block.pieces:
            x0, top, x1, bottom = piece.bbox
            mid = (top + bottom) / 2
            near = by_top[bisect_left(tops, mid - tallest):bisect_right(tops, mid)]  # figures whose top may reach mid
            beside = [f for b, f in near if b[1] <= mid <= b[3] and (b[0] >= x1 - 1 or b[2] <= x0 + 1)]
            if len(beside) == 1:
                row_figures.add(id(beside[0]))
        if len(row_figures) >= 2:  # one big number beside a two-line caption is no table
            out.extend(Block([p]) for p in block.pieces)
        else:
            out.append(block)
    return out


def read_page(page: Page, info: DocInfo) -> list[Value]:
    """Sentences of every text block, then captions bound to standalone figures."""
    pieces = pieces_of(page)
    figures = [p for p in pieces if is_figure(p, page, pieces)]
    totals, of_total = of_totals(pieces, figures)
    blocks = blocks_of([p for p in pieces if p not in figures and p not in totals])
    blocks = _split_table_rows(blocks, figures)
    values: list[Value] = []
    captions: list[Caption] = []
    for block in list(blocks):
        listed = label_value_lines(block)
        if listed:
            values += read_label_values(listed, blocks, page, info)
            rest = [p for p in block.pieces if all(p is not q for q, _, _ in listed)]
            if not rest:
                continue
            block = Block(rest)
        text, offsets = block.text_and_offsets()
        for hit in hits_in_text(text, info):
            words = [w for s, e, w in offsets if s < hit.span[1] and e > hit.span[0]]
            values.append(make_value(hit.indicator, hit.value, page.number, words, hit.conf, hit.sentence,
                                     hit.period))
        found = caption_indicator(text, info)
        if found:
            captions.append(Caption(block, found[0], found[1], strip_of_total(text)[1]))
    for group in _aligned_groups(captions):
        pairs = bind(group, figures)
        region = Block(sorted([f for _, f, _ in pairs] + [p for c in group for p in c.block.pieces],
                              key=lambda p: p.bbox[1]))
        for cap, fig, conf in pairs:
            value = parse_count(fig.text)
            if value is None or not plausible(cap.indicator, value):
                continue
            total = of_total.get(id(fig), cap.total)
            if total is not None and value > total:  # a part larger than its whole: a misbinding
                continue
            period = cap.period or _nearby_period(cap.block, blocks, info, below=True)
            if period is None:
                period, rival = _group_period(cap, pairs, region, blocks, info)
                if rival:
                    conf = conf.doubt(rival, cap=INFERRED)
            raw = f"{fig.text} | {text_of(cap.block.words)}"
            values.append(make_value(cap.indicator, value, page.number, fig.words, conf, raw, period))
    return values


LABEL_VALUE = re.compile(r"^\s*(?P<label>[^\W\d][^:]{0,80}?)\s*:\s*(?P<value>\d[\d.,]*)\s*$")


def label_value_lines(block: Block) -> list[tuple[Piece, str, int]]:
    """The lines of a block that are a list of 'Label: number' ("Arrestime: 33"), two or more in a
    row, as (line, label, number): the colon says the label is before its number, where running
    text would read the words after a number as what it counts."""
    found = [(p, LABEL_VALUE.match(p.text)) for p in block.pieces]
    out: list[tuple[Piece, str, int]] = []
    run: list[tuple[Piece, str, int]] = []
    for piece, m in found + [(None, None)]:
        value = parse_count(m.group("value")) if m else None
        if m and value is not None:
            run.append((piece, m.group("label"), value))
            continue
        if len(run) >= 2:
            out += run
        run = []
    return out


def read_label_values(listed: list[tuple[Piece, str, int]], blocks: list[Block], page: Page,
                      info: DocInfo) -> list[Value]:
    """Values of 'Label: number' lines whose label names an indicator as a caption would; the
    period is the label's own, else the one a heading just above the list states."""
    heading = _nearby_period(Block([p for p, _, _ in listed]), blocks, info, below=False)
    out = []
    for piece, label, value in listed:
        found = caption_indicator(label, info)
        if not found or not plausible(found[0], value):
            continue
        words = [w for w in piece.words if w.text.strip(":") and w.text.strip().rstrip(".,") == str(value)] \
            or piece.words[-1:]
        # as sure as a caption bound to its figure without a rival (`bind`)
        out.append(make_value(found[0], value, page.number, words, Confidence(STATED), piece.text,
                              found[1] or heading))
    return out


def settle(values: list[Value], info: DocInfo) -> list[Value]:
    """One value per indicator and period; differing values for the same key are all kept, flagged."""
    by_key: dict[tuple, list[Value]] = {}
    for v in values:
        end = v.period_end or info.period_end
        by_key.setdefault((v.indicator, v.municipality_id, v.category, end), []).append(v)
    out = []
    for same in by_key.values():
        distinct: dict[float, Value] = {}
        for v in sorted(same, key=lambda v: -v.confidence):
            distinct.setdefault(v.value, v)
        if len(distinct) > 1:
            for v in distinct.values():
                v.conf = v.conf.doubt(f"conflicting values: {sorted(distinct)}", cap=GUESS)
        out.extend(distinct.values())
    return out


def read_text(pages: Iterable[Page], info: DocInfo, isolation: Isolation | None = None) -> list[Value]:
    """The text-only indicators of a PDF's pages, with page, bbox and the sentence or caption read;
    a page whose reading fails costs that page (see `isolation.py`)."""
    isolation = isolation or Isolation()
    values = [v for page in pages
              for v in isolation.run("text reader", page.number, read_page, page, info, default=[])]
    return settle(values, info)
