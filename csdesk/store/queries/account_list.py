"""The accounts list read a column at a time, for a table of 100,000 accounts.

Reading every account as a full row (owners joined, current MRR looked up, dates parsed, an
object each) costs seconds at 100,000 accounts, while a table shows thirty rows at a time.
So the list is read in three parts, each when it is needed:

- :func:`read_listing` once per opening: ids in name order and the few columns every opening
  needs (names for the order, segment, tier and CSM for the filters' choices);
- :func:`column_values` when a sort or a filter needs one more column (current MRR, renewal
  date, external id, status, AM), one lean query each;
- :func:`account_rows` for the rows on screen, a window of ids at a time.

Values mean what :func:`csdesk.store.queries.accounts.list_accounts` says they mean (current
MRR: the account's MRR in the workspace's latest revenue month, 0.0 when it paid before but not
that month, None when it never paid); the two stay one definition by sharing its SQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from csdesk.domain.enums import AccountStatus
from csdesk.store.queries._convert import to_date
from csdesk.store.queries.accounts import AccountRow, latest_revenue_month
from csdesk.store.workspace import Workspace

# SQLite allows 32,766 parameters; ids are passed as one JSON array instead, whatever their
# number, and read back with json_each.
_ROW_SQL = """
    SELECT a.id, a.name, a.external_id, a.segment, a.tier, a.region, a.status,
           a.csm_id, csm.name, am.name,
           CASE WHEN r.mrr IS NOT NULL THEN r.mrr
                WHEN EXISTS (SELECT 1 FROM revenue_months x WHERE x.account_id = a.id)
                THEN 0.0 END,
           a.renewal_date
    FROM json_each(?) j
    JOIN accounts a ON a.id = j.value
    LEFT JOIN people csm ON csm.id = a.csm_id
    LEFT JOIN people am ON am.id = a.am_id
    LEFT JOIN revenue_months r ON r.account_id = a.id AND r.month = ?
