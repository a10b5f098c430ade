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
from .vocab import Lang, month_end, ticks

T = {
    "mission": {"sq": "Misioni i OSBE-së në Kosovë", "sr": "Misija OEBS-a na Kosovu", "en": "OSCE Mission in Kosovo"},
    "title": {"sq": "Zyrat Komunale për Komunitete dhe Kthim (ZKKK)",
              "sr": "Opštinske kancelarije za zajednice i povratak (OKZP)",
              "en": "Municipal Offices for Communities and Returns (MOCRs)"},
    "sheet": {"sq": "Fletë informative {y}", "sr": "Informativni list {y}", "en": "Fact sheet {y}"},
    "intro": {
        "sq": "Zyrat Komunale për Komunitete dhe Kthim janë të detyrueshme për të gjitha komunat dhe kanë mandat "
              "të mbrojnë të drejtat e komuniteteve, të sigurojnë qasje të barabartë në shërbime dhe të krijojnë "
              "kushte për kthim të qëndrueshëm. Dokumentet kryesore që rregullojnë krijimin dhe mandatin e "
              "ZKKK-ve janë Rregullorja 02/2010 dhe termet e referencës për ZKKK-të.",
        "sr": "Opštinske kancelarije za zajednice i povratak obavezne su za sve opštine i imaju mandat da štite "
              "prava zajednica, obezbede jednak pristup uslugama i stvore uslove za održiv povratak. Ključni "
              "dokumenti koji uređuju njihovo osnivanje i mandat su Uredba 02/2010 i projektni zadatak OKZP.",
        "en": "Municipal Offices for Communities and Returns are mandatory in all municipalities and are mandated "
              "to protect the rights of communities, ensure equal access to services and create conditions for "
              "sustainable return. Their establishment and mandate are regulated by Regulation 02/2010 and the "
              "MOCR terms of reference.",
    },
    "established": {"sq": "Që nga paraqitja e tyre në vitin 2010, ZKKK-të janë themeluar zyrtarisht në {n} komuna.",
                    "sr": "Od njihovog uvođenja 2010. godine, OKZP su zvanično osnovane u {n} opština.",
                    "en": "Since their introduction in 2010, MOCRs have been officially established in {n} municipalities."},
    "north": {"sq": "Në Leposaviq, Mitrovicë të Veriut dhe Zubin Potok ekzistojnë zyra të ngjashme që nuk "
                    "llogariten si ZKKK në këtë fletë faktesh.",
              "sr": "U Leposaviću, Severnoj Mitrovici i Zubinom Potoku postoje slične kancelarije koje se u ovom "
                    "informativnom listu ne računaju kao OKZP.",
              "en": "Similar offices exist in Leposavić, Mitrovica North and Zubin Potok; they are not counted as "
                    "MOCRs in this fact sheet."},
    "establishment": {"sq": "Themelimi", "sr": "Osnivanje", "en": "Establishment"},
    "plan": {"sq": "ZKKK-të që kanë dorëzuar plan pune në {y}", "sr": "OKZP koje su dostavile plan rada u {y}. godini",
             "en": "MOCRs that submitted a work plan in {y}"},
    "matrix": {"sq": "Numri i ZKKK-ve që kryejnë detyra thelbësore* në {y}",
               "sr": "OKZP koje obavljaju ključne zadatke* u {y}. godini",
               "en": "MOCRs performing core tasks* in {y}"},
    "matrix_note": {"sq": "*Detyrat e përshkruara në kornizën ligjore dhe të politikave që monitorohen rregullisht "
                          "nga Misioni i OSBE-së në Kosovë",
                    "sr": "*Zadaci propisani pravnim i političkim okvirom koje Misija OEBS-a na Kosovu redovno prati",
                    "en": "*Tasks set out in the legal and policy framework, regularly monitored by the OSCE Mission in Kosovo"},
    "count_col": {"sq": "Numri i detyrave thelbësore të ndërmarra", "sr": "Broj obavljenih ključnih zadataka",
                  "en": "Number of core tasks performed"},
    "municipality": {"sq": "Komuna", "sr": "Opština", "en": "Municipality"},
    "by_task": {"sq": "ZKKK-të sipas detyrave thelbësore të kryera në {y}",
                "sr": "OKZP prema obavljenim ključnim zadacima u {y}. godini",
                "en": "MOCRs by core task performed in {y}"},
    "submitted": {"sq": "{k} ZKKK dorëzuan plan pune", "sr": "{k} OKZP dostavilo plan rada",
                  "en": "{k} MOCRs submitted a work plan"},
}

