"""Language helpers: month names, period phrases, Serbian Cyrillic, number formats as printed."""
from __future__ import annotations

from datetime import date

MONTHS = {
    "sq": ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor",
           "nëntor", "dhjetor"],
    "sr": ["januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "septembar", "oktobar",
           "novembar", "decembar"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}

# Albanian genitive month forms for "Ndërmjet janarit dhe dhjetorit 2024".
SQ_MONTH_GENITIVE = ["janarit", "shkurtit", "marsit", "prillit", "majit", "qershorit", "korrikut", "gushtit",
                     "shtatorit", "tetorit", "nëntorit", "dhjetorit"]

_LAT2CYR = {
    "lj": "љ", "nj": "њ", "dž": "џ", "Lj": "Љ", "Nj": "Њ", "Dž": "Џ", "LJ": "Љ", "NJ": "Њ", "DŽ": "Џ",
}
_LAT2CYR_1 = dict(zip("abvgdđežzijklmnoprstćufhcčšABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠ",
                      "абвгдђежзијклмнопрстћуфхцчшАБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ"))


def cyrillic(text: str) -> str:
    """Serbian Latin to Serbian Cyrillic, letter by letter (digraphs first); markup is left alone."""
    out, i, in_tag = [], 0, False
    while i < len(text):
        c = text[i]
        if c == "<":
            in_tag = True
        if in_tag or c == "&":
            # leave tags and entities (&shy; &nbsp;) untouched
            j = text.find(">" if in_tag else ";", i)
            j = len(text) - 1 if j < 0 else j
            out.append(text[i:j + 1])
            i, in_tag = j + 1, False
            continue
        pair = text[i:i + 2]
        if pair in _LAT2CYR:
            out.append(_LAT2CYR[pair])
            i += 2
            continue
        out.append(_LAT2CYR_1.get(c, c))
        i += 1
    return "".join(out)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def month_range(language: str, start: date, end: date, dash: str = "–", capital: bool = True) -> str:
    """'Janar – dhjetor 2023', 'Januar – decembar 2023', 'January – December 2023' (years once when equal)."""
    m = MONTHS[language]
    a, b = m[start.month - 1], m[end.month - 1]
    if capital:
        a = cap(a)
    if start.year == end.year:
        return f"{a} {dash} {b} {end.year}"
    return f"{a} {start.year} {dash} {b} {end.year}"


def fmt_num(value: float, decimals: int, comma: bool) -> str:
    s = f"{value:.{decimals}f}"
    return s.replace(".", ",") if comma else s


def fmt_pct(value: float, decimals: int = 1, comma: bool = False) -> str:
    return fmt_num(value, decimals, comma) + "%"

