"""Text-only indicators: the dev set against its truth, and small PDFs of our own in three languages.

The fixtures are rendered with reportlab in layouts the dev set does not have (a statistics column
with numbers *below* their labels, Serbian Cyrillic, English callouts), next to sentences that look
alike but must not give a value: years, legal references, norms, n-out-of-N summaries, page numbers.
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from pipeline.html import read_html
from pipeline.identify import identify
from pipeline.pagemodel import lines_of, load_pdf
from pipeline.records import DocInfo
from pipeline.text import read_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "data" / "factsheets-dev"
TEXT_ONLY = ("mcsc.councils_established", "mcsc.councils_with_female_community_member",
             "mcsc.municipalities_compensating_members", "mocr.offices_established", "kvsp.councils_established",
             "kvsp.survey.respondents", "kvsp.survey.municipalities", "kvsp.survey.focus_group_municipalities",
             "lpsc.", "kp.daily.")
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def is_text_only(indicator: str) -> bool:
    return any(indicator == t or (t.endswith(".") and indicator.startswith(t)) for t in TEXT_ONLY)


def document_text(pages) -> str:
    return "\n".join(" ".join(w.text for w in line) for p in pages for line in lines_of(p.words))


def read_document(path: Path):
    """identify + the text layer of one dev document, as the flow runs them."""
    if path.suffix == ".html":
        text, values = read_html(path)
        return identify(text), values
    pages, meta = load_pdf(path)
    info = identify(document_text(pages), meta)
    return info, read_text(pages, info)


def compare_dev_set() -> tuple[int, int, list[str], list[str]]:
    """(found, total, missing rows, wrong values) over the text-only truth rows of the dev set."""
    truth = [r for r in csv.DictReader((DEV / "truth.csv").open(encoding="utf-8")) if is_text_only(r["indicator"])]
    found, missing, wrong = 0, [], []
    for file in sorted({r["file"] for r in truth}):
        info, values = read_document(DEV / file)
        got = {}
        for v in values:
            end = v.period_end or info.period_end
            got.setdefault((v.indicator, end.strftime("%Y-%m")), set()).add(v.value)
        expected = {(r["indicator"], r["period_end"][:7]): float(r["value"]) for r in truth if r["file"] == file}
        for key, value in expected.items():
            if value in got.get(key, set()):
                found += 1
            else:
                missing.append(f"{file} {key} {value} got {got.get(key)}")
        for key, vals in got.items():
            for value in vals:
                if expected.get(key) != value:
                    wrong.append(f"{file} {key} {value}")
    return found, len(truth), missing, wrong


@pytest.mark.skipif(not DEV.is_dir(), reason=f"dev set not present at {DEV}")
def test_dev_set_text_rows_all_found_none_wrong():
    found, total, missing, wrong = compare_dev_set()
    assert not missing, missing
    assert not wrong, wrong
    assert found == total


# ---------------------------------------------------------------- fixtures of our own
def render(path: Path, items: list[tuple[float, float, str, float, bool]]) -> Path:
    """A one-page A4 PDF; each item is (x, top, text, size, bold) in pdfplumber's top-down coordinates."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    regular, bold = "Helvetica", "Helvetica-Bold"
    if (FONTS / "DejaVuSans.ttf").exists():  # Albanian and Serbian (Cyrillic) glyphs
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
        regular, bold = "DejaVu", "DejaVu-Bold"
    c = canvas.Canvas(str(path), pagesize=A4)
    height = A4[1]
    for x, top, text, size, is_bold in items:
        c.setFont(bold if is_bold else regular, size)
        c.drawString(x, height - top - 0.8 * size, text)
    c.save()
    return path


def values_of(path: Path, info: DocInfo) -> dict[str, float]:
    pages, _ = load_pdf(path)
    return {v.indicator: v.value for v in read_text(pages, info)}


def test_english_mcsc_callouts_and_lookalikes(tmp_path):
    pdf = render(tmp_path / "mcsc-en.pdf", [
        (40, 40, "Municipal Community Safety Councils (MCSCs) · Fact sheet · January – September 2017", 10, True),
        (40, 70, "MCSCs were created in 2009. According to Administrative Instructions 27/2012 and 03/2012,", 8, False),
        (40, 81, "MCSCs should hold 6 meetings per year. By September 2017, MCSCs had been established", 8, False),
        (40, 92, "in 36 municipalities. 23/35 councils adopted a work plan.", 8, False),
        (60, 130, "22", 30, True), (100, 146, "of 36", 9, False),
        (60, 165, "MCSCs with at least one female member", 7.6, False),
        (60, 175, "representing a community", 7.6, False),
        (300, 130, "5", 30, True), (320, 146, "of 36", 9, False),
        (300, 165, "Municipalities that regularly compensate", 7.6, False),
        (300, 175, "MCSC members", 7.6, False),
        (290, 810, "1", 8, False),
    ])
    info = DocInfo("OSCE", "MCSC", "en", date(2017, 1, 1), date(2017, 9, 30), country="XK")
    assert values_of(pdf, info) == {"mcsc.councils_established": 36,
                                    "mcsc.councils_with_female_community_member": 22,
                                    "mcsc.municipalities_compensating_members": 5}


