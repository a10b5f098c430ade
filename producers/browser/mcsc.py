"""OSCE MCSC / KKSB / OSBZ fact sheets: councils, meetings (two periods), concerns, work plans, composition."""
from __future__ import annotations

import random
from datetime import date

from . import svg
from .blocks import big_number, bool_marks, heading, html_legend, print_stamp, prose
from .lang import MONTHS, SQ_MONTH_GENITIVE, cyrillic, fmt_pct, month_range
from .look import Look, cyrillic_font
from .markup import css_string, esc, figure, stylesheet, table
from .model import Doc, month_end
from .places import kosovo, name

COMMUNITIES = ["albanian", "serb", "turkish", "bosniak", "roma", "ashkali", "egyptian", "gorani", "montenegrin",
               "croat"]
MINORITIES = ["bosniak", "turkish", "roma", "ashkali", "egyptian", "gorani"]

TEXT = {
    "sq": {
        "mission": "Misioni i OSBE-së në Kosovë", "org": "Organizata për Siguri dhe Bashkëpunim në Evropë",
        "sheet": "Fletë informative", "title": "Këshillat Komunalë për Siguri në Bashkësi (KKSB)", "ab": "KKSB",
        "intro": ("Misioni i OSBE-së në Kosovë mbështet institucionet dhe organet përgjegjëse për adresimin e "
                  "shqetësimeve të bashkësive rreth sigurisë, përfshirë Këshillat Komunalë për Siguri në Bashkësi "
                  "(KKSB). Kjo fletë informative paraqet treguesit kryesorë që mund të ndihmojnë në identifikimin e "
                  "boshllëqeve dhe fushave për përmirësim."),
        "legal": ("Të themeluara sipas Udhëzimit Administrativ Nr. 27/2012 të Ministrisë së Punëve të Brendshme dhe "
                  "Udhëzimit Administrativ Nr. 03/2012 të Ministrisë së Administrimit të Pushtetit Lokal, KKSB-të "
                  "synojnë një anëtarësi të gjerë, të balancuar gjinore dhe gjithëpërfshirëse."),
        "est_full": "Ndërmjet {m1} dhe {m2} {y}, janë {n} KKSB që operojnë në mbarë Kosovën.",
        "est_since": "Deri më sot, KKSB-të janë themeluar në {n} komuna.",
        "est_card": "KKSB që operojnë",
        "work": "Puna dhe funksionimi gjatë vitit {y}",
        "meetings": "Numri i takimeve që janë mbajtur gjatë vitit {y}",
        "norm": "Sipas Udhëzimit Administrativ 27/2012 dhe 03/2012 duhet të mbahen gjashtë takime në vit.",
        "concerns": "Takimet e KKSB ku u diskutuan incidentet e sigurisë apo shqetësimet e komuniteteve joshumicë",
        "plan": ("KKSB që kanë miratuar plan të punës për të adresuar shqetësimet e sigurisë së komuniteteve "
                 "joshumicë"),
        "muni": "Komuna", "plan_col": "Plan pune", "concern_col": "Takime për shqetësimet",
        "chairs": "Përfaqësimi i grave dhe burrave si kryesues në KKSB",
        "gender": "Shpërndarja gjinore e përfaqësimit të komuniteteve në KKSB", "f": "Gra", "m": "Burra",
        "by_comm": "Përfaqësuesit e komuniteteve në KKSB sipas komunitetit",
        "missing": "Komunitetet që nuk kanë përfaqësues në KKSB*",
        "missing_note": "*Këto komunitete numërojnë 50 ose më shumë individë në këto komuna",
        "female": "KKSB-të me së paku një anëtare grua që përfaqëson një komunitet",
        "comp": "Komunat që rregullisht i kompensojnë anëtarët e KKSB-ve", "of": "nga {n}",
        "composition": "Themelimi dhe përbërja", "all": "Të gjitha komunitetet", "total": "Gjithsej",
        "comm": {"albanian": "Shqiptarë të Kosovës", "serb": "Serb të Kosovës", "turkish": "Turk të Kosovës",
                 "bosniak": "Boshnjak të Kosovës", "roma": "Romë të Kosovës", "ashkali": "Ashkali të Kosovës",
                 "egyptian": "Egjiptian të Kosovës", "gorani": "Goran të Kosovës",
                 "montenegrin": "Malazez të Kosovës", "croat": "Kroat të Kosovës"},
        "footnote_mark": "* Përfshirë KKSB-të e riformuara pas zgjedhjeve lokale.",
        "site": "Misioni i OSBE-së në Kosovë · www.osce.org/kosovo",
    },
    "sr": {
        "mission": "Misija OEBS-a na Kosovu", "org": "Organizacija za evropsku bezbednost i saradnju",
        "sheet": "Informativni list", "title": "Opštinski saveti za bezbednost zajednice (OSBZ)", "ab": "OSBZ",
        "intro": ("Misija OEBS-a na Kosovu podržava institucije i tela odgovorna za rešavanje bezbednosnih "
                  "zabrinutosti zajednica, uključujući opštinske savete za bezbednost zajednice (OSBZ). Ovaj "
                  "informativni list predstavlja ključne pokazatelje koji mogu pomoći u utvrđivanju nedostataka."),
        "legal": ("Osnovani u skladu sa Administrativnim uputstvom br. 27/2012 Ministarstva unutrašnjih poslova i "
                  "Administrativnim uputstvom br. 03/2012 Ministarstva administracije lokalne samouprave, OSBZ "
                  "teže širokom, rodno uravnoteženom i inkluzivnom članstvu."),
        "est_full": "Između {m1} i {m2} {y}. godine, na Kosovu je delovalo {n} OSBZ.",
        "est_since": "Do danas su OSBZ osnovani u {n} opština.",
        "est_card": "OSBZ koji deluju",
        "work": "Rad i funkcionisanje tokom {y}. godine",
        "meetings": "Broj održanih sastanaka tokom {y}. godine",
        "norm": "Prema Administrativnom uputstvu 27/2012 i 03/2012 treba održati šest sastanaka godišnje.",
        "concerns": ("Sastanci OSBZ na kojima se razgovaralo o bezbednosnim incidentima ili zabrinutostima "
                     "nevećinskih zajednica"),
        "plan": "OSBZ koji su usvojili plan rada za rešavanje bezbednosnih zabrinutosti nevećinskih zajednica",
        "muni": "Opština", "plan_col": "Plan rada", "concern_col": "Sastanci o zabrinutostima",
        "chairs": "Zastupljenost žena i muškaraca kao predsedavajućih OSBZ",
        "gender": "Rodna zastupljenost predstavnika zajednica u OSBZ", "f": "Žene", "m": "Muškarci",
        "by_comm": "Predstavnici zajednica u OSBZ po zajednicama",
        "missing": "Zajednice koje nemaju predstavnika u OSBZ*",
        "missing_note": "*Ove zajednice broje 50 ili više pojedinaca u ovim opštinama",
        "female": "OSBZ sa najmanje jednom članicom koja predstavlja zajednicu",
        "comp": "Opštine koje redovno nadoknađuju troškove članovima OSBZ", "of": "od {n}",
        "composition": "Osnivanje i sastav", "all": "Sve zajednice", "total": "Ukupno",
        "comm": {"albanian": "Kosovski Albanci", "serb": "Kosovski Srbi", "turkish": "Kosovski Turci",
                 "bosniak": "Kosovski Bošnjaci", "roma": "Kosovski Romi", "ashkali": "Kosovski Aškalije",
                 "egyptian": "Kosovski Egipćani", "gorani": "Kosovski Goranci", "montenegrin": "Kosovski Crnogorci",
                 "croat": "Kosovski Hrvati"},
        "footnote_mark": "* Uključujući OSBZ ponovo formirane posle lokalnih izbora.",
        "site": "Misija OEBS-a na Kosovu · www.osce.org/kosovo",
    },
    "en": {
        "mission": "OSCE Mission in Kosovo", "org": "Organization for Security and Co-operation in Europe",
        "sheet": "Fact sheet", "title": "Municipal Community Safety Councils (MCSCs)", "ab": "MCSC",
        "intro": ("The OSCE Mission in Kosovo supports the institutions and bodies responsible for addressing "
                  "communities' security concerns, including the Municipal Community Safety Councils (MCSCs). This "
                  "fact sheet presents key indicators that can help identify gaps and areas for improvement."),
        "legal": ("Established under Administrative Instruction No. 27/2012 of the Ministry of Internal Affairs and "
                  "Administrative Instruction No. 03/2012 of the Ministry of Local Government Administration, "
                  "MCSCs aim for a broad, gender-balanced and inclusive membership."),
        "est_full": "Between {m1} and {m2} {y}, {n} MCSCs were operating across Kosovo.",
        "est_since": "To date, MCSCs have been established in {n} municipalities.",
        "est_card": "MCSCs operating",
        "work": "Work and functioning in {y}",
        "meetings": "Number of meetings held in {y}",
        "norm": "Under Administrative Instructions 27/2012 and 03/2012, six meetings must be held per year.",
        "concerns": "MCSC meetings where security incidents or concerns of non-majority communities were discussed",
        "plan": "MCSCs that adopted a work plan to address security concerns of non-majority communities",
        "muni": "Municipality", "plan_col": "Work plan", "concern_col": "Meetings on community concerns",
        "chairs": "Representation of women and men as MCSC chairpersons",
        "gender": "Gender distribution of community representatives in MCSCs", "f": "Women", "m": "Men",
        "by_comm": "Community representatives in MCSCs by community",
        "missing": "Communities without a representative in the MCSC*",
        "missing_note": "*These communities number 50 or more individuals in these municipalities",
        "female": "MCSCs with at least one female member representing a community",
        "comp": "Municipalities that regularly compensate MCSC members", "of": "out of {n}",
        "composition": "Establishment and composition", "all": "All communities", "total": "Total",
        "comm": {"albanian": "Kosovo Albanian", "serb": "Kosovo Serb", "turkish": "Kosovo Turk",
                 "bosniak": "Kosovo Bosniak", "roma": "Kosovo Roma", "ashkali": "Kosovo Ashkali",
                 "egyptian": "Kosovo Egyptian", "gorani": "Kosovo Gorani", "montenegrin": "Kosovo Montenegrin",
                 "croat": "Kosovo Croat"},
        "footnote_mark": "* Including MCSCs re-formed after the local elections.",
        "site": "OSCE Mission in Kosovo · www.osce.org/kosovo",
    },
}
SR_MONTH_GENITIVE = ["januara", "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta", "septembra",
                     "oktobra", "novembra", "decembra"]


