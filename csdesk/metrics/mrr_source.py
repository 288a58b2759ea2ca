"""MRR(a, m) for every account and month, as one matrix of integer cents.

Where the MRR comes from (DESIGN.md, "revenue_months ... or contracts expanded to months"):

* An account with at least one ``revenue_months`` row takes its MRR from those rows only; its
  contracts are not added on top (a revenue sheet is what was billed, contracts are what was
  promised, and adding both would count the same money twice).
* An account with no ``revenue_months`` row takes MRR(a, m) = Σ MRR of its contracts active on
  the last day of m: start ≤ last day ≤ end, end inclusive, no end = still running.
* A month without a row is 0. Negative amounts (credit notes) count as 0.

Columns run from the first month any source mentions to the last one (a revenue month, a
contract's start or end month), or to ``through`` when that is later; a contract with no end
runs to the last column. Money is held in integer cents so that movements reconcile exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from csdesk.domain.month import Month
from csdesk.errors import N_, CsdeskError, Message
from csdesk.store.workspace import Workspace

IntArray = npt.NDArray[np.int64]

# Month ordinal (year * 12 + month - 1) of numpy's datetime64[M] epoch, 1970-01.
_EPOCH_ORDINAL = 1970 * 12

# One aggregate row of three comma-joined columns: SQLite scans the table once and numpy
# parses the text in C, which is several times faster than fetching one tuple per row.
# Month text is joined with "-" so that "2025-01-2025-02" parses as year, month, year, ...
_REVENUE_SQL = """
SELECT count(*), group_concat(account_id), group_concat(month, '-'),
       group_concat(CAST(mrr * 100 + 0.5 AS INTEGER))
FROM revenue_months {where}
"""


def _parse_ints(text: str | None, sep: str, expected: int) -> IntArray:
    if not expected:
        return np.zeros(0, dtype=np.int64)
    values = np.fromstring(text or "", dtype=np.int64, sep=sep)
    if len(values) != expected:  # a value SQLite wrote in an unexpected form
        values = np.array(str(text).split(sep), dtype=np.int64)
    return values


def _in_list(column: str, account_ids: list[int] | None) -> tuple[str, list[int]]:
    if account_ids is None:
        return "", []
    return f"{column} IN ({', '.join('?' * len(account_ids)) or 'NULL'})", list(account_ids)


def _revenue_rows(
    ws: Workspace, account_ids: list[int] | None, since: Month | None
) -> tuple[IntArray, IntArray, IntArray]:
    """(account_id, month ordinal, cents), one entry per revenue_months row (from ``since``
    on), as three arrays: stacking them into one would copy 100,000 accounts' rows again."""
    condition, ids = _in_list("account_id", account_ids)
    conditions = [condition] if condition else []
    params: list[Any] = list(ids)
    if since is not None:
        conditions.append("month >= ?")
        params.append(str(since))
    sql = _REVENUE_SQL.format(where=f"WHERE {' AND '.join(conditions)}" if conditions else "")
    count, ids, months, cents = ws.query(sql, params)[0]
    year_month = _parse_ints(months, "-", 2 * count).reshape(-1, 2)
    return (
        _parse_ints(ids, ",", count),
        year_month[:, 0] * 12 + year_month[:, 1] - 1,
        # Stored amounts are whole cents, so x * 100 + 0.5 truncates to the right integer;
        # negatives (credit notes) count as 0.
        np.maximum(_parse_ints(cents, ",", count), 0),
    )


def _unique(ids: IntArray) -> tuple[IntArray, IntArray]:
    """``np.unique(ids, return_inverse=True)``, without its sort when the ids come already in
    order (revenue rows are read in primary-key order, account by account)."""
    if len(ids) and bool((ids[1:] >= ids[:-1]).all()):
        starts = np.empty(len(ids), dtype=bool)
        starts[0] = True
        np.not_equal(ids[1:], ids[:-1], out=starts[1:])
        return ids[starts], np.cumsum(starts) - 1
    found, inverse = np.unique(ids, return_inverse=True)
    return found, inverse.reshape(-1)


