"""Municipality names as the sheets print them, and Serbian Cyrillic transliteration.

The generator carries its own copy of the contract's `municipalities.csv` so that it runs (and its
tests pass) without `../shared`.
"""
from __future__ import annotations

import csv
import random
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

# Former or alternative names real sheets print (see MUNICIPALITIES.md): Drenas was Gllogoc up to 2019.
FORMER_SQ = {"xk-drenas": "Gllogoc"}


@dataclass(frozen=True)
class Municipality:
    id: str
    country: str
    sq: str
    sr_latn: str
    sr_cyrl: str
    en: str


@cache
def municipalities() -> tuple[Municipality, ...]:
    with open(DATA / "municipalities.csv", encoding="utf-8") as fh:
        return tuple(
            Municipality(r["municipality_id"], r["country"], r["name_sq"], r["name_sr_latn"],
                         r["name_sr_cyrl"], r["name_en"])
            for r in csv.DictReader(fh)
        )


def kosovo() -> list[Municipality]:
    return [m for m in municipalities() if m.country == "XK"]


def albania() -> list[Municipality]:
    return [m for m in municipalities() if m.country == "AL"]


# Serb-majority municipalities: OSCE prints them Serbian-first in every edition.
SERB_FIRST = {"xk-gracanice", "xk-kllokot", "xk-leposaviq", "xk-mitrovice-e-veriut", "xk-novoberde",
              "xk-partesh", "xk-ranillug", "xk-shterpce", "xk-zubin-potok", "xk-zvecan"}


def fold(text: str) -> str:
    """ASCII-fold: how sheets typed without diacritics print names."""
    text = text.replace("Đ", "Dj").replace("đ", "dj")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class NameStyle:
    """How one edition writes municipality names: `form` is sq, sr, cyrl, en, bilingual or plain."""
    form: str
    ascii_only: bool = False
    former: bool = False

    def name(self, m: Municipality) -> str:
        sq = FORMER_SQ.get(m.id, m.sq) if self.former else m.sq
        if m.country == "AL":
            text = m.en if self.form == "en" else m.sq
        elif self.form == "sq":
            text = sq
        elif self.form == "sr":
            text = m.sr_latn
        elif self.form == "cyrl":
            text = m.sr_cyrl
        elif self.form == "en":
            text = m.en
        elif self.form == "bilingual_sr":   # Serbian editions: Serbian first
            text = m.sr_latn if m.sr_latn == sq else f"{m.sr_latn}/{sq}"
        else:                               # bilingual: Albanian first except Serb-majority places
            if m.sr_latn == sq:
                text = sq
            elif m.id in SERB_FIRST:
                text = f"{m.sr_latn}/{sq}"
            else:
                text = f"{sq}/{m.sr_latn}"
        return fold(text) if self.ascii_only else text


def pick_style(rng: random.Random, language: str, cyrillic: bool) -> NameStyle:
    if cyrillic:
        return NameStyle("cyrl")
    options = {"sq": ["sq", "bilingual", "bilingual"], "sr": ["sr", "bilingual_sr"],
               "en": ["en", "bilingual", "sq"]}[language]
    return NameStyle(rng.choice(options), ascii_only=rng.random() < 0.15, former=rng.random() < 0.3)


_CYRILLIC_ORDER = "абвгдђежзијклљмнњопрстћуфхцчџш"


def sort_key(text: str) -> tuple:
    """Alphabetical order as a word processor's sort gives it: Serbian Cyrillic in its own
    alphabet (А Б В Г Д Ђ ...), Latin by the letters without diacritics."""
    low = text.casefold()
    if any(c in _CYRILLIC_ORDER for c in low):
        return tuple(_CYRILLIC_ORDER.index(c) if c in _CYRILLIC_ORDER else 100 + ord(c) for c in low)
    return tuple(ord(c) for c in fold(low))


_CYRL = {
    "lj": "љ", "nj": "њ", "dž": "џ", "Lj": "Љ", "Nj": "Њ", "Dž": "Џ", "LJ": "Љ", "NJ": "Њ", "DŽ": "Џ",
}
_CYRL1 = dict(zip(
    "abcčćdđefghijklmnoprsštuvzžABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ",
    "абцчћдђефгхијклмнопрсштувзжАБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖ",
))


def to_cyrillic(text: str) -> str:
    """Serbian Latin to Cyrillic (digraphs lj, nj, dž first); acronyms like OEBS transliterate too."""
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _CYRL:
            out.append(_CYRL[pair])
            i += 2
            continue
        out.append(_CYRL1.get(text[i], text[i]))
        i += 1
    return "".join(out)
