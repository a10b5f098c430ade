"""OSCE MOCR / ZKKK / OKZP fact sheet: offices established, work plans submitted (ticks), and
the core-task matrix (municipality x 8 tasks, with count columns for two years)."""
from __future__ import annotations

import datetime as dt
import random

from .. import charts
from ..lang import kosovo_ids
from ..model import Doc, Period
from ..page import Flow, Style
from .osce import FACTSHEET, Edition, chrome

CORE_TASKS = ["needs_assessment", "outreach_contacts", "stakeholder_coordination", "participation_facilitation",
              "policy_monitoring", "projects", "advice_to_municipal_bodies", "public_awareness"]
# Offices in the north are not counted as MOCRs in the sheets.
NOT_MOCR = {"xk-leposaviq", "xk-mitrovice-e-veriut", "xk-zubin-potok"}

TASKS = {
    "sq": [[
        "Vlerësimi i të drejtave të komuniteteve / nevojave të përfituesve (ose azhurnimi i një vlerësimi të mëparshëm)",
        "Vendosja e kontakteve me të gjitha komunitetet dhe kategoritë e përfituesve (p.sh. të kthyerit, personat e riatdhesuar ose rastet sociale nga komunitetet)",
        "Koordinimi dhe bashkëpunimi me palët e interesit përkatëse (p.sh. me OJQ-të, donatorët dhe përfituesit)",
        "Lehtësimi i mundësive që komunitetet të marrin pjesë në zhvillimin e strategjive/ politikave/ planeve të veprimit përkatëse",
        "Monitorimi i politikave në lidhje me mbrojtjen/promovimin e të drejtave të komuniteteve ose përfituesve të veçantë",
        "Zhvillimi, monitorimi ose vlerësimi i projekteve nga të cilat përfitojnë komunitetet",
        "Dhënia e këshillave (me shkrim ose në mënyrë verbale) për kuvendet komunale ose organet ekzekutive komunale",
        "Kontaktimi dhe komunikimi me publikun ose vetëdijesimi i komuniteteve dhe grupeve specifike të përfituesve",
    ], [
        "Vlerësimi i nevojave të komuniteteve dhe përfituesve",
        "Kontaktet me të gjitha komunitetet dhe kategoritë e përfituesve",
        "Koordinimi me OJQ-të, donatorët dhe përfituesit",
        "Pjesëmarrja e komuniteteve në strategji, politika dhe plane veprimi",
        "Monitorimi i politikave për të drejtat e komuniteteve",
        "Projektet në dobi të komuniteteve",
        "Këshilla për kuvendin ose ekzekutivin komunal",
        "Vetëdijesimi dhe komunikimi me publikun",
    ]],
    "sr": [[
        "Procena prava zajednica / potreba korisnika (ili ažuriranje prethodne procene)",
        "Uspostavljanje kontakata sa svim zajednicama i kategorijama korisnika (npr. povratnici, repatrirana lica ili socijalni slučajevi)",
        "Koordinacija i saradnja sa relevantnim zainteresovanim stranama (npr. NVO, donatori i korisnici)",
        "Olakšavanje mogućnosti zajednicama da učestvuju u izradi strategija/ politika/ akcionih planova",
        "Praćenje politika u vezi sa zaštitom/unapređenjem prava zajednica ili posebnih korisnika",
        "Izrada, praćenje ili ocena projekata od kojih koristi imaju zajednice",
        "Pružanje saveta (pismeno ili usmeno) skupštini opštine ili izvršnim organima opštine",
        "Informisanje i komunikacija sa javnošću ili podizanje svesti zajednica i grupa korisnika",
    ]],
    "en": [[
        "Assessment of communities' rights / beneficiaries' needs (or update of a previous assessment)",
        "Establishing contacts with all communities and categories of beneficiaries (e.g. returnees, repatriated persons or social cases)",
        "Co-ordination and co-operation with relevant stakeholders (e.g. NGOs, donors and beneficiaries)",
        "Facilitating opportunities for communities to participate in developing strategies/ policies/ action plans",
        "Monitoring of policies related to the protection/promotion of the rights of communities or specific beneficiaries",
        "Developing, monitoring or evaluating projects benefiting communities",
        "Providing advice (written or verbal) to the municipal assembly or municipal executive bodies",
        "Outreach and communication with the public or awareness raising of communities and specific beneficiary groups",
    ], [
        "Needs assessment of communities and beneficiaries",
        "Contacts with all communities and beneficiary categories",
        "Co-ordination with NGOs, donors and beneficiaries",
        "Facilitating communities' participation in strategies and action plans",
        "Monitoring of policies on communities' rights",
        "Projects benefiting communities",
        "Advice to the municipal assembly or executive",
        "Public outreach and awareness raising",
    ]],
}

