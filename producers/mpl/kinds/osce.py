"""What OSCE MCSC and MOCR editions share: the language/script of the edition, how it prints
municipality names and ticks, the page chrome, and the page flow with breaks."""
from __future__ import annotations

import random
from dataclasses import dataclass

from ..lang import cyrillic, muni_name, period_label
from ..model import Period
from ..page import Page, Style

MISSION = {"sq": "Misioni i OSBE-së në Kosovë", "sr": "Misija OEBS-a na Kosovu", "en": "OSCE Mission in Kosovo"}
ORG = {"sq": "Organizata për Siguri dhe Bashkëpunim në Evropë",
       "sr": "Organizacija za evropsku bezbednost i saradnju",
       "en": "Organization for Security and Co-operation in Europe"}
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


class Flow:
    """Sections stacked down the pages; a section that does not fit starts a new page."""

    def __init__(self, style: Style, rng: random.Random, ed: Edition, running: str):
        self.style, self.rng, self.ed, self.running = style, rng, ed, running
        self.pages: list[Page] = []
        self.band = rng.random() < 0.5
        self.new_page()

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> Page:
        p = Page(self.style, len(self.pages) + 1, self.rng)
        self.pages.append(p)
        ed = self.ed
        p.header(ed.tr(MISSION[ed.lang]), self.running, self.band)
        site = "www.osce.org/kosovo" if self.rng.random() < 0.7 else "www.osce.org"
        label = str(p.number) if self.rng.random() < 0.5 else f"- {p.number} -"
        p.footer(f"{ed.tr(MISSION[ed.lang])} · {site}", label)
        return p

    def need(self, h: float) -> Page:
        if self.page.y + h > self.page.H - 48:
            self.new_page()
        return self.page
