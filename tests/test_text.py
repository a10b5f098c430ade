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

from pipeline.readers.html import read_html
from pipeline.identify import identify
from pipeline.model.confidence import SURE
from pipeline.model.pagemodel import lines_of, load_pdf
from pipeline.model.records import DocInfo
from pipeline.readers.text import read_text

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
        text, _, values = read_html(path)
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
    from pipeline.readers.text import hits_in_text

    assert hits_in_text(sentence, DocInfo(mechanism=mechanism, language=lang)) == []


# ---------------------------------------------------------------- sentences: whose number is whose
@pytest.mark.parametrize("lang, mechanism, sentence, expected", [
    # "n of N": the n is the count, N the whole
    ("en", "MCSC", "Of the 36 MCSCs, 22 have at least one woman representing a community.",
     {("mcsc.councils_with_female_community_member", 22)}),
    ("sq", "MCSC", "Nga 36 KKSB, 22 kanë së paku një anëtare grua që përfaqëson një komunitet.",
     {("mcsc.councils_with_female_community_member", 22)}),
    ("sr", "MCSC", "Od 36 OSBZ, 22 imaju najmanje jednu ženu koja predstavlja zajednicu.",
     {("mcsc.councils_with_female_community_member", 22)}),
    ("en", "MCSC", "In 8 of 36 municipalities, MCSC members are regularly compensated.",
     {("mcsc.municipalities_compensating_members", 8)}),
    ("sr", "MOCR", "OKZP su osnovane u 35 od 38 opština.", {("mocr.offices_established", 35)}),
    ("en", "KVSP", "LPSCs have been set up in 55 of the 61 municipalities.", {("kvsp.councils_established", 55)}),
    # two counts: each takes the words of its own stretch
    ("en", "MCSC", "As of September 2017, there were 36 MCSCs established, of which 22 have at least one woman member.",
     {("mcsc.councils_established", 36), ("mcsc.councils_with_female_community_member", 22)}),
    ("en", "LPSC", "In 2021, LPSC members held 989 meetings with residents and 723 executive meetings.",
     {("lpsc.meetings_with_residents", 989), ("lpsc.executive_meetings", 723)}),
    ("en", "LPSC", "There are 8 regional directorates with a total of 183 committees.", {("lpsc.committees", 183)}),
    ("en", "KVSP", "The survey was administered in 12 municipalities, 3 of which also hosted focus groups.",
     {("kvsp.survey.municipalities", 12)}),
])
def test_each_count_gets_its_own_words(lang, mechanism, sentence, expected):
    from pipeline.readers.text import hits_in_text

    hits = hits_in_text(sentence, DocInfo(mechanism=mechanism, language=lang))
    assert {(h.indicator, h.value) for h in hits} == expected


def test_a_rival_count_keeps_its_period():
    from pipeline.readers.text import hits_in_text

    hits = hits_in_text("MCSCs were established in 36 municipalities, compared to 34 in 2018.",
                        DocInfo(mechanism="MCSC", language="en"))
    assert [(h.indicator, h.value, h.period) for h in hits] == [("mcsc.councils_established", 36, None)]
    assert hits[0].conf.score < SURE  # two counts in one sentence: never silent


def test_a_plan_s_years_are_not_the_value_s_period():
    from pipeline.readers.text import hits_in_text

    hits = hits_in_text("Të ngritura në 49 bashki të vendit, mekanizmat KVSP janë larg një modeli, siç evidentohet "
                        "në Strategjinë Ndërsektoriale 2021 – 2026.", DocInfo(mechanism="KVSP", language="sq"))
    assert [(h.indicator, h.value, h.period) for h in hits] == [("kvsp.councils_established", 49, None)]


# ---------------------------------------------------------------- generated documents, every kind and edition
GENERATED = [(kind, lang, seed) for kind in ("mcsc", "mocr", "kvsp", "kp-html", "kp-pdf")
             for lang in ("sq", "sr", "en") for seed in (3, 8)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """(kind, lang, seed, docs.csv row, truth rows, identified info, text-layer values) per generated document."""
    from fixtures.render import make_document

    root = tmp_path_factory.mktemp("generated")
    out = []
    for kind, lang, seed in GENERATED:
        path = root / f"{kind}-{lang}-{seed}.{'html' if kind == 'kp-html' else 'pdf'}"
        truth, doc = make_document(kind, lang, seed, path)
        info, values = read_document(path)
        out.append((kind, lang, seed, doc, [r for r in truth if is_text_only(r["indicator"])], info, values))
    return out


def test_generated_documents_are_identified(generated):
    wrong = [f"{kind}-{lang}-{seed}: {info.publisher} {info.mechanism} {info.language} {info.period_end}"
             for kind, lang, seed, doc, _, info, _ in generated
             if (info.publisher, info.mechanism, info.language, str(info.period_end)[:7])
             != (doc["publisher"], doc["mechanism"], doc["language"], doc["period_end"][:7])]
    assert not wrong, wrong


def test_generated_documents_text_layer_no_silent_errors_and_recall(generated):
    found = total = 0
    silent, missing = [], []
    for kind, lang, seed, _doc, truth, info, values in generated:
        expected = {(r["indicator"], r["period_end"][:7]): r["value"] for r in truth}
        got = set()
        for v in values:
            end = (v.period_end or info.period_end).strftime("%Y-%m")
            key = (v.indicator, end)
            if expected.get(key) == v.value:
                got.add(key)
            elif v.confidence >= SURE:
                silent.append(f"{kind}-{lang}-{seed} {key} {v.value} (truth {expected.get(key)}) {v.raw_text[:60]}")
        found += len(got)
        total += len(expected)
        missing += [f"{kind}-{lang}-{seed} {k}" for k in expected if k not in got]
    assert not silent, silent
    assert found >= 0.95 * total, missing


def test_callouts_with_the_caption_beside_the_number(tmp_path):
    """Number left, two-line caption right, 'od 36' under the number: the caption's words pick the indicator."""
    pdf = render(tmp_path / "mcsc-sr.pdf", [
        (40, 40, "Opštinski saveti za bezbednost zajednice (OSBZ) · januar – decembar 2023", 10, True),
        (40, 70, "Tokom 2023. godine, OSBZ su bili osnovani u 36 opština.", 8, False),
        (40, 120, "22", 30, True), (44, 152, "od 36", 9, False),
        (100, 124, "OSBZ sa najmanje jednom ženom", 8, False), (100, 134, "koja predstavlja zajednicu", 8, False),
        (40, 200, "7", 30, True), (44, 232, "od 36", 9, False),
        (100, 204, "opština koje redovno nadoknađuju", 8, False), (100, 214, "troškove članovima OSBZ", 8, False),
    ])
    info = DocInfo("OSCE", "MCSC", "sr", date(2023, 1, 1), date(2023, 12, 31), country="XK")
    assert values_of(pdf, info) == {"mcsc.councils_established": 36,
                                    "mcsc.councils_with_female_community_member": 22,
                                    "mcsc.municipalities_compensating_members": 7}
