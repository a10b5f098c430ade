"""OSCE MCSC (KKSB / OSBZ) fact sheets built as Word documents.

Content follows the real 2017 and 2024 sheets: a council count in the introduction, meetings per
municipality for two periods, meetings on community concerns, work plans (ticks), chairs and
community members by gender, members by community, missing community representatives, councils
with a female community member and municipalities compensating members.
"""
from __future__ import annotations

import random

from docx.document import Document

from . import docx_kit as kit
from .chart import ChartSpec, add_chart
from .names import NameStyle, kosovo, pick_style, sort_key
from .truth import Doc, Value
from .vocab import (Lang, Numbers, draw_numbers, load_wording, month_end, period_label, ticks,
                    translate)

WORDING = load_wording("mcsc")
T = WORDING["t"]
COMMUNITIES = WORDING["communities"]
MINORITIES = ["bosniak", "turkish", "roma", "ashkali", "egyptian", "gorani"]


def tr(key: str, lang: Lang, **kw) -> str:
    return translate(T, key, lang, **kw)


def draw_look(rng: random.Random, landscape_ok: bool = True) -> kit.Look:
    return kit.Look(
        font=rng.choice(["Liberation Sans", "DejaVu Sans", "Liberation Serif", "Noto Sans"]),
        body_pt=rng.choice([8.5, 9, 9.5, 10]),
        accent=rng.choice(["1F5FA0", "0B4F6C", "5B2C6F", "2E6B30", "8B1E3F"]),
        page=rng.choice(["A4", "A4", "Letter"]),
        landscape=landscape_ok and rng.random() < 0.2,
        table_rules=rng.choice(["grid", "grid", "header", "zebra", "none"]),
        header_fill=rng.choice(["DCE6F1", "E7E6E6", "FCE4D6", ""]),
        letter_spaced_headings=rng.random() < 0.25,
        shadow_headings=rng.random() < 0.2,
    )


def _legend(rng: random.Random) -> str:
    return rng.choice(["bottom", "top", "right", "corner", "left"])


