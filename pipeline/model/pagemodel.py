"""The page model: one plain, picklable picture of a PDF page, built once and shared by every reader.

Readers (charts, tables, text) never touch pdfplumber objects: they take a `Page` of words with
fonts and positions and shapes with fills, so they are testable on any input and cheap to pass
between Prefect tasks. Duplicate overlapping glyphs (a common defect of designed fact sheets, where
labels are drawn twice) are removed here with pdfplumber's `dedupe_chars`, once for everyone.
"""
from __future__ import annotations

import gc
import math
import pickle
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from operator import itemgetter
from typing import IO, Callable, Iterable, Iterator

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTTextContainer
from pdfplumber.page import ALL_ATTRS, fix_fontname_bytes
from pdfplumber.utils import extract_words, resolve_all, resolve_and_decode
from unicodedata import normalize as normalize_unicode

from pipeline.lang.numbers import parse_number
from pipeline.model import inflate
from pipeline.model.damage import Damage, inspect_page, inspect_pdf, watch
from pipeline.model.geometry import Box

inflate.install()  # no stream of any PDF inflates past inflate.MAX_INFLATED_MB

Color = tuple[float, ...]
MIN_EM = 4.0  # points: a word of a tiny or unknown (0) size spaces its text as if set in 4 pt


@dataclass(frozen=True, slots=True)
class Word(Box):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    fontname: str = ""
    size: float = 0.0
    upright: bool = True
    color: tuple[float, ...] | None = None  # fill colour of the glyphs: legend marks like "■" carry it
    char_x0: tuple[float, ...] = ()  # left edge of each glyph: splits labels printed without spaces
    angle: float = 0.0  # reading direction, degrees counter-clockwise: 0 upright, 90 bottom to top, 45 slanted
    # The printed number the word is, as (value, is_percent), or None: parsed once here, as every
    # graphic reader asks it of every word (8,658 parses on a 3-page sample before).
    number: tuple[float, bool] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "number", parse_number(self.text))

    @property
    def em(self) -> float:
        """The font size gaps are reckoned in (`*_em` settings), at least `MIN_EM` points."""
        return max(self.size, MIN_EM)


@dataclass(frozen=True, slots=True)
class Shape(Box):
    """A drawn rectangle, line or curve; `fill` and `stroke` are RGB tuples or None."""

    kind: str  # "rect", "line" or "curve"
    x0: float
    top: float
    x1: float
    bottom: float
    fill: Color | None = None
    stroke: Color | None = None
    points: tuple[tuple[float, float], ...] = ()


@dataclass(slots=True)
class Page:
    number: int  # 1-based index in the file
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    n_images: int = 0

    @property
    def text(self) -> str:
        return text_of(self.words)


def to_rgb(color) -> Color | None:
    """pdfplumber colours come as gray (1), RGB (3) or CMYK (4) tuples, or patterns; RGB or None."""
    if color is None or isinstance(color, str):
        return None
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        c = tuple(float(v) for v in color)
    except (TypeError, ValueError):
        return None
    if len(c) == 1:
        return (c[0], c[0], c[0])
    if len(c) == 3:
        return c
    if len(c) == 4:
        k = c[3]
        return tuple((1 - v) * (1 - k) for v in c[:3])  # type: ignore[return-value]
    return None


def _chains(items: list, key: Callable, tolerance: float) -> list[list]:
    """`cluster_objects`' partition: sorted by `key`, a new cluster wherever a value is more than
    `tolerance` above the previous one."""
    out: list[list] = []
    last = 0.0
    for item in sorted(items, key=key):
        v = key(item)
        if out and v <= last + tolerance:
            out[-1].append(item)
        else:
            out.append([item])
        last = v
    return out


SIZE_DIGITS = 3  # glyph sizes equal to a thousandth of a point are one size (float noise of turned text)


