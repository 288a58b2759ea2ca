"""Health score 0–100 per account: weighted mean of the component scores, with bands.

A component without data is left out and the remaining weights renormalised; the result says
which components were missing. Scores are rounded to one decimal and the band is read from the
rounded score, so a score shown as 70.0 is always healthy. An account with no component data
at all has no score (None) and no band.

Who is scored as of a month (:func:`score_all`): accounts paying in that month, plus accounts
with no revenue data at all whose status is active (a workspace without revenue still gets
health scores).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from csdesk.domain.enums import HealthBand
from csdesk.domain.month import Month
from csdesk.errors import N_, CsdeskError
from csdesk.metrics import mrr_source
from csdesk.metrics.health_account import month_inputs
from csdesk.metrics.health_components import (
    Inputs,
    component_frame,
    load_sql_inputs,
    with_revenue,
)
from csdesk.metrics.health_model import COMPONENTS, HEALTH_MODEL, HealthModel
from csdesk.metrics.mrr_source import RevenueData
from csdesk.metrics.side_by_side import beside
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COMPONENTS",
    "HEALTH_MODEL",
    "ComponentExplanation",
    "HealthExplanation",
    "HealthModel",
    "band_changes",
    "band_counts",
    "default_as_of",
    "explain",
    "history",
    "score_all",
    "scored_accounts",
]


def default_as_of(revenue: RevenueData) -> Month:
    """The last month with revenue, or the current month when there is none."""
    return revenue.last_month_with_revenue() or Month.of(date.today())


def scored_accounts(ws: Workspace, revenue: RevenueData, month: Month) -> list[int]:
    """Accounts paying in ``month`` plus active accounts that have no revenue data at all
    (no revenue row and no contract)."""
    paying = revenue.account_ids[revenue.at(month) > 0].tolist()
    without = [
        int(r[0])
        for r in ws.query(
            "SELECT a.id FROM accounts AS a WHERE a.status = 'active' "
            "AND NOT EXISTS (SELECT 1 FROM revenue_months AS r WHERE r.account_id = a.id) "
            "AND NOT EXISTS (SELECT 1 FROM contracts AS c WHERE c.account_id = a.id)"
        )
    ]
    return sorted(int(a) for a in paying) + without


def _combine(components: pd.DataFrame, model: HealthModel) -> pd.DataFrame:
    """Weighted mean over present components; score, band and missing per account."""
    import pandas as pd

    scores = components[list(COMPONENTS)].to_numpy(dtype="float64")
    weights = np.array([model.weight(c) for c in COMPONENTS], dtype="float64")
    present = ~np.isnan(scores) & (weights > 0)
    used = np.where(present, weights, 0.0)
    total = used.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        raw = np.where(present, scores, 0.0) @ weights / np.where(total > 0, total, np.nan)
    score = np.round(raw, 1)
    names = np.array(COMPONENTS)
    absent = ~present & (weights > 0)
    codes = absent.astype(np.int64) @ (1 << np.arange(len(COMPONENTS)))
    # At most 32 patterns: name each once instead of once per account.
    patterns = {
        int(c): tuple(str(n) for n in names[absent[i]])
        for c, i in zip(*np.unique(codes, return_index=True), strict=True)
    }
    missing = [patterns[int(c)] for c in codes]
    out = pd.DataFrame(index=components.index)
    out["score"] = score
    codes = np.select(
        [score >= model.healthy, score >= model.at_risk, score < model.at_risk], [0, 1, 2], 3
    )
    labels = np.array([HealthBand.HEALTHY, HealthBand.AT_RISK, HealthBand.CRITICAL, None])
    out["band"] = pd.Series(labels[codes], index=components.index, dtype="object")
    out["missing"] = missing
    for name in COMPONENTS:
        out[name] = components[name]
    return out


def _revenue(ws: Workspace, revenue: RevenueData | None, month: Month | None) -> RevenueData:
    return revenue if revenue is not None else mrr_source.load(ws, through=month)


def score_all(
    ws: Workspace,
    as_of: Month | None = None,
    *,
    model: HealthModel | None = None,
    revenue: RevenueData | None = None,
    account_ids: list[int] | None = None,
) -> pd.DataFrame:
    """Index ``account_id``; columns ``score`` (0–100 or NaN), ``band`` (HealthBand or None),
    ``missing`` (tuple of component names left out) and each component's score.

    ``frame.attrs["as_of"]`` holds the month scored (YYYY-MM).
    """
    month = as_of
    if month is None:
        month = (
            revenue.last_month_with_revenue()
            if revenue is not None
            else mrr_source.last_paying_month(ws)
        ) or Month.of(date.today())
    model = model or HealthModel.load(ws)
    small = account_ids is not None and len(account_ids) <= 500
    chosen = account_ids if small else None
    if revenue is None:
        pending = beside(ws, lambda side: load_sql_inputs(side, month, model, chosen))
        # Health looks back a few months only: read just those.
        since = month - int(model["financial"]["months"])
        revenue = mrr_source.load(ws, through=month, since=since)
        sql_inputs = pending.result()
    else:
        sql_inputs = load_sql_inputs(ws, month, model, chosen)
    return score_inputs(ws, sql_inputs, model, revenue, account_ids)


def score_inputs(
    ws: Workspace,
    sql_inputs: Inputs,
    model: HealthModel,
    revenue: RevenueData,
    account_ids: list[int] | None = None,
) -> pd.DataFrame:
    """:func:`score_all` from inputs already read with ``load_sql_inputs``."""
    inputs = with_revenue(sql_inputs, model, revenue)
    month = sql_inputs.month
    ids = scored_accounts(ws, revenue, month) if account_ids is None else account_ids
    scores = _combine(component_frame(inputs, model).reindex(ids), model)
    scores.attrs["as_of"] = str(month)
    return scores


def band_counts(scores: pd.DataFrame) -> dict[str, int]:
    """The ``health`` object of ``csdesk metrics --json``."""
    bands = scores["band"].value_counts()
    return {band.value: int(bands.get(band, 0)) for band in HealthBand}


def band_changes(
    ws: Workspace, new_model: HealthModel | dict[str, Any], as_of: Month | None = None
) -> int:
    """How many scored accounts would change band if ``new_model`` replaced the saved one."""
    if not isinstance(new_model, HealthModel):
        new_model = HealthModel.from_dict(new_model)
    revenue = mrr_source.load(ws, through=as_of)
    month = as_of or default_as_of(revenue)
    before = score_all(ws, month, revenue=revenue)
    after = score_all(ws, month, revenue=revenue, model=new_model)
    return int((before["band"] != after["band"]).sum())


@dataclass(frozen=True, slots=True)
class ComponentExplanation:
    name: str
    value: float | None  # the raw measure (ratio, days, load per seat, 0-100, MRR change)
    score: float | None  # 0-100, None when the component had no data
    weight: float  # configured weight
    share: float  # weight after renormalisation (0 when missing)
    contribution: float  # share x score: the points it adds to the total
    previous_score: float | None
    change: float | None


@dataclass(frozen=True)
class HealthExplanation:
    account_id: int
    as_of: Month
    score: float | None
    band: HealthBand | None
    previous_score: float | None
    change: float | None
    missing: tuple[str, ...]
    components: list[ComponentExplanation] = field(default_factory=list)
    # False when the portfolio does not score the account that month (it was not paying: not
    # yet a customer, or churned); score and band are then None, the components still shown.
    scored: bool = True


def _num(value: Any) -> float | None:
    return None if value is None or value != value else float(value)


def explain(ws: Workspace, account_id: int, as_of: Month | None = None) -> HealthExplanation:
    """Why an account scores what it scores, and what changed since the month before."""
    if ws.scalar("SELECT 1 FROM accounts WHERE id = ?", (account_id,)) is None:
        raise CsdeskError(
            N_("there is no account with id {account_id} in {path}."),
            account_id=account_id,
            path=ws.path,
        )
    month = as_of or mrr_source.last_paying_month(ws) or Month.of(date.today())
    revenue = mrr_source.load(ws, through=month, account_ids=[account_id])
    model = HealthModel.load(ws)
    # This month and the one before, read together (one query per table for the account).
    components = component_frame(
        month_inputs(ws, account_id, [month, month - 1], model, revenue), model
    )
    combined = _combine(components, model)
    rows = [(components.iloc[k], combined.iloc[k]) for k in (0, 1)]
    (now_c, now), (_, before) = rows
    total = sum(model.weight(c) for c in COMPONENTS if c not in now["missing"])
    parts = []
    for name in COMPONENTS:
        score = _num(now[name])
        share = model.weight(name) / total if score is not None and total else 0.0
        prev = _num(before[name])
        parts.append(
            ComponentExplanation(
                name=name,
                value=_num(now_c[f"{name}_value"]),
                score=score,
                weight=model.weight(name),
                share=share,
                contribution=round(share * (score or 0.0), 1),
                previous_score=prev,
                change=None if score is None or prev is None else round(score - prev, 1),
            )
        )
    score, prev_score = _num(now["score"]), _num(before["score"])
    scored_now, scored_before = _scored_months(ws, account_id, [month, month - 1], revenue)
    score = score if scored_now else None
    prev_score = prev_score if scored_before else None
    return HealthExplanation(
        account_id=account_id,
        as_of=month,
        score=score,
        band=now["band"] if scored_now else None,
        previous_score=prev_score,
        change=None if score is None or prev_score is None else round(score - prev_score, 1),
        missing=tuple(now["missing"]),
        components=parts,
        scored=bool(scored_now),
    )


def history(
    ws: Workspace, account_id: int, months: int = 12, as_of: Month | None = None
) -> pd.DataFrame:
    """Monthly score of one account: columns month (YYYY-MM), score, band, components."""

    end = as_of or mrr_source.last_paying_month(ws) or Month.of(date.today())
    revenue = mrr_source.load(ws, through=end, account_ids=[account_id])
    model = HealthModel.load(ws)
    chosen = [end - k for k in range(months - 1, -1, -1)]
    labels = [str(m) for m in chosen]
    # Every month at once: one query per table for the account, one weighted mean.
    inputs = month_inputs(ws, account_id, chosen, model, revenue)
    components = component_frame(inputs, model).reindex(range(len(chosen)))
    out = _combine(components, model).assign(month=labels)
    # The months the portfolio scores the account (see scored_accounts): while it pays, or
    # every month when it is active with no revenue data at all. Elsewhere (before its first
    # payment, after it churned) a score would be a made-up "critical" on its trend.
    unscored = ~_scored_months(ws, account_id, chosen, revenue)
    out.loc[unscored, "score"] = np.nan
    out.loc[unscored, "band"] = None
    return out[["month", "score", "band", "missing", *COMPONENTS]].reset_index(drop=True)


def _scored_months(
    ws: Workspace, account_id: int, months: list[Month], revenue: RevenueData
) -> npt.NDArray[np.bool_]:
    """Per month, whether :func:`scored_accounts` would include the account."""
    if not len(revenue.account_ids):
        status = ws.scalar("SELECT status FROM accounts WHERE id = ?", (account_id,))
        return np.full(len(months), status == "active")
    columns = [revenue.column(m) for m in months]
    return np.array([j is not None and revenue.cents[0, j] > 0 for j in columns], dtype=bool)
