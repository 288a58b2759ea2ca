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

import json

import numpy as np
import pandas as pd

from csdesk.domain.month import Month
from csdesk.store import Workspace
from csdesk.store.bulk import RowsWritten, indexes_rebuilt_after, insert_columns

_REVENUE_COLUMNS = ("account_id", "month", "mrr", "batch_id")


def month_texts(ordinals: np.ndarray) -> np.ndarray:
    """Month ordinals (year*12 + month-1) -> ``YYYY-MM`` text, formatting each distinct once."""
    codes, uniques = pd.factorize(ordinals)
    texts = np.array([str(Month.from_ordinal(int(u))) for u in uniques], dtype=object)
    return texts[codes]


def upsert_revenue(
    ws: Workspace,
    batch_id: int,
    accounts: np.ndarray,
    months: np.ndarray,
    mrr: np.ndarray,
    *,
    progress: RowsWritten | None = None,
) -> tuple[int, int]:
    """Write (account, month, mrr); return (rows new, rows replaced). Inside a transaction.

    ``progress`` hears the count of rows written so far while they are written (see
    :mod:`csdesk.store.bulk`)."""
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
        # Only the lines of accounts that hold rows can replace one (a later block of a CSV
        # shares one account, if any, with the blocks before it).
        known = np.isin(accounts, old["account_id"].unique())
        new = pd.DataFrame({"account_id": accounts[known], "month": months[known]})
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
    columns = [
        accounts[order].tolist(),
        months[order].tolist(),
        np.round(mrr.astype(float), 2)[order].tolist(),
        [batch_id] * len(accounts),
    ]
    with indexes_rebuilt_after(ws.conn, "revenue_months", len(accounts)):
        insert_columns(
            ws.conn, "revenue_months", _REVENUE_COLUMNS, columns, suffix=upsert, progress=progress
        )
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


def contracts_as_of(ws: Workspace, undone_batch: int) -> Month:
    """The as-of month of the newest standing contracts import other than the one being
    undone (the current month if none)."""
    text = ws.scalar(
        "SELECT as_of FROM import_batches WHERE entity = 'contracts' AND state = 'done' "
        "AND as_of IS NOT NULL AND id != ? ORDER BY id DESC LIMIT 1",
        (undone_batch,),
    )
    if text is None:
        from datetime import date

        return Month.of(date.today())
    return Month.parse(str(text))


def recompute_after_undo(ws: Workspace, account_ids: list[int], undone_batch: int) -> None:
    """Contract revenue of these accounts made again from the contracts that remain.

    Run by undo once the undone batch's contracts are gone: a newer contracts import had
    recomputed these accounts' months from every contract, the undone ones included. Months
    written by a standing contracts import take the remaining contracts' sum; a month no
    remaining contract covers goes back to what the revenue sheets said before contracts
    replaced it (or goes, if nothing was there).
    """
    if not account_ids:
        return
    accounts = json.dumps(sorted(set(account_ids)))
    rows = ws.conn.execute(
        "SELECT account_id, start_date, end_date, mrr FROM contracts "
        "WHERE account_id IN (SELECT value FROM json_each(?))",
        (accounts,),
    ).fetchall()
    contracts = pd.DataFrame(rows, columns=["account_id", "start", "end", "mrr"])
    derived = contract_months(
        contracts["account_id"].to_numpy(dtype=np.int64),
        contracts["start"],
        contracts["end"],
        contracts["mrr"].to_numpy(dtype=float),
        contracts_as_of(ws, undone_batch),
    )
    wanted = {
        (int(a), str(m)): round(float(v), 2)
        for a, m, v in derived.itertuples(index=False)
        if float(v) > 0
    }
    # Rows a standing contracts import wrote, and the batch that wrote each.
    by_contracts = {
        (int(a), str(m)): int(b)
        for a, m, b in ws.conn.execute(
            "SELECT r.account_id, r.month, r.batch_id FROM revenue_months r "
            "JOIN import_batches b ON b.id = r.batch_id "
            "WHERE b.entity = 'contracts' AND b.id != ? "
            "AND r.account_id IN (SELECT value FROM json_each(?))",
            (undone_batch, accounts),
        )
    }
    present = {
        (int(a), str(m))
        for a, m in ws.conn.execute(
            "SELECT account_id, month FROM revenue_months "
            "WHERE account_id IN (SELECT value FROM json_each(?))",
            (accounts,),
        )
    }
    newest = dict(
        ws.conn.execute(
            "SELECT account_id, max(batch_id) FROM contracts "
            "WHERE account_id IN (SELECT value FROM json_each(?)) GROUP BY account_id",
            (accounts,),
        ).fetchall()
    )
    for key, mrr in wanted.items():
        if key in by_contracts:
            ws.conn.execute(
                "UPDATE revenue_months SET mrr = ? WHERE account_id = ? AND month = ?",
                (mrr, *key),
            )
        elif key not in present:
            ws.conn.execute(
                "INSERT INTO revenue_months (account_id, month, mrr, batch_id) VALUES (?, ?, ?, ?)",
                (*key, mrr, newest.get(key[0])),
            )
    for key in by_contracts.keys() - wanted.keys():
        ws.conn.execute("DELETE FROM revenue_months WHERE account_id = ? AND month = ?", key)
        earlier = _value_before_contracts(ws, key)
        if earlier is not None:
            ws.conn.execute(
                "INSERT INTO revenue_months (account_id, month, mrr, batch_id) VALUES (?, ?, ?, ?)",
                (*key, *earlier),
            )


def _value_before_contracts(ws: Workspace, key: tuple[int, str]) -> tuple[float, int | None] | None:
    """The newest value a contracts import replaced in this account-month that came from a
    standing revenue sheet (or was typed in), if any."""
    found = ws.conn.execute(
        "SELECT o.old_values FROM import_overwrites o JOIN import_batches b ON b.id = o.batch_id "
        "WHERE o.table_name = 'revenue_months' AND o.row_key = ? AND b.state = 'done' "
        "ORDER BY o.rowid DESC",
        (json.dumps([key[0], key[1]]),),
    ).fetchall()
    for (text,) in found:
        old = json.loads(text)
        source = old.get("batch_id")
        if source is None:
            return float(old["mrr"]), None
        standing = ws.scalar(
            "SELECT entity FROM import_batches WHERE id = ? AND state = 'done'", (source,)
        )
        if standing is not None and standing != "contracts":
            return float(old["mrr"]), int(source)
    return None
