"""One transliteration and one fold for every module that compares words across scripts and spellings.

Fact sheets print Albanian, Serbian in Latin and Cyrillic letters, and English; readers compare what is
printed with lexicons written once in plain Latin. Like pdfplumber's `utils/text.py`, the primitives
live here once:

- `transliterate`: Serbian (and other) Cyrillic to Latin letters with their diacritics ("ђ" -> "đ",
  "ч" -> "č"), so nothing is lost before folding;
- `latin`: the same for one printed word, with Cyrillic or Greek look-alikes inside a Latin word read as
  the Latin letters they imitate ("Pеjë" with a Cyrillic "е");
- `strip_marks`: diacritics dropped ("ë" -> "e", "č" -> "c") and letters Unicode does not decompose
  spelt in ASCII ("ł" -> "l", "ß" -> "ss"); "đ" is left to the caller;
- `fold`: lower case, transliterated, "đ" spelt "dj" (the Serbian ASCII spelling: "Đakovica" ->
  "djakovica"), no diacritics. Place names go one step further (`places.fold`: "đ" and "dj" both "d",
  so "Đakovica", "Djakovica" and "Dakovica" meet); lexicons of months, communities and topics keep "dj".
"""
from __future__ import annotations

import re
import unicodedata

# Serbian Cyrillic as Gaj's Latin alphabet, plus the letters of other Cyrillic alphabets a document
# may quote (Russian, Ukrainian, Macedonian). Lower case: callers lower or casefold first.
CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z", "и": "i",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
    "й": "j", "ё": "e", "ы": "y", "э": "e", "ю": "ju", "я": "ja", "щ": "šč", "ь": "", "ъ": "", "і": "i",
    "ї": "ji", "є": "je", "ґ": "g", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}
_CYRILLIC = str.maketrans(CYRILLIC_TO_LATIN)
# Cyrillic and Greek letters that look like Latin ones, for words that mix scripts ("Pеjë" with a Cyrillic е).
HOMOGLYPHS = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "а": "a", "в": "b", "е": "e", "к": "k", "м": "m",
    "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "һ": "h", "ԁ": "d",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
})
_HOMOGLYPHS_GREEK_ONLY = {k: v for k, v in HOMOGLYPHS.items() if 0x0370 <= k < 0x0400}
# Letters that Unicode does not decompose into a base letter and a mark (đ aside: see `fold`).
_UNDECOMPOSED = str.maketrans({"ı": "i", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe",
                               "þ": "th"})


def is_cyrillic(c: str) -> bool:
    return "\u0400" <= c <= "\u04ff"


def transliterate(text: str) -> str:
    """Lower-case Cyrillic letters as Latin ones with their diacritics; everything else as it is."""
    return text.translate(_CYRILLIC)


def latin(word: str) -> str:
    """One word in lower-case Latin letters with its diacritics: pure Cyrillic is transliterated, Cyrillic
    or Greek letters inside a Latin word are read as the Latin letters they imitate."""
    has_latin = any(c.isalpha() and c < "\u0370" for c in word)
    if has_latin or not any(is_cyrillic(c) for c in word):
        return word.translate(HOMOGLYPHS).casefold()
    return transliterate(word.translate(_HOMOGLYPHS_GREEK_ONLY).casefold())


def strip_marks(text: str) -> str:
    """Diacritics dropped (ë->e, ç->c, č->c, ş->s) and the letters Unicode does not decompose spelt in
    ASCII (ł->l, ß->ss); "đ" stays, as callers spell it "dj" or "d"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# A glyph the font maps to a private-use code point ("септем\uf6c5ар" for "септембар") is no letter:
# folding drops it, so the word is compared as if that one glyph was lost.
PRIVATE_USE = "\ue000-\uf8ff"
_PRIVATE = re.compile(f"[{PRIVATE_USE}]")


def fold(text: str) -> str:
    """Lowercase, Cyrillic to Latin, "đ" as "dj", diacritics and private-use glyphs removed ("Nëntorit"
    -> "nentorit", "Децембра" -> "decembra", "Đakovica" -> "djakovica"); punctuation and spacing are kept."""
    return strip_marks(transliterate(_PRIVATE.sub("", text.lower())).replace("đ", "dj"))


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each folded character, the index of the character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        f = fold(ch)
        out.append(f)
        origin.extend([i] * len(f))
    return "".join(out), origin
