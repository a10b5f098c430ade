"""From observations to catalogue values: which indicator, which municipality, category and period.

A graphic (the observations sharing a caption and region) is mapped as a whole, by what its
rows are (municipalities, communities, genders, answers, statements), what its caption talks
about (meetings, concerns, work plans, missing representatives ...), what its columns are
(periods, core tasks, agreement levels) and the document's mechanism. Nothing here depends on a
position or on one file's wording: the vocabulary lives in `vocab.py`, in three languages.
A graphic that fits no indicator yields nothing; a row whose municipality cannot be named goes to
review instead of becoming a value with a wrong or missing key.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from pipeline.lang import vocab
from pipeline.isolation import Isolation
from pipeline.model.confidence import SUSPECT, UNCONFIRMED
from pipeline.model.observations import Observation
from pipeline.lang.normalize import fold
from pipeline.model.geometry import union
from pipeline.lang.periods import find_periods, parse_period
from pipeline.places import match
from pipeline.model.records import DocInfo, ReviewItem, Value, where_read


@dataclass
class Graphic:
    caption: str
    observations: list[Observation]

    @property
    def method(self) -> str:
        return self.observations[0].method


def graphics_of(observations: list[Observation]) -> list[Graphic]:
    """Observations grouped by the graphic they were read from (same page, caption and region)."""
    groups: dict[tuple, list[Observation]] = defaultdict(list)
    for o in observations:
        groups[(o.page, o.caption, o.region)].append(o)
    return [Graphic(k[1], v) for k, v in groups.items()]


def row_kind(graphic: Graphic, info: DocInfo) -> str:
    """What the rows of a graphic are, by majority: municipality, community, gender, answer, statement."""
    votes: dict[str, int] = defaultdict(int)
    for o in graphic.observations:
        if not o.row:
            continue
        short = len(o.row.split()) <= 3  # closed-vocabulary labels are short: "Gra", "Po", "Ne znam"
        if vocab.STATEMENT.match(o.row):
            votes["statement"] += 1
        elif short and vocab.which(o.row, vocab.GENDERS):
            votes["gender"] += 1
        elif short and vocab.which(o.row, vocab.ANSWERS):
            votes["answer"] += 1
        elif match(o.row, info.country).municipality_id:
            votes["municipality"] += 1
        elif vocab.which(o.row, vocab.COMMUNITIES) or vocab.has(o.row, vocab.ALL_COMMUNITIES):
            votes["community"] += 1
    if not votes:
        return "none"
    kind, n = max(votes.items(), key=lambda kv: kv[1])
    return kind if n >= 0.6 * len({o.row for o in graphic.observations}) else "mixed"


def choose_indicator(graphic: Graphic, kind: str, info: DocInfo) -> str | None:
    """The catalogue indicator a graphic holds, or None when it holds none."""
    cap, mech = graphic.caption, info.mechanism
    units = {o.unit for o in graphic.observations}
    topic = lambda name: vocab.has(cap, vocab.TOPICS[name])  # noqa: E731
    if kind == "municipality":
        if mech == "MCSC":
            if "bool" in units and topic("work_plan"):
                return "mcsc.work_plan_adopted"
            if graphic.method == "chart:stacked_bar" or topic("missing"):
                return "mcsc.missing_community_representatives" if units == {"count"} else None
            if units == {"count"} and topic("concerns"):
                return "mcsc.meetings_on_community_concerns"
            if units == {"count"} and topic("meetings"):
                return "mcsc.meetings_held"
        if mech == "MOCR":
            if "bool" in units and any(vocab.which(o.column, vocab.CORE_TASKS) for o in graphic.observations):
                return "mocr.core_task_performed"
            if "bool" in units and topic("work_plan"):
                return "mocr.work_plan_submitted"
        if mech == "KVSP" and units == {"percent"}:
            return "kvsp.survey.respondent_share"
    if kind == "community" and mech == "MCSC" and units == {"count"} and not topic("missing"):
        return "mcsc.members_by_community"
    if kind == "gender" and mech == "MCSC" and units == {"percent"}:
        return "mcsc.chairs_by_gender" if topic("chairs") else "mcsc.community_members_by_gender"
    question = "?" in cap and vocab.FIGURE.search(cap)
    if mech == "KVSP" and units == {"percent"} and (kind == "answer" or (question and kind in ("none", "mixed"))):
        return "kvsp.survey.answer_share"  # a figure answering a question: yes/no or printed options
    if kind == "statement" and mech == "KVSP" and units == {"percent"}:
        return "kvsp.survey.likert_share"
    return None


def category_of(indicator: str, o: Observation, graphic: Graphic) -> str | None | bool:
    """The value's category in the indicator's vocabulary; False when it cannot be named."""
    if indicator == "mcsc.missing_community_representatives":
        return vocab.which(o.column, vocab.COMMUNITIES) or False
    if indicator == "mcsc.members_by_community":
        if vocab.has(o.row, vocab.ALL_COMMUNITIES):
            return False  # the total across communities is not a value
        return vocab.which(o.row, vocab.COMMUNITIES) or False
    if indicator in ("mcsc.chairs_by_gender", "mcsc.community_members_by_gender"):
        return vocab.which(o.row, vocab.GENDERS) or False
    if indicator == "mocr.core_task_performed":
        return vocab.which(o.column, vocab.CORE_TASKS) or False
    if indicator == "kvsp.survey.answer_share":
        number = vocab.FIGURE.search(graphic.caption)
        answer = vocab.which(o.row, vocab.ANSWERS) or slug(o.row)
        return f"f{number.group(1)}:{answer}" if number and answer else False
    if indicator == "kvsp.survey.likert_share":
        number, letter, level = vocab.TABLE.search(graphic.caption), vocab.STATEMENT.match(o.row), \
            vocab.LEVEL.match(o.column)
        return f"t{number.group(1)}.{letter.group(1).lower()}:{level.group(1)}" if number and letter and level \
            else False
    return None


def slug(text: str) -> str:
    """A printed option as the contract's slug: lowercase ASCII, spaces to underscores."""
    folded = "".join(c for c in fold(text) if c.isalnum() or c in " -")
    return "_".join(folded.split())