def build(rng: random.Random, lang: str, script: str, look: Look, stem: str) -> Doc:
    t = TEXT[lang]
    year = rng.randint(2016, 2024)
    end_month = 9 if rng.random() < 0.3 else 12
    start, end = date(year, 1, 1), month_end(year, end_month)
    prev_end = month_end(year - 1, 12)
    cur_label = month_range(lang, start, end)
    prev_label = month_range(lang, date(year - 1, 1, 1), prev_end)
    doc = Doc(stem, "OSCE", "MCSC", lang, start, end, kind="mcsc", design=f"{look.design}/{look.font}",
              title=f"{t['mission']} – {t['title']}", html_lang="sr-Cyrl" if script == "cyrl" else lang)
    if script == "cyrl":
        cyrillic_font(look)
    st = look.style()
    col_w = look.page.width_px if look.design == "plain" else (look.page.width_px - 20) / 2

    style = rng.choice(["bilingual", "bilingual", "own", "ascii"] if script == "latn" else ["own"])
    munis = rng.sample([m for m in kosovo() if m not in ("xk-leposaviq", "xk-zubin-potok")], rng.randint(14, 19))
    label = {m: name(m, lang, style, script) for m in munis}
    munis.sort(key=lambda m: label[m])
    yes, no = bool_marks(rng, lang)
    if script == "cyrl":
        yes, no = cyrillic(yes), cyrillic(no)
    pct = lambda v: fmt_pct(v, 1, look.comma)  # noqa: E731

    # ---- page 1: establishment, meetings
    n_est = rng.randint(30, 38)
    if end_month == 12 and rng.random() < 0.7:
        g = SQ_MONTH_GENITIVE if lang == "sq" else SR_MONTH_GENITIVE if lang == "sr" else MONTHS["en"]
        est = t["est_full"].format(m1=g[0], m2=g[end_month - 1], y=year, n=n_est)
    else:
        est = t["est_since"].format(n=n_est)
    footnoted = "footnote" in look.defects
    est_printed = f"{n_est}*" if footnoted else str(n_est)
    doc.add("mcsc.councils_established", n_est, "count", end, est_printed if footnoted else str(n_est))
    mast = (f'<div class="masthead"><div class="sub">{esc(t["mission"])} · {esc(t["sheet"])}</div>'
            f'{heading(t["title"], look, 1)}<div class="sub">{esc(t["org"])} · {esc(cur_label)}</div></div>')
    card = big_number(est_printed, f"{t['est_card']} · {cur_label}") + \
        (f'<div class="note">{esc(t["footnote_mark"])}</div>' if footnoted else "")
    intro = prose(t["intro"], look) + prose(t["legal"], look) + prose(est, look)
    top = f'<div class="grid"><div>{intro}</div><div>{card}</div></div>' if look.design != "plain" else intro + card

    cur = [rng.randint(0, 12) for _ in munis]
    prev = [rng.randint(0, 12) for _ in munis]
    if look.page.landscape:
        w, hmax = look.page.width_px * 2 / 3 - 12, look.page.height_px - 240
    else:
        w, hmax = look.page.width_px, min(400, look.page.height_px - 540)
    meet = _meetings(rng, doc, t, look, st, munis, label, cur, prev, cur_label, prev_label, end, prev_end, year,
                     w, hmax)
    work = heading(t["work"].format(y=year), look) + meet + prose(t["norm"], look)
    if look.page.landscape:
        doc.sections.append(mast + f'<div class="grid"><div>{intro}{card}</div>'
                                   f'<div style="grid-column: span 2">{work}</div></div>')
    else:
        doc.sections.append(mast + top + work)

    # ---- page 2: concerns and work plans, gender
    concerns = [rng.randint(0, c) for c in cur]
    plans = [rng.random() < 0.55 for _ in munis]
    cw = _concerns_plans(rng, doc, t, look, st, munis, label, concerns, plans, yes, no, end, cur_label, col_w)
    page2 = f'<div class="sub">{esc(t["ab"])} | {esc(cur_label)}</div>' + cw
    if look.page.landscape:     # no room for the pies beside the tables: a page of their own
        doc.sections.append(page2)
        page2 = ""
    gender_html = _gender(rng, doc, t, look, st, end, pct) if rng.random() < 0.8 else ""
    if page2 + gender_html:
        doc.sections.append(page2 + gender_html)
    composition = _composition(rng, doc, t, look, st, munis, label, end, n_est, col_w)
    doc.sections.append(composition)
    doc.header = {"bottom-left": css_string(t["site"]), "bottom-right": "counter(page)", **print_stamp(rng, end)}
    if script == "cyrl":
        doc.sections = [cyrillic(s) for s in doc.sections]
        doc.title = cyrillic(doc.title)
        doc.header["bottom-left"] = css_string(cyrillic(t["mission"]) + " · www.osce.org/kosovo")
    doc.css = stylesheet(look.design, look.font, look.page, doc.header, look.font_size)
    return doc


