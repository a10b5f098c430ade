"""IDM KVSP survey report (Albania): a multi-page report where prose alternates with figures
(respondents by municipality, yes/no and option questions) and Likert tables."""
from __future__ import annotations

import random

from .. import charts
from ..lang import MONTHS, albania_ids, municipalities, percent_text, slug, strings
from ..model import Doc, Period
from ..page import Flow, Page, Style, text_width

# Genitive forms for prose ("bashkia e Tiranës me 23.5%"); the survey draws from these.
GENITIVE = {"al-tirane": "Tiranës", "al-elbasan": "Elbasanit", "al-shkoder": "Shkodrës", "al-durres": "Durrësit",
            "al-korce": "Korçës", "al-vlore": "Vlorës", "al-fier": "Fierit", "al-berat": "Beratit",
            "al-kukes": "Kukësit", "al-pogradec": "Pogradecit", "al-lezhe": "Lezhës", "al-kamez": "Kamzës",
            "al-sarande": "Sarandës", "al-kavaje": "Kavajës", "al-lushnje": "Lushnjës",
            "al-gjirokaster": "Gjirokastrës", "al-mat": "Matit", "al-diber": "Dibrës", "al-cerrik": "Cërrikut",
            "al-kruje": "Krujës", "al-mirdite": "Mirditës", "al-puke": "Pukës"}

T = strings("kvsp")


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
        doc.note(f"f{n} respondents: table")
        p.y = charts.table(p, p.margin, p.y, [150, 70], [t["resp_cap"], "%"], [[a, b] for a, b in zip(names, texts)],
                           rng.choice(["zebra", "header", "ruled"]), size=7.5, aligns="lr")
    else:
        look = charts.BarLook.draw(rng, horizontal=True)
        look.labels = rng.choice(["outside", "inside"])
        ax = p.axes(p.margin + 90, p.y, p.width * 0.6, len(munis) * 14)
        ax.tick_params(length=0)
        charts.bars(ax, names, [("", shares, texts)], look)
        p.y += len(munis) * 14 + 24
        doc.note(f"f{n} respondents: {look}")
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
    below = rng.random() < 0.35   # this report sets figure captions under the figures
    for kind, item in items:
        if kind == "yn":
            _yes_no(fl, doc, t, rng, next_fig(), item[1], survey, pct, body, below)
        elif kind == "opt":
            _options(fl, doc, t, rng, next_fig(), item[0], item[1], survey, pct, body, below)
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


def _yes_no(fl, doc, t, rng, n, q, survey, pct, body, below) -> None:
    three = rng.random() < 0.35
    vals = _shares(rng, 3 if three else 2)
    texts = [pct(v) for v in vals]
    p = fl.need(200)
    if rng.random() < 0.6:
        p.para(t["yn_text"].format(n=n, y=texts[0], no=texts[1]), size=body)
    _answer_figure(fl, doc, rng, n, f"{t['fig'].format(n=n)} {q}", t["yn"][:len(vals)], vals, texts,
                   ["yes", "no", "dont_know"], survey, below)
    fl.page.para(t["filler"], size=body)


def _options(fl, doc, t, rng, n, q, opts, survey, pct, body, below) -> None:
    vals = _shares(rng, len(opts))
    _answer_figure(fl, doc, rng, n, f"{t['fig'].format(n=n)} {q}", opts, vals, [pct(v) for v in vals],
                   [slug(o) for o in opts], survey, below)


def _answer_figure(fl, doc, rng, n, caption, labels, vals, texts, slugs, survey, below) -> None:
    """One survey question's answer shares as bars, a pie or a donut; caption above or below."""
    p = fl.need(200)
    if not below:
        _caption(p, caption)
    shape = rng.choice(["pie", "donut", "bar"])
    if shape == "bar":
        look = charts.BarLook.draw(rng, horizontal=rng.random() < 0.5)
        look.labels = rng.choice(["outside", "inside"])
        left = 20 + max(text_width(lab, 7) for lab in labels) if look.horizontal else 40
        h = 22 * len(labels) + 10 if look.horizontal else 110
        ax = p.axes(p.margin + left, p.y + 6, 240, h)
        ax.tick_params(length=0)
        charts.bars(ax, labels, [("", vals, texts)], look, cat_size=7)
        p.y += h + (24 if look.horizontal else 36)
        doc.note(f"f{n} answers: {look}{' caption below' if below else ''}")
    else:
        mode = rng.choice(["inside", "outside", "legend"])
        ax = p.axes(p.margin + (90 if mode == "outside" else 30), p.y + 10, 150, 120)
        charts.pie(ax, labels, vals, texts, mode, shape == "donut")
        p.y += 150
        doc.note(f"f{n} answers: {shape} labels={mode}{' caption below' if below else ''}")
    if below:
        _caption(p, caption)
    for s, v, tx, lab in zip(slugs, vals, texts, labels):
        doc.record("kvsp.survey.answer_share", v, "percent", p.number, survey.end, category=f"f{n}:{s}",
                   value_text=tx, label_text=lab)


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
    doc.note(f"t{n}: levels {','.join(map(str, levels))} names={named} statements from {first}")
    if rng.random() < 0.3:
        doc.note(f"t{n}: ax.table with letters only, statements as a key below")
        ax = p.axes(p.margin, p.y, p.width, 30 + 22 * len(stmts))
        charts.mpl_table(ax, [t["stmt_col"]] + [head(lv) for lv in levels],
                         [[r[0][:2]] + r[1:] for r in rows], [0.1] + [0.9 / len(levels)] * len(levels), size=7)
        # ax.table cells do not wrap: the statements are printed as a key below the table.
        p.y += 40 + 24 * len(stmts)
        for r in rows:
            p.para(r[0], size=7.5, gap=1)
        p.y += 4
    else:
        table_style = rng.choice(["ruled", "header", "zebra"])
        doc.note(f"t{n}: {table_style} table")
        p.y = charts.table(p, p.margin, p.y, [sw] + [52] * len(levels), [t["stmt_col"]] + [head(lv) for lv in levels],
                           rows, table_style, size=7.5)
    for letter, v, r in zip(letters, vals, rows):
        for lv in levels:
            doc.record("kvsp.survey.likert_share", v[lv], "percent", p.number, survey.end,
                       category=f"t{n}.{letter}:{lv}", value_text=pct(v[lv]), label_text=f"{letter}.")
    p.para(t["filler"], size=body)
