"""The team as the app lists it: each person with the book of accounts they own."""

from __future__ import annotations

from dataclasses import dataclass

from csdesk.domain.enums import Role
from csdesk.store.queries.accounts import latest_revenue_month
from csdesk.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class TeamRow:
    """One person, the active accounts they own in their role, and those accounts' MRR."""

    id: int
    name: str
    role: Role
    email: str | None
    capacity_hours: float | None
    accounts: int
    mrr: float


_OWNER_COLUMN = {Role.CS: "csm_id", Role.AM: "am_id", Role.SUPPORT: "support_owner_id"}


def team(ws: Workspace) -> list[TeamRow]:
    """Everyone in ``people``, by role then name. CX owns no accounts, so counts zero."""
    latest = latest_revenue_month(ws)
    books: dict[int, tuple[int, float]] = {}
    for column in _OWNER_COLUMN.values():
        rows = ws.query(
            f"""
            SELECT a.{column}, count(*), coalesce(sum(r.mrr), 0)
            FROM accounts a
            LEFT JOIN revenue_months r ON r.account_id = a.id AND r.month = ?
            WHERE a.{column} IS NOT NULL AND a.status = 'active'
            GROUP BY a.{column}
            """,
            (str(latest) if latest else "",),
        )
        for person_id, count, mrr in rows:
            accounts, total = books.get(person_id, (0, 0.0))
            books[person_id] = (accounts + int(count), round(total + float(mrr), 2))
    people = ws.query(
        "SELECT id, name, role, email, capacity_hours FROM people "
        "ORDER BY CASE role WHEN 'cs' THEN 0 WHEN 'am' THEN 1 WHEN 'support' THEN 2 ELSE 3 END, "
        "name COLLATE NOCASE"
    )
    return [
        TeamRow(
            id=pid,
            name=name,
            role=Role(role),
            email=email,
            capacity_hours=capacity,
            accounts=books.get(pid, (0, 0.0))[0],
            mrr=books.get(pid, (0, 0.0))[1],
        )
        for pid, name, role, email, capacity in people
    ]
