"""A page is one matplotlib figure with a full-size 'canvas' axes in PDF points (origin top
left, y down), so prose, rules and tables are placed like a layout tool would place them, and
charts are ordinary matplotlib axes put at point positions on top of it."""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.textpath import TextToPath  # noqa: E402

PAGE_SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
FONTS = ["DejaVu Sans", "DejaVu Serif", "Liberation Sans", "Liberation Serif"]
PALETTES = [
    ["#1f4e79", "#9dc3e6", "#f4b183", "#a9d18e", "#ffd966", "#c9c9c9"],
    ["#00558c", "#e37222", "#7ab800", "#a6a6a6", "#ffc20e", "#6d2077"],
    ["#2b5d8a", "#75a7d1", "#d9534f", "#5cb85c", "#f0ad4e", "#777777"],
    ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860"],
]

_T2P = TextToPath()


@dataclass
class Style:
    """What a designer chooses once per document."""
    font: str
    size: str            # A4 or Letter
    landscape: bool
    palette: list[str]
    fonttype: int        # 42 (TrueType) or 3 (Type 3)
    decimal_comma: bool = False
    defects: set[str] = field(default_factory=set)  # letterspace, doubled, hyphenate, glued_marker

    @classmethod
    def draw(cls, rng: random.Random, *, landscape: bool | None = None, defects: bool | None = None) -> "Style":
        d: set[str] = set()
        if defects if defects is not None else rng.random() < 0.4:
            d = set(rng.sample(["letterspace", "doubled", "hyphenate", "glued_marker", "runtogether"],
                               k=rng.randint(1, 3)))
        return cls(font=rng.choice(FONTS), size=rng.choice(["A4", "A4", "Letter"]),
                   landscape=rng.random() < 0.2 if landscape is None else landscape,
                   palette=rng.choice(PALETTES), fonttype=rng.choice([3, 42]),
                   decimal_comma=rng.random() < 0.3, defects=d)

    def apply(self) -> None:
        matplotlib.rcParams.update({
            "pdf.fonttype": self.fonttype,
            "font.family": [self.font, "DejaVu Sans"],
            "axes.prop_cycle": matplotlib.cycler(color=self.palette),
            "axes.titlesize": 9, "axes.labelsize": 8, "xtick.labelsize": 7, "ytick.labelsize": 7,
            "legend.fontsize": 7, "axes.spines.top": False, "axes.spines.right": False,
        })


def text_width(s: str, size: float, weight: str = "normal", family: str | None = None) -> float:
    """Width in points of `s` set at `size` in the current font (used to wrap prose)."""
    prop = FontProperties(family=family or matplotlib.rcParams["font.family"][0], size=size, weight=weight)
    w, _, _ = _T2P.get_text_width_height_descent(s, prop, ismath=False)
    return w


def wrap(s: str, width: float, size: float, weight: str = "normal") -> list[str]:
    """Greedy wrap on measured widths; never splits a word."""
    lines: list[str] = []
    for para in s.split("\n"):
        cur = ""
        for word in para.split():
            cand = f"{cur} {word}" if cur else word
            if cur and text_width(cand, size, weight) > width:
                lines.append(cur)
                cur = word
            else:
                cur = cand
        lines.append(cur)
    return lines


def hyphenate(lines: list[str], width: float, size: float, rng: random.Random) -> list[str]:
    """Text-layer defect: pull part of the next line's first word up with a hyphen at line end.
    Words with digits (values) are never split."""
    out = list(lines)
    for i in range(len(out) - 1):
        nxt = out[i + 1].split(" ", 1)
        word = nxt[0]
        if len(word) < 8 or any(c.isdigit() for c in word) or rng.random() < 0.5:
            continue
        k = len(word) // 2
        cand = f"{out[i]} {word[:k]}-"
        if text_width(cand, size) <= width:
            out[i] = cand
            out[i + 1] = word[k:] + (" " + nxt[1] if len(nxt) > 1 else "")
    return out


def letterspace(s: str) -> str:
    """Text-layer defect of tracked headings: 'T A K I M E T'."""
    return "  ".join(" ".join(w) for w in s.split())


