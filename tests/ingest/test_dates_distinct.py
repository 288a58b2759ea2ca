"""A long column of date texts is read one distinct text at a time: the dates, the decision
(order, counts in its wording) and the months-only flag are those of reading every cell."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from csdesk.ingest import dates

_FORMS = {
    "iso": ["2024-01-05", "2024-02-29", "2023-12-31"],
    "iso with times": ["2024-01-05 10:30:00", "2024-01-05", "2024-03-01T08:00"],
    "day first": ["05/01/2024", "13/02/2024", "01/03/2024", "31/12/2023"],
    "month first": ["01/05/2024", "02/13/2024", "03/01/2024"],
    "ambiguous": ["01/02/2024", "03/04/2024", "05/06/2024"],
    "names": ["19-mai-17", "Jan 5, 2024", "5 de março de 2024", "abril 2024"],
    "months": ["01/2024", "2024-02", "jan/24", "março de 2024"],
    "mixed with bad": ["2024-01-05", "31/02/2024", "not a date", "13/13/2024", "01/2024"],
}


def _column(form: str, cells: int) -> pd.Series:
    rng = random.Random(form)
    return pd.Series([rng.choice(_FORMS[form]) for _ in range(cells)], dtype=object)


@pytest.mark.parametrize("form", sorted(_FORMS))
@pytest.mark.parametrize("month_first", [None, True, False])
def test_distinct_texts_read_as_every_cell(form: str, month_first: bool | None) -> None:
    texts = _column(form, 3_000)
    expected = dates._parse_texts(texts, month_first)
    got = dates._parse_distinct_texts(texts, month_first)
    assert np.array_equal(got[0], expected[0], equal_nan=True)
    assert got[1:] == expected[1:]


def test_counts_in_the_decision_are_of_cells_not_of_distinct_texts() -> None:
    texts = pd.Series(["05/01/2024"] * 1_500 + ["13/02/2024"] * 600, dtype=object)
    decision = dates._parse_distinct_texts(texts, None)[1]
    assert "1,500 values fit both" in decision
    assert "600 values > 12" in decision


def test_parse_dates_of_a_long_column_is_unchanged_by_reading_distinct_texts() -> None:
    values = np.array([*_column("day first", 5_000), "", "x"], dtype=object)
    blank = values == ""
    threshold = dates._DISTINCT_FROM
    try:
        dates._DISTINCT_FROM = 10**9  # every cell read
        plain = dates.parse_dates(values, blank)
    finally:
        dates._DISTINCT_FROM = threshold
    distinct = dates.parse_dates(values, blank)
    assert np.array_equal(distinct.values, plain.values, equal_nan=True)
    assert np.array_equal(distinct.bad, plain.bad)
    assert (distinct.decision, distinct.months_only, distinct.month_first) == (
        plain.decision,
        plain.months_only,
        plain.month_first,
    )
    assert distinct.bad.sum() == 1  # "x"; the blank is not bad
