"""Kosovo Police LPSC page, as a browser print of the web page would look when a data
journalist re-typesets it: statistics as cards, a table or a label/number list."""
from __future__ import annotations

import datetime as dt
import random

from .. import charts
from ..lang import MONTHS, strings
from ..model import Doc, Period
from ..page import Page, Style

DAILY = ["kp.daily.fatal_accidents", "kp.daily.injury_accidents", "kp.daily.non_injury_accidents",
         "kp.daily.traffic_tickets", "kp.daily.arrests", "kp.daily.detentions"]

T = strings("kp")


def build(rng: random.Random, lang: str, file: str, style: Style, cyr: bool = False) -> tuple[Doc, list[Page]]:
    """Kosovo Police pages exist in sq, sr (Latin) and en; `cyr` is not used."""
    t = T[lang]
    day = dt.date(rng.choice([2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))
    doc = Doc(file, "KP", "LPSC", lang, Period.day(day), title=f"{t['title']} - {t['org']}")
    iso = day.isoformat()
    dotted = day.strftime("%d.%m.%Y")
    stamp = f"{day.day}/{day.month}/{day.year % 100}, {rng.randint(8, 17)}:{rng.randint(0, 59):02d}"
    url = "https://www.kosovopolice.com/" + {"sq": "komitetet-lokale-per-siguri-publike/",
                                              "sr": "sr/lokalni-odbori-za-javnu-bezbednost/",
                                              "en": "en/local-public-safety-committees/"}[lang]
    n_pages = rng.choice([1, 2])
    pages = [Page(style, i + 1, rng) for i in range(n_pages)]
    for p in pages:
        p.text(p.margin * 0.6, 14, stamp, size=7, color="#444444")
        p.text(p.W / 2, 14, f"{t['title']} - {t['org']}", size=7, color="#444444", ha="center")
        p.text(p.margin * 0.6, p.H - 16, url, size=7, color="#444444")
        p.text(p.W - p.margin * 0.6, p.H - 16, f"{p.number}/{n_pages}", size=7, color="#444444", ha="right")
    p = pages[0]
    p.y = 36
    p.rect(0, p.y, p.W, 44, style.palette[0])
    p.text(p.margin, p.y + 8, t["org"], size=14, weight="bold", color="white")
    p.text(p.margin, p.y + 27, t["org2"], size=8, color="white")
    p.y += 50
    p.text(p.margin, p.y, t["nav"], size=7.5, color=style.palette[0])
    p.y += 22
    p.heading(t["title"], size=15)

    # Daily statistics
    vals = [rng.randint(0, 3), rng.randint(8, 45), rng.randint(15, 70), rng.randint(600, 2600),
            rng.randint(5, 45), rng.randint(0, 12)]
    texts = [f"{v:02d}" if v < 10 and rng.random() < 0.3 else str(v) for v in vals]
    design = rng.choice(["cards", "table", "list"])
    stats_head = rng.choice(t["stats"]).format(d=rng.choice([iso, dotted]))
    side = design == "list" and rng.random() < 0.5
    doc.note(f"daily stats: {design}{' in a side column' if side else ''}")
    if side:   # a narrow statistics column at the right, prose at the left (as the web page)
        col_x = p.W - p.margin - 150
        y0 = p.y
        p.para(t["intro"], size=8.5, width=col_x - p.margin - 20)
        p.para(t["intro2"], size=8.5, width=col_x - p.margin - 20)
        y_text = p.y
        p.y = y0
        p.text(col_x, p.y, stats_head, size=8.5, weight="bold")
        p.y += 18
        for ind, lab, v, vt in zip(DAILY, t["labels"], vals, texts):
            p.text(col_x, p.y, vt, size=13, weight="bold", color=style.palette[0])
            p.text(col_x, p.y + 17, lab, size=7.5)
            doc.record(ind, v, "count", p.number, day, value_text=vt, label_text=lab)
            p.y += 34
        p.y = max(p.y, y_text) + 8
    else:
        p.para(t["intro"], size=8.5)
        p.text(p.margin, p.y, stats_head, size=9, weight="bold")
        p.y += 18
        items = list(zip(t["labels"], texts))
        if design == "cards":
            cols = rng.choice([2, 3, 6 if p.W > 700 else 3])
            p.y = charts.cards(p, p.margin, p.y, p.width, items, cols, rng.random() < 0.5,
                               style.palette[0], rng.random() < 0.5)
        elif design == "table" and rng.random() < 0.4:
            doc.note("daily stats: drawn by ax.table")
            ax = p.axes(p.margin, p.y, p.width * 0.6, 20 * 7)
            charts.mpl_table(ax, [t["stats"][0].split(":")[0], ""], [[a, b] for a, b in items], [0.75, 0.25],
                             size=8.5, header_color=style.palette[1])
            p.y += 20 * 7 + 10
        elif design == "table":
            p.y = charts.table(p, p.margin, p.y, [p.width * 0.55, p.width * 0.2], ["", ""],
                               [[a, b] for a, b in items], rng.choice(["ruled", "zebra", "header"]),
                               size=8.5, aligns="lr")
        else:
            for lab, vt in items:
                p.text(p.margin, p.y, lab, size=8.5)
                p.text(p.margin + 230, p.y, vt, size=8.5, weight="bold", ha="right")
                p.y += 14
        for ind, (lab, vt), v in zip(DAILY, items, vals):
            doc.record(ind, v, "count", p.number, day, value_text=vt, label_text=lab)
        p.y += 8
        p.para(t["intro2"], size=8.5)

    # Committees per directorate (not truth) and the total (truth)
    per_dir = [rng.randint(12, 45) for _ in t["dirs"]]
    total = sum(per_dir)
    if rng.random() < 0.7:
        p.heading(t["list"], size=11, gap=2)
        p.text(p.margin, p.y, t["asof"].format(d=dotted), size=8, color="#555555")
        p.y += 14
        doc.note("committees: directorate table with total")
        rows = [[d, str(n)] for d, n in zip(t["dirs"], per_dir)] + [[t["total"], str(total)]]
        p.y = charts.table(p, p.margin, p.y, [170, 90], [t["dir"], t["num"]], rows,
                           rng.choice(["ruled", "header", "zebra"]), size=8, aligns="lr")
        doc.record("lpsc.committees", total, "count", p.number, day, value_text=str(total), label_text=t["total"])
    else:
        doc.note("committees: in a sentence")
        p.para(t["sentence"].format(n=total), size=8.5)
        doc.record("lpsc.committees", total, "count", p.number, day, value_text=str(total))

    # Activities with their own period
    q = pages[-1]
    if q is not p:
        q.y = 40
    act_year = day.year - 1
    period = Period.year(act_year)
    m = MONTHS[lang]
    plabel = t["period"].format(p=f"{m[0].capitalize()} – {m[11]} {act_year}" if rng.random() < 0.6
                                else f"{m[0].capitalize()} - {m[11].capitalize()} {act_year}")
    acts = [rng.randint(600, 1500), rng.randint(300, 950), rng.randint(8, 40)]
    q.heading(t["activity"], size=11)
    adesign = rng.choice(["rows", "cards", "table"])
    doc.note(f"activities: {adesign}")
    if adesign == "cards":
        q.y = charts.cards(q, q.margin, q.y, q.width, [(a, str(v))
                                                       for a, v in zip(t["acts"], acts)], 3, True,
                           style.palette[1 % len(style.palette)], True)
        q.text(q.margin, q.y, plabel, size=8, color="#555555")
        q.y += 16
        for ind, v in zip(["lpsc.meetings_with_residents", "lpsc.executive_meetings", "lpsc.trainings"], acts):
            doc.record(ind, v, "count", q.number, period.end, value_text=str(v))
    else:
        for ind, a, v in zip(["lpsc.meetings_with_residents", "lpsc.executive_meetings", "lpsc.trainings"],
                             t["acts"], acts):
            if adesign == "table":
                q.y = charts.table(q, q.margin, q.y, [q.width * 0.7, q.width * 0.15], [a, str(v)], [],
                                   "header", size=8.5, aligns="lr")
            else:
                q.para(a, size=9, width=q.width * 0.72, gap=0, weight="bold")
                q.text(q.W - q.margin, q.y - 24, str(v), size=18, weight="bold", color=style.palette[0], ha="right")
            q.text(q.margin, q.y, plabel, size=8, color="#555555")
            q.y += 22
            doc.record(ind, v, "count", q.number, period.end, value_text=str(v), label_text=a.split()[0])
    q.text(q.margin, q.y + 10, t["director"], size=8, color="#555555")
    return doc, pages
