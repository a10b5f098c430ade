"""Nothing lost silently: broken sheets are flagged in review/ and in the document's status.

The sheets are drawn here with reportlab's platypus (ruled tables as a word processor draws them),
each broken in one way a real sheet can be: a table whose cells the readers cannot interpret, an
expected indicator missing, a tick matrix that disagrees with its count column, shares that do
not add up to 100.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("reportlab")
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

from fixtures.draw import available_families, register_family  # noqa: E402
from pipeline.extract import process  # noqa: E402
from pipeline.lang.vocab import CORE_TASKS  # noqa: E402
from pipeline.model.confidence import SURE  # noqa: E402

MUNICIPALITIES = ["Deçan", "Gjakovë", "Graçanicë", "Prizren", "Pejë", "Ferizaj"]
TASKS = ["Vlerësimi i nevojave", "Vendosja e kontakteve", "Koordinimi me OJQ-të", "Lehtësimi i pjesëmarrjes",
         "Monitorimi i politikave", "Zhvillimi i projekteve", "Këshilla për kuvendin", "Vetëdijesimi i publikut"]


def font() -> str:
    """A font with the Albanian letters and the tick glyphs (DejaVu), registered with reportlab."""
    return register_family(available_families()[0])[0]


def sheet(path: Path, mechanism: str, body: list) -> Path:
    """A one-page OSCE sheet: title, a sentence that identifies it, then `body` (flowables)."""
    name = font()
    styles = getSampleStyleSheet()
    for s in styles.byName.values():
        s.fontName = name
    title = {"MCSC": "Këshillat Komunalë për Siguri në Bashkësi (KKSB) – Fletë informative 2019",
             "MOCR": "Zyrat Komunale për Komunitete dhe Kthim (ZKKK) – Fletë faktesh 2019"}[mechanism]
    intro = ("Misioni i OSBE-së në Kosovë. Ndërmjet janarit dhe dhjetorit 2019, KKSB-të janë themeluar në 31 komuna."
             if mechanism == "MCSC" else
             "Misioni i OSBE-së në Kosovë. Që nga viti 2010, ZKKK-të janë themeluar zyrtarisht në 35 komuna.")
    flow = [Paragraph(title, styles["Title"]), Paragraph(intro, styles["Normal"]), Spacer(1, 12)]
    SimpleDocTemplate(str(path), pagesize=A4).build(flow + body)
    return path


def ruled(rows: list[list[str]], width: float | None = None) -> Table:
    """A gridded table; with `width`, value columns that wide and headers wrapped in them."""
    name = font()
    if width:
        style = getSampleStyleSheet()["Normal"].clone("header", fontName=name, fontSize=6, leading=7)
        rows = [[Paragraph(h, style) for h in rows[0]], *rows[1:]]
    t = Table(rows, colWidths=[70] + [width] * (len(rows[0]) - 1) if width else None, hAlign="LEFT")
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("FONTNAME", (0, 0), (-1, -1), name),
                           ("FONTSIZE", (0, 0), (-1, -1), 7)]))
    return t


def caption(text: str) -> Paragraph:
    style = getSampleStyleSheet()["Normal"].clone("caption", fontName=font(), fontSize=10, leading=12)
    return Paragraph(text, style)


def matrix(counts: list[int]) -> list:
    """A core-task matrix; row i ticks its first i+2 tasks, and prints `counts[i]` as its count."""
    header = ["Komuna", *TASKS, "2019"]
    rows = [[m, *["✓" if k < i + 2 else "–" for k in range(len(TASKS))], str(counts[i])]
            for i, m in enumerate(MUNICIPALITIES)]
    work_plan = [["Komuna", "Plan pune"]] + [[m, "Po" if i % 2 else "Jo"] for i, m in enumerate(MUNICIPALITIES)]
    return [caption("ZKKK-të që kryejnë detyrat thelbësore në 2019"), ruled([header, *rows], 46), Spacer(1, 12),
            caption("ZKKK-të që kanë dorëzuar plan pune në 2019"), ruled(work_plan)]


def kinds(outcome) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in outcome.review:
        out.setdefault(r.kind, []).append(r)
    return out


def test_a_table_the_readers_cannot_interpret_is_an_unread_region(tmp_path: Path) -> None:
    statuses = [["Komuna", "Gjendja e planit", "Shënim"]] + [
        [m, "Në hartim e sipër", "Pritet miratimi nga kuvendi"] for m in MUNICIPALITIES]
    path = sheet(tmp_path / "uninterpretable.pdf", "MOCR", matrix([2, 3, 4, 5, 6, 7]) + [
        Spacer(1, 12), caption("Gjendja e planeve të punës"), ruled(statuses)])
    out = process(path)
    assert out.status == "partial" and "not read" in out.error
    regions = kinds(out)["unread_region"]
    assert len(regions) == 1 and regions[0].page == 1 and regions[0].bbox is not None
    assert "Komuna" in regions[0].text
    assert any(v.indicator == "mocr.core_task_performed" for v in out.values)  # the rest is still read


def test_tick_counts_that_disagree_with_the_count_column_go_to_review(tmp_path: Path) -> None:
    good = process(sheet(tmp_path / "good.pdf", "MOCR", matrix([2, 3, 4, 5, 6, 7])))
    assert good.status == "ok", good.error
    assert not [r for r in good.review if r.kind == "validation"]
    bad = process(sheet(tmp_path / "bad.pdf", "MOCR", matrix([2, 3, 9, 5, 6, 7])))  # Graçanicë: 4 ticks, prints 9
    checks = [r for r in kinds(bad).get("validation", []) if "ticks sum to" in r.detail]
    assert len(checks) == 1 and "xk-gracanice" in checks[0].text and "4" in checks[0].detail and "9" in checks[0].detail
    row = [v for v in bad.values if v.municipality_id == "xk-gracanice" and v.indicator.startswith("mocr.core")]
    box = checks[0].bbox  # around the row's ticks and its count
    assert box is not None and all(box[0] <= v.bbox[0] and v.bbox[2] <= box[2] for v in row)
    doubted = [v for v in bad.values if v.municipality_id == "xk-gracanice" and v.indicator.startswith("mocr.core")]
    assert doubted and all(v.confidence < SURE for v in doubted)


def test_a_sheet_without_an_expected_indicator_is_partial(tmp_path: Path) -> None:
    work_plan = [["Komuna", "Plan pune"]] + [[m, "Po"] for m in MUNICIPALITIES]
    out = process(sheet(tmp_path / "no-meetings.pdf", "MCSC", [
        caption("KKSB që kanë miratuar plan pune në 2019"), ruled(work_plan)]))
    assert out.info.mechanism == "MCSC"
    assert out.status == "partial" and "mcsc.meetings_held" in out.error
    assert any(v.indicator == "mcsc.work_plan_adopted" for v in out.values)


def test_shares_that_do_not_add_up_go_to_review(tmp_path: Path) -> None:
    rows = [["Gjinia", "%"], ["Gra", "40%"], ["Burra", "45%"]]
    meetings = [["Komuna", "2019"]] + [[m, str(i + 3)] for i, m in enumerate(MUNICIPALITIES)]
    out = process(sheet(tmp_path / "shares.pdf", "MCSC", [
        caption("Numri i takimeve të mbajtura në 2019"), ruled(meetings), Spacer(1, 12),
        caption("Kryesuesit e KKSB-ve sipas gjinisë"), ruled(rows)]))
    checks = [r for r in kinds(out).get("validation", []) if "add up to" in r.detail]
    assert checks and "85.0" in checks[0].detail
    assert checks[0].page == 1 and checks[0].bbox is not None  # the place of the shares, for the reviewer
    shares = [v for v in out.values if v.indicator == "mcsc.chairs_by_gender"]
    assert len(shares) == 2 and all(v.confidence < SURE for v in shares)


def test_a_tick_list_that_disagrees_with_its_printed_summary_goes_to_review(tmp_path: Path) -> None:
    plans = [["Komuna", "Plan pune"]] + [[m, "Po" if i < 3 else "Jo"] for i, m in enumerate(MUNICIPALITIES)]
    body = matrix([2, 3, 4, 5, 6, 7])[:2] + [Spacer(1, 12)]
    good = process(sheet(tmp_path / "good.pdf", "MOCR", body + [caption("3 ZKKK dorëzuan plan pune në 2019"),
                                                                 ruled(plans)]))
    assert not [r for r in good.review if r.kind == "validation"], [r.detail for r in good.review]
    bad = process(sheet(tmp_path / "bad.pdf", "MOCR", body + [caption("5 ZKKK dorëzuan plan pune në 2019"),
                                                               ruled(plans)]))
    checks = [r for r in bad.review if r.kind == "validation" and "caption summary" in r.detail]
    assert len(checks) == 1 and "5" in checks[0].detail and "3 of 6" in checks[0].detail
    assert checks[0].page == 1 and checks[0].bbox is not None
    assert all(v.confidence < SURE for v in bad.values if v.indicator == "mocr.work_plan_submitted")


CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def test_printed_shares_that_no_value_accounts_for_are_an_unread_region() -> None:
    """The Likert tables of a browser-printed KVSP report print 12 shares on each of pages 4 and 5: with
    nothing loaded they are one `unread_region` per page; a value loaded from a share's box, or the same
    share loaded elsewhere (a sentence restating it), accounts for it."""
    from pipeline.indicators.coverage import printed_shares, stray_shares
    from pipeline.model.confidence import Confidence
    from pipeline.model.pagemodel import spool_pdf
    from pipeline.model.records import Provenance, Value

    doc = spool_pdf(CORPORA / "browser" / "seed-3" / "394189.pdf")
    printed = [p for page in doc.pages() for p in printed_shares(page)]
    stray = stray_shares([], [], printed)
    assert [r.page for r in stray] == [3, 4, 5] and all(r.bbox for r in stray)  # page 2 prints only 2
    assert "23.0%" in stray[1].text and "34.7%" in stray[1].text and stray[1].detail.startswith("reader=none")
    page4 = [p for p in printed if p.page == 4]
    loaded = [Value("kvsp.survey.likert_share", p.value, "percent", Provenance(4, p.bbox, "table:likert", p.text),
                    Confidence(SURE)) for p in page4[:-2]]
    assert [r.page for r in stray_shares(loaded, [], printed)] == [3, 5]  # two left on page 4: under the block size


def test_a_series_without_a_municipality_its_other_period_has_is_incomplete() -> None:
    """Two periods side by side for the same municipalities; one bar of Deçan was not read."""
    out = process(CORPORA / "mpl" / "seed-1" / "240891.pdf")
    assert out.status == "partial" and "the other period also has xk-decan" in out.error
    item = next(r for r in kinds(out)["validation"] if "the other period also has xk-decan" in r.text)
    assert item.page == 1 and item.bbox is not None


def test_a_core_task_matrix_read_in_part_makes_the_document_partial() -> None:
    """A MOCR matrix that loses whole task columns (352896.pdf lost four to its staggered header, read
    whole since the header goes by the body's column bands): every edition prints all eight tasks, so
    the missing ones are named among the problems that make the document partial. The columns are
    taken away here from the sheet's own reading."""
    from pipeline.indicators.coverage import check_coverage

    out = process(CORPORA / "mpl" / "seed-3" / "352896.pdf")
    assert {v.category for v in out.values if v.indicator == "mocr.core_task_performed"} == set(CORE_TASKS)
    lost = {"needs_assessment", "outreach_contacts", "policy_monitoring", "projects"}
    _, problems = check_coverage([v for v in out.values if v.category not in lost], [], out.info)
    missing = next(p for p in problems if p.startswith("categories missing: mocr.core_task_performed"))
    assert all(task in missing for task in lost) and not any(task in missing for task in set(CORE_TASKS) - lost)


def test_a_matrix_with_no_header_over_its_values_is_left_to_the_aligned_values_finder() -> None:
    """A core-task matrix whose header is set apart (rotated, above the whitespace table): the
    whitespace reading cannot tell its columns apart, so it claims nothing and the table found from
    its aligned values (each column's header stacked above it) is read whole."""
    out = process(CORPORA / "mpl" / "seed-5" / "444038.pdf")
    tasks = {v.category for v in out.values if v.indicator == "mocr.core_task_performed"}
    assert len(tasks) == 8 and out.status == "ok"
