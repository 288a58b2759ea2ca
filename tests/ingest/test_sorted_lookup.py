"""A block's keys found among earlier blocks' sorted keys, in any order, many or few."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from csdesk.ingest.sorted_lookup import SORT_FIRST, locate

KEYS = st.lists(st.integers(min_value=0, max_value=2**64 - 1), max_size=60)


@given(KEYS, KEYS)
def test_each_key_is_found_where_it_is_and_only_there(known: list[int], asked: list[int]) -> None:
    sorted_keys = np.unique(np.array(known, dtype=np.uint64))
    keys = np.array(asked, dtype=np.uint64)
    where, found = locate(sorted_keys, keys)
    assert found.tolist() == [k in set(known) for k in asked]
    assert (sorted_keys[where[found]] == keys[found]).all() if len(sorted_keys) else True


def test_a_long_block_is_found_as_a_short_one_is() -> None:
    rng = np.random.default_rng(5)
    sorted_keys = np.sort(rng.integers(0, 2**62, 20_000).astype(np.uint64))
    keys = np.concatenate([sorted_keys[::3], rng.integers(0, 2**62, SORT_FIRST).astype(np.uint64)])
    rng.shuffle(keys)
    where, found = locate(sorted_keys, keys)
    plain = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    assert (where == plain).all()
    assert (found == np.isin(keys, sorted_keys)).all() and found.sum() >= len(sorted_keys) // 3