def kept_chars(chars: list[dict], tolerance: float = 1) -> list[dict]:
    """What pdfplumber's `dedupe_chars` keeps, in page order, in linear instead of quadratic time.

    pdfplumber restores the page order of the kept glyphs with `sorted(key=chars.index)`, which costs
    more than parsing the page on text-heavy pages; here the order comes from the indices for free.
    Same grouping as pdfplumber: same text, orientation, font and size, positions within
    `tolerance` (chains of values each within `tolerance` of the next, as `cluster_objects` makes
    them); of each group the top-left glyph stays, the first in page order on a tie. Unlike pdfplumber,
    sizes are compared to `SIZE_DIGITS` decimals: the size of a turned glyph is computed from its matrix,
    and a label drawn twice at 45° gives 7.036684479432779 and 7.036684479432807 ("Dragaashh").
    """
    key = lambda c: (c["upright"], c["text"], c["fontname"], round(c["size"], SIZE_DIGITS))  # noqa: E731
    groups: dict[tuple, list[tuple[int, dict]]] = {}
    for i, c in enumerate(chars):
        groups.setdefault(key(c), []).append((i, c))
    top = lambda t: t[1]["doctop"]  # noqa: E731
    left = lambda t: t[1]["x0"]  # noqa: E731
    corner = lambda t: (t[1]["doctop"], t[1]["x0"], t[0])  # noqa: E731
    keep: list[int] = []
    for group in groups.values():
        if len(group) == 1:
            keep.append(group[0][0])
            continue
        for row in _chains(group, top, tolerance):
            if len(row) == 1:
                keep.append(row[0][0])
                continue
            for same in _chains(row, left, tolerance):
                keep.append(min(same, key=corner)[0])
    keep.sort()
    return [chars[i] for i in keep]


_PLAIN = frozenset((float, int, str, bool, type(None)))
# Private-use code points that fonts give to local forms of ordinary letters (the Adobe Glyph List's
# corporate-use assignments, followed by DejaVu, Liberation and many others): a browser printing
# Serbian text with such a font writes U+F6C5 for "б" into the text layer, and the word breaks there.
LETTER_FORMS = str.maketrans({
    "\uf6c4": "г", "\uf6c5": "б", "\uf6c6": "д", "\uf6c7": "п", "\uf6c8": "т",  # afii10063, 10064, 10192, 10831, 10832
    "\uf001": "fi", "\uf002": "fl",
})


def _resolved(v):
    """pdfplumber's `resolve_all` with a fast path for the plain values almost every attribute holds."""
    t = type(v)
    if t in _PLAIN:
        return v
    if t is tuple or t is list:
        if _PLAIN.issuperset(map(type, v)):
            return t(v)
        return t(_resolved(x) for x in v)
    return resolve_all(v)


def page_objects(page: "pdfplumber.page.Page") -> dict[str, list[dict]]:
    """What pdfplumber's `Page.parse_objects` returns, built in a fraction of its time.

    pdfplumber runs `resolve_all` (a recursive, isinstance-heavy walk) over every attribute of every
    glyph, though nearly all are floats and strings; here plain values are taken as they are and
    the rest goes through `resolve_all`. Same objects, same keys, same values, same order.
    """
    pdf = page.pdf
    with_containers = pdf.laparams is not None
    norm = pdf.unicode_norm
    number = page.page_number
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doctop0 = page.initial_doctop
    point2coord = page.point2coord
    ncs_names: dict[int, str] = {}
    objects: dict[str, list[dict]] = {}

    def convert(obj) -> dict:
        kind = _KIND.get(obj.__class__)
        if kind is None:
            kind = _KIND[obj.__class__] = re.sub(r"^LT", "", obj.__class__.__name__).lower()
        d = obj.__dict__
        names = tuple(d)
        pick = _PICK.get(names)
        if pick is None:
            kept = tuple(k for k in names if k in ALL_ATTRS)
            pick = _PICK[names] = (kept, itemgetter(*kept) if len(kept) > 1 else (lambda d, k=kept: tuple(d[x] for x in k)))
        kept, getter = pick
        values = getter(d)
        attr = dict(zip(kept, values))
        if not _PLAIN.issuperset(map(type, values)):
            for k, v in zip(kept, values):
                if type(v) not in _PLAIN:
                    attr[k] = _resolved(v)
        attr["object_type"] = kind
        attr["page_number"] = number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                space = getattr(obj, cs)
                name = ncs_names.get(id(space))
                if name is None:
                    name = ncs_names[id(space)] = resolve_and_decode(space.name)
                attr[cs] = name
        if isinstance(obj, (LTChar, LTTextContainer)):
            text = obj.get_text().translate(LETTER_FORMS)
            attr["text"] = normalize_unicode(norm, text) if norm is not None else text
        if isinstance(obj, LTChar):
            gs = obj.graphicstate
            attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
            attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
            if isinstance(attr["fontname"], bytes):  # pragma: no cover
                attr["fontname"] = fix_fontname_bytes(attr["fontname"])
        elif isinstance(obj, LTCurve):
            attr["pts"] = list(map(point2coord, attr["pts"]))
            attr["path"] = [(cmd, *map(point2coord, pts)) for cmd, *pts in obj.original_path]
            attr["dash"] = obj.dashing_style
        if "y0" in attr:
            attr["top"] = (height - attr["y1"]) + mb_top
            attr["bottom"] = (height - attr["y0"]) + mb_top
            attr["doctop"] = doctop0 + attr["top"]
        if "x0" in attr and mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    def walk(items) -> None:
        for obj in items:
            if isinstance(obj, LTContainer):
                if with_containers:
                    add(convert(obj))
                walk(obj._objs)
            else:
                add(convert(obj))

    def add(o: dict) -> None:
        kind = o["object_type"]
        if kind in ["anno"]:
            return
        objects.setdefault(kind, []).append(o)

    walk(page.layout._objs)
    return objects


