"""A hand-built book for the work-queue tests: one account per reason to act, one beside it
that just misses, as of 15 June 2026.

Every active account not meant for ``no_touch`` has CS calls on 5 May and 10 June, so only
the accounts named for a rule raise it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from csdesk.store import Workspace

AS_OF = date(2026, 6, 15)
ANA, BRUNO, CARLA = 1, 2, 3  # CS, AM, Support


class DeskBook:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.ids: dict[str, int] = {}

    def account(self, name: str, *, touched: bool = True, **columns: Any) -> int:
        columns = {
            "external_id": name.upper().replace(" ", "-"),
            "tier": "Gold",
            "csm_id": ANA,
            "am_id": BRUNO,
            "support_owner_id": CARLA,
            **columns,
        }
        names = ["name", "name_key", *columns]
        with self.ws.transaction() as conn:
            cur = conn.execute(
                f"INSERT INTO accounts ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [name, name.lower(), *columns.values()],
            )
        account_id = int(cur.lastrowid or 0)
        self.ids[name] = account_id
        if touched:
            self.event(account_id, "2026-05-05 10:00:00", "call", "cs")
            self.event(account_id, "2026-06-10 10:00:00", "call", "cs")
        return account_id

    def event(self, account_id: int, at: str, kind: str, role: str | None) -> None:
        self.ws.insert_many(
            "events",
            ["account_id", "at", "kind", "role", "title"],
            [(account_id, at, kind, role, f"{kind} {at[:10]}")],
        )

    def rows(self, table: str, **row: Any) -> None:
        self.ws.insert_many(table, list(row), [list(row.values())])


def build(path: Path) -> tuple[Workspace, dict[str, int]]:
    ws = Workspace.create(path)
    ws.insert_many(
        "people",
        ["id", "name", "role"],
        [(ANA, "Ana Lima", "cs"), (BRUNO, "Bruno Reis", "am"), (CARLA, "Carla Dias", "support")],
    )
    b = DeskBook(ws)
    # renewal_due: 47 days away fires (due 60 days before would be 2 June: today instead);
    # 5 months away does not.
    b.account("Renew Soon", renewal_date="2026-08-01", contract_value=24000.0)
    b.account("Renew Late", renewal_date="2026-11-30")
    b.account("Renew Far", renewal_date="2026-09-14")  # 91 days: just outside
    # no_touch: last CS call 1 April (75 days, cadence 30) fires; never touched fires; a touch
    # by the AM does not count for CS.
    quiet = b.account("Quiet", touched=False)
    b.event(quiet, "2026-04-01 09:00:00", "call", "cs")
    never = b.account("Never", touched=False)
    b.event(never, "2026-06-01 09:00:00", "meeting", "am")
    # detractor: NPS 4 on 12 June after the last CS touch fires; NPS 3 on 5 June followed by
    # the 10 June call does not; NPS 7 (passive) does not; NPS 2 in March (out of window) not.
    b.rows(
        "surveys",
        account_id=b.account("Detractor"),
        date="2026-06-12",
        type="nps",
        score=4,
        contact="Rita Souza",
    )
    b.rows("surveys", account_id=b.account("Answered"), date="2026-06-05", type="nps", score=3)
    b.rows("surveys", account_id=b.account("Passive"), date="2026-06-12", type="nps", score=7)
    b.rows("surveys", account_id=b.account("Old Detractor"), date="2026-03-02", type="nps", score=2)
    # expansion_signal: 92 of 100 seats on 1 June fires; 85 of 100 does not; 95 users in
    # April (out of the 30-day window) does not.
    b.rows(
        "usage",
        account_id=b.account("Busy", seats=100),
        date="2026-06-01",
        metric="active_users",
        value=92.0,
    )
    b.rows(
        "usage",
        account_id=b.account("Half", seats=100),
        date="2026-06-01",
        metric="active_users",
        value=85.0,
    )
    b.rows(
        "usage",
        account_id=b.account("Was Busy", seats=100),
        date="2026-04-20",
        metric="active_users",
        value=95.0,
    )
    # health_drop: adoption from 95 % in May to 5 % in June; a steady account beside it.
    falling = b.account("Falling", seats=100)
    steady = b.account("Steady", seats=100)
    for account_id, may, june in ((falling, 80.0, 5.0), (steady, 60.0, 60.0)):
        for month in ("2026-03", "2026-04", "2026-05", "2026-06"):
            b.rows("revenue_months", account_id=account_id, month=month, mrr=1000.0)
        b.rows("usage", account_id=account_id, date="2026-05-10", metric="active_users", value=may)
        b.rows("usage", account_id=account_id, date="2026-06-14", metric="active_users", value=june)
    # escalation: escalated on 10 June fires; escalated in May and not escalated do not.
    esc = b.account("Escalated")
    b.rows(
        "tickets",
        account_id=esc,
        external_id="T-77",
        opened_at="2026-06-10 08:00:00",
        priority="urgent",
        escalated=1,
        subject="Export fails",
    )
    b.rows(
        "tickets",
        account_id=b.account("Escalated Before"),
        external_id="T-12",
        opened_at="2026-05-20 08:00:00",
        priority="high",
        escalated=1,
    )
    b.rows(
        "tickets",
        account_id=b.account("Plain Ticket"),
        external_id="T-13",
        opened_at="2026-06-12 08:00:00",
        priority="high",
        escalated=0,
    )
    # onboarding_stalled: started 1 March with one step logged fires; with four steps does not;
    # started 20 May (inside its 60-day window) does not.
    stalled = b.account("Stalled", start_date="2026-03-01")
    b.event(stalled, "2026-03-02 10:00:00", "onboarding_step", "cs")
    onboarded = b.account("Onboarded", start_date="2026-03-01")
    for day in ("03-02", "03-10", "03-20", "04-01"):
        b.event(onboarded, f"2026-{day} 10:00:00", "onboarding_step", "cs")
    b.account("Just Started", start_date="2026-05-20")
    # Churned: would raise renewal, no_touch and detractor, but raises nothing.
    gone = b.account("Gone", touched=False, status="churned", renewal_date="2026-07-01")
    b.rows("surveys", account_id=gone, date="2026-06-12", type="nps", score=0)
    return ws, b.ids
