"""A header of agreement levels ("1 2 3 4 5", "2 3 4 5") is one row of at least three levels: the
first body rows of a count table whose numbers happen to rise or fall by one are no header."""
from __future__ import annotations

import pytest

from corpus_truth import CORPORA, assert_read
from pipeline.readers.tables.interpret import CellValue, first_body_row

pytestmark = pytest.mark.skipif(not (CORPORA / "mpl").exists(), reason="corpora/mpl is not committed")


def test_rows_of_two_counts_one_apart_are_body_rows() -> None:
    """mpl MCSC sq: "Deçan/Dečane 5 6", "Dragash/Dragaš 4 5", "Drenas/Glogovac 7 6" under "Janar - shtator
    2022 | 2021" were taken for level headers; the grid reader then read them again under the
    caption's year, 2022 instead of January-September 2022: 3 keys the truth does not have, at 0.95."""
    assert_read("mpl", "seed-5", "753159.pdf", "mcsc.meetings_held")


def test_one_row_of_levels_over_counts_is_the_header() -> None:
    row = lambda label, *nums: [CellValue("text", letters=True)] + [CellValue("count", float(n)) for n in nums]  # noqa: E731
    kinds = [None, "count", "count", "count", "count"]
    assert first_body_row([row("Pohimet", 2, 3, 4, 5), row("A", 10, 20, 30, 40)], kinds) == 1
    assert first_body_row([row("Prizren", 2, 3, 4, 5), row("Pejë", 3, 4, 5, 6)], kinds) == 0


def test_a_sparse_count_table_starts_at_its_first_labelled_row_of_counts() -> None:
    """Communities without a representative: "Dragash/Dragaš" has 1 under two of six community columns,
    the rest blank. Filled cells decide the first body row, not all columns: three rows were taken into
    the header, then re-read by the grid reader with their labels run together."""
    assert_read("mpl", "seed-5", "753159.pdf", "mcsc.missing_community_representatives")
