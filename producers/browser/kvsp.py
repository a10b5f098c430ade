"""IDM KVSP survey reports (Albania): councils, sample, respondent shares, answer figures, Likert tables."""
from __future__ import annotations

import random
from datetime import date

from . import svg
from .blocks import heading, prose
from .lang import MONTHS, fmt_pct
from .look import Look
from .markup import css_string, esc, figure, stylesheet, table
from .model import Doc, month_end
from .places import SQ_GENITIVE, albania, ascii_fold, name

QUESTIONS = {
    "sq": ["A jeni në dijeni të Këshillit Vendor të Sigurisë Publike në bashkinë tuaj?",
           "A keni marrë pjesë në cilësinë e anëtarit në takimet e KVSP?",
           "A jeni ju në dijeni të një rregulloreje për funksionimin e KVSP-së në bashkinë tuaj?",
           "Në dy vitet e fundit a keni marrë pjesë ndonjëherë në ndonjë trajnim mbi funksionimin e KVSP-së?",
           "A ndahet informacioni mes institucioneve anëtare të KVSP-së në kohë?"],
    "en": ["Are you aware of the Local Public Safety Council in your municipality?",
           "Have you taken part as a member in the meetings of the KVSP?",
           "Are you aware of a regulation on the functioning of the KVSP in your municipality?",
           "In the last two years, have you ever taken part in a training on the functioning of the KVSP?",
           "Is information shared between the member institutions of the KVSP on time?"],
}
OPTIONS_Q = {"sq": ("Sa herë keni marrë pjesë në mbledhje e KVSP-së në dy vitet e fundit?",
                    ["1-2 herë", "3-4 herë", "Më shumë se 5 herë"]),
             "en": ("How many times have you taken part in KVSP meetings in the last two years?",
                    ["1-2 times", "3-4 times", "More than 5 times"])}
ANSWERS = {"sq": {"yes": "Po", "no": "Jo", "dont_know": "Nuk e di"},
           "en": {"yes": "Yes", "no": "No", "dont_know": "Don't know"}}
