"""The ``csdesk metrics --json`` object: every headline figure for a portfolio, account or segment.

Keys and meanings are DESIGN.md's and docs/metrics.md's; they are a stable interface used by
the app, the reports and the audit. Money is in the workspace currency rounded to cents, ratios
are fractions, NPS is −100..100; a figure that cannot be known is None (JSON null), never 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from csdesk.domain.month import Month
from csdesk.errors import N_
from csdesk.metrics import cx, health, mrr_source, renewals, revenue, support
from csdesk.metrics.health_components import load_sql_inputs
from csdesk.metrics.mrr_source import RevenueData
from csdesk.metrics.periods import Window
from csdesk.metrics.scope import PORTFOLIO, Scope, for_account, for_value
from csdesk.metrics.side_by_side import beside
from csdesk.store.settings import CURRENCY, GROSS_MARGIN
from csdesk.store.workspace import Workspace

KEYS = (
    "as_of",
    "currency",
    "mrr",
    "arr",
    "active_accounts",
    "arpa",
    "nrr_12m",
    "grr_12m",
    "logo_churn_12m",
    "gross_mrr_churn",
    "net_mrr_churn",
    "ltv",
    "movements",
    "nps",
    "csat",
    "ces",
    "support",
    "renewals",
    "health",
)


def resolve_scope(ws: Workspace, account: str | None, segment: str | None) -> Scope:
    """The scope ``--account`` / ``--segment`` name; CsdeskError for an unknown one."""
    if account is not None and segment is not None:
        from csdesk.errors import CsdeskError

        raise CsdeskError(N_("give --account or --segment, not both."))
    if account is not None:
        return for_account(ws, account)
    if segment is not None:
        return for_value(ws, "segment", segment)
    return PORTFOLIO


def movement_rows(data: RevenueData, through: Month) -> list[dict[str, Any]]:
    """One object per month from the scope's first paying month through ``through``."""
    months = data.months(through)
    paying = np.flatnonzero((data.cents[:, : len(months)] > 0).any(axis=0))
    if len(paying) == 0:
        return []
    moves = revenue.classify(data)
    totals = {kind: moves.of(kind).sum(axis=0) for kind in revenue.KINDS}
    mrr = data.cents.sum(axis=0)
    return [
        {
            "month": str(months[j]),
            **{kind: int(totals[kind][j]) / 100 for kind in revenue.KINDS},
            "mrr": int(mrr[j]) / 100,
        }
        for j in range(int(paying[0]), len(months))
    ]


def revenue_figures(data: RevenueData, month: Month, gross_margin: float) -> dict[str, Any]:
    """The revenue keys; all None when the scope has no revenue data at all."""
    if not (data.cents > 0).any():
        return {
            key: None
            for key in (
                "mrr", "arr", "active_accounts", "arpa", "nrr_12m", "grr_12m",
                "logo_churn_12m", "gross_mrr_churn", "net_mrr_churn", "ltv",
            )
        }  # fmt: skip
    start = month - 12
    return {
        "mrr": revenue.mrr(data, month),
        "arr": revenue.arr(data, month),
        "active_accounts": revenue.active_accounts(data, month),
        "arpa": revenue.arpa(data, month),
        "nrr_12m": revenue.nrr(data, start, month),
        "grr_12m": revenue.grr(data, start, month),
        "logo_churn_12m": revenue.logo_churn(data, start, month),
        "gross_mrr_churn": revenue.gross_mrr_churn(data, month),
        "net_mrr_churn": revenue.net_mrr_churn(data, month),
        "ltv": revenue.ltv(data, month, gross_margin),
    }


def compute(
    ws: Workspace,
    *,
    as_of: Month | None = None,
    window: int = 12,
    account: str | None = None,
    segment: str | None = None,
    ticket_csat: bool = False,
) -> dict[str, Any]:
    """Every key of ``csdesk metrics --json`` for the portfolio, one account or one segment.

    ``as_of`` defaults to the last month of the workspace's data of any kind
    (:func:`csdesk.metrics.mrr_source.data_as_of`);
    ``window`` is how many months ending with ``as_of`` the CX and support figures cover.
    ``ticket_csat``: also the tickets' own CSAT (the app shows it beside the surveys'; the
    JSON's documented keys stay as they are).
    """
    if window < 1:
        from csdesk.errors import CsdeskError

        raise CsdeskError(N_("--window must be 1 month or more, not {window}."), window=window)
    scope = resolve_scope(ws, account, segment)
    default = mrr_source.data_as_of(ws)
    horizon = mrr_source.data_horizon(ws) if as_of is not None else None
    if horizon is not None:
        horizon = max(horizon, default)
    if as_of is not None and horizon is not None and as_of > horizon:
        from csdesk.errors import CsdeskError

        raise CsdeskError(
            N_(
                "--as-of {as_of} is after the last month of revenue data in {file} "
                "({horizon}); choose {horizon} or earlier, or import the newer months "
                "first."
            ),
            as_of=as_of,
            file=ws.path.name,
            horizon=horizon,
        )
    month = as_of or default
    span = Window(month, window)
    model = health.HealthModel.load(ws)
    # Support and CX (one connection) and the health inputs (another) are read while this
    # thread loads the revenue matrix: see csdesk.metrics.side_by_side.
    experience = beside(
        ws, lambda side: (cx.summary(side, span, scope), support.summary(side, span, scope))
    )
    health_inputs = beside(ws, lambda side: load_sql_inputs(side, month, model))
    every = mrr_source.load(ws, through=month)
    ids = scope.account_ids(ws)
    data = every if ids is None else every.subset(ids)
    scores = health.score_inputs(ws, health_inputs.result(), model, every)
    if ids is not None:
        scores = scores[scores.index.isin(ids)]
    due = renewals.upcoming(ws, 90, as_of=month, scope=scope, revenue=every, bands=scores["band"])
    due_summary = renewals.summarise_upcoming(due)
    cx_summary, support_summary = experience.result()

    result: dict[str, Any] = {"as_of": str(month), "currency": CURRENCY.get(ws)}
    result.update(revenue_figures(data, month, float(GROSS_MARGIN.get(ws))))
    result["movements"] = movement_rows(data, month)
    result.update(cx_summary.as_json())
    result["support"] = support_summary.as_json()
    result["renewals"] = {
        "due_90d": due_summary.due,
        "value_due_90d": due_summary.value_due,
        "forecast_90d": due_summary.forecast,
    }
    result["health"] = health.band_counts(scores)
    figures = {key: result[key] for key in KEYS}
    if ticket_csat:
        figures["ticket_csat"] = support_summary.csat
    return figures
