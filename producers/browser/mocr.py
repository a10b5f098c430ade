"""OSCE MOCR / ZKKK / OKZP fact sheets: offices established, work plans, the core-task matrix with counts."""
from __future__ import annotations

import random
from datetime import date

from . import svg
from .blocks import bool_marks, heading, print_stamp, prose
from .lang import cyrillic
from .look import Look, cyrillic_font
from .markup import css_string, esc, figure, stylesheet, table
from .model import Doc, month_end
from .places import NOT_IN_MOCR, kosovo, name

CORE_TASKS = ["needs_assessment", "outreach_contacts", "stakeholder_coordination", "participation_facilitation",
              "policy_monitoring", "projects", "advice_to_municipal_bodies", "public_awareness"]

# Two editions' wordings per language, in the contract's task order.
TASK_HEADERS = {
    "sq": [
        ["Vlerësimi i të drejtave të komuniteteve / nevojave të përfituesve (ose azhurnimi i një vlerësimi të "
         "mëparshëm)",
         "Vendosja e kontakteve me të gjitha komunitetet dhe kategoritë e përfituesve (p.sh. të kthyerit, personat "
         "e riatdhesuar ose rastet sociale nga komunitetet)",
         "Koordinimi dhe bashkëpunimi me palët e interesit përkatëse (p.sh. me OJQ-të, donatorët dhe përfituesit)",
         "Lehtësimi i mundësive që komunitetet të marrin pjesë në zhvillimin e strategjive/politikave/planeve të "
         "veprimit përkatëse",
         "Monitorimi i politikave në lidhje me mbrojtjen/promovimin e të drejtave të komuniteteve ose përfituesve "
         "të veçantë",
         "Zhvillimi, monitorimi ose vlerësimi i projekteve nga të cilat përfitojnë komunitetet",
         "Dhënia e këshillave (me shkrim ose në mënyrë verbale) për kuvendet komunale ose organet ekzekutive "
         "komunale mbi çështje që lidhen me mbrojtjen/promovimin e të drejtave të komuniteteve",
         "Kontaktimi dhe komunikimi me publikun ose vetëdijesimi i komuniteteve dhe grupeve specifike të "
         "përfituesve"],
        ["Vlerësimi i nevojave të komuniteteve dhe përfituesve",
         "Kontaktet me të gjitha komunitetet dhe kategoritë e përfituesve",
         "Bashkërendimi me OJQ-të, donatorët dhe përfituesit",
         "Pjesëmarrja e komuniteteve në hartimin e strategjive dhe planeve të veprimit",
         "Monitorimi i politikave për të drejtat e komuniteteve",
         "Projektet në dobi të komuniteteve (zhvillimi, monitorimi, vlerësimi)",
         "Këshillimi i kuvendit komunal ose i organeve ekzekutive",
         "Informimi i publikut dhe ngritja e vetëdijes"],
    ],
    "sr": [
        ["Procena prava zajednica / potreba korisnika (ili ažuriranje prethodne procene)",
         "Uspostavljanje kontakata sa svim zajednicama i kategorijama korisnika (npr. povratnici, repatrirana lica "
         "ili socijalni slučajevi iz zajednica)",
         "Koordinacija i saradnja sa relevantnim zainteresovanim stranama (npr. NVO, donatori i korisnici)",
         "Olakšavanje učešća zajednica u izradi relevantnih strategija/politika/akcionih planova",
         "Praćenje politika u vezi sa zaštitom/promovisanjem prava zajednica ili posebnih korisnika",
         "Izrada, praćenje ili ocena projekata od kojih koristi imaju zajednice",
         "Davanje saveta (pismeno ili usmeno) opštinskim skupštinama ili izvršnim organima o pitanjima zaštite/"
         "promovisanja prava zajednica",
         "Informisanje i komunikacija sa javnošću ili podizanje svesti zajednica i posebnih grupa korisnika"],
        ["Procena potreba zajednica i korisnika",
         "Kontakti sa svim zajednicama i kategorijama korisnika",
         "Koordinacija sa NVO, donatorima i korisnicima",
         "Učešće zajednica u izradi strategija i akcionih planova",
         "Praćenje politika o pravima zajednica",
         "Projekti u korist zajednica (izrada, praćenje, ocena)",
         "Savetovanje opštinske skupštine ili izvršnih organa",
         "Informisanje javnosti i podizanje svesti"],
    ],
    "en": [
        ["Assessment of communities' rights / beneficiaries' needs (or update of a previous assessment)",
         "Establishing contacts with all communities and beneficiary categories (e.g. returnees, repatriated "
         "persons or social cases from communities)",
         "Coordination and co-operation with relevant stakeholders (e.g. NGOs, donors and beneficiaries)",
         "Facilitating opportunities for communities to participate in developing relevant strategies/policies/"
         "action plans",
         "Monitoring of policies related to the protection/promotion of the rights of communities or specific "
         "beneficiaries",
         "Developing, monitoring or evaluating projects benefiting communities",
         "Providing advice (in writing or verbally) to municipal assemblies or municipal executive bodies on issues "
         "related to the protection/promotion of communities' rights",
         "Outreach and communication with the public or awareness raising of communities and specific beneficiary "
         "groups"],
        ["Needs assessment of communities and beneficiaries",
         "Contacts with all communities and beneficiary categories",
         "Co-ordination with NGOs, donors and beneficiaries",
         "Community participation in strategies and action plans",
         "Monitoring of policies on community rights",
         "Projects benefiting communities (development, monitoring, evaluation)",
         "Advice to the municipal assembly or executive bodies",
         "Public outreach and awareness raising"],
    ],
}

