"""The committed browser-printed corpus (corpora/browser/seed-*) is consistent with the contract.

Checks the files against truth.csv / docs.csv, the categories and municipality ids against the
contract's vocabularies (the copies the runtime package ships), and that every value the truth says
is printed appears, with that value, in the text layer of its page (pdfplumber for the PDFs, the
page text for the HTML pages). Needs neither ../shared nor Chromium.
"""
from __future__ import annotations

import csv
import re
from datetime import date
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpora" / "browser").glob("seed-*"))
DATA = ROOT / "pipeline" / "data"
VOCAB = {
    "gender": {"female", "male"},
    "community": {"albanian", "serb", "turkish", "bosniak", "roma", "ashkali", "egyptian", "gorani", "montenegrin",
                  "croat", "other"},
    "core_task": {"needs_assessment", "outreach_contacts", "stakeholder_coordination", "participation_facilitation",
                  "policy_monitoring", "projects", "advice_to_municipal_bodies", "public_awareness"},
}
PATTERNS = {"likert_item": re.compile(r"t\d+\.[a-z]:[1-5]"),
            "survey_answer": re.compile(r"f\d+:(yes|no|dont_know|[a-z0-9_\-]+)")}
YES = {"✓", "✔", "Po", "Da", "Yes", "Да"}
NO = {"✗", "✘", "–", "Jo", "Ne", "No", "Не", ""}

pytestmark = pytest.mark.skipif(not SEEDS, reason="no corpora/browser/seed-* committed")


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def catalogue() -> dict[str, dict]:
    return {r["indicator"]: r for r in rows(DATA / "indicators.csv")}


@cache
def municipality_ids() -> set[str]:
    return {r["municipality_id"] for r in rows(DATA / "municipalities.csv")}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def page_texts(path: Path) -> list[str]:
    if path.suffix == ".html":
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup(["style", "script"]):
            tag.decompose()
        return [squash(soup.get_text(" "))]
    with pdfplumber.open(path) as pdf:   # reading order, then drawing order (big numbers beside small lines)
        return [squash(p.extract_text() or "") + "\n" + squash(p.extract_text(use_text_flow=True) or "")
                for p in pdf.pages]


def number(printed: str) -> float:
    return float(printed.rstrip("%*").replace("\u00a0", "").replace(",", "."))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_files_and_documents_agree(seed: Path) -> None:
    truth, docs = rows(seed / "truth.csv"), rows(seed / "docs.csv")
    listed = {d["file"] for d in docs}
    present = {p.name for p in seed.iterdir() if p.suffix in (".pdf", ".html")}
    assert listed == present, "docs.csv must list exactly the documents of the folder"
    assert {r["file"] for r in truth} == listed, "every document has truth rows and every truth file exists"
    assert len(docs) >= 10
    kinds = {(d["mechanism"], d["language"]) for d in docs}
    for need in [("MCSC", "sq"), ("MCSC", "sr"), ("MCSC", "en"), ("MOCR", "sq"), ("MOCR", "sr"), ("MOCR", "en"),
                 ("KVSP", "sq"), ("KVSP", "en"), ("LPSC", "sq"), ("LPSC", "sr"), ("LPSC", "en")]:
        assert need in kinds, f"{need} missing from {seed.name}"
    assert any(d["file"].endswith(".html") for d in docs) and any(
        d["mechanism"] == "LPSC" and d["file"].endswith(".pdf") for d in docs)
    for d in docs:
        assert d["publisher"] == {"MCSC": "OSCE", "MOCR": "OSCE", "KVSP": "IDM", "LPSC": "KP"}[d["mechanism"]]
        assert date.fromisoformat(d["period_start"]) <= date.fromisoformat(d["period_end"])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_truth_follows_the_contract(seed: Path) -> None:
    docs = {d["file"]: d for d in rows(seed / "docs.csv")}
    keys = set()
    for r in rows(seed / "truth.csv"):
        cat = catalogue()[r["indicator"]]
        assert cat["mechanism"] == docs[r["file"]]["mechanism"], r
        assert r["unit"] == cat["unit"], r
        if cat["scope"] == "municipality":
            assert r["municipality_id"] in municipality_ids(), r
        else:
            assert r["municipality_id"] == "", r
        vocab = cat["category_vocabulary"]
        if not vocab:
            assert r["category"] == "", r
        elif vocab in VOCAB:
            assert r["category"] in VOCAB[vocab], r
        else:
            assert PATTERNS[vocab].fullmatch(r["category"]), r
        value = float(r["value"])
        assert {"bool": value in (0, 1), "percent": 0 <= value <= 100,
                "count": value >= 0 and value == int(value)}[r["unit"]], r
        date.fromisoformat(r["period_end"])
        assert int(r["page"]) >= 1
        if r["file"].endswith(".html"):
            assert r["page"] == "1"
        key = (r["file"], r["indicator"], r["municipality_id"], r["category"], r["period_end"][:7])
        assert key not in keys, f"duplicate truth key {key}"
        keys.add(key)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_printed_values_are_on_their_page(seed: Path) -> None:
    truth = rows(seed / "truth.csv")
    printed = rows(seed / "printed.csv")
    assert len(printed) == len(truth)
    n_checked = 0
    for t, p in zip(truth, printed):
        assert [t[k] for k in ("file", "indicator", "municipality_id", "category", "period_end", "page")] == \
            [p[k] for k in ("file", "indicator", "municipality_id", "category", "period_end", "page")]
        shown = p["printed"]
        if t["unit"] == "bool":
            assert shown in (YES if t["value"] == "1" else NO), (t, shown)
        elif shown:
            assert number(shown) == pytest.approx(float(t["value"]), abs=0.051), (t, shown)
        if not shown:
            continue
        texts = page_texts(seed / t["file"])
        assert squash(shown) in texts[int(t["page"]) - 1], f"{shown!r} not on page {t['page']} of {t['file']}"
        n_checked += 1
    assert n_checked > 0.6 * len(truth), "most values are printed as text"
