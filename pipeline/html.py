"""The HTML front end: Kosovo Police pages on Local Public Safety Committees, read with the text rules.

The page's structure does what geometry does in a PDF: a caption ("Aksidentet Fatale",
"Gjithsej KLSP", "Takimet Ekzekutive ...") takes the one standalone number of the smallest element
that holds both (`<div class="stat">`, a table row). The sentences of every text element go
through the same rules as PDF text (`pipeline.text`), so both front ends share one vocabulary.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from pipeline.identify import identify
from pipeline.nlp import annotate, parse_count
from pipeline.records import DocInfo, Value
from pipeline.text import FIGURE, caption_indicator, hits_in_text, settle, plausible, span_period, make_value

BLOCKS = {"p", "div", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "dt", "dd", "tr",
          "table", "tbody", "thead", "ul", "ol", "section", "article", "header", "footer", "aside", "main",
          "nav", "body"}
MAX_CLIMB = 3  # a caption and its number share a container at most this many levels up


def _leaves(root: Tag) -> list[Tag]:
    """Block elements holding text directly (no block element inside them)."""
    return [el for el in root.find_all(BLOCKS) if not el.find(BLOCKS) and el.get_text(strip=True)]


def _text(el: Tag) -> str:
    return el.get_text(" ", strip=True)


def _is_figure(el: Tag) -> bool:
    return bool(FIGURE.match(_text(el)))


def _bound_figure(caption: Tag, leaves: set[Tag]) -> tuple[Tag, Tag] | None:
    """The one standalone number in the smallest container around the caption, and that container."""
    container = caption
    for _ in range(MAX_CLIMB):
        container = container.parent
        if container is None:
            return None
        figures = [el for el in container.find_all(True) if el in leaves and _is_figure(el)]
        if len(figures) == 1:
            return figures[0], container
        if len(figures) > 1:
            return None
    return None


def _heading_period(container: Tag, info: DocInfo) -> tuple[date, date] | None:
    """A short heading before the container that states a date or period ('Statstikat e përgjithshme: 2024-06-03')."""
    node = container
    for _ in range(MAX_CLIMB):
        for sibling in node.find_previous_siblings(True):
            text = _text(sibling)
            if len(text.split()) > 8:
                continue
            for ent in annotate(text, info.language, info.country).ents:
                if ent.label_ in ("PERIOD", "DATE"):
                    return span_period(ent)
        node = node.parent
        if node is None:
            break
    return None


def read_html(path: Path | str, info: DocInfo | None = None) -> tuple[str, list[Value]]:
    """The page's plain text (for identification) and its text-only indicators (page 1, no bbox)."""
    soup = BeautifulSoup(Path(path).read_bytes(), "lxml")
    for junk in soup(["script", "style", "noscript", "template"]):
        junk.decompose()
    text = soup.get_text("\n", strip=True)
    info = info or identify(text, {"Title": soup.title.get_text(strip=True) if soup.title else ""})
    root = soup.body or soup
    leaves = _leaves(root)
    leaf_set = set(leaves)
    values: list[Value] = []
    for leaf in leaves:
        leaf_text = _text(leaf)
        for hit in hits_in_text(leaf_text, info):
            values.append(make_value(hit.indicator, hit.value, 1, [], hit.confidence, hit.sentence, hit.period,
                                 hit.notes))
        found = caption_indicator(leaf_text, info)
        bound = _bound_figure(leaf, leaf_set) if found else None
        if not bound:
            continue
        figure, container = bound
        number = parse_count(_text(figure))
        if number is None or not plausible(found[0], number):
            continue
        period = found[1] or _heading_period(container, info)
        values.append(make_value(found[0], number, 1, [], 0.9, f"{_text(figure)} | {leaf_text}", period, []))
    return text, settle(values, info)