def core_task_counts(graphic: Graphic, info: DocInfo) -> str | None:
    """In an MOCR matrix, number columns headed by a year are the count of core tasks performed."""
    if info.mechanism != "MOCR":
        return None
    has_tasks = any(vocab.which(o.column, vocab.CORE_TASKS) for o in graphic.observations)
    if has_tasks or vocab.has(graphic.caption, vocab.TOPICS["core_tasks"]):
        return "mocr.core_tasks_performed"
    return None


SUMMARY = re.compile(r"^\s*(\d{1,3})\s*(?:/\s*(\d{1,3}))?\s+[^\W\d]")  # "23 ZKKK dorëzuan plan pune", "20/30 KKSB ..."


def summary_check(graphic: Graphic, values: list[Value]) -> list[ReviewItem]:
    """A tick list captioned by its own count ("23 ZKKK dorëzuan plan pune", "20/30 ..."): the ticks
    must add up to it, and the rows to the total when one is printed."""
    ticked = [v for v in values if v.unit == "bool" and v.category is None]
    m = SUMMARY.match(graphic.caption)
    if not ticked or not m:
        return []
    n, total = int(m.group(1)), int(m.group(2)) if m.group(2) else None
    yes = int(sum(v.value for v in ticked))
    if yes == n and total in (None, len(ticked)):
        return []
    for v in ticked:
        v.conf = v.conf.doubt(f"the caption says {m.group(0).strip()}, the list ticks {yes} of {len(ticked)}",
                              cap=SUSPECT)
    page, box = where_read(ticked)
    return [ReviewItem(page, "validation", graphic.caption[:120], bbox=box,
                       detail=f"{ticked[0].indicator}: caption summary {n}{'/' + str(total) if total else ''}, "
                              f"ticks read {yes} of {len(ticked)} rows")]


