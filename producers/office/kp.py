"""Kosovo Police LPSC (KLSP / LOJB) pages re-made in Word: the committees page with its daily
statistics, as a station or a ministry office prints it for a meeting.

Designs: statistics as a two-column table, as a grid of cards (label then number) or as a
label/number list; committees per regional directorate (not truth) with their total; the three
activity counts with their own 'Periudha' line.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from . import docx_kit as kit
from .mcsc import draw_look
from .truth import Doc, Value
from .vocab import Lang, load_wording, month_end, period_label, translate

WORDING = load_wording("kp")
T = WORDING["t"]


STATS = [
    ("kp.daily.fatal_accidents", {"sq": "Aksidentet Fatale", "sr": "Saobraćajne nesreće sa smrtnim ishodom",
                                  "en": "Fatal accidents"}, (0, 3)),
    ("kp.daily.injury_accidents", {"sq": "Aksidentet Me te Lenduar", "sr": "Nesreće sa povređenima",
                                   "en": "Accidents with injuries"}, (8, 45)),
    ("kp.daily.non_injury_accidents", {"sq": "Aksidentet Pa te Lenduar", "sr": "Nesreće bez povređenih",
                                       "en": "Accidents without injuries"}, (15, 70)),
    ("kp.daily.traffic_tickets", {"sq": "Tiketa Trafiku Te Shqiptuara", "sr": "Izdate saobraćajne kazne",
                                  "en": "Traffic tickets issued"}, (700, 2600)),
    ("kp.daily.arrests", {"sq": "Arrestime", "sr": "Hapšenja", "en": "Arrests"}, (5, 40)),
    ("kp.daily.detentions", {"sq": "Ne Mbajtje", "sr": "U pritvoru", "en": "In detention"}, (0, 12)),
]
ACTIVITIES = [
    ("lpsc.meetings_with_residents",
     {"sq": "Takimet e anëtarëve të KLSP-ve me banorët lokal për adresimin e problemeve të bashkësisë",
      "sr": "Sastanci članova LOJB sa lokalnim stanovnicima radi rešavanja problema zajednice",
      "en": "Meetings of LPSC members with local residents to address community problems"}, (600, 1600)),
    ("lpsc.executive_meetings", {"sq": "Takimet Ekzekutive të Komiteteve Lokale për Siguri Publike",
                                 "sr": "Izvršni sastanci lokalnih odbora za javnu bezbednost",
                                 "en": "Executive meetings of the Local Public Safety Committees"}, (300, 1000)),
    ("lpsc.trainings", {"sq": "Trajnimet profesionale dhe certifikimet e anëtarëve të Komiteteve Lokale për Siguri Publike",
                        "sr": "Stručne obuke i sertifikacije članova lokalnih odbora za javnu bezbednost",
                        "en": "Professional trainings and certifications of LPSC members"}, (8, 40)),
]
DIRECTORATES = {"sq": ["Prishtinë", "Prizren", "Pejë", "Gjakovë", "Mitrovicë Jug", "Mitrovicë Veri", "Gjilan", "Ferizaj"],
                "sr": ["Priština", "Prizren", "Peć", "Đakovica", "Južna Mitrovica", "Severna Mitrovica", "Gnjilane",
                       "Uroševac"],
                "en": ["Pristina", "Prizren", "Peja", "Gjakova", "Mitrovica South", "Mitrovica North", "Gjilan",
                       "Ferizaj"]}


def tr(key: str, lang: Lang, **kw) -> str:
    return translate(T, key, lang, **kw)


def build(rng: random.Random, lang: Lang, file: str, out_docx) -> Doc:
    day = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
    iso, dmy = day.isoformat(), day.strftime("%d.%m.%Y")
    stat_end = iso
    act_year = day.year - 1
    act_end = month_end(act_year, 12)
    look = draw_look(rng)
    doc = kit.new_document(look)
    values: list[Value] = []
    kit.header_footer(doc, f"{day.day}/{day.month}/{day.strftime('%y')}, {rng.randint(8, 17)}:{rng.randint(0, 59):02d}"
                      f"  {tr('title', lang)} - {tr('police', lang)}", "https://www.kosovopolice.com",
                      "", None)
    kit.para(doc, tr("police", lang), bold=True, size=14, color=look.accent)
    kit.para(doc, tr("police_sub", lang), size=9)
    kit.heading(doc, tr("title", lang), 1, look)
    stats_head = lang.t(rng.choice(T["stats"][lang.code]).format(iso=iso, dmy=dmy))
    design = rng.choice(["table", "cards", "list"])
    intro = tr("intro", lang)
    kit.para(doc, kit.soft_hyphens(intro) if rng.random() < 0.3 else intro, align="justify")
    kit.heading(doc, stats_head, 3, look)
    stats = [(ind, lang.t(label[lang.code]), rng.randint(*span)) for ind, label, span in STATS]
    pad = rng.random() < 0.3
    printed = {ind: (f"{v:02d}" if pad and v < 10 and ind == "kp.daily.detentions" else str(v)) for ind, _, v in stats}
    if design == "table":
        t = kit.table(doc, len(stats), 2, look, [9, 3], header_rows=0)
        for r, (ind, label, v) in enumerate(stats):
            kit.set_cell_text(t.cell(r, 0), label)
            kit.set_cell_text(t.cell(r, 1), printed[ind], bold=True, align="right")
    elif design == "cards":
        t = kit.table(doc, 4, 3, look, [5.5, 5.5, 5.5], header_rows=0)
        number_first = rng.random() < 0.5
        for i, (ind, label, v) in enumerate(stats):
            r, c = 2 * (i // 3), i % 3
            kit.set_cell_text(t.cell(r, c), printed[ind] if number_first else label,
                              bold=number_first, size=18 if number_first else 8.5, align="center",
                              color=look.accent if number_first else None)
            kit.set_cell_text(t.cell(r + 1, c), label if number_first else printed[ind],
                              bold=not number_first, size=8.5 if number_first else 18, align="center",
                              color=None if number_first else look.accent)
            kit.shade(t.cell(r, c), "EEF3F8")
            kit.shade(t.cell(r + 1, c), "EEF3F8")
    else:   # one list style per page: number above its label (as the police site), or "label: number"
        number_first = rng.random() < 0.5
        for ind, label, v in stats:
            if number_first:
                kit.para(doc, printed[ind], bold=True, size=12)
                kit.para(doc, label, size=9)
            else:
                kit.para(doc, f"{label}: {printed[ind]}")
    for ind, label, v in stats:
        values.append(Value(ind, v, "count", stat_end, stats_head, printed=printed[ind], row_label=label))

    kit.para(doc, tr("strategy", lang), align="justify")
    list_head = tr("list", lang)
    kit.heading(doc, list_head, 3, look)
    kit.para(doc, tr("as_of", lang, dmy=dmy), italic=True, size=8.5)
    per_dir = [rng.randint(12, 45) for _ in DIRECTORATES["sq"]]
    total = sum(per_dir)
    t = kit.table(doc, len(per_dir) + 2, 2, look, [7, 3])
    kit.set_cell_text(t.cell(0, 0), tr("directorate", lang), bold=True)
    kit.set_cell_text(t.cell(0, 1), tr("n_committees", lang), bold=True, align="center")
    for r, (d, n) in enumerate(zip(DIRECTORATES[lang.code], per_dir), 1):
        kit.set_cell_text(t.cell(r, 0), lang.t(d))
        kit.set_cell_text(t.cell(r, 1), str(n), align="center")
    kit.set_cell_text(t.cell(len(per_dir) + 1, 0), tr("total", lang), bold=True)
    kit.set_cell_text(t.cell(len(per_dir) + 1, 1), str(total), bold=True, align="center")
    values.append(Value("lpsc.committees", total, "count", stat_end, list_head, printed=str(total),
                        row_label=tr("total", lang)))

    if rng.random() < 0.5:
        kit.page_break(doc)
    period = period_label(lang, act_year, 1, 12, rng, stray_break=False)
    if period == str(act_year):
        period = f"{lang.month(1, True)} – {lang.month(12)} {act_year}"
    for ind, label, span in ACTIVITIES:
        v = rng.randint(*span)
        text = lang.t(label[lang.code])
        kit.heading(doc, text, 3, look)
        kit.para(doc, str(v), bold=True, size=16, color=look.accent)
        kit.para(doc, f"{tr('period', lang)}: {period}", size=8.5)
        values.append(Value(ind, v, "count", act_end, text, printed=str(v)))
    doc.save(out_docx)
    return Doc(file, "KP", "LPSC", lang.code, iso, iso, values)
