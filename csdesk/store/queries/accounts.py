"""Accounts as the app lists and heads them: owners by name, current MRR, renewal date.

"Current MRR" is the account's MRR in the workspace's latest revenue month (the month the
metrics default to as as-of), so every row of the list is comparable: an account that paid
before but has no revenue that month has an MRR of zero (it churned); one that never had any
revenue row has no MRR (unknown), not zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csdesk.domain.enums import AccountStatus, Role
from csdesk.domain.month import Month
from csdesk.errors import N_, CsdeskError
from csdesk.store.queries._convert import to_date
from csdesk.store.settings import CURRENCY
from csdesk.store.workspace import Workspace

# The order accounts are listed in wherever people read them: by name key (the name with
# accents, case, punctuation and legal suffixes ignored: "Ágil" with the As), then by id;
# read off the index of migration 0012. ``a.`` where the query names the table so.
NAME_ORDER = "name_key, id"
NAME_ORDER_A = "a.name_key, a.id"


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One line of the accounts list."""

    id: int
    name: str
    external_id: str | None
    segment: str | None
    tier: str | None
    region: str | None
    status: AccountStatus
    csm_id: int | None
    csm: str | None
    am: str | None
    mrr: float | None
    renewal_date: date | None


@dataclass(frozen=True, slots=True)
class AccountDetail:
    """The header of an account page."""

    id: int
    name: str
    external_id: str | None
    segment: str | None
    tier: str | None
    industry: str | None
    region: str | None
    country: str | None
    lifecycle_stage: str | None
    status: AccountStatus
    start_date: date | None
    renewal_date: date | None
    contract_value: float | None
    seats: int | None
    notes: str | None
    owners: dict[Role, str]
    mrr: float | None
    mrr_month: Month | None
    currency: str


_UNSEEN = date.min  # a renewal day no workspace holds: "not converted yet"


def latest_revenue_month(ws: Workspace) -> Month | None:
    """The last month that has revenue data, or None for a workspace without revenue."""
    text = ws.scalar("SELECT max(month) FROM revenue_months")
    return None if text is None else Month.parse(text)


def list_accounts(ws: Workspace) -> list[AccountRow]:
    """Every account, ordered by name, with its CSM's and AM's names and current MRR."""
    latest = latest_revenue_month(ws)
    rows = ws.query(
        f"""
        SELECT a.id, a.name, a.external_id, a.segment, a.tier, a.region, a.status,
               a.csm_id, csm.name, am.name,
               CASE WHEN r.mrr IS NOT NULL THEN r.mrr
                    WHEN EXISTS (SELECT 1 FROM revenue_months x WHERE x.account_id = a.id)
                    THEN 0.0 END,
               a.renewal_date
        FROM accounts a
        LEFT JOIN people csm ON csm.id = a.csm_id
        LEFT JOIN people am ON am.id = a.am_id
        LEFT JOIN revenue_months r ON r.account_id = a.id AND r.month = ?
        ORDER BY {NAME_ORDER_A}
        """,
        (str(latest) if latest else "",),
    )
    # 100,000 rows repeat a handful of statuses and a few thousand renewal days: each is
    # converted once (an enum call or a date parse per row costs more than the row itself).
    statuses = {status.value: status for status in AccountStatus}
    days: dict[str | None, date | None] = {}
    out: list[AccountRow] = []
    for row in rows:
        day_text = row[11]
        day = days.get(day_text, _UNSEEN)
        if day is _UNSEEN:
            day = days[day_text] = to_date(day_text)
        status = statuses.get(row[6]) or AccountStatus(row[6])
        out.append(
            AccountRow(
                row[0], row[1], row[2], row[3], row[4], row[5], status, row[7], row[8], row[9],
                row[10], day,
            )
        )  # fmt: skip
    return out


def account_detail(ws: Workspace, account_id: int) -> AccountDetail:
    """The header facts of one account; a CsdeskError when the id is unknown."""
    row = ws.query(
        """
        SELECT id, name, external_id, segment, tier, industry, region, country,
               lifecycle_stage, status, start_date, renewal_date, contract_value, seats,
               notes, currency, csm_id, am_id, support_owner_id
        FROM accounts WHERE id = ?
        """,
        (account_id,),
    )
    if not row:
        raise CsdeskError(
            N_("there is no account with id {account_id} in {path}."),
            account_id=account_id,
            path=ws.path,
        )
    (
        id_,
        name,
        external_id,
        segment,
        tier,
        industry,
        region,
        country,
        stage,
        status,
        start,
        renewal,
        contract_value,
        seats,
        notes,
        currency,
        csm_id,
        am_id,
        support_id,
    ) = row[0]
    owners = _owners(ws, {Role.CS: csm_id, Role.AM: am_id, Role.SUPPORT: support_id})
    mrr_row = ws.query(
        "SELECT month, mrr FROM revenue_months WHERE account_id = ? ORDER BY month DESC LIMIT 1",
        (account_id,),
    )
    mrr: float | None = None
    mrr_month = latest_revenue_month(ws)
    if mrr_row:
        # A last paying month before the workspace's latest month means the account churned.
        mrr = mrr_row[0][1] if Month.parse(mrr_row[0][0]) == mrr_month else 0.0
    return AccountDetail(
        id=id_,
        name=name,
        external_id=external_id,
        segment=segment,
        tier=tier,
        industry=industry,
        region=region,
        country=country,
        lifecycle_stage=stage,
        status=AccountStatus(status),
        start_date=to_date(start),
        renewal_date=to_date(renewal),
        contract_value=contract_value,
        seats=seats,
        notes=notes,
        owners=owners,
        mrr=mrr,
        mrr_month=mrr_month,
        currency=currency or CURRENCY.get(ws),
    )


def _owners(ws: Workspace, ids: dict[Role, int | None]) -> dict[Role, str]:
    wanted = {role: pid for role, pid in ids.items() if pid is not None}
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    names = dict(
        ws.query(f"SELECT id, name FROM people WHERE id IN ({marks})", tuple(wanted.values()))
    )
    return {role: names[pid] for role, pid in wanted.items() if pid in names}


def find_accounts(ws: Workspace, text: str, *, limit: int = 20) -> list[tuple[int, str]]:
    """Accounts whose name or external id contains ``text`` (case-insensitive), best first.

    Names that start with the text come before names that merely contain it.
    """
    needle = text.strip()
    if not needle:
        return []
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    prefix = pattern[1:]
    rows = ws.query(
        f"""
        SELECT id, name FROM accounts
        WHERE name LIKE ? ESCAPE '\\' OR external_id LIKE ? ESCAPE '\\'
        ORDER BY (name NOT LIKE ? ESCAPE '\\'), {NAME_ORDER}
        LIMIT ?
        """,
        (pattern, pattern, prefix, limit),
    )
    return [(int(row[0]), str(row[1])) for row in rows]
