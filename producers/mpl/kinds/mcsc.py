"""OSCE MCSC / KKSB / OSBZ fact sheet: councils, meetings in two periods, meetings on community
concerns, work plans, gender pies, members by community, missing community representatives."""
from __future__ import annotations

import datetime as dt
import random

from .. import charts
from ..lang import kosovo_ids, percent_text, strings
from ..model import Doc, Period
from ..page import Flow, Style, wrap
from .osce import FACTSHEET, Edition, chrome

COMMUNITIES = ["albanian", "serb", "turkish", "bosniak", "roma", "ashkali", "egyptian", "gorani",
               "montenegrin", "croat"]
MINORITIES = ["serb", "turkish", "bosniak", "roma", "ashkali", "egyptian", "gorani"]

T = strings("mcsc")


def _pct_pair(rng: random.Random, lo: float, hi: float) -> tuple[float, float]:
    f = round(rng.uniform(lo, hi), 1)
    return f, round(100 - f, 1)


def build(rng: random.Random, lang: str, file: str, style: Style, cyr: bool = False) -> tuple[Doc, list]:
    ed = Edition.draw(rng, lang, cyr)
    t = {k: ([ed.tr(x) for x in v] if isinstance(v, list) else tuple(ed.tr(x) for x in v)
             if isinstance(v, tuple) else ed.tr(v)) for k, v in T[lang].items()}
    year = rng.choice([2017, 2018, 2019, 2021, 2022, 2023, 2024])
    cur = Period.months(year, 1, year, 9) if rng.random() < 0.3 else Period.year(year)
    prev = Period.year(year - 1)
    doc = Doc(file, "OSCE", "MCSC", lang, cur, title=t["title"])
    cur_l, prev_l = ed.period(cur), ed.period(prev)
    running = f"{ed.tr(FACTSHEET[lang])} · {cur_l}"
    fl = Flow(style, rng, chrome(ed, running, rng, cur.end + dt.timedelta(days=rng.randint(20, 90))))
    dc = style.decimal_comma

    p = fl.page
    p.heading(t["title"], size=rng.choice([14, 16, 18]))
    n_est = rng.randint(30, 38)
    marker = "glued_marker" in style.defects
    est = t["est"][rng.randrange(2)].format(p=cur_l, n=f"{n_est}*" if marker else n_est)
    kpi = rng.random() < 0.5
    doc.note(f"names={ed.names} ticks={ed.yes}/{ed.no} established={'kpi+text' if kpi else 'text'}")
    if kpi:
        # Prose at left, the headline number at right.
        y0 = p.y
        p.para(t["intro"] + " " + t["legal"] + " " + est, size=8.5, width=p.width - 120)
        p.text(p.W - p.margin - 50, y0 + 4, str(n_est), size=30, weight="bold", color=style.palette[0], ha="center")
        p.text(p.W - p.margin - 50, y0 + 42, t["est_kpi"], size=7.5, ha="center")
        p.y = max(p.y, y0 + 64)
    else:
        p.para(t["intro"], size=8.5)
        p.para(t["legal"] + " " + est, size=8.5)
    if marker:
        p.text(p.margin, p.y, t["marker"], size=6.5, color="#555555")
        p.y += 12
    doc.record("mcsc.councils_established", n_est, "count", p.number, cur.end,
               value_text=f"{n_est}*" if marker else str(n_est))

    munis = sorted(rng.sample([m for m in kosovo_ids() if m not in ("xk-zubin-potok", "xk-leposaviq")],
                              rng.randint(14, 20)), key=ed.name)
    names = [ed.name(m) for m in munis]
    held_c = [rng.randint(0, 12) for _ in munis]
    held_p = [rng.randint(0, 12) for _ in munis]

    # Section order is the designer's: 2017-like sheets put composition first.
    composition_first = rng.random() < 0.4
    if composition_first:
        _kpis(fl, doc, t, rng, n_est, cur)
        _missing(fl, doc, t, rng, ed, munis, cur)
    _meetings(fl, doc, t, rng, names, munis, held_c, held_p, cur, prev, cur_l, prev_l, year)
    concerns = [rng.randint(0, h) for h in held_c]
    plans = [rng.random() < 0.5 for _ in munis]
    _concerns_and_plans(fl, doc, t, rng, ed, names, munis, concerns, plans, cur, cur_l)
    total = sum(held_c)
    if total and rng.random() < 0.6:
        p = fl.need(20)
        p.text(p.margin, p.y, t["share"].format(s=percent_text(100 * sum(concerns) / total, dc)), size=9,
               weight="bold", color=style.palette[0])
        p.y += 20
    _gender(fl, doc, t, rng, cur, dc)
    _by_community(fl, doc, t, rng, cur)
    if not composition_first:
        _missing(fl, doc, t, rng, ed, munis, cur)
        if rng.random() < 0.5:
            _kpis(fl, doc, t, rng, n_est, cur)
    return doc, fl.pages


