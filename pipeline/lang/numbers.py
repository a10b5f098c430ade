"""How numbers are printed in these documents: one home for the grammars every reader uses.

Three questions are asked of printed text, and each has one answer here:

- `parse_number`: the value of a chart or table label ("12,5%", "1.521", "(34)"), as these
  publishers print them: a decimal comma or point, thousands grouped by space, dot or narrow space.
  The page model parses every word once (`Word.number`), so readers never parse a word again;
- `parse_count` / `COUNT`: a whole count in running text or a standalone figure ("1,898", "1.898",
  "247"), where a comma groups thousands (English prose) as much as a dot does (Albanian, Serbian);
- `is_value_cell`: whether a table cell holds a value at all (numbers with signs, units, footnote marks
  or a missing-value symbol such as "–" or "n.a."), which the table reader needs for its structure,
  not for the value: loose on purpose, as it decides layout, never a number.
"""
from __future__ import annotations

import re

NUMBER = re.compile(r"^(-?\d{1,3}(?:[ .\u202f]\d{3})+|-?\d+)(?:[.,](\d+))?\s?(%)?[*]?$")
COUNT = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+$|^\d+$")


def parse_number(text: str) -> tuple[float, bool] | None:
    """A printed number as (value, is_percent); decimal commas and thousands separators understood.

    "12,5%" -> (12.5, True); "1.521" is ambiguous and read as 1521 only when the group has three
    digits after the dot (a thousands separator), which is how these publishers print counts.
    """
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    m = NUMBER.match(text)
    if not m:
        return None
    whole, frac, pct = m.group(1), m.group(2), m.group(3)
    if frac is not None and len(frac) == 3 and not pct and "," not in text and "." in text and len(whole) <= 3:
        return float(whole + frac), False  # "1.521" thousands
    digits = re.sub(r"[ .\u202f]", "", whole)
    value = float(f"{digits}.{frac}") if frac is not None else float(digits)
    return value, bool(pct)


YEARS = (1990, 2100)  # the years these documents print (series, periods, headers), both included


def is_year(value: float | str) -> bool:
    """A four-digit year in `YEARS`: as a parsed value (a whole number) or as printed ("2023")."""
    if isinstance(value, str):
        return len(value) == 4 and value.isdigit() and YEARS[0] <= int(value) <= YEARS[1]
    return YEARS[0] <= value <= YEARS[1]


def parse_count(text: str) -> int | None:
    """'1,898' / '1.898' / '247' / '34.' -> int; decimals, signs and anything else -> None."""
    text = text.strip().rstrip(".")
    if not COUNT.match(text):
        return None
    return int(re.sub(r"\D", "", text))


_VALUE_CELL = re.compile(r"^[(\[<>~≈±+\-−–$€£¥]*\d[\d.,'\u00a0]*(?:[%‰)\]]|[a-zA-Z*†‡]{0,2})?\)?$")
_MISSING = {"-", "–", "—", "−", "..", "...", "…", "n.a.", "na", "n/a", "x", "*", "(na)", "(x)", "(d)", "(z)", "nil"}


def is_value_cell(text: str) -> bool:
    """A value cell: numbers with signs, units or a footnote mark ("1 269 (19.9%)"), or a
    missing-value symbol."""
    t = text.strip()
    return t.lower() in _MISSING or bool(t) and all(_VALUE_CELL.match(p) for p in t.split())
