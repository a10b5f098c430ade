"""The HTML front end: Kosovo Police pages on Local Public Safety Committees, read with the text rules.

The page's structure does what geometry does in a PDF: a caption ("Aksidentet Fatale",
"Gjithsej KLSP", "Takimet Ekzekutive ...") takes the one standalone number of the smallest element
that holds both (`<div class="stat">`, a table row). The sentences of every text element go
through the same rules as PDF text (`pipeline.readers.text`), so both front ends share one vocabulary.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from pipeline.identify import identify
from pipeline.lang.nlp import annotate
from pipeline.model.confidence import Confidence, STATED, SUSPECT
from pipeline.lang.numbers import COUNT, parse_count
from pipeline.model.records import DocInfo, Value
from pipeline.readers.text import TEXT, caption_indicator, hits_in_text, settle, plausible, span_period, make_value

BLOCKS = {"p", "div", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "dt", "dd", "tr",
          "table", "tbody", "thead", "ul", "ol", "section", "article", "header", "footer", "aside", "main",
          "nav", "body"}
MAX_CLIMB = 3  # a caption and its number share a container at most this many levels up


def _leaves(root: Tag) -> list[Tag]:
    """Block elements holding text directly (no block element inside them), in document order.

    One walk from the last element back to the first, children before their parents: asking each
    element whether a block lies inside it would cost the depth of the tree per element (35 minutes
    for 100,000 nested <div>). Leaves never contain one another, so reading their text is linear too.
    """
    elements = root.find_all(True)
    block_inside: set[int] = set()  # ids of elements with a block element somewhere inside
    leaves = []
    for el in reversed(elements):
        if any(isinstance(c, Tag) and (c.name in BLOCKS or id(c) in block_inside) for c in el.children):
            block_inside.add(id(el))
        elif el.name in BLOCKS and el.get_text(strip=True):
            leaves.append(el)
    return leaves[::-1]


def _text(el: Tag) -> str:
    return el.get_text(" ", strip=True)


def _is_figure(el: Tag) -> bool:
    return bool(COUNT.match(_text(el)))


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


def _figure_block(el: Tag, leaves: set[Tag], info: DocInfo) -> tuple[Tag, tuple[date, date] | None] | None:
    """The figure a block holds and the period it states: the block itself when it is a number, or
    its one inline number beside nothing but a period line ('<p><span>1570</span><br>Periudha: ...</p>')."""
    if el not in leaves:
        return None
    if _is_figure(el):
        return el, None
    numbers = [n for n in el.find_all(True) if _is_figure(n) and not n.find(True)]
    if len(numbers) != 1:
        return None
    rest = " ".join(t.strip() for t in el.find_all(string=True) if t.strip() and t.parent is not numbers[0])
    period = _period_in(rest, info) if rest else None
    return (numbers[0], period) if not rest or period else None


def _paired_siblings(container: Tag, captions: dict[Tag, tuple], leaves: set[Tag],
                     info: DocInfo) -> tuple[dict[Tag, Tag], Confidence | None]:
    """Captions and figures alternating as siblings (<dt>label</dt><dd>9</dd>..., or number first;
    a figure's block may also state its period): each caption takes its neighbour on the one side
    that gives every caption a number.

    Returns caption -> the neighbouring figure block and the confidence (lower when both sides would do)."""
    children = [c for c in container.children if isinstance(c, Tag) and c.get_text(strip=True)]
    kinds = []
    for child in children:
        if _figure_block(child, leaves, info):
            kinds.append("F")
        elif child in captions:
            kinds.append("C")
        else:
            kinds.append("O")
    if kinds.count("C") < 2:
        return {}, None
    options = []
    for step in (1, -1):
        pairs = {}
        for i, kind in enumerate(kinds):
            j = i + step
            if kind == "C" and 0 <= j < len(kinds) and kinds[j] == "F":
                pairs[children[i]] = children[j]
        if len(pairs) == kinds.count("C") and len(set(map(id, pairs.values()))) == len(pairs):
            options.append(pairs)
    if not options:
        return {}, None
    conf = Confidence(STATED)
    if len(options) > 1:
        conf = conf.doubt("captions pair with the figures on either side", cap=SUSPECT)
    return options[0], conf


def _inline_pair(leaf: Tag, info: DocInfo) -> list[Value]:
    """'<li><strong>2060</strong> <span>Izdate saobraćajne kazne</span></li>': a number in its own inline
    element beside a caption in one block (the number may look like a year, so the sentence rules miss it)."""
    numbers = [el for el in leaf.find_all(True) if _is_figure(el) and not el.find(True)]
    if len(numbers) != 1:
        return []
    figure = numbers[0]
    rest = " ".join(t.strip() for t in leaf.find_all(string=True) if t.strip() and t.parent is not figure)
    found = caption_indicator(rest, info) if rest else None
    number = parse_count(_text(figure))
    if not found or number is None or not plausible(found[0], number):
        return []
    return [make_value(found[0], number, 1, [], Confidence(STATED), f"{_text(figure)} | {rest}", found[1])]


def _period_in(text: str, info: DocInfo) -> tuple[date, date] | None:
    if len(text.split()) > TEXT.period_words:
        return None
    for ent in annotate(text, info.language, info.country).ents:
        if ent.label_ in ("PERIOD", "DATE"):
            return span_period(ent)
    return None


def _own_period(container: Tag, caption: Tag, figure: Tag, leaves: set[Tag], info: DocInfo) -> tuple[date, date] | None:
    """A short line inside the caption's own container that states a period ('Periudha: Janar – dhjetor 2021')."""
    found = {p for el in container.find_all(True) if el in leaves and el is not caption and el is not figure
             and (p := _period_in(_text(el), info))}
    return found.pop() if len(found) == 1 else None


def _heading_period(container: Tag, info: DocInfo) -> tuple[date, date] | None:
    """A short heading before the container that states a date or period ('Statstikat e përgjithshme: 2024-06-03')."""
    node = container
    for _ in range(MAX_CLIMB):
        for sibling in node.find_previous_siblings(True):
            period = _period_in(_text(sibling), info)
            if period:
                return period
            if len(_text(sibling).split()) <= TEXT.period_words:
                continue
        node = node.parent
        if node is None:
            break
    return None


def read_html(path: Path | str, hint: DocInfo | None = None) -> tuple[str, DocInfo, list[Value]]:
    """The page's plain text, its identification (filled from a registry's `hint`) and its
    text-only indicators (page 1, no bbox)."""
    soup = BeautifulSoup(Path(path).read_bytes(), "lxml")
    for junk in soup(["script", "style", "noscript", "template"]):
        junk.decompose()
    text = soup.get_text("\n", strip=True)
    info = identify(text, {"Title": soup.title.get_text(strip=True) if soup.title else ""}).filled_from(hint)
    root = soup.body or soup
    leaves = _leaves(root)
    leaf_set = set(leaves)
    values: list[Value] = []
    captions: dict[Tag, tuple] = {}
    for leaf in leaves:
        leaf_text = _text(leaf)
        for hit in hits_in_text(leaf_text, info):
            values.append(make_value(hit.indicator, hit.value, 1, [], hit.conf, hit.sentence, hit.period))
        found = caption_indicator(leaf_text, info)
        if found:
            captions[leaf] = found
        else:
            values += _inline_pair(leaf, info)
    for leaf, found in captions.items():
        bound = _bound_figure(leaf, leaf_set)
        conf = Confidence(STATED)
        if bound:
            figure, container = bound
            period = found[1] or _own_period(container, leaf, figure, leaf_set, info)
        elif leaf.parent is not None:
            pairs, paired = _paired_siblings(leaf.parent, captions, leaf_set, info)
            if leaf not in pairs or paired is None:
                continue
            conf = paired
            (figure, own), container = _figure_block(pairs[leaf], leaf_set, info), leaf.parent
            period = found[1] or own
        else:
            continue
        number = parse_count(_text(figure))
        if number is None or not plausible(found[0], number):
            continue
        period = period or _heading_period(container, info)
        values.append(make_value(found[0], number, 1, [], conf, f"{_text(figure)} | {_text(leaf)}", period))
    return text, info, settle(values, info)
