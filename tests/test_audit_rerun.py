"""The audit of a re-run: only the pages of documents whose rows (or whatever their page shows) changed
are written again; the others stay byte for byte and untouched; the index, report and changes are
those of the new run.

The run body (`runs.run`, with the flow's ledger key) and the audit (`pipeline.audit.audit`) are called
as the flow calls them, with documents read in this process.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pandas as pd

from fixtures.render import make_document
from pipeline import runs
from pipeline.audit.audit import audit
from pipeline.audit.audit_html import doc_key
from pipeline.extract import process
from pipeline.model.records import Outcome
from pipeline.ops import ledger
from pipeline.ops.inputs import Input, local_inputs
from pipeline.ops.limits import Limits
from test_audit import BROKEN, meetings_sheet


def in_process(items: list[Input]) -> Iterator[tuple[Input, Outcome]]:
    for item in items:
        yield item, process(item.path, item.hint)


def run(folder: Path, out: Path, run_id: str):  # noqa: ANN201 (an Audit)
    runs.run(local_inputs([folder]), out, run_id, in_process, key=partial(ledger.document_key, limits=Limits()))
    return audit(out)


def pages(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "audit" / "doc").glob("*.html")}


def test_rerun_rewrites_only_the_audit_pages_that_changed(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("2019-sq.pdf", "2019-en.pdf"):  # two editions that disagree: each page names the other
        meetings_sheet(folder / name, *BROKEN[name])
    make_document("kvsp", "sq", 1, folder / "kvsp.pdf")
    out = tmp_path / "out"
    first = run(folder, out, "run-1")
    assert len(first.disagreements) == 1
    before = pages(out)
    assert len(before) == 3

    second = run(folder, out, "run-2")  # nothing changed
    assert pages(out) == before  # not one page rewritten
    assert len(second.changes) == 0  # the rows are the ones run-1 wrote: nothing added or removed
    assert len(second.disagreements) == 1 and set(second.run["run_id"]) == {"run-2"}
    assert (second.run.set_index("path_or_url")["status"].rename(lambda p: Path(p).name).to_dict()
            == {"2019-sq.pdf": "partial", "2019-en.pdf": "partial", "kvsp.pdf": "ok"})  # the audit marked run-2 too
    index = (out / "audit" / "index.html").read_text(encoding="utf-8")
    assert "run run-2: 3 documents" in index
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# factsheets run run-2") and "partial" in report

    old_id = second.run.set_index("path_or_url").loc[str(folder / "kvsp.pdf"), "document_id"]
    make_document("kvsp", "sq", 2, folder / "kvsp.pdf")  # a new edition under the same name
    third = run(folder, out, "run-3")
    after = pages(out)
    new_id = third.run.set_index("path_or_url").loc[str(folder / "kvsp.pdf"), "document_id"]
    assert new_id != old_id
    assert set(after) == set(before) | {f"{doc_key(new_id)}.html"}
    assert {k: v for k, v in after.items() if k in before} == before  # the other pages untouched
    new_page = after[f"{doc_key(new_id)}.html"][0].decode()
    values = pd.read_parquet(out / "indicators" / f"{new_id}.parquet")
    assert f'<span id="n-values">{len(values)}</span>' in new_page and "run run-3" in new_page
    assert len(re.findall(r'<rect class="value"', new_page)) == values["x0"].notna().sum()

    index = (out / "audit" / "index.html").read_text(encoding="utf-8")
    assert "run run-3: 3 documents" in index and f'href="doc/{doc_key(new_id)}.html"' in index
    assert '<h2>Documents (4)</h2>' in index  # the earlier edition stays listed, with its own page
    assert len(third.changes) == 0  # a new document has no previous run to change from

    (out / "audit" / "doc" / f"{doc_key(old_id)}.html").unlink()  # a page that went missing comes back
    (out / "indicators" / f"{new_id}.parquet").unlink()  # rows that went missing are read again by run-4
    run(folder, out, "run-4")
    again = pages(out)
    assert set(again) == set(after)
    assert f"document {old_id}" in again[f"{doc_key(old_id)}.html"][0].decode()  # (its file is gone: no images)
    assert "run run-4" in again[f"{doc_key(new_id)}.html"][0].decode()  # its rows now carry run-4's id
    assert {k: again[k] for k in before if k != f"{doc_key(old_id)}.html"} == {
        k: before[k] for k in before if k != f"{doc_key(old_id)}.html"}
