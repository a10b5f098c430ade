"""Municipality names as the sheets print them: official, bilingual, Cyrillic, without diacritics."""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# The contract's list, as the runtime package ships it (the same file as ../shared/contract).
MUNICIPALITIES_CSV = Path(__file__).resolve().parents[2] / "pipeline" / "data" / "municipalities.csv"

# Councils and offices of the three northern municipalities are not counted in the MOCR sheets.
NOT_IN_MOCR = {"xk-leposaviq", "xk-mitrovice-e-veriut", "xk-zubin-potok"}

# Albanian genitive forms for prose ("bashkia e Tiranës"), where the sheets inflect the name.
SQ_GENITIVE = {
    "al-tirane": "Tiranës", "al-elbasan": "Elbasanit", "al-pogradec": "Pogradecit", "al-kukes": "Kukësit",
    "al-shkoder": "Shkodrës", "al-durres": "Durrësit", "al-kamez": "Kamzës", "al-tepelene": "Tepelenës",
    "al-korce": "Korçës", "al-vlore": "Vlorës", "al-fier": "Fierit", "al-berat": "Beratit",
    "al-lezhe": "Lezhës", "al-kavaje": "Kavajës", "al-sarande": "Sarandës",
}


@dataclass(frozen=True)
class Place:
    id: str
    country: str
    sq: str
    sr: str
    cyrl: str
    en: str
    tr: str


@cache
def places() -> dict[str, Place]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {r["municipality_id"]: Place(r["municipality_id"], r["country"], r["name_sq"], r["name_sr_latn"],
                                        r["name_sr_cyrl"], r["name_en"], r["name_tr"]) for r in rows}


def kosovo() -> list[str]:
    return [p.id for p in places().values() if p.country == "XK"]


def albania() -> list[str]:
    return [p.id for p in places().values() if p.country == "AL"]


def ascii_fold(text: str) -> str:
    """Drop diacritics the way sheets typed without them do (ë -> e, ç -> c, đ -> dj)."""
    text = text.replace("đ", "dj").replace("Đ", "Dj")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name(mid: str, language: str, style: str, script: str = "latn") -> str:
    """The printed name of a municipality.

    style: "own" (the edition's language), "bilingual" (the edition's language first, as OSCE
    tables print them), "ascii" (own name without diacritics).
    """
    p = places()[mid]
    if language == "sr" and script == "cyrl":
        return p.cyrl
    own = {"sq": p.sq, "sr": p.sr or p.sq, "en": p.en}[language]
    if style == "ascii":
        return ascii_fold(own)
    if style == "bilingual" and p.country == "XK":
        if mid == "xk-mamushe":
            return "Mamuşa/Mamushë/Mamuša"
        first, second = (p.sr, p.sq) if language == "sr" else (p.sq, p.sr)
        return first if first == second else f"{first}/{second}"
    return own
