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

from csdesk import collector
from csdesk.domain.enums import AccountStatus
from csdesk.domain.text_order import text_key
from csdesk.store.queries._convert import to_date
from csdesk.store.queries.accounts import NAME_ORDER, AccountRow, latest_revenue_month
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
# The accounts in name order (NAME_ORDER), names and all off the index of migration 0012.
LISTING_SQL = f"SELECT id, name FROM accounts ORDER BY {NAME_ORDER}"


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

    ``ids``, ``names`` and ``folded`` (the names casefolded, for the search) are by position,
    the name order (see ``NAME_ORDER``);
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


@collector.paused()
def read_listing(ws: Workspace) -> AccountListing:
    """Every account in name order (the list's order on opening), as SQLite hands it over."""
    latest = latest_revenue_month(ws)
    rows = ws.query(LISTING_SQL)
    ids = [row[0] for row in rows]
    names = [row[1] for row in rows]
    return AccountListing(
        ids=ids,
        names=names,
        folded=list(map(str.casefold, names)),
        segments=_choices(ws, "segment"),
        tiers=_choices(ws, "tier"),
        csms=_csms(ws),
        latest_month=str(latest) if latest else "",
    )


def _distinct(ws: Workspace, column: str) -> list[Any]:
    """The values of the indexed ``column`` of accounts, each once (NULL left out), found by
    hopping along its index from each value to the next: a few lookups per value, where
    ``SELECT DISTINCT`` reads all 100,000 index entries."""
    return [
        value
        for (value,) in ws.query(
            f"""
            WITH RECURSIVE hop(value) AS (
                SELECT min({column}) FROM accounts
                UNION ALL
                SELECT (SELECT min({column}) FROM accounts WHERE {column} > hop.value)
                FROM hop WHERE hop.value IS NOT NULL
            )
            SELECT value FROM hop WHERE value IS NOT NULL
            """
        )
    ]


def _csms(ws: Workspace) -> list[str]:
    """The names of the team members who are some account's CSM (read off the index on
    ``csm_id``, then named here: SQLite would gather every account's ``csm_id`` first)."""
    people = dict(ws.query("SELECT id, name FROM people"))
    names = {people.get(person) for person in _distinct(ws, "csm_id")}
    return sorted((name for name in names if name), key=text_key)


def _choices(ws: Workspace, column: str) -> list[str]:
    """The non-blank values of ``column`` (a column name of this module), in casefolded
    order."""
    return sorted((value for value in _distinct(ws, column) if value), key=text_key)


@collector.paused()
def column_values(ws: Workspace, column: ListColumn, listing: AccountListing) -> list[Any]:
    """One column's value for every account of ``listing``, by position (None: none)."""
    if column is ListColumn.MRR:
        return current_mrr(ws, listing.latest_month, listing.ids)
    if column in (ListColumn.CSM, ListColumn.AM):
        people = dict(ws.query("SELECT id, name FROM people"))
        owner = "csm_id" if column is ListColumn.CSM else "am_id"
        pairs = ws.query(f"SELECT id, {owner} FROM accounts WHERE {owner} IS NOT NULL")
        by_id = {account: people.get(person) for account, person in pairs}
    elif column is ListColumn.STATUS:
        statuses = {status.value: status for status in AccountStatus}
        by_id = {
            account: statuses.get(text) or AccountStatus(text)
            for account, text in ws.query("SELECT id, status FROM accounts")
        }
    elif column is ListColumn.RENEWAL:
        by_id = _dates(ws.query("SELECT id, renewal_date FROM accounts"))
    else:  # external_id, segment, tier: the column as stored (a name from this enum, not input)
        by_id = dict(ws.query(f"SELECT id, {column.value} FROM accounts"))
    return list(map(by_id.get, listing.ids))


@collector.paused()
def search_columns(ws: Workspace, listing: AccountListing) -> dict[ListColumn, list[Any]]:
    """External id, CSM and AM (what the text search looks in besides the name), each by
    position, in one pass over the accounts rather than three."""
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
    ids = listing.ids
    return {
        ListColumn.EXTERNAL_ID: list(map(external.get, ids)),
        ListColumn.CSM: list(map(csm.get, ids)),
        ListColumn.AM: list(map(am.get, ids)),
    }


def current_mrr(ws: Workspace, latest_month: str, ids: Sequence[int]) -> list[float | None]:
    """Current MRR of the accounts ``ids``, in their order: the latest month's, or 0.0 for an
    account that paid before but not that month; None for one that never paid (unknown)."""
    if not latest_month:
        return [None] * len(ids)
    latest: dict[int, float] = dict(
        ws.query("SELECT account_id, mrr FROM revenue_months WHERE month = ?", (latest_month,))
    )
    values: list[float | None] = list(map(latest.get, ids))
    # Only the accounts without that month need asking whether they ever paid.
    missing = [position for position, value in enumerate(values) if value is None]
    if missing:
        paid_before = ws.query(
            """
            SELECT j.key FROM json_each(?) j
            WHERE EXISTS (SELECT 1 FROM revenue_months x WHERE x.account_id = j.value)
            """,
            (json.dumps([ids[p] for p in missing]),),
        )
        for (index,) in paid_before:
            values[missing[index]] = 0.0
    return values


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