_CONTRACTS_SQL = """
SELECT c.id, c.account_id, c.start_date, c.end_date, CAST(round(c.mrr * 100) AS INTEGER)
FROM contracts AS c
WHERE {without_revenue}{where}
"""
# Contracts count only for accounts without revenue rows. For a few accounts, probe each
# contract; for all of them, probe each account once (a portfolio has several contracts per
# account) and read the contracts of those that qualify.
_NO_REVENUE_PER_CONTRACT = (
    "NOT EXISTS (SELECT 1 FROM revenue_months AS r WHERE r.account_id = c.account_id)"
)
_NO_REVENUE_PER_ACCOUNT = (
    "c.account_id IN (SELECT a FROM (SELECT DISTINCT account_id AS a FROM contracts) "
    "WHERE NOT EXISTS (SELECT 1 FROM revenue_months AS r WHERE r.account_id = a))"
)


@dataclass(frozen=True, eq=False)
class RevenueData:
    """MRR in cents: ``cents[i, j]`` is account ``account_ids[i]`` in month ``first + j``.

    Accounts that never had revenue are absent (their MRR is 0 everywhere). ``first`` is None
    when the workspace holds no revenue at all.
    """

    account_ids: IntArray
    first: Month | None
    cents: IntArray

    @property
    def n_months(self) -> int:
        return int(self.cents.shape[1])

    @property
    def last(self) -> Month | None:
        if self.first is None or self.n_months == 0:
            return None
        return self.first + (self.n_months - 1)

    def column(self, month: Month) -> int | None:
        """Index of ``month`` in the matrix, or None when it lies outside."""
        if self.first is None:
            return None
        j = self.first.months_until(month)
        return j if 0 <= j < self.n_months else None

    def at(self, month: Month) -> IntArray:
        """MRR in cents of every account in ``month`` (zeros outside the matrix)."""
        j = self.column(month)
        if j is None:
            return np.zeros(len(self.account_ids), dtype=np.int64)
        return self.cents[:, j]

    def months(self, through: Month | None = None) -> list[Month]:
        """The matrix's months, up to ``through`` when given."""
        if self.first is None:
            return []
        count = (
            self.n_months
            if through is None
            else min(self.n_months, self.first.months_until(through) + 1)
        )
        return [self.first + j for j in range(max(count, 0))]

    def subset(self, account_ids: npt.ArrayLike) -> RevenueData:
        """The same months restricted to some accounts (those without revenue are dropped)."""
        mask = np.isin(self.account_ids, np.asarray(account_ids, dtype=np.int64))
        return RevenueData(self.account_ids[mask], self.first, self.cents[mask])

    def last_month_with_revenue(self) -> Month | None:
        """The last month in which any account paid something."""
        if self.first is None:
            return None
        paying = np.flatnonzero((self.cents > 0).any(axis=0))
        return None if len(paying) == 0 else self.first + int(paying[-1])


def _date_ordinals(values: list[str], what: str, ids: list[int]) -> tuple[IntArray, IntArray]:
    """(month ordinal, whether the date is its month's last day) of ISO dates."""
    try:
        days = np.array(values, dtype="datetime64[D]")
    except ValueError:
        for contract_id, value in zip(ids, values, strict=True):
            try:
                np.datetime64(value, "D")
            except ValueError:
                raise CsdeskError(
                    N_(
                        "contract {contract_id} has {what} {value!r}, which is not a date "
                        "(YYYY-MM-DD); correct it in the contracts sheet and import it "
                        "again."
                    ),
                    contract_id=contract_id,
                    what=Message(what),
                    value=value,
                ) from None
        raise
    months = days.astype("datetime64[M]")
    ordinals = months.astype(np.int64) + _EPOCH_ORDINAL
    is_last_day = (days + 1).astype("datetime64[M]") != months
    return ordinals, is_last_day.astype(np.int64)


