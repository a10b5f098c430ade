"""Kosovo Police LPSC page, as a browser print of the web page would look when a data
journalist re-typesets it: statistics as cards, a table or a label/number list."""
from __future__ import annotations

import datetime as dt
import random

from .. import charts
from ..lang import MONTHS
from ..model import Doc, Period
from ..page import Page, Style

DAILY = ["kp.daily.fatal_accidents", "kp.daily.injury_accidents", "kp.daily.non_injury_accidents",
         "kp.daily.traffic_tickets", "kp.daily.arrests", "kp.daily.detentions"]

T = {
    "sq": {
        "org": "Policia e Kosovës", "org2": "Policija Kosova / Kosovo Police",
        "nav": "Ballina   Rreth Nesh   Lajme   Rekrutimi   Policimi në Bashkësi   Kontakt",
        "title": "Komitetet Lokale për Siguri Publike",
        "intro": ("Komitetet Lokale për Siguri Publike janë trupa konsultativë për policinë në identifikimin, "
                  "adresimin dhe në partneritet me policinë bëjnë zgjidhjen e problemeve lokale në bashkësi. "
                  "Diversiteti kulturor, fetar, etnik dhe profesional në përbërjen e Komiteteve Lokale për "
                  "Siguri Publike (KLSP) është mjaft i theksuar, ku lirisht mund të themi se ky diversitet "
                  "arrin përqindje deri rreth 85%."),
        "intro2": ("Ky forum i sigurisë është mjaft i rëndësishëm edhe në implementimin e Strategjisë "
                   "Nacionale për Siguri në Bashkësi dhe Planin e Veprimit 2011-2016."),
        "stats": ["Statstikat e përgjithshme: {d}", "Statistikat e përgjithshme: {d}"],
        "labels": ["Aksidentet Fatale", "Aksidentet Me te Lenduar", "Aksidentet Pa te Lenduar",
                   "Tiketa Trafiku Te Shqiptuara", "Arrestime", "Ne Mbajtje"],
        "list": "Lista e KLSP në Kosovë", "asof": "Gjendja më {d}",
        "dir": "Drejtoria Rajonale", "num": "Numri i KLSP", "total": "Gjithsej KLSP",
        "sentence": "Aktualisht në Kosovë funksionojnë gjithsej {n} KLSP, të shpërndara në tetë drejtori rajonale.",
        "dirs": ["Prishtinë", "Prizren", "Pejë", "Gjakovë", "Mitrovicë Jug", "Mitrovicë Veri", "Gjilan", "Ferizaj"],
        "acts": ["Takimet e anëtarëve të KLSP-ve me banorët lokal për adresimin e problemeve të bashkësisë",
                 "Takimet Ekzekutive të Komiteteve Lokale për Siguri Publike",
                 "Trajnimet profesionale dhe certifikimet e anëtarëve të Komiteteve Lokale për Siguri Publike"],
        "period": "Periudha: {p}", "director": "Drejtor i Përgjithshëm i Policisë së Kosovës",
        "activity": "Aktivitetet e KLSP-ve",
    },
    "sr": {
        "org": "Policija Kosova", "org2": "Policia e Kosovës / Kosovo Police",
        "nav": "Početna   O nama   Vesti   Regrutovanje   Rad policije u zajednici   Kontakt",
        "title": "Lokalni odbori za javnu bezbednost",
        "intro": ("Lokalni odbori za javnu bezbednost su savetodavna tela policije u identifikovanju i "
                  "rešavanju lokalnih problema zajednice u partnerstvu sa policijom. Kulturna, verska, "
                  "etnička i profesionalna raznolikost u sastavu lokalnih odbora za javnu bezbednost (LOJB) "
                  "je veoma izražena i dostiže oko 85%."),
        "intro2": ("Ovaj bezbednosni forum je veoma važan i za sprovođenje Nacionalne strategije za "
                   "bezbednost u zajednici i Akcionog plana 2011-2016."),
        "stats": ["Opšta statistika: {d}", "Statistika za dan: {d}"],
        "labels": ["Saobraćajne nesreće sa smrtnim ishodom", "Nesreće sa povređenima", "Nesreće bez povređenih",
                   "Izdate saobraćajne kazne", "Hapšenja", "U pritvoru"],
        "list": "Spisak LOJB na Kosovu", "asof": "Stanje na dan {d}",
        "dir": "Regionalna direkcija", "num": "Broj LOJB", "total": "Ukupno LOJB",
        "sentence": "Trenutno na Kosovu deluje ukupno {n} LOJB, raspoređenih u osam regionalnih direkcija.",
        "dirs": ["Priština", "Prizren", "Peć", "Đakovica", "Južna Mitrovica", "Severna Mitrovica", "Gnjilane", "Uroševac"],
        "acts": ["Sastanci članova LOJB sa lokalnim stanovnicima radi rešavanja problema zajednice",
                 "Izvršni sastanci lokalnih odbora za javnu bezbednost",
                 "Stručne obuke i sertifikacije članova lokalnih odbora za javnu bezbednost"],
        "period": "Period: {p}", "director": "Generalni direktor Policije Kosova",
        "activity": "Aktivnosti LOJB",
    },
    "en": {
        "org": "Kosovo Police", "org2": "Policia e Kosovës / Policija Kosova",
        "nav": "Home   About us   News   Recruitment   Community Policing   Contact",
        "title": "Local Public Safety Committees",
        "intro": ("Local Public Safety Committees are consultative bodies that help the police identify and "
                  "address local problems in the community in partnership with the police. The cultural, "
                  "religious, ethnic and professional diversity of the Local Public Safety Committees (LPSC) "
                  "is very pronounced and reaches about 85%."),
        "intro2": ("This safety forum is also important for implementing the National Strategy for "
                   "Community Safety and its Action Plan 2011-2016."),
        "stats": ["General statistics: {d}", "Daily statistics: {d}"],
        "labels": ["Fatal Accidents", "Accidents with Injured", "Accidents without Injured",
                   "Traffic Tickets Issued", "Arrests", "In Detention"],
        "list": "List of LPSCs in Kosovo", "asof": "Status as of {d}",
        "dir": "Regional Directorate", "num": "Number of LPSCs", "total": "Total LPSCs",
        "sentence": "There are currently {n} LPSCs operating in Kosovo, spread over eight regional directorates.",
        "dirs": ["Pristina", "Prizren", "Peja", "Gjakova", "Mitrovica South", "Mitrovica North", "Gjilan", "Ferizaj"],
        "acts": ["Meetings of LPSC members with local residents to address community problems",
                 "Executive meetings of the Local Public Safety Committees",
                 "Professional trainings and certifications of LPSC members"],
        "period": "Period: {p}", "director": "General Director of the Kosovo Police",
        "activity": "LPSC activities",
    },
}


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
        rows = [[d, str(n)] for d, n in zip(t["dirs"], per_dir)] + [[t["total"], str(total)]]
        p.y = charts.table(p, p.margin, p.y, [170, 90], [t["dir"], t["num"]], rows,
                           rng.choice(["ruled", "header", "zebra"]), size=8, aligns="lr")
        doc.record("lpsc.committees", total, "count", p.number, day, value_text=str(total), label_text=t["total"])
    else:
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