_KIND: dict[type, str] = {}
_PICK: dict[tuple[str, ...], tuple] = {}  # attribute names of a layout object -> the ones pdfplumber keeps


def without_phantom_spaces(chars: list[dict]) -> list[dict]:
    """Glyphs without the spaces that take no room: a browser writes a soft hyphen that did not
    break the line as a space the next glyph overprints ("Estab lished"); it breaks no word."""
    out = []
    for c, nxt in zip(chars, chars[1:] + [None]):
        if c["text"] == " " and nxt is not None and abs(float(nxt["top"]) - float(c["top"])) < 1 and \
                float(nxt["x0"]) < float(c["x0"]) + 0.5 * (float(c["x1"]) - float(c["x0"])):
            continue
        out.append(c)
    return out


def page_to_model(page: "pdfplumber.page.Page", number: int) -> Page:
    """Words (deduplicated glyphs, with font and size) and shapes (with fills) of one page."""
    clean = same_typeface(without_phantom_spaces(kept_chars(page.chars, tolerance=1)))
    slanted = [c for c in clean if is_slanted(c)]
    if slanted:
        clean = [c for c in clean if not is_slanted(c)]
    words = [
        Word(
            text=w["text"],
            x0=float(w["x0"]),
            top=float(w["top"]),
            x1=float(w["x1"]),
            bottom=float(w["bottom"]),
            fontname=str(w.get("fontname", "")),
            size=round(float(w.get("size", 0.0)), 2),
            color=to_rgb(w.get("non_stroking_color")),
            char_x0=tuple(round(float(c["x0"]), 2) for c in w.get("chars", ())),
        )
        for w in extract_words(
            [c for c in clean if c.get("upright", True)], keep_blank_chars=False, x_tolerance=1.5,
            y_tolerance=2, return_chars=True, extra_attrs=["fontname", "size", "non_stroking_color"]
        )
    ]
    words += rotated_words([c for c in clean if not c.get("upright", True)])
    words += slanted_words(slanted)
    shapes: list[Shape] = []
    for kind, objs in (("rect", page.rects), ("line", page.lines), ("curve", page.curves)):
        for o in objs:
            shapes.append(
                Shape(
                    kind=kind,
                    x0=float(o["x0"]),
                    top=float(o["top"]),
                    x1=float(o["x1"]),
                    bottom=float(o["bottom"]),
                    fill=to_rgb(o.get("non_stroking_color")) if o.get("fill") else None,
                    stroke=to_rgb(o.get("stroking_color")) if o.get("stroke") else None,
                    points=tuple((float(x), float(y)) for x, y in (o.get("pts") or [])) if kind == "curve" else (),
                )
            )
    return Page(number=number, width=float(page.width), height=float(page.height), words=words,
                shapes=shapes, n_images=len(page.images))


def turned_word(run: list[dict], angle: float) -> Word:
    """One word of turned text from its glyphs in reading order."""
    return Word(text="".join(r["text"] for r in run),
                x0=min(float(r["x0"]) for r in run), top=min(float(r["top"]) for r in run),
                x1=max(float(r["x1"]) for r in run), bottom=max(float(r["bottom"]) for r in run),
                fontname=str(run[0].get("fontname", "")), size=round(float(run[0].get("size", 0.0)), 2),
                upright=False, angle=angle)