def _meetings(fl, doc, t, rng, names, munis, held_c, held_p, cur, prev, cur_l, prev_l, year) -> None:
    as_table = rng.random() < 0.3
    rows_h = len(names) * (13 if as_table else 16) + 90
    p = fl.need(rows_h + 30)
    p.heading(t["work"].format(y=year), size=12)
    p.heading(t["meetings"].format(y=year), size=10, gap=4)
    if as_table:
        style = rng.choice(["ruled", "header", "zebra"])
        doc.note(f"meetings: table {style}")
        p.y = charts.table(p, p.margin, p.y, [190, 95, 95], [t["muni"], cur_l, prev_l],
                           [[n, str(a), str(b)] for n, a, b in zip(names, held_c, held_p)], style, size=7.5)
        for m, n, a, b in zip(munis, names, held_c, held_p):
            doc.record("mcsc.meetings_held", a, "count", p.number, cur.end, municipality_id=m, value_text=str(a), label_text=n)
            doc.record("mcsc.meetings_held", b, "count", p.number, prev.end, municipality_id=m, value_text=str(b), label_text=n)
    else:
        look = charts.BarLook.draw(rng, series=2)
        if look.legend is None:
            look.legend = "upper right"
        h = len(names) * 16 + 30 if look.horizontal else 230
        left = 150 if look.horizontal else 30
        ax = p.axes(p.margin + left, p.y + 4, p.width - left - 10, h)
        ax.tick_params(length=0)
        stray = "runtogether" in fl.style.defects
        cur_name = cur_l.replace(" – ", " –\n", 1) if stray else cur_l   # 'Janar –' at a line end
        charts.bars(ax, names, [(cur_name, held_c, [str(v) for v in held_c]),
                                (prev_l, held_p, [str(v) for v in held_p])], look)
        p.y += h + (110 if not look.horizontal else 30)
        doc.note(f"meetings: {look}{' stray-connector' if stray else ''}")
        printed = look.labels != "none"
        for m, n, a, b in zip(munis, names, held_c, held_p):
            lab = None if look.rotated else n
            doc.record("mcsc.meetings_held", a, "count", p.number, cur.end, municipality_id=m,
                       value_text=str(a) if printed and (a or look.labels == "outside") else None, label_text=lab)
            doc.record("mcsc.meetings_held", b, "count", p.number, prev.end, municipality_id=m,
                       value_text=str(b) if printed and (b or look.labels == "outside") else None, label_text=lab)
    p.text(p.margin, p.y, t["norm"], size=7, color="#555555", style="italic")
    p.y += 18


