"""The committed matplotlib-produced corpus (corpora/mpl) is consistent with itself, with the
contract's vocabularies and with its own text layer. Needs neither ../shared nor matplotlib:
the catalogue and municipality ids come from the producer's copies of the contract files."""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "mpl"
SEEDS = sorted(CORPUS.glob("seed-*")) if CORPUS.exists() else []
SHARED = ROOT.parent.parent / "shared" / "contract"   # /work/shared/contract from a worktree
if not SHARED.exists():
    SHARED = ROOT.parent / "shared" / "contract"

VOCAB = {
    "gender": {"female", "male"},
    "community": {"albanian", "serb", "turkish", "bosniak", "roma", "ashkali", "egyptian", "gorani",
                  "montenegrin", "croat", "other"},
    "core_task": {"needs_assessment", "outreach_contacts", "stakeholder_coordination", "participation_facilitation",
                  "policy_monitoring", "projects", "advice_to_municipal_bodies", "public_awareness"},
}
PATTERNS = {"likert_item": re.compile(r"^t\d+\.[a-z]:[1-5]$"),
            "survey_answer": re.compile(r"^f\d+:[a-z0-9][a-z0-9_\-]*$")}
MECHANISM = {"mcsc": "MCSC", "mocr": "MOCR", "lpsc": "LPSC", "kp": "LPSC", "kvsp": "KVSP"}
TRUTH_COLUMNS = ["file", "indicator", "municipality_id", "category", "period_end", "value", "unit", "page"]

pytestmark = pytest.mark.skipif(not SEEDS, reason="corpora/mpl is not in this checkout")


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, tuple[str, str, str | None]]:
    """indicator -> (unit, scope, category vocabulary), from the producer's copy of indicators.csv."""
    return {r["indicator"]: (r["unit"], r["scope"], r["category_vocabulary"] or None)
            for r in _read(ROOT / "producers" / "mpl" / "indicators.csv")}


@lru_cache(maxsize=1)
def _municipality_ids() -> set[str]:
    return {r["municipality_id"] for r in _read(ROOT / "producers" / "mpl" / "municipalities.csv")}


@lru_cache(maxsize=None)
def _pages(pdf: Path) -> tuple[str, ...]:
    with pdfplumber.open(pdf) as doc:
        return tuple(p.extract_text() or "" for p in doc.pages)


@pytest.fixture(params=SEEDS, ids=lambda p: p.name)
def seed(request) -> Path:
    return request.param


def test_files_and_docs_agree(seed: Path):
    truth, docs = _read(seed / "truth.csv"), _read(seed / "docs.csv")
    with open(seed / "truth.csv", encoding="utf-8") as f:
        assert f.readline().strip().split(",") == TRUTH_COLUMNS
    documents = {p.name for p in seed.glob("*.pdf")}
    assert 10 <= len(documents) <= 14
    assert {d["file"] for d in docs} == documents
    assert {r["file"] for r in truth} <= documents
    # every document carries truth, and every kind x language of the plan is present
    assert {r["file"] for r in truth} == documents
    combos = {(d["mechanism"], d["language"]) for d in docs}
    for mech, langs in {"MCSC": "sq sr en", "MOCR": "sq sr en", "KVSP": "sq en", "LPSC": "sq sr en"}.items():
        for lang in langs.split():
            assert (mech, lang) in combos, (mech, lang)
    for d in docs:
        assert d["publisher"] in {"OSCE", "IDM", "KP"}
        assert d["period_start"] <= d["period_end"]


def test_truth_rows_follow_the_contract(seed: Path):
    docs = {d["file"]: d for d in _read(seed / "docs.csv")}
    keys = set()
    for r in _read(seed / "truth.csv"):
        unit, scope, vocab = _catalogue()[r["indicator"]]
        assert r["unit"] == unit, r
        assert MECHANISM[r["indicator"].split(".")[0]] == docs[r["file"]]["mechanism"], r
        if scope == "municipality":
            assert r["municipality_id"] in _municipality_ids(), r
        else:
            assert r["municipality_id"] == "", r
        if vocab is None:
            assert r["category"] == "", r
        elif vocab in VOCAB:
            assert r["category"] in VOCAB[vocab], r
        else:
            assert PATTERNS[vocab].match(r["category"]), r
        v = float(r["value"])
        if unit == "bool":
            assert v in (0.0, 1.0), r
        elif unit == "percent":
            assert 0 <= v <= 100, r
        else:
            assert v >= 0 and v == int(v), r
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["period_end"]), r
        key = (r["file"], r["indicator"], r["municipality_id"], r["category"], r["period_end"][:7])
        assert key not in keys, f"two truth rows for one scorer key: {key}"
        keys.add(key)


