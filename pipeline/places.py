"""Match municipality names as fact sheets print them to the ids of `municipalities.csv`.

Fact sheets print a municipality in Albanian, Serbian (Latin or Cyrillic), English or Turkish, often two
at once ("Deçan/Dečane"), inflected in running text ("Komuna e Prizrenit", "u Gračanici"), without or
with wrong diacritics, typed on a keyboard without them ("Zveqan"), under former names, split over
lines, abbreviated, letter-spaced or doubled by the text layer ("P r i z r e n", "PPrriizzrreenn"), or
garbled by OCR. A wrong match is worse than none, so the matcher only answers when the evidence points
to one municipality.

The chain, top to bottom:

1. words: split the text into words, keeping their character offsets (for `find_names`), gluing
   hyphenated line breaks ("Pogra-\\ndec") and OCR-split cedillas ("Korc;ë"), joining letter-spaced
   runs ("G J A K O V Ë"), halving doubled glyphs, splitting run-together words at capitals;
2. normalise each word: invisible characters, homoglyphs, Cyrillic -> Latin, case, diacritics;
3. query: strip designators at the edges ("Komuna e", "Bashkisë së", "Opština", "SO", "Skupštine
   opštine", "... Municipality") and articles inside ("Hani i Elezit" -> "hani elezit"), then join the
   words into one key;
4. look the key up among the gazetteer's forms: official names, aliases (`data/aliases.csv`) and
   their Albanian and Serbian inflections, and the negatives (`data/negatives.csv`); then through
   keyboard spellings (q for ç, sh/zh/ch for š/ž/č: method "keyboard");
5. abbreviations ("Mitrovicë e V.") as word prefixes; OCR skeletons ("rn"/"in"->"m", "cl"->"d",
   "h"->"b", "l"->"i", "c"->"e") equal to a form's; for long keys, edit distance to the uninflected names
   with a budget by length and a strict margin over the runner-up (rapidfuzz cdist, in batches);
6. when the printed words decide nothing, other readings of them: the word not split at a capital
   ("SeIenicë"), a designator-like fragment before a line break kept ("Për\\nmet"), a glued designator
   cut off ("BASHKIAKAVAJË"); readings that disagree give no match;
7. bilingual strings are split on "/" and decided by the agreement of their parts; names side by side
   without a slash ("Gjakovë (Đakovica)") likewise.

Words such as "region", "Qarku", "Drejtoria" or "DRP" anywhere in a string force no match. `find_names`
finds the exact (and keyboard-spelled) forms inside running text and run-together chart labels
("PrizrenPejë").

`latin`, `fold` and `normalise` are this module's word forms, built on `pipeline.lang.normalize` (the
one transliteration and fold); here "đ" and "dj" both fold to "d", so every spelling of Gjakova meets.
"""
from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from pipeline.indicators.catalogue import data_path
from pipeline.lang import normalize

NEGATIVE = "-"  # owner of a negative form (region, county, foreign municipality ...)

SCORES = {"exact": 100.0, "alias": 100.0, "inflected": 97.0, "keyboard": 95.0, "ocr": 92.0, "default": 90.0,
          "abbreviation": 90.0}


@dataclass(frozen=True)
class Match:
    municipality_id: str | None  # None = no match
    score: float  # 0-100
    method: str  # exact, alias, inflected, keyboard, default, abbreviation, ocr, fuzzy, bilingual; none, negative, ambiguous
    candidates: tuple[tuple[str, float], ...]  # best few (id, score), for the review queue


NO_MATCH = Match(None, 0.0, "none", ())
NEGATIVE_MATCH = Match(None, 0.0, "negative", ())


# ---------------------------------------------------------------------------------------------------
# 1-2. Words and their normalisation

# Footnote marks and superscripts become spaces, so that offsets stay those of the input.
_FOOTNOTES = str.maketrans({c: " " for c in "*†‡§¶¹²³⁰⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾"})
_LETTER = r"[^\W\d_]"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_MARKS_AND_INVISIBLES = rf"[\u0300-\u036f{_INVISIBLE}]"
# Inside a word: OCR digits ("P0gradec"), a cedilla read as ";" or "," ("Korc;ë"), a hyphenated line break.
_GLUE = rf"(?<={_LETTER})(?:\d+|[;,]|[-\u00ad][ \t]*\r?\n[ \t]*)(?={_LETTER})"
_OCR_INITIAL = rf"\b[015](?={_LETTER})"  # "0biliq", "1stog": a digit that looks like the first letter
_WORD = re.compile(rf"(?:{_OCR_INITIAL})?(?:{_LETTER}|{_GLUE}|{_MARKS_AND_INVISIBLES})+")
_HAS_LETTER = re.compile(_LETTER)
_NOT_LETTERS = re.compile(rf"[^\w\u0300-\u036f]|[_{_INVISIBLE}]")


class NameToken(NamedTuple):
    """A word of a name as printed (a named tuple: texts have many words, and a tuple is built fast);
    not the page model's `Word`, which carries a position on the page."""
    start: int  # offsets in the input text
    end: int
    text: str  # normalised: Latin, lower case, no diacritics
    capital: bool  # printed with a capital (a proper noun in running text)
    abbreviated: bool  # followed by ".": matches as a prefix
    role: str  # the designator or article the word stands for ("Kornuna" -> "komuna"); "" for names and "J."


def latin(raw: str) -> str:
    """A word in lower-case Latin letters with its diacritics (`normalize.latin` of its letters)."""
    return normalize.latin(unicodedata.normalize("NFKC", _NOT_LETTERS.sub("", raw)))