TEXT = {
    "sq": {"mission": "Misioni i OSBE-së në Kosovë", "sheet": "Fletë informative",
           "title": "Zyrat Komunale për Komunitete dhe Kthim (ZKKK)", "ab": "ZKKK",
           "intro": ("Zyrat Komunale për Komunitete dhe Kthim janë të detyrueshme për të gjitha komunat dhe kanë "
                     "mandat të mbrojnë të drejtat e komuniteteve, të sigurojnë qasje të barabartë në shërbime dhe "
                     "të krijojnë kushte për kthim të qëndrueshëm. Dokumentet kryesore që rregullojnë krijimin dhe "
                     "mandatin e ZKKK-ve janë Rregullorja 02/2010 dhe termet e referencës për ZKKK-të."),
           "est_head": "Themelimi",
           "est": "Që nga paraqitja e tyre në vitin 2010, ZKKK-të janë themeluar zyrtarisht në {n} komuna.",
           "north": ("Në Leposaviq, Mitrovicë të Veriut dhe Zubin Potok, ekzistojnë zyra të ngjashme që kryejnë "
                     "funksione të ngjashme dhe nuk llogariten si ZKKK në këtë fletë faktesh."),
           "plan": "ZKKK-të që kanë dorëzuar plan pune në {y}",
           "matrix": "Numri i ZKKK-ve që kryejnë detyra thelbësore*",
           "basis": ("(Bazuar në monitorimin e rregullt të ekipeve në terren të Misionit të OSBE-së dhe rishikimet "
                     "specifike periodike, si dhe raportet e prodhuara nga komunat)"),
           "count_head": "Numri i detyrave thelbësore të ndërmarra", "muni": "Komuna",
           "note": ("*Detyrat e përshkruara në kornizën ligjore dhe të politikave që monitorohen rregullisht nga "
                    "Misioni i OSBE-së në Kosovë"),
           "by_task": "ZKKK-të sipas detyrave thelbësore të kryera në {y}",
           "site": "Misioni i OSBE-së në Kosovë · www.osce.org/kosovo"},
    "sr": {"mission": "Misija OEBS-a na Kosovu", "sheet": "Informativni list",
           "title": "Opštinske kancelarije za zajednice i povratak (OKZP)", "ab": "OKZP",
           "intro": ("Opštinske kancelarije za zajednice i povratak su obavezne za sve opštine i imaju mandat da "
                     "štite prava zajednica, obezbede jednak pristup uslugama i stvore uslove za održiv povratak. "
                     "Ključni dokumenti koji uređuju osnivanje i mandat OKZP su Uredba 02/2010 i projektni zadatak."),
           "est_head": "Osnivanje",
           "est": "Od njihovog uvođenja 2010. godine, OKZP su zvanično osnovane u {n} opština.",
           "north": ("U Leposaviću, Severnoj Mitrovici i Zubinom Potoku postoje slične kancelarije sa sličnim "
                     "funkcijama koje se u ovom informativnom listu ne računaju kao OKZP."),
           "plan": "OKZP koje su dostavile plan rada u {y}. godini",
           "matrix": "Broj OKZP koje obavljaju ključne zadatke*",
           "basis": ("(Na osnovu redovnog praćenja terenskih timova Misije OEBS-a i periodičnih pregleda, kao i "
                     "izveštaja opština)"),
           "count_head": "Broj obavljenih ključnih zadataka", "muni": "Opština",
           "note": "*Zadaci opisani u pravnom okviru i okviru politika koje Misija OEBS-a na Kosovu redovno prati",
           "by_task": "OKZP prema ključnim zadacima obavljenim u {y}. godini",
           "site": "Misija OEBS-a na Kosovu · www.osce.org/kosovo"},
    "en": {"mission": "OSCE Mission in Kosovo", "sheet": "Fact sheet",
           "title": "Municipal Offices for Communities and Return (MOCRs)", "ab": "MOCR",
           "intro": ("Municipal Offices for Communities and Return are mandatory for all municipalities and are "
                     "mandated to protect the rights of communities, ensure equal access to services and create "
                     "conditions for sustainable return. The key documents regulating their establishment and "
                     "mandate are Regulation 02/2010 and the MOCR terms of reference."),
           "est_head": "Establishment",
           "est": "Since their introduction in 2010, MOCRs have been officially established in {n} municipalities.",
           "north": ("In Leposavić/Leposaviq, North Mitrovica and Zubin Potok, similar offices perform similar "
                     "functions and are not counted as MOCRs in this fact sheet."),
           "plan": "MOCRs that submitted a work plan in {y}",
           "matrix": "Number of MOCRs performing core tasks*",
           "basis": ("(Based on regular monitoring by OSCE Mission field teams and specific periodic reviews, as "
                     "well as reports produced by the municipalities)"),
           "count_head": "Number of core tasks performed", "muni": "Municipality",
           "note": "*Tasks described in the legal and policy framework and regularly monitored by the OSCE Mission",
           "by_task": "MOCRs by core tasks performed in {y}",
           "site": "OSCE Mission in Kosovo · www.osce.org/kosovo"},
}