"""


class ListColumn(StrEnum):
    """Columns read on demand, one value per account."""

    EXTERNAL_ID = "external_id"
    SEGMENT = "segment"
    TIER = "tier"
    CSM = "csm"
    AM = "am"
    STATUS = "status"
    RENEWAL = "renewal_date"
    MRR = "mrr"


@dataclass(frozen=True, slots=True)
class AccountListing:
    """Every account's id in name order, and what an opening of the list shows besides.

    ``ids``, ``names`` and ``folded`` (the names casefolded) are by position, the name order;
    ``segments``, ``tiers`` and ``csms`` are the filters' choices: each value some account
    has, once. ``columns`` keeps the columns read since (by position), for every table that
    shows this listing.
    """

    ids: list[int]
    names: list[str]
    folded: list[str]
    segments: list[str]
    tiers: list[str]
    csms: list[str]
    latest_month: str  # "" when the workspace has no revenue
    columns: dict[ListColumn, list[Any]] = field(default_factory=dict, compare=False)


def read_listing(ws: Workspace) -> AccountListing:
    """Every account in name order: casefolded name, then id (the list's order on opening).

    The order is made here rather than by SQLite: ``COLLATE NOCASE`` folds ASCII letters
    only (``"ÓTICA"`` would not sort with ``"Ótica"``), and sorting 100,000 names in Python
    costs less than SQLite sorting the rows.
    """
    latest = latest_revenue_month(ws)
    rows = ws.query("SELECT id, name FROM accounts ORDER BY id")
    ids = [row[0] for row in rows]
    names = [row[1] for row in rows]
    folded = list(map(str.casefold, names))
    if len(rows) > 1:
        order = sorted(range(len(rows)), key=folded.__getitem__)  # stable: ties by id
        ids = [ids[i] for i in order]
        names = [names[i] for i in order]
        folded = [folded[i] for i in order]
    return AccountListing(
        ids=ids,
        names=names,
        folded=folded,
        segments=_choices(ws, "SELECT DISTINCT segment FROM accounts"),
        tiers=_choices(ws, "SELECT DISTINCT tier FROM accounts"),
        csms=_csms(ws),
        latest_month=str(latest) if latest else "",
    )


def _csms(ws: Workspace) -> list[str]:
    """The names of the team members who are some account's CSM (read off the index on
    ``csm_id``, then named here: SQLite would gather every account's ``csm_id`` first)."""
    people = dict(ws.query("SELECT id, name FROM people"))
    used = ws.query("SELECT DISTINCT csm_id FROM accounts WHERE csm_id IS NOT NULL")
    names = {people.get(person) for (person,) in used}
    return sorted((name for name in names if name), key=str.casefold)


def _choices(ws: Workspace, sql: str) -> list[str]:
    """The non-blank values ``sql`` gives, in casefolded order."""
    return sorted((value for (value,) in ws.query(sql) if value), key=str.casefold)


def column_values(ws: Workspace, column: ListColumn, listing: AccountListing) -> dict[int, Any]:
    """One column's value for every account of ``listing``, by account id (accounts without
    one: absent or None)."""
    if column is ListColumn.MRR:
        return current_mrr(ws, listing.latest_month, listing.ids)
    if column in (ListColumn.CSM, ListColumn.AM):
        people = dict(ws.query("SELECT id, name FROM people"))
        owner = "csm_id" if column is ListColumn.CSM else "am_id"
        pairs = ws.query(f"SELECT id, {owner} FROM accounts WHERE {owner} IS NOT NULL")
        return {account: people.get(person) for account, person in pairs}
    if column is ListColumn.STATUS:
        statuses = {status.value: status for status in AccountStatus}
        return {
            account: statuses.get(text) or AccountStatus(text)
            for account, text in ws.query("SELECT id, status FROM accounts")
        }
    if column is ListColumn.RENEWAL:
        return _dates(ws.query("SELECT id, renewal_date FROM accounts"))
    # external_id, segment, tier: the column as stored (a name from this enum, not input)
    return dict(ws.query(f"SELECT id, {column.value} FROM accounts"))


def search_columns(ws: Workspace, listing: AccountListing) -> dict[ListColumn, dict[int, Any]]:
    """External id, CSM and AM (what the text search looks in besides the name), each by
    account id, in one pass over the accounts rather than three."""
    people = dict(ws.query("SELECT id, name FROM people"))
    external: dict[int, Any] = {}
    csm: dict[int, Any] = {}
    am: dict[int, Any] = {}
    for account, external_id, csm_id, am_id in ws.query(
        "SELECT id, external_id, csm_id, am_id FROM accounts"
    ):
        external[account] = external_id
        if csm_id is not None:
            csm[account] = people.get(csm_id)
        if am_id is not None:
            am[account] = people.get(am_id)
    return {ListColumn.EXTERNAL_ID: external, ListColumn.CSM: csm, ListColumn.AM: am}


def current_mrr(ws: Workspace, latest_month: str, ids: Iterable[int]) -> dict[int, float]:
    """Current MRR by account id, for the accounts ``ids``: the latest month's, or 0.0 for an
    account that paid before but not that month; one that never paid is absent (unknown)."""
    if not latest_month:
        return {}
    mrr: dict[int, float] = dict(
        ws.query("SELECT account_id, mrr FROM revenue_months WHERE month = ?", (latest_month,))
    )
    # Only the few accounts without that month need asking whether they ever paid (found by
    # set difference: a membership test per account in Python costs three times as much).
    missing = sorted(set(ids).difference(mrr))
    if missing:
        paid_before = ws.query(
            """
            SELECT j.value FROM json_each(?) j
            WHERE EXISTS (SELECT 1 FROM revenue_months x WHERE x.account_id = j.value)
            """,
            (json.dumps(missing),),
        )
        mrr.update((account, 0.0) for (account,) in paid_before)
    return mrr


def account_rows(ws: Workspace, ids: Sequence[int], latest_month: str) -> list[AccountRow]:
    """The full rows of the accounts ``ids`` (in no particular order)."""
    if not ids:
        return []
    rows = ws.query(_ROW_SQL, (json.dumps(list(ids)), latest_month))
    statuses = {status.value: status for status in AccountStatus}
    return [
        AccountRow(
            row[0], row[1], row[2], row[3], row[4], row[5],
            statuses.get(row[6]) or AccountStatus(row[6]), row[7], row[8], row[9], row[10],
            to_date(row[11]),
        )
        for row in rows
    ]  # fmt: skip


_UNSEEN = date.min  # a renewal day no workspace holds: "not converted yet"


def _dates(pairs: Iterable[tuple[int, str | None]]) -> dict[int, date | None]:
    # 100,000 accounts share a few thousand renewal days: each is parsed once.
    days: dict[str | None, date | None] = {}
    out: dict[int, date | None] = {}
    for account, text in pairs:
        day = days.get(text, _UNSEEN)
        if day is _UNSEEN:
            day = days[text] = to_date(text)
        out[account] = day
    return out
