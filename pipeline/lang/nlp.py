"""The language layer: spaCy pipelines for sq, sr and en that mark what a number in a sentence is.

No model is downloaded: each pipeline is spaCy's blank language class plus rules built here.
Every token gets a folded norm (lowercase, Cyrillic transliterated, diacritics removed), so one
vocabulary serves Albanian, Serbian Latin, Serbian Cyrillic and English. Entities, in order of
precedence (an earlier one owns its tokens):

  MECHANISM   KKSB/OSBZ/MCSC, ZKKK/OKZP/MOCR, KLSP/LOJB/LPSC, KVSP and their full names
  LEGAL_REF   "27/2012", "Rregullorja 02/2010": references to rules, never values
  PERCENT     "85%", "31.4 %"
  PERIOD/DATE from `pipeline.lang.periods`
  MUNICIPALITY from `pipeline.places.find_names` when that module is installed
  RATIO       "23/35": an n-out-of-N summary
  COUNT       any other whole number; `span._.counted` holds the folded words that follow it
              (what it counts) and `span._.of_total` marks the N of "22 nga 36" / "22 of 36".
"""
from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.lang.normalize import fold, fold_with_offsets
from pipeline.lang.numbers import parse_count
from pipeline.lang.periods import find_periods

try:  # written by another helper; the layer works without it
    from pipeline import places
except ImportError:  # pragma: no cover - depends on the checkout
    places = None

LANGUAGES = ("sq", "sr", "en")

# Mechanism acronyms (folded) and full names (regex over folded text), per mechanism id.
ACRONYMS = {
    "MCSC": ("kksb", "osbz", "mcsc"),
    "MOCR": ("zkkk", "okzp", "mocr"),
    "LPSC": ("klsp", "lojb", "lpsc"),
    "KVSP": ("kvsp", "ksvp", "lsjb"),
}
NAMES = {
    "MCSC": r"keshill\w* komunal\w* per siguri ne bashkesi|opstinsk\w* savet\w* za bezbednost zajednic\w*"
            r"|municipal community safety council\w*",
    "MOCR": r"zyr\w* komunal\w* per komunitet\w* dhe kthim\w*|opstinsk\w* kancelarij\w* za zajednic\w* i povrat\w*"
            r"|municipal office\w* for communities and return\w*",
    "LPSC": r"komitet\w* lokal\w* per siguri publike|lokaln\w* odbor\w* za javnu bezbednost"
            r"|local public safety committee\w*",
    "KVSP": r"keshill\w* vendor\w* (?:te|per|i) sigurise publike|local public safety council\w*"
            r"|lokaln\w* savet\w* za javnu bezbednost",
}

# "of" words that turn the number after them into the N of "n of N".
OF_TOTAL = {"nga", "od", "of", "outof", "/"}

if not Span.has_extension("counted"):
    Span.set_extension("counted", default="")
    Span.set_extension("of_total", default=False)
    Span.set_extension("mechanism", default=None)
if not Span.has_extension("referent"):
    Span.set_extension("referent", default="")

# "Of the 36 MCSCs, 22 have ...", "Nga 36 KKSB, 22 kanë ...": a count after these words, followed by a
# comma and another count, is the whole the next count is a part of.
WHOLE_BEFORE = {"of", "nga", "od", "prej", "outof", "ofthe", "odukupno", "ngagjithsej"}
# "36 MCSCs, of which 22 have ...": the part's noun is the previous count's.
OF_WHICH = re.compile(r"(?:of which|of them|of these|prej te cilave|prej tyre|nga te cilat|nga keto|nga to"
                      r"|od kojih|od njih|od toga)\s*$")


@Language.component("fold_norm")
def fold_norm(doc: Doc) -> Doc:
    """Folded norms, so patterns are written once for all scripts and spellings."""
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


def _ruler_patterns() -> list[dict]:
    patterns: list[dict] = []
    for mech, acronyms in ACRONYMS.items():
        rx = rf"^(?:{'|'.join(acronyms)})(?:s|-\w+|'s)?$"
        patterns.append({"label": "MECHANISM", "id": mech, "pattern": [{"NORM": {"REGEX": rx}}]})
    legal = r"^\d{1,4}/(?:19|20)\d{2}\.?$"
    patterns.append({"label": "LEGAL_REF", "pattern": [{"NORM": {"IN": ["nr", "br", "no", "n°", "broj"]}},
                                                       {"ORTH": ".", "OP": "?"}, {"NORM": {"REGEX": legal}}]})
    patterns.append({"label": "LEGAL_REF", "pattern": [{"NORM": {"REGEX": legal}}]})
    patterns.append({"label": "PERCENT", "pattern": [{"NORM": {"REGEX": r"^\d+(?:[.,]\d+)?$"}}, {"ORTH": "%"}]})
    patterns.append({"label": "PERCENT", "pattern": [{"NORM": {"REGEX": r"^\d+(?:[.,]\d+)?%\.?$"}}]})
    return patterns


