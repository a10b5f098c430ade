"""Which document is this? Publisher, mechanism, language, reporting period and title, from content alone.

A backfill folder of old PDFs has no metadata, so every field is decided from the text, with the
reason recorded in `DocInfo.evidence`:

  language   stop words and letters typical of Albanian, Serbian (Latin or Cyrillic) and English
  publisher  the organisations' names (OSCE/OSBE/OEBS, IDM, Kosovo Police in three languages)
  mechanism  the most named mechanism (acronyms and full names), constrained by the publisher
  period     KP: the statistics date; IDM surveys: the fieldwork (data collection, focus groups);
             OSCE sheets: the period the sheet repeats, preferring its header ("Janar - Dhjetor 2024",
             "Janar – shtator 2017", a "2019 2018" legend gives the latest year)
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from pipeline.lang.nlp import ACRONYMS, NAMES
from pipeline.lang.normalize import fold
from pipeline.lang.periods import Period, find_periods, opens_span
from pipeline.model.records import DocInfo

STOP_WORDS = {
    "sq": {"dhe", "te", "ne", "per", "jane", "eshte", "qe", "nje", "se", "nga", "ose", "kane", "me", "e"},
    "sr": {"za", "je", "su", "da", "od", "koji", "koja", "koje", "ili", "kao", "sa", "na", "i", "u", "godine"},
    "en": {"the", "and", "of", "to", "is", "are", "for", "with", "that", "were", "was", "in"},
}
LETTERS = {"sq": "ëç", "sr": "čćšžđ"}

PUBLISHERS = {
    "OSCE": r"misioni i osbe|osce mission|mission in kosovo|misij\w* oebs|osce\.org|\bosce\b|\bosbe\b|\boebs\b",
    "IDM": r"instituti per demokraci dhe ndermjetesim|institute for democracy and mediation|idmalbania|\bidm\b",
    "KP": r"policia e kosoves|kosovo police|policija kosova|kosovopolice|policise se kosoves",
}
MECHANISMS_OF = {"OSCE": ("MCSC", "MOCR"), "IDM": ("KVSP",), "KP": ("LPSC",)}
PUBLISHER_OF = {"MCSC": "OSCE", "MOCR": "OSCE", "KVSP": "IDM", "LPSC": "KP"}

FIELDWORK = r"mbledhj\w* (?:s?e )?te dhenave|fokus grup|pyetesor|terren|anket|survey|questionnaire|focus group|data collection" \
            r"|were collected|collected during|u mblodh\w*|prikupljen\w*" \
            r"|fieldwork|upitnik|prikupljanj\w* podataka"
STATISTICS = r"statisti"


def language_of(text: str) -> tuple[str, str]:
    """The language with most of its stop words and letters; Cyrillic text is Serbian."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    cyrillic = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    if cyrillic > 0.2 * max(1, sum(len(w) for w in words)):
        return "sr", f"{cyrillic} Cyrillic letters"
    folded = [fold(w) for w in words]
    scores = {lang: sum(1 for w in folded if w in stops) for lang, stops in STOP_WORDS.items()}
    # Letters count in running words only: capitalised words are mostly names, and an English or
    # Albanian edition prints bilingual place names ("Dečane", "Gračanica") with Serbian letters.
    running = " ".join(w for w in re.findall(r"[^\W\d_]+", text) if w[0].islower())
    for lang, letters in LETTERS.items():
        scores[lang] += 2 * sum(running.count(ch) for ch in letters)
    best = max(scores, key=scores.get)
    return best, f"stop words and letters {scores}"


def _count(pattern: str, folded: str) -> int:
    return len(re.findall(pattern, folded))


# Acronyms two mechanisms share: IDM's English reports call the KVSP councils "LPSC" (Local Public
# Safety *Council*), as the Kosovo Police call their *committees*. The full names decide whose they are.
SHARED_ACRONYMS = {"lpsc": ("LPSC", "KVSP")}


def mechanism_scores(folded: str) -> dict[str, int]:
    """Mentions of each mechanism: acronyms once, full names twice.

    A shared acronym counts for the mechanism whose full name the text uses more (the first on a tie).
    """
    names = {mech: _count(NAMES[mech], folded) for mech in ACRONYMS}
    scores = {mech: 2 * names[mech] for mech in ACRONYMS}
    for mech, acronyms in ACRONYMS.items():
        own = [a for a in acronyms if a not in SHARED_ACRONYMS]
        if own:
            scores[mech] += _count(rf"\b(?:{'|'.join(own)})\b", folded)
    for acronym, owners in SHARED_ACRONYMS.items():
        owner = max(owners, key=lambda m: (names[m], -owners.index(m)))
        scores[owner] += _count(rf"\b{acronym}\b", folded)
    return scores