class Page:
    """One page of a document. Coordinates are PDF points from the top-left corner."""

    def __init__(self, style: Style, number: int, rng: random.Random, landscape: bool | None = None):
        w, h = PAGE_SIZES[style.size]
        if style.landscape if landscape is None else landscape:
            w, h = h, w
        self.W, self.H = w, h
        self.style, self.number, self.rng = style, number, rng
        self.fig = plt.figure(figsize=(w / 72, h / 72))
        self.canvas = self.fig.add_axes((0, 0, 1, 1))
        self.canvas.set_xlim(0, w)
        self.canvas.set_ylim(h, 0)
        self.canvas.axis("off")
        self.canvas.set_zorder(0)
        self.margin = rng.choice([36, 42, 48, 56])
        self.y = self.margin

    # -- primitives -------------------------------------------------------------------------
    def text(self, x: float, y: float, s: str, size: float = 9, weight: str = "normal",
             color: str = "#222222", ha: str = "left", va: str = "top", **kw) -> None:
        self.canvas.text(x, y, s, fontsize=size, fontweight=weight, color=color, ha=ha, va=va, **kw)

    def line(self, x0: float, y0: float, x1: float, y1: float, color: str = "#555555", lw: float = 0.6) -> None:
        self.canvas.plot([x0, x1], [y0, y1], color=color, lw=lw, solid_capstyle="butt")

    def rect(self, x: float, y: float, w: float, h: float, color: str, edge: str | None = None, lw: float = 0.6) -> None:
        self.canvas.add_patch(matplotlib.patches.Rectangle((x, y), w, h, facecolor=color,
                                                           edgecolor=edge or "none", lw=lw))

    def axes(self, x: float, y: float, w: float, h: float):
        """A chart area at (x, y) top-left, w x h points."""
        ax = self.fig.add_axes((x / self.W, (self.H - y - h) / self.H, w / self.W, h / self.H))
        ax.set_zorder(1)
        return ax

    # -- flow -------------------------------------------------------------------------------
    @property
    def width(self) -> float:
        return self.W - 2 * self.margin

    def heading(self, s: str, size: float = 12, color: str | None = None, x: float | None = None,
                width: float | None = None, gap: float = 6) -> None:
        """A heading at the cursor; takes the document's heading defects (tracking, fake bold)."""
        x = self.margin if x is None else x
        color = color or self.style.palette[0]
        if "letterspace" in self.style.defects and self.rng.random() < 0.5:
            s = letterspace(s)
        for ln in wrap(s, width or self.width, size, "bold"):
            self.text(x, self.y, ln, size=size, weight="bold", color=color)
            if "doubled" in self.style.defects:
                # Fake bold by overprinting: the text layer gets every glyph twice.
                self.text(x + 0.35, self.y, ln, size=size, weight="bold", color=color)
            self.y += size * 1.3
        self.y += gap

    def para(self, s: str, size: float = 9, x: float | None = None, width: float | None = None,
             leading: float = 1.35, gap: float = 6, **kw) -> None:
        x = self.margin if x is None else x
        width = width or self.width
        lines = wrap(s, width, size)
        if "hyphenate" in self.style.defects:
            lines = hyphenate(lines, width, size, self.rng)
        for ln in lines:
            cut = self._run_together(ln)
            if cut:
                # Two text runs set closer than a space: the text layer reads one word.
                left, right = ln[:cut], ln[cut + 1:]
                self.text(x, self.y, left, size=size, **kw)
                self.text(x + text_width(left, size) + size * 0.16, self.y, right, size=size, **kw)
            else:
                self.text(x, self.y, ln, size=size, **kw)
            self.y += size * leading
        self.y += gap

    def _run_together(self, line: str) -> int | None:
        """Index of the space to drop from the text layer, under the 'runtogether' defect."""
        if "runtogether" not in self.style.defects or self.rng.random() < 0.6:
            return None
        spaces = [i for i, c in enumerate(line) if c == " " and i > 0
                  and line[i - 1].isalpha() and i + 1 < len(line) and line[i + 1].isalpha()]
        return self.rng.choice(spaces) if spaces else None

    def header(self, left: str, right: str, band: bool) -> None:
        pal = self.style.palette
        if band:
            self.rect(0, 0, self.W, 30, pal[0])
            self.text(self.margin, 10, left, size=8.5, weight="bold", color="white")
            self.text(self.W - self.margin, 10, right, size=8.5, color="white", ha="right")
            self.y = 46
        else:
            self.text(self.margin, 20, left, size=8, color="#555555")
            self.text(self.W - self.margin, 20, right, size=8, color="#555555", ha="right")
            self.line(self.margin, 32, self.W - self.margin, 32, color=pal[0], lw=1.2)
            self.y = 44

    def footer(self, left: str, page_label: str) -> None:
        y = self.H - 24
        self.line(self.margin, y - 8, self.W - self.margin, y - 8, color="#999999", lw=0.4)
        self.text(self.margin, y, left, size=7, color="#666666")
        self.text(self.W - self.margin, y, page_label, size=7, color="#666666", ha="right")


class Flow:
    """Sections stacked down the pages; a section that does not fit starts a new page.
    `decorate` draws the page furniture (header, footer) of each new page."""

    def __init__(self, style: Style, rng: random.Random, decorate: Callable[[Page], None]):
        self.style, self.rng, self.decorate = style, rng, decorate
        self.pages: list[Page] = []
        self.new_page()

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> Page:
        p = Page(self.style, len(self.pages) + 1, self.rng)
        self.pages.append(p)
        self.decorate(p)
        return p

    def need(self, h: float) -> Page:
        if self.page.y + h > self.page.H - 48:
            self.new_page()
        return self.page