def load(
    ws: Workspace,
    *,
    through: Month | None = None,
    account_ids: list[int] | None = None,
    since: Month | None = None,
) -> RevenueData:
    """Read revenue months and contracts into a :class:`RevenueData` matrix.

    With ``account_ids`` only those accounts are read (an account view needs no portfolio);
    the matrix then starts at their first month. With ``since`` the matrix starts at that
    month: enough for figures of a few recent months (health), but not for movements, whose
    new/reactivation split needs the whole history.
    """
    rev_ids, rev_months, rev_cents = _revenue_rows(ws, account_ids, since)
    condition, params = _in_list("c.account_id", account_ids)
    contracts = ws.query(
        _CONTRACTS_SQL.format(
            without_revenue=_NO_REVENUE_PER_CONTRACT if condition else _NO_REVENUE_PER_ACCOUNT,
            where=f" AND {condition}" if condition else "",
        ),
        params,
    )

    c_ids = [row[0] for row in contracts]
    c_accounts = np.array([row[1] for row in contracts], dtype=np.int64)
    c_cents = np.array([row[4] for row in contracts], dtype=np.int64)
    c_start, _ = _date_ordinals([row[2] for row in contracts], N_("start date"), c_ids)
    has_end = np.array([row[3] is not None for row in contracts], dtype=bool)
    end_values = [row[3] for row in contracts if row[3] is not None]
    end_ids = [row[0] for row in contracts if row[3] is not None]
    end_month, end_is_last = _date_ordinals(end_values, N_("end date"), end_ids)

    # Contracts count up to the data's horizon, not into the future they run to.
    horizon = contracts_horizon(ws).ordinal if len(contracts) else None
    bounds = [b for b in (rev_months, c_start, end_month) if len(b)]
    if not bounds:
        return RevenueData(np.zeros(0, dtype=np.int64), None, np.zeros((0, 0), dtype=np.int64))
    first = int(min(b.min() for b in bounds))
    last = int(max(b.max() for b in bounds))
    if horizon is not None:
        last = max(int(rev_months.max()) if len(rev_months) else first, min(last, horizon))
    if through is not None:
        last = max(last, through.ordinal)
    n_months = last - first + 1

    found, inverse = _unique(np.concatenate([rev_ids, c_accounts]))
    cents = np.zeros((len(found), n_months), dtype=np.int64)
    rev_rows = inverse[: len(rev_ids)]
    cents[rev_rows, rev_months - first] = rev_cents

    if len(contracts):
        c_rows = inverse[len(rev_ids) :]
        # Active on the last day of m: from the start month through the end month when the
        # end is that month's last day, else through the month before; open: to the last column.
        stop = np.full(len(contracts), n_months - 1, dtype=np.int64)
        stop[has_end] = end_month - first - (1 - end_is_last)
        if horizon is not None:
            stop = np.minimum(stop, horizon - first)
        start = c_start - first
        keep = stop >= start
        diff = np.zeros((len(found), n_months + 1), dtype=np.int64)
        np.add.at(diff, (c_rows[keep], start[keep]), np.maximum(c_cents[keep], 0))
        np.add.at(diff, (c_rows[keep], stop[keep] + 1), -np.maximum(c_cents[keep], 0))
        cents += np.cumsum(diff[:, :-1], axis=1)

    if since is not None and since.ordinal > first:
        cut = min(since.ordinal - first, n_months)
        return RevenueData(found.astype(np.int64), since, cents[:, cut:])
    return RevenueData(found.astype(np.int64), Month.from_ordinal(first), cents)


def last_month(ws: Workspace) -> Month | None:
    """The last month of ``load(ws)``'s matrix, read without building it.

    The latest of: the last revenue month, and the start and end months of the contracts that
    count (those of accounts without revenue rows) up to :func:`contracts_horizon`. An
    account's history loaded alone runs to this month, so that it lines up with the
    portfolio's columns.
    """
    sheet = ws.scalar("SELECT max(month) FROM revenue_months")
    ends = ws.query(
        "SELECT max(c.start_date), max(c.end_date) FROM contracts AS c "
        f"WHERE {_NO_REVENUE_PER_ACCOUNT}"
    )[0]
    months = [Month.parse(str(text)[:7]) for text in ends if text]
    if months:
        months = [min(max(months), contracts_horizon(ws))]
    if sheet:
        months.append(Month.parse(str(sheet)))
    return max(months) if months else None


def contracts_horizon(ws: Workspace, today: date | None = None) -> Month:
    """The last month contracts speak for: the revenue sheet's last month when there is one
    (the sheet says what the portfolio paid up to then, and an account missing from it counts
    through its contract within that span), else the current month.

    A contract running to 2028 is revenue expected, not revenue: counting it to its end would
    put the portfolio's "as of" in the future, where every account of the revenue sheet has
    apparently churned.
    """
    sheet = ws.scalar("SELECT max(month) FROM revenue_months")
    return Month.parse(str(sheet)) if sheet else Month.of(today or date.today())


