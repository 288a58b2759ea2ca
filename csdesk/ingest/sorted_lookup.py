"""Finding a block's keys among the sorted keys of the blocks before it.

A CSV is read in blocks of 100,000 rows, and each block's row hashes and (account, month) keys
are looked up among the earlier blocks' (up to a few million, sorted). Looked up in the block's
own order, each search starts over from the whole array and misses the cache; looked up in
sorted order, numpy narrows each search from where the previous one ended: three times faster
at 100,000 keys in 360,000.
"""

from __future__ import annotations

import numpy as np

# Below this many keys sorting them first costs more than it saves.
SORT_FIRST = 4_096


def locate(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(where, found): each key's position in ``sorted_keys`` (clipped to the last one, so
    that it can index it) and whether it is there."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=np.intp), np.zeros(len(keys), dtype=bool)
    if len(keys) < SORT_FIRST:
        where = np.searchsorted(sorted_keys, keys)
    else:
        order = np.argsort(keys, kind="stable")
        where = np.empty(len(keys), dtype=np.intp)
        where[order] = np.searchsorted(sorted_keys, keys[order])
    where = np.minimum(where, len(sorted_keys) - 1)
    return where, sorted_keys[where] == keys
