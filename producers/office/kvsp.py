"""IDM Albania KVSP survey reports built as Word documents.

As the 2024 report: councils established, respondents, municipalities surveyed and focus groups in
the methodology prose; Figure 1 (respondents per municipality); yes/no and multiple-choice
figures; Likert tables (statements a., b., c. x levels 1-5 or 2-5, in either order).
"""
from __future__ import annotations

import random
import unicodedata

from . import docx_kit as kit
from .chart import ChartSpec, add_chart
from .mcsc import draw_look
from .names import albania
from .truth import Doc, Value
from .vocab import Lang, Numbers, draw_numbers, load_wording, month_end, translate

WORDING = load_wording("kvsp")
T = WORDING["t"]


MONTHS = {"sq": ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor",
                 "nëntor", "dhjetor"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"]}
YES_NO = [
    {"sq": "A jeni në dijeni të Këshillit Vendor të Sigurisë Publike në bashkinë tuaj?",
     "en": "Are you aware of the Local Public Safety Council in your municipality?"},
    {"sq": "A keni marrë pjesë në cilësinë e anëtarit në takimet e KVSP?",
     "en": "Have you taken part in KVSP meetings as a member?"},
    {"sq": "A jeni ju në dijeni të një rregulloreje për funksionimin e KVSP-së në bashkinë tuaj?",
     "en": "Are you aware of a regulation on the functioning of the KVSP in your municipality?"},
    {"sq": "Në dy vitet e fundit a keni marrë pjesë ndonjëherë në ndonjë trajnim mbi funksionimin e KVSP-së?",
     "en": "In the last two years, have you ever attended a training on the functioning of the KVSP?"},
]
ANSWERS = {"sq": {"yes": "Po", "no": "Jo", "dont_know": "Nuk e di"},
           "en": {"yes": "Yes", "no": "No", "dont_know": "Don't know"}}
OPTIONS = {"sq": ("Sa herë keni marrë pjesë në mbledhje e KVSP-së në dy vitet e fundit?",
                  ["1-2 herë", "3-4 herë", "Më shumë se 5 herë"]),
           "en": ("How many times have you attended KVSP meetings in the last two years?",
                  ["1-2 times", "3-4 times", "More than 5 times"])}
LIKERT = {
    "sq": [("Perceptimet mbi funksionimin dhe rolin e KVSP në komunitetet vendore",
            ["KVSP është mekanizmi më efikas në nivel vendor për të adresuar sfidat e sigurisë publike",
             "KVSP-ja luan një rol të rëndësishëm në identifikimin dhe menaxhimin e problematikave të sigurisë në komunitet",
             "KVSP nxit transparencën dhe llogaridhënien e institucioneve vendore ndaj çështjeve të sigurisë publike",
             "Takimet e KVSP-së zhvillohen me një axhendë të qartë dhe të njoftuar paraprakisht"]),
           ("Ju lutem shprehni dakordësinë tuaj për sa i përket pohimeve si më poshtë në lidhje me KVSP",
            ["Partneriteti mes institucioneve të përfshira në KVSP rrit besimin publik dhe garanton qëndrueshmëri",
             "Qasja shumaktoriale e KVSP adreson në mënyrë efektive çështjet e sigurisë së komunitetit",
             "Veprimtaria e KVSP-së do të ishte më efikase nëse mbështetet në partneritetin bashki-polici-prokurori"])],
    "en": [("Perceptions of the functioning and role of the KVSP in local communities",
            ["The KVSP is the most effective local mechanism to address public safety challenges",
             "The KVSP plays an important role in identifying and managing community safety problems",
             "The KVSP promotes transparency and accountability of local institutions on public safety",
             "KVSP meetings follow a clear agenda announced in advance"]),
           ("Please state your agreement with the following statements about the KVSP",
            ["Partnership among KVSP member institutions increases public trust and ensures sustainability",
             "The multi-actor approach of the KVSP effectively addresses community safety issues",
             "KVSP work would be more effective if based on a municipality-police-prosecution partnership"])],
}
LEVEL_NAMES = {"sq": {1: "1 – Aspak dakord", 5: "5 – Plotësisht dakord"},
               "en": {1: "1 – Strongly disagree", 5: "5 – Strongly agree"}}


def tr(key: str, lang: Lang, **kw) -> str:
    return translate(T, key, lang, **kw)


def slug(text: str) -> str:
    """The contract's answer slug: lowercase ASCII, spaces to underscores."""
    ascii_text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return ascii_text.lower().replace("'", "").replace(" ", "_")


def split_100(rng: random.Random, n: int, decimals: int) -> list[float]:
    """n shares that sum to 100 at the printed precision."""
    cuts = sorted(rng.uniform(0, 100) for _ in range(n - 1))
    parts = [b - a for a, b in zip([0.0] + cuts, cuts + [100.0])]
    parts = [round(max(p, 1.0), decimals) for p in parts]
    parts[-1] = round(100 - sum(parts[:-1]), decimals)
    if parts[-1] <= 0:
        return split_100(rng, n, decimals)
    return parts


def build(rng: random.Random, lang: Lang, file: str, out_docx) -> Doc:
    code = lang.code
    y = rng.randint(2021, 2025)
    survey_end = month_end(y, 1)
    focus_end = month_end(y - 1, 12)
    survey_p = f"{MONTHS[code][11]} {y - 1} – {MONTHS[code][0]} {y}"
    focus_p = f"{MONTHS[code][10]} – {MONTHS[code][11]} {y - 1}"
    look = draw_look(rng, landscape_ok=False)
    nums: Numbers = draw_numbers(rng, decimals=1)
    doc = kit.new_document(look)
    values: list[Value] = []
    kit.header_footer(doc, tr("title", lang), tr("idm", lang), "|", None)
    kit.para(doc, tr("kind", lang), size=10, color=look.accent)
    kit.heading(doc, tr("title", lang), 1, look)
    kit.para(doc, f"{tr('idm', lang)} · Tiranë, {y}", italic=True)

    kit.heading(doc, tr("intro_h", lang), 2, look)
    n_councils = rng.randint(45, 61)
    intro = tr("intro", lang, m=MONTHS[code][0], y=y, n=n_councils)
    kit.para(doc, intro, align="justify")
    values.append(Value("kvsp.councils_established", n_councils, "count", survey_end, intro, printed=str(n_councils)))

    kit.heading(doc, tr("method_h", lang), 2, look)
    two_cols = rng.random() < 0.4
    if two_cols:
        kit.columns(doc, 2)
    munis = rng.sample(albania(), rng.randint(8, 16))
    respondents = rng.randint(60, 240)
    survey = tr("survey", lang, r=respondents, b=len(munis), p=survey_p)
    kit.para(doc, survey, align="justify")
    values.append(Value("kvsp.survey.respondents", respondents, "count", survey_end, survey, printed=str(respondents)))
    values.append(Value("kvsp.survey.municipalities", len(munis), "count", survey_end, survey,
                        printed=str(len(munis))))
    focus = rng.sample(munis, rng.randint(3, 7))
    focus_text = tr("focus", lang, p=focus_p, f=len(focus), i=rng.randint(3, 12),
                    names=", ".join(m.en if code == "en" else m.sq for m in focus))
    kit.para(doc, focus_text, align="justify")
    values.append(Value("kvsp.survey.focus_group_municipalities", len(focus), "count", focus_end, focus_text,
                        printed=str(len(focus))))

    if two_cols:
        kit.columns(doc, 1)
    kit.heading(doc, tr("sample_h", lang), 2, look)
    fig = 1
    shares = sorted(split_100(rng, len(munis), 1), reverse=True)
    kit.para(doc, tr("fig1_text", lang, k=fig, b=len(munis)))
    caption = tr("fig1", lang, k=fig)
    kit.para(doc, caption, bold=True, size=9, keep_next=True)
    names = [m.en if code == "en" else m.sq for m in munis]
    if rng.random() < 0.6:
        spec = ChartSpec(rng.choice(["bar_h", "bar_v"]), names, [(tr("share", lang), shares)], labels="outside",
                         legend=None, number_format='0.0"%"', font=look.font, height_cm=9, colors=[look.accent])
        add_chart(kit.para(doc), spec)
        printed = [f"{s:.1f}%" for s in shares]
    else:
        t = kit.table(doc, len(munis) + 1, 2, look, [6, 3])
        kit.set_cell_text(t.cell(0, 0), tr("municipality", lang), bold=True)
        kit.set_cell_text(t.cell(0, 1), tr("share", lang), bold=True, align="center")
        printed = [nums.pct(s) for s in shares]
        for r, (n, p) in enumerate(zip(names, printed), 1):
            kit.set_cell_text(t.cell(r, 0), n)
            kit.set_cell_text(t.cell(r, 1), p, align="center")
    for m, s, p in zip(munis, shares, printed):
        values.append(Value("kvsp.survey.respondent_share", s, "percent", survey_end, caption, m.id, "", p))

    kit.page_break(doc)
    kit.heading(doc, tr("findings_h", lang), 2, look)
    fig += rng.randint(1, 3)   # demographic figures (gender, age) are not drawn here
    questions = rng.sample(YES_NO, rng.randint(2, 3))
    for q in questions:
        fig += rng.randint(1, 2)
        answers = ["yes", "no"] + (["dont_know"] if rng.random() < 0.35 else [])
        vals = split_100(rng, len(answers), 1)
        words = [ANSWERS[code][a] for a in answers]
        kit.para(doc, tr("yes_no_text", lang, k=fig, a=nums.pct(vals[0])), align="justify")
        caption = tr("fig", lang, k=fig, q=q[code])
        kit.para(doc, caption, bold=True, size=9, keep_next=True)
        kind = rng.choice(["pie", "donut", "bar_v", "legend_only"])
        chart_text = [f"{v:.1f}%" for v in vals]
        if kind == "legend_only":
            chart_text = [nums.pct(v) for v in vals]
            spec = ChartSpec("pie", [f"{w} ({t})" for w, t in zip(words, chart_text)], [("", vals)], labels=None,
                             legend=rng.choice(["right", "bottom"]), font=look.font, width_cm=9, height_cm=6)
        elif kind == "bar_v":
            spec = ChartSpec("bar_v", words, [("", vals)], labels="outside", legend=None, number_format='0.0"%"',
                             font=look.font, width_cm=9, height_cm=6, axis_max=100, major_unit=20,
                             colors=[look.accent])
        else:
            spec = ChartSpec(kind, words, [("", vals)], labels=rng.choice(["center", "outside", "best"])
                             if kind == "pie" else "center", legend=rng.choice(["right", "bottom", "top"]),
                             number_format='0.0"%"', font=look.font, width_cm=9, height_cm=6)
        add_chart(kit.para(doc), spec)
        for a, v, t in zip(answers, vals, chart_text):
            values.append(Value("kvsp.survey.answer_share", v, "percent", survey_end, caption, "", f"f{fig}:{a}", t))
    if rng.random() < 0.7:
        fig += 1
        q, opts = OPTIONS[code]
        vals = split_100(rng, len(opts), 1)
        caption = tr("fig", lang, k=fig, q=q)
        kit.para(doc, caption, bold=True, size=9, keep_next=True)
        spec = ChartSpec("bar_h", opts, [("", vals)], labels="outside", legend=None, number_format='0.0"%"',
                         font=look.font, width_cm=12, height_cm=5.5, colors=[look.accent])
        add_chart(kit.para(doc), spec)
        for o, v in zip(opts, vals):
            values.append(Value("kvsp.survey.answer_share", v, "percent", survey_end, caption, "",
                                f"f{fig}:{slug(o)}", f"{v:.1f}%"))

    for k, (title, statements) in enumerate(LIKERT[code][: rng.randint(1, 2)], 1):
        _likert(doc, rng, lang, look, nums, k, title, statements, survey_end, values)
    doc.save(out_docx)
    return Doc(file, "IDM", "KVSP", code, f"{y - 1}-11-01", survey_end, values)


def _likert(doc, rng, lang, look, nums: Numbers, k, title, statements, survey_end, values) -> None:
    code = lang.code
    caption = tr("tab", lang, k=k, q=title)
    kit.para(doc, caption, bold=True, size=9, keep_next=True)
    levels = [1, 2, 3, 4, 5] if rng.random() < 0.6 else [2, 3, 4, 5]
    if rng.random() < 0.3:
        levels = levels[::-1]
    named = rng.random() < 0.6
    first_letter = "b" if rng.random() < 0.2 else "a"
    letters = [chr(ord(first_letter) + i) for i in range(len(statements))]
    scale_row = rng.random() < 0.4     # a merged "agreement scale" cell over the level columns
    top = int(scale_row)
    t = kit.table(doc, len(statements) + 1 + top, len(levels) + 1, look, [8.5] + [1.7] * len(levels),
                  header_rows=1 + top)
    first = t.cell(0, 0).merge(t.cell(top, 0)) if top else t.cell(0, 0)
    kit.set_cell_text(first, tr("statements", lang), bold=True, size=8)
    if top:
        scale = t.cell(0, 1).merge(t.cell(0, len(levels)))
        kit.set_cell_text(scale, tr("scale", lang), bold=True, size=7.5, align="center")
    for j, lv in enumerate(levels, 1):
        head = LEVEL_NAMES[code].get(lv, str(lv)) if named else str(lv)
        kit.set_cell_text(t.cell(top, j), head, bold=True, size=7.5, align="center")
    for r, (letter, text) in enumerate(zip(letters, statements), 1 + top):
        kit.set_cell_text(t.cell(r, 0), f"{letter}. {text}", size=8)
        shares = split_100(rng, 5, 1)
        by_level = dict(zip([1, 2, 3, 4, 5], shares))
        for j, lv in enumerate(levels, 1):
            p = nums.pct(by_level[lv])
            kit.set_cell_text(t.cell(r, j), p, size=8, align="center")
            values.append(Value("kvsp.survey.likert_share", by_level[lv], "percent", survey_end, caption, "",
                                f"t{k}.{letter}:{lv}", p, f"{letter}. {text}"))
