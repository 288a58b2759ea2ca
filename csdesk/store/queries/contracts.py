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

# Contracts running on :day (of :account, or of every account when it is null), grouped by
# account and product (no product: one group), with each contract's rank from the newest
# start and the size of its group.
_RUNNING = """
WITH running AS (
    SELECT c.id, c.account_id, coalesce(c.product, '') AS product, c.external_id,
           c.start_date, c.end_date, c.mrr
    FROM contracts c
    WHERE c.start_date <= :day AND (c.end_date IS NULL OR c.end_date >= :day)
      AND (:account IS NULL OR c.account_id = :account)
), ranked AS (
    SELECT *, row_number() OVER (
        PARTITION BY account_id, product ORDER BY start_date DESC, id DESC
    ) AS newest, count(*) OVER (PARTITION BY account_id, product) AS alike
    FROM running
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
        _RUNNING + "SELECT count(DISTINCT account_id), coalesce(max(alike), 0), "
        "coalesce(sum(CASE WHEN newest > 1 THEN mrr END), 0) FROM ranked WHERE alike > 1",
        {"day": day.isoformat(), "account": account_id},
    )[0]
    return Overlaps(int(accounts), int(most), float(older))


def overlapping_contracts(ws: Workspace, day: date) -> list[OverlappingContract]:
    """Every contract running on ``day`` beside another of its account and product, by
    account (in the lists' name order), product, then newest first."""
    rows = ws.query(
        _RUNNING + "SELECT a.external_id, a.name, r.product, r.external_id, r.start_date, "
        "r.end_date, r.mrr, r.newest = 1 FROM ranked r JOIN accounts a ON a.id = r.account_id "
        "WHERE r.alike > 1 ORDER BY a.name_key, a.id, r.product, r.newest",
        {"day": day.isoformat(), "account": None},
    )
    return [
        OverlappingContract(ext, name, product, cid, start, end, float(mrr), bool(newest))
        for ext, name, product, cid, start, end, mrr, newest in rows
    ]
