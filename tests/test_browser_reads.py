"""What the pipeline reads from the committed browser-printed corpus (corpora/browser/seed-*).

Each test takes one real document whose reading once failed, names the class of failure, and checks
the values against the seed's truth.csv: every truth value of the graphic read, none read wrong.
Needs neither ../shared nor Chromium (the PDFs are committed).
"""
from __future__ import annotations

import pytest

from corpus_truth import CORPORA, assert_read as assert_read_in, outcome as outcome_in, read as read_in
from pipeline.extract import process
from pipeline.identify import identify
from pipeline.lang.periods import find_periods
from pipeline.model.confidence import REVIEW_LINE, SURE
from pipeline.model.pagemodel import load_pdf, spool_pdf

CORPUS = CORPORA / "browser"

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="corpora/browser is not committed")


def assert_read(seed: str, name: str, indicator: str) -> None:
    assert_read_in("browser", seed, name, indicator)


def test_local_letter_forms_of_a_font_read_as_their_letters() -> None:
    """Chromium printing Serbian Cyrillic with DejaVu writes the Serbian "б" as the private-use
    U+F6C5: "септем\\uf6c5ар 2017" broke the month, the sheet's period became the whole year and
    every series was keyed to December."""
    doc = spool_pdf(CORPUS / "seed-1" / "572811.pdf")
    assert "\uf6c5" not in doc.text and "септембар 2017" in doc.text
    info = identify(doc.text, doc.meta)
    assert (info.period_start.isoformat(), info.period_end.isoformat()) == ("2017-01-01", "2017-09-30")
    assert_read("seed-1", "572811.pdf", "mcsc.members_by_community")
    assert_read("seed-1", "572811.pdf", "mcsc.missing_community_representatives")


def test_a_statistics_date_wrapped_at_its_last_dash_dates_the_statistics() -> None:
    """"General statistics: 2024-04-" with "06" on the next line (a browser breaks after a hyphen):
    the "06" is the day of the date, not a figure, and the daily counts are of 2024-04-06, not of 2024."""
    assert find_periods("General statistics: 2024-04-\n06")[0].start.isoformat() == "2024-04-06"
    for indicator in ("kp.daily.arrests", "kp.daily.detentions", "kp.daily.traffic_tickets",
                      "kp.daily.fatal_accidents", "kp.daily.injury_accidents", "kp.daily.non_injury_accidents"):
        assert_read("seed-2", "291022.pdf", indicator)


@pytest.mark.parametrize("seed, name", [
    ("seed-5", "153835.pdf"),   # ticks set tight against the next name ("Fushë Kosovë ✓ Pejë ✗")
    ("seed-3", "930866.pdf"),   # the list's heading wraps over two lines above both halves
    ("seed-4", "272120.pdf"),   # a letter-spaced heading: "M O C R S   T H A T   S U B M I T T E D ..."
    ("seed-3", "667461.pdf"),   # the same in lower case, wider than the list: "... a   w o r k   p l a n"
])
def test_a_tick_list_in_two_column_pairs_is_read_whole(seed: str, name: str) -> None:
    """"name ✓ name ✓" lists under a heading naming the work plan: both halves, every name whole."""
    assert_read(seed, name, "mocr.work_plan_submitted")


@pytest.mark.parametrize("seed, name, indicator", [
    # the whitespace reading ran the left ticks into the right names ("✗ Novobërdë") and gave Dragash
    # Novobërdë's tick: 5 values wrong at 0.94
    ("seed-2", "654146.pdf", "mocr.work_plan_submitted"),
    ("seed-3", "843855.pdf", "mocr.work_plan_submitted"),    # the same in Serbian Cyrillic: 0 of 32 read
    # a bar chart's category labels beside the list were read as the table's first column: Ђаковица
    # got Јуник's tick
    ("seed-4", "289177.pdf", "mcsc.work_plan_adopted"),
    ("seed-5", "218705.pdf", "mcsc.work_plan_adopted"),
])
def test_a_tick_list_misread_as_a_table_is_left_to_the_grid_reader(seed: str, name: str, indicator: str) -> None:
    """A whitespace table whose first column cannot label its ticks is not read as a table."""
    assert_read(seed, name, indicator)


@pytest.mark.parametrize("seed, name", [
    ("seed-4", "156046.pdf"),   # task headers printed rotated: their words came in no reading order
    ("seed-3", "843855.pdf"),   # the same in Serbian Cyrillic
    ("seed-1", "651750.pdf"),   # "Projektet ... (zhvillimi, monitorimi, vlerësimi)": projects, not needs assessment
])
def test_every_core_task_column_of_the_matrix_is_named(seed: str, name: str) -> None:
    assert_read(seed, name, "mocr.core_task_performed")


def test_a_rotated_cell_reads_its_lines_left_to_right_and_each_upwards() -> None:
    """cell_text in the turned frame: two lines of bottom-to-top text, each of two words."""
    from pipeline.model.pagemodel import Word
    from pipeline.readers.tables.model import cell_text

    def turned(text: str, x0: float, bottom: float) -> Word:
        return Word(text, x0, bottom - 30, x0 + 8, bottom, upright=False, angle=90.0)
    words = [turned("nevojave", 10, 60), turned("Vlerësimi", 0, 100), turned("i", 0, 60), turned("të", 10, 100)]
    assert cell_text(words) == "Vlerësimi i të nevojave"


@pytest.mark.parametrize("seed, name", [("seed-1", "408020.pdf"), ("seed-2", "816571.pdf")])
def test_a_likert_table_with_levels_in_falling_order_is_read(seed: str, name: str) -> None:
    """A ruled table headed "Pohimet 5 4 3 2 1" over percentages: the header row is the levels,
    not a row of counts, and every statement x level is read."""
    assert_read(seed, name, "kvsp.survey.likert_share")