def _concerns_and_plans(fl, doc, t, rng, ed, names, munis, concerns, plans, cur, cur_l) -> None:
    combined = rng.random() < 0.4
    p = fl.need(len(names) * 14 + 70)
    if combined:
        p.heading(t["concerns"].format(p=cur_l), size=9.5, gap=3)
        doc.note("concerns+plans: one table")
        rows = [[n, str(c), ed.tick(b)] for n, c, b in zip(names, concerns, plans)]
        head = [t["muni"], cur_l, t["plan_col"]]
        p.y = charts.table(p, p.margin, p.y, [200, 90, 80], head, rows, rng.choice(["ruled", "zebra", "header"]), size=7.5)
        for m, n, c, b in zip(munis, names, concerns, plans):
            doc.record("mcsc.meetings_on_community_concerns", c, "count", p.number, cur.end, municipality_id=m,
                       value_text=str(c), label_text=n)
            doc.record("mcsc.work_plan_adopted", int(b), "bool", p.number, cur.end, municipality_id=m,
                       value_text=ed.tick(b), label_text=n)
        p.y += 10
        return
    # Side by side: concerns as bars at left, the tick list at right.
    half = (p.width - 20) / 2
    y0 = p.y
    p.heading(t["concerns"].format(p=cur_l), size=9, width=half, gap=3)
    look = charts.BarLook.draw(rng, horizontal=True)
    look.labels = rng.choice(["outside", "inside", "none"]) if look.labels != "none" else "none"
    h = len(names) * 14 + 10
    ax = p.axes(p.margin + 140, p.y, half - 140, h)
    ax.tick_params(length=0)
    charts.bars(ax, names, [("", concerns, [str(c) for c in concerns])], look)
    doc.note(f"concerns: {look}; plans: tick list beside")
    for m, n, c in zip(munis, names, concerns):
        doc.record("mcsc.meetings_on_community_concerns", c, "count", p.number, cur.end, municipality_id=m,
                   value_text=str(c) if look.labels != "none" and (c or look.labels == "outside") else None,
                   label_text=n)
    y_left = p.y + h + 24
    x = p.margin + half + 20
    p.y = y0
    p.heading(t["plan"].format(p=cur_l), size=9, x=x, width=half, gap=3)
    for m, n, b in zip(munis, names, plans):
        p.text(x, p.y, n, size=7.5)
        p.text(x + half - 20, p.y, ed.tick(b), size=8.5, ha="center",
               color=fl.style.palette[0] if b else "#b22222")
        doc.record("mcsc.work_plan_adopted", int(b), "bool", p.number, cur.end, municipality_id=m,
                   value_text=ed.tick(b), label_text=n)
        p.y += 14
    p.y = max(p.y, y_left) + 6


def _gender(fl, doc, t, rng, cur, dc) -> None:
    p = fl.need(200)
    half = (p.width - 20) / 2
    for k, (key, ind, lo, hi) in enumerate([("chairs", "mcsc.chairs_by_gender", 2, 20),
                                            ("members_gender", "mcsc.community_members_by_gender", 10, 35)]):
        x = p.margin + k * (half + 20)
        f, m = _pct_pair(rng, lo, hi)
        texts = [percent_text(f, dc), percent_text(m, dc)]
        mode = rng.choice(["inside", "outside", "legend"])
        y0 = p.y
        p.heading(t[key], size=9, x=x, width=half, gap=2)
        ax = p.axes(x + (10 if mode != "outside" else 40), p.y, half * 0.55, 130)
        donut = rng.random() < 0.5
        charts.pie(ax, list(t["gender"]), [f, m], texts, mode, donut=donut)
        doc.note(f"{key}: {'donut' if donut else 'pie'} labels={mode}")
        for cat, v, tx, lab in zip(("female", "male"), (f, m), texts, t["gender"]):
            doc.record(ind, v, "percent", p.number, cur.end, category=cat, value_text=tx, label_text=lab)
        if k == 0:
            p.y = y0
    p.y += 150


def _by_community(fl, doc, t, rng, cur) -> None:
    counts = [rng.randint(25, 120)] + [rng.randint(0, 40) for _ in COMMUNITIES[1:]]
    counts[-1] = rng.randint(0, 2)
    total = sum(counts)
    p = fl.need(230)
    p.heading(t["by_comm"], size=9.5, gap=3)
    order = sorted(range(len(COMMUNITIES)), key=lambda i: -counts[i]) if rng.random() < 0.6 else list(range(len(COMMUNITIES)))
    labels = [t["all"]] + [t["comm"][i] for i in order]
    vals = [total] + [counts[i] for i in order]
    as_table = rng.random() < 0.3
    if as_table:
        doc.note("by_community: table with total row")
        p.y = charts.table(p, p.margin, p.y, [180, 60], ["", ""], [[a, str(b)] for a, b in zip(labels, vals)],
                           rng.choice(["zebra", "none", "header"]), size=7.5, aligns="lr")
    else:
        look = charts.BarLook.draw(rng, horizontal=True)
        look.labels = "outside" if look.labels == "none" and rng.random() < 0.5 else look.labels
        ax = p.axes(p.margin + 130, p.y, p.width * 0.5, len(labels) * 15)
        ax.tick_params(length=0)
        charts.bars(ax, labels, [("", vals, [str(v) for v in vals])], look)
        p.y += len(labels) * 15 + 24
        doc.note(f"by_community: {look} with total bar")
    printed = as_table or look.labels != "none"
    for i in order:
        v = counts[i]
        doc.record("mcsc.members_by_community", v, "count", p.number, cur.end, category=COMMUNITIES[i],
                   value_text=str(v) if printed and (v or as_table or look.labels == "outside") else None,
                   label_text=t["comm"][i])


