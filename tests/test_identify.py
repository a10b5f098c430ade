"""Identification from content alone: the six dev documents, and short texts in the three languages."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from pipeline.readers.html import read_html
from pipeline.identify import identify
from pipeline.model.pagemodel import lines_of, load_pdf

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "factsheets-dev"
ROWS = list(csv.DictReader((DEV / "docs.csv").open(encoding="utf-8"))) if DEV.is_dir() else []


@pytest.mark.skipif(not DEV.is_dir(), reason=f"dev set not present at {DEV}")
@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_dev_documents(row):
    path = DEV / row["file"]
    if path.suffix == ".html":
        text, _, _ = read_html(path)
    else:
        pages, _ = load_pdf(path)
        text = "\n".join(" ".join(w.text for w in line) for p in pages for line in lines_of(p.words))
    info = identify(text)  # content alone: no PDF metadata
    assert (info.publisher, info.mechanism, info.language) == (row["publisher"], row["mechanism"], row["language"])
    assert (str(info.period_start), str(info.period_end)) == (row["period_start"], row["period_end"])
    assert info.country == ("AL" if row["publisher"] == "IDM" else "XK")
    assert set(info.evidence) >= {"language", "publisher", "mechanism", "period"}


SEEDS = DEV.parents[1] / "seeds"
# The real documents' text layers and what they are (their titles, legends and method sections say so).
REAL = {
    "osce-mcsc-factsheet-2017-sq.txt": ("OSCE", "MCSC", "sq", "2017-01-01", "2017-09-30"),
    "osce-mcsc-factsheet-2024-sq.txt": ("OSCE", "MCSC", "sq", "2024-01-01", "2024-12-31"),
    "osce-mocr-factsheet-2019-sq.txt": ("OSCE", "MOCR", "sq", "2019-01-01", "2019-12-31"),
    "idm-kvsp-report-2024-sq.txt": ("IDM", "KVSP", "sq", "2023-11-01", "2024-01-31"),
    "kp-lpsc-page-sq.txt": ("KP", "LPSC", "sq", "2024-06-03", "2024-06-03"),
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed texts not present at {SEEDS}")
@pytest.mark.parametrize("name", REAL)
def test_real_text_layers(name):
    """The real documents: an establishment year ("Në vitin 2009") or a one-month event ("tetor 2017")
    is not the reporting period; the survey's fieldwork is, for IDM."""
    info = identify((SEEDS / name).read_text(encoding="utf-8"))
    got = (info.publisher, info.mechanism, info.language, str(info.period_start), str(info.period_end))
    assert got == REAL[name], info.evidence


@pytest.mark.parametrize("text, expected", [
    ("Misija OEBS-a na Kosovu. Opštinski saveti za bezbednost zajednice (OSBZ). Informativni list · "
     "januar – septembar 2017. Do septembra 2017. godine, OSBZ su osnovani u 36 opština i redovno se sastaju.",
     ("OSCE", "MCSC", "sr", date(2017, 1, 1), date(2017, 9, 30))),
    ("Мисија ОЕБС-а на Косову. Општинске канцеларије за заједнице и повратак (ОКЗП). Информативни лист 2019. "
     "Од увођења 2010. године, ОКЗП су основане у 35 општина.",
     ("OSCE", "MOCR", "sr", date(2019, 1, 1), date(2019, 12, 31))),
    ("OSCE Mission in Kosovo. Municipal Community Safety Councils (MCSCs). Fact sheet · January – December 2024. "
     "Between January and December 2024, there were 34 MCSCs operating throughout Kosovo.",
     ("OSCE", "MCSC", "en", date(2024, 1, 1), date(2024, 12, 31))),
    ("Kosovo Police. Local Public Safety Committees (LPSC). General statistics: 2024-06-03. Fatal accidents 0. "
     "The OSCE supports trainings of the committees.",
     ("KP", "LPSC", "en", date(2024, 6, 3), date(2024, 6, 3))),
])
def test_short_texts(text, expected):
    info = identify(text)
    assert (info.publisher, info.mechanism, info.language, info.period_start, info.period_end) == expected


def test_idm_english_lpsc_are_the_kvsp_councils():
    """IDM's English reports call the KVSP councils 'LPSC' (Council), as the police call their Committees."""
    text = ("Institute for Democracy and Mediation (IDM). Experiences of Local Public Safety Councils (LPSCs). "
            "The Local Public Safety Council (LPSC) is an advisory mechanism. LPSC members, LPSC meetings, LPSC "
            "regulation, LPSC trainings. The questionnaire was administered during December 2017 – February 2018.")
    info = identify(text)
    assert (info.publisher, info.mechanism, info.country) == ("IDM", "KVSP", "AL")


def test_english_edition_with_serbian_place_names_is_english():
    names = " ".join(["Dečan/Dečane", "Gračanica/Graçanicë", "Štrpce/Shtërpcë", "Zvečan/Zveçan", "Uroševac"] * 6)
    text = ("OSCE Mission in Kosovo. Municipal Community Safety Councils (MCSCs). Fact sheet · January – September "
            f"2016. In the period, MCSCs were established in 31 municipalities. {names}")
    assert identify(text).language == "en"
