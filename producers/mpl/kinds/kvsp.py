"""IDM KVSP survey report (Albania): a multi-page report where prose alternates with figures
(respondents by municipality, yes/no and option questions) and Likert tables."""
from __future__ import annotations

import random

from .. import charts
from ..lang import MONTHS, albania_ids, municipalities, percent_text, slug
from ..model import Doc, Period
from ..page import Flow, Page, Style

# Genitive forms for prose ("bashkia e Tiranës me 23.5%"); the survey draws from these.
GENITIVE = {"al-tirane": "Tiranës", "al-elbasan": "Elbasanit", "al-shkoder": "Shkodrës", "al-durres": "Durrësit",
            "al-korce": "Korçës", "al-vlore": "Vlorës", "al-fier": "Fierit", "al-berat": "Beratit",
            "al-kukes": "Kukësit", "al-pogradec": "Pogradecit", "al-lezhe": "Lezhës", "al-kamez": "Kamzës",
            "al-sarande": "Sarandës", "al-kavaje": "Kavajës", "al-lushnje": "Lushnjës",
            "al-gjirokaster": "Gjirokastrës", "al-mat": "Matit", "al-diber": "Dibrës", "al-cerrik": "Cërrikut",
            "al-kruje": "Krujës", "al-mirdite": "Mirditës", "al-puke": "Pukës"}