def test_a_header_row_above_the_drawn_cells_names_the_columns() -> None:
    """Zebra rows drawn as cells, the header row only ruled underneath: the header above the cells
    ("Meetings on community concerns", "Work plan") names the count and the tick column, and the
    caption is the line above it, not the header's own period line."""
    assert_read("seed-4", "520080.pdf", "mcsc.meetings_on_community_concerns")
    assert_read("seed-4", "520080.pdf", "mcsc.work_plan_adopted")


def test_a_tight_list_with_a_wrapped_name_under_a_long_bold_heading() -> None:
    """A name/tick list in a narrow page column: "Hani i / Elezit" wraps around its tick (the label
    beside the column does not cut it), and the bold heading wraps over six lines ("... plan të
    punës ..." is on its second)."""
    assert_read("seed-4", "120779.pdf", "mcsc.work_plan_adopted")


@pytest.mark.parametrize("seed, name", [("seed-1", "730839.html"), ("seed-2", "586141.html")])
def test_a_kp_page_in_the_list_design_gives_its_activity_counts(seed: str, name: str) -> None:
    """<h3>label</h3><p><span>1570</span><br>Periudha: Janar – dhjetor 2022</p>: the number's block
    states its own period, and each heading takes the number below it, of that period."""
    for indicator in ("lpsc.meetings_with_residents", "lpsc.executive_meetings", "lpsc.trainings"):
        assert_read(seed, name, indicator)


@pytest.mark.parametrize("seed, name", [("seed-1", "408020.pdf"), ("seed-1", "400009.pdf")])
def test_councils_established_in_a_paragraph_that_refers_back(seed: str, name: str) -> None:
    """"Të ngritura në 57 bashki të vendit, këto mekanizma ..." (and "Estab­lished in 51 munic­ipalities
    ..., these mechanisms ...") opens a paragraph of its own: "these mechanisms" are the document's
    councils. The English one also prints its soft hyphens as spaces the next glyph overprints."""
    assert_read(seed, name, "kvsp.councils_established")


def test_a_space_the_next_glyph_overprints_breaks_no_word() -> None:
    doc = spool_pdf(CORPUS / "seed-1" / "400009.pdf")
    assert "Established in 51 municipalities" in doc.text and "Estab lished" not in doc.text


def test_a_slanted_label_drawn_twice_is_read_once() -> None:
    """Chromium draws slanted tick labels twice, 0.3 pt apart, and the sizes it gives the two copies
    of a glyph differ in the 14th digit: "Dragash" read as "Dragaashh" matched no municipality and 16
    bars of the chart went to review."""
    page = load_pdf(CORPUS / "seed-1" / "825303.pdf")[0][0]
    slanted = {w.text for w in page.words if not w.upright}
    assert {"Dragash", "Drenas", "Junik", "Lipjan"} <= slanted and not {"Dragaashh", "Drenaas"} & slanted


def test_text_above_only_the_label_column_is_no_header() -> None:
    """An office-suite tick list in two name/Yes-No pairs with no header row, under a two-column
    page whose paragraph ends right above it: the paragraph is not the header of the name column,
    and both halves of the list keep the one caption that names the work plan."""
    path = CORPUS.parent / "office" / "seed-1" / "office-s1-08-mocr-en.pdf"
    if not path.exists():
        pytest.skip("corpora/office/seed-1 is not committed")
    values = [v for v in process(path).values if v.indicator == "mocr.work_plan_submitted"]
    assert len({v.municipality_id for v in values}) == 35


def test_a_ruled_table_read_with_columns_from_gaps_is_read_before_the_grid_reader() -> None:
    """A ruled Likert table whose best reading is the hybrid one (rows from its rules, columns from
    whitespace; the header "1 – Strongly / disagree" wraps): it is a drawn table, read whole by the
    table reader, not column by column by the grid reader (which kept only level 5)."""
    assert_read("seed-1", "400009.pdf", "kvsp.survey.likert_share")


@pytest.mark.parametrize("seed, name", [
    ("seed-2", "238099.pdf"),   # "0" printed at the axis: inside a grouped slot, and at both ends of a horizontal chart
    ("seed-3", "427858.pdf"),
])
@pytest.mark.parametrize("indicator", ["mcsc.meetings_held", "mcsc.meetings_on_community_concerns"])
def test_a_bar_not_drawn_whose_0_is_printed_is_read(seed: str, name: str, indicator: str) -> None:
    """Chromium draws nothing for an SVG bar of no length: its slot in a grouped chart is a bar short,
    or a horizontal chart's first row has no bar at all. The 0 printed where the bar would stand is
    its value, as sure as any printed label."""
    assert_read(seed, name, indicator)
    got = read_in("browser", seed, name, indicator)
    zeros = [conf for key, (value, conf) in got.items() if value == 0]
    assert zeros and min(zeros) >= SURE


def test_a_bar_not_drawn_and_not_printed_goes_to_review() -> None:
    """A chart without value labels: Partesh 2023 has no bar and no number. 0 is likely (the axis
    starts there) but nothing says so, so it is loaded below the review line and queued for a person."""
    assert_read("seed-1", "825303.pdf", "mcsc.meetings_held")
    values = [v for v in outcome_in("browser", "seed-1", "825303.pdf").values
              if v.indicator == "mcsc.meetings_held" and v.municipality_id == "xk-partesh"
              and v.period_end.year == 2023]
    assert [v.value for v in values] == [0.0] and values[0].confidence < REVIEW_LINE
    queued = [r for r in outcome_in("browser", "seed-1", "825303.pdf").review if r.kind == "low_confidence_value"]
    assert any("no bar drawn" in r.text + r.detail for r in queued), queued
