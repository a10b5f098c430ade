"""HTML building blocks and the CSS designs (report grid, dashboard cards, plain ruled, brochure)."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

FONTS = {
    "serif": '"Liberation Serif", "DejaVu Serif", serif',
    "dejavu": '"DejaVu Sans", sans-serif',
    "noto": '"Noto Sans", "DejaVu Sans", sans-serif',
    "arial": '"Liberation Sans", Arial, sans-serif',
    "narrow": '"Liberation Sans Narrow", "Liberation Sans", sans-serif',
    "notoserif": '"Noto Serif", "DejaVu Serif", serif',
}
# The first family of each stack, for SVG text.
SVG_FONT = {"serif": "Liberation Serif", "dejavu": "DejaVu Sans", "noto": "Noto Sans", "arial": "Liberation Sans",
            "narrow": "Liberation Sans Narrow", "notoserif": "Noto Serif"}


@dataclass(frozen=True)
class Page:
    size: str = "A4"            # A4 or Letter
    landscape: bool = False

    @property
    def css_size(self) -> str:
        return f"{self.size} {'landscape' if self.landscape else 'portrait'}"

    @property
    def width_px(self) -> float:
        """Usable width in CSS px between 14 mm margins."""
        w_mm = {"A4": (210, 297), "Letter": (215.9, 279.4)}[self.size]
        w = w_mm[1] if self.landscape else w_mm[0]
        return (w - 28) * 96 / 25.4

    @property
    def height_px(self) -> float:
        h_mm = {"A4": (210, 297), "Letter": (215.9, 279.4)}[self.size]
        h = h_mm[0] if self.landscape else h_mm[1]
        return (h - 36) * 96 / 25.4


def margin_boxes(header: dict[str, str]) -> str:
    """@page margin boxes; values are CSS content expressions (strings quoted, counter(page) allowed)."""
    return "".join(f"@{box} {{ content: {content}; font: 7.5pt {FONTS['arial']}; color: #555 }}"
                   for box, content in header.items())


def css_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


BASE = """
* { box-sizing: border-box }
html, body { margin: 0; padding: 0 }
body { font-family: %(font)s; font-size: %(fs)spt; color: #1b1b1b; line-height: 1.28 }
@page { size: %(size)s; margin: 18mm 14mm; %(boxes)s }
section.sheet { break-after: page; }
section.sheet:last-child { break-after: auto; }
figure { margin: 0 0 8px 0; break-inside: avoid }
figcaption { font-weight: bold; margin-bottom: 4px }
table { border-collapse: collapse; break-inside: avoid }
td, th { padding: 2px 5px; vertical-align: middle }
th { font-weight: bold }
td.n, th.n { text-align: right }
td.c, th.c { text-align: center }
.note { font-size: 0.82em; color: #444 }
.big { font-size: 2.2em; font-weight: bold; line-height: 1.05 }
.spaced { letter-spacing: 0.28em }
.runon span + span { margin-left: 0 }
.legend-line { font-size: 0.9em }
"""

DESIGNS = {
    # report: serif text, navy headings, a two-column grid, fully ruled tables
    "report": """
h1 { font-size: 17pt; color: #0b2f5b; margin: 0 0 4px } h2 { font-size: 11.5pt; color: #0b2f5b;
 border-bottom: 1.2px solid #0b2f5b; margin: 8px 0 5px; padding-bottom: 2px }
.masthead { border-bottom: 3px double #0b2f5b; margin-bottom: 8px; padding-bottom: 4px }
.grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 18px; row-gap: 6px }
.grid3 { display: grid; grid-template-columns: 1fr 1fr 1fr; column-gap: 12px }
table.t td, table.t th { border: 0.8px solid #6a7a8c }
table.t th { background: #dde5ef }
.card { border: 0.8px solid #6a7a8c; padding: 6px 8px; margin-bottom: 6px }
""",
    # dashboard: sans, a colour band, cards with rounded corners, zebra tables without verticals
    "dashboard": """
h1 { font-size: 16pt; color: #00677f; margin: 0 } h2 { font-size: 11pt; color: #00677f; margin: 6px 0 4px }
.masthead { background: #00677f; color: #fff; padding: 8px 12px; border-radius: 6px; margin-bottom: 8px }
.masthead h1 { color: #fff }
.masthead .sub { color: #cfe8ee }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 10px }
.grid3 { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 10px }
.card { background: #f3f7f9; border-radius: 8px; padding: 8px 10px; margin-bottom: 8px;
 box-shadow: 0 1px 2px rgba(0,0,0,.18) }
table.t th { border-bottom: 1.4px solid #00677f; text-align: left }
table.t tr:nth-child(even) td { background: #e6f0f3 }
""",
    # plain: one column, ruled tables, black on white
    "plain": """
h1 { font-size: 15pt; margin: 0 0 6px } h2 { font-size: 11pt; margin: 10px 0 4px; text-transform: none }
.masthead { margin-bottom: 8px }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 10px } .grid3 { display: block }
table.t td, table.t th { border: 0.6px solid #000 }
.card { margin-bottom: 6px }
""",
    # brochure: side rule, three narrow columns, header-rule-only tables, unruled lists
    "brochure": """
h1 { font-size: 15pt; color: #7a1f2b; margin: 0 } h2 { font-size: 10.5pt; color: #7a1f2b; margin: 6px 0 3px;
 text-transform: uppercase }
.masthead { border-left: 6px solid #7a1f2b; padding-left: 10px; margin-bottom: 8px }
.grid { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 12px }
.grid3 { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 12px }
table.t th { border-bottom: 1px solid #7a1f2b; border-top: 1px solid #7a1f2b }
table.t tr:last-child td { border-bottom: 1px solid #7a1f2b }
.card { padding: 4px 0; border-top: 1px solid #c9a0a6; margin-bottom: 6px }
""",
}

DESIGN_FONTS = {"report": ("serif", "notoserif"), "dashboard": ("dejavu", "noto"), "plain": ("arial", "dejavu"),
                "brochure": ("narrow", "noto")}


def stylesheet(design: str, font: str, page: Page, header: dict[str, str], font_size: float = 9.5) -> str:
    return BASE % {"font": FONTS[font], "fs": font_size, "size": page.css_size,
                   "boxes": margin_boxes(header)} + DESIGNS[design]


def esc(s: str) -> str:
    return escape(s, quote=False)


def table(head: list[list[str]], rows: list[list[str]], align: list[str] | None = None, cls: str = "t",
          style: str = "") -> str:
    """A table; head rows may hold raw HTML (already escaped); `align` per column ('', 'n', 'c')."""
    align = align or [""] * len(rows[0])
    out = [f'<table class="{cls}" style="{style}">', "<thead>"]
    for hr in head:
        out.append("<tr>" + "".join(f'<th class="{align[i] if i < len(align) else ""}">{h}</th>'
                                    for i, h in enumerate(hr)) + "</tr>")
    out.append("</thead><tbody>")
    for r in rows:
        out.append("<tr>" + "".join(f'<td class="{align[i]}">{c}</td>' for i, c in enumerate(r)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def figure(caption: str, inner: str, note: str = "") -> str:
    n = f'<div class="note">{note}</div>' if note else ""
    return f"<figure><figcaption>{caption}</figcaption>{inner}{n}</figure>"


def document(title: str, lang: str, css: str, sections: list[str], as_sheets: bool = True) -> str:
    body = "".join(f'<section class="sheet">{s}</section>' if as_sheets else s for s in sections)
    css = " ".join(css.split())     # one line: the corpus files stay small and diff-friendly
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{css}</style></head><body>{body}</body></html>\n")


def doubled(text: str) -> str:
    """Text painted twice at a small offset: the copy lands in the text layer (fake bold)."""
    t = esc(text)
    return (f'<span style="position:relative;display:block">{t}'
            f'<span style="position:absolute;left:0.35px;top:0;right:-0.35px">{t}</span></span>')
