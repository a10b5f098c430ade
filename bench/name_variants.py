"""A held-out set of name variants, built by rules of its own from the official names, with the right answers.

Each kind imitates one way a real text layer prints a municipality: keyboard spellings ("Zveqan"),
letter-spaced headings ("P r i z r e n"), administrative prefixes and suffixes ("SO Gračanica",
"Skupštine opštine Štrpce"), inflected forms in prose ("në Pejë", "u Prizrenu"), OCR confusions (in->m,
rn->m, h->b, l->1/I, O->0, cl->d), doubled glyphs ("PPrriizzrreenn"), words run together with a neighbour,
names split over lines. Negative kinds must give no match: police directorates and regions, counties,
foreign towns, two names in one string, and ambiguous strings half-way between two municipalities' names.

The inflection and transliteration rules here are written apart from `pipeline.places`, so that the matcher
is not graded by its own rules. Used by `bench/places.py` (figures) and `tests/test_places.py` (0 wrong).
"""
from __future__ import annotations

import csv
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

DATA = Path(__file__).resolve().parents[1] / "pipeline" / "data"


def shared() -> Path | None:
    """The shared folder beside the repository, or beside a worktree's parent (/work/wt/NAME ->
    /work/shared); None when absent, as on users' machines."""
    return next((p / "shared" for p in Path(__file__).resolve().parents if (p / "shared" / "contract").is_dir()), None)


def dev_set() -> Path | None:
    """The contract's names_dev.csv, None when absent."""
    folder = shared()
    return folder / "contract" / "names_dev.csv" if folder and (folder / "contract" / "names_dev.csv").is_file() else None


@dataclass(frozen=True)
class Variant:
    text: str
    expected: str | None  # municipality id, None = must not match
    kind: str


@dataclass(frozen=True)
class Name:
    text: str
    script: str  # sq (Albanian), en (English), sr (Serbian Latin), cyr (Serbian Cyrillic), tr (Turkish)
    owner: str
    country: str


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def official_names() -> list[Name]:
    """Every official name of municipalities.csv (aliases left out: the set is about printing, not naming)."""
    columns = (("name_sq", "sq"), ("name_en", "en"), ("name_sr_latn", "sr"), ("name_sr_cyrl", "cyr"), ("name_tr", "tr"))
    return [Name(r[c], script, r["municipality_id"], r["country"])
            for r in _rows("municipalities.csv") for c, script in columns if r[c]]


