"""Charts and tables drawn natively by matplotlib, in the ways a statistician's script varies
them: bar orientation, grouping, value labels, legends, pies and donuts, ruled or bare tables."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np

from .page import Page, text_width, wrap  # noqa: F401  (wrap is re-exported for the kinds)

MIN_HEADER_SIZE = 4.6   # points; below this a printed header is unreadable
LEGEND_LOCS = ["upper right", "lower right", "upper left", "lower left", "upper center", "best"]


@dataclass
class BarLook:
    """How one bar chart is drawn."""
    horizontal: bool
    labels: str           # inside, outside, none
    legend: str | None    # a matplotlib loc, 'below', or None for no legend
    grid: bool
    rotated: bool = False  # category labels set vertically (their text layer reads scrambled)

    def __str__(self) -> str:
        return (f"{'barh' if self.horizontal else 'bar'} labels={self.labels} legend={self.legend}"
                f"{' grid' if self.grid else ''}{' rotated' if self.rotated else ''}")

    @classmethod
    def draw(cls, rng: random.Random, horizontal: bool | None = None, series: int = 1) -> "BarLook":
        labels = rng.choice(["inside", "outside", "outside", "none"])
        legend = rng.choice(LEGEND_LOCS + ["below"]) if series > 1 else None
        return cls(horizontal=rng.random() < 0.5 if horizontal is None else horizontal,
                   labels=labels, legend=legend, grid=labels == "none" or rng.random() < 0.4)


def bars(ax, cats: list[str], series: list[tuple[str, list[float], list[str]]], look: BarLook,
         stacked: bool = False, label_size: float = 6.5, cat_size: float = 6.5) -> None:
    """Grouped or stacked bars; series are (name, values, printed value texts)."""
    n = len(series)
    idx = np.arange(len(cats))
    width = 0.8 if stacked else 0.8 / n
    base = np.zeros(len(cats))
    top = max((sum(s[1][i] for s in series) if stacked else max(s[1][i] for s in series))
              for i in range(len(cats))) or 1
    for k, (name, vals, texts) in enumerate(series):
        pos = idx if stacked else idx - 0.4 + width * (k + 0.5)
        if look.horizontal:
            cont = ax.barh(pos, vals, height=width * 0.92, left=base if stacked else None, label=name)
        else:
            cont = ax.bar(pos, vals, width=width * 0.92, bottom=base if stacked else None, label=name)
        if look.labels != "none":
            inside = look.labels == "inside" or stacked
            shown = [t if (v > 0 or not inside) else "" for v, t in zip(vals, texts)]
            ax.bar_label(cont, labels=shown, label_type="center" if inside else "edge",
                         padding=0 if inside else 2, fontsize=label_size,
                         color="white" if inside and k == 0 else "#222222")
        if stacked:
            base = base + np.array(vals)
    if look.horizontal:
        ax.set_yticks(idx, cats, fontsize=cat_size)
        ax.invert_yaxis()
        ax.set_xlim(0, top * (1.18 if look.labels == "outside" else 1.05))
        if look.grid:
            ax.xaxis.grid(True, color="#dddddd", lw=0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
    else:
        look.rotated = sum(len(c) + 2 for c in cats) * cat_size * 0.55 > ax.get_position().width * ax.figure.get_figwidth() * 72
        ax.set_xticks(idx, cats, fontsize=cat_size, rotation=90 if look.rotated else 0)
        ax.set_ylim(0, top * (1.15 if look.labels == "outside" else 1.05))
        if look.grid:
            ax.yaxis.grid(True, color="#dddddd", lw=0.5)
        ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_axisbelow(True)
    if look.labels != "none" and not look.grid:
        # Labelled bars often come without a value axis at all.
        (ax.xaxis if look.horizontal else ax.yaxis).set_visible(False)
        ax.spines["bottom" if look.horizontal else "left"].set_visible(False)
    if look.legend == "below":
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08 if look.horizontal else -0.35),
                  ncol=min(n, 3), frameon=False)
    elif look.legend:
        ax.legend(loc=look.legend, frameon=False)


def pie(ax, labels: list[str], values: list[float], texts: list[str], mode: str, donut: bool,
        legend_loc: str = "center left") -> None:
    """mode: 'inside' (autopct), 'outside' (labels with leader lines), 'legend' (values only in
    the legend)."""
    it = iter(texts)
    kw = {"wedgeprops": {"width": 0.42, "edgecolor": "white"}} if donut else {"wedgeprops": {"edgecolor": "white"}}
    if mode == "inside":
        wedges, _, autos = ax.pie(values, autopct=lambda _pct: next(it), startangle=90, counterclock=False,
                                  pctdistance=0.78 if donut else 0.6, textprops={"fontsize": 7}, **kw)
        ax.legend(wedges, labels, loc=legend_loc, bbox_to_anchor=(0.92, 0.5), frameon=False, fontsize=7)
    else:
        wedges, _ = ax.pie(values, startangle=90, counterclock=False, **kw)
        if mode == "outside":
            for w, lab, t in zip(wedges, labels, texts):
                ang = math.radians((w.theta1 + w.theta2) / 2)
                x, y = math.cos(ang), math.sin(ang)
                ax.annotate(f"{lab}\n{t}", xy=(0.98 * x, 0.98 * y), xytext=(1.38 * x, 1.3 * y),
                            ha="left" if x >= 0 else "right", va="center", fontsize=7,
                            arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.6})
        else:
            ax.legend(wedges, [f"{lab} {t}" for lab, t in zip(labels, texts)], loc=legend_loc,
                      bbox_to_anchor=(0.92, 0.5), frameon=False, fontsize=7)
    ax.set_aspect("equal")


def table(page: Page, x: float, y: float, widths: list[float], header: list[str],
          rows: list[list[str]], style: str, size: float = 7.5, aligns: str | None = None,
          header_fill: str | None = None, cell_colors: dict[tuple[int, int], str] | None = None,
          pad: float = 3.0, header_size: float | None = None) -> float:
    """A table drawn with lines and text; style is ruled, header (rules under header and at the
    end only), zebra or none. Cells wrap inside their column. Returns the y below the table."""
    aligns = aligns or "l" + "c" * (len(widths) - 1)
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)

    def fitting(cells: list[str], fs: float) -> float:
        """A header whose longest word does not fit its column is set smaller, as a designer would."""
        while fs > MIN_HEADER_SIZE and any(text_width(word, fs, "bold") > w - 2 * pad
                                           for c, w in zip(cells, widths) for word in c.split()):
            fs -= 0.2
        return fs

    def draw_row(cells: list[str], top: float, bold: bool, fill: str | None, ri: int) -> float:
        fs = fitting(cells, header_size or size) if bold else size
        lead = fs * 1.22
        wrapped = [wrap(c, w - 2 * pad, fs, "bold" if bold else "normal") if c else [""]
                   for c, w in zip(cells, widths)]
        h = max(len(w) for w in wrapped) * lead + 2 * pad
        if fill:
            page.rect(xs[0], top, xs[-1] - xs[0], h, fill)
        for ci, (lines, a) in enumerate(zip(wrapped, aligns)):
            if cell_colors and (ri, ci) in cell_colors:
                page.rect(xs[ci], top, widths[ci], h, cell_colors[(ri, ci)])
            cx = {"l": xs[ci] + pad, "c": (xs[ci] + xs[ci + 1]) / 2, "r": xs[ci + 1] - pad}[a]
            ty = top + pad + (h - 2 * pad - len(lines) * lead) / 2
            for ln in lines:
                page.text(cx, ty, ln, size=fs, weight="bold" if bold else "normal",
                          ha={"l": "left", "c": "center", "r": "right"}[a])
                ty += lead
        if style == "ruled":
            for xv in xs:
                page.line(xv, top, xv, top + h, lw=0.5)
            page.line(xs[0], top + h, xs[-1], top + h, lw=0.5)
        return top + h

    top = y
    if style == "ruled":
        page.line(xs[0], top, xs[-1], top, lw=0.5)
    elif style in ("header", "zebra"):
        page.line(xs[0], top, xs[-1], top, lw=1.0)
    top = draw_row(header, top, True, header_fill, -1)
    if style in ("header", "zebra"):
        page.line(xs[0], top, xs[-1], top, lw=0.8)
    for ri, r in enumerate(rows):
        fill = "#eef2f7" if style == "zebra" and ri % 2 == 1 else None
        top = draw_row(r, top, False, fill, ri)
    if style in ("header", "zebra"):
        page.line(xs[0], top, xs[-1], top, lw=1.0)
    return top + 4


def mpl_table(ax, header: list[str], rows: list[list[str]], col_widths: list[float], size: float = 7.5,
              header_color: str = "#d9e2f3") -> None:
    """A table through ax.table (the matplotlib way), header row shaded."""
    ax.axis("off")
    t = ax.table(cellText=rows, colLabels=header, colWidths=col_widths, loc="upper center",
                 cellLoc="center", colLoc="center")
    t.auto_set_font_size(False)
    t.set_fontsize(size)
    for (r, c), cell in t.get_celld().items():
        cell.set_linewidth(0.4)
        if r == 0:
            cell.set_facecolor(header_color)
            cell.get_text().set_fontweight("bold")
        if c == 0 and r > 0:
            cell.get_text().set_ha("left")
            cell.PAD = 0.03
    t.scale(1, 1.35)


def cards(page: Page, x: float, y: float, width: float, items: list[tuple[str, str]], cols: int,
          number_first: bool, color: str, boxed: bool) -> float:
    """A grid of statistic cards (number then label, or label then number). Returns y below."""
    gap = 8
    w = (width - gap * (cols - 1)) / cols
    wrapped = [wrap(label, w - 16, 7) for label, _ in items]
    h = 32 + 8.5 * max(len(x) for x in wrapped)
    for i, ((_, num), lines) in enumerate(zip(items, wrapped)):
        r, c = divmod(i, cols)
        cx, cy = x + c * (w + gap), y + r * (h + gap)
        if boxed:
            page.rect(cx, cy, w, h, "#f3f6fa", edge=color)
        else:
            page.rect(cx, cy, 3, h, color)
        ly = cy + (28 if number_first else 5)
        for ln in lines:
            page.text(cx + 10, ly, ln, size=7)
            ly += 8.5
        page.text(cx + 10, cy + (6 if number_first else 7 + 8.5 * len(lines)), num, size=16,
                  weight="bold", color=color)
    rows = (len(items) + cols - 1) // cols
    return y + rows * (h + gap)
