"""Checks on a document's values before they are loaded: a wrong value is worse than a missing one.

Each check either drops a value that cannot be right (wrong unit, a boolean that is not 0/1, a
municipality-level value without a municipality) or lowers the confidence of one that may be
wrong (shares that do not add up to 100, two readings of one key that disagree). Whatever is
dropped or doubted is put in the review queue with the reason.
"""
from __future__ import annotations

from collections import defaultdict

from pipeline.indicators import catalogue
from pipeline.model.confidence import CONFLICT, REVIEW_LINE, SUSPECT
from pipeline.model.records import DocInfo, ReviewItem, Value, where_read

VOCABULARIES = {"gender": set(catalogue.GENDERS), "community": set(catalogue.COMMUNITIES),
                "core_task": set(catalogue.CORE_TASKS)}
SHARES = ("mcsc.chairs_by_gender", "mcsc.community_members_by_gender", "kvsp.survey.answer_share",
          "kvsp.survey.likert_share")


def key(v: Value) -> tuple:
    return (v.indicator, v.municipality_id, v.category, v.period_end)


def problem(v: Value) -> str | None:
    """Why a value cannot be loaded as it is, or None."""
    spec = catalogue.indicators().get(v.indicator)
    if spec is None:
        return f"unknown indicator {v.indicator}"
    if v.unit != spec.unit:
        return f"unit {v.unit} but the catalogue says {spec.unit}"
    if spec.unit == "bool" and v.value not in (0.0, 1.0):
        return f"boolean value {v.value}"
    if spec.unit == "count" and (v.value < 0 or not float(v.value).is_integer()):
        return f"count {v.value} is not a whole number"
    if spec.unit == "percent" and not 0 <= v.value <= 100:
        return f"percentage {v.value} out of 0-100"
    if (spec.scope == "municipality") != (v.municipality_id is not None):
        return "municipality missing" if spec.scope == "municipality" else "territory value with a municipality"
    vocabulary = spec.category_vocabulary
    if vocabulary in VOCABULARIES and v.category not in VOCABULARIES[vocabulary]:
        return f"category {v.category!r} not in the {vocabulary} vocabulary"
    if not vocabulary and v.category is not None:
        return f"category {v.category!r} on an indicator without categories"
    if v.period_end is None or (v.period_start and v.period_start > v.period_end):
        return "no usable period"
    return None


def fill_periods(values: list[Value], info: DocInfo) -> None:
    """Values printed without a period of their own cover the document's period."""
    for v in values:
        if v.period_end is None:
            v.period_start, v.period_end = info.period_start, info.period_end


def check_shares(values: list[Value]) -> list[ReviewItem]:
    """Shares of one question (one figure, one statement, one pie) should add up to about 100."""
    groups: dict[tuple, list[Value]] = defaultdict(list)
    for v in values:
        if v.indicator in SHARES:
            group = v.category.split(":")[0] if v.category and ":" in v.category else ""  # f8:yes -> f8; gender: one
            groups[(v.indicator, group, v.period_end, v.page)].append(v)
    review = []
    for (indicator, group, _, page), members in groups.items():
        total = sum(v.value for v in members)
        if len(members) >= 2 and abs(total - 100) > 1.6:
            for v in members:
                v.conf = v.conf.doubt(f"shares of this question add up to {total:.1f}, not 100", cap=SUSPECT)
            review.append(ReviewItem(page, "validation", f"{indicator} {group}".strip(), bbox=where_read(members)[1],
                                     detail=f"shares add up to {total:.1f}, not 100: "
                                            + ", ".join(f"{v.category}={v.value:g}" for v in members)))
    return review


def check_councils(values: list[Value], info: DocInfo) -> list[ReviewItem]:
    """Councils (offices) established against the municipalities the sheet lists for its own period:
    a sheet cannot report on more municipalities than have a council."""
    pairs = {"mcsc.councils_established": "mcsc.", "mocr.offices_established": "mocr."}
    review = []
    for total_name, prefix in pairs.items():
        totals = [v for v in values if v.indicator == total_name and v.period_end == info.period_end]
        listed = {v.municipality_id for v in values if v.indicator.startswith(prefix) and v.municipality_id
                  and v.period_end == info.period_end and v.indicator != "mcsc.missing_community_representatives"}
        for t in totals:
            if len(listed) > t.value:
                t.conf = t.conf.doubt(f"the sheet lists {len(listed)} municipalities for the period", cap=SUSPECT)
                review.append(ReviewItem(t.page, "validation", t.raw_text[:120], bbox=t.bbox,
                                         detail=f"{total_name} = {t.value:g}, but {len(listed)} municipalities "
                                                f"are listed with values for the same period"))
    return review


def check_tick_counts(values: list[Value]) -> list[ReviewItem]:
    """A MOCR row's ticks against its printed count of core tasks performed, where both are read."""
    ticks: dict[tuple, list[Value]] = defaultdict(list)
    counts: dict[tuple, Value] = {}
    for v in values:
        if v.indicator == "mocr.core_task_performed":
            ticks[(v.municipality_id, v.period_end)].append(v)
        elif v.indicator == "mocr.core_tasks_performed":
            counts[(v.municipality_id, v.period_end)] = v
    review = []
    for k, row in ticks.items():
        count = counts.get(k)
        if count is None or len(row) < len(catalogue.CORE_TASKS):
            continue
        performed = sum(v.value for v in row)
        if performed != count.value:
            for v in [*row, count]:
                v.conf = v.conf.doubt(f"{performed:g} tasks ticked but the count column says {count.value:g}",
                                      cap=SUSPECT)
            page, box = where_read([*row, count])
            review.append(ReviewItem(page, "validation", f"{k[0]} {k[1]}", bbox=box,
                                     detail=f"mocr.core_task_performed ticks sum to {performed:g}, "
                                            f"mocr.core_tasks_performed printed {count.value:g}"))
    return review


def check_conflicts(values: list[Value]) -> list[Value]:
    """One value per key: equal readings merge (most confident kept), differing ones are doubted."""
    by_key: dict[tuple, list[Value]] = defaultdict(list)
    for v in values:
        by_key[key(v)].append(v)
    kept = []
    for members in by_key.values():
        distinct = {round(v.value, 3) for v in members}
        if len(distinct) == 1:
            kept.append(max(members, key=lambda v: v.confidence))
        else:
            for v in members:
                v.conf = v.conf.doubt(f"another reading of the same value says {sorted(distinct)}", cap=CONFLICT)
            kept += members
    return kept


def validate(values: list[Value], info: DocInfo) -> tuple[list[Value], list[ReviewItem]]:
    fill_periods(values, info)
    review: list[ReviewItem] = []
    good = []
    for v in values:
        why = problem(v)
        if why:
            review.append(ReviewItem(v.page, "validation", v.raw_text, detail=f"{v.indicator}: {why}; not loaded",
                                     bbox=v.bbox))
        else:
            good.append(v)
    review += check_shares(good) + check_tick_counts(good) + check_councils(good, info)
    good = check_conflicts(good)
    for v in good:
        if v.confidence < REVIEW_LINE:
            review.append(ReviewItem(v.page, "low_confidence_value", v.raw_text,
                                     detail=f"{v.indicator} {v.municipality_id or ''} {v.category or ''} = {v.value}: "
                                            + "; ".join(v.notes), bbox=v.bbox))
    return good, review
