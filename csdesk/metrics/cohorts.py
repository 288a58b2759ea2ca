"""Cohort retention: accounts grouped by first paying month, followed month by month.

For each cohort and age k (months since the first paying month, 0 = that month):
``logo_share`` = accounts paying at age k / accounts in the cohort, and ``revenue_share`` =
Σ MRR at age k / Σ MRR at age 0. Revenue share includes expansion, so it can exceed 1 (it is
the cohort's net revenue retention); an account that left and came back counts again when it
pays again. Ages run only as far as the data (or ``through``) reaches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from csdesk.domain.month import Month
from csdesk.metrics.mrr_source import RevenueData, load
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["cohort", "age", "accounts", "active", "logo_share", "mrr", "revenue_share"]


def table(
    source: Workspace | RevenueData, *, through: Month | None = None, max_age: int | None = None
) -> pd.DataFrame:
    """Long table: one row per (cohort, age) with the columns of :data:`COLUMNS`."""
    import pandas as pd

    data = source if isinstance(source, RevenueData) else load(source, through=through)
    months = data.months(through)
    width = len(months)
    paid = data.cents[:, :width] > 0
    payers = paid.any(axis=1)
    if width == 0 or not payers.any() or data.first is None:
        return pd.DataFrame(columns=COLUMNS)
    cents = data.cents[payers, :width]
    start = paid[payers].argmax(axis=1)
    ages = np.arange(width)
    columns = start[:, None] + ages[None, :]
    inside = columns < width
    aligned = np.where(
        inside, cents[np.arange(len(cents))[:, None], np.minimum(columns, width - 1)], 0
    )
    cohorts, index = np.unique(start, return_inverse=True)
    mrr = np.zeros((len(cohorts), width), dtype=np.int64)
    active = np.zeros((len(cohorts), width), dtype=np.int64)
    np.add.at(mrr, index, aligned)
    np.add.at(active, index, (aligned > 0).astype(np.int64))
    sizes = np.bincount(index)
    rows = []
    for c, cohort in enumerate(cohorts.tolist()):
        limit = width - cohort if max_age is None else min(width - cohort, max_age + 1)
        size, base = int(sizes[c]), int(mrr[c, 0])
        label = str(data.first + cohort)
        for age in range(limit):
            count, cents_k = int(active[c, age]), int(mrr[c, age])
            rows.append((label, age, size, count, count / size, cents_k / 100, cents_k / base))
    return pd.DataFrame(rows, columns=COLUMNS)


def pivot(frame: pd.DataFrame, value: str = "logo_share") -> pd.DataFrame:
    """The classic triangle: cohorts down, ages across, ``value`` in the cells."""
    return frame.pivot(index="cohort", columns="age", values=value)
