"""Writing MRR per (account, month), and expanding contracts into it.

Every writer of revenue (a long or wide revenue sheet, an accounts sheet's current MRR,
contracts) goes through :func:`upsert_revenue`, which records the value it replaces in
``import_overwrites`` so undoing the batch puts it back.

Contracts become revenue by DESIGN.md's rule: ``MRR(a, m)`` = the sum of the MRR of a's
contracts active on the last day of month m (start <= that day <= end; no end = still
running, counted through the as-of month). A contracts import recomputes those months for
every account it touches, from all of the account's contracts (earlier imports included),
so that revenue metrics see contracts without a separate revenue sheet; the rows carry the
contracts batch's id and leave with it on undo.
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd

from csdesk.domain.month import Month
from csdesk.store import Workspace
from csdesk.store.bulk import indexes_rebuilt_after, insert_rows

_REVENUE_COLUMNS = ("account_id", "month", "mrr", "batch_id")


def month_texts(ordinals: np.ndarray) -> np.ndarray:
    """Month ordinals (year*12 + month-1) -> ``YYYY-MM`` text, formatting each distinct once."""
    codes, uniques = pd.factorize(ordinals)
    texts = np.array([str(Month.from_ordinal(int(u))) for u in uniques], dtype=object)
    return texts[codes]


def upsert_revenue(
    ws: Workspace, batch_id: int, accounts: np.ndarray, months: np.ndarray, mrr: np.ndarray
) -> tuple[int, int]:
    """Write (account, month, mrr); return (rows new, rows replaced). Inside a transaction."""
    if not len(accounts):
        return 0, 0
    unique_accounts = np.unique(accounts).tolist()
    existing = ws.conn.execute(
        "SELECT account_id, month, mrr, batch_id FROM revenue_months "
        "WHERE account_id IN (SELECT value FROM json_each(?))",
        (json.dumps(unique_accounts),),
    ).fetchall()
    replaced = 0
    if existing:
        old = pd.DataFrame(existing, columns=["account_id", "month", "mrr", "batch_id"])
        new = pd.DataFrame({"account_id": accounts, "month": months})
        hit = old.merge(new.drop_duplicates(), on=["account_id", "month"], how="inner")
        replaced = len(hit)
        ws.conn.executemany(
            "INSERT INTO import_overwrites (batch_id, table_name, row_key, old_values) "
            "VALUES (?, 'revenue_months', ?, ?)",
            (
                (
                    batch_id,
                    json.dumps([int(a), str(m)]),
                    json.dumps({"mrr": float(v), "batch_id": None if pd.isna(b) else int(b)}),
                )
                for a, m, v, b in hit.itertuples(index=False)
            ),
        )
    # Rows in key order fill the table's pages one after another; sheets usually come sorted.
    if len(accounts) > 1 and not bool(np.all(np.diff(accounts) >= 0)):
        order = np.argsort(accounts, kind="stable")
    else:
        order = np.arange(len(accounts))
    upsert = (
        (
            " ON CONFLICT (account_id, month) DO UPDATE SET mrr = excluded.mrr, "
            "batch_id = excluded.batch_id"
        )
        if existing
        else ""
    )
    rows = list(
        zip(
            accounts[order].tolist(),
            months[order].tolist(),
            np.round(mrr.astype(float), 2)[order].tolist(),
            itertools.repeat(batch_id),
            strict=False,
        )
    )
    with indexes_rebuilt_after(ws.conn, "revenue_months", len(rows)):
        insert_rows(ws.conn, "revenue_months", _REVENUE_COLUMNS, rows, suffix=upsert)
    return len(accounts) - replaced, replaced


def _ordinals(dates: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(month ordinal, is the last day of its month) of ISO date texts; NaT -> -1."""
    parsed = pd.to_datetime(dates, errors="coerce", format="%Y-%m-%d")
    ordinal = (parsed.dt.year * 12 + parsed.dt.month - 1).to_numpy(dtype=float)
    last = (parsed + pd.offsets.Day(1)).dt.day.to_numpy(dtype=float) == 1
    return np.nan_to_num(ordinal, nan=-1).astype(np.int64), last


def contract_months(
    accounts: np.ndarray, starts: pd.Series, ends: pd.Series, mrr: np.ndarray, as_of: Month
) -> pd.DataFrame:
    """Revenue per (account, month) from contracts, by the end-of-month rule."""
    start_ord, _ = _ordinals(starts)
    end_ord, end_is_last = _ordinals(ends)
    open_ended = end_ord < 0
    last_month = np.where(end_is_last, end_ord, end_ord - 1)
    last_month = np.where(open_ended, as_of.ordinal, np.minimum(last_month, as_of.ordinal))
    lengths = np.clip(last_month - start_ord + 1, 0, None)
    lengths[start_ord < 0] = 0
    total = int(lengths.sum())
    if not total:
        return pd.DataFrame({"account_id": [], "month": [], "mrr": []})
    offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    frame = pd.DataFrame(
        {
            "account_id": np.repeat(accounts, lengths),
            "ordinal": np.repeat(start_ord, lengths) + offsets,
            "mrr": np.repeat(mrr.astype(float), lengths),
        }
    )
    summed = frame.groupby(["account_id", "ordinal"], sort=True, as_index=False)["mrr"].sum()
    summed["month"] = month_texts(summed["ordinal"].to_numpy())
    return pd.DataFrame(
        {"account_id": summed["account_id"], "month": summed["month"], "mrr": summed["mrr"]}
    )


def expand_contracts(
    ws: Workspace, batch_id: int, account_ids: list[int], as_of: Month
) -> tuple[int, int]:
    """Recompute the contract revenue of these accounts from all their contracts."""
    if not account_ids:
        return 0, 0
    rows = ws.conn.execute(
        "SELECT account_id, start_date, end_date, mrr FROM contracts "
        "WHERE account_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(account_ids))),),
    ).fetchall()
    if not rows:
        return 0, 0
    contracts = pd.DataFrame(rows, columns=["account_id", "start", "end", "mrr"])
    revenue = contract_months(
        contracts["account_id"].to_numpy(dtype=np.int64),
        contracts["start"],
        contracts["end"],
        contracts["mrr"].to_numpy(dtype=float),
        as_of,
    )
    revenue = revenue[revenue["mrr"] > 0]
    return upsert_revenue(
        ws,
        batch_id,
        revenue["account_id"].to_numpy(dtype=np.int64),
        revenue["month"].to_numpy(dtype=object),
        revenue["mrr"].to_numpy(dtype=float),
    )
