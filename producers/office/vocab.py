"""Words every kind of sheet shares: months, periods, yes/no marks, number formats.

Serbian text is written in Latin; Cyrillic editions pass it through `names.to_cyrillic`.
"""
from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from .names import to_cyrillic

# Words the OSCE sheets share.
COMMON = {
    "mission": {"sq": "Misioni i OSBE-së në Kosovë", "sr": "Misija OEBS-a na Kosovu", "en": "OSCE Mission in Kosovo"},
    "municipality": {"sq": "Komuna", "sr": "Opština", "en": "Municipality"},
    "page": {"sq": "Faqe", "sr": "Strana", "en": "Page"},
}


def load_wording(kind: str) -> dict:
    """A kind's printed wording, kept as data (producers/office/data/<kind>.yaml)."""
    with open(Path(__file__).parent / "data" / f"{kind}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def translate(table: dict, key: str, lang: "Lang", **kw) -> str:
    """`table[key]` in the edition's language (and script), formatted with `kw`."""
    return lang.t((table.get(key) or COMMON[key])[lang.code].format(**kw))


MONTHS = {
    "sq": ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor",
           "nëntor", "dhjetor"],
    "sr": ["januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "septembar", "oktobar",
           "novembar", "decembar"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


@dataclass(frozen=True)
class Lang:
    """An edition's language: `code` as docs.csv records it, `cyrillic` for Serbian Cyrillic."""
    code: str
    cyrillic: bool = False

    def t(self, text: str) -> str:
        return to_cyrillic(text) if self.cyrillic else text

    def month(self, m: int, capital: bool = False) -> str:
        name = MONTHS[self.code][m - 1]
        return self.t(name[:1].upper() + name[1:] if capital else name)


def month_end(year: int, month: int) -> str:
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def period_label(lang: Lang, year: int, m0: int, m1: int, rng: random.Random, *,
                 stray_break: bool = False) -> str:
    """'Janar – dhjetor 2024', 'Janar - Dhjetor  2024', or a bare '2024' for a full year."""
    if m0 == 1 and m1 == 12 and rng.random() < 0.3:
        return str(year)
    dash = rng.choice([" – ", " - ", "–"])
    sep = "\n" if stray_break else ""
    second = lang.month(m1, capital=rng.random() < 0.3)
    spaces = "  " if rng.random() < 0.2 else " "
    return f"{lang.month(m0, capital=True)}{dash.rstrip() if sep else dash}{sep}{second}{spaces}{year}"


TICKS = {
    "sq": [("✓", "✘"), ("✔", "✗"), ("Po", "Jo")],
    "sr": [("✓", "✘"), ("✔", "✗"), ("Da", "Ne")],
    "en": [("✓", "✘"), ("✔", "✗"), ("Yes", "No")],
}


def ticks(lang: Lang, rng: random.Random) -> tuple[str, str]:
    yes, no = rng.choice(TICKS[lang.code])
    return lang.t(yes), lang.t(no)


@dataclass(frozen=True)
class Numbers:
    """How a document prints percentages: decimal comma or point, space before %, decimals."""
    comma: bool = False
    space: bool = False
    decimals: int = 1

    def pct(self, v: float) -> str:
        text = f"{v:.{self.decimals}f}"
        if self.comma:
            text = text.replace(".", ",")
        return f"{text}{' ' if self.space else ''}%"

    def chart_format(self) -> str:
        return '0.0"%"' if self.decimals else '0"%"'


def draw_numbers(rng: random.Random, decimals: int | None = None) -> Numbers:
    return Numbers(comma=rng.random() < 0.3, space=rng.random() < 0.2,
                   decimals=rng.choice([0, 1, 1]) if decimals is None else decimals)