def publisher_and_mechanism(folded: str) -> tuple[str | None, str | None, str, str]:
    """Publisher by its names plus the publisher of the most named mechanism; then the mechanism it publishes.

    The police page thanks the OSCE and an OSCE sheet may cite the police, so neither name alone decides.
    """
    mechs = mechanism_scores(folded)
    top = max(mechs, key=mechs.get)
    names = {name: _count(rx, folded) for name, rx in PUBLISHERS.items()}
    scores = {name: n + (3 if mechs[top] and PUBLISHER_OF[top] == name else 0) for name, n in names.items()}
    publisher = max(scores, key=scores.get)
    if not scores[publisher]:
        return None, None, f"no publisher named {names}", f"no mechanism named {mechs}"
    allowed = MECHANISMS_OF[publisher]
    mechanism = max(allowed, key=lambda m: mechs[m])
    if mechs[mechanism] == 0 and len(allowed) > 1:
        mechanism = None
    return (publisher, mechanism, f"names {names}, mechanism mentions {mechs}",
            f"mentions {mechs} among {allowed}")


def _before(text: str, p: Period, n: int) -> str:
    return fold(text[max(0, p.span[0] - n):p.span[0]])


def _usable(text: str, periods: list[Period]) -> list[Period]:
    """Periods that may be the document's: not 'since 2010', not multi-year strategies."""
    out = []
    for p in periods:
        if opens_span(text[max(0, p.span[0] - 60):p.span[0]], p):
            continue
        if (p.end - p.start).days > 366:
            continue
        out.append(p)
    return out


TITLE_CHARS = 200  # the title block: where a sheet states its own year


def period_of(text: str, publisher: str | None) -> tuple[tuple[date, date] | None, str]:
    periods = find_periods(text)
    if publisher == "KP":
        for p in periods:
            if p.start == p.end and re.search(STATISTICS, _before(text, p, 60)):
                return (p.start, p.end), f"statistics date '{p.text}'"
        days = [p for p in periods if p.start == p.end]
        if days:
            return (days[0].start, days[0].end), f"first date '{days[0].text}'"
    if publisher == "IDM":
        field = [p for p in periods if p.start != p.end and (p.end - p.start).days <= 366
                 and re.search(FIELDWORK, fold(text[max(0, p.span[0] - 250):p.span[1] + 60]))]
        if field:
            start, end = min(p.start for p in field), max(p.end for p in field)
            return (start, end), "fieldwork " + "; ".join(p.text for p in field)
    candidates = [p for p in _usable(text, periods) if p.start != p.end]
    if not candidates:
        return None, "no period found"
    named = [p for p in candidates if re.search(r"[^\W\d_]", p.text) and (p.end - p.start).days >= 58]
    if named:  # month ranges ("Janar – shtator 2017") are reporting periods (one month is an event); a sheet compares
        latest = max(named, key=lambda p: (p.end, p.start))  # the previous period with the current one
        titled = [p for p in candidates if p not in named and p.span[0] < TITLE_CHARS and p.end.year > latest.end.year]
        if titled:  # "Fletë informative · 2016" over a legend naming only the previous "Janar – dhjetor 2015"
            year = max(titled, key=lambda p: p.end)
            return (year.start, year.end), f"the title's year '{year.text}', later than the latest month range"
        return (latest.start, latest.end), f"latest period named by its months '{latest.text}'"
    header = len(text) * 0.15 + 200  # bare years only: the most stated, preferring the header
    score = Counter()
    for p in candidates:
        score[(p.start, p.end)] += 1 + (2 if p.span[0] < header else 0)
    (start, end), n = max(score.items(), key=lambda kv: (kv[1], kv[0][1]))
    return (start, end), f"most stated period (score {n} of {dict((f'{a}..{b}', c) for (a, b), c in score.items())})"


def title_of(text: str, meta: dict | None) -> str | None:
    if meta and str(meta.get("Title") or "").strip():
        return str(meta["Title"]).strip()
    for line in text.splitlines():
        line = line.strip()
        if 8 <= len(line) <= 140 and re.search(r"[^\W\d_]{3}", line):
            return line
    return None


def identify(text: str, meta: dict | None = None) -> DocInfo:
    """Publisher, mechanism, language, period, title and country of a document from its text."""
    folded = fold(text)
    info = DocInfo()
    info.language, info.evidence["language"] = language_of(text)
    (info.publisher, info.mechanism, info.evidence["publisher"],
     info.evidence["mechanism"]) = publisher_and_mechanism(folded)
    period, info.evidence["period"] = period_of(text, info.publisher)
    if period:
        info.period_start, info.period_end = period
    info.title = title_of(text, meta)
    info.country = "AL" if info.publisher == "IDM" or info.mechanism == "KVSP" else ("XK" if info.publisher else None)
    info.evidence["country"] = f"publisher {info.publisher}"
    return info