def build(rng: random.Random, lang: Lang, file: str, out_docx) -> Doc:
    year = rng.randint(2016, 2024)
    partial = rng.random() < 0.25
    m1 = rng.choice([6, 9]) if partial else 12
    end = month_end(year, m1)
    prev_end = month_end(year - 1, 12)
    look = draw_look(rng)
    style: NameStyle = pick_style(rng, lang.code, lang.cyrillic)
    nums: Numbers = draw_numbers(rng)
    yes, no = ticks(lang, rng)
    doc = kit.new_document(look)
    values: list[Value] = []
    munis = sorted(rng.sample([m for m in kosovo() if m.id not in ("xk-zubin-potok", "xk-leposaviq")],
                              rng.randint(12, 20)), key=lambda m: sort_key(style.name(m)))
    name = style.name
    period_now = period_label(lang, year, 1, m1, rng, stray_break=rng.random() < 0.2)
    period_prev = period_label(lang, year - 1, 1, 12, rng)
    footnote_glue = rng.random() < 0.2

    kit.header_footer(doc, tr("mission", lang), f"{tr('mission', lang)} · osce.org/kosovo",
                      tr("page", lang),
                      f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year + 1}" if rng.random() < 0.4 else None)
    kit.para(doc, tr("mission", lang), bold=True, size=9, color=look.accent)
    kit.heading(doc, tr("title", lang), 1, look)
    kit.para(doc, f"{tr('sheet', lang)} · {period_label(lang, year, 1, m1, rng)}", italic=True)

    two_cols = rng.random() < 0.35
    if two_cols:
        kit.columns(doc, 2)
    if not two_cols and rng.random() < 0.4:
        kit.sidebar(doc, tr("intro", lang), rng.choice(["F2F2F2", "EAF1DD", "DEEAF6"]))
    else:
        intro = tr("intro", lang)
        kit.para(doc, kit.soft_hyphens(intro) if rng.random() < 0.3 else intro, align="justify")
    n_councils = rng.randint(30, 38)
    councils_text = lang.t(rng.choice(T["councils"][lang.code]).format(
        g0=_genitive(lang, 1), g1=_genitive(lang, m1), m0=lang.month(1), m1=lang.month(m1), y=year,
        n=n_councils))
    kit.para(doc, councils_text, align="justify")
    values.append(Value("mcsc.councils_established", n_councils, "count", end, anchor=councils_text,
                        printed=str(n_councils)))
    if two_cols:
        kit.columns(doc, 1)

    # Establishment block: female members and compensation, as big numbers in a table of cards.
    kit.heading(doc, tr("establishment", lang), 2, look)
    female = rng.randint(10, n_councils)
    compensating = rng.randint(0, 12)
    cards = kit.table(doc, 2, 3, look, header_rows=0)
    for i, (number, label, ind) in enumerate([
            (n_councils, None, None), (female, tr("female", lang), "mcsc.councils_with_female_community_member"),
            (compensating, tr("compensate", lang), "mcsc.municipalities_compensating_members")]):
        big = str(number)
        kit.set_cell_text(cards.cell(0, i), big, bold=True, size=20, align="center", color=look.accent)
        text = label or lang.t({"sq": "KKSB të themeluara", "sr": "osnovanih OSBZ",
                                "en": "MCSCs established"}[lang.code])
        if label and rng.random() < 0.5:
            text = f"{tr('of', lang)} {n_councils}\n{text}"
        kit.set_cell_text(cards.cell(1, i), text, size=8, align="center")
        if ind:
            values.append(Value(ind, number, "count", end, anchor=label, printed=big))

    _missing(doc, rng, lang, look, munis, name, end, values)
    kit.page_break(doc)
    kit.heading(doc, tr("work", lang, y=year), 2, look)
    _meetings(doc, rng, lang, look, munis, name, year, end, prev_end, period_now, period_prev, values,
              footnote_glue)
    kit.para(doc, tr("norm", lang), italic=True, size=8)
    _concerns_and_plans(doc, rng, lang, look, munis, name, end, yes, no, values)
    if rng.random() < 0.85:
        if rng.random() < 0.5:
            kit.page_break(doc)
        kit.heading(doc, tr("composition", lang), 2, look)
        _gender(doc, rng, lang, look, nums, end, values)
        _by_community(doc, rng, lang, look, end, values)
    doc.save(out_docx)
    return Doc(file, "OSCE", "MCSC", lang.code, f"{year}-01-01", end, values)


def _genitive(lang: Lang, month: int) -> str:
    """Month as the prose inflects it ('janarit', 'dhjetorit'; sr 'januara'; en 'January')."""
    if lang.code == "sq":
        return lang.month(month) + ("ut" if month == 7 else "it")
    if lang.code == "sr":
        return {1: "januara", 6: "juna", 9: "septembra", 12: "decembra"}.get(month, lang.month(month))
    return lang.month(month)


