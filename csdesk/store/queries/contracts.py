"""Contracts of one account and product running on the same day.

An account's MRR from contracts is the sum of those running (DESIGN: contracts); two of one
product at once are summed too, which is right for a second seat pack and wrong for a plan
an export kept open after the account upgraded from it. The audit counts them and the export
lists them, one row per contract, so a consultant can check them at the source.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from csdesk.store.workspace import Workspace

# Contracts running on :day (of :account, or of every account when it is null), and the
# groups of more than one of an account and product (no product: one group) among them, with
# the group's size, its MRR and the MRR of its newest contract (the latest start, then the
# highest id: SQLite takes a bare column from the row of the query's only max()). Grouping
# first keeps a portfolio without overlaps to one pass over the running contracts.
_GROUPS = """
WITH running AS (
    SELECT c.id, c.account_id, coalesce(c.product, '') AS product, c.external_id,
           c.start_date, c.end_date, c.mrr
    FROM contracts c
    WHERE c.start_date <= :day AND (c.end_date IS NULL OR c.end_date >= :day)
      AND (:account IS NULL OR c.account_id = :account)
), groups AS (
    SELECT account_id, product, count(*) AS alike, sum(mrr) AS total,
           max(start_date || printf('#%020d', id)) AS newest_key, mrr AS newest_mrr
    FROM running GROUP BY account_id, product HAVING count(*) > 1
)
"""


class Overlaps(NamedTuple):
    """Accounts with several contracts of one product running, the most of one product at
    once, and the MRR of all but the newest of each group."""

    accounts: int
    most: int
    older_mrr: float


class OverlappingContract(NamedTuple):
    account_external_id: str | None
    account: str
    product: str
    contract_id: str | None
    start: str
    end: str | None
    mrr: float
    newest: bool  # the newest of its account and product (the others add to its MRR)


def overlaps(ws: Workspace, day: date, account_id: int | None = None) -> Overlaps:
    """Of every account, or of ``account_id`` alone (a QBR's)."""
    accounts, most, older = ws.query(
        _GROUPS + "SELECT count(DISTINCT account_id), coalesce(max(alike), 0), "
        "coalesce(sum(total - newest_mrr), 0) FROM groups",
        {"day": day.isoformat(), "account": account_id},
    )[0]
    return Overlaps(int(accounts), int(most), float(older))


def overlapping_contracts(ws: Workspace, day: date) -> list[OverlappingContract]:
    """Every contract running on ``day`` beside another of its account and product, by
    account (in the lists' name order), product, then newest first."""
    rows = ws.query(
        _GROUPS + "SELECT a.external_id, a.name, r.product, r.external_id, r.start_date, "
        "r.end_date, r.mrr, r.start_date || printf('#%020d', r.id) = g.newest_key "
        "FROM running r JOIN groups g ON g.account_id = r.account_id AND g.product = r.product "
        "JOIN accounts a ON a.id = r.account_id "
        "ORDER BY a.name_key, a.id, r.product, r.start_date DESC, r.id DESC",
        {"day": day.isoformat(), "account": None},
    )
    return [
        OverlappingContract(ext, name, product, cid, start, end, float(mrr), bool(newest))
        for ext, name, product, cid, start, end, mrr, newest in rows
    ]
