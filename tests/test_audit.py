"""Auditing a run: the pandera contracts on real runs, history and diff, the resolved view, checks
across documents on deliberately broken documents, the HTML report and the Prefect artifacts.

The broken documents are drawn with the fixture generator's primitives: one-page MCSC sheets with a
meetings chart of two periods (the sheet's year and the previous one), so that two language editions
and consecutive years print the same keys. Each carries one planted fault, listed in `BROKEN`.
"""
from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from fixtures import vocab
from fixtures.draw import Series, Sheet, bar_chart
from pipeline import runs
from pipeline.output import contracts, history
from pipeline.cli import app
from pipeline.extract import process

SAMPLES = Path(__file__).resolve().parent.parent / "raw" / "samples"
DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "factsheets-dev"
if not DEV.exists():
    DEV = Path("/work/shared/data/factsheets-dev")
runner = CliRunner()

MEETINGS_2019 = {"Prizren": 6, "Pejë": 4, "Gjilan": 12, "Ferizaj": 2}
MEETINGS_2018 = {"Prizren": 5, "Pejë": 7, "Gjilan": 3, "Ferizaj": 8}
# file -> (language, year, this year's meetings, last year's meetings) and the fault planted in it
BROKEN = {
    "2019-sq.pdf": ("sq", 2019, MEETINGS_2019, MEETINGS_2018),  # the reference edition
    "2019-en.pdf": ("en", 2019, {**MEETINGS_2019, "Gjilan": 10}, MEETINGS_2018),  # edition: Gjilan 10, not 12
    "2018-sq.pdf": ("sq", 2018, {**MEETINGS_2018, "Pejë": 9}, {"Prizren": 1, "Pejë": 2, "Gjilan": 3, "Ferizaj": 4}),
    # ^ its own Pejë 2018 is 9, the 2019 sheets print 7 for 2018: a previous-year disagreement
    "2020-sq.pdf": ("sq", 2020, {"Przren": 3, "Pejë": 4, "Gjilan": 5, "Ferizaj": 6}, MEETINGS_2019),
    # ^ a misspelt municipality ("Przren" for Prizren) that no matcher can place
}


def meetings_sheet(path: Path, lang: str, year: int, now: dict[str, int], before: dict[str, int]) -> None:
    """A one-page MCSC sheet of `year` in `lang`: meetings by municipality, this year and last."""
    words = vocab.MCSC[lang]
    period = vocab.period_label(lang, date(year, 1, 1), date(year, 12, 31))
    previous = vocab.period_label(lang, date(year - 1, 1, 1), date(year - 1, 12, 31))
    sheet = Sheet(path)
    sheet.text(40, 800, words["org"], 9)
    sheet.text(40, 780, words["title"], 14, bold=True)
    sheet.text(40, 764, f"{words['sheet']} · {period}", 9)
    sheet.text(40, 700, words["meetings"].format(prev=year - 1, year=year), 10, bold=True)
    bar_chart(sheet, 40, 380, 500, 300, list(now), [Series(period, list(now.values()), "#1f5fa8"),
                                                    Series(previous, list(before.values()), "#e08a00")])
    sheet.save()


def ingest(*args: str) -> None:
    result = runner.invoke(app, ["ingest", *args])
    assert result.exit_code == 0, result.output + repr(result.exception)


def latest_documents(out: Path) -> pd.DataFrame:
    docs = pd.read_parquet(out / "documents").sort_values("started_at")
    docs = docs.drop_duplicates("document_id", keep="last")
    return docs.assign(file=docs["path_or_url"].map(lambda p: Path(p).name)).set_index("file")


