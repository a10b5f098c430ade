"""Charts written as inline SVG (rects, paths, text): bars of every orientation and mode, pies, donuts.

Each chart returns its markup and the text it printed for every value (None when a value is only
drawn), so the truth knows what a reader can see.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from typing import Callable

Fmt = Callable[[float], str]


@dataclass
class Style:
    font: str = "Liberation Sans"
    size: float = 9.0
    palette: tuple[str, ...] = ("#1f4e79", "#9dc3e6", "#c55a11", "#70ad47", "#ffc000", "#7030a0", "#5b9bd5",
                                "#a5a5a5", "#264478", "#9e480e", "#636363")
    ink: str = "#222"
    grid: str = "#d9d9d9"
    doubled: bool = False         # labels painted twice, slightly offset (the fake-bold text-layer defect)


@dataclass
class Series:
    name: str
    values: list[float]


@dataclass
class Chart:
    svg: str
    printed: dict[tuple[int, int], str | None] = field(default_factory=dict)


def _text(x: float, y: float, s: str, st: Style, anchor: str = "start", size: float | None = None,
          fill: str | None = None, rotate: float = 0, weight: str = "normal", label: bool = False) -> str:
    tr = f' transform="rotate({rotate:.0f} {x:.1f} {y:.1f})"' if rotate else ""
    attrs = (f'text-anchor="{anchor}" font-size="{size or st.size:.1f}" font-weight="{weight}" '
             f'fill="{fill or st.ink}" font-family="{st.font}"')
    one = f'<text x="{x:.1f}" y="{y:.1f}" {attrs}{tr}>{escape(s)}</text>'
    if label and st.doubled:
        tr2 = f' transform="rotate({rotate:.0f} {x + 0.4:.1f} {y:.1f})"' if rotate else ""
        one += f'<text x="{x + 0.4:.1f}" y="{y:.1f}" {attrs}{tr2}>{escape(s)}</text>'
    return one


def _nice_max(vmax: float, step: float) -> float:
    return max(step, math.ceil(vmax / step) * step)


def _legend(entries: list[tuple[str, str]], x: float, y: float, st: Style, vertical: bool,
            width: float) -> tuple[str, float]:
    """Swatches with labels from (x, y); returns markup and the height used."""
    out, cx, cy, line = [], x, y, st.size + 5
    for name, colour in entries:
        w = 14 + len(name) * st.size * 0.56
        if not vertical and cx + w > x + width and cx > x:
            cx, cy = x, cy + line
        out.append(f'<rect x="{cx:.1f}" y="{cy - st.size + 1:.1f}" width="{st.size:.1f}" height="{st.size:.1f}" '
                   f'fill="{colour}"/>')
        out.append(_text(cx + st.size + 4, cy, name, st, label=True))
        if vertical:
            cy += line
        else:
            cx += w + 12
    return "".join(out), (cy - y + line)


def bars(cats: list[str], series: list[Series], fmt: Fmt, st: Style, *, orient: str = "v",
         stacked: bool = False, labels: str = "outside", legend: str = "top-right", rotate: int = -45,
         step: float = 2, width: float = 480, height: float = 260, ticks: bool = True,
         title: str | None = None) -> Chart:
    """Grouped or stacked bars; labels 'outside', 'inside' or 'none' (then ticks and gridlines carry the values)."""
    if labels == "none":
        ticks = True
    chart = Chart("")
    body: list[str] = []
    n_s = len(series)
    totals = [sum(s.values[i] for s in series) for i in range(len(cats))] if stacked else \
        [max(s.values[i] for s in series) for i in range(len(cats))]
    vmax = _nice_max(max(totals) * (1.12 if labels == "outside" and not stacked else 1.0), step)
    top = 6.0
    if title:
        body.append(_text(0, st.size + 2, title, st, weight="bold", size=st.size + 1))
        top += st.size + 8
    entries = [(s.name, st.palette[k % len(st.palette)]) for k, s in enumerate(series)]
    right_pad = 0.0
    if legend in ("top-left", "top-right") and n_s > 1:
        lw = sum(14 + len(n) * st.size * 0.56 + 12 for n, _ in entries)
        lx = 4 if legend == "top-left" or lw > width - 20 else width - lw
        mk, lh = _legend(entries, lx, top + st.size, st, False, width - lx)
        body.append(mk)
        top += lh + 4
    if legend == "right" and n_s > 1:
        right_pad = max(14 + len(n) * st.size * 0.56 for n, _ in entries) + 10
    bottom_legend = legend == "bottom" and n_s > 1
    longest = max(len(c) for c in cats) * st.size * 0.55
    if orient == "v":
        under = {0: st.size + 6, -45: longest * 0.72 + 10, -90: longest + 8}[rotate]
        left = 8 + (len(fmt(vmax)) * st.size * 0.6 if ticks else 0)
        leg_h = (st.size + 8) * (1 + len(entries) // 4) if bottom_legend else 0
        x0, x1, y0, y1 = left, width - right_pad - 4, height - under - leg_h, top
        scale = (y0 - y1) / vmax
        if ticks:
            v = 0.0
            while v <= vmax + 1e-9:
                y = y0 - v * scale
                body.append(f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" stroke="{st.grid}" '
                            f'stroke-width="0.6"/>')
                body.append(_text(x0 - 4, y + st.size * 0.35, fmt(v), st, anchor="end", size=st.size - 1))
                v += step
        body.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y0:.1f}" stroke="{st.ink}" '
                    f'stroke-width="0.8"/>')
        gw = (x1 - x0) / len(cats)
        band = (x0, gw, 0.14, gw * 0.72 / (1 if stacked else n_s))
        for i, cat in enumerate(cats):
            _bar_group(body, chart, "v", i, series, band, (x0, y0), scale, stacked, labels, fmt, st)
            lx = x0 + i * gw + gw / 2
            if rotate == 0:
                body.append(_text(lx, y0 + st.size + 3, cat, st, anchor="middle", label=True))
            else:
                body.append(_text(lx + 3, y0 + 8, cat, st, anchor="end", rotate=rotate, label=True))
        if bottom_legend:
            mk, _ = _legend(entries, x0, height - leg_h + st.size, st, False, x1 - x0)
            body.append(mk)
    else:
        left = longest + 10
        under = (st.size + 8 if ticks else 4) + ((st.size + 8) * (1 + len(entries) // 4) if bottom_legend else 0)
        x0, x1, y0, y1 = left, width - right_pad - (34 if labels == "outside" else 8), top, height - under
        scale = (x1 - x0) / vmax
        gh = (y1 - y0) / len(cats)
        bh = gh * 0.74 / (1 if stacked else n_s)
        if ticks:
            v = 0.0
            while v <= vmax + 1e-9:
                x = x0 + v * scale
                body.append(f'<line x1="{x:.1f}" y1="{y0:.1f}" x2="{x:.1f}" y2="{y1:.1f}" stroke="{st.grid}" '
                            f'stroke-width="0.6"/>')
                body.append(_text(x, y1 + st.size + 3, fmt(v), st, anchor="middle", size=st.size - 1))
                v += step
        body.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x0:.1f}" y2="{y1:.1f}" stroke="{st.ink}" '
                    f'stroke-width="0.8"/>')
        band = (y0, gh, 0.13, bh)
        for i, cat in enumerate(cats):
            _bar_group(body, chart, "h", i, series, band, (x0, y0), scale, stacked, labels, fmt, st)
            body.append(_text(x0 - 5, y0 + i * gh + gh / 2 + st.size * 0.35, cat, st, anchor="end", label=True))
        if bottom_legend:
            mk, _ = _legend(entries, x0, height - (st.size + 8) * (1 + len(entries) // 4) + st.size, st, False,
                            x1 - x0)
            body.append(mk)
    if legend == "right" and n_s > 1:
        mk, _ = _legend(entries, width - right_pad + 4, top + st.size + 4, st, True, right_pad)
        body.append(mk)
    chart.svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
                 f'viewBox="0 0 {width:.0f} {height:.0f}">' + "".join(body) + "</svg>")
    return chart


def _bar_group(body: list[str], chart: Chart, orient: str, i: int, series: list[Series],
               band: tuple[float, float, float, float], origin: tuple[float, float], scale: float, stacked: bool,
               labels: str, fmt: Fmt, st: Style) -> None:
    """The bars of category i (side by side, or stacked) and their value labels, in either orientation:
    `band` is (category-axis start, group width, padding share, bar thickness), `origin` the axes' corner."""
    start, group, pad, thick = band
    x0, y0 = origin
    g = start + i * group + group * pad
    done = 0.0          # value-axis length already stacked
    for k, s in enumerate(series):
        v = s.values[i]
        length = v * scale
        c = g if stacked else g + k * thick
        if orient == "v":
            x, y, w, h = c, y0 - done - length, thick, length
        else:
            x, y, w, h = x0 + done, c, length, thick
        if length > 0:
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                        f'fill="{st.palette[k % len(st.palette)]}"/>')
        printed = None
        if labels != "none" and not (stacked and v == 0):
            printed = fmt(v)
            if orient == "v":
                room, inside_at, outside_at = length > st.size + 4, (x + w / 2, y + st.size + 1), (x + w / 2, y - 3)
                fill, inside_anchor, outside_anchor = ("#fff" if k % 2 == 0 or stacked else st.ink), "middle", "middle"
            else:
                ty = y + h / 2 + st.size * 0.35
                room = length > len(printed) * st.size * 0.6 + 6
                inside_at, outside_at = (x + w - 3, ty), (x + w + 3, ty)
                fill, inside_anchor, outside_anchor = "#fff", "end", "start"
            if labels == "inside" and room:
                body.append(_text(*inside_at, printed, st, anchor=inside_anchor, fill=fill, size=st.size - 1))
            elif stacked:
                printed = None          # no room beside a thin segment: drawn only
            else:
                body.append(_text(*outside_at, printed, st, anchor=outside_anchor, size=st.size - 1))
        chart.printed[(k, i)] = printed
        if stacked:
            done += length


