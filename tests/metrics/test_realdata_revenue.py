"""RavenStack's 5,000 subscriptions as contracts: month-end MRR against plain pandas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from csdesk.metrics import cohorts, revenue
from csdesk.store import Workspace


def _expected_month_end_mrr(subs: pd.DataFrame) -> pd.DataFrame:
    """Σ mrr_amount of the subscriptions running on each month's last day, per account."""
    start = pd.to_datetime(subs["start_date"])
    end = pd.to_datetime(subs["end_date"])
    first = start.min().to_period("M").to_timestamp()
    last = max(start.max(), end.max())
    month_ends = pd.date_range(first, last, freq="ME")
    if month_ends[-1] < last:
        month_ends = month_ends.append(pd.DatetimeIndex([last + pd.offsets.MonthEnd(0)]))
    rows = subs.assign(start=start, end=end).merge(
        pd.DataFrame({"month_end": month_ends}), how="cross"
    )
    running = (rows["start"] <= rows["month_end"]) & (
        rows["end"].isna() | (rows["end"] >= rows["month_end"])
    )
    rows = rows[running].assign(month=rows["month_end"].dt.strftime("%Y-%m"))
    table = rows.pivot_table(
        index="account_id", columns="month", values="mrr_amount", aggfunc="sum", fill_value=0
    )
    return table.reindex(columns=[d.strftime("%Y-%m") for d in month_ends], fill_value=0)


def test_ravenstack_month_end_mrr(realdata: Path, ws: Workspace) -> None:
    subs = pd.read_csv(realdata / "ravenstack" / "subscriptions.csv")
    accounts = sorted(subs["account_id"].unique())
    ws.insert_many(
        "accounts",
        ["external_id", "name", "name_key"],
        [(a, f"RavenStack {a}", a.lower()) for a in accounts],
    )
    ids = dict(ws.query("SELECT external_id, id FROM accounts"))
    ws.insert_many(
        "contracts",
        ["account_id", "external_id", "start_date", "end_date", "mrr"],
        [
            (
                ids[r.account_id],
                r.subscription_id,
                r.start_date,
                None if pd.isna(r.end_date) else r.end_date,
                float(r.mrr_amount),
            )
            for r in subs.itertuples(index=False)
        ],
    )
    engine = revenue.mrr_matrix(ws)
    engine.index = engine.index.map({v: k for k, v in ids.items()})
    expected = _expected_month_end_mrr(subs)
    assert list(engine.columns) == list(expected.columns)
    engine = engine.reindex(expected.index.union(engine.index), fill_value=0)
    expected = expected.reindex(engine.index, fill_value=0)
    assert (engine.round(2) == expected.astype(float)).all().all()
    # The movements still reconcile on real data, and cohorts start at 1.
    frame = revenue.movements(ws)
    kinds = frame[list(revenue.KINDS)].sum(axis=1).cumsum().round(2)
    assert kinds.tolist() == frame["mrr"].round(2).tolist()
    table = cohorts.table(ws)
    assert (table.loc[table["age"] == 0, "logo_share"] == 1).all()