def _legend_choice(rng: random.Random, look: Look) -> str:
    if look.defects & {"runon", "connector"}:
        return "html"
    return rng.choice(["top-right", "top-left", "bottom", "right"])


def _meetings(rng, doc: Doc, t, look: Look, st: svg.Style, munis, label, cur, prev, cur_label, prev_label,
              end: date, prev_end: date, year: int, w: float, hmax: float) -> str:
    """Meetings held in two periods: grouped bars (either orientation) or a ruled table with two count columns."""
    form = rng.choice(["vbar", "vbar", "hbar", "table"])
    caption = heading(t["meetings"].format(y=year), look, 3)
    if form == "table":
        rows = [[esc(label[m]), str(a), str(b)] for m, a, b in zip(munis, cur, prev)]
        if rng.random() < 0.4:      # a total row: not a catalogue value
            rows.append([f"<b>{esc(t['total'])}</b>", f"<b>{sum(cur)}</b>", f"<b>{sum(prev)}</b>"])
        for m, a, b in zip(munis, cur, prev):
            doc.add("mcsc.meetings_held", a, "count", end, str(a), municipality_id=m)
            doc.add("mcsc.meetings_held", b, "count", prev_end, str(b), municipality_id=m)
        return caption + table([[esc(t["muni"]), esc(cur_label), esc(prev_label)]], rows, align=["", "n", "n"],
                               style="width:75%")
    legend = _legend_choice(rng, look)
    labels = rng.choice(["outside", "inside", "none"])
    series = [svg.Series(cur_label, cur), svg.Series(prev_label, prev)]
    cats = [label[m] for m in munis]
    if form == "vbar":
        chart = svg.bars(cats, series, lambda v: f"{v:.0f}", st, orient="v", labels=labels,
                         legend="none" if legend == "html" else legend, rotate=rng.choice([-45, -90]), step=2,
                         width=w, height=min(hmax, rng.choice([300, 330])))
    else:
        chart = svg.bars(cats, series, lambda v: f"{v:.0f}", st, orient="h", labels=labels,
                         legend="none" if legend == "html" else legend, step=2, width=w * 0.8,
                         height=min(24 * len(munis) + 70, hmax))
    for i, (m, a, b) in enumerate(zip(munis, cur, prev)):
        doc.add("mcsc.meetings_held", a, "count", end, chart.printed[(0, i)], municipality_id=m)
        doc.add("mcsc.meetings_held", b, "count", prev_end, chart.printed[(1, i)], municipality_id=m)
    leg = html_legend([(s.name, st.palette[k]) for k, s in enumerate(series)], look) if legend == "html" else ""
    above = rng.random() < 0.5
    return caption + (leg if above else "") + chart.svg + ("" if above else leg)


