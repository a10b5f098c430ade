"""The fixture generator makes valid documents whose text layer holds the truth it claims, its
defect flags really damage the text layer, and its truth speaks the contract's vocabulary."""
from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from fixtures import vocab
from fixtures.documents import KINDS
from fixtures.render import DOC_COLUMNS, TRUTH_COLUMNS, make_corpus, make_document
from pipeline.indicators.catalogue import COMMUNITIES, CORE_TASKS, GENDERS, indicators

CASES = [("mcsc", "sq"), ("mcsc", "sr"), ("mcsc", "en"), ("mocr", "sr"), ("kvsp", "sq"), ("kvsp", "en"),
         ("kp-pdf", "en"), ("kp-html", "sr")]


def _make(tmp_path: Path, kind: str, lang: str, seed: int = 1, **variation: object) -> tuple[Path, list[dict], dict]:
    path = tmp_path / f"{kind}-{lang}-{seed}.{'html' if kind == 'kp-html' else 'pdf'}"
    rows, doc = make_document(kind, lang, seed, path, **variation)
    return path, rows, doc


def _page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [p.dedupe_chars().extract_text() for p in pdf.pages]


def _printed(row: dict) -> list[str]:
    """The ways a truth value may be printed."""
    v = row["value"]
    if row["unit"] == "percent":
        return [f"{v:.{d}f}%".replace(".", sep) for d in (0, 1) for sep in ".,"]
    return [str(int(v)), f"{int(v):02d}"]


def _names(mid: str) -> list[str]:
    m = vocab.municipalities()[mid]
    return [m.sq, m.sr, m.sr_cyrl, m.en]


def _check_vocabulary(row: dict) -> None:
    ind = indicators()[row["indicator"]]
    assert row["unit"] == ind.unit
    assert bool(row["municipality_id"]) == (ind.scope == "municipality"), row
    if row["municipality_id"]:
        assert row["municipality_id"] in vocab.municipalities()
    category = row["category"]
    vocabulary = {"gender": GENDERS, "community": COMMUNITIES, "core_task": CORE_TASKS}.get(ind.category_vocabulary)
    if vocabulary:
        assert category in vocabulary, row
    elif ind.category_vocabulary == "likert_item":
        assert re.fullmatch(r"t\d+\.[a-z]:[1-5]", category), row
    elif ind.category_vocabulary == "survey_answer":
        assert re.fullmatch(r"f\d+:[a-z0-9_\-]+", category), row
    else:
        assert category == "", row
    date.fromisoformat(row["period_end"])
    if ind.unit == "bool":
        assert row["value"] in (0, 1)
    if ind.unit == "percent":
        assert 0 <= row["value"] <= 100


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_truth_speaks_the_contract(tmp_path: Path, kind: str, lang: str) -> None:
    path, rows, doc = _make(tmp_path, kind, lang)
    assert rows and set(rows[0]) == set(TRUTH_COLUMNS) and set(doc) == set(DOC_COLUMNS)
    assert doc["language"] == lang and doc["period_start"] <= doc["period_end"]
    for row in rows:
        _check_vocabulary(row)
    keys = [(r["indicator"], r["municipality_id"], r["category"], r["period_end"]) for r in rows]
    assert len(keys) == len(set(keys)), "one truth row per value"


@pytest.mark.parametrize(("kind", "lang"), [c for c in CASES if c[0] != "kp-html"])
def test_pdf_text_layer_holds_the_truth(tmp_path: Path, kind: str, lang: str) -> None:
    path, rows, _ = _make(tmp_path, kind, lang, cyrillic=False, defects=())
    pages = _page_texts(path)
    for row in rows:
        assert 1 <= row["page"] <= len(pages)
        text = pages[row["page"] - 1]
        if row["unit"] != "bool":
            assert any(re.search(rf"(?<![\d.,]){re.escape(p)}(?![\d])", text) for p in _printed(row)), row
        if row["municipality_id"]:
            flat = text.replace("\n", " ")  # labels rotated 90° come out reversed from extract_text
            assert any(name in flat or name[::-1] in flat for name in _names(row["municipality_id"])), row


def test_ticks_are_drawn_as_glyphs(tmp_path: Path) -> None:
    path, rows, _ = _make(tmp_path, "mocr", "sq", ticks="glyph", defects=())
    text = "".join(_page_texts(path))
    ones = sum(r["value"] for r in rows if r["unit"] == "bool")
    assert text.count("✓") == ones  # performed tasks and submitted work plans: one ✓ each


def test_html_holds_the_truth(tmp_path: Path) -> None:
    path, rows, doc = _make(tmp_path, "kp-html", "sq")
    page = path.read_text(encoding="utf-8")
    assert "<html" in page and doc["period_start"] == doc["period_end"]
    for row in rows:
        assert any(f">{p}<" in page for p in _printed(row)), row


def test_duplicate_defect_doubles_chars(tmp_path: Path) -> None:
    path, _, _ = _make(tmp_path, "mcsc", "sq", defects={"duplicate"})
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[1]
        assert len(page.chars) > len(page.dedupe_chars().chars) + 20


def test_run_together_defect_merges_labels(tmp_path: Path) -> None:
    path, rows, _ = _make(tmp_path, "mcsc", "en", orientation="vertical", bilingual=False,
                          defects={"run_together"})
    with pdfplumber.open(path) as pdf:
        words = [w["text"] for w in pdf.pages[1].extract_words()]
    ids = [r["municipality_id"] for r in rows if r["indicator"] == "mcsc.meetings_held"]
    first, second = (vocab.municipalities()[m].en for m in ids[:3:2])  # two neighbours (rows come in pairs)
    assert any(first.split()[-1] + second.split()[0] in w for w in words)


def test_label_defects_change_the_text(tmp_path: Path) -> None:
    path, _, _ = _make(tmp_path, "mcsc", "sq", bilingual=True, orientation="horizontal", n_municipalities=18,
                       defects={"wrap", "decimal_comma"}, pct_decimals=1)
    texts = _page_texts(path)
    assert re.search(r"\d+,\d%", texts[2])
    assert re.search(r"\w/(?=\s)", texts[1])  # bilingual names broken after the slash


def test_deterministic_for_a_seed(tmp_path: Path) -> None:
    a, rows_a, _ = _make(tmp_path / "a", "mcsc", "sr", seed=7)
    b, rows_b, _ = _make(tmp_path / "b", "mcsc", "sr", seed=7)
    assert a.read_bytes() == b.read_bytes() and rows_a == rows_b


def test_corpus_covers_kinds_and_languages(tmp_path: Path) -> None:
    rows, docs = make_corpus(tmp_path)
    assert {Path(d["file"]).stem.split("-", 1)[1].rsplit("-", 1)[0] for d in docs} == set(KINDS)
    assert {d["language"] for d in docs} == {"sq", "sr", "en"}
    with (tmp_path / "truth.csv").open(encoding="utf-8") as f:
        truth = list(csv.DictReader(f))
    assert tuple(truth[0]) == TRUTH_COLUMNS and len(truth) == len(rows)
    with (tmp_path / "docs.csv").open(encoding="utf-8") as f:
        assert tuple(next(csv.DictReader(f))) == DOC_COLUMNS
    assert all((tmp_path / d["file"]).stat().st_size > 1000 for d in docs)