MATRIX_CSS = """
table.m { width: 100%; font-size: 0.86em } table.m td, table.m th { border: 0.5px solid #777; padding: 1px 3px }
table.m th { font-weight: normal; font-size: 0.86em; vertical-align: bottom; line-height: 1.12 }
table.m th.rot { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; height: 200px;
 vertical-align: middle }
table.m.dense { font-size: 0.7em; line-height: 1.0 } table.m.dense th.rot { height: 150px }
table.m td.c { text-align: center } table.ticks td { padding: 0 6px 0 0; border: 0 }
"""


def build(rng: random.Random, lang: str, script: str, look: Look, stem: str) -> Doc:
    t = TEXT[lang]
    year = rng.randint(2018, 2024)
    start, end = date(year, 1, 1), month_end(year, 12)
    prev_end = month_end(year - 1, 12)
    doc = Doc(stem, "OSCE", "MOCR", lang, start, end, kind="mocr", design=f"{look.design}/{look.font}",
              title=f"{t['mission']} – {t['title']}", html_lang="sr-Cyrl" if script == "cyrl" else lang)
    if script == "cyrl":
        cyrillic_font(look)
    st = look.style()
    munis = [m for m in kosovo() if m not in NOT_IN_MOCR]
    if rng.random() < 0.4:
        munis = rng.sample(munis, rng.randint(32, len(munis)))
    style = rng.choice(["bilingual", "bilingual", "own"]) if script == "latn" else "own"
    label = {m: name(m, lang, style, script) for m in munis}
    short = {m: name(m, lang, "own", script) for m in munis}
    munis.sort(key=lambda m: label[m])
    yes, no = bool_marks(rng, lang, allow_words=False)
    n = len(munis)

    # ---- page 1: establishment, work plans, (per-task totals: not truth)
    doc.add("mocr.offices_established", n, "count", end, str(n))
    plans = {m: rng.random() < 0.65 for m in munis}
    for m in munis:
        doc.add("mocr.work_plan_submitted", int(plans[m]), "bool", end, yes if plans[m] else no, municipality_id=m)
    half = (n + 1) // 2
    rows = []
    for i in range(half):
        a = munis[i]
        row = [esc(short[a]), yes if plans[a] else no]
        if i + half < n:
            b = munis[i + half]
            row += [esc(short[b]), yes if plans[b] else no]
        else:
            row += ["", ""]
        rows.append(row)
    n_yes = sum(plans.values())
    ticks = table([], rows, align=["", "c", "", "c"], cls="ticks")
    mast = (f'<div class="masthead"><div class="sub">{esc(t["mission"])} · {esc(t["sheet"])} {year}</div>'
            f'{heading(t["title"], look, 1)}</div>')
    est = heading(t["est_head"], look) + prose(t["est"].format(n=n), look) + prose(t["north"], look)
    plan_html = heading(t["plan"].format(y=year), look) + f'<div class="big">{n_yes}/{n}</div>' + ticks

    matrix = {m: [rng.random() < 0.68 for _ in CORE_TASKS] for m in munis}
    headers = TASK_HEADERS[lang][rng.randrange(2)]
    page1 = mast + prose(t["intro"], look) + f'<div class="grid"><div>{est}</div><div>{plan_html}</div></div>'
    if rng.random() < 0.6:
        per_task = [float(sum(matrix[m][k] for m in munis)) for k in range(len(CORE_TASKS))]
        chart = svg.bars([h if len(h) < 60 else h[:57] + "…" for h in headers], [svg.Series(str(year), per_task)],
                         lambda v: f"{v:.0f}", st, orient="h", labels="outside", legend="none", step=5, ticks=False,
                         width=look.page.width_px, height=26 * 8 + 30)
        page1 += figure(esc(t["by_task"].format(y=year)), chart.svg)
    doc.sections.append(page1)

    # ---- page 2: the matrix
    blank_no = rng.random() < 0.5          # a task not performed is a blank cell, else "–"
    rotated = rng.random() < 0.4
    th_cls = "rot" if rotated else ""
    head1 = [esc(t["muni"])] + [esc(h) for h in headers] + [esc(t["count_head"]), ""]
    body = []
    for m in munis:
        cells = []
        for k, task in enumerate(CORE_TASKS):
            done = matrix[m][k]
            mark = yes if done else ("" if blank_no else "–")
            doc.add("mocr.core_task_performed", int(done), "bool", end, mark or None, municipality_id=m,
                    category=task)
            cells.append(mark)
        cur = sum(matrix[m])
        prev = min(8, max(0, cur + rng.randint(-3, 3)))
        doc.add("mocr.core_tasks_performed", cur, "count", end, str(cur), municipality_id=m)
        doc.add("mocr.core_tasks_performed", prev, "count", prev_end, str(prev), municipality_id=m)
        body.append([esc(label[m])] + cells + [str(cur), str(prev)])
    head_html = ("<thead><tr>" + f'<th rowspan="2">{head1[0]}</th>' +
                 "".join(f'<th rowspan="2" class="{th_cls}">{h}</th>' for h in head1[1:9]) +
                 f'<th colspan="2">{head1[9]}</th></tr><tr><th>{year}</th><th>{year - 1}</th></tr></thead>')
    rows_html = "".join("<tr>" + f"<td>{r[0]}</td>" + "".join(f'<td class="c">{c}</td>' for c in r[1:]) + "</tr>"
                        for r in body)
    dense = " dense" if look.page.landscape else ""
    mtable = f'<table class="m{dense}">{head_html}<tbody>{rows_html}</tbody></table>'
    page2 = (f'<div class="sub">{esc(t["ab"])} · {year}</div>' + heading(t["matrix"], look) +
             f'<div class="note">{esc(t["basis"])}</div>' + mtable + f'<div class="note">{esc(t["note"])}</div>')
    doc.sections.append(page2)
    doc.header = {"bottom-left": css_string(t["site"]), "bottom-right": 'counter(page) " / " counter(pages)',
                  **print_stamp(rng, end)}
    if script == "cyrl":
        doc.sections = [cyrillic(s) for s in doc.sections]
        doc.title = cyrillic(doc.title)
        doc.header["bottom-left"] = css_string(cyrillic(t["mission"]) + " · www.osce.org/kosovo")
    doc.css = stylesheet(look.design, look.font, look.page, doc.header, look.font_size) + MATRIX_CSS
    return doc