def _missing(doc: Document, rng, lang, look, munis, name, end, values) -> None:
    heading = tr("missing", lang)
    kit.heading(doc, heading, 3, look)
    shown = rng.sample(munis, rng.randint(4, 9))
    shown.sort(key=lambda m: sort_key(name(m)))
    gaps = {m.id: sorted(rng.sample(MINORITIES, rng.randint(1, 3)), key=MINORITIES.index) for m in shown}
    comms = [c for c in MINORITIES if any(c in g for g in gaps.values())]
    cname = {c: lang.t(COMMUNITIES[c][lang.code]) for c in comms}
    layout = rng.choice(["stack", "list", "matrix"])
    if layout == "stack":
        spec = ChartSpec(rng.choice(["stack_v", "stack_h"]), [name(m) for m in shown],
                         [(cname[c], [1 if c in gaps[m.id] else 0 for m in shown]) for c in comms],
                         labels=rng.choice(["center", None]), legend=_legend(rng), font=look.font,
                         axis_max=4, major_unit=1, height_cm=7.5, hide_zero_labels=True)
        add_chart(kit.para(doc), spec)
        for m in shown:
            for c in gaps[m.id]:
                values.append(Value("mcsc.missing_community_representatives", 1, "count", end, heading,
                                    m.id, c, None))
    elif layout == "list":
        t = kit.table(doc, len(shown) + 1, 2, look, [5.5, 10])
        kit.set_cell_text(t.cell(0, 0), tr("municipality", lang), bold=True)
        kit.set_cell_text(t.cell(0, 1), tr("missing_col", lang), bold=True)
        for r, m in enumerate(shown, 1):
            kit.set_cell_text(t.cell(r, 0), name(m))
            kit.set_cell_text(t.cell(r, 1), ", ".join(cname[c] for c in gaps[m.id]))
            for c in gaps[m.id]:
                values.append(Value("mcsc.missing_community_representatives", 1, "count", end, heading,
                                    m.id, c, None, row_label=name(m)))
    else:
        t = kit.table(doc, len(shown) + 1, len(comms) + 1, look, [4.5] + [2.2] * len(comms))
        kit.set_cell_text(t.cell(0, 0), tr("municipality", lang), bold=True, size=8)
        for j, c in enumerate(comms, 1):
            kit.set_cell_text(t.cell(0, j), cname[c], bold=True, size=7.5, align="center")
        for r, m in enumerate(shown, 1):
            kit.set_cell_text(t.cell(r, 0), name(m), size=8)
            for j, c in enumerate(comms, 1):
                if c in gaps[m.id]:
                    kit.set_cell_text(t.cell(r, j), "1", size=8, align="center")
                    values.append(Value("mcsc.missing_community_representatives", 1, "count", end, heading,
                                        m.id, c, "1", row_label=name(m)))
    kit.para(doc, tr("missing_note", lang), size=7.5, italic=True)


def _meetings(doc, rng, lang, look, munis, name, year, end, prev_end, period_now, period_prev, values,
              footnote_glue) -> None:
    heading = tr("meetings", lang, y0=year - 1, y1=year)
    kit.heading(doc, heading, 3, look)
    now = {m.id: rng.randint(0, 12) for m in munis}
    prev = {m.id: rng.randint(0, 12) for m in munis}
    layout = rng.choice(["bar_h", "bar_h", "bar_v", "table"])
    if layout == "table":
        glued = {m.id for m in munis if footnote_glue and rng.random() < 0.15}
        t = kit.table(doc, len(munis) + 1, 3, look, [6, 3.5, 3.5])
        kit.set_cell_text(t.cell(0, 0), tr("municipality", lang), bold=True)
        kit.set_cell_text(t.cell(0, 1), period_now, bold=True, align="center")
        kit.set_cell_text(t.cell(0, 2), period_prev, bold=True, align="center")
        for r, m in enumerate(munis, 1):
            kit.set_cell_text(t.cell(r, 0), name(m))
            a = f"{now[m.id]}*" if m.id in glued else str(now[m.id])
            kit.set_cell_text(t.cell(r, 1), a, align="center")
            kit.set_cell_text(t.cell(r, 2), str(prev[m.id]), align="center")
            values.append(Value("mcsc.meetings_held", now[m.id], "count", end, heading, m.id, "", a, name(m)))
            values.append(Value("mcsc.meetings_held", prev[m.id], "count", prev_end, heading, m.id, "",
                                str(prev[m.id]), name(m)))
        if glued:
            kit.para(doc, lang.t({"sq": "* Përfshin takimet e jashtëzakonshme.",
                                  "sr": "* Uključuje vanredne sastanke.",
                                  "en": "* Includes extraordinary meetings."}[lang.code]), size=7.5)
        return
    labelled = rng.random() < 0.8
    spec = ChartSpec(layout, [name(m) for m in munis],
                     [(period_now.replace("\n", " "), [now[m.id] for m in munis]),
                      (period_prev.replace("\n", " "), [prev[m.id] for m in munis])],
                     labels=rng.choice(["outside", "inside"]) if labelled else None, legend=_legend(rng),
                     font=look.font, axis_max=14, major_unit=2 if labelled else 1,
                     height_cm=rng.choice([10, 12, 14]) if layout == "bar_h" else 8.5,
                     width_cm=16 if not look.landscape else 22)
    add_chart(kit.para(doc), spec)
    for m in munis:
        values.append(Value("mcsc.meetings_held", now[m.id], "count", end, heading, m.id, "",
                            str(now[m.id]) if labelled else None))
        values.append(Value("mcsc.meetings_held", prev[m.id], "count", prev_end, heading, m.id, "",
                            str(prev[m.id]) if labelled else None))


