"""Row hashes tell lines apart by their cells: a column of distinct texts is hashed cell by
cell, and must hash exactly as the same texts do when each distinct one is hashed once."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from csdesk.ingest import records


def _one_by_one(column: np.ndarray) -> np.ndarray:
    """The reference (the only way before): each distinct value hashed once, blanks given
    the blank hash."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    try:
        hashed = pd.util.hash_array(np.asarray(uniques, dtype=object))
    except TypeError:
        hashed = pd.util.hash_array(np.asarray([repr(u) for u in uniques], dtype=object))
    return np.asarray(np.append(hashed, records._BLANK_HASH)[codes], dtype=np.uint64)


def test_distinct_amounts_as_text_hash_as_each_text_does() -> None:
    texts = np.array([f"{i * 7 % 100_003 / 100:.2f}" for i in range(10_000)], dtype=object)
    texts[17] = None
    texts[4_000] = ""
    texts[5_000] = float("nan")
    hashed = records._text_hashes(texts)
    assert np.array_equal(hashed, _one_by_one(texts))
    assert hashed[17] == hashed[5_000] == records._BLANK_HASH
    assert hashed[4_000] != records._BLANK_HASH
    assert len(set(hashed.tolist())) == len(set(texts.tolist())) - 1  # None and NaN: blank


def test_distinct_texts_beside_other_values_hash_as_before() -> None:
    cells = np.array([f"line {i}" for i in range(5_000)], dtype=object)
    cells[10] = 42
    cells[11] = datetime.date(2025, 1, 31)
    cells[13] = pd.NA
    assert np.array_equal(records._text_hashes(cells), _one_by_one(cells))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.just(float("nan")), st.text(max_size=4), st.integers()),
        min_size=0,
        max_size=60,
    ),
    st.booleans(),
)
def test_text_hashes_do_not_depend_on_how_many_texts_are_distinct(
    cells: list[object], distinct: bool
) -> None:
    if distinct:  # most of the first cells distinct: the cell-by-cell way
        cells = [f"{i}:{c}" if isinstance(c, str) else c for i, c in enumerate(cells)]
    column = np.empty(len(cells), dtype=object)
    column[:] = cells
    probe = records._PROBE_CELLS
    records._PROBE_CELLS = 10  # small columns take both ways
    try:
        assert np.array_equal(records._text_hashes(column), _one_by_one(column))
    finally:
        records._PROBE_CELLS = probe
