"""What the work queue shows about the team, for the operation audit.

Read from the actions as the workspace holds them (the audit evaluates no rule): open and
overdue actions per person, median days to close by rule, renewals coming with no renewal
action started, actions owned by the wrong role (a renewal with CS, an escalation with CS),
and the risk reasons recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from statistics import median

from csdesk.store.queries._convert import to_date
from csdesk.store.workspace import Workspace

# The hand-offs the audit checks: whose work a rule's action is (DESIGN.md, the domain).
EXPECTED_ROLE = {"renewal_due": "am", "escalation": "support"}


@dataclass(frozen=True, slots=True)
class PersonLoad:
    person: str | None  # None: actions with no owner
    role: str
    open: int
    overdue: int
    done_90d: int


@dataclass
class QueueFigures:
    people: list[PersonLoad] = field(default_factory=list)
    overdue: int = 0
    open: int = 0
    days_to_close: dict[str, float] = field(default_factory=dict)  # rule -> median days
    renewals_without_action: list[str] = field(default_factory=list)  # account names
    wrong_role: list[tuple[str, str, str]] = field(default_factory=list)  # rule, role, account
    risk_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.open or self.days_to_close or self.renewals_without_action)


def queue_figures(ws: Workspace, today: date) -> QueueFigures:
    out = QueueFigures()
    since = date.fromordinal(today.toordinal() - 90).isoformat()
    rows = ws.query(
        "SELECT p.name, a.owner_role, "
        "sum(a.state IN ('open', 'snoozed')), "
        "sum(a.state = 'open' AND a.due < ?), "
        "sum(a.state = 'done' AND a.closed_by = 'person' AND a.closed_on >= ?) "
        "FROM actions AS a LEFT JOIN people AS p ON p.id = a.owner_id "
        "GROUP BY p.name, a.owner_role ORDER BY 4 DESC, 3 DESC, p.name",
        (today.isoformat(), since),
    )
    out.people = [PersonLoad(r[0], r[1], int(r[2]), int(r[3]), int(r[4])) for r in rows]
    out.open = sum(p.open for p in out.people)
    out.overdue = sum(p.overdue for p in out.people)
    closing: dict[str, list[int]] = {}
    for rule, created, closed in ws.query(
        "SELECT rule, created_on, closed_on FROM actions WHERE state = 'done' "
        "AND closed_by = 'person'"
    ):
        start, end = to_date(created), to_date(closed)
        if start is not None and end is not None:
            closing.setdefault(rule, []).append((end - start).days)
    out.days_to_close = {rule: float(median(days)) for rule, days in sorted(closing.items())}
    horizon = date.fromordinal(today.toordinal() + 90).isoformat()
    out.renewals_without_action = [
        r[0]
        for r in ws.query(
            "SELECT c.name FROM accounts AS c WHERE c.status = 'active' "
            "AND c.renewal_date >= ? AND c.renewal_date <= ? AND NOT EXISTS ("
            "SELECT 1 FROM actions AS a WHERE a.account_id = c.id AND a.rule = 'renewal_due' "
            "AND (a.state = 'done' OR a.steps LIKE '%\"done\": true%')) ORDER BY c.renewal_date",
            (today.isoformat(), horizon),
        )
    ]
    for rule, role in EXPECTED_ROLE.items():
        out.wrong_role += [
            (rule, r[0], r[1])
            for r in ws.query(
                "SELECT a.owner_role, c.name FROM actions AS a JOIN accounts AS c "
                "ON c.id = a.account_id WHERE a.rule = ? AND a.owner_role <> ? "
                "ORDER BY c.name_key, c.id",
                (rule, role),
            )
        ]
    out.risk_reasons = {
        r[0]: int(r[1])
        for r in ws.query("SELECT reason, count(*) FROM risks GROUP BY reason ORDER BY 2 DESC")
    }
    return out