T = {
    "sq": {
        "kicker": "Raport studimor",
        "title": "Përvoja dhe mundësitë për funksionimin e Këshillave Vendorë të Sigurisë Publike (KVSP)",
        "place": "Tiranë, {y}", "org": "Instituti për Demokraci dhe Ndërmjetësim (IDM)",
        "intro_h": "HYRJE",
        "intro": ("Këshilli Vendor i Sigurisë Publike (KVSP) është një mekanizëm këshillimor, i cili ngrihet dhe "
                  "funksionon në çdo bashki me qëllim hartimin e politikave dhe plan-veprimeve gjithëpërfshirëse "
                  "që kontribuojnë në rritjen e sigurisë publike në nivel vendor."),
        "est": ["Të ngritura në {n} bashki të vendit, këto mekanizma kanë ofruar qasje të ndryshme në lidhje me "
                "adresimin e çështjeve të sigurisë vendore.",
                "Deri në {m}, KVSP-të ishin ngritur në {n} bashki të vendit, por zbatimi efektiv i këtij "
                "mekanizmi ka qenë një sfidë e vazhdueshme."],
        "intro2": ("Karakteri formal i funksionimit të tyre evidentohet edhe në Strategjinë Ndërsektoriale të "
                   "Sigurisë në Komunitet 2021 – 2026, në zbatim të ligjit organik nr. 139/2015 “Për "
                   "vetëqeverisjen vendore”."),
        "method_h": "METODOLOGJIA",
        "survey": ("Metoda sasiore. Pyetësori gjysmë i strukturuar u plotësua nga {r} profesionistë të vijës së "
                   "parë dhe aktorë në nivel vendor, përfshirë anëtarë të KVSP-së. Pyetësori u administrua online "
                   "në {m} bashki, të cilat u përzgjodhën në varësi të madhësisë, gjeografisë dhe dinamikave të "
                   "çështjeve të sigurisë. Procesi i mbledhjes së të dhënave sasiore u realizua online nëpërmjet "
                   "Google Forms gjatë periudhës {p}."),
        "fg": ("Metoda cilësore. Diskutimet në fokus grupe u realizuan përgjatë periudhës {p} në {f} bashki të "
               "vendit: {names}. Diskutimi u orientua në identifikimin e sfidave dhe përvojave në organizimin e "
               "punës."),
        "interviews": "Me qëllim marrjen e informacionit mbi proceset vendimmarrëse u realizuan {k} intervista gjysmë të strukturuara.",
        "sample_h": "SEKSIONI I. PËRSHKRIMI I KAMPIONIT",
        "fig": "Figura {n}.", "tab": "Tabela {n}.",
        "resp_text": ("Figura {n} më poshtë paraqet shpërndarjen gjeografike të të anketuarve në {m} bashki dhe "
                      "tregon që përfaqësimin më të madh e ka bashkia e {g1} me {v1}, pasuar nga bashkia e {g2} "
                      "me {v2}."),
        "resp_cap": "Bashkitë",
        "gender_cap": "Gjinia", "gender": ["Femra", "Meshkuj"],
        "gender_text": "Përsa i përket shpërndarjes gjinore, shumica e të anketuarve janë femra. Shih Figurën {n} më poshtë.",
        "find_h": "SEKSION II: ANALIZA E GJETJEVE",
        "find": ("Në pjesën e mëposhtme analizohen gjetjet kryesore të përfituara nga instrumenti i sondazhit dhe "
                 "nga diskutimet në fokus grupe. Sipas të dhënave nga fokus grupet, vetëm 2 bashki zhvillojnë "
                 "rregullisht takime (7-8 takime në vit)."),
        "yn": ["Po", "Jo", "Nuk e di"],
        "qs": ["A jeni në dijeni të Këshillit Vendor të Sigurisë Publike në bashkinë tuaj?",
               "A keni marrë pjesë në cilësinë e anëtarit në takimet e KVSP?",
               "A jeni ju në dijeni të një rregulloreje për funksionimin e KVSP-së në bashkinë tuaj?",
               "Në dy vitet e fundit a keni marrë pjesë ndonjëherë në ndonjë trajnim mbi funksionimin e KVSP-së?"],
        "yn_text": "Të dhënat e paraqitura në Figurën {n} tregojnë që {y} e të anketuarve janë përgjigjur pozitivisht, ndërsa {no} kanë thënë ‘Jo’.",
        "opt_q": "Sa herë keni marrë pjesë në mbledhje e KVSP-së në dy vitet e fundit?",
        "opts": ["1-2 herë", "3-4 herë", "Më shumë se 5 herë"],
        "imp_q": "Sa të rëndësishme e vlerësoni rritjen e kapaciteteve të anëtarëve të KVSP-së?",
        "imps": ["Shumë e rëndësishme", "E rëndësishme", "Pak e rëndësishme"],
        "likert_text": ("Të anketuarit janë pyetur në një shkallë me pesë pikë nga 1 (aspak dakord) në 5 (plotësisht "
                        "dakord). Në Tabelën {n} më poshtë paraqitet niveli i dakordësisë për një sërë pohimesh."),
        "tabs": ["Perceptimet mbi funksionimin dhe rolin e KVSP në komunitetet vendore",
                 "Ju lutem shprehni dakordësinë tuaj për sa i përket pohimeve si më poshtë në lidhje me KVSP"],
        "stmt_col": "Pohimet", "lv1": "1 – Aspak dakord", "lv5": "5 – Plotësisht dakord",
        "lv": ["Aspak dakord", "Nuk jam dakord", "Neutral", "Dakord", "Plotësisht dakord"],
        "stmts": ["KVSP është mekanizmi më efikas në nivel vendor për të adresuar sfidat e sigurisë publike",
                  "KVSP-ja luan një rol të rëndësishëm në identifikimin dhe menaxhimin në nivel vendor të problematikave që lidhen me sigurinë në komunitet",
                  "KVSP nxit transparencën dhe llogaridhënien e institucioneve vendore ndaj çështjeve të sigurisë publike",
                  "Takimet e KVSP-së zhvillohen me axhendë dhe objektiva të qarta",
                  "Partneriteti mes institucioneve të përfshira në KVSP rrit besimin publik dhe garanton qëndrueshmëri të KVSP",
                  "Qasja shumaktoriale e KVSP adreson në mënyrë efektive çështjet e sigurisë së komunitetit dhe fenomenet e reja",
                  "Veprimtaria e KVSP-së do të ishte më efikase nëse mbështetet në partneritetin mes bashkisë, policisë dhe prokurorisë",
                  "Qytetarët informohen rregullisht për vendimet e KVSP-së"],
        "concl_h": "PËRFUNDIME",
        "concl": ("Nismat aktuale për të rigjallëruar KVSP-të në disa bashki të vendit nuk janë të mjaftueshme, "
                  "nëse nuk shoqërohen me buxhetim të mjaftueshëm, me mbledhjen dhe ndarjen e të dhënave "
                  "periodike dhe me tregues të matshëm për monitorimin dhe vlerësimin e performancës."),
        "filler": ("Nevojitet të sigurohet një rol më aktiv i gjithë institucioneve anëtare në KVSP, si dhe "
                   "përmirësimi i komunikimit ndërinstitucional nëpërmjet krijimit të një partneriteti horizontal "
                   "shumaktorial."),
    },
    "en": {
        "kicker": "Research report",
        "title": "Experience and opportunities for the functioning of Local Public Safety Councils (LPSCs)",
        "place": "Tirana, {y}", "org": "Institute for Democracy and Mediation (IDM)",
        "intro_h": "INTRODUCTION",
        "intro": ("The Local Public Safety Council (LPSC) is an advisory mechanism set up in every municipality to "
                  "draft inclusive policies and action plans that contribute to public safety at local level."),
        "est": ["Established in {n} municipalities of the country, these mechanisms have taken different approaches "
                "to local safety issues.",
                "By {m}, LPSCs had been set up in {n} municipalities, but their effective functioning has been a "
                "continuous challenge."],
        "intro2": ("Their formal character is also noted in the Cross-Sectoral Strategy on Community Safety "
                   "2021 – 2026, under organic law no. 139/2015 “On local self-government”."),
        "method_h": "METHODOLOGY",
        "survey": ("Quantitative method. The semi-structured questionnaire was completed by {r} front-line "
                   "professionals and local actors, including LPSC members. It was administered online in {m} "
                   "municipalities, selected by size, geography and the dynamics of safety issues. Quantitative "
                   "data were collected through Google Forms during {p}."),
        "fg": ("Qualitative method. Focus group discussions were held during {p} in {f} municipalities: {names}. "
               "The discussions focused on challenges and experiences in organising the work."),
        "interviews": "To learn about decision-making processes, {k} semi-structured interviews were conducted.",
        "sample_h": "SECTION I. DESCRIPTION OF THE SAMPLE",
        "fig": "Figure {n}.", "tab": "Table {n}.",
        "resp_text": ("Figure {n} below shows the geographic distribution of respondents in {m} municipalities: "
                      "{g1} has the largest share with {v1}, followed by {g2} with {v2}."),
        "resp_cap": "Municipalities",
        "gender_cap": "Gender", "gender": ["Female", "Male"],
        "gender_text": "Most respondents are women. See Figure {n} below.",
        "find_h": "SECTION II: ANALYSIS OF FINDINGS",
        "find": ("This part analyses the main findings of the survey and the focus group discussions. According to "
                 "the focus groups, only 2 municipalities hold meetings regularly (7-8 meetings a year)."),
        "yn": ["Yes", "No", "Don't know"],
        "qs": ["Are you aware of the Local Public Safety Council in your municipality?",
               "Have you taken part in LPSC meetings as a member?",
               "Are you aware of a regulation on the functioning of the LPSC in your municipality?",
               "In the last two years, have you ever attended a training on the functioning of the LPSC?"],
        "yn_text": "The data in Figure {n} show that {y} of respondents answered positively, while {no} said ‘No’.",
        "opt_q": "How many times have you attended LPSC meetings in the last two years?",
        "opts": ["1-2 times", "3-4 times", "More than 5 times"],
        "imp_q": "How important do you consider capacity building of LPSC members?",
        "imps": ["Very important", "Important", "Slightly important"],
        "likert_text": ("Respondents were asked on a five-point scale from 1 (strongly disagree) to 5 (strongly "
                        "agree). Table {n} below shows the level of agreement with a set of statements."),
        "tabs": ["Perceptions of the functioning and role of the LPSC in local communities",
                 "Please state your agreement with the following statements about the LPSC"],
        "stmt_col": "Statements", "lv1": "1 – Strongly disagree", "lv5": "5 – Strongly agree",
        "lv": ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"],
        "stmts": ["The LPSC is the most effective local mechanism to address public safety challenges",
                  "The LPSC plays an important role in identifying and managing community safety problems at local level",
                  "The LPSC promotes transparency and accountability of local institutions on public safety",
                  "LPSC meetings are held with a clear agenda and objectives",
                  "Partnership among the institutions in the LPSC increases public trust and ensures its sustainability",
                  "The multi-actor approach of the LPSC effectively addresses community safety and new phenomena",
                  "LPSC work would be more effective if based on partnership between municipality, police and prosecution",
                  "Citizens are regularly informed about LPSC decisions"],
        "concl_h": "CONCLUSIONS",
        "concl": ("Current initiatives to revitalise LPSCs in some municipalities are not sufficient unless they "
                  "come with adequate budgets, periodic data collection and sharing, and measurable indicators "
                  "for monitoring and evaluating performance."),
        "filler": ("A more active role of all member institutions in the LPSC is needed, as well as better "
                   "inter-institutional communication through a horizontal multi-actor partnership."),
    },
}