def _concerns_and_plans(doc, rng, lang, look, munis, name, end, yes, no, values) -> None:
    concerns = {m.id: rng.randint(0, 8) for m in munis}
    plan = {m.id: int(rng.random() < 0.65) for m in munis}
    if rng.random() < 0.45:
        heading = tr("combined", lang)
        kit.heading(doc, heading, 3, look)
        t = kit.table(doc, len(munis) + 1, 3, look, [6, 4, 4])
        for j, key in enumerate(("municipality", "concerns_col", "plan_col")):
            kit.set_cell_text(t.cell(0, j), tr(key, lang), bold=True, align="center" if j else None)
        for r, m in enumerate(munis, 1):
            kit.set_cell_text(t.cell(r, 0), name(m))
            kit.set_cell_text(t.cell(r, 1), str(concerns[m.id]), align="center")
            mark = yes if plan[m.id] else no
            kit.set_cell_text(t.cell(r, 2), mark, align="center")
            values.append(Value("mcsc.meetings_on_community_concerns", concerns[m.id], "count", end, heading,
                                m.id, "", str(concerns[m.id]), name(m)))
            values.append(Value("mcsc.work_plan_adopted", plan[m.id], "bool", end, heading, m.id, "", mark,
                                name(m)))
        return
    heading = tr("concerns", lang)
    kit.heading(doc, heading, 3, look)
    labelled = rng.random() < 0.85
    spec = ChartSpec(rng.choice(["bar_h", "bar_v"]), [name(m) for m in munis],
                     [(lang.t({"sq": "Takime", "sr": "Sastanci", "en": "Meetings"}[lang.code]),
                       [concerns[m.id] for m in munis])],
                     labels="outside" if labelled else None, legend=None, font=look.font,
                     axis_max=10, major_unit=1 if not labelled else 2, height_cm=9,
                     colors=[rng.choice(["E0892B", "7A9A3A", "1F5FA0"])])
    add_chart(kit.para(doc), spec)
    for m in munis:
        values.append(Value("mcsc.meetings_on_community_concerns", concerns[m.id], "count", end, heading, m.id,
                            "", str(concerns[m.id]) if labelled else None))
    heading = tr("plan", lang)
    kit.heading(doc, heading, 3, look)
    half = (len(munis) + 1) // 2
    t = kit.table(doc, half, 4, look, [5, 1.6, 5, 1.6], header_rows=0)
    for i, m in enumerate(munis):
        r, c = i % half, 2 * (i // half)
        mark = yes if plan[m.id] else no
        kit.set_cell_text(t.cell(r, c), name(m))
        kit.set_cell_text(t.cell(r, c + 1), mark, align="center")
        values.append(Value("mcsc.work_plan_adopted", plan[m.id], "bool", end, heading, m.id, "", mark, name(m)))


def _gender(doc, rng, lang, look, nums: Numbers, end, values) -> None:
    for key, ind, lo, hi in (("chairs", "mcsc.chairs_by_gender", 2, 25),
                             ("gender_members", "mcsc.community_members_by_gender", 10, 45)):
        heading = tr(key, lang)
        kit.heading(doc, heading, 3, look)
        female = round(rng.uniform(lo, hi), nums.decimals)
        male = round(100 - female, nums.decimals)
        shares = {"female": female, "male": male}
        words = {"female": tr("women", lang), "male": tr("men", lang)}
        layout = rng.choice(["pie", "donut", "legend_only", "table"])
        chart_text = {g: f"{v:.{nums.decimals}f}%" for g, v in shares.items()}
        if layout == "table":
            t = kit.table(doc, 2, 2, look, [4, 3])
            for j, g in enumerate(("female", "male")):
                kit.set_cell_text(t.cell(0, j), words[g], bold=True, align="center")
                kit.set_cell_text(t.cell(1, j), nums.pct(shares[g]), align="center")
                values.append(Value(ind, shares[g], "percent", end, heading, "", g, nums.pct(shares[g])))
            continue
        if layout == "legend_only":
            chart_text = {g: nums.pct(v) for g, v in shares.items()}
            cats = [f"{words[g]} {chart_text[g]}" for g in ("female", "male")]
            spec = ChartSpec("pie", cats, [("", [female, male])], labels=None,
                             legend=rng.choice(["right", "bottom"]), font=look.font, width_cm=9, height_cm=6)
        else:
            spec = ChartSpec(layout, [words["female"], words["male"]], [("", [female, male])],
                             labels=rng.choice(["center", "outside", "best"]) if layout == "pie" else "center",
                             legend=_legend(rng) if rng.random() < 0.7 else None,
                             category_labels=rng.random() < 0.3, number_format=nums.chart_format(),
                             font=look.font, width_cm=8, height_cm=6)
        add_chart(kit.para(doc), spec)
        for g in ("female", "male"):
            values.append(Value(ind, shares[g], "percent", end, heading, "", g, chart_text[g]))


def _by_community(doc, rng, lang, look, end, values) -> None:
    heading = tr("by_community", lang)
    kit.heading(doc, heading, 3, look)
    comms = list(COMMUNITIES)
    counts = {c: rng.randint(0, 40) if c not in ("montenegrin", "croat") else rng.randint(0, 4) for c in comms}
    order = sorted(comms, key=lambda c: -counts[c])
    label = {c: lang.t(COMMUNITIES[c][lang.code]) for c in comms}
    total_row = rng.random() < 0.5
    if rng.random() < 0.5:
        t = kit.table(doc, len(order) + 1 + total_row, 2, look, [7, 3])
        kit.set_cell_text(t.cell(0, 0), lang.t({"sq": "Komuniteti", "sr": "Zajednica", "en": "Community"}[lang.code]),
                          bold=True)
        kit.set_cell_text(t.cell(0, 1), lang.t({"sq": "Anëtarë", "sr": "Članovi", "en": "Members"}[lang.code]),
                          bold=True, align="center")
        for r, c in enumerate(order, 1):
            kit.set_cell_text(t.cell(r, 0), label[c])
            kit.set_cell_text(t.cell(r, 1), str(counts[c]), align="center")
            values.append(Value("mcsc.members_by_community", counts[c], "count", end, heading, "", c,
                                str(counts[c]), label[c]))
        if total_row:
            kit.set_cell_text(t.cell(len(order) + 1, 0), tr("all_communities", lang), bold=True)
            kit.set_cell_text(t.cell(len(order) + 1, 1), str(sum(counts.values())), bold=True, align="center")
        return
    spec = ChartSpec(rng.choice(["bar_h", "bar_v"]), [label[c] for c in order],
                     [(tr("by_community", lang), [counts[c] for c in order])], labels="outside", legend=None,
                     font=look.font, height_cm=8, colors=[look.accent])
    add_chart(kit.para(doc), spec)
    for c in order:
        values.append(Value("mcsc.members_by_community", counts[c], "count", end, heading, "", c, str(counts[c])))
