"""Pieces every kind uses: headings and prose with the document's defects, ticks, big numbers, legends."""
from __future__ import annotations

import random
import re
from datetime import date, timedelta

from .look import Look
from .markup import css_string, doubled, esc

TICKS = {  # (yes, no) as printed
    "check": ("✓", "✗"), "heavy": ("✔", "✘"), "mixed": ("✓", "✘")
}
WORDS = {"sq": ("Po", "Jo"), "sr": ("Da", "Ne"), "en": ("Yes", "No")}


def bool_marks(rng: random.Random, lang: str, allow_words: bool = True) -> tuple[str, str]:
    if allow_words and rng.random() < 0.25:
        return WORDS[lang]
    return TICKS[rng.choice(["check", "heavy", "mixed"])]


def heading(text: str, look: Look, level: int = 2) -> str:
    cls = ' class="spaced"' if "spaced" in look.defects and level == 2 else ""
    inner = doubled(text) if "doubled" in look.defects and level == 1 else esc(text)
    return f"<h{level}{cls}>{inner}</h{level}>"


_LONG = re.compile(r"\b(\w{11,})\b")


def prose(text: str, look: Look) -> str:
    """A paragraph; with the 'hyphen' defect long words get soft hyphens (printed '-' at a line end)."""
    t = esc(text)
    if "hyphen" in look.defects:
        t = _LONG.sub(lambda m: m.group(1)[:5] + "&shy;" + m.group(1)[5:], t)
    return f"<p>{t}</p>"


def big_number(number: str, label: str, sub: str = "") -> str:
    s = f'<div class="note">{esc(sub)}</div>' if sub else ""
    return f'<div class="card"><div class="big">{esc(number)}</div>{s}<div>{esc(label)}</div></div>'


def html_legend(entries: list[tuple[str, str]], look: Look) -> str:
    """A legend written in HTML under a chart; 'runon' glues entries, 'connector' breaks after the dash."""
    items = []
    for name, colour in entries:
        label = esc(name)
        if "connector" in look.defects and " – " in name:
            a, b = name.split(" – ", 1)
            label = f"{esc(a)} –<br>{esc(b)}"
        items.append(f'<span style="display:inline-block;vertical-align:top;margin-right:'
                     f'{0 if "runon" in look.defects else 14}px"><span style="color:{colour}">■</span>{label}</span>')
    return f'<div class="legend-line">{"".join(items)}</div>'


def print_stamp(rng: random.Random, period_end: date) -> dict[str, str]:
    """Sometimes a print date in the top margin (a date that is never a value)."""
    if rng.random() < 0.6:
        return {}
    day = period_end + timedelta(days=rng.randint(20, 200))
    return {"top-right": css_string(day.strftime(rng.choice(["%d.%m.%Y", "%d/%m/%Y %H:%M", "%Y-%m-%d"])))}