def pie(slices: list[tuple[str, float]], fmt: Fmt, st: Style, *, donut: bool = False, labels: str = "inside",
        legend: str = "right", size: float = 200, title: str | None = None) -> Chart:
    """A pie or donut; labels 'inside', 'outside' (leader lines) or 'legend' (the value printed in the legend)."""
    chart = Chart("")
    body: list[str] = []
    top = 4.0
    if title:
        body.append(_text(0, st.size + 2, title, st, weight="bold", size=st.size + 1))
        top += st.size + 8
    pad = 46 if labels == "outside" else 6
    r = size / 2 - pad
    cx, cy = size / 2, top + size / 2
    total = sum(v for _, v in slices)
    a = -math.pi / 2
    names = []
    for k, (name, v) in enumerate(slices):
        colour = st.palette[k % len(st.palette)]
        frac = v / total if total else 0
        b = a + frac * 2 * math.pi
        large = 1 if b - a > math.pi else 0
        x_a, y_a = cx + r * math.cos(a), cy + r * math.sin(a)
        x_b, y_b = cx + r * math.cos(b), cy + r * math.sin(b)
        if frac >= 0.9999:
            body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{colour}"/>')
        elif frac > 0:
            body.append(f'<path d="M{cx:.1f},{cy:.1f} L{x_a:.1f},{y_a:.1f} A{r:.1f},{r:.1f} 0 {large} 1 '
                        f'{x_b:.1f},{y_b:.1f} Z" fill="{colour}" stroke="#fff" stroke-width="1"/>')
        mid = (a + b) / 2
        printed = fmt(v)
        where = labels
        if where == "inside" and frac < 0.07:
            where = "outside"
        if where == "inside":
            rr = r * (0.78 if donut else 0.62)
            body.append(_text(cx + rr * math.cos(mid), cy + rr * math.sin(mid) + st.size * 0.35, printed, st,
                              anchor="middle", fill="#fff", weight="bold"))
        elif where == "outside":
            ex, ey = cx + r * math.cos(mid), cy + r * math.sin(mid)
            kx, ky = cx + (r + 12) * math.cos(mid), cy + (r + 12) * math.sin(mid)
            right = math.cos(mid) >= 0
            tx = kx + (10 if right else -10)
            body.append(f'<polyline points="{ex:.1f},{ey:.1f} {kx:.1f},{ky:.1f} {tx:.1f},{ky:.1f}" fill="none" '
                        f'stroke="{st.ink}" stroke-width="0.6"/>')
            body.append(_text(tx + (2 if right else -2), ky + st.size * 0.35, printed, st,
                              anchor="start" if right else "end"))
        chart.printed[(0, k)] = printed
        names.append((f"{name} {printed}" if labels == "legend" else name, colour))
        a = b
    if donut:
        body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r * 0.55:.1f}" fill="#fff"/>')
    width, height = size, top + size
    if labels == "legend":      # the values are in the legend: never painted twice
        st = Style(st.font, st.size, st.palette, st.ink, st.grid, doubled=False)
    if legend == "right":
        mk, _ = _legend(names, size + 4, top + size / 2 - len(names) * (st.size + 5) / 2 + st.size, st, True, 160)
        body.append(mk)
        width = size + 12 + max(14 + len(n) * st.size * 0.56 for n, _ in names)
    else:
        mk, lh = _legend(names, 4, top + size + st.size + 4, st, False, size * 1.6)
        body.append(mk)
        width, height = max(size, size * 1.6), top + size + lh + 8
    chart.svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
                 f'viewBox="0 0 {width:.0f} {height:.0f}">' + "".join(body) + "</svg>")
    return chart
