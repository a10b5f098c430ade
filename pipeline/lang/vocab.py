"""Words that name the same thing in Albanian, Serbian (Latin and Cyrillic) and English.

Each entry maps a category or topic to stems: a label or caption matches when one of its
ASCII-folded, lower-cased words starts with a stem (multi-word stems must appear as a phrase).
Stems, not whole words, so that inflected forms ("komuniteteve", "zajednica") match too.
"""
from __future__ import annotations

import re

from pipeline.lang import normalize


def fold(text: str) -> str:
    """Lower-case ASCII words (`normalize.fold`, with punctuation to spaces)."""
    return re.sub(r"[^a-z0-9%?]+", " ", normalize.fold(text)).strip()


# A heading set with one gap between all its glyphs, word spaces included, reads as one word
# ("KomunitetetqënukkanëpërfaqësuesnëKKSB*", "TakimeteKKSBkuudiskutuanincidentet"; matplotlib's
# letter-spaced titles in sq and sr): a folded word this long is no word of the three languages (the
# longest of the sheets' vocabulary, "gjithëpërfshirëse", "administrativnog", have 17 letters; the
# longest in the seeds' text layers 19). A stem may stand anywhere in it, its own spaces gone too.
RUN_TOGETHER = 20


def has(text: str, stems: tuple[str, ...]) -> bool:
    """True when a word of `text` starts with one of the stems (or a multi-word stem occurs); in a
    phrase printed run together (`RUN_TOGETHER`, letters only: no URL), when a stem of four letters
    or more, its spaces dropped, occurs anywhere in it."""
    folded = f" {fold(text)} "
    if any((f" {s}" in folded) for s in stems):
        return True
    joined = [w for w in folded.split() if len(w) >= RUN_TOGETHER and w.rstrip("*:.").isalpha()]
    return any(s.replace(" ", "") in w for w in joined for s in stems if len(s.strip()) >= 4)


