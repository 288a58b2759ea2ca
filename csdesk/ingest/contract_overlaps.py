"""Contracts of one account and product that run at the same time.

An account's MRR from contracts is the sum of those running each month (DESIGN: contracts).
Several products at once are summed as they should be; but a subscription export often keeps
the plan an account upgraded from with no end date, and then both are summed: the MRR doubles
without a word. So the import says how many contracts start while another of the same account
and product still runs, with the first such row as an example, and leaves the figures as the
file says (a second seat pack of one product is a real case too).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# An end date that is empty: the contract still runs.
_OPEN_END = np.datetime64("9999-12-31", "D")


@dataclass
class Overlap:
    """How many contracts of the file start while an earlier one of the same account and
    product runs, how many accounts have such, and the first such row (by sheet row)."""

    contracts: int
    accounts: int
    row: int
    account: str
    start: str
    earlier_start: str


@dataclass
class ContractSpans:
    """The accepted contracts of a file, gathered block by block."""

    accounts: list[np.ndarray] = field(default_factory=list)
    products: list[np.ndarray] = field(default_factory=list)
    starts: list[np.ndarray] = field(default_factory=list)
    ends: list[np.ndarray] = field(default_factory=list)
    rows: list[np.ndarray] = field(default_factory=list)
    names: list[np.ndarray] = field(default_factory=list)

    def add(
        self,
        account: np.ndarray,
        product: np.ndarray | None,
        start: pd.Series,
        end: pd.Series | None,
        rows: np.ndarray,
        names: np.ndarray,
        ok: np.ndarray,
    ) -> None:
        keep = ok & start.notna().to_numpy() & ~pd.isna(account)
        if not keep.any():
            return
        begins = start.to_numpy(dtype="datetime64[D]")[keep]
        if end is None:
            finishes = np.full(len(begins), _OPEN_END)
        else:
            finishes = end.to_numpy(dtype="datetime64[D]")[keep]
            finishes = np.where(np.isnat(finishes), _OPEN_END, finishes)
        self.accounts.append(np.asarray(account)[keep])
        kinds = np.full(len(rows), None, dtype=object) if product is None else product
        self.products.append(np.asarray(kinds, dtype=object)[keep])
        self.starts.append(begins)
        self.ends.append(finishes)
        self.rows.append(np.asarray(rows)[keep])
        self.names.append(np.asarray(names, dtype=object)[keep])

    def overlap(self) -> Overlap | None:
        """The contracts that start while another of their account and product runs."""
        if not self.starts:
            return None
        accounts = pd.factorize(np.concatenate(self.accounts))[0]
        # A contract naming no product is of the same unnamed one as the others (code 0).
        products = pd.factorize(np.concatenate(self.products))[0] + 1
        starts = np.concatenate(self.starts).astype(np.int64)
        ends = np.concatenate(self.ends).astype(np.int64)
        group = accounts.astype(np.int64) * (int(products.max()) + 1) + products
        order = np.lexsort((starts, group))
        group, starts, ends = group[order], starts[order], ends[order]
        # The latest end among the group's earlier contracts: a running maximum that each
        # group starts afresh (the groups are sorted, so an offset per group keeps them apart).
        span = int(max(ends.max(), starts.max()) - min(ends.min(), starts.min())) + 2
        base = min(int(ends.min()), int(starts.min()))
        rank = np.unique(group, return_inverse=True)[1].astype(np.int64)
        shifted = (ends - base) + rank * span
        running = np.maximum.accumulate(shifted)
        earlier = np.empty_like(running)
        earlier[0] = -1
        earlier[1:] = running[:-1]
        same = np.zeros(len(group), dtype=bool)
        same[1:] = group[1:] == group[:-1]
        overlapping = same & ((starts - base) + rank * span <= earlier)
        if not overlapping.any():
            return None
        rows = np.concatenate(self.rows)[order]
        names = np.concatenate(self.names)[order]
        flagged = np.flatnonzero(overlapping)
        first = flagged[np.argmin(rows[flagged])]
        # The earlier contract it overlaps: the group's contract before it with the latest end.
        previous = first - 1 - int(np.argmax(shifted[first - 1 :: -1] == earlier[first]))
        day = np.datetime64(0, "D")
        return Overlap(
            contracts=int(overlapping.sum()),
            accounts=len(np.unique(accounts[order][overlapping])),
            row=int(rows[first]),
            account=str(names[first]),
            start=str(day + int(starts[first])),
            earlier_start=str(day + int(starts[previous])),
        )
