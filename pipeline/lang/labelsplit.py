"""Splitting municipality labels printed run together ("GjilanFerizajKAMENICË") into names.

This is the language side of the bar-chart reader: `readers/bars.py` knows only geometry and takes a
splitter as an argument; `extract.py` passes `split_names`. The gazetteer (`pipeline.places`) gives
the names; a split is returned only when it is the one way to read the whole string as a sequence
of known names (case, spaces and diacritics ignored), so capitals, missing spaces and names that are
prefixes of others ("Has"/"Hasi") can never make it guess.
"""
from __future__ import annotations

import itertools
from functools import cache

from pipeline.places import ARTICLES, NEGATIVE, find_names, gazetteer, normalise

FORM_METHODS = ("exact", "alias")  # labels print names in the nominative; inflected forms are for prose


@cache
def _names() -> dict[str, str]:
    """Letters of every uninflected form (with each Albanian article between its words, as printed:
    "Mitrovicë e Veriut") -> the one municipality it names; forms with two owners or a negative are out."""
    g = gazetteer()
    out: dict[str, str] = {}
    refused: set[str] = set()
    for key, entries in g.forms.items():
        owners = {e.owner for e in entries}
        named = [e for e in entries if e.method in FORM_METHODS]
        if not named:
            continue
        ws = g.words_of.get(key, (key,))
        variants = {key}
        for joins in itertools.product(("", *sorted(ARTICLES)), repeat=len(ws) - 1):
            variants.add(ws[0] + "".join(j + w for j, w in zip(joins, ws[1:])))
        for v in variants:
            if len(owners) != 1 or NEGATIVE in owners or out.get(v, named[0].owner) != named[0].owner:
                refused.add(v)
            out[v] = named[0].owner
    for v in refused:
        out.pop(v, None)
    return out


def _letters(text: str) -> tuple[str, list[int]]:
    """The comparison letters of a text and, for each, the index of the character it came from."""
    letters, origin = [], []
    for i, c in enumerate(text):
        if c.isalpha():
            norm = normalise(c)
            letters.append(norm)
            origin += [i] * len(norm)
    return "".join(letters), origin


def segmentations(text: str, limit: int = 2) -> list[list[tuple[int, int, str]]]:
    """Up to `limit` ways to read all of `text`'s letters as known names, each a list of
    (start, end, municipality id) over the text's characters."""
    stream, origin = _letters(text)
    names = _names()
    lengths = sorted({len(k) for k in names}, reverse=True)
    n = len(stream)

    @cache
    def ways(i: int) -> tuple[tuple[tuple[int, int, str], ...], ...]:
        if i == n:
            return ((),)
        found: list[tuple[tuple[int, int, str], ...]] = []
        for length in lengths:
            owner = names.get(stream[i:i + length]) if i + length <= n else None
            if owner is None:
                continue
            span = (origin[i], origin[i + length - 1] + 1, owner)
            found += [(span, *rest) for rest in ways(i + length)]
            if len(found) >= limit:
                break
        return tuple(found[:limit])

    if not stream:
        return []
    return [list(w) for w in ways(0)]


def split_names(text: str, count: int) -> list[str] | None:
    """The `count` labels of a run-together string, or None unless exactly one reading has that many.

    Neighbouring names of one municipality are one bilingual label ("Dragash/Dragaš").
    """
    readings = segmentations(text)
    if len(readings) != 1:
        return names_in_prose(text, count)
    merged: list[tuple[int, int, str]] = []
    for start, end, owner in readings[0]:
        if merged and merged[-1][2] == owner:
            merged[-1] = (merged[-1][0], end, owner)
        else:
            merged.append((start, end, owner))
    if len(merged) != count:
        return None
    return [text[start:end] for start, end, _ in merged]


def names_in_prose(text: str, count: int) -> list[str] | None:
    """The gazetteer's reading of the string as running text, which also knows abbreviated forms
    ("Zubin P."): only for a string with an abbreviation in it (elsewhere the exact segmentation has
    said no, and its "no" stands: "MitrovicëVushtrri" names no one Mitrovicë), and taken only when
    its names, one per municipality, cover every letter of the string and are exactly `count`."""
    if count < 1 or "." not in text:
        return None
    found = find_names(text)
    ids = [m.municipality_id for _, _, m in found]
    if len(found) != count or None in ids or len(set(ids)) != count:
        return None
    covered = [False] * len(text)
    for start, end, _ in found:
        covered[start:end] = [True] * (end - start)
    if any(c.isalpha() and not cov for c, cov in zip(text, covered)):
        return None
    bounds = [start for start, _, _ in found][1:] + [len(text)]
    return [text[start:stop].strip() for (start, _, _), stop in zip(found, bounds)]