def _concerns_plans(rng, doc: Doc, t, look: Look, st: svg.Style, munis, label, concerns, plans, yes, no,
                    end: date, cur_label: str, col_w: float) -> str:
    """A combined table (count column beside a tick column) or a bar chart and a tick list."""
    marks = [yes if p else no for p in plans]
    for m, c, p, mk in zip(munis, concerns, plans, marks):
        doc.add("mcsc.work_plan_adopted", int(p), "bool", end, mk, municipality_id=m)
    if rng.random() < 0.5:
        for m, c in zip(munis, concerns):
            doc.add("mcsc.meetings_on_community_concerns", c, "count", end, str(c), municipality_id=m)
        rows = [[esc(label[m]), str(c), mk] for m, c, mk in zip(munis, concerns, marks)]
        head = [[esc(t["muni"]), f"{esc(t['concern_col'])}<br><small>({esc(cur_label)})</small>",
                 f"{esc(t['plan_col'])}<br><small>({esc(cur_label)})</small>"]]
        return (heading(t["concerns"], look, 3) + f'<div class="note">{esc(t["plan"])}</div>' +
                table(head, rows, align=["", "n", "c"], style="width:80%"))
    chart = svg.bars([label[m] for m in munis], [svg.Series(cur_label, concerns)], lambda v: f"{v:.0f}", st,
                     orient="h", labels=rng.choice(["outside", "inside"]), legend="none", step=2, width=col_w,
                     height=20 * len(munis) + 40)
    for i, (m, c) in enumerate(zip(munis, concerns)):
        doc.add("mcsc.meetings_on_community_concerns", c, "count", end, chart.printed[(0, i)], municipality_id=m)
    half = (len(munis) + 1) // 2
    rows = []
    for i in range(half):
        row = [esc(label[munis[i]]), marks[i]]
        j = i + half
        row += [esc(label[munis[j]]), marks[j]] if j < len(munis) else ["", ""]
        rows.append(row)
    ticks = table([], rows, align=["", "c", "", "c"], cls="ticks")
    left = figure(esc(f"{t['concerns']} ({cur_label})"), chart.svg)
    right = figure(esc(f"{t['plan']} ({cur_label})"), ticks)
    return f'<div class="grid"><div>{left}</div><div>{right}</div></div>'