STATEMENTS = {
    "sq": [["KVSP është mekanizmi më efikas në nivel vendor për të adresuar sfidat e sigurisë publike",
            "KVSP-ja luan një rol të rëndësishëm në identifikimin dhe menaxhimin në nivel vendor të problematikave "
            "që lidhen me sigurinë në komunitet",
            "KVSP nxit transparencën dhe llogaridhënien e institucioneve vendore ndaj çështjeve të sigurisë publike",
            "Takimet e KVSP-së zhvillohen me një axhendë të qartë dhe të njoftuar paraprakisht"],
           ["Qytetarët përfshihen mjaftueshëm në punën e KVSP-së",
            "Partneriteti mes institucioneve të përfshira në KVSP (Bashki, Prokurori dhe Polici si dhe bashkëpunimi "
            "me qytetarët, shkollat, institucionet publike në nivel vendor, OSHC) rrit besimin publik dhe garanton "
            "qëndrueshmëri të KVSP",
            "Qasja shumaktoriale e KVSP adreson në mënyrë efektive çështjet e sigurisë së komunitetit dhe fenomenet "
            "e reja si ekstremizmi i dhunshëm, riintegrimi i grupeve të cenueshme, flukset migratore, etj.",
            "Veprimtaria e KVSP-së do të ishte më efikase nëse mbështetet në partneritetin dhe bashkëpunimin e "
            "qëndrueshëm mes bashkisë, policisë dhe prokurorisë"]],
    "en": [["The KVSP is the most effective local mechanism for addressing public safety challenges",
            "The KVSP plays an important role in identifying and managing community safety problems at local level",
            "The KVSP promotes transparency and accountability of local institutions on public safety issues",
            "KVSP meetings are held with a clear agenda announced in advance"],
           ["Citizens are sufficiently involved in the work of the KVSP",
            "The partnership between the institutions in the KVSP (municipality, prosecution and police, and "
            "co-operation with citizens, schools, local public institutions and CSOs) increases public trust and "
            "ensures the sustainability of the KVSP",
            "The multi-stakeholder approach of the KVSP effectively addresses community safety issues and new "
            "phenomena such as violent extremism, reintegration of vulnerable groups, migration flows, etc.",
            "The work of the KVSP would be more effective if based on a sustainable partnership between the "
            "municipality, police and prosecution"]],
}
TEXT = {
    "sq": {"kind": "Raport studimor",
           "title": "Përvoja dhe mundësitë për funksionimin e Këshillave Vendorë të Sigurisë Publike (KVSP)",
           "org": "Instituti për Demokraci dhe Ndërmjetësim (IDM)",
           "intro_h": "HYRJE", "method_h": "METODOLOGJIA", "sample_h": "SEKSIONI I. PËRSHKRIMI I KAMPIONIT",
           "find_h": "SEKSION II: ANALIZA E GJETJEVE", "multi_h": "SEKSIONI III. QASJA SHUMAKTORIALE",
           "intro": ("Këshilli Vendor i Sigurisë Publike (KVSP) është një mekanizëm këshillimor, i cili ngrihet dhe "
                     "funksionon në çdo bashki me qëllim hartimin e politikave dhe plan-veprimeve gjithëpërfshirëse "
                     "që kontribuojnë në rritjen e sigurisë publike në nivel vendor, në zbatim të ligjit organik nr. "
                     "139/2015 “Për vetëqeverisjen vendore”."),
           "councils": "Të ngritura në {n} bashki të vendit, këto mekanizma kanë ofruar qasje të ndryshme.",
           "survey": ("Pyetësori gjysmë i strukturuar u plotësua nga {r} profesionistë të vijës së parë dhe aktorë në "
                      "nivel vendor. Pyetësori u administrua online në {m} bashki. Procesi i mbledhjes së të dhënave "
                      "sasiore u realizua online gjatë periudhës {p}."),
           "focus": ("Diskutimet në fokus grupe u realizuan përgjatë periudhës {p} në {k} bashki të vendit: {names}. "
                     "U realizuan gjithashtu {i} intervista gjysmë të strukturuara."),
           "fig1_text": ("Figura 1 më poshtë paraqet shpërndarjen gjeografike të të anketuarve në {m} bashki dhe "
                         "tregon që përfaqësimin më të madh e ka bashkia e {g} me {v}."),
           "fig1": "Figura 1. Bashkitë", "fig": "Figura", "tab": "Tabela",
           "yesno_text": "Të dhënat e paraqitura në Figurën {f} tregojnë që {y} e të anketuarve janë përgjigjur "
                         "pozitivisht.",
           "t1": "Perceptimet mbi funksionimin dhe rolin e KVSP në komunitetet vendore",
           "t2": "Ju lutem shprehni dakordësinë tuaj për sa i përket pohimeve si më poshtë në lidhje me KVSP",
           "scale": "Niveli i dakordësisë në shkallë me pesë pikë nga 1 (aspak dakord) në 5 (plotësisht dakord).",
           "stmt": "Pohimet", "l1": "1 – Aspak dakord", "l5": "5 – Plotësisht dakord", "muni": "Bashkia",
           "share": "Përqindja"},
    "en": {"kind": "Research report",
           "title": "Experiences and opportunities for the functioning of Local Public Safety Councils (KVSP)",
           "org": "Institute for Democracy and Mediation (IDM)",
           "intro_h": "INTRODUCTION", "method_h": "METHODOLOGY", "sample_h": "SECTION I. DESCRIPTION OF THE SAMPLE",
           "find_h": "SECTION II: ANALYSIS OF THE FINDINGS", "multi_h": "SECTION III. THE MULTI-STAKEHOLDER APPROACH",
           "intro": ("The Local Public Safety Council (KVSP) is an advisory mechanism set up in every municipality of "
                     "Albania to draft inclusive policies and action plans that increase public safety at local "
                     "level, under organic law no. 139/2015 “On local self-government”."),
           "councils": "Established in {n} municipalities of the country, these mechanisms have taken varied "
                       "approaches.",
           "survey": ("The semi-structured questionnaire was completed by {r} front-line professionals and local "
                      "actors. It was administered online in {m} municipalities. Quantitative data were collected "
                      "online during {p}."),
           "focus": ("Focus group discussions were held during {p} in {k} municipalities: {names}. In addition, {i} "
                     "semi-structured interviews were conducted."),
           "fig1_text": ("Figure 1 below shows the geographic distribution of respondents across {m} municipalities; "
                         "the largest share is from {g} with {v}."),
           "fig1": "Figure 1. Municipalities", "fig": "Figure", "tab": "Table",
           "yesno_text": "The data in Figure {f} show that {y} of respondents answered positively.",
           "t1": "Perceptions of the functioning and role of the KVSP in local communities",
           "t2": "Please state your agreement with the following statements about the KVSP",
           "scale": "Level of agreement on a five-point scale from 1 (strongly disagree) to 5 (strongly agree).",
           "stmt": "Statements", "l1": "1 – Strongly disagree", "l5": "5 – Strongly agree", "muni": "Municipality",
           "share": "Share"},
}