def fold(word: str) -> str:
    """Strip diacritics (ë->e, ç->c, č->c, ş->s), so that ASCII and wrong-diacritic spellings meet;
    Serbian đ and its ASCII spelling dj both become d (the lexicons' `normalize.fold` keeps dj)."""
    return normalize.strip_marks(word).replace("đ", "d").replace("dj", "d")


@lru_cache(maxsize=1 << 16)
def normalise(raw: str) -> str:
    """The comparison form of one printed word."""
    return fold(latin(raw))


# A printed word: its letters, the input offset of each (a range for a word printed in one piece), and
# where it ends in the input. Plain tuples: words are many.
_Span = tuple[str, Sequence[int], int]


def _pieces(span: _Span) -> list[tuple[int, int, str]]:
    """Split a word of mixed case where a capital follows a small letter, or begins a capitalised word
    after capitals: run-together chart labels ("PrizrenPejë", "DRPPrishtinë", "KomunaEPrizrenit"); as
    (start, end, text)."""
    text, offsets, end = span
    letters = [(i, c) for i, c in enumerate(text) if c.isalpha()]
    found, first = [], 0
    for (_, a), (i, b), (_, c) in zip(letters, letters[1:], letters[2:] + [(0, "")]):
        if b.isupper() and (a.islower() or (a.isupper() and c.islower())):
            found.append((offsets[first], offsets[i], text[first:i]))
            first = i
    return [*found, (offsets[first], end, text[first:])]


# Letter-spaced headings ("P r i z r e n"): three or more one-letter words one space apart are one word.
_TRACKING_GAP = frozenset(" \u00a0\u2009\u202f\u2006\u2005")
_TRACKED_LETTERS = 3
_ONE_LETTER = rf"(?<![^\W\d_]){_LETTER}[\u0300-\u036f]*(?![^\W\d_])"
_TRACKED_RUN = re.compile(rf"{_ONE_LETTER}(?:[{''.join(_TRACKING_GAP)}]{_ONE_LETTER}){{{_TRACKED_LETTERS - 1},}}")
_DOUBLE_START = re.compile(r"(?<![^\W\d_])([^\W\d_])\1")  # a word that begins with a doubled letter


def _one_letter(raw: str) -> bool:
    return raw[:1].isalpha() and all(unicodedata.combining(c) for c in raw[1:])


def _spans(masked: str) -> list[_Span]:
    """The printed words, letter-spaced runs joined into one."""
    found = [(m.group(), range(*m.span()), m.end()) for m in _WORD.finditer(masked)]
    if not _TRACKED_RUN.search(masked):
        return found
    single = [_one_letter(text) for text, _, _ in found]
    joined: list[_Span] = []
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and single[j] and single[j + 1] and masked[found[j][2]:found[j + 1][1][0]] in _TRACKING_GAP:
            j += 1
        if j - i + 1 >= _TRACKED_LETTERS:
            run = found[i:j + 1]
            joined.append(("".join(t for t, _, _ in run), tuple(o for _, offs, _ in run for o in offs), run[-1][2]))
            i = j + 1
        else:
            joined.append(found[i])
            i += 1
    return joined


def _doubled(text: str) -> bool:
    """Fake bold ("PPrriizzrreenn"): every glyph printed twice."""
    return len(text) >= 2 and len(text) % 2 == 0 and text[0::2] == text[1::2]


_DOUBLED_ALONE = 4  # glyphs a word needs to count as doubled on its own: "ee" and "ll" only beside one