@Language.component("names_and_dates")
def names_and_dates(doc: Doc) -> Doc:
    """Full mechanism names, periods, dates and (when available) municipality names, by character span."""
    spans = list(doc.ents)
    folded, origin = fold_with_offsets(doc.text)
    for mech, rx in NAMES.items():
        for m in re.finditer(rx, folded):
            span = doc.char_span(origin[m.start()], origin[m.end() - 1] + 1, label="MECHANISM",
                                 alignment_mode="expand")
            if span is not None:
                span.id_ = mech
                spans.append(span)
    for p in find_periods(doc.text):
        label = "DATE" if p.start == p.end else "PERIOD"
        span = doc.char_span(p.span[0], p.span[1], label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    country = doc.user_data.get("country")
    if places is not None and country:
        for start, end, _match in places.find_names(doc.text, country):
            span = doc.char_span(start, end, label="MUNICIPALITY", alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.ents = _keep_first(doc.ents, spans)
    return doc


@Language.component("counts")
def counts(doc: Doc) -> Doc:
    """Every whole number not owned by another entity: a COUNT (or RATIO for '23/35')."""
    owned = {t.i for e in doc.ents for t in e}
    new: list[Span] = []
    for token in doc:
        if token.i in owned:
            continue
        if re.fullmatch(r"\d+/\d+", token.text):
            new.append(Span(doc, token.i, token.i + 1, label="RATIO"))
            continue
        if parse_count(token.text) is None:
            continue
        span = Span(doc, token.i, token.i + 1, label="COUNT")
        span._.counted = " ".join(t.norm_ for t in doc[token.i + 1:min(token.i + 7, token.sent.end)]
                                  if not t.is_punct)
        before = [t.norm_ for t in doc[max(0, token.i - 3):token.i]]
        joined = "".join(before[-2:])
        span._.of_total = bool(before) and (before[-1] in OF_TOTAL or joined == "outof") and any(
            parse_count(t.text) is not None for t in doc[max(0, token.i - 3):token.i - 1])
        new.append(span)
    _wholes_and_parts(doc, new)
    doc.ents = list(doc.ents) + new
    for ent in doc.ents:
        if ent.label_ == "MECHANISM":
            ent._.mechanism = ent.ent_id_ or ent.id_ or None
    return doc


def _noun_phrase(doc: Doc, span: Span) -> str:
    """The folded words after a count up to the first comma or clause word: what the count counts."""
    words = []
    for t in doc[span.end:min(span.end + 6, span.sent.end)]:
        if t.is_punct or t.norm_ in ("of", "which", "prej", "nga", "od", "kojih"):
            break
        words.append(t.norm_)
    return " ".join(words)


def _wholes_and_parts(doc: Doc, spans: list[Span]) -> None:
    """Mark the N of 'Of the 36 MCSCs, 22 ...' as a total, and give its part (and the part of
    '..., of which 22') the noun it counts."""
    counts = [s for s in spans if s.label_ == "COUNT"]
    for i, span in enumerate(counts):
        nxt = counts[i + 1] if i + 1 < len(counts) and counts[i + 1].sent == span.sent else None
        prev = counts[i - 1] if i > 0 and counts[i - 1].sent == span.sent else None
        before = [t.norm_ for t in doc[max(span.sent.start, span.start - 2):span.start]]
        words = {before[-1]} | ({"".join(before[-2:])} if len(before) > 1 else set()) if before else set()
        if prev is None and nxt is not None and words & WHOLE_BEFORE and not span._.of_total:
            between = doc[span.end:nxt.start]
            if any(t.text == "," for t in between) and len(between) <= 8:
                span._.of_total = True
                nxt._.referent = _noun_phrase(doc, span)
                continue
        text_before = " ".join(t.norm_ for t in doc[max(span.sent.start, span.start - 4):span.start])
        if prev is not None and OF_WHICH.search(text_before):
            span._.referent = _noun_phrase(doc, prev)


def _keep_first(existing, spans: list[Span]) -> list[Span]:
    """Existing entities win; among new spans the longest wins (spaCy's filter_spans)."""
    taken = {t.i for e in existing for t in e}
    fresh = [s for s in filter_spans(spans) if not any(t.i in taken for t in s)]
    return list(existing) + fresh


@cache
def pipeline(lang: str) -> Language:
    """The pipeline of one language, built once per process (building is the slow part)."""
    nlp = spacy.blank(lang if lang in LANGUAGES else "xx")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fold_norm")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(_ruler_patterns())
    nlp.add_pipe("names_and_dates")
    nlp.add_pipe("counts")
    return nlp


def annotate(text: str, lang: str | None, country: str | None = None) -> Doc:
    """Run the language's pipeline over `text`; `country` (XK/AL) narrows municipality names."""
    nlp = pipeline(lang or "xx")
    doc = nlp.make_doc(text)
    doc.user_data["country"] = country
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def mechanisms_in(span) -> set[str]:
    """Mechanism ids mentioned in a sentence or span."""
    return {e._.mechanism for e in span.ents if e.label_ == "MECHANISM" and e._.mechanism}