# Two wordings of the eight core tasks per language (editions differ), in the contract's order.
TASKS = {
    "sq": [
        ["Vlerësimi i të drejtave të komuniteteve / nevojave të përfituesve (ose azhurnimi i një vlerësimi të mëparshëm)",
         "Vendosja e kontakteve me të gjitha komunitetet dhe kategoritë e përfituesve (p.sh. të kthyerit, personat e riatdhesuar ose rastet sociale nga komunitetet)",
         "Koordinimi dhe bashkëpunimi me palët e interesit përkatëse (p.sh. me OJQ-të, donatorët dhe përfituesit)",
         "Lehtësimi i mundësive që komunitetet të marrin pjesë në zhvillimin e strategjive/politikave/planeve të veprimit përkatëse",
         "Monitorimi i politikave në lidhje me mbrojtjen/promovimin e të drejtave të komuniteteve ose përfituesve të veçantë",
         "Zhvillimi, monitorimi ose vlerësimi i projekteve nga të cilat përfitojnë komunitetet",
         "Dhënia e këshillave (me shkrim ose në mënyrë verbale) për kuvendet komunale ose organet ekzekutive komunale mbi çështje që lidhen me mbrojtjen/promovimin e të drejtave të komuniteteve",
         "Kontaktimi dhe komunikimi me publikun ose vetëdijesimi i komuniteteve dhe grupeve specifike të përfituesve"],
        ["Vlerësimi i nevojave të komuniteteve", "Kontaktet me komunitetet dhe përfituesit",
         "Koordinimi me OJQ-të, donatorët dhe përfituesit", "Pjesëmarrja e komuniteteve në strategji dhe plane veprimi",
         "Monitorimi i politikave për të drejtat e komuniteteve", "Projektet për komunitetet",
         "Këshilla për kuvendin ose ekzekutivin komunal", "Vetëdijesimi dhe komunikimi me publikun"],
    ],
    "sr": [
        ["Procena prava zajednica / potreba korisnika (ili ažuriranje prethodne procene)",
         "Uspostavljanje kontakata sa svim zajednicama i kategorijama korisnika (npr. povratnici, repatrirana lica ili socijalni slučajevi iz zajednica)",
         "Koordinacija i saradnja sa relevantnim zainteresovanim stranama (npr. NVO, donatorima i korisnicima)",
         "Olakšavanje mogućnosti da zajednice učestvuju u izradi relevantnih strategija/politika/akcionih planova",
         "Praćenje politika u vezi sa zaštitom/promovisanjem prava zajednica ili posebnih korisnika",
         "Izrada, praćenje ili ocenjivanje projekata od kojih koristi imaju zajednice",
         "Davanje saveta (pismeno ili usmeno) opštinskim skupštinama ili izvršnim organima o pitanjima zaštite/promovisanja prava zajednica",
         "Informisanje i komunikacija sa javnošću ili podizanje svesti zajednica i posebnih grupa korisnika"],
        ["Procena potreba zajednica", "Kontakti sa zajednicama i korisnicima", "Koordinacija sa NVO i donatorima",
         "Učešće zajednica u strategijama i planovima", "Praćenje politika o pravima zajednica",
         "Projekti za zajednice", "Saveti skupštini ili izvršnoj vlasti opštine", "Podizanje svesti javnosti"],
    ],
    "en": [
        ["Assessment of communities' rights / beneficiaries' needs (or update of a previous assessment)",
         "Establishing contacts with all communities and categories of beneficiaries (e.g. returnees, repatriated persons or social cases from communities)",
         "Coordination and co-operation with relevant stakeholders (e.g. NGOs, donors and beneficiaries)",
         "Facilitating opportunities for communities to participate in developing relevant strategies/policies/action plans",
         "Monitoring of policies related to the protection/promotion of the rights of communities or specific beneficiaries",
         "Developing, monitoring or evaluating projects benefiting communities",
         "Providing advice (written or verbal) to municipal assemblies or municipal executive bodies on issues related to the protection/promotion of community rights",
         "Outreach and communication with the public, or awareness raising of communities and specific beneficiary groups"],
        ["Needs assessment of communities", "Contacts with all communities and beneficiaries",
         "Coordination with NGOs, donors and beneficiaries", "Community participation in strategies and action plans",
         "Monitoring policies on community rights", "Projects benefiting communities",
         "Advice to the municipal assembly or executive", "Public outreach and awareness raising"],
    ],
}
CORE_TASKS = ["needs_assessment", "outreach_contacts", "stakeholder_coordination", "participation_facilitation",
              "policy_monitoring", "projects", "advice_to_municipal_bodies", "public_awareness"]
NOT_MOCR = {"xk-leposaviq", "xk-mitrovice-e-veriut", "xk-zubin-potok"}


def tr(key: str, lang: Lang, **kw) -> str:
    return lang.t(T[key][lang.code].format(**kw))


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
                      lang.t({"sq": "Faqe", "sr": "Strana", "en": "Page"}[lang.code]), None)
    kit.heading(doc, tr("title", lang), 1, look)
    kit.para(doc, tr("intro", lang), align="justify")
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
