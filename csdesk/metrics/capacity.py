"""CSM capacity, modelled bottom-up from the work each account needs in a quarter.

Hours needed by a CSM in the quarter of the as-of month = Σ over their active accounts of the
activity model (setting :data:`CAPACITY_MODEL`): a QBR (1 h preparation + 1 h presentation +
1 h follow-up by default), monthly check-ins (0.5 h × 3), plus onboarding hours for each account
whose first paying month falls in that quarter. Hours available = the person's weekly
``capacity_hours`` × weeks per quarter (13). Utilisation = needed / available; ``spare_accounts``
is how many more steady-state accounts would fit (negative: how many too many).

An account is overdue for a touch when its last CS touch (an event with role cs) is older than
its tier's cadence (days, per tier name, case-insensitive; ``default`` for any other tier), or
when it was never touched.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from csdesk.domain.month import Month
from csdesk.metrics import health, mrr_source
from csdesk.metrics.health_components import reference_day
from csdesk.store.settings import Setting
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

CAPACITY_MODEL: Setting[dict[str, Any]] = Setting(
    "capacity.model",
    {
        "qbr_hours": {"prepare": 1.0, "present": 1.0, "follow_up": 1.0},
        "checkin_hours": 0.5,
        "checkins_per_quarter": 3,
        "onboarding_hours": 10.0,
        "weeks_per_quarter": 13,
        "cadence_days": {"default": 30},
    },
    "CSM activity model: hours per account per quarter, and touch cadence per tier",
)


def _model(ws: Workspace) -> dict[str, Any]:
    merged = dict(CAPACITY_MODEL.default)
    merged.update(CAPACITY_MODEL.get(ws))
    return merged


def steady_hours(model: dict[str, Any]) -> float:
    """Hours one ongoing account needs per quarter (QBR + check-ins)."""
    qbr = sum(float(v) for v in model["qbr_hours"].values())
    return qbr + float(model["checkin_hours"]) * float(model["checkins_per_quarter"])


def _active_accounts(ws: Workspace, as_of: Month | None) -> tuple[pd.DataFrame, Month, Any]:
    import pandas as pd

    revenue = mrr_source.load(ws, through=as_of)
    month = as_of or health.default_as_of(revenue)
    ids = health.scored_accounts(ws, revenue, month)
    rows = ws.query("SELECT id, name, tier, csm_id FROM accounts")
    frame = pd.DataFrame(rows, columns=["account_id", "account", "tier", "csm_id"])
    frame = frame.set_index("account_id").reindex(ids)
    return frame, month, revenue


def compute(ws: Workspace, as_of: Month | None = None) -> pd.DataFrame:
    """One row per CSM (and one with csm_id None for unassigned accounts): csm_id, csm,
    accounts, onboarding, hours_needed, hours_available, utilisation, spare_accounts,
    overdue."""
    import pandas as pd

    model = _model(ws)
    accounts, month, revenue = _active_accounts(ws, as_of)
    quarter_start = Month(month.year, 3 * (month.quarter - 1) + 1)
    paid = revenue.cents > 0
    if paid.shape[1]:
        first_paid = np.where(paid.any(axis=1), paid.argmax(axis=1), -1)
    else:  # no revenue months at all: nobody has a first paying month
        first_paid = np.full(paid.shape[0], -1)
    first_month = pd.Series(first_paid, index=revenue.account_ids)
    if revenue.first is not None:
        lo = revenue.first.months_until(quarter_start)
        new = first_month.reindex(accounts.index).between(lo, lo + 2).to_numpy(dtype=bool)
    else:
        new = np.zeros(len(accounts), dtype=bool)
    late = accounts.index.isin(overdue(ws, month)["account_id"])
    csm_ids = accounts["csm_id"].to_numpy(dtype="float64", na_value=np.nan)
    people = ws.query("SELECT id, name, capacity_hours FROM people WHERE role = 'cs' ORDER BY name")
    known = np.array([p[0] for p in people], dtype="float64")
    per_account = steady_hours(model)
    onboarding = float(model["onboarding_hours"])
    weeks = float(model["weeks_per_quarter"])
    rows = []
    for person_id, name, capacity in [*people, (None, None, None)]:
        mask = ~np.isin(csm_ids, known) if person_id is None else csm_ids == person_id
        if person_id is None and not mask.any():
            continue
        count, starting = int(mask.sum()), int((mask & new).sum())
        needed = count * per_account + starting * onboarding
        available = None if capacity is None else float(capacity) * weeks
        spare = None
        if available is not None and per_account > 0:
            spare = math.floor((available - needed) / per_account)
        rows.append(
            {
                "csm_id": person_id,
                "csm": name,
                "accounts": count,
                "onboarding": starting,
                "hours_needed": needed,
                "hours_available": available,
                "utilisation": None if not available else needed / available,
                "spare_accounts": spare,
                "overdue": int((mask & late).sum()),
            }
        )
    return pd.DataFrame(rows)


def overdue(ws: Workspace, as_of: Month | None = None) -> pd.DataFrame:
    """Active accounts whose last CS touch is older than their tier's cadence (or never):
    account_id, account, tier, csm_id, last_touch (ISO date or None), days_since, cadence_days."""
    import pandas as pd

    model = _model(ws)
    accounts, month, _ = _active_accounts(ws, as_of)
    ref = reference_day(month)
    stop = (ref + timedelta(days=1)).isoformat()
    touches = dict(
        ws.query(
            "SELECT a.id, (SELECT e.at FROM events AS e WHERE e.account_id = a.id "
            "AND e.at < ? AND e.role = 'cs' ORDER BY e.at DESC LIMIT 1) FROM accounts AS a",
            (stop,),
        )
    )
    cadences = {str(k).lower(): int(v) for k, v in model["cadence_days"].items()}
    default = cadences.get("default", 30)
    frame = accounts.reset_index()
    frame["last_touch"] = [
        None if touches.get(a) is None else str(touches[a])[:10] for a in frame["account_id"]
    ]
    touched = pd.to_datetime(frame["last_touch"], errors="coerce")
    frame["days_since"] = (pd.Timestamp(ref) - touched).dt.days
    frame["cadence_days"] = [
        cadences.get(str(t).lower(), default) if t is not None else default for t in frame["tier"]
    ]
    late = frame["days_since"].isna() | (frame["days_since"] > frame["cadence_days"])
    out = frame.loc[
        late,
        ["account_id", "account", "tier", "csm_id", "last_touch", "days_since", "cadence_days"],
    ]
    return out.sort_values("days_since", ascending=False, na_position="first").reset_index(
        drop=True
    )
