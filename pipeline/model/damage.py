"""Signs that a PDF's text layer is damaged, and what that does to the values read from it.

A damaged copy of a good fact sheet still parses: pdfminer repairs a broken cross-reference table,
skips a stream it cannot inflate, draws glyphs of a missing font as "(cid:NN)". The readers then read
what is left, and a period read from "January(cid:2)September 2018" or a number pulled into the
wrong caption looks as sure as any other. Of 302 corrupted copies of good documents none was
`partial` and 43 values they did not hold came out at confidence >= 0.9.

So while a PDF is parsed, `watch` collects what pdfminer complains about and `inspect_page` what the
page model shows; a document with any such sign becomes `partial`, its values are capped below the
"sure" line with a note naming the damage, and one review item says what was found.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from pdfminer.pdftypes import resolve1

from pipeline.model.confidence import SUSPECT
from pipeline.model.records import ReviewItem, Value

if TYPE_CHECKING:
    from pipeline.model.pagemodel import Page

# Share of glyphs inside words (marks standing alone are left out: a tick drawn in a symbol font
# without a Unicode map reads U+0000) that are control, private-use or unassigned characters
# (Unicode category C): none on the clean samples and dev sheets; a garbled encoding maps letters to them.
MAX_ODD_SHARE = 0.08
MIN_GLYPHS = 40  # fewer glyphs on a page say nothing about its text layer
CID = re.compile(r"\(cid:\d+\)")
# pdfminer warnings that good PDFs print too: a missing font box only affects glyph heights.
HARMLESS = ("Could not get FontBBox",)
WATCHED = ("pdfminer", "pipeline.model.inflate")  # the parser's loggers, and the inflater that replaces its zlib
MAX_NAMED = 3  # damage messages quoted in a note or review item


@dataclass
class Damage:
    """What was found wrong with one document's text layer, as short phrases for a person."""

    signs: list[str] = field(default_factory=list)
    parser_warnings: list[str] = field(default_factory=list)

    def add(self, sign: str) -> None:
        if sign not in self.signs:
            self.signs.append(sign)

    def summary(self) -> str:
        signs = list(self.signs)
        if self.parser_warnings:
            shown = "; ".join(dict.fromkeys(w[:100] for w in self.parser_warnings[:MAX_NAMED]))
            signs.append(f"the PDF parser reported {len(self.parser_warnings)} problem(s): {shown}")
        return "; ".join(signs)

    def __bool__(self) -> bool:
        return bool(self.signs or self.parser_warnings)


class _Collector(logging.Handler):
    def __init__(self, damage: Damage) -> None:
        super().__init__(logging.WARNING)
        self.damage = damage

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(HARMLESS):
            self.damage.parser_warnings.append(message)


@contextmanager
def watch(damage: Damage) -> Iterator[Damage]:
    """Collect pdfminer's warnings into `damage` while a PDF is parsed (and keep them off the console:
    they are reported once, per document, through `apply`)."""
    handler = _Collector(damage)
    loggers = [logging.getLogger(name) for name in WATCHED]
    saved = [(lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.WARNING)
        lg.propagate = False
    try:
        yield damage
    finally:
        for lg, (level, propagate) in zip(loggers, saved):
            lg.removeHandler(handler)
            lg.setLevel(level)
            lg.propagate = propagate


def inspect_pdf(pdf, damage: Damage) -> None:
    """Document-level signs: a cross-reference table pdfminer had to rebuild by scanning the file,
    fonts whose glyph widths do not add up (every glyph after the damage is placed wrongly, so
    words split and numbers move to other cells, without a warning from the parser)."""
    from pdfminer.pdfdocument import PDFXRefFallback

    xrefs = getattr(pdf.doc, "xrefs", [])
    if any(isinstance(x, PDFXRefFallback) for x in xrefs):
        damage.add("broken cross-reference table (rebuilt by the parser)")
    for objid in sorted({i for x in xrefs for i in x.get_objids()}):
        try:
            font = resolve1(pdf.doc.getobj(objid))
        except Exception:  # an object that cannot be read: the parser's warnings say so
            continue
        if isinstance(font, dict) and _widths_broken(font):
            name = font.get("BaseFont")
            damage.add(f"glyph widths of font {getattr(name, 'name', name)} do not match its characters")


def _widths_broken(font: dict) -> bool:
    """A simple font's /Widths must give one number per character from /FirstChar to /LastChar."""
    if "Widths" not in font or "FirstChar" not in font or "LastChar" not in font:
        return False
    try:
        widths = resolve1(font["Widths"])
        first, last = resolve1(font["FirstChar"]), resolve1(font["LastChar"])
        return (not isinstance(widths, list) or len(widths) != int(last) - int(first) + 1
                or not all(isinstance(resolve1(w), (int, float)) for w in widths))
    except (TypeError, ValueError):
        return True


def inspect_page(page: "Page", damage: Damage) -> None:
    """Page-level signs: undecodable glyphs, replacement characters, glyphs of a missing font, odd characters."""
    text = "".join(w.text for w in page.words)
    if CID.search(text):
        damage.add(f"undecodable glyphs '(cid:NN)' on page {page.number}")
    if "\ufffd" in text:
        damage.add(f"replacement characters (U+FFFD) on page {page.number}")
    if any(w.fontname == "unknown" for w in page.words):
        damage.add(f"text in a missing font on page {page.number}")
    glyphs = CID.sub("", "".join(w.text for w in page.words if len(w.text) > 1))  # a lone mark is a tick or bullet
    if len(glyphs) >= MIN_GLYPHS:
        odd = sum(1 for ch in glyphs if unicodedata.category(ch)[0] == "C")
        if odd / len(glyphs) > MAX_ODD_SHARE:
            damage.add(f"{odd / len(glyphs):.0%} of the glyphs on page {page.number} are control or "
                       f"unassigned characters (garbled encoding)")


def apply(damage: Damage, status: str, values: list[Value], review: list[ReviewItem]) -> str:
    """Cap the values of a damaged document, add its review item; return its new status."""
    if not damage:
        return status
    summary = damage.summary()
    for v in values:  # below SURE, so that each one can be found and checked against a good copy
        v.conf = v.conf.doubt(f"damaged text layer: {summary}", cap=SUSPECT)
    review.append(ReviewItem(None, "validation", "damaged text layer: values may be wrong; compare with a good copy",
                             detail=summary))
    return "partial" if status == "ok" else status
