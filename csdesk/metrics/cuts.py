"""Every portfolio figure cut by segment, tier, CSM or region.

Each group gets the keys of ``csdesk metrics --json`` except ``movements`` (ask
:func:`csdesk.metrics.portfolio.compute` with a scope for one group's movements), plus
``accounts`` (accounts in the group). Revenue figures come from one MRR matrix split by group;
CX and support from one grouped SQL query each, so a cut costs about one portfolio computation,
not one per group. Accounts with no value for the dimension are left out.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from csdesk.domain.enums import HealthBand
from csdesk.domain.month import Month
from csdesk.metrics import cx, health, mrr_source, renewals, support
from csdesk.metrics.grouped_revenue import revenue_by_group
from csdesk.metrics.health_components import load_sql_inputs
from csdesk.metrics.periods import Window
from csdesk.metrics.scope import DIMENSIONS, group_names
from csdesk.metrics.side_by_side import beside
from csdesk.store.settings import CURRENCY, GROSS_MARGIN
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd


def by(
    ws: Workspace, dimension: str, *, as_of: Month | None = None, window: int = 12
) -> dict[str, dict[str, Any]]:
    """Figures per value of ``dimension`` (one of segment, tier, region, csm), by name."""
    import pandas as pd

    # The month first (one SQL query), so that the support, CX and health inputs can be read
    # on side connections while this thread loads the revenue matrix (side_by_side).
    month = as_of or mrr_source.last_paying_month(ws) or Month.of(date.today())
    span = Window(month, window)
    model = health.HealthModel.load(ws)
    support_side = beside(ws, lambda side: support.by_group(side, span, dimension))
    cx_side = beside(
        ws,
        lambda side: (
            cx.by_group(side, span, dimension),
            load_sql_inputs(side, month, model),
        ),
    )
    names = pd.Series(group_names(ws, dimension), dtype="object")
    every = mrr_source.load(ws, through=as_of)
    margin = float(GROSS_MARGIN.get(ws))
    cx_groups, health_inputs = cx_side.result()
    scores = health.score_inputs(ws, health_inputs, model, every)
    due = renewals.upcoming(ws, 90, as_of=month, revenue=every, bands=scores["band"])
    due["group"] = due["account_id"].map(names)
    scores = scores.assign(group=names.reindex(scores.index).to_numpy())
    types = cx.surveyed_types(ws)
    support_groups = support_side.result()
    tickets_known = support.has_tickets(ws)
    empty_cx = cx.summarise(pd.DataFrame(columns=["type", "score", "responses"]), types)
    empty_support = support.summarise(pd.DataFrame(), has_tickets=tickets_known)
    members = names.groupby(names).indices
    name_ids = names.index.to_numpy(dtype=np.int64)
    due_rows = due.groupby("group").indices
    due_value = due["value"].to_numpy(dtype="float64")
    due_expected = due["expected"].to_numpy(dtype="float64")
    nothing = np.zeros(0, dtype=np.int64)
    groups = sorted(members, key=str)
    code_of = pd.Series(np.arange(len(groups), dtype=np.int64), index=groups)
    row_codes = names.map(code_of).reindex(every.account_ids).fillna(-1).to_numpy(np.int64)
    revenue_rows = revenue_by_group(every, row_codes, len(groups), month, margin)
    band_counts = _band_counts(scores, code_of, len(groups))
    month_text, currency = str(month), CURRENCY.get(ws)
    out: dict[str, dict[str, Any]] = {}
    for code, group in enumerate(groups):
        ids = name_ids[members[group]]
        figures: dict[str, Any] = {"as_of": month_text, "currency": currency, "accounts": len(ids)}
        figures.update(revenue_rows[code])
        figures.update(cx_groups.get(group, empty_cx).as_json())
        figures["support"] = support_groups.get(group, empty_support).as_json()
        rows = due_rows.get(group, nothing)
        part = renewals.summarise_values(due_value[rows], due_expected[rows])
        figures["renewals"] = {
            "due_90d": part.due,
            "value_due_90d": part.value_due,
            "forecast_90d": part.forecast,
        }
        figures["health"] = {
            band.value: int(band_counts[code, i]) for i, band in enumerate(HealthBand)
        }
        out[str(group)] = figures
    return out


def _band_counts(scores: pd.DataFrame, code_of: pd.Series, n_groups: int) -> np.ndarray:
    """Accounts per (group code, health band in :class:`HealthBand` order): one count over
    the scored accounts (``scores`` has their ``group`` by name), not one per group."""
    codes = scores["group"].map(code_of).fillna(-1).to_numpy(np.int64)
    bands = scores["band"].to_numpy(dtype=object)
    out = np.zeros((n_groups, len(HealthBand)), dtype=np.int64)
    for i, band in enumerate(HealthBand):
        chosen = (bands == band) & (codes >= 0)
        out[:, i] = np.bincount(codes[chosen], minlength=n_groups)
    return out


def all_cuts(
    ws: Workspace, *, as_of: Month | None = None, window: int = 12
) -> dict[str, dict[str, dict[str, Any]]]:
    """Every dimension's cut: ``{"segment": {...}, "tier": {...}, "csm": {...}, ...}``."""
    return {name: by(ws, name, as_of=as_of, window=window) for name in DIMENSIONS}