def _missing(fl, doc, t, rng, ed, munis, cur) -> None:
    chosen = sorted(rng.sample(munis, rng.randint(4, 8)), key=ed.name)
    comms = rng.sample(MINORITIES, rng.randint(4, 6))
    shown = {m: sorted(rng.sample(comms, rng.choice([1, 2, 2, 3, 3])), key=comms.index) for m in chosen}
    names = [ed.name(m) for m in chosen]
    p = fl.need(240)
    p.heading(t["missing"], size=9.5, gap=3)
    comm_names = [t["comm"][COMMUNITIES.index(c)] for c in comms]
    if rng.random() < 0.35:
        # A matrix: municipality rows x community columns, '1' where missing.
        rows = [[n] + ["1" if c in shown[m] else "" for c in comms] for m, n in zip(chosen, names)]
        w = min(62, (p.width - 150) / len(comms))
        p.y = charts.table(p, p.margin, p.y, [150] + [w] * len(comms), [t["muni"]] + comm_names, rows,
                           rng.choice(["ruled", "header"]), size=7)
        printed, rotated = True, False
        doc.note("missing: matrix table of 1s")
    else:
        look = charts.BarLook.draw(rng, horizontal=False, series=len(comms))
        look.labels = rng.choice(["inside", "none"])
        look.legend = "below"
        ax = p.axes(p.margin + 30, p.y + 4, p.width * 0.75, 150)
        ax.tick_params(length=0)
        series = [(cn, [1 if c in shown[m] else 0 for m in chosen], ["1"] * len(chosen))
                  for c, cn in zip(comms, comm_names)]
        charts.bars(ax, [n.split("/")[0] for n in names], series, look, stacked=True)
        p.y += 230
        printed = look.labels == "inside"
        rotated = look.rotated
        doc.note(f"missing: stacked {look}")
    for m, n in zip(chosen, names):
        for c in shown[m]:
            doc.record("mcsc.missing_community_representatives", 1, "count", p.number, cur.end,
                       municipality_id=m, category=c, value_text="1" if printed else None,
                       label_text=None if rotated else n.split("/")[0])
    p.text(p.margin, p.y, t["missing_note"], size=6.5, color="#555555")
    p.y += 16


def _kpis(fl, doc, t, rng, n_est, cur) -> None:
    p = fl.need(90)
    if fl.pages[0] is p and p.y < 400:
        p.heading(t["compo"], size=11, gap=3)
    fem, comp = rng.randint(10, n_est), rng.randint(1, 12)
    items = [(t["female"], str(fem)), (t["comp"], str(comp))]
    with_of = rng.random() < 0.6
    doc.note(f"female/compensating: big numbers{' with n-of-N' if with_of else ''}")
    y = p.y
    w = (p.width - 20) / 2
    for k, (lab, num) in enumerate(items):
        x = p.margin + k * (w + 20)
        p.text(x, y, num, size=24, weight="bold", color=fl.style.palette[0])
        if with_of:
            p.text(x + 44, y + 10, t["of"].format(n=n_est), size=8, color="#555555")
        yy = y + 32
        for ln in wrap(lab, w, 8):
            p.text(x, yy, ln, size=8)
            yy += 10
    p.y = y + 66
    doc.record("mcsc.councils_with_female_community_member", fem, "count", p.number, cur.end,
               value_text=str(fem), label_text=t["female"].split()[0])
    doc.record("mcsc.municipalities_compensating_members", comp, "count", p.number, cur.end,
               value_text=str(comp), label_text=t["comp"].split()[0])
