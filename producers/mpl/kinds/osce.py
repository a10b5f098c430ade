"""What OSCE MCSC and MOCR editions share: the language/script of the edition, how it prints
municipality names and ticks, the page chrome, and the page flow with breaks."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ..lang import cyrillic, muni_name, period_label
from ..model import Period
from ..page import Page

MISSION = {"sq": "Misioni i OSBE-së në Kosovë", "sr": "Misija OEBS-a na Kosovu", "en": "OSCE Mission in Kosovo"}
ORG = {"sq": "Organizata për Siguri dhe Bashkëpunim në Evropë",
       "sr": "Organizacija za evropsku bezbednost i saradnju",
       "en": "Organization for Security and Co-operation in Europe"}
PRINTED = {"sq": "Shtypur më", "sr": "Odštampano", "en": "Printed"}
FACTSHEET = {"sq": "Fletë informative", "sr": "Informativni list", "en": "Fact sheet"}
TICKS = {"symbols": [("✓", "✗"), ("✔", "✘"), ("✓", "✘")],
         "words": {"sq": ("Po", "Jo"), "sr": ("Da", "Ne"), "en": ("Yes", "No")}}


@dataclass
class Edition:
    lang: str
    cyr: bool
    names: str           # bilingual, plain, ascii
    yes: str
    no: str
    rng: random.Random

    @classmethod
    def draw(cls, rng: random.Random, lang: str, cyr: bool) -> "Edition":
        names = "plain" if cyr else rng.choice(["bilingual", "bilingual", "plain"] + (["ascii"] if lang == "sq" else []))
        if rng.random() < 0.75:
            yes, no = rng.choice(TICKS["symbols"])
        else:
            yes, no = TICKS["words"][lang]
            yes, no = (cyrillic(yes), cyrillic(no)) if cyr else (yes, no)
        return cls(lang, cyr, names, yes, no, rng)

    def tr(self, s: str) -> str:
        """Serbian strings are written in Latin; a Cyrillic edition transliterates them."""
        return cyrillic(s) if self.cyr else s

    def name(self, mid: str) -> str:
        return muni_name(mid, self.lang, self.names, self.cyr)

    def tick(self, b: bool) -> str:
        return self.yes if b else self.no

    def period(self, p: Period) -> str:
        return period_label(p, self.lang, self.rng, self.cyr)


def chrome(ed: Edition, running: str, rng: random.Random, printed_on: dt.date):
    """The OSCE page furniture: mission name and running title on top, site and page number below."""
    band = rng.random() < 0.5
    site = "www.osce.org/kosovo" if rng.random() < 0.7 else "www.osce.org"
    dashes = rng.random() < 0.5
    printed = printed_on.strftime("%d.%m.%Y") if rng.random() < 0.4 else None

    def decorate(p: Page) -> None:
        p.header(ed.tr(MISSION[ed.lang]), running, band)
        left = f"{ed.tr(MISSION[ed.lang])} · {site}"
        if printed:
            left += f" · {ed.tr(PRINTED[ed.lang])} {printed}"
        p.footer(left, f"- {p.number} -" if dashes else str(p.number))
    return decorate
