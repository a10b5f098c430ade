"""OSCE MOCR / ZKKK / OKZP fact sheet: offices established, work plans submitted (ticks), and
the core-task matrix (municipality x 8 tasks, with count columns for two years)."""
from __future__ import annotations

import datetime as dt
import random

from .. import charts
from ..lang import kosovo_ids, strings
from ..model import Doc, Period
from ..page import Flow, Style
from .osce import FACTSHEET, Edition, chrome

CORE_TASKS = ["needs_assessment", "outreach_contacts", "stakeholder_coordination", "participation_facilitation",
              "policy_monitoring", "projects", "advice_to_municipal_bodies", "public_awareness"]
# Offices in the north are not counted as MOCRs in the sheets.
NOT_MOCR = {"xk-leposaviq", "xk-mitrovice-e-veriut", "xk-zubin-potok"}

TASKS = strings("mocr_tasks")  # per language: one or more wordings of the 8 tasks

T = strings("mocr")


def build(rng: random.Random, lang: str, file: str, style: Style, cyr: bool = False) -> tuple[Doc, list]:
    ed = Edition.draw(rng, lang, cyr)
    t = {k: ed.tr(v) for k, v in T[lang].items()}
    tasks = [ed.tr(x) for x in rng.choice(TASKS[lang])]
    year = rng.choice([2018, 2019, 2020, 2021, 2022, 2023])
    cur, prev = Period.year(year), Period.year(year - 1)
    doc = Doc(file, "OSCE", "MOCR", lang, cur, title=t["title"])
    fl = Flow(style, rng, chrome(ed, f"{ed.tr(FACTSHEET[lang])} {year}", rng,
                                     cur.end + dt.timedelta(days=rng.randint(20, 90))))
    p = fl.page
    p.heading(t["title"], size=rng.choice([14, 16]))
    p.para(t["intro"], size=8.5)

    munis = [m for m in kosovo_ids() if m not in NOT_MOCR]
    munis = sorted(rng.sample(munis, rng.randint(30, len(munis))), key=ed.name)
    n_est = len(munis) if rng.random() < 0.7 else rng.randint(len(munis), 38)
    p.heading(t["est_head"], size=11, gap=3)
    p.para(t["est"].format(n=n_est) + " " + t["north"], size=8.5, width=p.width * 0.6)
    doc.record("mocr.offices_established", n_est, "count", p.number, cur.end, value_text=str(n_est))

    # Work plans submitted: a tick list in columns.
    plans = [rng.random() < 0.65 for _ in munis]
    p = fl.need(len(munis) * 14 / 2 + 60)
    p.heading(t["plan"].format(y=year), size=10, gap=3)
    if rng.random() < 0.5:
        p.text(p.margin, p.y, t["plan_sum"].format(k=sum(plans), n=len(munis)), size=8, color="#555555")
        p.y += 14
    ncol = rng.choice([2, 3])
    doc.note(f"names={ed.names} ticks={ed.yes}/{ed.no} work plans: {ncol}-column tick list; tasks: "
             f"{'long' if len(tasks[0]) > 60 else 'short'} wording")
    per = (len(munis) + ncol - 1) // ncol
    colw = p.width / ncol
    y0 = p.y
    for i, (m, b) in enumerate(zip(munis, plans)):
        c, r = divmod(i, per)
        x, y = p.margin + c * colw, y0 + r * 13
        name = ed.name(m)
        p.text(x, y, name, size=7.5)
        p.text(x + colw - 30, y, ed.tick(b), size=8, ha="center")
        doc.record("mocr.work_plan_submitted", int(b), "bool", p.number, cur.end, municipality_id=m,
                   value_text=ed.tick(b), label_text=name)
    p.y = y0 + per * 13 + 12

    matrix = [[rng.random() < 0.6 for _ in CORE_TASKS] for _ in munis]
    if rng.random() < 0.6:
        # Per-task office counts: an aggregate, never truth.
        counts = [sum(r[k] for r in matrix) for k in range(len(CORE_TASKS))]
        doc.note("per-task office counts (not truth) as barh")
        p = fl.need(8 * 24 + 40)
        p.heading(t["per_task"].format(y=year), size=10, gap=3)
        ax = p.axes(p.margin + 230, p.y, p.width - 250, 8 * 22)
        look = charts.BarLook(horizontal=True, labels="outside", legend=None, grid=False)
        ax.tick_params(length=0)
        charts.bars(ax, [""] * 8, [("", counts, [str(c) for c in counts])], look)
        for k, task in enumerate(tasks):
            yy = p.y + 22 * k + 2
            for ln in charts.wrap(task, 220, 6.5)[:2]:
                p.text(p.margin, yy, ln, size=6.5)
                yy += 8
        p.y += 8 * 22 + 16

    _matrix(fl, doc, t, rng, ed, tasks, munis, matrix, cur, prev, year)
    return doc, fl.pages


def _matrix(fl, doc, t, rng, ed, tasks, munis, matrix, cur, prev, year) -> None:
    fl.new_page()
    p = fl.page
    p.heading(t["matrix"], size=10, gap=2)
    p.para(t["basis"], size=7, color="#555555", gap=4)
    blank_style = rng.choice(["dash", "blank", "mixed"])
    table_style = rng.choice(["ruled", "zebra", "header"])
    doc.note(f"matrix: {table_style} table, not-done cells {blank_style}")
    name_w = 118
    count_w = 30
    task_w = (p.width - name_w - 2 * count_w) / 8
    prev_counts = [rng.randint(0, 8) for _ in munis]
    rows, cells = [], []
    for m, r, pc in zip(munis, matrix, prev_counts):
        row = [ed.name(m)]
        for done in r:
            if done:
                row.append(ed.yes if ed.yes in "✓✔" else "✓")
            elif blank_style == "dash" or (blank_style == "mixed" and rng.random() < 0.5):
                row.append("–")
            else:
                row.append("")
        row += [str(sum(r)), str(pc)]
        rows.append(row)
    # The two count columns share one caption above them.
    cx = p.margin + name_w + 8 * task_w + count_w
    caption = charts.wrap(t["count"], 2 * count_w + 16, 6)
    p.y += 7.5 * len(caption)
    for i, ln in enumerate(caption):
        p.text(cx, p.y - 7.5 * (len(caption) - i), ln, size=6, ha="center")
    size = 6.2 if p.H < 700 else 6.8
    heads = [x.replace("/", "/ ").replace("/  ", "/ ") for x in tasks]
    p.y = charts.table(p, p.margin, p.y, [name_w] + [task_w] * 8 + [count_w] * 2,
                       [t["muni"]] + heads + [str(year), str(year - 1)], rows,
                       table_style, size=size, pad=1.6, header_size=5.6)
    for m, r, row, pc in zip(munis, matrix, rows, prev_counts):
        for task, done, cell in zip(CORE_TASKS, r, row[1:9]):
            doc.record("mocr.core_task_performed", int(done), "bool", p.number, cur.end, municipality_id=m,
                       category=task, value_text=cell or None, label_text=row[0])
        doc.record("mocr.core_tasks_performed", sum(r), "count", p.number, cur.end, municipality_id=m,
                   value_text=str(sum(r)), label_text=row[0])
        doc.record("mocr.core_tasks_performed", pc, "count", p.number, prev.end, municipality_id=m,
                   value_text=str(pc), label_text=row[0])
    p.text(p.margin, p.y + 4, t["note"], size=6.5, color="#555555")
