"""Hostile inputs: files that hung, swelled, crashed or fooled a run, each read the way a run reads it.

Documents go through `limits.process_limited`, as the flow's process-document task does, so a
regression shows as a quarantine reason (a time or memory limit) instead of a hung test.
"""
from __future__ import annotations

import os
import random
from datetime import datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import hostile
from pipeline import runs
from pipeline.ops.inputs import discover
from pipeline.extract import process
from pipeline.model.inflate import MAX_INFLATED_MB
from pipeline.model.confidence import SURE, SUSPECT
from pipeline.ops.limits import Limits, process_limited

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "raw" / "samples").glob("*.pdf"))


def test_a_page_whose_contents_refer_to_themselves_is_quarantined_and_the_run_goes_on(tmp_path):
    loop = hostile.write(tmp_path / "loop.pdf", hostile.self_referencing_contents())
    stuck = process_limited(loop, None, Limits(seconds=3))
    assert stuck.status == "quarantined"
    assert stuck.error.startswith("over the time limit of 3 s")
    assert stuck.document_id and stuck.path == loop

    good = process_limited(SAMPLES[0], None, Limits(seconds=60))  # the next document is read as ever
    alone = process(SAMPLES[0])
    assert good.status == alone.status == "ok"
    assert [(v.indicator, v.value, v.page) for v in good.values] == [(v.indicator, v.value, v.page) for v in alone.values]


def test_a_document_over_the_memory_limit_is_quarantined_with_the_reason(tmp_path):
    swelling = hostile.write(tmp_path / "swell.pdf", hostile.flate_bomb(inflated_mb=MAX_INFLATED_MB - 28))
    outcome = process_limited(swelling, None, Limits(seconds=60, memory_mb=40))
    assert outcome.status == "quarantined"
    assert outcome.error.startswith("over the memory limit of 40 MB")


def test_a_decompression_bomb_is_refused_before_it_inflates(tmp_path):
    bomb = hostile.write(tmp_path / "bomb.pdf", hostile.flate_bomb())  # 1 MB on disk, 1 GB inflated
    assert bomb.stat().st_size < 1.1e6
    # 400 MB is far below the 2.3 GB the bomb took: the ceiling, not the memory limit, must stop it.
    outcome = process_limited(bomb, None, Limits(seconds=60, memory_mb=400))
    assert outcome.status == "quarantined"
    assert f"inflates past {MAX_INFLATED_MB} MB (a decompression bomb" in outcome.error


def test_100000_nested_divs_are_read_within_a_minute(tmp_path):
    page = hostile.write(tmp_path / "nested.html", hostile.nested_divs(100_000))
    outcome = process_limited(page, None, Limits(seconds=60))
    assert outcome.status != "quarantined", outcome.error  # 35 minutes before html._leaves walked the tree once
    assert outcome.status == "partial" and "lpsc.committees" in outcome.error  # a KP page that gives no value
    assert (outcome.info.publisher, outcome.info.mechanism) == ("KP", "LPSC")


def test_a_page_of_10000_words_is_read_within_75_seconds(tmp_path):
    rng = random.Random(1)
    page = hostile.fact_sheet_page(1) + hostile.random_words_page(rng, 10_000)
    dense = hostile.write(tmp_path / "dense.pdf", hostile.text_pdf([page], size=4))
    outcome = process_limited(dense, None, Limits(seconds=75))  # 104 s before lines, blocks and rows went linear
    assert outcome.status != "quarantined", outcome.error  # read in time (partial: a sheet with no meetings chart)
    assert outcome.n_pages == 1


def test_a_file_name_that_is_not_utf8_is_logged_in_a_printable_form(tmp_path):
    raw_name = b"fl\xeatra-\xff.pdf"
    folder = os.fsencode(tmp_path)
    try:
        with open(os.path.join(folder, raw_name), "wb") as f:
            f.write(SAMPLES[0].read_bytes())
    except OSError as e:
        pytest.skip(f"this file system refuses non-UTF-8 names ({e})")
    [path] = discover([tmp_path])
    assert os.fsencode(path.name) == raw_name

    out, started = tmp_path / "out", datetime.now(timezone.utc)
    outcome = process(path)
    runs.write_outcome(out, outcome, f"local:{path.name}", "run-1")
    runs.finish_run(out, "run-1", started, [runs.document_row(outcome, f"local:{path.name}", str(path), "run-1", started)])
    [logged] = pq.read_table(out / "documents").to_pylist()
    assert logged["status"] == "ok" and logged["n_indicators"] == len(outcome.values) > 0
    assert logged["path_or_url"].endswith("/fl\\xeatra-\\xff.pdf")
    assert logged["source_id"] == "local:fl\\xeatra-\\xff.pdf"
    values = pq.read_table(out / "indicators").to_pylist()
    assert {v["source_id"] for v in values} == {"local:fl\\xeatra-\\xff.pdf"}
    assert "fl\\xeatra-\\xff.pdf" in (out / "report.md").read_text(encoding="utf-8")


# --- damaged copies of good documents -------------------------------------------------------------

def key(v) -> tuple:
    return (v.indicator, v.municipality_id, v.category, v.period_start, v.period_end, v.value)


def test_a_damaged_text_layer_makes_the_document_partial_and_its_values_unsure(tmp_path):
    """The body font's ToUnicode map points nowhere: its dashes read '(cid:NN)', and the period of a
    sentence ('January(cid:2)September 2018') was read as September alone, at confidence 0.9."""
    sheet = next(p for p in SAMPLES if "03-mcsc-en" in p.name)
    original = process(sheet)
    data = sheet.read_bytes().replace(b"/ToUnicode 6 0 R", b"/ToUnicode 0 0 R", 1)  # same length: xref intact
    broken = process(hostile.write(tmp_path / "broken.pdf", data))
    assert original.status == "ok" and broken.status == "partial"
    [item] = [r for r in broken.review if r.text.startswith("damaged text layer")]
    assert item.detail.startswith("undecodable glyphs '(cid:NN)' on page 1")
    assert "cross-reference" not in item.detail
    assert broken.values and all(v.confidence <= SUSPECT for v in broken.values)
    assert all(any(n.startswith("damaged text layer: ") for n in v.notes) for v in broken.values)


FUZZ_CASES = 36  # about 45 s on one core; a seeded, repeatable draw over the four kinds of damage


def test_fuzz_damaged_samples_never_crash_hang_or_gain_sure_values(tmp_path):
    rng = random.Random(5)  # a draw where the code before damage detection gained sure values in 4 copies
    originals = {p: {key(v) for v in process(p).values} for p in SAMPLES}
    problems = []
    for i in range(FUZZ_CASES):
        sample, mutate = rng.choice(SAMPLES), hostile.MUTATIONS[i % len(hostile.MUTATIONS)]
        data = mutate(sample.read_bytes(), rng)
        path = hostile.write(tmp_path / f"{i:02d}-{mutate.__name__}-{sample.name}", data)
        outcome = process_limited(path, None, Limits(seconds=30))
        if outcome.error and outcome.error.startswith(("over the", "internal error", "the reader process died")):
            problems.append(f"{path.name}: {outcome.error}")
        gained = [v for v in outcome.values if v.confidence >= SURE and key(v) not in originals[sample]]
        problems += [f"{path.name}: gained {key(v)} at {v.confidence} ({v.method}, {v.raw_text[:60]!r})"
                     for v in gained]
    assert problems == []
