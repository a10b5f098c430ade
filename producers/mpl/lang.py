"""Language helpers: month names, period labels, municipality names as sheets print them,
Serbian Latin to Cyrillic, slugs for survey answers."""
from __future__ import annotations

import csv
import random
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from .model import Period

MONTHS = {
    "sq": ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator",
           "tetor", "nëntor", "dhjetor"],
    "sr": ["januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "septembar",
           "oktobar", "novembar", "decembar"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}

# Printed Serbian-first by OSCE in every edition (MUNICIPALITIES.md).
SERB_MAJORITY = {"xk-gracanice", "xk-kllokot", "xk-leposaviq", "xk-mitrovice-e-veriut",
                 "xk-novoberde", "xk-partesh", "xk-ranillug", "xk-shterpce", "xk-zubin-potok",
                 "xk-zvecan"}

_LAT2CYR = [("lj", "љ"), ("nj", "њ"), ("dž", "џ"), ("Lj", "Љ"), ("Nj", "Њ"), ("Dž", "Џ"),
            ("LJ", "Љ"), ("NJ", "Њ"), ("DŽ", "Џ")]
_LAT2CYR_1 = dict(zip("abcčćdđefghijklmnoprsštuvzžABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ",
                      "абцчћдђефгхијклмнопрсштувзжАБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖ"))


def cyrillic(text: str) -> str:
    """Serbian Latin to Cyrillic, letter by letter (digraphs first). Digits, marks and
    str.format placeholders ('{p}') pass unchanged."""
    parts = re.split(r"(\{[a-z_]*\})", text)
    out = []
    for part in parts:
        if not part.startswith("{"):
            for a, b in _LAT2CYR:
                part = part.replace(a, b)
            part = "".join(_LAT2CYR_1.get(c, c) for c in part)
        out.append(part)
    return "".join(out)


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug(option: str) -> str:
    """Survey option slug as the contract defines it: lowercase ASCII, spaces to '_'."""
    s = ascii_fold(option).lower().strip()
    return "_".join(s.split())


@lru_cache(maxsize=1)
def municipalities() -> dict[str, dict[str, str]]:
    with open(Path(__file__).with_name("municipalities.csv"), encoding="utf-8") as f:
        return {r["municipality_id"]: r for r in csv.DictReader(f)}


def kosovo_ids() -> list[str]:
    return [k for k, r in municipalities().items() if r["country"] == "XK"]


def albania_ids() -> list[str]:
    return [k for k, r in municipalities().items() if r["country"] == "AL"]


def muni_name(mid: str, lang: str, style: str, cyr: bool = False) -> str:
    """The municipality label as an OSCE/IDM sheet in `lang` prints it.

    style: 'bilingual' (Pejë/Peć, Serbian first for Serb-majority places and in sr editions),
    'plain' (the edition's own language), 'ascii' (plain without diacritics).
    """
    r = municipalities()[mid]
    sq, sr, en = r["name_sq"], r["name_sr_latn"] or r["name_sq"], r["name_en"]
    if cyr:
        return r["name_sr_cyrl"] or sq
    if mid == "xk-mamushe" and style == "bilingual":
        return "Mamuşa/Mamushë/Mamuša"
    if style == "bilingual" and r["country"] == "XK":
        if sq == sr:
            return sq
        serb_first = lang == "sr" or mid in SERB_MAJORITY
        return f"{sr}/{sq}" if serb_first else f"{sq}/{sr}"
    name = {"sq": sq, "sr": sr, "en": en}[lang]
    return ascii_fold(name) if style == "ascii" else name


def period_label(p: Period, lang: str, rng: random.Random, cyr: bool = False) -> str:
    """'Janar – Dhjetor 2024', 'januar - septembar 2017', or a bare year for a whole year."""
    months = MONTHS[lang]
    if p.start.month == 1 and p.end.month == 12 and p.start.year == p.end.year and rng.random() < 0.3:
        return str(p.end.year)
    a, b = months[p.start.month - 1].capitalize(), months[p.end.month - 1]
    if lang == "en" or rng.random() < 0.5:
        b = b.capitalize()
    dash = rng.choice([" – ", " - ", "–"])
    if p.start.year == p.end.year:
        text = f"{a}{dash}{b} {p.end.year}"
    else:
        text = f"{a} {p.start.year}{dash}{b} {p.end.year}"
    return cyrillic(text) if cyr else text


def percent_text(value: float, decimal_comma: bool, space: bool = False) -> str:
    t = f"{value:.1f}"
    if decimal_comma:
        t = t.replace(".", ",")
    return t + (" %" if space else "%")


@lru_cache(maxsize=None)
def strings(kind: str) -> dict:
    """The printed words of one kind, per language (strings.yaml)."""
    with open(Path(__file__).with_name("strings.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)[kind]