def _gender(rng, doc: Doc, t, look: Look, st: svg.Style, end: date, pct) -> str:
    """Chairs and community members by gender: pies or donuts, labels inside, outside or in the legend."""
    out = []
    for ind, title, lo, hi in (("mcsc.chairs_by_gender", t["chairs"], 2, 25),
                               ("mcsc.community_members_by_gender", t["gender"], 10, 38)):
        female = round(rng.uniform(lo, hi), 1)
        male = round(100 - female, 1)
        chart = svg.pie([(t["f"], female), (t["m"], male)], pct, st, donut=rng.random() < 0.5,
                        labels=rng.choice(["inside", "outside", "legend"]), legend=rng.choice(["right", "bottom"]),
                        size=170)
        doc.add(ind, female, "percent", end, chart.printed[(0, 0)], category="female")
        doc.add(ind, male, "percent", end, chart.printed[(0, 1)], category="male")
        out.append(figure(esc(title), chart.svg))
    return f'<div class="grid"><div>{out[0]}</div><div>{out[1]}</div></div>'


def _composition(rng, doc: Doc, t, look: Look, st: svg.Style, munis, label, end: date, n_est: int,
                 col_w: float) -> str:
    """Members by community (with the all-communities total, not truth), missing representatives, cards."""
    parts = [heading(t["composition"], look)]
    if rng.random() < 0.85:
        counts = {"albanian": rng.randint(20, 45), "serb": rng.randint(8, 20), "turkish": rng.randint(2, 12),
                  "bosniak": rng.randint(2, 12), "roma": rng.randint(2, 10), "ashkali": rng.randint(1, 9),
                  "egyptian": rng.randint(1, 8), "gorani": rng.randint(0, 5), "montenegrin": rng.randint(0, 4),
                  "croat": rng.randint(0, 2)}
        order = sorted(COMMUNITIES, key=lambda c: -counts[c]) if rng.random() < 0.6 else COMMUNITIES
        cats = [t["all"]] + [t["comm"][c] for c in order]
        vals = [float(sum(counts.values()))] + [float(counts[c]) for c in order]
        chart = svg.bars(cats, [svg.Series("", vals)], lambda v: f"{v:.0f}", st, orient="h",
                         labels=rng.choice(["outside", "inside"]), legend="none", step=20, ticks=rng.random() < 0.5,
                         width=col_w, height=22 * len(cats) + 40)
        for i, c in enumerate(order):
            doc.add("mcsc.members_by_community", counts[c], "count", end, chart.printed[(0, i + 1)], category=c)
        parts.append(figure(esc(t["by_comm"]), chart.svg))
    shown = rng.sample(munis, rng.randint(5, 8))
    shown.sort(key=lambda m: label[m])
    miss = {m: rng.sample(MINORITIES, rng.randint(1, 3)) for m in shown}
    comms = [c for c in MINORITIES if any(c in v for v in miss.values())]
    series = [svg.Series(t["comm"][c], [1.0 if c in miss[m] else 0.0 for m in shown]) for c in comms]
    chart = svg.bars([label[m].split("/")[0] for m in shown], series, lambda v: f"{v:.0f}", st, orient="v",
                     stacked=True, labels=rng.choice(["inside", "none"]), legend=rng.choice(["bottom", "right"]),
                     rotate=rng.choice([0, -45]), step=1, width=col_w if look.design != "plain" else col_w * 0.8,
                     height=250)
    for k, c in enumerate(comms):
        for i, m in enumerate(shown):
            if c in miss[m]:
                doc.add("mcsc.missing_community_representatives", 1, "count", end, chart.printed[(k, i)],
                        municipality_id=m, category=c)
    parts.append(figure(esc(t["missing"]), chart.svg, esc(t["missing_note"])))
    if rng.random() < 0.6:
        female, comp = rng.randint(10, n_est), rng.randint(2, 12)
        doc.add("mcsc.councils_with_female_community_member", female, "count", end, str(female))
        doc.add("mcsc.municipalities_compensating_members", comp, "count", end, str(comp))
        of = t["of"].format(n=n_est)
        parts.append('<div class="grid">' + big_number(str(female), t["female"], of) +
                     big_number(str(comp), t["comp"], of) + "</div>")
    body = parts[0] + (f'<div class="grid">{"".join(f"<div>{p}</div>" for p in parts[1:3])}</div>'
                       if look.design != "plain" else "".join(parts[1:3])) + "".join(parts[3:])
    return body