def rotated_words(chars: list[dict]) -> list[Word]:
    """Words of text rotated by 90 degrees (axis labels under vertical bars).

    pdfplumber's word grouping splits such text into single glyphs; here glyphs that share a
    column and touch along it are joined, and read bottom-to-top or top-to-bottom as the glyph
    matrix says. Spaces are kept as word breaks, so a two-word label stays two words.
    """
    columns: dict[int, list[dict]] = {}
    for c in chars:
        columns.setdefault(round(float(c["x0"])), []).append(c)
    words: list[Word] = []
    for col in columns.values():
        upward = (col[0].get("matrix") or (0, 1))[1] > 0  # b > 0: rotated counter-clockwise
        col.sort(key=lambda c: -float(c["bottom"]) if upward else float(c["top"]))
        run: list[dict] = []
        for c in col + [None]:  # type: ignore[list-item]
            gap = 99.0 if c is None or not run else (
                float(run[-1]["top"]) - float(c["bottom"]) if upward else float(c["top"]) - float(run[-1]["bottom"]))
            if c is None or gap > 1.5 or c["text"].isspace():
                if run:
                    words.append(turned_word(run, 90.0 if upward else -90.0))
                run = [] if c is None or c["text"].isspace() else [c]
            else:
                run.append(c)
    return words


SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def same_typeface(chars: list[dict]) -> list[dict]:
    """Glyphs with the subset tag dropped from their font name ("GAOMWU+DejaVuSans" -> "DejaVuSans").

    matplotlib's Type 3 output and reportlab put the glyphs of one font into several subsets
    (matplotlib: one for characters beyond Latin-1, so "Muškarci" has its "š" in a second subset);
    words are grouped by font name, so without this they break inside a word ("Mu š karci").
    """
    return [{**c, "fontname": SUBSET_TAG.sub("", c["fontname"])} if SUBSET_TAG.match(str(c.get("fontname", "")))
            else c for c in chars]


SLANT_MIN = 0.05  # |sin| of the angle from which a glyph is slanted (3°); pdfminer calls 45° text upright


def is_slanted(char: dict) -> bool:
    """A glyph turned by an angle that is not a multiple of 90° (tick labels at 30° or 45°)."""
    a, b, c, d = (char.get("matrix") or (1, 0, 0, 1))[:4]
    scale = math.hypot(a, b) or 1.0
    return abs(b) / scale > SLANT_MIN and abs(a) / scale > SLANT_MIN