def _some_mrr_from_contracts(ws: Workspace) -> bool:
    """Whether some account takes its MRR from contracts (has contracts, no revenue row).

    Each account is probed once (DISTINCT over the contracts_account index), not once per
    contract: half the work on a portfolio with four contracts per account.
    """
    return (
        ws.scalar(
            "SELECT 1 FROM (SELECT DISTINCT account_id AS a FROM contracts) WHERE NOT EXISTS "
            "(SELECT 1 FROM revenue_months AS r WHERE r.account_id = a) LIMIT 1"
        )
        is not None
    )


def last_paying_month(ws: Workspace) -> Month | None:
    """``load(ws).last_month_with_revenue()`` without building the matrix when revenue rows
    alone decide it (no account takes its MRR from contracts)."""
    contract_only = _some_mrr_from_contracts(ws)
    if contract_only:
        return load(ws).last_month_with_revenue()
    text = ws.scalar(
        "SELECT month FROM revenue_months WHERE round(mrr * 100) > 0 ORDER BY month DESC LIMIT 1"
    )
    return None if text is None else Month.parse(text)


def data_horizon(ws: Workspace) -> Month | None:
    """The last month the revenue data speaks for: the last month of the revenue sheet; when
    some account's MRR comes from contracts, the last month they count for
    (:func:`contracts_horizon`); None when there is no revenue data at all."""
    if _some_mrr_from_contracts(ws):
        return contracts_horizon(ws)
    text = ws.scalar("SELECT max(month) FROM revenue_months")
    return None if text is None else Month.parse(text)


def data_as_of(ws: Workspace, today: date | None = None) -> Month:
    """The default as-of month: the last month the workspace's data speaks for, so that a
    tickets-only or contracts-only workspace shows its figures.

    Revenue decides when there is any: the last month with revenue; when MRR comes from
    contracts alone (no revenue sheet), the month of the day after the last contract ends
    (so the churn of contracts ending together is seen), or, while one still runs, the month
    their import carried them to (the current month, or the --as-of it was told). Tickets,
    survey responses and timeline events run into the current month while the last month
    billed lags behind, so they decide only in a workspace without revenue: the last month
    with any of them. Never later than the current month (a meeting planned for
    next month is no data yet); with no data at all, the current month.
    """
    current = Month.of(today or date.today())
    found: list[Month] = []
    paying = last_paying_month(ws)
    if paying is not None:
        found.append(paying)
    # Revenue written by a revenue or accounts sheet (or by hand), not expanded from contracts.
    sheet = ws.scalar(
        "SELECT 1 FROM revenue_months AS r LEFT JOIN import_batches AS b ON b.id = r.batch_id "
        "WHERE b.entity IS NOT 'contracts' LIMIT 1"
    )
    if sheet is None and ws.scalar("SELECT 1 FROM contracts LIMIT 1") is not None:
        running, last_day = ws.query(
            "SELECT max(end_date IS NULL), max(date(end_date, '+1 day')) FROM contracts"
        )[0]
        if running:
            # Running contracts carry the MRR to the month their import expanded them to:
            # the current month unless the import was told an earlier --as-of (after it,
            # nothing was written, and every account would read as churned).
            expanded = ws.scalar(
                "SELECT max(as_of) FROM import_batches WHERE entity = 'contracts' "
                "AND state = 'done' AND as_of IS NOT NULL"
            )
            found.append(Month.parse(str(expanded)[:7]) if expanded else current)
        elif last_day:
            found.append(Month.parse(str(last_day)[:7]))
    if not found:
        for sql in (
            "SELECT max(opened_at) FROM tickets WHERE opened_at <= ?",
            "SELECT max(date) FROM surveys WHERE date <= ?",
            "SELECT max(at) FROM events WHERE at <= ?",
        ):
            text = ws.scalar(sql, (current.last_day.isoformat() + "T99",))
            if text:
                found.append(Month.parse(str(text)[:7]))
    return min(max(found), current) if found else current
