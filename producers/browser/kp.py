"""Kosovo Police LPSC / KLSP pages: a web page (a document itself) that is also printed by the browser.

Three layouts: a layout table (statistics in a side column), a grid of cards (label, then number,
then the "Periudha: ..." line) and label/number lists. Per-directorate counts are printed but are
not truth (contract Conventions); the total of the list is the committees count.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from .lang import month_range
from .look import Look
from .markup import css_string, esc, stylesheet, table
from .model import Doc, month_end

TEXT = {
    "sq": {
        "brand": "Policia e Kosovës", "brand2": "Policija Kosova / Kosovo Police",
        "menu": ["Ballina", "Rreth Nesh", "Lajme", "Rekrutimi", "Policimi në Bashkësi", "Kontakt"],
        "title": "Komitetet Lokale për Siguri Publike",
        "intro": ("Komitetet Lokale për Siguri Publike janë trupa konsultativë për policinë në identifikimin, "
                  "adresimin dhe në partneritet me policinë bëjnë zgjidhjen e problemeve lokale në bashkësi."),
        "intro2": ("Diversiteti kulturor, fetar, etnik dhe profesional në përbërjen e Komiteteve Lokale për Siguri "
                   "Publike (KLSP) është mjaft i theksuar, ku lirisht mund të themi se ky diversitet arrin "
                   "përqindje deri rreth 85%. Ky forum i sigurisë është mjaft i rëndësishëm edhe në implementimin "
                   "e Strategjisë Nacionale për Siguri në Bashkësi dhe Planin e Veprimit 2011-2016."),
        "stats": "Statstikat e përgjithshme", "list": "Lista e KLSP në Kosovë", "asof": "Gjendja më",
        "region": "Drejtoria Rajonale", "count": "Numri i KLSP", "total": "Gjithsej KLSP",
        "committees_text": "Në Kosovë aktualisht funksionojnë {n} Komitete Lokale për Siguri Publike (KLSP).",
        "period": "Periudha",
        "daily": ["Aksidentet Fatale", "Aksidentet Me te Lenduar", "Aksidentet Pa te Lenduar",
                  "Tiketa Trafiku Te Shqiptuara", "Arrestime", "Ne Mbajtje"],
        "activities": ["Takimet e anëtarëve të KLSP-ve me banorët lokal për adresimin e problemeve të bashkësisë",
                       "Takimet Ekzekutive të Komiteteve Lokale për Siguri Publike",
                       "Trajnimet profesionale dhe certifikimet e anëtarëve të Komiteteve Lokale për Siguri Publike"],
        "regions": ["Prishtinë", "Prizren", "Pejë", "Gjakovë", "Mitrovicë Jug", "Mitrovicë Veri", "Gjilan", "Ferizaj"],
        "director": "Drejtor i Përgjithshëm i Policisë së Kosovës", "bio": "Biografia",
    },
    "sr": {
        "brand": "Policija Kosova", "brand2": "Policia e Kosovës / Kosovo Police",
        "menu": ["Početna", "O nama", "Vesti", "Regrutacija", "Rad policije u zajednici", "Kontakt"],
        "title": "Lokalni odbori za javnu bezbednost",
        "intro": ("Lokalni odbori za javnu bezbednost su savetodavna tela policije u identifikovanju i rešavanju "
                  "lokalnih problema zajednice, u partnerstvu sa policijom."),
        "intro2": ("Kulturna, verska, etnička i profesionalna raznolikost u sastavu Lokalnih odbora za javnu "
                   "bezbednost (LOJB) je veoma izražena i dostiže i do oko 85%. Ovaj forum je značajan i za "
                   "sprovođenje Nacionalne strategije za bezbednost u zajednici i Akcionog plana 2011-2016."),
        "stats": "Opšta statistika", "list": "Spisak LOJB na Kosovu", "asof": "Stanje na dan",
        "region": "Regionalna direkcija", "count": "Broj LOJB", "total": "Ukupno LOJB",
        "committees_text": "Na Kosovu trenutno deluje {n} lokalnih odbora za javnu bezbednost (LOJB).",
        "period": "Period",
        "daily": ["Saobraćajne nesreće sa smrtnim ishodom", "Nesreće sa povređenima", "Nesreće bez povređenih",
                  "Izdate saobraćajne kazne", "Hapšenja", "U pritvoru"],
        "activities": ["Sastanci članova LOJB sa lokalnim stanovnicima radi rešavanja problema zajednice",
                       "Izvršni sastanci Lokalnih odbora za javnu bezbednost",
                       "Stručne obuke i sertifikacije članova Lokalnih odbora za javnu bezbednost"],
        "regions": ["Priština", "Prizren", "Peć", "Đakovica", "Južna Mitrovica", "Severna Mitrovica", "Gnjilane",
                    "Uroševac"],
        "director": "Generalni direktor Policije Kosova", "bio": "Biografija",
    },
    "en": {
        "brand": "Kosovo Police", "brand2": "Policia e Kosovës / Policija Kosova",
        "menu": ["Home", "About Us", "News", "Recruitment", "Community Policing", "Contact"],
        "title": "Local Public Safety Committees",
        "intro": ("Local Public Safety Committees are consultative bodies for the police that identify and address "
                  "local problems in the community in partnership with the police."),
        "intro2": ("The cultural, religious, ethnic and professional diversity in the composition of Local Public "
                   "Safety Committees (LPSC) is very pronounced and reaches up to about 85%. The forum also "
                   "matters for the National Strategy for Community Safety and the Action Plan 2011-2016."),
        "stats": "General statistics", "list": "List of LPSCs in Kosovo", "asof": "Status as of",
        "region": "Regional Directorate", "count": "Number of LPSCs", "total": "Total LPSCs",
        "committees_text": "There are currently {n} Local Public Safety Committees (LPSCs) operating in Kosovo.",
        "period": "Period",
        "daily": ["Fatal Accidents", "Accidents with Injuries", "Accidents without Injuries", "Traffic Tickets Issued",
                  "Arrests", "In Detention"],
        "activities": ["Meetings of LPSC members with local residents to address community problems",
                       "Executive Meetings of Local Public Safety Committees",
                       "Professional trainings and certifications of members of Local Public Safety Committees"],
        "regions": ["Prishtina", "Prizren", "Peja", "Gjakova", "Mitrovica South", "Mitrovica North", "Gjilan",
                    "Ferizaj"],
        "director": "General Director of the Kosovo Police", "bio": "Biography",
    },
}
DAILY = ["kp.daily.fatal_accidents", "kp.daily.injury_accidents", "kp.daily.non_injury_accidents",
         "kp.daily.traffic_tickets", "kp.daily.arrests", "kp.daily.detentions"]
ACTIVITIES = ["lpsc.meetings_with_residents", "lpsc.executive_meetings", "lpsc.trainings"]

CSS = """
.top { background: #12355b; color: #fff; padding: 10px 16px } .top b { font-size: 17pt }
.menu { background: #e9eef4; padding: 5px 16px; font-size: 0.92em } .menu span { margin-right: 14px }
.wrap { padding: 6px 16px }
.num { font-size: 17pt; font-weight: bold; color: #b8860b }
.stat { margin: 4px 0 8px }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin: 6px 0 10px }
.kcard { border: 1px solid #c6ccd6; border-radius: 6px; padding: 6px 8px; background: #fafbfd }
.kcard .lbl { font-size: 0.9em; min-height: 2.4em } .kcard .per { font-size: 0.82em; color: #555 }
dl.pairs { display: grid; grid-template-columns: auto 1fr; gap: 3px 12px; margin: 4px 0 10px }
dl.pairs dt { font-weight: bold; text-align: right } dl.pairs dd { margin: 0 }
table.layout td { vertical-align: top; padding: 0 8px 0 0 }
table.list td, table.list th { border: 1px solid #b0b7c3; padding: 2px 8px }
.foot { border-top: 1px solid #ccc; margin-top: 10px; padding-top: 4px; font-size: 0.85em; color: #555 }
"""


def build(rng: random.Random, lang: str, look: Look, stem: str, layout: str, outputs: tuple[str, ...]) -> Doc:
    t = TEXT[lang]
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 900))
    act_year = day.year - 1 if day.month < 7 or rng.random() < 0.6 else day.year
    act_start, act_end = (date(act_year, 1, 1), month_end(act_year, 12)) if act_year < day.year else \
        (date(act_year, 1, 1), month_end(act_year, 6))
    period_txt = f"{t['period']}: {month_range(lang, act_start, act_end, capital=True)}"
    daily = [rng.randint(0, 3), rng.randint(8, 45), rng.randint(15, 75), rng.randint(700, 2600), rng.randint(4, 40),
             rng.randint(0, 9)]
    activities = [rng.randint(700, 1600), rng.randint(400, 1000), rng.randint(8, 45)]
    regions = [rng.randint(10, 45) for _ in t["regions"]]
    total = sum(regions)
    pad = 2 if rng.random() < 0.5 else 0

    doc = Doc(stem, "KP", "LPSC", lang, day, day, kind="kp", design=f"kp-{layout}", title=f"{t['title']} - {t['brand']}",
              outputs=outputs, html_lang=lang)
    printed_day = day.strftime("%-d/%-m/%y") + f", {rng.randint(8, 17)}:{rng.randint(0, 59):02d}"
    doc.header = {"top-left": css_string(printed_day), "top-center": css_string(doc.title),
                  "bottom-left": css_string("https://www.kosovopolice.com/" + "komitetet-lokale-per-siguri-publike/"),
                  "bottom-right": 'counter(page) "/" counter(pages)'}

    stats_label = f"{t['stats']}: {day.isoformat()}"
    for ind, v in zip(DAILY, daily):
        doc.add(ind, v, "count", day, str(v).zfill(pad if ind == DAILY[-1] else 0))
    daily_txt = [str(v).zfill(pad if i == 5 else 0) for i, v in enumerate(daily)]

    if layout == "cards":
        stats_html = (f"<h3>{esc(stats_label)}</h3><div class=\"cards\">" +
                      "".join(f'<div class="kcard"><div class="lbl">{esc(lbl)}</div><div class="num">{n}</div></div>'
                              for lbl, n in zip(t["daily"], daily_txt)) + "</div>")
    elif layout == "list":
        stats_html = (f"<h3>{esc(stats_label)}</h3><dl class=\"pairs\">" +
                      "".join(f"<dt>{n}</dt><dd>{esc(lbl)}</dd>" for lbl, n in zip(t["daily"], daily_txt)) + "</dl>")
    else:
        stats_html = (f"<div><b>{esc(stats_label)}</b></div>" +
                      "".join(f'<div class="stat"><div class="num">{n}</div><div>{esc(lbl)}</div></div>'
                              for lbl, n in zip(t["daily"], daily_txt)))

    as_of = f"{t['asof']} {day.strftime('%d.%m.%Y')}"
    with_list = layout != "list" or rng.random() < 0.5
    if with_list:
        rows = [[esc(r), str(n)] for r, n in zip(t["regions"], regions)]
        if layout == "cards":
            list_html = (f"<h3>{esc(t['list'])}</h3><div class=\"per\">{esc(as_of)}</div><div class=\"cards\">" +
                         "".join(f'<div class="kcard"><div class="lbl">{esc(r)}</div><div class="num">{n}</div></div>'
                                 for r, n in zip(t["regions"], regions)) +
                         f'<div class="kcard"><div class="lbl"><b>{esc(t["total"])}</b></div>'
                         f'<div class="num">{total}</div></div></div>')
        else:
            list_html = (f"<h3>{esc(t['list'])}</h3><div>{esc(as_of)}</div>" +
                         table([[esc(t["region"]), esc(t["count"])]], rows + [[f"<b>{esc(t['total'])}</b>",
                                                                               f"<b>{total}</b>"]],
                               align=["", "n"], cls="list"))
    else:
        list_html = f"<p>{esc(t['committees_text'].format(n=total))}</p>"
    doc.add("lpsc.committees", total, "count", day, str(total))

    head = (f'<div class="top"><b>{esc(t["brand"])}</b><br>{esc(t["brand2"])}</div>'
            f'<div class="menu">' + "".join(f"<span>{esc(m)}</span>" for m in t["menu"]) + "</div>")
    intro = f"<h1>{esc(t['title'])}</h1><p>{esc(t['intro'])}</p><p>{esc(t['intro2'])}</p>"
    if layout == "table":
        page1 = head + '<div class="wrap"><table class="layout"><tr><td style="width:68%">' + intro + list_html + \
            '</td><td>' + stats_html + "</td></tr></table></div>"
    else:
        page1 = head + '<div class="wrap">' + intro + stats_html + list_html + "</div>"
    doc.sections.append(page1)

    for ind, v in zip(ACTIVITIES, activities):
        doc.add(ind, v, "count", act_end, str(v))
    if layout == "cards":
        acts = '<div class="cards">' + "".join(
            f'<div class="kcard"><div class="lbl">{esc(lbl)}</div><div class="num">{v}</div>'
            f'<div class="per">{esc(period_txt)}</div></div>' for lbl, v in zip(t["activities"], activities)) + "</div>"
    elif layout == "list":
        acts = "".join(f"<h3>{esc(lbl)}</h3><p><span class=\"num\">{v}</span><br>{esc(period_txt)}</p>"
                       for lbl, v in zip(t["activities"], activities))
    else:
        acts = table([], [[f"{esc(lbl)}<br><small>{esc(period_txt)}</small>", f'<span class="num">{v}</span>']
                          for lbl, v in zip(t["activities"], activities)], align=["", "n"], cls="layout")
    page2 = (f'<div class="wrap"><h2>{esc(t["title"])}</h2>{acts}<p><b>{esc(t["bio"])}</b><br>'
             f'{esc(t["director"])}</p><div class="foot">https://www.facebook.com/KosovoPolice · © {day.year} '
             f'{esc(t["brand"])}</div></div>')
    doc.sections.append(page2)
    doc.css = stylesheet(look.design, look.font, look.page, doc.header, look.font_size) + CSS
    return doc