def plain(text: str) -> str:
    """Lower case without diacritics, separators or keyboard spellings (q, ch, sh, zh, dj): to keep generated
    variants from spelling another name."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    text = "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))
    for typed, letter in (("q", "c"), ("ch", "c"), ("sh", "s"), ("zh", "z"), ("dj", "d")):
        text = text.replace(typed, letter)
    return text


# --- inflection, our own rules -----------------------------------------------------------------------

def sq_genitive(word: str) -> str:
    """Albanian definite genitive of a name word: Pejë -> Pejës, Shkodër -> Shkodrës, Prizren -> Prizrenit,
    Istog -> Istogut, Ferizaj -> Ferizajt, Viti -> Vitisë, Shtime -> Shtimes."""
    low = word[-2:].lower()
    if word.endswith("ë"):
        return word + "s"
    if low == "ër":
        return word[:-2] + "rës"
    if word.endswith("e"):
        return word + "s"
    if word.endswith(("i", "a")):
        return word.rstrip("a") + ("së" if word.endswith("i") else "ës")
    if word.endswith("u"):
        return word + "t"
    if low.endswith("j"):
        return word + "t"
    if word[-1] in "kgh" and low not in ("sh", "zh", "xh", "th", "dh"):
        return word + "ut"
    return word + "it"


def sq_definite(word: str) -> str:
    """Albanian definite nominative: Pejë -> Peja, Shkodër -> Shkodra, Prizren -> Prizreni, Istog -> Istogu."""
    if word.endswith("ë"):
        return word[:-1] + "a"
    if word[-2:] == "ër":
        return word[:-2] + "ra"
    if word.endswith("e"):
        return word[:-1] + "ja"
    if word.endswith(("i", "a", "u")):
        return word
    if word[-1] in "kgh" and word[-2:] not in ("sh", "zh", "xh", "th", "dh"):
        return word + "u"
    return word + "i"


def sq_inflect(name: str, form: Callable[[str], str], article: str) -> str:
    """A name with an article ("Mitrovicë e Veriut", "Hani i Elezit") inflects its first word and the
    article; other names their last word ("Fushë Kosovës", "Fushë-Arrëzit")."""
    words = name.split(" ")
    if len(words) == 3 and words[1] in ("e", "i"):
        linked = {"e": "së", "i": "të"}[words[1]] if article == "genitive" else words[1]
        return " ".join([form(words[0]), linked, words[2]])
    return " ".join(words[:-1] + [form(words[-1])])


def sr_locative(name: str) -> str:
    """Serbian locative: u Prizrenu, u Peći, u Glogovcu, u Suvoj Reci, u Novom Brdu, u Zubinom Potoku."""
    words = name.split(" ")
    out = []
    for i, w in enumerate(words):
        adjective = len(words) > 1 and i < len(words) - 1
        if adjective:
            out.append(w[:-1] + "oj" if w.endswith("a") else w[:-1] + "om" if w.endswith("o")
                       else w + "om" if w.endswith("n") else w)
        elif w.endswith("ka"):
            out.append(w[:-2] + "ci")
        elif w.endswith("a"):
            out.append(w[:-1] + "i")
        elif w.endswith(("o", "e")):
            out.append(w[:-1] + "u")
        elif w.endswith("ac"):
            out.append(w[:-2] + "cu")
        elif w.endswith("ć"):
            out.append(w + "i")
        else:
            out.append(w + "u")
    return " ".join(out)


def sr_genitive(name: str) -> str:
    """Serbian genitive of the last word: Peć -> Peća, Mitrovica -> Mitrovice, Podujevo -> Podujeva."""
    *first, last = name.split(" ")
    last = (last[:-1] + "e" if last.endswith("a") else last[:-1] + "a" if last.endswith(("o", "e"))
            else last[:-2] + "ca" if last.endswith("ac") else last + "a")
    return " ".join([*first, last])


_LATIN_TO_CYRILLIC = {"lj": "љ", "nj": "њ", "dž": "џ", **dict(zip("abvgdđežzijklmnoprstćufhcčš", "абвгдђежзијклмнопрстћуфхцчш"))}


def cyrillic(text: str) -> str:
    """Serbian Latin to Cyrillic, digraphs first (the scripts map one to one)."""
    out, i = [], 0
    while i < len(text):
        two = text[i:i + 2].lower()
        if two in _LATIN_TO_CYRILLIC:
            c, i = _LATIN_TO_CYRILLIC[two], i + 2
            out.append(c.upper() if text[i - 2].isupper() else c)
            continue
        c = _LATIN_TO_CYRILLIC.get(text[i].lower(), text[i])
        out.append(c.upper() if text[i].isupper() else c)
        i += 1
    return "".join(out)


def inflections(name: Name) -> set[str]:
    """The name and the case forms of our rules (Albanian accusative: the definite form + n)."""
    if name.script == "sq":
        definite = sq_inflect(name.text, sq_definite, "definite")
        return {name.text, sq_inflect(name.text, sq_genitive, "genitive"), definite, definite + "n"}
    if name.script == "sr":
        return {name.text, sr_locative(name.text), sr_genitive(name.text)}
    return {name.text}


# --- the positive kinds ------------------------------------------------------------------------------

KEYBOARD = {"ç": ("q", "c"), "Ç": ("Q", "C"), "č": ("c", "q"), "ć": ("c", "q"), "š": ("s", "sh"),
            "Š": ("S", "Sh"), "ž": ("z", "zh"), "Ž": ("Z",), "đ": ("dj", "d"), "Đ": ("Dj", "D", "Gj"),
            "ë": ("e",), "Ë": ("E",), "xh": ("x",)}


def keyboard(name: Name, rng: random.Random) -> str | None:
    """Letters a keyboard without them replaces: ç -> q or c, č/ć -> c, š -> s, ž -> z, đ -> dj, ë -> e;
    in the name alone, or with a designator or in prose."""
    if name.script not in ("sq", "sr", "en"):
        return None
    text = rng.choice((name.text, name.text, designated(name, rng), in_prose(name, rng) or name.text))
    out = text.replace("xh", rng.choice(KEYBOARD["xh"]))
    out = "".join(rng.choice(KEYBOARD[c]) if c in KEYBOARD else c for c in out)
    return out if out != text else None


def letter_spaced(name: Name, rng: random.Random) -> str:
    """A heading set with tracking: "P r i z r e n", "G J A K O V Ë", words three spaces apart."""
    text = name.text.upper() if rng.random() < 0.5 else name.text
    gap = rng.choice(("   ", "  "))
    return gap.join(" ".join(word) for word in text.split(" "))


def designated(name: Name, rng: random.Random) -> str | None:
    """Administrative prefixes and suffixes of every language."""
    if name.script == "sq" and name.country == "XK":
        options = [f"Komuna e {sq_inflect(name.text, sq_genitive, 'genitive')}", f"Komuna {name.text}",
                   f"Kuvendi Komunal i {sq_inflect(name.text, sq_genitive, 'genitive')}",
                   f"Municipality of {name.text}", f"{name.text} Municipality"]
    elif name.script == "sq":
        options = [f"Bashkia {name.text}", f"Bashkia e {sq_inflect(name.text, sq_genitive, 'genitive')}",
                   f"Bashkisë së {sq_inflect(name.text, sq_genitive, 'genitive')}", f"Municipality of {name.text}",
                   f"{name.text} Municipality"]
    elif name.script == "en":
        options = [f"Municipality of {name.text}", f"{name.text} Municipality", f"the Municipality of {name.text}",
                   f"{name.text} municipality"]
    elif name.script == "sr":
        options = [f"SO {name.text}", f"Skupština opštine {name.text}", f"Skupštine opštine {name.text}",
                   f"Opština {name.text}", f"opštini {name.text}"]
    elif name.script == "cyr":
        options = [f"Општина {name.text}", f"СО {name.text}", f"Скупштина општине {name.text}"]
    else:
        options = [f"{name.text} Belediyesi"]
    return rng.choice(options)


def in_prose(name: Name, rng: random.Random) -> str | None:
    """Inflected forms as running text prints them: Albanian definite and genitive, Serbian locative."""
    if name.script == "en":
        return rng.choice((f"in {name.text}", f"from {name.text}"))
    if name.script == "sq":
        return rng.choice((f"në {name.text}", sq_inflect(name.text, sq_genitive, "genitive"),
                           sq_inflect(name.text, sq_definite, "definite")))
    if name.script == "sr":
        return rng.choice((f"u {sr_locative(name.text)}", f"у {cyrillic(sr_locative(name.text))}"))
    return None


# (as printed, as OCR read it): in->m, rn->m, h->b, l->1/I, O->0, cl->d, and the reverse of some
OCR = (("in", "m"), ("m", "rn"), ("m", "in"), ("rn", "m"), ("h", "b"), ("l", "1"), ("l", "I"), ("i", "l"),
       ("O", "0"), ("o", "0"), ("d", "cl"), ("e", "c"))


def ocr(name: Name, rng: random.Random) -> str | None:
    """One OCR confusion at one place in a Latin name."""
    if name.script == "cyr":
        return None
    text = name.text if rng.random() < 0.8 else name.text.upper()
    options = [(i, a, b) for a, b in OCR for i in range(len(text)) if text.startswith(a, i)]
    if not options:
        return None
    i, a, b = rng.choice(options)
    return text[:i] + b + text[i + len(a):]


def doubled(name: Name, rng: random.Random) -> str:
    """Fake bold: every glyph printed twice, spaces too or not."""
    if rng.random() < 0.5:
        return "".join(c * 2 for c in name.text)
    return " ".join("".join(c * 2 for c in w) for w in name.text.split(" "))


def run_together(name: Name, rng: random.Random) -> str | None:
    """A designator glued to the name, as a text layer without word spaces prints it."""
    if name.script == "en":
        return rng.choice((f"{name.text}Municipality", f"MunicipalityOf{name.text}"))
    if name.script == "sq" and name.country == "XK":
        return rng.choice((f"Komuna e{sq_inflect(name.text, sq_genitive, 'genitive')}",
                           f"KomunaE{sq_inflect(name.text, sq_genitive, 'genitive')}",
                           f"{name.text}Municipality", f"Komuna{name.text}"))
    if name.script == "sq":
        return rng.choice((f"Bashkia{name.text}", f"BASHKIA{name.text.upper()}", f"Bashkia e{sq_inflect(name.text, sq_genitive, 'genitive')}"))
    if name.script == "sr":
        return rng.choice((f"Opština{name.text}", f"SO{name.text}", f"u{sr_locative(name.text)}"))
    return None


def split_lines(name: Name, rng: random.Random) -> str | None:
    """A line break inside a word (with or without a hyphen) or between words."""
    text = name.text
    if " " in text and rng.random() < 0.4:
        at = rng.choice([i for i, c in enumerate(text) if c == " "])
        return text[:at] + "\n" + text[at + 1:]
    word_starts = [i for i in range(2, len(text) - 2) if text[i - 2:i + 2].isalpha()]
    if not word_starts:
        return None
    at = rng.choice(word_starts)
    return text[:at] + rng.choice(("-\n", "\n", "\u00ad\n")) + text[at:]


POSITIVE_KINDS: dict[str, Callable[[Name, random.Random], str | None]] = {
    "keyboard": keyboard, "letter_spaced": letter_spaced, "designated": designated, "in_prose": in_prose,
    "ocr": ocr, "doubled": doubled, "run_together": run_together, "split_lines": split_lines,
}


# --- the negative kinds ------------------------------------------------------------------------------

POLICE_REGIONS = ("Prishtinë", "Prizren", "Pejë", "Gjakovë", "Mitrovicë", "Gjilan", "Ferizaj")
POLICE_REGIONS_SR = ("Priština", "Prizren", "Peć", "Đakovica", "Mitrovica", "Gnjilane", "Uroševac")
COUNTY_SEATS = ("Berat", "Dibër", "Durrës", "Elbasan", "Fier", "Gjirokastër", "Korçë", "Kukës", "Lezhë",
                "Shkodër", "Tiranë", "Vlorë")
# Towns outside Kosovo and Albania, most of them not in the gazetteer's negatives.
FOREIGN = ("Vranje", "Leskovac", "Niš", "Kraljevo", "Kruševac", "Kragujevac", "Novi Sad", "Beograd", "Bitola",
           "Prilep", "Veles", "Štip", "Kičevo", "Ohrid", "Berane", "Bijelo Polje", "Nikšić", "Budva", "Kotor",
           "Ioannina", "Preševo", "Bujanovac", "Medveđa", "Tetovo", "Gostivar", "Struga", "Ulcinj", "Podgorica",
           "Gusinje", "Rožaje", "Novi Pazar", "Tutin", "Kumanovo", "Skopje")
# Words of fact sheets that are no place.
WORDS = ("Komuna", "Bashkia", "Opština", "Municipality", "Gjithsej", "Ukupno", "Total", "Takime", "Sastanci",
         "Meetings", "Anëtarë", "Članovi", "Members", "Komunat", "Opštine", "Përmes", "Përmbledhje", "Kosovo")


def directorate(rng: random.Random) -> str:
    """Kosovo Police regions and directorates, Albanian counties, regions and districts."""
    sq, sr = rng.choice(POLICE_REGIONS), rng.choice(POLICE_REGIONS_SR)
    seat = rng.choice(COUNTY_SEATS)
    return rng.choice((
        f"Regjioni {sq}", f"Regjioni i {sq_inflect(sq, sq_genitive, 'genitive')}", f"Drejtoria Rajonale e Policisë {sq}",
        f"DRP {sq}", f"Drejtoria Rajonale {sq}", f"Regionalna direkcija {sr}", f"Regionalna policijska direkcija {sr}",
        f"Policijska stanica {sr}", f"Police Region {sq}", f"Regional Police Directorate {sq}",
        f"{sq} Region", f"Qarku i {sq_inflect(seat, sq_genitive, 'genitive')}", f"Qarku {seat}",
        f"{sq_definite(seat)} County", f"Prefektura e {sq_inflect(seat, sq_genitive, 'genitive')}",
        f"{sq} District", f"Stacioni Policor {sq}", f"R e g j i o n i   {' '.join(sq)}",
    ))


def foreign(rng: random.Random) -> str:
    town = rng.choice(FOREIGN)
    noise = rng.randrange(4)
    if noise == 1:
        return "".join(rng.choice(KEYBOARD[c]) if c in KEYBOARD else c for c in town)
    if noise == 2:
        return " ".join(town.upper())
    if noise == 3:
        return "".join(c * 2 for c in town)
    return town


def two_names(names: list[Name], rng: random.Random) -> str:
    """Two municipalities in one string (run together, side by side or joined by "and"): no single answer."""
    a, b = rng.sample([n for n in names if n.script == "sq"], 2)
    while a.owner == b.owner:
        a, b = rng.sample([n for n in names if n.script == "sq"], 2)
    return rng.choice((f"{a.text}{b.text}", f"{a.text} {b.text}", f"{a.text} dhe {b.text}", f"{a.text}, {b.text}"))


def word(rng: random.Random) -> str:
    w = rng.choice(WORDS)
    return rng.choice((w, w.upper(), " ".join(w), "".join(c * 2 for c in w)))


def midpoints(names: list[Name]) -> list[str]:
    """Strings half-way between two municipalities' names (an even number of edits apart, 2 or 4): as
    close to one as to the other, and no closer to any third name, so the matcher cannot tell which."""
    latin = sorted({(plain(n.text), n.owner) for n in names if n.script != "cyr"})
    keys = [p for p, _ in latin]
    inflected = {plain(f) for n in names for f in inflections(n)}
    found = set()
    for i, (a, owner_a) in enumerate(latin):
        for b, owner_b in latin[i + 1:]:
            d = Levenshtein.distance(a, b, score_cutoff=4)
            if owner_a == owner_b or d not in (2, 4):
                continue
            middle = Levenshtein.editops(a, b)[:d // 2].apply(a, b)
            near = process.extract(middle, keys, scorer=OSA.distance, limit=3)
            if OSA.distance(middle, a) == OSA.distance(middle, b) == near[0][1] and middle not in inflected:
                found.add(middle.capitalize())
    return sorted(found)


NEGATIVE_KINDS = ("directorate", "foreign", "two_names", "word", "midpoint")


def variants(per_kind: int = 400, seed: int = 11) -> list[Variant]:
    """per_kind distinct variants of each kind, seeded; a variant that spells another municipality's name
    (a generated collision) is dropped."""
    rng = random.Random(seed)
    names = official_names()
    spelled = {}
    for n in names:
        spelled.setdefault(plain(n.text), set()).add(n.owner)
    found: dict[str, Variant] = {}

    def add(text: str | None, expected: str | None, kind: str) -> None:
        if text and text not in found and (expected is None or spelled.get(plain(text), {expected}) == {expected}):
            found[text] = Variant(text, expected, kind)

    for kind, rule in POSITIVE_KINDS.items():
        count, tries = len(found), 0
        while len(found) - count < per_kind and tries < per_kind * 20:
            tries += 1
            name = rng.choice(names)
            add(rule(name, rng), name.owner, kind)
    makers = {"directorate": directorate, "foreign": foreign, "two_names": lambda r: two_names(names, r), "word": word}
    for kind, make in makers.items():
        count, tries = len(found), 0
        while len(found) - count < per_kind and tries < per_kind * 20:
            tries += 1
            add(make(rng), None, kind)
    middles = midpoints(names)
    for text in rng.sample(middles, min(per_kind, len(middles))):
        add(text, None, "midpoint")
    return list(found.values())