def slanted_words(chars: list[dict]) -> list[Word]:
    """Words of slanted text: glyphs whose centres lie on one line in their reading direction, in
    order along it, broken at spaces and at gaps wider than twice the usual glyph spacing."""
    lines: list[tuple[float, float, list[tuple[float, dict]]]] = []  # (angle, offset, [(along, char)])
    for ch in chars:
        a, b = ch["matrix"][:2]
        theta = math.atan2(b, a)
        dx, dy = math.cos(theta), -math.sin(theta)  # page space: y grows downwards
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        offset, along = -dy * cx + dx * cy, dx * cx + dy * cy
        for line in lines:
            if abs(line[0] - theta) < 0.02 and abs(line[1] - offset) < 2.0:
                line[2].append((along, ch))
                break
        else:
            lines.append((theta, offset, [(along, ch)]))
    words: list[Word] = []
    for theta, _, members in lines:
        members.sort(key=lambda m: m[0])
        steps = [b[0] - a[0] for a, b in zip(members, members[1:])]
        usual = sorted(steps)[len(steps) // 2] if steps else 0.0
        run: list[dict] = []
        for k, (_, ch) in enumerate(members + [(0.0, None)]):  # type: ignore[list-item]
            gap = steps[k - 1] if 0 < k < len(members) else 0.0
            if ch is None or ch["text"].isspace() or (run and gap > 2 * usual + 0.5):
                if run:
                    words.append(turned_word(run, round(math.degrees(theta), 1)))
                run = [] if ch is None or ch["text"].isspace() else [ch]
            else:
                run.append(ch)
    return words


def iter_pages(pdf: "pdfplumber.PDF") -> Iterator[Page]:
    """The page models of an open PDF, one at a time: each page's layout is dropped once modelled."""
    collecting = gc.isenabled()
    gc.disable()  # pdfminer and pdfplumber make ~2000 objects per page; cyclic GC passes over them cost 15%
    try:
        for i, p in enumerate(pdf.pages):
            p._objects = page_objects(p)  # what `p.objects` would parse, faster
            page = page_to_model(p, i + 1)
            p.close()  # drop the page's layout and objects: nothing else reads them
            if collecting and i % GC_EVERY_PAGES == GC_EVERY_PAGES - 1:
                gc.collect()  # layouts are cyclic: without this a long PDF's garbage is never freed
            yield page
    finally:
        if collecting:
            gc.enable()


GC_EVERY_PAGES = 50  # one collection per 50 pages costs ~1% of their parse time


def load_pdf(path: Path | str) -> tuple[list[Page], dict]:
    """All pages of a PDF as page models, plus the PDF's metadata dictionary (small PDFs, tests, benches)."""
    with pdfplumber.open(str(path)) as pdf:
        return list(iter_pages(pdf)), dict(pdf.metadata or {})


@dataclass
class SpooledPdf:
    """A PDF read once, page by page, its page models parked in a temporary file.

    Memory does not grow with the page count: identification needs the text of every page before
    any reader runs, so the first pass keeps only the text of each page's lines and writes each model
    to disk; `pages()` then reads them back one at a time, as often as a reader needs.
    """

    meta: dict
    text: str  # every page's lines, one per line of text, in page order
    n_pages: int
    n_words: int
    n_images: int
    damage: Damage
    _spool: IO[bytes]
    _offsets: list[int]

    def pages(self) -> Iterator[Page]:
        for offset in self._offsets:
            self._spool.seek(offset)
            yield pickle.load(self._spool)


def spool_pdf(path: Path | str) -> SpooledPdf:
    """Parse a PDF page by page into a `SpooledPdf`, collecting signs of damage as it goes."""
    damage = Damage()
    spool = tempfile.TemporaryFile(prefix="factsheets-pages-")  # no name: gone when closed or the process ends
    offsets: list[int] = []
    texts: list[str] = []
    n_words = n_images = 0
    with watch(damage), pdfplumber.open(str(path)) as pdf:
        inspect_pdf(pdf, damage)
        for page in iter_pages(pdf):
            inspect_page(page, damage)
            offsets.append(spool.tell())
            pickle.dump(page, spool, protocol=pickle.HIGHEST_PROTOCOL)
            texts += [text_of(line) for line in lines_of(page.words)]
            n_words += len(page.words)
            n_images += page.n_images
        meta = dict(pdf.metadata or {})
    return SpooledPdf(meta, "\n".join(texts), len(offsets), n_words, n_images, damage, spool, offsets)


def split_word(word: Word, cuts: list[float]) -> list[Word]:
    """A word cut at the given x positions, glyph by glyph ("GjilanFerizaj" under two bars)."""
    if len(word.char_x0) != len(word.text):
        return [word]
    pieces: list[list[int]] = [[] for _ in range(len(cuts) + 1)]
    for i, x in enumerate(word.char_x0):
        pieces[sum(x >= c for c in cuts)].append(i)
    out = []
    for idx in pieces:
        if not idx:
            continue
        end = word.char_x0[idx[-1] + 1] if idx[-1] + 1 < len(word.char_x0) else word.x1
        out.append(Word("".join(word.text[i] for i in idx), word.char_x0[idx[0]], word.top, end, word.bottom,
                        word.fontname, word.size, word.upright, word.color, tuple(word.char_x0[i] for i in idx)))
    return out


def text_of(words: Iterable[Word]) -> str:
    """The words' texts in the given order, one space apart (lines: flatten them first)."""
    return " ".join(w.text for w in words)


def lines_of(words: Iterable[Word], tolerance: float = 3.0) -> list[list[Word]]:
    """Group words into visual lines (same baseline within `tolerance`), each sorted left to right."""
    rows: list[list[Word]] = []
    open_rows: list[list[Word]] = []  # rows a later word may still join, oldest first
    for w in sorted(words, key=lambda w: (round(w.bottom), w.x0)):
        # Later words sit at most 1 pt higher than this one (sorted by rounded baseline), so a row
        # this far above can never be joined again: dropping it keeps grouping linear, not quadratic.
        open_rows = [r for r in open_rows if r[0].bottom >= w.bottom - tolerance - 1]
        for row in open_rows:
            if abs(row[0].bottom - w.bottom) <= tolerance:
                row.append(w)
                break
        else:
            rows.append([w])
            open_rows.append(rows[-1])
    for row in rows:
        row.sort(key=lambda w: w.x0)
    rows.sort(key=lambda r: r[0].top)
    return rows
