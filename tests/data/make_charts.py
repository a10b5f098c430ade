"""Make the chart pages of `tests/data/charts/` with two producers other than our reportlab generator.

- HTML + inline SVG printed to PDF by headless Chromium (Debian package `chromium`), as a web page
  or a designer's export would be;
- matplotlib's PDF backend (Type 3 fonts by default, TrueType in one page), as analysts make charts.

Each page holds one chart; `truth.json` lists what it shows: (category, series, value, unit) per
bar or slice. The PDFs are committed, so the tests need neither Chromium nor this script. Run
from the repository root (no network is used; Chromium is started with everything online off):

    python tests/data/make_charts.py            # all pages
    python tests/data/make_charts.py svg-pie    # pages whose name starts so
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

OUT = Path(__file__).parent / "charts"
COLORS = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#c53030", "#d69e2e")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer")


@dataclass
class Bars:
    """A bar chart as a designer would set it; every option changes how it is drawn, never what it says."""

    title: str
    categories: list[str]
    series: list[tuple[str, list[float]]]
    horizontal: bool = False
    stacked: bool = False
    values: str = "end"  # end (above / right of the bar) | inside | none
    legend: str = "top-right"  # top-right | bottom-left | top-left | html (narrow boxes, labels wrap) | html-rows | none
    swatch: str = "square"  # square | circle | line
    rx: float = 0.0  # rounded corners
    pieces: int = 1  # each bar drawn as this many touching pieces
    as_path: bool = False  # bars as <path> instead of <rect>
    rotate: int = 0  # category labels turned by this angle (vertical bars)
    run_together: bool = False  # category labels printed as one run of text, no spaces
    font: str = "DejaVu Sans"
    percent: bool = False
    hide_zeros: bool = False  # zero-length bars drawn but not labelled (so not readable: not in the truth)

    def truth(self) -> list[tuple[str, str, float, str]]:
        unit = "percent" if self.percent else "count"
        return [(cat, name if self.legend != "none" else "", values[i], unit)
                for name, values in self.series for i, cat in enumerate(self.categories)
                if values[i] or not self.hide_zeros]


@dataclass
class Pie:
    title: str
    slices: list[tuple[str, float]]  # (category, percent)
    donut: bool = False
    labels: str = "outside"  # outside | leader | legend (percentages only in the legend) | beside
    legend: bool = True
    font: str = "DejaVu Sans"
    start: float = -90.0  # degrees, clockwise from 3 o'clock, as SVG draws

    def truth(self) -> list[tuple[str, str, float, str]]:
        return [(name, "", value, "percent") for name, value in self.slices]


def fmt(v: float) -> str:
    return f"{v:g}"


def text_width(text: str, family: str, size: float) -> float:
    """Advance width of a string in CSS px, from the font file Chromium will use."""
    from matplotlib import font_manager
    from PIL import ImageFont
    return ImageFont.truetype(font_manager.findfont(family), 1000).getlength(text) * size / 1000


def nice_top(v: float) -> float:
    step = 10 ** math.floor(math.log10(v)) if v > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if m * step >= v:
            return m * step
    return 10 * step


# ------------------------------------------------------------------------------------------ SVG bars

def svg_bars(b: Bars) -> str:
    W, H, left, top, pw, ph = 520, 340, 70, 50, 390, 200
    totals = [sum(v[i] for _, v in b.series) if b.stacked else max(v[i] for _, v in b.series)
              for i in range(len(b.categories))]
    vmax = nice_top(max(totals) * 1.05)
    n, k = len(b.categories), len(b.series)
    out = [f'<text x="{left}" y="22" font-size="15" font-weight="bold">{b.title}</text>']
    length = ph if not b.horizontal else pw
    for t in range(5 + 1):
        v = vmax * t / 5
        pos = v / vmax * length
        if b.values == "none" or t in (0, 5):
            label = fmt(round(v, 2)) + ("%" if b.percent else "")
            if b.horizontal:
                out.append(f'<line x1="{left + pos}" y1="{top}" x2="{left + pos}" y2="{top + ph}" stroke="#e2e2e2"/>')
                out.append(f'<text x="{left + pos}" y="{top + ph + 16}" font-size="10" text-anchor="middle" '
                           f'fill="#555">{label}</text>')
            else:
                out.append(f'<line x1="{left}" y1="{top + ph - pos}" x2="{left + pw}" y2="{top + ph - pos}" '
                           f'stroke="#e2e2e2"/>')
                out.append(f'<text x="{left - 6}" y="{top + ph - pos + 3.5}" font-size="10" text-anchor="end" '
                           f'fill="#555">{label}</text>')
    slot = (ph if b.horizontal else pw) / n
    group = slot * 0.72
    thick = group if b.stacked else group / k
    for i, cat in enumerate(b.categories):
        acc = 0.0
        for j, (_, values) in enumerate(b.series):
            v = values[i]
            a = (acc if b.stacked else 0) / vmax * length
            d = v / vmax * length
            off = slot * i + (slot - group) / 2 + (0 if b.stacked else j * thick)
            if b.horizontal:
                x, y, w, h = left + a, top + off, d, thick
            else:
                x, y, w, h = left + off, top + ph - a - d, thick, d
            out += bar_marks(b, x, y, w, h, COLORS[j])
            label = fmt(v) + ("%" if b.percent else "")
            if b.values == "inside" and d > 8:
                out.append(f'<text x="{x + w / 2}" y="{y + h / 2 + 3.5}" font-size="10" text-anchor="middle" '
                           f'fill="#fff">{label}</text>')
            elif b.values == "end":
                if b.horizontal:
                    out.append(f'<text x="{x + w + 4}" y="{y + h / 2 + 3.5}" font-size="10">{label}</text>')
                else:
                    out.append(f'<text x="{x + w / 2}" y="{y - 4}" font-size="10" text-anchor="middle">{label}</text>')
            acc += v
        if b.run_together:
            continue
        if b.horizontal:
            out.append(f'<text x="{left - 6}" y="{top + slot * (i + 0.5) + 3.5}" font-size="11" '
                       f'text-anchor="end">{cat}</text>')
        elif b.rotate:
            cx, cy = left + slot * (i + 0.5), top + ph + 12
            out.append(f'<text x="{cx}" y="{cy}" font-size="11" text-anchor="end" '
                       f'transform="rotate({b.rotate} {cx} {cy})">{cat}</text>')
        else:
            out.append(f'<text x="{left + slot * (i + 0.5)}" y="{top + ph + 15}" font-size="11" '
                       f'text-anchor="middle">{cat}</text>')
    if b.run_together:  # one run of text, each name starting where the last ended, centred as a whole
        widths = [text_width(c, b.font, 11) for c in b.categories]
        x = left + pw / 2 - sum(widths) / 2
        spans = []
        for cat, w in zip(b.categories, widths):
            spans.append(f'<tspan x="{x:.2f}">{cat}</tspan>')
            x += w
        out.append(f'<text y="{top + ph + 15}" font-size="11">' + "".join(spans) + '</text>')
    if b.legend not in ("none", "html", "html-rows"):
        out += svg_legend(b, W, H, left, top, ph)
    legend = html_legend(b) if b.legend in ("html", "html-rows") else ""
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="{b.font}">' + \
        "".join(out) + "</svg>" + legend


def html_legend(b: Bars) -> str:
    """A legend of HTML boxes under the chart: too narrow for their labels, so each wraps under its
    swatch ("html"), or of natural width, flowing into rows whose columns do not align ("html-rows")."""
    width = "width:80px;" if b.legend == "html" else ""
    items = "".join(f'<div style="display:inline-block;{width}vertical-align:top;font-size:10px;margin-right:12px">'
                    f'<span style="display:inline-block;width:9px;height:9px;background:{COLORS[j]};'
                    f'margin-right:4px"></span>{name}</div>' for j, (name, _) in enumerate(b.series))
    return f'<div style="margin-left:70px;width:330px;font-family:{b.font}">{items}</div>'


def bar_marks(b: Bars, x: float, y: float, w: float, h: float, color: str) -> list[str]:
    """One bar as the options say: a rect, a path, rounded, or in touching pieces."""
    if b.pieces > 1:
        cuts = [(x, y + h * p / b.pieces, w, h / b.pieces) if not b.horizontal else
                (x + w * p / b.pieces, y, w / b.pieces, h) for p in range(b.pieces)]
    else:
        cuts = [(x, y, w, h)]
    marks = []
    for cx, cy, cw, ch in cuts:
        if b.as_path:
            marks.append(f'<path d="M{cx} {cy + ch} L{cx} {cy} L{cx + cw} {cy} L{cx + cw} {cy + ch} Z" fill="{color}"/>')
        else:
            rx = min(b.rx, cw / 2, ch / 2)
            marks.append(f'<rect x="{cx}" y="{cy}" width="{cw}" height="{ch}" rx="{rx}" fill="{color}"/>')
    return marks


def svg_legend(b: Bars, W: int, H: int, left: float, top: float, ph: float) -> list[str]:
    xs = {"top-right": W - 150, "top-left": left, "bottom-left": left}
    y0 = {"top-right": 34, "top-left": 34, "bottom-left": H - 30}[b.legend]
    out = []
    x = xs[b.legend]
    for j, (name, _) in enumerate(b.series):
        yy = y0 + (j * 15 if b.legend == "top-right" else 0)
        if b.swatch == "circle":
            out.append(f'<circle cx="{x + 5}" cy="{yy - 4}" r="5" fill="{COLORS[j]}"/>')
        elif b.swatch == "line":
            out.append(f'<line x1="{x - 4}" y1="{yy - 4}" x2="{x + 12}" y2="{yy - 4}" stroke="{COLORS[j]}" '
                       f'stroke-width="3"/>')
        else:
            out.append(f'<rect x="{x}" y="{yy - 9}" width="10" height="10" fill="{COLORS[j]}"/>')
        out.append(f'<text x="{x + 15}" y="{yy}" font-size="10">{name}</text>')
        if b.legend != "top-right":
            x += 30 + 6.2 * len(name)
    return out


# ------------------------------------------------------------------------------------------ SVG pies

def svg_pie(p: Pie) -> str:
    W, H, cx, cy, R = 520, 320, 200, 175, 95
    r_in = 0.55 * R if p.donut else 0.0
    out = [f'<text x="20" y="24" font-size="15" font-weight="bold">{p.title}</text>']
    a0 = math.radians(p.start)
    placed: list[float] = []
    for j, (name, value) in enumerate(p.slices):
        a1 = a0 + 2 * math.pi * value / 100
        large = 1 if a1 - a0 > math.pi else 0
        pt = lambda r, a: (cx + r * math.cos(a), cy + r * math.sin(a))  # noqa: E731
        (ox0, oy0), (ox1, oy1) = pt(R, a0), pt(R, a1)
        if p.donut:
            (ix0, iy0), (ix1, iy1) = pt(r_in, a0), pt(r_in, a1)
            d = (f"M{ox0:.2f} {oy0:.2f} A{R} {R} 0 {large} 1 {ox1:.2f} {oy1:.2f} L{ix1:.2f} {iy1:.2f} "
                 f"A{r_in} {r_in} 0 {large} 0 {ix0:.2f} {iy0:.2f} Z")
        else:
            d = f"M{cx} {cy} L{ox0:.2f} {oy0:.2f} A{R} {R} 0 {large} 1 {ox1:.2f} {oy1:.2f} Z"
        out.append(f'<path d="{d}" fill="{COLORS[j % len(COLORS)]}" stroke="#fff" stroke-width="1.5"/>')
        mid = (a0 + a1) / 2
        label = f"{fmt(value)}%"
        if p.labels in ("outside", "beside", "leader"):
            lx, ly = pt(R + 16, mid)
            if p.labels == "leader":  # labels pushed apart vertically, tied to their slice by a line
                ly = max(ly, (placed[-1] + 16) if placed and math.cos(mid) > 0 else ly)
                placed.append(ly)
                ex, ey = pt(R + 2, mid)
                kx = cx + (R + 26) * (1 if math.cos(mid) >= 0 else -1)
                out.append(f'<polyline points="{ex:.1f},{ey:.1f} {lx:.1f},{ly:.1f} {kx:.1f},{ly:.1f}" '
                           f'fill="none" stroke="#777" stroke-width="0.8"/>')
                lx = kx + (3 if math.cos(mid) >= 0 else -3)
            anchor = "start" if math.cos(mid) >= 0 else "end"
            text = f"{name} {label}" if p.labels == "beside" else label
            out.append(f'<text x="{lx:.1f}" y="{ly + 4:.1f}" font-size="11" text-anchor="{anchor}">{text}</text>')
        a0 = a1
    if p.legend or p.labels == "legend":
        for j, (name, value) in enumerate(p.slices):
            y = 90 + 18 * j
            out.append(f'<rect x="390" y="{y - 9}" width="10" height="10" fill="{COLORS[j % len(COLORS)]}"/>')
            text = f"{name} {fmt(value)}%" if p.labels == "legend" else name
            out.append(f'<text x="405" y="{y}" font-size="11">{text}</text>')
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="{p.font}">' + \
        "".join(out) + "</svg>"


def chromium_page(body: str, path: Path) -> None:
    html = ('<!doctype html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:15mm}'
            'body{font-family:"DejaVu Sans";margin:0}</style></head><body>' + body + "</body></html>")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
                        f"--print-to-pdf={path.resolve()}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    path.with_suffix(".html").write_text(html, encoding="utf-8")


# ------------------------------------------------------------------------------------------ matplotlib

def mpl_bars(b: Bars, path: Path, fonttype: int = 3) -> None:
    import matplotlib
    matplotlib.use("pdf")
    import matplotlib.pyplot as plt
    with matplotlib.rc_context({"pdf.fonttype": fonttype, "font.family": b.font}):
        fig, ax = plt.subplots(figsize=(6.5, 4))
        n, k = len(b.categories), len(b.series)
        width = 0.75 if b.stacked else 0.75 / k
        acc = [0.0] * n
        for j, (name, values) in enumerate(b.series):
            pos = [i + (0 if b.stacked else (j - (k - 1) / 2) * width) for i in range(n)]
            draw = ax.barh if b.horizontal else ax.bar
            kw = {"left" if b.horizontal else "bottom": acc} if b.stacked else {}
            bars = draw(pos, values, width, label=name, color=COLORS[j], **kw)
            if b.values != "none":
                ax.bar_label(bars, labels=[fmt(v) + ("%" if b.percent else "") if v or not b.hide_zeros else ""
                                           for v in values],
                             label_type="center" if b.values == "inside" else "edge", padding=0 if b.values == "inside" else 3,
                             color="white" if b.values == "inside" else "black", fontsize=8)
            acc = [a + v for a, v in zip(acc, values)]
        ticks = (ax.set_yticks if b.horizontal else ax.set_xticks)
        ticks(range(n), b.categories, rotation=0 if b.horizontal else b.rotate)
        (ax.set_xlim if b.horizontal else ax.set_ylim)(0, max(acc if b.stacked else [max(v) for _, v in b.series]) * 1.4)
        if b.horizontal:
            ax.invert_yaxis()
        if b.legend != "none":
            loc = {"top-right": "upper right", "top-left": "upper left", "bottom-left": "lower left"}[b.legend]
            ax.legend(loc=loc, fontsize=8)
        ax.set_title(b.title, loc="left", fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        fig.savefig(path, metadata={"Creator": "matplotlib", "CreationDate": None})
        plt.close(fig)


def mpl_pie(p: Pie, path: Path) -> None:
    import matplotlib
    matplotlib.use("pdf")
    import matplotlib.pyplot as plt
    with matplotlib.rc_context({"font.family": p.font}):
        fig, ax = plt.subplots(figsize=(6, 4))
        names = [n for n, _ in p.slices]
        values = [v for _, v in p.slices]
        kw = {"wedgeprops": {"width": 0.45}} if p.donut else {}
        if p.labels == "outside":
            wedges, *_ = ax.pie(values, colors=COLORS[:len(values)], startangle=90, counterclock=False,
                                autopct=lambda v: f"{v:.0f}%", pctdistance=1.18, **kw)
        else:
            wedges, *_ = ax.pie(values, colors=COLORS[:len(values)], startangle=90, counterclock=False, **kw)
        legend = [f"{n} {fmt(v)}%" for n, v in p.slices] if p.labels == "legend" else names
        ax.legend(wedges, legend, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=9)
        ax.set_title(p.title, loc="left", fontsize=11)
        fig.tight_layout()
        fig.savefig(path, metadata={"Creator": "matplotlib", "CreationDate": None})
        plt.close(fig)


@dataclass
class TwoPies:
    """Two pies in the same colours side by side under a headline that holds a percentage: a donut
    whose shares are only in its legend, and a pie with each category stacked over its share."""

    headline: str
    left: Pie
    right: Pie
    title: str = ""

    def truth(self) -> list[tuple[str, str, float, str]]:
        return []


def mpl_two_pies(t: TwoPies, path: Path) -> None:
    import matplotlib
    matplotlib.use("pdf")
    import matplotlib.pyplot as plt
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 3.6))
    fig.suptitle(t.headline, x=0.02, ha="left", fontsize=11, fontweight="bold")
    values = [v for _, v in t.left.slices]
    wedges, *_ = a.pie(values, colors=COLORS[:len(values)], startangle=90, counterclock=False,
                       wedgeprops={"width": 0.4})
    a.legend(wedges, [f"{n} {fmt(v)}%" for n, v in t.left.slices], loc="center left", bbox_to_anchor=(0.95, 0.5),
             fontsize=8)
    a.set_title(t.left.title, loc="left", fontsize=10)
    values = [v for _, v in t.right.slices]
    b.pie(values, colors=COLORS[:len(values)], startangle=90, counterclock=False, labeldistance=1.12,
          labels=[f"{n}\n{fmt(v)}%" for n, v in t.right.slices], textprops={"fontsize": 8})
    b.set_title(t.right.title, loc="left", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, metadata={"Creator": "matplotlib", "CreationDate": None})
    plt.close(fig)


@dataclass
class Table:
    """A ruled HTML table (collapsed 1 px borders, which Chromium draws as thin filled rectangles):
    not a chart, whatever its rules look like."""

    title: str
    header: list[str]
    rows: list[list[str]]

    def truth(self) -> list[tuple[str, str, float, str]]:
        return []


def html_table(t: Table, path: Path) -> None:
    cell = 'style="border:1px solid #000;padding:2px 6px"'
    rows = "".join("<tr>" + "".join(f"<td {cell}>{c}</td>" for c in r) + "</tr>" for r in t.rows)
    head = "<tr>" + "".join(f"<th {cell}>{h}</th>" for h in t.header) + "</tr>"
    chromium_page(f'<h3>{t.title}</h3><table style="border-collapse:collapse;font-size:10px">{head}{rows}</table>',
                  path)


# ------------------------------------------------------------------------------------------ the pages

MEETINGS = [("2023", [14, 9, 11, 6]), ("2022", [10, 12, 7, 8])]
KOSOVO = ["Prizren", "Pejë", "Gjilan", "Ferizaj"]
PAGES: dict[str, tuple[Callable[[object, Path], None], Bars | Pie | TwoPies | Table]] = {}


def page(name: str, make: Callable, spec: Bars | Pie | TwoPies | Table) -> None:
    PAGES[name] = (make, spec)


svg = lambda spec, path: chromium_page(svg_bars(spec) if isinstance(spec, Bars) else svg_pie(spec), path)  # noqa: E731
page("svg-vbar-above", svg, Bars("Numri i takimeve të KKSB-ve", KOSOVO, MEETINGS, swatch="circle"))
page("svg-vbar-rounded-pieces", svg, Bars("Broj sastanaka OBSZ", KOSOVO, MEETINGS, rx=4, pieces=2,
                                          legend="bottom-left", font="Liberation Serif"))
page("svg-hbar-html-legend", svg, Bars("Numri i takimeve të mbajtura gjatë vitit 2016", KOSOVO,
                                       [("Janar – shtator 2016", [2, 10, 11, 4]), ("Janar – dhjetor 2015", [7, 8, 6, 9])],
                                       horizontal=True, legend="html", font="Noto Sans"))
page("svg-vbar-axis-only", svg, Bars("Number of LPSC meetings", KOSOVO, MEETINGS, values="none",
                                     legend="top-left", swatch="line"))
page("svg-hbar-right", svg, Bars("Anëtarët sipas komunitetit", ["Serbët", "Turqit", "Romët", "Goranët", "Boshnjakët"],
                                 [("", [9, 4, 6, 2, 7])], horizontal=True, legend="none", as_path=True))
page("svg-hbar-stacked", svg, Bars("Zajednice bez predstavnika", KOSOVO[:3],
                                   [("Roma", [3, 2, 4]), ("Ashkali", [5, 3, 2])], horizontal=True, stacked=True,
                                   values="inside", font="Liberation Sans"))
page("svg-vbar-rotated", svg, Bars("Pjesëmarrja e grave (%)", ["Mitrovicë e Veriut", "Zveçan", "Leposaviq",
                                                              "Zubin Potok"],
                                   [("", [22.5, 31.0, 18.5, 40.0])], legend="none", rotate=-45, percent=True))
page("svg-stacked-run-together", svg, Bars("Takimet sipas llojit", ["Gjilan", "Ferizaj", "Kamenicë", "Viti"],
                                           [("Të rregullta", [8, 6, 5, 7]), ("Të jashtëzakonshme", [3, 2, 4, 2])],
                                           stacked=True, values="inside", run_together=True))
page("svg-stacked-run-together-long", svg, Bars("Sastanci po vrsti", ["Mitrovicë e Veriut", "Zveçan", "Leposaviq",
                                                                      "Zubin Potok", "Vushtrri"],
                                                [("Redovni", [6, 5, 7, 4, 8]), ("Vanredni", [3, 4, 2, 3, 3])],
                                                stacked=True, values="inside", run_together=True, legend="top-left"))
page("svg-stacked-axis-only", svg, Bars("Zajednice bez predstavnika u OSBZ", ["Đakovica", "Vučitrn", "Glogovac"],
                                        [("Aškalije", [1, 0, 1]), ("Romi", [1, 1, 0]), ("Egipćani", [0, 1, 1])],
                                        stacked=True, values="none", hide_zeros=True, legend="bottom-left"))
page("svg-stacked-legend-rows", svg, Bars("Komunitetet që nuk kanë përfaqësues në KKSB", ["Deçan", "Junik", "Viti"],
                                         [("Boshnjak të Kosovës", [0, 1, 1]), ("Turk të Kosovës", [1, 1, 0]),
                                          ("Romë të Kosovës", [1, 0, 1]), ("Ashkali të Kosovës", [0, 1, 1]),
                                          ("Egjiptian të Kosovës", [1, 0, 0]), ("Goran të Kosovës", [0, 0, 1])],
                                         stacked=True, values="none", hide_zeros=True, legend="html-rows"))
page("svg-pie-outside", svg, Pie("Gjinia e anëtarëve", [("Burra", 62.0), ("Gra", 38.0)]))
page("svg-pie-leader", svg, Pie("A jeni të informuar?", [("Po", 71.0), ("Jo", 21.0), ("Nuk e di", 5.0),
                                                         ("Refuzoj", 3.0)], labels="leader"))
page("svg-donut-legend", svg, Pie("Pol članova", [("Muškarci", 66.0), ("Žene", 34.0)], donut=True,
                                  labels="legend", start=0))
page("svg-pie-beside", svg, Pie("Members by gender", [("Men", 58.0), ("Women", 42.0)], labels="beside",
                                legend=False))
page("mpl-vbar-grouped", mpl_bars, Bars("Numri i takimeve të KKSB-ve", KOSOVO, MEETINGS))
page("mpl-hbar-truetype", lambda s, p: mpl_bars(s, p, fonttype=42),
     Bars("Anëtarët sipas komunitetit", ["Serbët", "Turqit", "Romët", "Goranët"], [("", [9, 4, 6, 2])],
          horizontal=True, legend="none"))
page("mpl-vbar-stacked", mpl_bars, Bars("Zajednice bez predstavnika", KOSOVO,
                                        [("Roma", [3, 2, 4, 1]), ("Ashkali", [5, 3, 2, 4])], stacked=True,
                                        values="inside", legend="top-left"))
page("mpl-vbar-stacked-zeros", mpl_bars, Bars("Komunitetet pa përfaqësues", ["Klinë", "Novo Brdo", "Skënderaj"],
                                              [("Egjiptian", [0, 1, 0]), ("Boshnjak", [1, 0, 1]), ("Goran", [0, 0, 0]),
                                               ("Romë", [1, 0, 1])], stacked=True, values="inside", hide_zeros=True))
page("mpl-vbar-axis-only", mpl_bars, Bars("Number of LPSC meetings", KOSOVO, MEETINGS, values="none"))
page("mpl-vbar-rotated", mpl_bars, Bars("Pjesëmarrja e grave (%)", ["Mitrovicë e Veriut", "Zveçan", "Leposaviq",
                                                                   "Zubin Potok"],
                                        [("", [22.5, 31.0, 18.5, 40.0])], legend="none", rotate=45, percent=True))
page("mpl-pie-outside", mpl_pie, Pie("Gjinia e anëtarëve", [("Burra", 62.0), ("Gra", 38.0)]))
page("mpl-donut-legend", mpl_pie, Pie("Pol članova", [("Muškarci", 66.0), ("Žene", 34.0)], donut=True,
                                      labels="legend"))


page("html-ruled-table", html_table, Table("Broj održanih sastanaka", ["Opština", "2023", "2022"],
                                          [[m, str(a), str(b)] for m, (a, b) in zip(KOSOVO * 4, [(10, 8), (7, 0), (11, 8),
                                           (4, 5), (9, 9), (4, 2), (12, 1), (1, 3)] * 2)]))
page("mpl-two-pies", mpl_two_pies, TwoPies("50.5% of meetings addressed communities' concerns",
                                          Pie("Women and men as MCSC chairpersons", [("Women", 18.2), ("Men", 81.8)]),
                                          Pie("Gender of community representatives", [("Women", 31.2), ("Men", 68.8)])))


def main(prefixes: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    truth_path = OUT / "truth.json"
    truth = json.loads(truth_path.read_text()) if truth_path.exists() else {}
    for name, (make, spec) in PAGES.items():
        if prefixes and not any(name.startswith(p) for p in prefixes):
            continue
        make(spec, OUT / f"{name}.pdf")
        truth[name] = {"title": spec.title, "kind": type(spec).__name__.lower(),
                       "cells": [list(c) for c in spec.truth()], "spec": asdict(spec)}
        if isinstance(spec, TwoPies):  # one entry per pie: the tests read them by caption
            del truth[name]
            for side in ("left", "right"):
                pie = getattr(spec, side)
                truth[f"{name}/{side}"] = {"title": pie.title, "kind": "pie", "file": name,
                                           "cells": [list(c) for c in pie.truth()], "spec": asdict(pie)}
        print("made", name)
    truth_path.write_text(json.dumps(dict(sorted(truth.items())), ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