CSS = """
table.lk { width: 100% } table.lk td, table.lk th { border: 0.6px solid #555; padding: 2px 4px }
table.lk th { font-weight: bold; vertical-align: bottom } table.lk td.s { width: 52% }
.pgno { text-align: center; font-size: 0.85em; color: #666 } .quote { font-style: italic; margin: 6px 18px }
"""


def slug(text: str) -> str:
    return ascii_fold(text).lower().replace(" ", "_")


def shares(rng: random.Random, n: int, lo: float = 1.0) -> list[float]:
    """n percentages with one decimal that add up to exactly 100.0."""
    raw = [rng.uniform(lo, 10) ** 1.6 for _ in range(n)]
    total = sum(raw)
    tenths = [max(int(round(r / total * 1000)), 1) for r in raw]
    tenths[tenths.index(max(tenths))] += 1000 - sum(tenths)
    return [x / 10 for x in tenths]


def _period(lang: str, a: date, b: date) -> str:
    m = MONTHS[lang]
    if a.year == b.year:
        return f"{m[a.month - 1]}-{m[b.month - 1]} {b.year}" if lang == "sq" else f"{m[a.month - 1]}–{m[b.month - 1]} {b.year}"
    return f"{m[a.month - 1]} {a.year}-{m[b.month - 1]} {b.year}" if lang == "sq" else \
        f"{m[a.month - 1]} {a.year} – {m[b.month - 1]} {b.year}"