T = {
    "sq": {
        "title": "Zyrat Komunale për Komunitete dhe Kthim (ZKKK)",
        "intro": ("Zyrat Komunale për Komunitete dhe Kthim janë të detyrueshme për të gjitha komunat dhe kanë mandat "
                  "të mbrojnë të drejtat e komuniteteve, të sigurojnë qasje të barabartë në shërbime dhe të krijojnë "
                  "kushte për kthim të qëndrueshëm. Dokumentet kryesore që rregullojnë krijimin dhe mandatin e "
                  "ZKKK-ve janë Rregullorja 02/2010 dhe termet e referencës për ZKKK-të."),
        "est_head": "Themelimi",
        "est": "Që nga paraqitja e tyre në vitin 2010, ZKKK-të janë themeluar zyrtarisht në {n} komuna.",
        "north": ("Në Leposaviq, Mitrovicë të Veriut dhe Zubin Potok, ekzistojnë zyra të ngjashme që nuk "
                  "llogariten si ZKKK në këtë fletë faktesh."),
        "plan": "ZKKK-të që kanë dorëzuar plan pune në {y}",
        "plan_sum": "{k}/{n} ZKKK dorëzuan plan pune",
        "per_task": "ZKKK-të sipas detyrave thelbësore të kryera në {y}",
        "matrix": "Numri i ZKKK-ve që kryejnë detyra thelbësore*",
        "basis": ("(Bazuar në monitorimin e rregullt të ekipeve në terren të Misionit të OSBE-së dhe rishikimet "
                  "specifike periodike, si dhe raportet e prodhuara nga komunat)"),
        "count": "Numri i detyrave thelbësore të ndërmarra",
        "muni": "Komuna",
        "note": "*Detyrat e përshkruara në kornizën ligjore dhe të politikave që monitorohen rregullisht nga Misioni i OSBE-së në Kosovë",
    },
    "sr": {
        "title": "Opštinske kancelarije za zajednice i povratak (OKZP)",
        "intro": ("Opštinske kancelarije za zajednice i povratak su obavezne u svim opštinama i imaju mandat da štite "
                  "prava zajednica, obezbede jednak pristup uslugama i stvore uslove za održiv povratak. Ključni "
                  "dokumenti koji uređuju osnivanje i mandat OKZP su Uredba 02/2010 i projektni zadatak za OKZP."),
        "est_head": "Osnivanje",
        "est": "Od njihovog uvođenja 2010. godine, OKZP su zvanično osnovane u {n} opština.",
        "north": ("U Leposaviću, Severnoj Mitrovici i Zubinom Potoku postoje slične kancelarije koje se u ovom "
                  "informativnom listu ne računaju kao OKZP."),
        "plan": "OKZP koje su podnele plan rada za {y}",
        "plan_sum": "{k}/{n} OKZP podnelo plan rada",
        "per_task": "OKZP prema obavljenim ključnim zadacima u {y}",
        "matrix": "Broj OKZP koje obavljaju ključne zadatke*",
        "basis": ("(Na osnovu redovnog praćenja terenskih timova Misije OEBS-a i periodičnih posebnih pregleda, "
                  "kao i izveštaja opština)"),
        "count": "Broj obavljenih ključnih zadataka",
        "muni": "Opština",
        "note": "*Zadaci opisani u pravnom okviru i okviru politika koje Misija OEBS-a na Kosovu redovno prati",
    },
    "en": {
        "title": "Municipal Offices for Communities and Returns (MOCRs)",
        "intro": ("Municipal Offices for Communities and Returns are mandatory in all municipalities and are mandated "
                  "to protect communities' rights, ensure equal access to services and create conditions for "
                  "sustainable return. The key documents regulating the MOCRs are Regulation 02/2010 and the MOCR "
                  "terms of reference."),
        "est_head": "Establishment",
        "est": "Since their introduction in 2010, MOCRs have been officially established in {n} municipalities.",
        "north": ("In Leposavić, Mitrovica North and Zubin Potok, similar offices exist but are not counted as "
                  "MOCRs in this fact sheet."),
        "plan": "MOCRs that submitted a work plan in {y}",
        "plan_sum": "{k}/{n} MOCRs submitted a work plan",
        "per_task": "MOCRs by core task performed in {y}",
        "matrix": "Number of MOCRs performing core tasks*",
        "basis": ("(Based on regular monitoring by OSCE Mission field teams and specific periodic reviews, as well "
                  "as reports produced by the municipalities)"),
        "count": "Number of core tasks performed",
        "muni": "Municipality",
        "note": "*Tasks described in the legal and policy framework that are regularly monitored by the OSCE Mission in Kosovo",
    },
}


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
                       rng.choice(["ruled", "zebra", "header"]), size=size, pad=1.6, header_size=5.6)
    for m, r, row, pc in zip(munis, matrix, rows, prev_counts):
        for task, done, cell in zip(CORE_TASKS, r, row[1:9]):
            doc.record("mocr.core_task_performed", int(done), "bool", p.number, cur.end, municipality_id=m,
                       category=task, value_text=cell or None, label_text=row[0])
        doc.record("mocr.core_tasks_performed", sum(r), "count", p.number, cur.end, municipality_id=m,
                   value_text=str(sum(r)), label_text=row[0])
        doc.record("mocr.core_tasks_performed", pc, "count", p.number, prev.end, municipality_id=m,
                   value_text=str(pc), label_text=row[0])
    p.text(p.margin, p.y + 4, t["note"], size=6.5, color="#555555")