def test_truth_is_internally_consistent(seed: Path):
    """Counts of ticks equal the printed count column; shares of one question add up."""
    truth = _read(seed / "truth.csv")
    ticks: dict[tuple, float] = defaultdict(float)
    counts: dict[tuple, float] = {}
    answers: dict[tuple, float] = defaultdict(float)
    likert: dict[tuple, list[float]] = defaultdict(list)
    resp: dict[str, float] = defaultdict(float)
    for r in truth:
        k = (r["file"], r["municipality_id"], r["period_end"])
        if r["indicator"] == "mocr.core_task_performed":
            ticks[k] += float(r["value"])
        elif r["indicator"] == "mocr.core_tasks_performed":
            counts[k] = float(r["value"])
            assert 0 <= float(r["value"]) <= 8
        elif r["indicator"] == "kvsp.survey.answer_share":
            answers[(r["file"], r["category"].split(":")[0])] += float(r["value"])
        elif r["indicator"] == "kvsp.survey.likert_share":
            likert[(r["file"], r["category"].split(":")[0])].append(float(r["value"]))
        elif r["indicator"] == "kvsp.survey.respondent_share":
            resp[r["file"]] += float(r["value"])
    assert ticks, "no MOCR matrix in this seed"
    for k, n in ticks.items():
        assert counts[k] == n, k
    for k, s in answers.items():
        assert abs(s - 100) < 0.05, k
    for k, vals in likert.items():
        assert len(vals) in (4, 5), k
        assert (abs(sum(vals) - 100) < 0.05) if len(vals) == 5 else sum(vals) <= 100.05, k
    for f, s in resp.items():
        assert abs(s - 100) < 0.05, f


def test_printed_values_are_in_the_text_layer(seed: Path):
    """Where a value is printed, its text (and its row label's words) is on the recorded page."""
    printed = _read(seed / "printed.csv")
    truth = _read(seed / "truth.csv")
    assert len(printed) == len(truth)
    checked = 0
    for r, t in zip(printed, truth):
        assert (r["file"], r["indicator"], r["page"]) == (t["file"], t["indicator"], t["page"])
        pages = _pages(seed / r["file"])
        page = int(r["page"])
        assert 1 <= page <= len(pages), r
        text = pages[page - 1]
        if r["value_text"]:
            assert r["value_text"] in text, (r, t)
            checked += 1
        for word in r["label_text"].split():
            assert word in text, (word, r)
    assert checked > 0.6 * len(printed)


def test_documents_say_who_made_them(seed: Path):
    for pdf in sorted(seed.glob("*.pdf"))[:4]:
        with pdfplumber.open(pdf) as doc:
            meta = doc.metadata
        assert "Matplotlib" in meta.get("Producer", ""), meta
        assert meta.get("Author") and meta.get("Title")


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/contract is not on this machine")
def test_catalogue_matches_the_shared_contract():
    assert _read(SHARED / "indicators.csv") == _read(ROOT / "producers" / "mpl" / "indicators.csv")
    assert {r["municipality_id"] for r in _read(SHARED / "municipalities.csv")} == _municipality_ids()


def test_generator_still_draws_the_committed_corpus():
    """The committed truth is what the generator draws today (first documents of seed 1), so an
    edit to producers/mpl without regenerating the corpora fails here."""
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from producers.mpl.corpus import documents
    from producers.mpl.model import fmt_value

    seed = CORPUS / "seed-1"
    committed = [tuple(r.values()) for r in _read(seed / "truth.csv")]
    drawn = []
    for k, (doc, pages, _) in enumerate(documents(1)):
        for p in pages:
            plt.close(p.fig)
        drawn += [(doc.file, r.indicator, r.municipality_id or "", r.category or "", r.period_end.isoformat(),
                   fmt_value(r.value, r.unit), r.unit, str(r.page)) for r in doc.rows]
        if k == 3:
            break
    assert drawn == committed[:len(drawn)]