@pytest.fixture(scope="module")
def samples_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples") / "out"
    ingest(str(SAMPLES), "--out", str(out))
    return out


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("broken")
    (folder / "docs").mkdir()
    for name, (lang, year, now, before) in BROKEN.items():
        meetings_sheet(folder / "docs" / name, lang, year, now, before)
    data = (folder / "docs" / "2019-sq.pdf").read_bytes()
    (folder / "docs" / "truncated.pdf").write_bytes(data[: len(data) // 2])  # quarantined: listed with its reason
    out = folder / "out"
    ingest(str(folder / "docs"), "--out", str(out))
    return out


def test_samples_run_meets_the_contracts(samples_run: Path) -> None:
    failed = contracts.check_folder(samples_run)
    assert failed and not any(failed.values()), failed  # no table of the samples run breaks its contract
    assert len(pd.read_parquet(samples_run / "indicators")) > 500


def test_dev_run_meets_the_contracts(tmp_path: Path) -> None:
    if not DEV.exists():
        pytest.skip(f"the shared development set is not here ({DEV})")
    out = tmp_path / "dev"
    ingest(str(DEV), "--out", str(out))
    failed = contracts.check_folder(out)
    assert failed == {name: {} for name in failed}, failed
    docs = pd.read_parquet(out / "documents")
    assert len(docs) == len(pd.read_csv(DEV / "docs.csv"))


def test_models_reject_what_the_contract_forbids(samples_run: Path) -> None:
    rows = pd.read_parquet(samples_run / "indicators").head(8).reset_index(drop=True)
    bad = rows.copy()
    percent = bad.index[bad["unit"] == "count"][0]
    bad.loc[percent, "value"] = 2.5  # a count that is not whole
    bad.loc[1, "language"] = "de"
    bad.loc[2, "confidence"] = 1.4
    bad.loc[3, "page"] = 0
    bad = pd.concat([bad, bad.iloc[[4]].assign(value=bad.loc[4, "value"] + 1)], ignore_index=True)  # key twice
    failed = contracts.failures(bad, "indicators")
    assert set(failed) == {percent, 1, 2, 3, 4, 8}, failed
    assert any("two values for one key" in f for f in failed[8])
    assert contracts.category_ok("likert_item", "t1.a:5") and not contracts.category_ok("likert_item", "t1:5")
    assert contracts.category_ok("core_task", "projects") and not contracts.category_ok("", "female")


def test_rows_breaking_the_contract_go_to_review_and_the_document_is_partial(tmp_path: Path) -> None:
    outcome = process(SAMPLES / "01-mcsc-sq.pdf")
    assert outcome.status == "ok"
    n = len(outcome.values)
    shares = [v for v in outcome.values if v.unit == "percent"]
    shares[0].value = 140.0  # as a buggy reader would emit it
    counts = [v for v in outcome.values if v.unit == "count"]
    counts[0].category = "martian"
    runs.write_outcome(tmp_path, outcome, "local:01-mcsc-sq.pdf", "run-1")
    loaded = pd.read_parquet(tmp_path / "indicators")
    review = pd.read_parquet(tmp_path / "review")
    assert len(loaded) == n - 2 and 140.0 not in set(loaded["value"])
    rejected = review[review["detail"].str.contains("contract:", na=False)]
    assert len(rejected) == 2
    rows = [json.loads(d.split("row=", 1)[1]) for d in rejected["detail"]]
    assert {r["value"] for r in rows} >= {140.0} and {r.get("category") for r in rows} >= {"martian"}
    assert all(contracts.bbox_of(d) for d in rejected["detail"])  # each names its box
    assert outcome.status == "partial" and "2 values broke the output contract" in outcome.error
    assert len(outcome.values) == n - 2


def test_history_keeps_every_run_and_diff_lists_changes(tmp_path: Path) -> None:
    outcome = process(SAMPLES / "03-mcsc-en.pdf")
    started = pd.Timestamp.now(tz="UTC").to_pydatetime()
    runs.write_outcome(tmp_path, outcome, "local:03-mcsc-en.pdf", "run-a")
    runs.finish_run(tmp_path, "run-a", started, [runs.document_row(outcome, "local:x", "x.pdf", "run-a", started)])
    first = pd.read_parquet(tmp_path / "indicators")
    changed, removed = outcome.values[0], outcome.values[1]
    changed.value += 1  # as a corrected reader would read it in a later run
    outcome.values.remove(removed)
    later = started + pd.Timedelta(seconds=1)
    runs.write_outcome(tmp_path, outcome, "local:03-mcsc-en.pdf", "run-b")
    runs.finish_run(tmp_path, "run-b", later, [runs.document_row(outcome, "local:x", "x.pdf", "run-b", later)])

    current = pd.read_parquet(tmp_path / "indicators")
    assert len(current) == len(first) - 1 and set(current["run_id"]) == {"run-b"}  # never duplicated
    old = history.rows_of_run(tmp_path, "run-a")
    assert len(old) == len(first) and set(old["run_id"]) == {"run-a"}  # still queryable
    changes = history.diff(tmp_path)
    assert sorted(changes["change"]) == ["changed", "removed"]
    row = changes[changes["change"] == "changed"].iloc[0]
    assert row["value_after"] - row["value_before"] == 1 and row["indicator"] == changed.indicator
    result = runner.invoke(app, ["diff", "--out", str(tmp_path), "--run", "run-a", "--run", "run-b",
                                 outcome.document_id[:10]])
    assert result.exit_code == 0 and "changed" in result.output and "removed" in result.output


def test_broken_documents_show_in_review_status_and_report(broken_run: Path) -> None:
    docs = latest_documents(broken_run)
    review = pd.read_parquet(broken_run / "review")
    review["file"] = review["document_id"].map(dict(zip(docs["document_id"], docs.index)))
    checks = review[review["detail"].str.startswith("check=", na=False)]

    # a changed value between two language editions: both editions flagged, with both provenances
    edition = checks[checks["detail"].str.startswith("check=edition")]
    assert set(edition["file"]) == {"2019-sq.pdf", "2019-en.pdf"} and (edition["kind"] == "validation").all()
    detail = edition[edition["file"] == "2019-en.pdf"]["detail"].iloc[0]
    assert "this=10 in 2019-en.pdf" in detail and "other=12 in 2019-sq.pdf" in detail and "bbox=" in detail
    # the previous-year series against the sheet of that year
    previous = checks[checks["detail"].str.startswith("check=previous_year")]
    assert {"2018-sq.pdf", "2019-sq.pdf", "2019-en.pdf", "2020-sq.pdf"} <= set(previous["file"])
    assert any("this=9 in 2018-sq.pdf" in d and "other=7 in 2019-sq.pdf" in d for d in previous["detail"])
    # a misspelt municipality
    unmatched = review[review["kind"] == "municipality_match"]
    assert set(unmatched["file"]) == {"2020-sq.pdf"} and set(unmatched["text"]) == {"Przren"}

    assert docs.loc["truncated.pdf", "status"] == "quarantined"
    assert (docs.drop(index="truncated.pdf")["status"] == "partial").all(), docs[["status", "error"]]
    assert "edition disagreement with 2019-sq.pdf" in docs.loc["2019-en.pdf", "error"]
    assert "previous_year disagreement with" in docs.loc["2018-sq.pdf", "error"]
    assert "municipality_match" in docs.loc["2020-sq.pdf", "error"]

    index = (broken_run / "audit" / "index.html").read_text()
    for name in [*BROKEN, "truncated.pdf"]:
        assert f">{name}</a>" in index
    assert docs.loc["truncated.pdf", "error"][:40] in index
    assert "Przren" in index and "editions disagree" in index
    page = (broken_run / "audit" / "doc" / f"{docs.loc['2019-en.pdf', 'document_id'][:16]}.html").read_text()
    assert "Disagreements with other documents" in page and "2019-sq.pdf" in page

    before = len(review)
    assert runner.invoke(app, ["audit", str(broken_run)]).exit_code == 0  # the audit again: nothing doubles
    assert len(pd.read_parquet(broken_run / "review")) == before
    again = latest_documents(broken_run)
    assert (again["error"] == docs["error"]).all()


def test_export_resolves_one_value_per_key_by_precedence(broken_run: Path) -> None:
    result = runner.invoke(app, ["export", str(broken_run)])
    assert result.exit_code == 0, result.output
    current = pd.read_parquet(broken_run / "current" / "indicators.parquet")
    assert current.groupby(list(contracts.KEY), dropna=False).size().max() == 1
    peje_2018 = current[(current["municipality_id"] == "xk-peje") & (current["period_end"] == date(2018, 12, 31))]
    row = peje_2018.iloc[0]  # 9 in its own sheet beats 7 printed by both 2019 sheets as their previous year
    assert row["value"] == 9 and row["document"] == "2018-sq.pdf" and row["own_period"] and row["conflict"]
    assert "2019-sq.pdf" in row["alternatives"] and "2019-en.pdf" in row["alternatives"]
    gjilan = current[(current["municipality_id"] == "xk-gjilan") & (current["period_end"] == date(2019, 12, 31))]
    assert gjilan.iloc[0]["conflict"] and gjilan.iloc[0]["own_period"]  # two editions of 2019 disagree
    agreed = current[(current["municipality_id"] == "xk-ferizaj") & (current["period_end"] == date(2019, 12, 31))]
    assert agreed.iloc[0]["n_candidates"] == 3 and not agreed.iloc[0]["conflict"]
    conflicts = pd.read_parquet(broken_run / "current" / "conflicts.parquet")
    assert set(conflicts[conflicts["municipality_id"] == "xk-peje"]["value"]) >= {7.0, 9.0}


def test_report_draws_one_box_per_value(samples_run: Path) -> None:
    docs = latest_documents(samples_run)
    values = pd.read_parquet(samples_run / "indicators")
    index = (samples_run / "audit" / "index.html").read_text()
    for name, doc in docs.iterrows():
        assert f">{name}</a>" in index
        page = (samples_run / "audit" / "doc" / f"{doc['document_id'][:16]}.html").read_text()
        mine = values[values["document_id"] == doc["document_id"]]
        assert len(re.findall(r'<rect class="value"', page)) == int(mine["x0"].notna().sum())
        assert page.count("<tr data-i=") == len(mine)
        images = re.findall(r'src="\.\./pages/([^"]+)"', page)
        assert len(images) == (doc["n_pages"] if name.endswith(".pdf") else 0)
        assert all((samples_run / "audit" / "pages" / i).stat().st_size > 1000 for i in images)


def test_flow_publishes_summary_and_coverage_artifacts(tmp_path: Path) -> None:
    """Read back from the run's own Prefect API while it still runs (each run's API is its own), the
    way a user would: `Artifact.get(key)`. It fails with a 422 when FastAPI rejects the nulls Prefect's
    client sends for unset filters (pyproject pins FastAPI below 0.151 for that); an empty
    TaskRunFilter instead would find nothing, since this API records no task runs."""
    from prefect.artifacts import Artifact

    from flows.audit import COVERAGE_KEY, SUMMARY_KEY
    from pipeline.ops.prefect_api import local_api

    with local_api():
        from flows.ingest import ingest as ingest_flow

        ingest_flow(paths=[SAMPLES], out=tmp_path / "out")
        run_id = pd.read_parquet(tmp_path / "out" / "documents")["run_id"].iloc[0]
        found = [a for a in (Artifact.get(key) for key in (SUMMARY_KEY, COVERAGE_KEY)) if a is not None]
        runs_of = {str(a.flow_run_id) for a in found}
    by_key = {a.key: a for a in found}
    assert set(by_key) == {SUMMARY_KEY, COVERAGE_KEY}
    assert runs_of == {run_id}  # published on the run that wrote the tables
    assert "10 documents:" in by_key[SUMMARY_KEY].data
    coverage = by_key[COVERAGE_KEY].data
    coverage = json.loads(coverage) if isinstance(coverage, str) else coverage
    assert {r["indicator"] for r in coverage} == set(pd.read_csv(SAMPLES.parent.parent / "pipeline" / "data"
                                                                 / "indicators.csv")["indicator"])


def test_audit_command_needs_an_output_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", str(tmp_path)])
    assert result.exit_code != 0 and "factsheets ingest" in result.output
    shutil.rmtree(tmp_path)


def test_review_boxes_are_written_and_drawn(tmp_path: Path) -> None:
    """A review item with a box carries it as `bbox=...` in its detail; the report outlines it on its
    page (unread regions in their own colour) and lists it with document, page and bbox."""
    from pipeline.audit.audit import audit
    from pipeline.model.records import ReviewItem

    outcome = process(SAMPLES / "05-mocr-sq.pdf")
    outcome.review.append(ReviewItem(2, "unread_region", "Tabela 3 Komuna Viti", bbox=(40.0, 300.5, 550.0, 420.0),
                                     detail="a table no reader mapped"))
    started = pd.Timestamp.now(tz="UTC").to_pydatetime()
    runs.write_outcome(tmp_path, outcome, "local:05-mocr-sq.pdf", "run-1")
    runs.finish_run(tmp_path, "run-1", started,
                    [runs.document_row(outcome, "local:05-mocr-sq.pdf", str(SAMPLES / "05-mocr-sq.pdf"), "run-1",
                                       started)])
    review = pd.read_parquet(tmp_path / "review")
    mine = review[(review["kind"] == "unread_region") & (review["text"] == "Tabela 3 Komuna Viti")]
    assert len(mine) == 1
    item = mine.iloc[0]
    assert item["detail"] == "bbox=40.0,300.5,550.0,420.0; a table no reader mapped"
    assert contracts.bbox_of(item["detail"]) == (40.0, 300.5, 550.0, 420.0)
    audit(tmp_path)
    page = (tmp_path / "audit" / "doc" / f"{outcome.document_id[:16]}.html").read_text()
    page_2 = page.split('data-page="2"')[1].split("</svg>")[0]
    assert page_2.count('<rect class="unread"') == 1 and 'y="300.5"' in page_2
    assert "05-mocr-sq.pdf p2 40.0,300.5,550.0,420.0" in (tmp_path / "audit" / "index.html").read_text()


def test_a_document_row_that_breaks_the_contract_is_logged_and_marked(tmp_path: Path) -> None:
    outcome = process(SAMPLES / "10-kp-pdf-sr.pdf")
    started = pd.Timestamp.now(tz="UTC").to_pydatetime()
    row = runs.document_row(outcome, "local:10-kp-pdf-sr.pdf", "10-kp-pdf-sr.pdf", "run-1", started)
    runs.finish_run(tmp_path, "run-1", started, [{**row, "language": "de"}])
    logged = pd.read_parquet(tmp_path / "documents").iloc[0]
    assert logged["status"] == "partial" and "'de' not in its vocabulary" in logged["error"]


def test_identical_review_items_are_grouped_with_every_place(broken_run: Path) -> None:
    """What a person calls identical is one row with its count and every place: an item repeated at
    another place, and a misspelt name printed under two bars (one decision, two values)."""
    from pipeline.output.report import grouped_review

    review = pd.read_parquet(broken_run / "review")
    docs = latest_documents(broken_run)
    names = dict(zip(docs["document_id"], docs.index))
    przren = review[(review["kind"] == "municipality_match") & (review["text"] == "Przren")]
    assert len(przren) == 2 and przren["detail"].nunique() == 2  # two bars, two boxes and values
    grouped = grouped_review(review, names)
    one = grouped[(grouped["kind"] == "municipality_match") & (grouped["text"] == "Przren")]
    assert len(one) == 1 and one.iloc[0]["count"] == 2
    boxes = [",".join(f"{x:.1f}" for x in contracts.bbox_of(d)) for d in przren["detail"]]
    assert all(f"2020-sq.pdf p1 {b}" in one.iloc[0]["where"] for b in boxes)
    item = review[review["kind"] == "validation"].iloc[0]
    elsewhere = item.copy()
    elsewhere["page"], elsewhere["detail"] = 3, contracts.BBOX.sub("bbox=1.0,2.0,3.0,4.0", str(item["detail"]), count=1)
    again = grouped_review(pd.concat([review, elsewhere.to_frame().T], ignore_index=True), names)
    assert len(again) == len(grouped) and again["count"].sum() == len(review) + 1
    top = again[again["where"].str.contains(f"{names[item['document_id']]} p3 ")].iloc[0]
    assert top["count"] >= 2 and f"{names[item['document_id']]} p{int(item['page'])}" in top["where"]
    report = (broken_run / "report.md").read_text()
    assert "## Review queue (identical items grouped)" in report and one.iloc[0]["where"] in report


def test_every_least_sure_value_and_review_item_names_its_place(broken_run: Path, samples_run: Path) -> None:
    """report.md and the HTML index name document, page and box (or say there is none)."""
    from pipeline.output.report import grouped_review, least_sure

    for out in (broken_run, samples_run):
        docs = latest_documents(out)
        names = dict(zip(docs["document_id"], docs.index))
        for where in grouped_review(pd.read_parquet(out / "review"), names)["where"]:
            for place in where.split("; "):
                assert re.fullmatch(r"\S+\.(pdf|html) (p\d+ ((\d+\.\d,){3}\d+\.\d|\(no box\))|\(whole document\).*)",
                                    place), place
    docs = latest_documents(samples_run)
    least = least_sure(pd.read_parquet(samples_run / "indicators"), dict(zip(docs["document_id"], docs.index)), 50)
    assert len(least) and least["page"].notna().all()
    assert least["bbox"].str.fullmatch(r"(\d+\.\d,){3}\d+\.\d|\(no box\)").all()
    first = least.iloc[0]
    assert f"| {first['document']} | {first['page']} | {first['bbox']} |" in (samples_run / "report.md").read_text()
    assert f"{first['bbox']}</td>" in (samples_run / "audit" / "index.html").read_text()


def test_the_samples_run_flags_nothing_that_was_read(samples_run: Path) -> None:
    """The coverage checks on the bundled samples, which are read in full: every document ok, no
    printed shares left unaccounted for, no series short of a municipality."""
    docs = latest_documents(samples_run)
    assert (docs["status"] == "ok").all(), docs[docs["status"] != "ok"]["error"].to_dict()
    review = pd.read_parquet(samples_run / "review")
    assert not review["detail"].str.contains("reader=none|the other period also has", na=False).any()


def test_audit_of_a_document_without_a_period(broken_run: Path, tmp_path: Path) -> None:
    """Identification may find no period: its values are nobody's own period and no edition of anything."""
    import pyarrow.parquet as pq

    from pipeline.audit.audit import audit
    from pipeline.output.resolve import candidates
    from pipeline.output.schema import DOCUMENTS
    from pipeline.output.store import to_table, write_atomic

    out = tmp_path / "out"
    shutil.copytree(broken_run, out)
    log = sorted((out / "documents").glob("*.parquet"))[-1]
    rows = pq.read_table(log).to_pylist()
    undated = next(r for r in rows if r["path_or_url"].endswith("2019-en.pdf"))
    undated["period_start"] = undated["period_end"] = None
    write_atomic(to_table(rows, DOCUMENTS), log)
    c = candidates(out)
    assert not c[c["document"] == "2019-en.pdf"]["own_period"].any()
    checks = {d["check"] for _, d in audit(out).disagreements.iterrows()}
    assert "edition" not in checks and "previous_year" in checks
