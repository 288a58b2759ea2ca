"""Account risks (tables ``risks`` and ``risk_stages``): why an account may be lost, from the
list in resources/desk/risk_reasons.toml, and where its rescue stands.

A risk opens at risk; it moves through plan and saving to recovered or lost, and each move
keeps its day, so the days spent in each stage are known (``Risk.days_in_stages``).
"""

from __future__ import annotations

from datetime import date

from csdesk.domain.actions import Risk, RiskStage
from csdesk.errors import N_, CsdeskError
from csdesk.store.queries._convert import to_date
from csdesk.store.workspace import Workspace


def open_risk(
    ws: Workspace,
    account_id: int,
    reason: str,
    *,
    on: date,
    known_reasons: set[str],
    action_id: int | None = None,
    note: str | None = None,
) -> int:
    """Record that ``account_id`` is at risk for ``reason`` (an id of the list)."""
    if reason not in known_reasons:
        raise CsdeskError(
            N_("{reason!r} is not a risk reason; choose one of {choices}."),
            reason=reason,
            choices=", ".join(sorted(known_reasons)),
        )
    if ws.scalar("SELECT 1 FROM accounts WHERE id = ?", (account_id,)) is None:
        raise CsdeskError(
            N_("there is no account with id {account_id} in {path}."),
            account_id=account_id,
            path=ws.path,
        )
    with ws.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO risks (account_id, action_id, reason, stage, note, opened_on) "
            "VALUES (?, ?, ?, 'at_risk', ?, ?)",
            (account_id, action_id, reason, note, on.isoformat()),
        )
        risk_id = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO risk_stages (risk_id, stage, since) VALUES (?, 'at_risk', ?)",
            (risk_id, on.isoformat()),
        )
        if action_id is not None:
            conn.execute("UPDATE actions SET risk_reason = ? WHERE id = ?", (reason, action_id))
    return risk_id


def move_risk(ws: Workspace, risk_id: int, stage: RiskStage, *, on: date) -> None:
    """Move a risk to ``stage`` on ``on``; a risk recovered or lost is over and stays so."""
    risk = get_risk(ws, risk_id)
    if risk.stage.is_final:
        raise CsdeskError(
            N_("risk {risk_id} is already {stage}; open a new one instead."),
            risk_id=risk_id,
            stage=lambda lang: lang.label(risk.stage).lower(),
        )
    last = max((since for _, since in risk.stages), default=risk.opened_on)
    if on < last:
        raise CsdeskError(
            N_(
                "risk {risk_id} entered its current stage on {since}; a move cannot be "
                "dated {day}, before it."
            ),
            risk_id=risk_id,
            since=lambda lang: lang.day(last),
            day=lambda lang: lang.day(on),
        )
    with ws.transaction() as conn:
        conn.execute("UPDATE risks SET stage = ? WHERE id = ?", (str(stage), risk_id))
        conn.execute(
            "INSERT OR REPLACE INTO risk_stages (risk_id, stage, since) VALUES (?, ?, ?)",
            (risk_id, str(stage), on.isoformat()),
        )


def get_risk(ws: Workspace, risk_id: int) -> Risk:
    found = load_risks(ws, risk_id=risk_id)
    if not found:
        raise CsdeskError(
            N_("there is no risk with id {risk_id} in {path}."), risk_id=risk_id, path=ws.path
        )
    return found[0]


def load_risks(
    ws: Workspace, *, account_id: int | None = None, risk_id: int | None = None
) -> list[Risk]:
    sql = "SELECT id, account_id, action_id, reason, stage, note, opened_on FROM risks WHERE 1"
    params: list[int] = []
    if account_id is not None:
        sql += " AND account_id = ?"
        params.append(account_id)
    if risk_id is not None:
        sql += " AND id = ?"
        params.append(risk_id)
    risks = []
    for rid, acc, action, reason, stage, note, opened in ws.query(sql + " ORDER BY id", params):
        stages = tuple(
            (RiskStage(s), d)
            for s, since in ws.query(
                "SELECT stage, since FROM risk_stages WHERE risk_id = ? ORDER BY since", (rid,)
            )
            if (d := to_date(since)) is not None
        )
        risks.append(
            Risk(
                id=int(rid),
                account_id=int(acc),
                reason=reason,
                stage=RiskStage(stage),
                opened_on=to_date(opened) or date.min,
                action_id=action,
                note=note,
                stages=stages,
            )
        )
    return risks