def test_cyrillic_police_statistics_numbers_below_labels(tmp_path):
    items = [(390, 100, "Општа статистика: 03.06.2024", 8, True)]
    labels = [("Саобраћајне несреће са смртним исходом", "2"), ("Несреће са повређенима", "18"),
              ("Несреће без повређених", "53"), ("Издате саобраћајне казне", "2019"), ("Хапшења", "27"),
              ("Задржавања", "3")]
    for i, (label, number) in enumerate(labels):
        top = 120 + 34 * i
        items += [(390, top, label, 7.6, False), (390, top + 10, number, 15, True)]
    items += [(46, 400, "Регионална управа", 8, True), (310, 400, "Број ЛОЈБ", 8, True),
              (46, 416, "Приштина", 8, False), (310, 416, "34", 8, False),
              (46, 432, "Призрен", 8, False), (310, 432, "23", 8, False),
              (46, 448, "Укупно ЛОЈБ", 8, True), (310, 448, "57", 8, True)]
    pdf = render(tmp_path / "kp-sr.pdf", items)
    info = DocInfo("KP", "LPSC", "sr", date(2024, 6, 3), date(2024, 6, 3), country="XK")
    pages, _ = load_pdf(pdf)
    values = read_text(pages, info)
    got = {v.indicator: v.value for v in values}
    assert got == {"kp.daily.fatal_accidents": 2, "kp.daily.injury_accidents": 18,
                   "kp.daily.non_injury_accidents": 53, "kp.daily.traffic_tickets": 2019,
                   "kp.daily.arrests": 27, "kp.daily.detentions": 3, "lpsc.committees": 57}
    fatal = next(v for v in values if v.indicator == "kp.daily.fatal_accidents")
    assert fatal.period_end == date(2024, 6, 3)
    assert fatal.bbox[0] == pytest.approx(390, abs=1) and 130 <= fatal.bbox[1] <= 140  # the "2" under its label


def test_albanian_mocr_sentence_not_summaries(tmp_path):
    pdf = render(tmp_path / "mocr-sq.pdf", [
        (40, 40, "Zyrat Komunale për Komunitete dhe Kthim (ZKKK) · Fletë informative 2019", 10, True),
        (40, 70, "Që nga paraqitja e tyre në vitin 2010, ZKKK-të janë themeluar zyrtarisht në 35 komuna.", 8, False),
        (40, 81, "Rregullorja 02/2010 për zyrat komunale. 23 ZKKK dorëzuan plan pune.", 8, False),
        (300, 120, "23/35", 10, True),
    ])
    info = DocInfo("OSCE", "MOCR", "sq", date(2019, 1, 1), date(2019, 12, 31), country="XK")
    pages, _ = load_pdf(pdf)
    values = read_text(pages, info)
    assert [(v.indicator, v.value, v.period_end) for v in values] == [("mocr.offices_established", 35, None)]
    assert values[0].method == "text:rule" and values[0].raw_text.startswith("Që nga")


@pytest.mark.parametrize("lang, mechanism, sentence", [
    ("sq", "MCSC", "Sipas Udhëzimit Administrativ 27/2012 dhe 03/2012 duhet të mbahen 6 takime në vit."),
    ("sr", "MCSC", "Prema Administrativnom uputstvu 27/2012 treba održati 6 sastanaka godišnje."),
    ("sq", "KVSP", "Sipas fokus grupeve, vetëm 2 bashki (20%) zhvillojnë rregullisht takime (7-8 takime në vit)."),
    ("sq", "LPSC", "Diversiteti në përbërjen e KLSP arrin përqindje deri rreth 85%."),
    ("en", "MCSC", "In 2019, MCSCs were established."),
])
def test_lookalike_sentences_give_no_value(lang, mechanism, sentence):
    from pipeline.text import hits_in_text

    assert hits_in_text(sentence, DocInfo(mechanism=mechanism, language=lang)) == []
