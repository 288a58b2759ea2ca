"""The executive summary and next steps a CSM writes for a QBR, kept per account and quarter.

They live in the workspace table ``qbr_narratives`` (schema v2), so the app can edit them and
every later export of the same QBR says the same. When nothing is stored the pack drafts both
from the data (see :mod:`csdesk.reports.qbr.content`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from csdesk.domain.enums import Role
from csdesk.errors import N_, CsdeskError
from csdesk.reports.qbr.model import NextStep, Quarter
from csdesk.store.workspace import Workspace


@dataclass(frozen=True)
class Narrative:
    summary: str
    next_steps: list[NextStep]
    updated_at: str


def load_narrative(ws: Workspace, account_id: int, quarter: Quarter) -> Narrative | None:
    rows = ws.query(
        "SELECT summary, next_steps, updated_at FROM qbr_narratives "
        "WHERE account_id = ? AND quarter = ?",
        (account_id, str(quarter)),
    )
    if not rows:
        return None
    summary, steps_json, updated = rows[0]
    return Narrative(summary, _steps(steps_json, account_id, quarter), updated)


def save_narrative(
    ws: Workspace, account_id: int, quarter: Quarter, summary: str, next_steps: list[NextStep]
) -> None:
    """Store (or replace) what the CSM wrote for this account's QBR of ``quarter``."""
    steps = [
        {
            "step": s.step,
            "owner_role": None if s.owner_role is None else s.owner_role.value,
            "due": None if s.due is None else s.due.isoformat(),
        }
        for s in next_steps
    ]
    with ws.transaction() as conn:
        conn.execute(
            "INSERT INTO qbr_narratives (account_id, quarter, summary, next_steps, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, quarter) DO UPDATE SET "
            "summary = excluded.summary, next_steps = excluded.next_steps, "
            "updated_at = excluded.updated_at",
            (
                account_id,
                str(quarter),
                summary,
                json.dumps(steps, ensure_ascii=False),
                datetime.now().replace(microsecond=0).isoformat(sep=" "),
            ),
        )


def _steps(text: str | None, account_id: int, quarter: Quarter) -> list[NextStep]:
    if not text:
        return []
    where = f"qbr_narratives (account {account_id}, {quarter}), next_steps"
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CsdeskError(
            N_("{where} is not valid JSON ({msg}); edit it in the app."), where=where, msg=exc.msg
        ) from exc
    if not isinstance(data, list):
        raise CsdeskError(N_("{where} must be a list of steps."), where=where)
    steps: list[NextStep] = []
    for item in data:
        if not isinstance(item, dict) or not str(item.get("step", "")).strip():
            continue
        role = item.get("owner_role")
        try:
            owner = Role(role) if role else None
        except ValueError:
            owner = None
        due = item.get("due")
        try:
            when = date.fromisoformat(str(due)[:10]) if due else None
        except ValueError:
            when = None
        steps.append(NextStep(str(item["step"]), owner, when))
    return steps