def _shares(rng: random.Random, n: int) -> list[float]:
    """n percentages with one decimal that sum to exactly 100.0."""
    w = [rng.uniform(0.3, 1.0) for _ in range(n)]
    tenths = [int(1000 * x / sum(w)) for x in w]
    tenths[0] += 1000 - sum(tenths)
    return [v / 10 for v in tenths]


def _mrange(p: Period, lang: str) -> str:
    m = MONTHS[lang]
    a, b = m[p.start.month - 1], m[p.end.month - 1]
    if p.start.year == p.end.year:
        return f"{a}-{b} {p.end.year}" if lang == "sq" else f"{a} – {b} {p.end.year}"
    return f"{a} {p.start.year}-{b} {p.end.year}" if lang == "sq" else f"{a} {p.start.year} – {b} {p.end.year}"


def build(rng: random.Random, lang: str, file: str, style: Style, cyr: bool = False) -> tuple[Doc, list[Page]]:
    """KVSP reports are in sq and en; `cyr` is not used."""
    t = T[lang]
    dc = style.decimal_comma and lang == "sq"
    pct = lambda v: percent_text(v, dc)  # noqa: E731
    year = rng.choice([2022, 2023, 2024, 2025])
    if rng.random() < 0.5:
        survey = Period.months(year - 1, 12, year, 1)
        fg = Period.months(year - 1, 11, year - 1, 12)
    else:
        survey = Period.months(year, rng.choice([3, 4, 5]), year, rng.choice([6, 7]))
        fg = Period.months(year, 2, year, rng.choice([3, 4]))
    doc = Doc(file, "IDM", "KVSP", lang, Period(min(survey.start, fg.start), survey.end), title=t["title"])
    running = t["title"] if rng.random() < 0.5 else "IDM"
    fl = Flow(style, rng, lambda p: _chrome(p, running, rng))
    fig_no = [0]
    tab_no = [0]

    def next_fig() -> int:
        fig_no[0] += 1
        return fig_no[0]

    if rng.random() < 0.5:   # a cover page
        p = fl.page
        p.y = p.H * 0.3
        p.text(p.margin, p.y, t["kicker"], size=14, color=style.palette[1 % 6])
        p.y += 30
        p.heading(t["title"], size=24, width=p.width * 0.8)
        p.text(p.margin, p.H - 120, t["org"], size=10)
        p.text(p.margin, p.H - 104, t["place"].format(y=year), size=10)
        fl.new_page()

    body = 9.0
    p = fl.page
    p.heading(t["intro_h"], size=12)
    n_est = rng.randint(45, 61)
    m_label = f"{MONTHS[lang][survey.end.month - 1]} {survey.end.year}"
    p.para(t["intro"] + " " + rng.choice(t["est"]).format(n=n_est, m=m_label) + " " + t["intro2"], size=body)
    doc.record("kvsp.councils_established", n_est, "count", p.number, survey.end, value_text=str(n_est))
    p.para(t["filler"], size=body)

    pool = [m for m in albania_ids() if m in GENITIVE]
    munis = rng.sample(pool, rng.randint(10, min(20, len(pool))))
    n_resp = rng.randint(60, 240)
    fg_munis = rng.sample(munis, rng.randint(3, 7))
    fg_names = ", ".join(municipalities()[m]["name_sq" if lang == "sq" else "name_en"] for m in fg_munis)
    p = fl.need(120)
    p.heading(t["method_h"], size=12)
    p.para(t["survey"].format(r=n_resp, m=len(munis), p=_mrange(survey, lang)), size=body)
    p.para(t["fg"].format(p=_mrange(fg, lang), f=len(fg_munis), names=fg_names), size=body)
    p.para(t["interviews"].format(k=rng.randint(3, 12)), size=body)
    doc.record("kvsp.survey.respondents", n_resp, "count", p.number, survey.end, value_text=str(n_resp))
    doc.record("kvsp.survey.municipalities", len(munis), "count", p.number, survey.end, value_text=str(len(munis)))
    doc.record("kvsp.survey.focus_group_municipalities", len(fg_munis), "count", p.number, fg.end,
               value_text=str(len(fg_munis)))

    # Respondents by municipality
    shares = sorted(_shares(rng, len(munis)), reverse=True)
    names = [municipalities()[m]["name_sq" if lang == "sq" else "name_en"] for m in munis]
    n = next_fig()
    p = fl.need(len(munis) * 15 + 110)
    p.heading(t["sample_h"], size=12)
    g = (lambda m: GENITIVE[m]) if lang == "sq" else (lambda m: municipalities()[m]["name_en"])
    p.para(t["resp_text"].format(n=n, m=len(munis), g1=g(munis[0]), v1=pct(shares[0]), g2=g(munis[1]),
                                 v2=pct(shares[1])), size=body)
    p.text(p.margin, p.y, f"{t['fig'].format(n=n)} {t['resp_cap']}", size=8.5, weight="bold")
    p.y += 14
    texts = [pct(v) for v in shares]
    if rng.random() < 0.25:
        p.y = charts.table(p, p.margin, p.y, [150, 70], [t["resp_cap"], "%"], [[a, b] for a, b in zip(names, texts)],
                           rng.choice(["zebra", "header", "ruled"]), size=7.5, aligns="lr")
    else:
        look = charts.BarLook.draw(rng, horizontal=True)
        look.labels = rng.choice(["outside", "inside"])
        ax = p.axes(p.margin + 90, p.y, p.width * 0.6, len(munis) * 14)
        ax.tick_params(length=0)
        charts.bars(ax, names, [("", shares, texts)], look)
        p.y += len(munis) * 14 + 24
    for m, name, v, tx in zip(munis, names, shares, texts):
        doc.record("kvsp.survey.respondent_share", v, "percent", p.number, survey.end, municipality_id=m,
                   value_text=tx, label_text=name)

    # Gender of respondents: a figure whose values are not catalogue indicators.
    n = next_fig()
    p = fl.need(170)
    p.para(t["gender_text"].format(n=n), size=body)
    p.text(p.margin, p.y, f"{t['fig'].format(n=n)} {t['gender_cap']}", size=8.5, weight="bold")
    f = round(rng.uniform(55, 78), 1)
    ax = p.axes(p.margin + 40, p.y + 10, 140, 110)
    charts.pie(ax, t["gender"], [f, round(100 - f, 1)], [pct(f), pct(round(100 - f, 1))], "inside", rng.random() < 0.5)
    p.y += 130

    p = fl.need(80)
    p.heading(t["find_h"], size=12)
    p.para(t["find"], size=body)

    questions = list(enumerate(t["qs"]))
    rng.shuffle(questions)
    items: list[tuple[str, object]] = [("yn", q) for q in questions[:rng.randint(2, 4)]]
    items.insert(rng.randint(0, len(items)), ("opt", (t["opt_q"], t["opts"])))
    if rng.random() < 0.5:
        items.append(("opt", (t["imp_q"], t["imps"])))
    tables = [0, 1]
    # Tables go between figures, in the order the report discusses them.
    for k in tables:
        items.insert(rng.randint(len(items) // 2 if k else 0, len(items)), ("tab", k))
    for kind, item in items:
        if kind == "yn":
            _yes_no(fl, doc, t, rng, next_fig(), item[1], survey, pct, body)
        elif kind == "opt":
            _options(fl, doc, t, rng, next_fig(), item[0], item[1], survey, pct, body)
        else:
            tab_no[0] += 1
            _likert(fl, doc, t, rng, tab_no[0], item, survey, pct, body)
    p = fl.need(80)
    p.heading(t["concl_h"], size=12)
    p.para(t["concl"], size=body)
    return doc, fl.pages


def _chrome(p: Page, running: str, rng: random.Random) -> None:
    if p.number == 1:
        p.y = p.margin
        return
    p.text(p.W / 2, 22, running, size=7, color="#777777", ha="center")
    p.y = 44
    p.text(p.W / 2, p.H - 26, f"| {p.number} |", size=8, ha="center", color="#555555")


def _caption(p: Page, text: str) -> None:
    p.para(text, size=8.5, weight="bold", gap=4)


def _yes_no(fl, doc, t, rng, n, q, survey, pct, body) -> None:
    three = rng.random() < 0.35
    vals = _shares(rng, 3 if three else 2)
    labels = t["yn"][:len(vals)]
    texts = [pct(v) for v in vals]
    p = fl.need(200)
    if rng.random() < 0.6:
        p.para(t["yn_text"].format(n=n, y=texts[0], no=texts[1]), size=body)
    _caption(p, f"{t['fig'].format(n=n)} {q}")
    shape = rng.choice(["pie", "donut", "bar"])
    if shape == "bar":
        look = charts.BarLook.draw(rng, horizontal=rng.random() < 0.5)
        look.labels = rng.choice(["outside", "inside"])
        ax = p.axes(p.margin + 60, p.y, 220, 100)
        ax.tick_params(length=0)
        charts.bars(ax, labels, [("", vals, texts)], look)
        p.y += 130
    else:
        mode = rng.choice(["inside", "outside", "legend"])
        ax = p.axes(p.margin + (80 if mode == "outside" else 30), p.y + 10, 150, 120)
        charts.pie(ax, labels, vals, texts, mode, shape == "donut")
        p.y += 150
    for slug_, v, tx, lab in zip(["yes", "no", "dont_know"], vals, texts, labels):
        doc.record("kvsp.survey.answer_share", v, "percent", p.number, survey.end, category=f"f{n}:{slug_}",
                   value_text=tx, label_text=lab)
    p.para(t["filler"], size=body)


def _options(fl, doc, t, rng, n, q, opts, survey, pct, body) -> None:
    vals = _shares(rng, len(opts))
    texts = [pct(v) for v in vals]
    p = fl.need(190)
    _caption(p, f"{t['fig'].format(n=n)} {q}")
    if rng.random() < 0.5:
        look = charts.BarLook.draw(rng, horizontal=True)
        look.labels = rng.choice(["outside", "inside"])
        ax = p.axes(p.margin + 110, p.y, 240, 22 * len(opts))
        ax.tick_params(length=0)
        charts.bars(ax, opts, [("", vals, texts)], look)
        p.y += 22 * len(opts) + 30
    else:
        mode = rng.choice(["inside", "legend", "outside"])
        ax = p.axes(p.margin + (90 if mode == "outside" else 30), p.y + 10, 150, 120)
        charts.pie(ax, opts, vals, texts, mode, rng.random() < 0.5)
        p.y += 150
    for o, v, tx in zip(opts, vals, texts):
        doc.record("kvsp.survey.answer_share", v, "percent", p.number, survey.end, category=f"f{n}:{slug(o)}",
                   value_text=tx, label_text=o)


def _likert(fl, doc, t, rng, n, k, survey, pct, body) -> None:
    levels = [1, 2, 3, 4, 5] if rng.random() < 0.6 else [2, 3, 4, 5]
    if rng.random() < 0.25:
        levels = levels[::-1]
    pool = t["stmts"][:4] if k == 0 else t["stmts"][4:]
    stmts = pool[:rng.randint(3, 4)]
    first = "a" if rng.random() < 0.8 else "b"
    letters = [chr(ord(first) + i) for i in range(len(stmts))]
    named = rng.choice(["ends", "all"])

    def head(lv: int) -> str:
        if named == "all":
            return f"{lv} – {t['lv'][lv - 1]}"
        return {1: t["lv1"], 5: t["lv5"]}.get(lv, str(lv))

    rows, vals = [], []
    for s in stmts:
        full = _shares(rng, 5)
        vals.append({lv: full[lv - 1] for lv in levels})
    p = fl.need(60 + 40 * len(stmts))
    p.para(t["likert_text"].format(n=n), size=body)
    _caption(p, f"{t['tab'].format(n=n)} {t['tabs'][k]}")
    for letter, s, v in zip(letters, stmts, vals):
        rows.append([f"{letter}. {s}"] + [pct(v[lv]) for lv in levels])
    sw = p.width - 52 * len(levels)
    if rng.random() < 0.3:
        ax = p.axes(p.margin, p.y, p.width, 30 + 22 * len(stmts))
        charts.mpl_table(ax, [t["stmt_col"]] + [head(lv) for lv in levels],
                         [[r[0][:2]] + r[1:] for r in rows], [0.1] + [0.9 / len(levels)] * len(levels), size=7)
        # ax.table cells do not wrap: the statements are printed as a key below the table.
        p.y += 40 + 24 * len(stmts)
        for r in rows:
            p.para(r[0], size=7.5, gap=1)
        p.y += 4
    else:
        p.y = charts.table(p, p.margin, p.y, [sw] + [52] * len(levels), [t["stmt_col"]] + [head(lv) for lv in levels],
                           rows, rng.choice(["ruled", "header", "zebra"]), size=7.5)
    for letter, v, r in zip(letters, vals, rows):
        for lv in levels:
            doc.record("kvsp.survey.likert_share", v[lv], "percent", p.number, survey.end,
                       category=f"t{n}.{letter}:{lv}", value_text=pct(v[lv]), label_text=f"{letter}.")
    p.para(t["filler"], size=body)