def map_graphic(graphic: Graphic, info: DocInfo) -> tuple[list[Value], list[ReviewItem]]:
    kind = row_kind(graphic, info)
    indicator = choose_indicator(graphic, kind, info)
    counts_indicator = core_task_counts(graphic, info) if kind == "municipality" else None
    values: list[Value] = []
    review: list[ReviewItem] = []
    merged: dict[str, list[Observation]] = defaultdict(list)  # values under a label naming several categories
    for o in graphic.observations:
        ind = indicator
        if o.unit == "count" and counts_indicator:
            ind = counts_indicator  # the year columns beside a core-task tick matrix
        if ind is None:
            continue
        category = category_of(ind, o, graphic)
        if category is False:
            if several_named(ind, o.column):
                merged[o.column].append(o)
            continue
        municipality_id = match_score = None
        if kind == "municipality":
            m = match(o.row, info.country)
            if m.municipality_id is None:
                review.append(ReviewItem(o.page, "municipality_match", o.row,
                                         "; ".join(f"{i} {s:.0f}" for i, s in m.candidates),
                                         f"{ind} value {o.raw_text} not loaded: the row label names no municipality",
                                         bbox=o.bbox))
                continue
            municipality_id, match_score = m.municipality_id, m.score
        period = parse_period(o.column) if o.column else None
        if period is None and ind.startswith("mcsc.meetings"):
            stated = find_periods(graphic.caption)  # "(Janar – shtator 2017)" under a one-series chart
            period = stated[0] if len(stated) == 1 else None
        unit = {"bool": "bool", "percent": "percent"}.get(o.unit, "count")
        conf = o.conf
        if ind == "kvsp.survey.answer_share" and not vocab.which(o.row, vocab.ANSWERS):
            conf = conf.doubt("answer option slugged from its printed label", cap=UNCONFIRMED)  # not a known answer
        values.append(Value(
            indicator=ind, value=o.value, unit=unit, prov=o.prov, conf=conf, municipality_raw=o.row or None,
            municipality_id=municipality_id, match_score=match_score, category=category,
            period_start=period.start if period else None, period_end=period.end if period else None))
    for column, observed in merged.items():
        review.append(ReviewItem(observed[0].page, "validation", column[-120:],  # the lines nearest the values
                                 bbox=union(*(o.bbox for o in observed)),
                                 detail=f"{indicator}: {len(observed)} values under a column label naming several "
                                        f"categories, not loaded (two columns read as one?)"))
    return values, review + summary_check(graphic, values)


def several_named(indicator: str, label: str) -> bool:
    """Whether a column label names two categories or more of the indicator's column vocabulary
    ("Kosovski Kosovski Turci Romi": two headers read as one, their values in one column)."""
    table = COLUMN_CATEGORIES.get(indicator)
    return table is not None and len(vocab.named(label, table)) >= 2


COLUMN_CATEGORIES = {"mcsc.missing_community_representatives": vocab.COMMUNITIES,
                     "mocr.core_task_performed": vocab.CORE_TASKS}  # indicators whose column label is the category


def carried_captions(graphics: list[Graphic], mapped: set[int], info: DocInfo) -> list[Graphic]:
    """A table continued at the top of the next page under no caption of its own (a work-plan list
    or a Likert table run over a page break): the graphics of that page with the shape of the last
    graphic that mapped values on the page before (method, units, column labels, rows of one kind),
    none of whose values map under their own caption (a running header: no indicator named, no table
    number for a statement) and with no graphic that maps values above them, carry its caption.
    `mapped`: the ids of the graphics that mapped values; returns the graphics given a caption."""
    def top(g: Graphic) -> float:
        return min((o.region or o.bbox)[1] for o in g.observations)

    def shape(g: Graphic) -> tuple:
        return g.method, {o.unit for o in g.observations}, {o.column for o in g.observations}, row_kind(g, info)

    pages: dict[int, list[Graphic]] = defaultdict(list)
    for g in graphics:
        pages[g.observations[0].page].append(g)
    carried = []
    for page, here in pages.items():
        before = [g for g in pages.get(page - 1, []) if id(g) in mapped]
        if not before:
            continue
        last = max(before, key=top)
        first_mapped = min((top(g) for g in here if id(g) in mapped), default=float("inf"))
        for g in here:
            if id(g) not in mapped and top(g) < first_mapped and shape(g) == shape(last):
                g.caption = last.caption
                carried.append(g)
    return carried


def map_observations(observations: list[Observation], info: DocInfo,
                     isolation: Isolation | None = None) -> tuple[list[Value], list[ReviewItem]]:
    """Every graphic of a document mapped to catalogue values (and review items for doubtful rows);
    a graphic whose mapping fails costs that graphic (see `isolation.py`)."""
    isolation = isolation or Isolation()
    graphics = graphics_of(observations)
    mapped = {id(g): isolation.run("mapping", g.observations[0].page, map_graphic, g, info, default=([], []))
              for g in graphics}
    for g in isolation.run("mapping", None, carried_captions, graphics, {k for k, (v, _) in mapped.items() if v},
                           info, default=[]):
        mapped[id(g)] = isolation.run("mapping", g.observations[0].page, map_graphic, g, info, default=([], []))
    values: list[Value] = [v for g in graphics for v in mapped[id(g)][0]]
    review: list[ReviewItem] = [r for g in graphics for r in mapped[id(g)][1]]
    return values, review