def build(rng: random.Random, lang: str, look: Look, stem: str) -> Doc:
    t = TEXT[lang]
    year = rng.randint(2021, 2025)
    survey_start, survey_end = date(year - 1, 12, 1), month_end(year, rng.choice([1, 2]))
    fg_start, fg_end = date(year - 1, rng.choice([10, 11]), 1), month_end(year - 1, 12)
    doc = Doc(stem, "IDM", "KVSP", lang, fg_start, survey_end, kind="kvsp", design=f"{look.design}/{look.font}",
              title=t["title"], html_lang=lang)
    st = look.style()
    pct = lambda v: fmt_pct(v, 1, look.comma)  # noqa: E731
    doc.header = {"top-center": css_string(t["title"]), "bottom-center": '"| " counter(page) " |"'}

    n_councils = rng.randint(48, 61)
    respondents = rng.randint(55, 130)
    covered = rng.sample(albania(), rng.randint(9, 16))
    fg = rng.sample(covered, rng.randint(3, 7))
    interviews = rng.randint(3, 12)
    ends = survey_end
    doc.add("kvsp.councils_established", n_councils, "count", ends, str(n_councils))
    doc.add("kvsp.survey.respondents", respondents, "count", ends, str(respondents))
    doc.add("kvsp.survey.municipalities", len(covered), "count", ends, str(len(covered)))
    doc.add("kvsp.survey.focus_group_municipalities", len(fg), "count", fg_end, str(len(fg)))

    sh = sorted(shares(rng, len(covered)), reverse=True)
    top_m = covered[0]
    gname = SQ_GENITIVE.get(top_m, name(top_m, "sq", "own")) if lang == "sq" else name(top_m, "en", "own")
    # page 1: intro, methodology, figure 1
    p = [f'<div class="masthead"><div class="sub">{esc(t["kind"])} · {esc(t["org"])}</div>'
         f'{heading(t["title"], look, 1)}</div>',
         heading(t["intro_h"], look), prose(t["intro"], look),
         prose(t["councils"].format(n=n_councils), look),
         heading(t["method_h"], look),
         prose(t["survey"].format(r=respondents, m=len(covered), p=_period(lang, survey_start, survey_end)), look),
         prose(t["focus"].format(p=_period(lang, fg_start, fg_end), k=len(fg),
                                 names=", ".join(name(m, "sq", "own") for m in fg), i=interviews), look),
         heading(t["sample_h"], look),
         prose(t["fig1_text"].format(m=len(covered), g=gname, v=pct(sh[0])), look)]
    labels = [name(m, "sq" if lang == "sq" else "en", rng.choice(["own", "own", "ascii"])) for m in covered]
    form = rng.choice(["hbar", "vbar", "table", "pie"])
    if form == "pie":       # many slices: the shares printed in the legend only
        chart = svg.pie(list(zip(labels, sh)), pct, st, donut=rng.random() < 0.5, labels="legend",
                        legend="right", size=240)
        fig = chart.svg
        printed = [chart.printed[(0, i)] for i in range(len(sh))]
    elif form == "table":
        rows = [[esc(l), pct(v)] for l, v in zip(labels, sh)]
        fig = table([[esc(t["muni"]), esc(t["share"])]], rows, align=["", "n"], style="width:55%")
        printed = [pct(v) for v in sh]
    else:
        chart = svg.bars(labels, [svg.Series("", sh)], pct, st, orient="h" if form == "hbar" else "v",
                         labels="outside", legend="none", step=5, ticks=rng.random() < 0.5, rotate=-45,
                         width=look.page.width_px * (0.7 if form == "hbar" else 0.9),
                         height=(19 * len(labels) + 40) if form == "hbar" else 240)
        fig = chart.svg
        printed = [chart.printed[(0, i)] for i in range(len(sh))]
    for m, v, pr in zip(covered, sh, printed):
        doc.add("kvsp.survey.respondent_share", v, "percent", ends, pr, municipality_id=m)
    p.append(figure(esc(t["fig1"]), fig))
    doc.sections.append("".join(p))

    # page 2: yes/no figures and an options figure
    fig_no = rng.randint(4, 6)
    q_order = rng.sample(range(len(QUESTIONS[lang])), 3)
    blocks = [heading(t["find_h"], look)]
    for q in q_order[:2]:
        blocks.append(_answer_figure(rng, doc, t, look, st, lang, fig_no, QUESTIONS[lang][q], ends, pct))
        fig_no += rng.randint(1, 3)
    doc.sections.append("".join(blocks))
    blocks = [_answer_figure(rng, doc, t, look, st, lang, fig_no, QUESTIONS[lang][q_order[2]], ends, pct)]
    fig_no += 1
    if rng.random() < 0.7:
        q, opts = OPTIONS_Q[lang]
        vals = shares(rng, len(opts), 3)
        chart = svg.bars(opts, [svg.Series("", vals)], pct, st, orient="v", labels="outside", legend="none",
                         step=10, ticks=False, rotate=0, width=360, height=200)
        for k, (o, v) in enumerate(zip(opts, vals)):
            doc.add("kvsp.survey.answer_share", v, "percent", ends, chart.printed[(0, k)],
                    category=f"f{fig_no}:{slug(o)}")
        blocks.append(figure(esc(f"{t['fig']} {fig_no}. {q}"), chart.svg))
    doc.sections.append("".join(blocks))

    # pages 4-5: Likert tables
    levels_full = rng.random() < 0.6
    reverse = rng.random() < 0.3
    named = rng.random() < 0.7
    for tab in (1, 2):
        doc.sections.append((heading(t["multi_h"], look) if tab == 2 else "") +
                            _likert(rng, doc, t, look, lang, tab, levels_full, reverse, named, ends, pct))
    doc.css = stylesheet(look.design, look.font, look.page, doc.header, look.font_size) + CSS
    return doc