def which(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The key of `table` whose stems occur most in `text` (more stems, then longer ones win).

    Long headers mention several ideas ("Kontaktimi ... me publikun ose vetëdijesimi" is about the
    public, though it says "contact"); the key with the most evidence wins, and a tie is None.
    """
    folded = f" {fold(text)} "
    scores = []
    for k, stems in table.items():
        hit = [s for s in stems if f" {s}" in folded]
        if hit:
            scores.append(((len(hit), sum(map(len, hit))), k))
    scores.sort(reverse=True)
    if not scores or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return scores[0][1]


COMMUNITIES: dict[str, tuple[str, ...]] = {
    "albanian": ("shqiptar", "albanac", "albanc", "albansk", "albanian"),
    "serb": ("serb", "srb", "srpsk"),
    "turkish": ("turk", "turq", "turc", "tursk"),
    "bosniak": ("boshnjak", "bosnjak", "bosnjac", "bosniak"),
    "roma": ("rom ", "rome", "romi", "romsk", "roma"),
    "ashkali": ("ashkali", "askali", "askalij"),
    "egyptian": ("egjiptian", "egipcan", "egipatsk", "egyptian"),
    "gorani": ("goran",),
    "montenegrin": ("malazez", "crnogor", "montenegr"),
    "croat": ("kroat", "hrvat", "croat"),
    "other": ("tjeret", "te tjere", "ostal", "other"),
}
ALL_COMMUNITIES = ("te gjitha komunitet", "gjithsej", "sve zajednic", "ukupno", "all communit", "total")

# Closed vocabularies whose names a table cell may list, one value per name ("Kosovo Turk, Kosovo Roma"
# under "Communities without a representative"): the contract's community categories.
LISTABLE: tuple[dict[str, tuple[str, ...]], ...] = (COMMUNITIES,)
LIST_SEPARATOR = re.compile(r"\s*[,;•]\s*")


def listed(text: str) -> tuple[str, ...]:
    """The categories a cell lists, one per comma- or semicolon-separated part, when every part names
    exactly one category of one listable vocabulary (no part two: "Kosovo Turk and others"), each
    once; () for any other text."""
    parts = [p for p in LIST_SEPARATOR.split(text.strip()) if p]
    for table in LISTABLE:
        keys = [ks[0] for ks in (named(p, table) for p in parts) if len(ks) == 1]
        if parts and len(keys) == len(parts) and len(set(keys)) == len(keys):
            return tuple(keys)
    return ()


def named(text: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Every key of `table` one of whose stems occurs in `text`."""
    folded = f" {fold(text)} "
    return [k for k, stems in table.items() if any(f" {s}" in folded for s in stems)]


GENDERS: dict[str, tuple[str, ...]] = {
    "female": ("gra ", "grua", "femra", "femer", "zen", "women", "woman", "female"),
    "male": ("burra", "burre", "meshkuj", "mashkull", "muskar", "men ", "man ", "male"),
}

ANSWERS: dict[str, tuple[str, ...]] = {
    "yes": ("po ", "da ", "yes"),
    "no": ("jo ", "ne ", "no "),
    "dont_know": ("nuk e di", "nuk di", "ne znam", "don t know", "dont know", "do not know"),
}

CORE_TASKS: dict[str, tuple[str, ...]] = {
    # Several stems per idea and language, because every edition words its long column headers
    # anew; `which` takes the task with the most evidence ("procena projekata" is about projects).
    "needs_assessment": ("vleresim", "procen", "assess", "nevoj", "potreb", "needs"),
    "outreach_contacts": ("vendosja e kontakt", "kontak", "uspostavlj", "contacts with", "establishing contact",
                          "contact"),
    "stakeholder_coordination": ("koordinim", "koordinac", "coordinat", "co ordinat", "ojq", "nvo", "ngo",
                                 "donator", "donor"),
    "participation_facilitation": ("lehtesim", "olaksav", "facilitat", "particip", "pjesemarrj", "ucesc", "ukljuc",
                                   "marrin pjes", "marre pjes", "take part", "strategj", "strateg", "plan veprim", "akcion", "action plan"),
    "policy_monitoring": ("monitorimi i politika", "pracenje politik", "monitoring of polic", "monitoring polic",
                          "te drejtat", "prava", "rights"),
    "projects": ("zhvillimi monitorimi ose vleresimi i projekt", "zhvillimi monitorimi", "projek", "project", "izrad",
                 "zhvillim", "develop"),
    "advice_to_municipal_bodies": ("keshilla", "keshillim", "savet", "advice", "advis", "kuvend", "ekzekutiv",
                                   "skupstin", "izvrsn", "assembly", "executive"),
    "public_awareness": ("publik", "javnos", "public", "vetedijes", "svest", "awareness", "komunikim", "komunikac",
                         "communicat", "informim", "informis", "ngritja e vetedij", "podizanj"),
}

# Topics of captions: what a chart or table counts.
TOPICS: dict[str, tuple[str, ...]] = {
    "concerns": ("diskut", "incident", "shqetesim", "razgovar", "raspravlj", "zabrinut", "discuss", "concern"),
    "meetings": ("takim", "sastan", "meeting"),
    "work_plan": ("plan pun", "plan te pun", "plan i pun", "planin e pun", "plan rada", "planove rada",
                  "work plan", "workplan"),
    "missing": ("mungoj", "nuk kane perfaqes", "pa perfaqes", "nedostaj", "nemaju predstavn", "bez predstavn",
                "missing", "no representat", "not represented", "lack"),
    "chairs": ("kryesues", "kryetar", "predsedav", "predsedni", "chair"),
    "gender": ("gjinor", "gjini", "grave dhe burrave", "rodn", "polu", "po polu", "gender", "women and men"),
    "by_community": ("sipas komunitet", "po zajednic", "by communit", "perfaqesuesit e komunitet",
                     "predstavnici zajednic", "community representatives"),
    "core_tasks": ("detyr", "zadat", "zadac", "task"),
    "municipalities": ("bashki", "komun", "opstin", "municipal"),
}

FIGURE = re.compile(r"\b(?:figura|figure|fig|grafikon|grafiku|slika|grafik|chart|diagrami?)\s*\.?\s*(?:nr\.?\s*)?(\d+)",
                    re.IGNORECASE)
TABLE = re.compile(r"\b(?:tabela|tabelа|table|tab|табела)\s*\.?\s*(?:nr\.?\s*)?(\d+)", re.IGNORECASE)
STATEMENT = re.compile(r"^\s*([a-zA-Z])[.)](?:\s|$)")
LEVEL = re.compile(r"^\s*(\d)\b")
