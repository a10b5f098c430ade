"""OSCE MOCR (ZKKK / OKZP) fact sheets built as Word documents.

As the 2019 sheet: offices established (prose), work plans submitted (ticks per municipality), and
the core-task matrix with long wrapped task headers, tick / dash / blank cells and a merged
"number of core tasks performed" header over two year columns.
"""
from __future__ import annotations

import random

from . import docx_kit as kit
from .chart import ChartSpec, add_chart
from .mcsc import draw_look
from .names import kosovo, pick_style, sort_key
from .truth import Doc, Value
from .vocab import Lang, load_wording, month_end, ticks, translate

WORDING = load_wording("mocr")
T = WORDING["t"]
# Two wordings of the eight core tasks per language (editions differ), in the contract's order.
TASKS = WORDING["tasks"]
CORE_TASKS = ["needs_assessment", "outreach_contacts", "stakeholder_coordination", "participation_facilitation",
              "policy_monitoring", "projects", "advice_to_municipal_bodies", "public_awareness"]
NOT_MOCR = {"xk-leposaviq", "xk-mitrovice-e-veriut", "xk-zubin-potok"}


def tr(key: str, lang: Lang, **kw) -> str:
    return translate(T, key, lang, **kw)


def build(rng: random.Random, lang: Lang, file: str, out_docx) -> Doc:
    year = rng.randint(2017, 2024)
    end, prev_end = month_end(year, 12), month_end(year - 1, 12)
    look = draw_look(rng, landscape_ok=False)
    style = pick_style(rng, lang.code, lang.cyrillic)
    name = style.name
    yes, no = ticks(lang, rng)
    doc = kit.new_document(look)
    values: list[Value] = []
    offices = [m for m in kosovo() if m.id not in NOT_MOCR]
    munis = sorted(offices if rng.random() < 0.6 else rng.sample(offices, rng.randint(18, 30)),
                   key=lambda m: sort_key(name(m)))

    kit.header_footer(doc, f"{tr('mission', lang)} · {tr('sheet', lang, y=year)}", tr("mission", lang),
                      tr("page", lang), None)
    kit.heading(doc, tr("title", lang), 1, look)
    intro = tr("intro", lang)
    kit.para(doc, kit.soft_hyphens(intro) if rng.random() < 0.3 else intro, align="justify")
    kit.heading(doc, tr("establishment", lang), 2, look)
    established = tr("established", lang, n=len(offices))
    kit.para(doc, established)
    values.append(Value("mocr.offices_established", len(offices), "count", end, established,
                        printed=str(len(offices))))
    kit.para(doc, tr("north", lang), size=8, italic=True)

    plan = {m.id: int(rng.random() < 0.65) for m in munis}
    heading = tr("plan", lang, y=year)
    kit.heading(doc, heading, 3, look)
    if rng.random() < 0.5:
        kit.para(doc, tr("submitted", lang, k=sum(plan.values())) + f" ({sum(plan.values())}/{len(munis)})",
                 bold=True)
    half = (len(munis) + 1) // 2
    t = kit.table(doc, half, 4, look, [5.2, 1.5, 5.2, 1.5], header_rows=0)
    for i, m in enumerate(munis):
        r, c = i % half, 2 * (i // half)
        mark = yes if plan[m.id] else no
        kit.set_cell_text(t.cell(r, c), name(m), size=8.5)
        kit.set_cell_text(t.cell(r, c + 1), mark, size=8.5, align="center")
        values.append(Value("mocr.work_plan_submitted", plan[m.id], "bool", end, heading, m.id, "", mark, name(m)))

    performed = {m.id: [rng.random() < 0.65 for _ in CORE_TASKS] for m in munis}
    wording = rng.choice(TASKS[lang.code])
    if rng.random() < 0.5:
        by_task = tr("by_task", lang, y=year)
        kit.heading(doc, by_task, 3, look)
        spec = ChartSpec("bar_h", [lang.t(w) for w in TASKS[lang.code][1]],
                         [("", [sum(performed[m.id][k] for m in munis) for k in range(8)])],
                         labels="outside", legend=None, font=look.font, height_cm=8, colors=[look.accent])
        add_chart(kit.para(doc), spec)   # totals across municipalities: not catalogue values

    kit.landscape_section(doc) if rng.random() < 0.5 else kit.page_break(doc)
    heading = tr("matrix", lang, y=year)
    kit.heading(doc, heading, 3, look)
    mark_no = rng.choice(["–", "", ""])
    rotated = rng.random() < 0.3
    hyphenate = not rotated and rng.random() < 0.4
    tick = rng.choice(["✓", "✔"])
    landscape = doc.sections[-1].page_width > doc.sections[-1].page_height
    name_w = 3.6
    task_w = (24.5 if landscape else 17.2) - name_w - 2 * 1.3
    t = kit.table(doc, len(munis) + 2, 11, look, [name_w] + [task_w / 8] * 8 + [1.3, 1.3], header_rows=2)
    t.cell(0, 0).merge(t.cell(1, 0))
    kit.set_cell_text(t.cell(0, 0), tr("municipality", lang), bold=True, size=7)
    for k in range(8):
        cell = t.cell(0, 1 + k).merge(t.cell(1, 1 + k))
        header = lang.t(wording[k])
        kit.set_cell_text(cell, kit.soft_hyphens(header) if hyphenate else header,
                          size=6 if len(wording[k]) > 60 else 6.5)
        if rotated:
            kit.rotate(cell)
    count_cell = t.cell(0, 9).merge(t.cell(0, 10))
    kit.set_cell_text(count_cell, tr("count_col", lang), bold=True, size=6.5, align="center")
    kit.set_cell_text(t.cell(1, 9), str(year), bold=True, size=7, align="center")
    kit.set_cell_text(t.cell(1, 10), str(year - 1), bold=True, size=7, align="center")
    for r, m in enumerate(munis, 2):
        label = name(m)
        kit.set_cell_text(t.cell(r, 0), label, size=7)
        for k, task in enumerate(CORE_TASKS):
            done = performed[m.id][k]
            text = tick if done else mark_no
            if text:
                kit.set_cell_text(t.cell(r, 1 + k), text, size=8, align="center")
            values.append(Value("mocr.core_task_performed", int(done), "bool", end, heading, m.id, task,
                                text or None, label))
        now, before = sum(performed[m.id]), rng.randint(1, 8)
        kit.set_cell_text(t.cell(r, 9), str(now), size=7.5, align="center")
        kit.set_cell_text(t.cell(r, 10), str(before), size=7.5, align="center")
        values.append(Value("mocr.core_tasks_performed", now, "count", end, heading, m.id, "", str(now), label))
        values.append(Value("mocr.core_tasks_performed", before, "count", prev_end, heading, m.id, "",
                            str(before), label))
    kit.para(doc, tr("matrix_note", lang), size=7, italic=True)
    doc.save(out_docx)
    return Doc(file, "OSCE", "MOCR", lang.code, f"{year}-01-01", end, values)