def _answer_figure(rng, doc: Doc, t, look: Look, st: svg.Style, lang: str, fig_no: int, question: str, ends: date,
                   pct) -> str:
    keys = ["yes", "no"] + (["dont_know"] if rng.random() < 0.35 else [])
    vals = shares(rng, len(keys), 3)
    names = [ANSWERS[lang][k] for k in keys]
    form = rng.choice(["pie", "donut", "bar"])
    if form == "bar":
        chart = svg.bars(names, [svg.Series("", vals)], pct, st, orient=rng.choice(["v", "h"]),
                         labels=rng.choice(["outside", "inside"]), legend="none", step=10, ticks=False, rotate=0,
                         width=340, height=170)
    else:
        chart = svg.pie(list(zip(names, vals)), pct, st, donut=form == "donut",
                        labels=rng.choice(["inside", "outside", "legend"]), legend=rng.choice(["right", "bottom"]),
                        size=170)
    for k, (key, v) in enumerate(zip(keys, vals)):
        doc.add("kvsp.survey.answer_share", v, "percent", ends, chart.printed[(0, k)], category=f"f{fig_no}:{key}")
    text = prose(t["yesno_text"].format(f=fig_no, y=pct(vals[0])), look)
    return text + figure(esc(f"{t['fig']} {fig_no}. {question}"), chart.svg)


def _likert(rng, doc: Doc, t, look: Look, lang: str, tab: int, levels_full: bool, reverse: bool, named: bool,
            ends: date, pct) -> str:
    levels = [1, 2, 3, 4, 5] if levels_full else [2, 3, 4, 5]
    if reverse:
        levels = levels[::-1]
    head = []
    for lv in levels:
        if named and lv == 1:
            head.append(esc(t["l1"]))
        elif named and lv == 5:
            head.append(esc(t["l5"]))
        else:
            head.append(str(lv))
    statements = STATEMENTS[lang][tab - 1]
    n = rng.randint(3, 4)
    first = 1 if (tab == 2 and rng.random() < 0.4) else 0
    letters = "abcd"[first:first + n]
    chosen = statements[:len(letters)]
    rows = []
    for letter, s in zip(letters, chosen):
        vals = dict(zip([1, 2, 3, 4, 5], shares(rng, 5, 1.5)))
        if not levels_full:
            vals[1] = 0.0
        cells = []
        for lv in levels:
            printed = pct(vals[lv])
            doc.add("kvsp.survey.likert_share", vals[lv], "percent", ends, printed, category=f"t{tab}.{letter}:{lv}")
            cells.append(printed)
        rows.append([f"{letter}. {esc(s)}"] + cells)
    caption = esc(f"{t['tab']} {tab}. {t['t1' if tab == 1 else 't2']}")
    tbl = table([[esc(t["stmt"])] + head], rows, align=[""] + ["n"] * len(levels), cls="lk")
    return prose(t["scale"], look) + figure(caption, tbl)