def _composed(span: _Span) -> _Span:
    """The word in composed characters (NFC), each at the offset of its base letter, so that a doubled
    decomposed ë ("e\u0308e\u0308") reads as two glyphs."""
    raw, raw_offsets, end = span
    if unicodedata.is_normalized("NFC", raw):
        return span
    text, offsets, k = [], [], 0
    while k < len(raw):
        j = k + 1
        while j < len(raw) and unicodedata.combining(raw[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", raw[k:j])
        text.append(cluster)
        offsets += [raw_offsets[k]] * len(cluster)
        k = j
    return "".join(text), tuple(offsets), end


def _undoubled(spans: Sequence[_Span]) -> list[_Span]:
    """The words with doubled glyphs halved: words of four glyphs or more, and shorter ones next to one
    ("MMiittrroovviiccëë  ee  VVeerriiuutt"), as no name word is its own letters doubled."""
    composed = [_composed(s) if s[0][:1] == s[0][1:2] else None for s in spans]  # a double starts so
    doubled = [c is not None and _doubled(c[0]) for c in composed]
    alone = [d and len(c[0]) >= _DOUBLED_ALONE for c, d in zip(composed, doubled)]
    return [(c[0][0::2], c[1][0::2], c[2]) if c and doubled[k] and any(alone[max(k - 1, 0):k + 2])
            else span for k, (span, c) in enumerate(zip(spans, composed))]


def words(text: str, split: bool = True) -> tuple[NameToken, ...]:
    """The words of a text with their offsets; a Turkish case suffix or an English possessive after an
    apostrophe ("Prizren'de", "Peja's") is dropped; split=False keeps run-together words whole."""
    masked = text.translate(_FOOTNOTES)
    spans = _spans(masked)
    found = []
    for span in _undoubled(spans) if _DOUBLE_START.search(masked) else spans:
        printed, offsets, stop = span
        one_piece = not split or printed.isupper() or printed[1:].islower()  # nothing to split
        for start, end, piece in ((offsets[0], stop, printed),) if one_piece else _pieces(span):
            norm = normalise(piece)
            if not norm or (start >= 2 and masked[start - 1] in "'’" and masked[start - 2].isalpha()):
                continue
            end = start + len(masked[start:end].rstrip("-\u00ad \t\r\n;,0123456789"))
            letter = _HAS_LETTER.search(piece)
            capital = bool(letter and letter.group().isupper())
            abbreviated = masked[end:end + 1] == "."
            found.append(NameToken(start, end, norm, capital, abbreviated, "" if abbreviated else designator(norm)))
    return tuple(found)


# Keyboard spellings: Albanian keyboards without ç type q ("Zveqan", "Kuqovë"), and Serbian š, ž, č, ć are
# typed sh, zh, ch ("Shtrpce", "Zvechan"); folding has already made ç, č, ć -> c, š -> s, ž -> z, đ and dj -> d.
# Merged for exact look-ups only: with the OCR look-alikes below they would chain (q -> c -> e).
_KEYBOARD = (("q", "c"), ("sh", "s"), ("zh", "z"), ("ch", "c"), ("xh", "x"))
# OCR look-alikes, merged on both sides: l/1/I/j read as i, 0 as o, 5 as s, c as e, q as g, u as n.
_SKELETON_LETTERS = str.maketrans("l1j05cqu", "iiiosegn")
# Letter groups OCR confuses ("Marnushë", "Clrenas", "Pnzren", "Prishtmë", "Sbtime"): a query is also read
# with one swapped.
_CONFUSABLE = (("rn", "m"), ("in", "m"), ("cl", "d"), ("vv", "w"), ("ri", "n"), ("li", "h"), ("ii", "u"),
               ("b", "h"))


def typed(key: str) -> str:
    """The key with keyboard spellings merged ("zveqan", "zvechan" -> "zvecan"; "shtime" -> "stime")."""
    for spelled, letter in _KEYBOARD:
        key = key.replace(spelled, letter)
    return key


def skeleton(key: str) -> str:
    """The key with OCR look-alike letters merged."""
    return key.translate(_SKELETON_LETTERS)


@lru_cache(maxsize=1 << 18)
def readings(key: str) -> frozenset[str]:
    """The skeletons of the ways OCR may have misread a key: as printed, or, from six letters on (shorter
    words would meet ordinary ones), with one confusable group swapped ("dclvine" stays a reading, as "cl"
    may be a misread "el" as well as a misread "d")."""
    found = {key}
    if len(key) >= 6:
        for a, b in _CONFUSABLE + tuple((b, a) for a, b in _CONFUSABLE):
            i = key.find(a)
            while i >= 0:
                found.add(key[:i] + b + key[i + len(a):])
                i = key.find(a, i + 1)
    return frozenset(skeleton(r) for r in found)


# ---------------------------------------------------------------------------------------------------
# 3. From words to a query key

ARTICLES = frozenset({"e", "i", "te", "se"})  # Albanian linking articles: "Hani i Elezit", "Mitrovicës së Veriut"
LEADING = frozenset({
    "komuna", "komunes", "komunen", "komunat", "komunave", "komune", "kk", "kuvendi", "komunal", "komunale",
    "bashkia", "bashkise", "bashkine", "bashki", "bashkite", "bashkive",
    "opstina", "opstine", "opstini", "opstinu", "opstinom", "opcina", "opcine", "opcini",
    "so", "skupstina", "skupstine", "skupstini", "skupstinu", "opstinska", "opstinske", "opstinski",
    "municipality", "assembly", "municipalities", "municipal", "of", "the", "in", "at", "from", "for", "to",
    "ne", "nga", "per", "prej", "tek", "u", "iz", "za", "na", "od", "do",
}) | ARTICLES
TRAILING = frozenset({"municipality", "komuna", "komune", "opstina", "bashkia", "belediyesi", "belediye"})
_DESIGNATORS = {skeleton(d): d for d in sorted(LEADING | TRAILING, key=lambda d: (len(d), d))}
_LONG_DESIGNATORS = [d for d in _DESIGNATORS if len(d) >= 5]


@lru_cache(maxsize=1 << 16)
def designator(text: str) -> str:
    """The designator or article a normalised word stands for, through OCR look-alikes and one typo in
    long ones ("Kornuna" -> "komuna", "0f" -> "of", "c" -> "e", "Opšina" -> "opstina"); else ""."""
    for reading in (skeleton(text), *readings(text)):
        if reading in _DESIGNATORS:
            return _DESIGNATORS[reading]
    if len(text) >= 5:
        near = process.extractOne(skeleton(text), _LONG_DESIGNATORS, scorer=OSA.distance, score_cutoff=1)
        if near:
            return _DESIGNATORS[near[0]]
    return ""


def _content(ws: Sequence[NameToken]) -> list[NameToken]:
    """The words that name the place: designators stripped at both ends, articles dropped inside."""
    ws = list(ws)
    while ws and ws[0].role in LEADING:
        ws.pop(0)
    while ws and ws[-1].role in TRAILING:
        ws.pop()
    return [w for i, w in enumerate(ws) if not (0 < i < len(ws) - 1 and w.role in ARTICLES)]


def key_of(ws: Sequence[NameToken]) -> str:
    """Words joined without spaces, so that "Novo Brdo", "Novobrdo" and "Vau-i-Dejës" meet their forms."""
    return "".join(w.text for w in ws)


# ---------------------------------------------------------------------------------------------------
# 4. The gazetteer: every form of every name

def albanian_forms(word: str) -> set[str]:
    """Albanian definite and case forms of a lower-case name word (before folding): Pejë -> Peja, Pejës,
    Pejën; Shkodër -> Shkodra, Shkodrës; Prizren -> Prizreni, Prizrenit, Prizrenin; Istog -> Istogut;
    Ferizaj -> Ferizajt; Viti -> Vitisë; Shtime -> Shtimja, Shtimes; Kamza -> Kamzës."""
    forms = {word}
    if not word:
        return forms
    if word.endswith("ë"):
        stem = word[:-1]
        forms |= {stem + "a", stem + "ës", stem + "ën"}
    elif word.endswith("a"):
        stem = word[:-1]
        forms |= {stem + "së", stem + "në"} if stem.endswith("i") else {stem + "ë", stem + "ës", stem + "ën"}
    elif word.endswith("i"):
        forms |= {word + "a", word + "së", word + "në"}
    elif word.endswith("e"):
        stem = word[:-1]
        forms |= {stem + "ja", stem + "es", stem + "en"}
    elif word.endswith("u"):
        forms |= {word + "t", word + "n"}
    elif word.endswith("ër"):
        stem = word[:-2] + "r"
        forms |= {stem + "a", stem + "ës", stem + "ën"}
    elif re.search(r"[aeiou]j$", word):
        forms |= {word + "i", word + "t", word + "n", word + "it"}
    elif word[-1] in "kg" or (word[-1] == "h" and word[-2:-1] not in "sztdx"):  # not after sh, zh, th, dh, xh
        forms |= {word + "u", word + "ut", word + "un"}
    elif word[-1].isalpha():
        forms |= {word + "i", word + "it", word + "in"}
    return forms


def serbian_forms(word: str) -> set[str]:
    """Serbian case forms of a lower-case Latin name word: Mitrovica -> Mitrovice, Mitrovici; Severna ->
    Severnoj; Reka -> Reci; Podujevo -> Podujevu; Novo -> Novog; Glogovac -> Glogovca; Zvečan -> Zvečanu."""
    forms = {word}
    stem = word[:-1]
    if not word:
        return forms
    if word.endswith("a"):
        forms |= {stem + s for s in ("e", "i", "u", "om", "oj")}
        if stem[-1:] in ("k", "g", "h"):
            forms.add(stem[:-1] + {"k": "c", "g": "z", "h": "s"}[stem[-1]] + "i")
    elif word.endswith("o"):
        forms |= {stem + s for s in ("a", "u", "om", "og", "oga")}
    elif word.endswith("e"):
        forms |= {stem + s for s in ("a", "u", "em", "ima", "ama")}
    elif word.endswith("i"):
        forms |= {stem + s for s in ("a", "ima")}
    elif word.endswith("ac"):
        forms |= {word[:-2] + "c" + s for s in ("a", "u", "om", "em", "e")}
    elif word[-1].isalpha():
        forms |= {word + s for s in ("a", "u", "om", "em", "e", "i")}
    return forms


INFLECTIONS = {"sq": albanian_forms, "en": albanian_forms, "sr": serbian_forms}  # English forms are Albanian


_INFLECTED_WORDS = 4  # the most words of a gazetteer name; the forms of longer texts would multiply


def name_keys(name: str, lang: str) -> dict[str, tuple[str, ...]]:
    """Every key of a name with its inflections (each word inflected on its own), mapped to its words; a
    text longer than any name keeps its words as printed."""
    ws = _content(words(name))
    inflect = INFLECTIONS.get(lang, lambda word: {word}) if len(ws) <= _INFLECTED_WORDS else (lambda word: {word})
    options = [sorted({fold(f) for f in inflect(latin(name[w.start:w.end]))}) for w in ws]
    return {"".join(combo): combo for combo in itertools.product(*options)}


@dataclass(frozen=True)
class Entry:
    owner: str  # municipality id, or NEGATIVE
    method: str  # exact, alias, inflected, default (bare Mitrovica), negative
    country: str  # XK, AL, or "" for places outside both


@dataclass(frozen=True)
class Gazetteer:
    forms: dict[str, tuple[Entry, ...]]  # key -> entries
    words_of: dict[str, tuple[str, ...]]  # key -> its words (abbreviations, names in running text)
    triggers: frozenset[str]  # words that make a string a region, county, directorate ...
    common_words: frozenset[str]  # names that are also ordinary words: need context in running text
    longest: int  # the most words a form spans in running text, articles included
    qualified: dict[str, tuple[str, ...]]  # a one-word default form -> owners of the forms it starts
    typed: dict[str, tuple[str, ...]]  # keyboard spelling (`typed`) of a form -> the forms spelled so


def _rows(name: str) -> list[dict[str, str]]:
    """A CSV file of the package's data folder."""
    with data_path(name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


_RANK = {"exact": 0, "alias": 1, "negative": 1, "inflected": 2, "default": 3}  # kept when a key repeats


@cache
def gazetteer() -> Gazetteer:
    """The forms of the official names, the aliases and the negatives, built once."""
    found: dict[str, dict[str, Entry]] = {}
    words_of: dict[str, tuple[str, ...]] = {}

    def add(name: str, lang: str, owner: str, country: str, base_method: str, inflected_method: str) -> None:
        base = key_of(_content(words(name)))
        for key, ws in name_keys(name, lang).items():
            method = base_method if key == base else inflected_method
            kept = found.setdefault(key, {}).get(owner)
            if kept is None or _RANK[method] < _RANK[kept.method]:
                found[key][owner] = Entry(owner, method, country)
            words_of[key] = ws

    for row in _rows("municipalities.csv"):
        for column, lang in (("name_sq", "sq"), ("name_sr_latn", "sr"), ("name_sr_cyrl", "sr"),
                             ("name_en", "en"), ("name_tr", "tr")):
            if row[column]:
                add(row[column], lang, row["municipality_id"], row["country"], "exact", "inflected")
    for row in _rows("aliases.csv"):
        country = row["municipality_id"][:2].upper()
        method = "default" if row["kind"] == "unqualified" else "alias"
        add(row["alias"], row["lang"], row["municipality_id"], country, method,
            "default" if method == "default" else "inflected")
    defaults = {key for key, entries in found.items() if any(e.method == "default" for e in entries.values())}
    qualified = {key: tuple(sorted({o for k, ws in words_of.items() if len(ws) > 1 and ws[0] == key
                                    for o in found[k] if o != NEGATIVE})) for key in defaults}
    negatives = _rows("negatives.csv")
    for row in negatives:
        if row["kind"] not in ("trigger", "common_word"):
            add(row["text"], row["lang"], NEGATIVE, row["country"], "negative", "negative")
    return Gazetteer(
        forms={key: tuple(entries.values()) for key, entries in found.items()},
        words_of=words_of,
        triggers=frozenset(normalise(r["text"]) for r in negatives if r["kind"] == "trigger"),
        common_words=frozenset(normalise(r["text"]) for r in negatives if r["kind"] == "common_word"),
        longest=2 * max(len(ws) for ws in words_of.values()) - 1,
        qualified=qualified,
        typed=_by_typed(found),
    )


def _by_typed(forms: Iterable[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for key in forms:
        found.setdefault(typed(key), []).append(key)
    return {k: tuple(v) for k, v in found.items()}


def _lookup(key: str, country: str | None) -> tuple[str, list[Entry], bool]:
    """The entries of a key, else of the forms it spells with keyboard letters ("zveqan" for "zveçan");
    as (the form's key, its entries, whether it was a keyboard spelling)."""
    g = gazetteer()
    entries = [e for e in g.forms.get(key, ()) if _in_country(e, country)]
    if entries or not (spelled := g.typed.get(typed(key), ())):
        return key, entries, False
    return spelled[0], [e for k in spelled for e in g.forms[k] if _in_country(e, country)], True


def _typed_match(decided: Match) -> Match:
    """A match through a keyboard spelling scores as such; a bare Mitrovica stays a default."""
    if not decided.municipality_id or decided.method == "default":
        return decided
    return Match(decided.municipality_id, SCORES["keyboard"], "keyboard", ((decided.municipality_id, SCORES["keyboard"]),))


def _in_country(entry: Entry, country: str | None) -> bool:
    """Negatives of places outside Kosovo and Albania apply everywhere."""
    return country is None or entry.country in (country, "")


def _decide(entries: Iterable[Entry], key: str = "") -> Match:
    """One municipality and no negative among the entries of a key: a match; else none. A bare
    "Mitrovica" lists the municipalities a qualifier could make it, for bilingual agreement."""
    owners = {e.owner: e for e in entries}
    ids = sorted(o for o in owners if o != NEGATIVE)
    if len(ids) == 1 and NEGATIVE not in owners:
        entry = owners[ids[0]]
        others = gazetteer().qualified.get(key, ()) if entry.method == "default" else ()
        candidates = ((entry.owner, SCORES[entry.method]),) + tuple((o, 50.0) for o in others if o != entry.owner)
        return Match(entry.owner, SCORES[entry.method], entry.method, candidates)
    if not ids:
        return NEGATIVE_MATCH
    return Match(None, 0.0, "ambiguous", tuple((i, SCORES[owners[i].method]) for i in ids))


# ---------------------------------------------------------------------------------------------------
# 5. Abbreviations and fuzzy scoring

def _abbreviation(content: Sequence[NameToken], country: str | None) -> Match | None:
    """Chart labels shorten words ("Mitrovicë e V.", "S. Mitrovica"): a shortened word matches as the
    prefix of a form's word, the others exactly; more than one municipality stays ambiguous. A shortened
    word needs a written-out word beside it or four letters of its own ("Prisht."), so "N." alone is none."""
    shortened = [w for w in content if w.abbreviated]
    written_out = len(shortened) < len(content)
    if not shortened or not (written_out or (len(content) == 1 and len(content[0].text) >= 4)):
        return None
    g = gazetteer()
    query = [w.text for w in content]
    hits = [e for key, ws in g.words_of.items() if len(ws) == len(query)
            and all(f.startswith(q) if w.abbreviated else f == q for f, q, w in zip(ws, query, content))
            for e in g.forms[key] if _in_country(e, country)]
    if not hits:
        return None
    decided = _decide(hits)
    if decided.municipality_id:  # "Mitr." stays a bare Mitrovica, which a qualified part overrides
        method = "default" if decided.method == "default" else "abbreviation"
        return Match(decided.municipality_id, SCORES[method], method, ((decided.municipality_id, SCORES[method]),))
    return Match(None, 0.0, decided.method, tuple((i, SCORES["abbreviation"]) for i, _ in decided.candidates))


def _open_end(content: Sequence[NameToken]) -> list[NameToken]:
    """A name cut short after its article ("Mitrovicë e" in a chart label) ends in a word yet unknown:
    an empty shortened word, which any word of a form continues."""
    if len(content) > 1 and content[-1].role in ARTICLES:
        return [*content[:-1], content[-1]._replace(text="", abbreviated=True)]
    return list(content)


def edit_budget(length: int) -> int:
    """Edits allowed between keys of this length, beyond OCR look-alikes: none below 7 letters, where one
    edit turns ordinary words and villages into names ("përmes"/Përmet, Krumë/Krujë, Reçan/Deçan)."""
    return 0 if length < 7 else 1 if length < 13 else 2


@dataclass(frozen=True)
class _FuzzyIndex:
    keys: list[str]  # uninflected names of 7 letters or more, one column per (owner, key), by owner
    starts: np.ndarray  # first column of each owner
    owners: list[str]
    equal: dict[str, frozenset[str]]  # OCR skeleton of every form, inflected ones included -> owners


@cache
def _fuzzy_index(country: str | None) -> _FuzzyIndex:
    """Edit distances are measured to uninflected names only: inflected forms would multiply near misses."""
    entries = [(e.owner, e.method, key) for key, es in gazetteer().forms.items() for e in es if _in_country(e, country)]
    equal: dict[str, set[str]] = {}
    for owner, _, key in entries:
        equal.setdefault(skeleton(key), set()).add(owner)
    pairs = sorted({(o, key) for o, method, key in entries if method != "inflected" and len(key) >= 7})
    owners = sorted({o for o, _ in pairs})
    starts = np.searchsorted([o for o, _ in pairs], owners)
    return _FuzzyIndex([key for _, key in pairs], starts, owners, {k: frozenset(v) for k, v in equal.items()})


def _fuzzy_score(distance: int, length: int) -> float:
    """An equal OCR skeleton scores as "ocr"; otherwise each edit costs its share of the key's length."""
    return SCORES["ocr"] if distance == 0 else min(89.0, round(100.0 * (1 - distance / length), 1))


def _fuzzy_decide(length: int, distances: dict[str, int]) -> Match:
    """The closest owner within the edit budget, strictly closer than every other owner (negatives included)."""
    ranked = sorted(distances.items(), key=lambda item: (item[1], item[0]))
    budget = edit_budget(length)
    candidates = tuple((o, _fuzzy_score(d, length)) for o, d in ranked if o != NEGATIVE and d <= budget + 1)[:3]
    if not ranked or ranked[0][1] > budget:
        return Match(None, 0.0, "none", candidates)
    (best, d1), d2 = ranked[0], ranked[1][1] if len(ranked) > 1 else 99
    if best == NEGATIVE:
        return Match(None, 0.0, "negative", candidates)
    if d2 <= d1:
        return Match(None, 0.0, "ambiguous", candidates)
    return Match(best, _fuzzy_score(d1, length), "ocr" if d1 == 0 else "fuzzy", candidates)


def _fuzzy_batch(keys: Iterable[str], country: str | None, chunk: int = 4096) -> dict[str, Match]:
    """Fuzzy matches of keys: readings equal to a form's OCR skeleton by look-up, the rest in batches
    (rapidfuzz cdist against the uninflected names, keeping each owner's minimum distance)."""
    index = _fuzzy_index(country)
    found, todo = {}, []
    for key in dict.fromkeys(keys):
        equal = {o for r in readings(key) for o in index.equal.get(r, ())}
        if equal or edit_budget(len(key)) == 0:
            found[key] = _fuzzy_decide(len(key), dict.fromkeys(equal, 0))
        else:
            todo.append(key)
    for i in range(0, len(todo), chunk):
        batch = todo[i:i + chunk]
        dist = process.cdist(batch, index.keys, scorer=OSA.distance, score_cutoff=3, dtype=np.uint8, workers=-1)
        per_owner = np.minimum.reduceat(dist, index.starts, axis=1)
        for key, row in zip(batch, per_owner):
            near = np.flatnonzero(row <= 3)
            found[key] = _fuzzy_decide(len(key), {index.owners[j]: int(row[j]) for j in near})
    return found


# ---------------------------------------------------------------------------------------------------
# 6. Matching strings

_SEPARATOR = re.compile(r"[/|\\]|\s[–—]\s")  # not parentheses: "Mitrovica (North)" is one name


def _has_trigger(ws: Sequence[NameToken]) -> bool:
    """A region, county, directorate ... word anywhere: the string names no municipality."""
    triggers = gazetteer().triggers
    return any(w.text in triggers for w in ws)


def _decided(ws: Sequence[NameToken], country: str | None, strip: bool = True) -> Match | str:
    """Words decided without fuzzy scoring, or the key that fuzzy scoring must decide; strip=False keeps
    the words that look like designators."""
    if _has_trigger(ws):
        return NEGATIVE_MATCH
    content = _content(ws) if strip else ws
    if not content:
        return NO_MATCH
    key, entries, spelled = _lookup(key_of(content) if strip else _inner_key(content), country)
    if entries:
        return _typed_match(_decide(entries, key)) if spelled else _decide(entries, key)
    return _abbreviation(_open_end(content), country) or key


def _broken_after_designator(segment: str, ws: Sequence[NameToken]) -> bool:
    """A line break after a word that looks like a designator or article, before a small letter that does
    not, may cut a name ("Për\nmet", "Ju\nnik"; not "Komuna\ne Pejës")."""
    return "\n" in segment and any(a.role and not b.role and not b.capital and "\n" in segment[a.end:b.start]
                                   for a, b in zip(ws, ws[1:]))


_GLUED_LEADING = tuple(sorted((d for d in LEADING if len(d) >= 5), key=len, reverse=True))
_GLUED_TRAILING = tuple(sorted((d for d in TRAILING if len(d) >= 5), key=len, reverse=True))
_GLUED_REST = 3  # letters a name keeps after a glued designator ("BASHKIAHAS")


def _unglued(ws: Sequence[NameToken]) -> list[tuple[NameToken, ...]]:
    """Readings with a designator glued to the name cut off ("BASHKIAKAVAJË", "komunaeprizrenit",
    "PRIZRENKOMUNA"), the article after a leading one too; none when no word starts or ends with one."""
    found: list[tuple[NameToken, ...]] = []
    first, last = ws[0], ws[-1]
    if not ((not first.role and first.text.startswith(_GLUED_LEADING))
            or (not last.role and last.text.endswith(_GLUED_TRAILING))):
        return found
    lead = next((d for d in _GLUED_LEADING if first.text.startswith(d) and len(first.text) - len(d) >= _GLUED_REST), "")
    if lead and not first.role:
        rest = first.text[len(lead):]
        after_article = rest[len(_article_in(rest)):]
        found += [(first._replace(text=r), *ws[1:]) for r in dict.fromkeys((rest, after_article))
                  if len(r) >= _GLUED_REST]
    trail = next((d for d in _GLUED_TRAILING if last.text.endswith(d) and len(last.text) - len(d) >= _GLUED_REST), "")
    if trail and not last.role:
        found.append((*ws[:-1], last._replace(text=last.text[:-len(trail)])))
    return found


def _article_in(rest: str) -> str:
    """The Albanian article a glued designator is followed by ("komuna" + "e" + "prizrenit"), or ""."""
    return next((a for a in ("se", "te", "e", "i") if rest.startswith(a)), "")


def _split_inside(ws: Sequence[NameToken]) -> bool:
    """Words that touch were one printed word split at a capital."""
    return len(ws) > 1 and any(a.end == b.start for a, b in zip(ws, ws[1:]))


@lru_cache(maxsize=1 << 18)
def _analyse(segment: str, country: str | None) -> tuple[Match | str, ...]:
    """The readings of a segment (one name), best first, each decided without fuzzy scoring or left as the
    key that fuzzy scoring must decide: the words as printed; when a capital inside a word split it, the
    word whole ("SeIenicë", an l read as I); when a line break follows a designator-like word, every word;
    a designator glued to the name cut off."""
    ws = words(segment)
    if not ws:
        return (NO_MATCH,)
    found = [_decided(ws, country)]
    if isinstance(found[0], Match) and (found[0].municipality_id or found[0].method != "none"):
        return tuple(found)  # the words as printed decide: the other readings could only add doubt
    if _split_inside(ws) and (whole := words(segment, split=False)) != ws:
        found.append(_decided(whole, country))
    if _broken_after_designator(segment, ws):
        found.append(_decided(ws, country, strip=False))
    found += [_decided(u, country) for u in _unglued(ws)]
    return tuple(found)


def _first_found(readings: Sequence[Match]) -> Match:
    """The readings of one segment decided together: the first that decides something wins if it is a
    negative or an ambiguity; matches of readings that disagree are ambiguous; else the best-scored
    match ("KOMUNAEMITROVICËS": exactly "Mitrovicës" beats a fuzzy "eMitrovicës"). Nothing: the first."""
    if len(readings) == 1:
        return readings[0]
    first = next((m for m in readings if m.municipality_id or m.method != "none"), readings[0])
    if not first.municipality_id:
        return first
    matched = [m for m in readings if m.municipality_id]
    if len({m.municipality_id for m in matched}) > 1:
        return Match(None, 0.0, "ambiguous", tuple(dict.fromkeys(c for m in matched for c in m.candidates))[:3])
    return max(matched, key=lambda m: m.score)


def _parts(text: str) -> list[str]:
    """The parts of a bilingual label ("Deçan/Dečane", "Prishtinë – Priština"), those holding a word."""
    return [p for p in _SEPARATOR.split(text) if _HAS_LETTER.search(p)]


def _agree(matches: Sequence[Match]) -> Match:
    """Decide a bilingual string by its parts. Every part must fit the answer: name it, list it among
    its candidates (a bare "Mitrovica" fits either Mitrovica, "S. Mitrovica" fits North and South), or be
    unknown; a negative part or two parts naming different municipalities give no match, and a bare
    "Mitrovica" beside an unknown part ("Mitrovica/Nord") is not enough."""
    if any(m.method == "negative" for m in matches):
        return NEGATIVE_MATCH
    candidates = tuple(dict.fromkeys(c for m in matches for c in m.candidates))[:3]
    strong = {m.municipality_id for m in matches if m.municipality_id and m.method != "default"}
    weak = {m.municipality_id for m in matches if m.method == "default"}
    chosen = strong or weak
    if len(chosen) != 1 or (not strong and any(m.method == "none" for m in matches)):
        return Match(None, 0.0, "ambiguous" if chosen else "none", candidates)
    (answer,) = chosen
    if not all(m.municipality_id == answer or m.method == "none"
               or (m.method in ("default", "ambiguous") and answer in dict(m.candidates)) for m in matches):
        return Match(None, 0.0, "ambiguous", candidates)
    score = max(m.score for m in matches if m.municipality_id == answer)
    return Match(answer, score, "bilingual", ((answer, score),))


def _covered(text: str, country: str | None) -> Match | None:
    """Several names side by side without a slash ("Pejë Pejë", "Gjakovë (Đakovica)"): decided by
    agreement when exact forms cover every word but designators; None when they do not."""
    ws = words(text)
    spans = _scan(text, ws, country, running=False)
    inside = {k for i, j, _ in spans for k in range(i, j)}
    if len(spans) < 2 or any(k not in inside and w.role not in LEADING | TRAILING for k, w in enumerate(ws)):
        return None
    return _agree([m for _, _, m in spans])


def _segments(text: str) -> list[str]:
    """The parts of a bilingual string, or the string itself."""
    parts = _parts(text)
    return parts if len(parts) > 1 else [text]


def match(text: str, country: str | None = None) -> Match:
    """The municipality a printed name refers to; country ("XK" or "AL") narrows the candidates."""
    return match_many([text], country)[0]


def match_many(texts: Sequence[str], country: str | None = None) -> list[Match]:
    """`match` for many names: each string's segments are analysed, fuzzy scoring runs once in batches
    for all segments that need it, then each string is decided: a bilingual one by its parts' agreement,
    an unmatched one by the names it holds side by side."""
    analysed = [[_analyse(s, country) for s in _segments(text)] for text in texts]
    fuzzy = _fuzzy_batch([a for parts in analysed for part in parts for a in part if isinstance(a, str)], country)
    found = []
    for text, parts in zip(texts, analysed):
        matches = [_first_found([fuzzy[a] if isinstance(a, str) else a for a in part]) for part in parts]
        if len(matches) > 1:
            found.append(_agree(matches))
        elif matches[0].municipality_id is None and matches[0].method != "negative":
            found.append(_covered(text, country) or matches[0])
        else:
            found.append(matches[0])
    return found


def match_rows(texts: Iterable[str]) -> list[tuple[str, str, float]]:
    """(text, municipality_id or "", score) per name, for the `match` command."""
    texts = list(texts)
    return [(t, m.municipality_id or "", m.score) for t, m in zip(texts, match_many(texts))]


# ---------------------------------------------------------------------------------------------------
# Names inside running text and run-together labels

def _gap_is_space(text: str, ws: Sequence[NameToken]) -> bool:
    """Words of one name are separated by spaces, line breaks or hyphens only (and the period of a
    shortened word: "S. Mitrovica")."""
    return all(re.fullmatch(r"\.?[\s\-\u00ad]*" if a.abbreviated else r"[\s\-\u00ad]*", text[a.end:b.start])
               for a, b in zip(ws, ws[1:]))


def _inner_key(ws: Sequence[NameToken]) -> str:
    """The key of consecutive words with the articles inside dropped ("Mitrovicë e Veriut")."""
    return key_of([w for k, w in enumerate(ws) if not (0 < k < len(ws) - 1 and w.role in ARTICLES)])


def _chunk_match(text: str, ws: Sequence[NameToken], i: int, j: int, country: str | None) -> Match | None:
    """The match of words i..j-1 as one whole name: an exact form with as many words, or a shortened
    one ("S. Mitrovica", "Mitrovicë e V.", "Mitrovicë e" at the end of a label); None if they are not one."""
    chunk = ws[i:j]
    if chunk[0].role in LEADING or not _gap_is_space(text, chunk):
        return None
    cut_short = chunk[-1].role in ARTICLES
    if cut_short and j < len(ws) and _gap_is_space(text, ws[j - 1:j + 1]):
        return None  # the name goes on after its article
    key, entries, spelled = _lookup(_inner_key(chunk), country)
    if entries and not cut_short and len(gazetteer().words_of[key]) == len([w for w in chunk if w.role not in ARTICLES]):
        decided = _decide(entries, key)
        if decided.method == "default" and j < len(ws) and ws[j].role in ARTICLES:
            return _abbreviation(_open_end(_content(ws[i:j + 1])), country)  # "Mitrovicë e" + an unknown qualifier
        return _typed_match(decided) if spelled else decided
    return _abbreviation(_open_end(_content(chunk)), country)


def _scan(text: str, ws: Sequence[NameToken], country: str | None, running: bool) -> list[tuple[int, int, Match]]:
    """Longest whole names, left to right, as (first word, word after the last, match); negatives
    ("Kosovska Mitrovica", "Dibër e Madhe") are consumed but not returned. In running text a name starts
    with a capital."""
    longest = gazetteer().longest
    spans = []
    i = 0
    while i < len(ws):
        found = None
        if ws[i].capital or not running:
            found = next(((i, j, m) for j in range(min(len(ws), i + longest), i, -1)
                          if (m := _chunk_match(text, ws, i, j, country))), None)
        if found:
            spans.append(found)
            i = found[1]
        else:
            i += 1
    return [s for s in spans if s[2].method != "negative"]


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """A chart or table label: nothing but the name (and punctuation) on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end:None if line_end < 0 else line_end].strip(" \t*.,;:")


def _context_allows(text: str, ws: Sequence[NameToken], span: tuple[int, int, Match],
                    spans: Sequence[tuple[int, int, Match]]) -> bool:
    """Running text: not next to a region/county/directorate word ("Qarku i Vlorës", "Prizren District");
    a name that is also an ordinary word ("Viti" = the year) needs a designator before it, another name
    beside it or a line of its own, and never a number after it."""
    g = gazetteer()
    i, j, _ = span
    before = next((w for w in reversed(ws[:i]) if w.role not in ARTICLES), None)
    after = ws[j] if j < len(ws) else None
    if (before and before.text in g.triggers) or (after and after.text in g.triggers):
        return False
    if _inner_key(ws[i:j]) not in g.common_words:
        return True
    start, end = ws[i].start, ws[j - 1].end
    if re.match(r"\s*\d", text[end:]):
        return False
    beside = any(b == i or a == j for a, b, _ in spans)
    designated = before is not None and before.role in LEADING - ARTICLES
    return beside or designated or _alone_on_line(text, start, end)


def _agree_bilingual(text: str, found: list[tuple[int, int, Match]]) -> list[tuple[int, int, Match]]:
    """Mentions joined by a slash are one bilingual label ("S. Mitrovica/ Mitrovicë e V."): when their
    parts agree, each takes the agreed match."""
    groups: list[list[tuple[int, int, Match]]] = []
    for span in found:
        if groups and re.fullmatch(r"\s*/\s*", text[groups[-1][-1][1]:span[0]]):
            groups[-1].append(span)
        else:
            groups.append([span])
    agreed = []
    for group in groups:
        decided = _agree([m for _, _, m in group]) if len(group) > 1 else None
        agreed += [(s, e, decided if decided and decided.municipality_id else m) for s, e, m in group]
    return agreed


def find_names(text: str, country: str | None = None) -> list[tuple[int, int, Match]]:
    """Municipality mentions in running text or run-together chart labels, as (start, end, match); a
    mention that fits more than one municipality ("S. Mitrovica") comes with no id and its candidates."""
    ws = words(text)
    spans = _scan(text, ws, country, running=True)
    found = [(ws[i].start, ws[j - 1].end, m) for i, j, m in spans if _context_allows(text, ws, (i, j, m), spans)]
    return _agree_bilingual(text, found)
