"""What a person does with an action: done logs the touch, snooze hides until its day,
dismiss keeps it away until the condition arises anew, manual actions, steps, undo, and the
refusals that change nothing."""

from __future__ import annotations

from datetime import date

import pytest

from csdesk.desk import queue as q
from csdesk.desk.engine import evaluate
from csdesk.domain.actions import ActionState
from csdesk.domain.enums import Role
from csdesk.errors import CsdeskError
from csdesk.store import Workspace
from csdesk.store.queries.actions import get_action, load_actions, tick_step
from tests.desk.desk_book import ANA, AS_OF, BRUNO

Desk = tuple[Workspace, dict[str, int]]


def _one(ws: Workspace, rule: str, account_id: int | None = None) -> int:
    actions = load_actions(ws, rule=rule, account_id=account_id)
    assert len(actions) == 1
    return int(actions[0].id or 0)


def test_done_no_touch_logs_the_touch_and_the_rule_stops_firing(desk: Desk) -> None:
    ws, ids = desk
    evaluate(ws, AS_OF)
    action_id = _one(ws, "no_touch", ids["Quiet"])
    q.done(ws, action_id, on=AS_OF, note="Called Rita; all fine")
    rows = ws.query(
        "SELECT at, kind, role, person_id, title, body FROM events WHERE account_id = ? "
        "ORDER BY at DESC LIMIT 1",
        (ids["Quiet"],),
    )
    assert rows == [
        ("2026-06-15 12:00:00", "call", "cs", ANA, "Get in touch", "Called Rita; all fine")
    ]
    action = get_action(ws, action_id)
    assert (action.state, action.closed_on, action.note) == (
        ActionState.DONE,
        AS_OF,
        "Called Rita; all fine",
    )
    evaluate(ws, AS_OF)
    evaluate(ws, date(2026, 7, 10))  # 25 days after the touch: within the cadence
    assert [a.state for a in load_actions(ws, rule="no_touch", account_id=ids["Quiet"])] == [
        ActionState.DONE
    ]
    evaluate(ws, date(2026, 7, 20))  # 35 days after: late again, a new action
    states = [a.state for a in load_actions(ws, rule="no_touch", account_id=ids["Quiet"])]
    assert sorted(states) == [ActionState.DONE, ActionState.OPEN]


def test_done_expansion_raises_an_opportunity_for_the_am(desk: Desk) -> None:
    ws, _ = desk
    evaluate(ws, AS_OF)
    change = q.done(ws, _one(ws, "expansion_signal"), on=AS_OF)
    rows = ws.query(
        "SELECT kind, raised_by_id, raised_role, owner_id, owner_role, stage, created "
        "FROM opportunities WHERE id = ?",
        (change.opportunity_id,),
    )
    assert rows == [("upsell", ANA, "cs", BRUNO, "am", "identified", "2026-06-15")]
    # An open upsell opportunity: the signal does not come back.
    evaluate(ws, date(2026, 6, 20))
    assert len(load_actions(ws, rule="expansion_signal")) == 1


def test_a_closed_detractor_comes_back_only_for_a_new_answer(desk: Desk) -> None:
    ws, ids = desk
    evaluate(ws, AS_OF)
    q.dismiss(ws, _one(ws, "detractor"), "Spoke at the event", on=AS_OF)
    evaluate(ws, AS_OF)
    assert len(load_actions(ws, rule="detractor")) == 1  # the same answer: stays dismissed
    ws.insert_many(
        "surveys",
        ["account_id", "date", "type", "score"],
        [(ids["Detractor"], "2026-06-16", "nps", 5)],
    )
    evaluate(ws, date(2026, 6, 16))
    actions = load_actions(ws, rule="detractor")
    assert sorted(a.state for a in actions) == [ActionState.DISMISSED, ActionState.OPEN]
    new = next(a for a in actions if a.state is ActionState.OPEN)
    assert new.due == date(2026, 6, 19)


def test_snooze_hides_until_its_day_and_comes_back(desk: Desk) -> None:
    ws, _ = desk
    evaluate(ws, AS_OF)
    action_id = _one(ws, "expansion_signal")
    q.snooze(ws, action_id, date(2026, 6, 20), today=AS_OF)
    shown = {i.action.id for i in q.queue(ws, today=AS_OF)}
    assert action_id not in shown
    evaluate(ws, date(2026, 6, 19))
    assert get_action(ws, action_id).state is ActionState.SNOOZED
    result = evaluate(ws, date(2026, 6, 20))
    assert result.woken == 1
    assert get_action(ws, action_id).state is ActionState.OPEN
    assert action_id in {i.action.id for i in q.queue(ws, today=date(2026, 6, 20))}


def test_refusals_change_nothing(desk: Desk) -> None:
    ws, _ids = desk
    evaluate(ws, AS_OF)
    before = load_actions(ws)
    action_id = _one(ws, "renewal_due")
    with pytest.raises(CsdeskError, match="not after today"):
        q.snooze(ws, action_id, AS_OF, today=AS_OF)
    with pytest.raises(CsdeskError, match="no action with id 999"):
        q.done(ws, 999, on=AS_OF)
    with pytest.raises(CsdeskError, match="needs a reason"):
        q.dismiss(ws, action_id, "  ")
    with pytest.raises(CsdeskError, match="no step 9"):
        tick_step(ws, action_id, 9)
    q.done(ws, action_id, on=AS_OF)
    with pytest.raises(CsdeskError, match="already done"):
        q.done(ws, action_id, on=AS_OF)
    after = {a.id: a for a in load_actions(ws)}
    assert [after[a.id] for a in before if a.id != action_id] == [
        a for a in before if a.id != action_id
    ]


def test_manual_actions_and_steps(desk: Desk) -> None:
    ws, ids = desk
    action_id = q.add(
        ws, ids["Half"], "Send the roadmap", due=date(2026, 6, 18), role=Role.AM, today=AS_OF
    )
    action = get_action(ws, action_id)
    assert (action.rule, action.owner_role, action.owner_id, action.due) == (
        "manual",
        Role.AM,
        BRUNO,
        date(2026, 6, 18),
    )
    evaluate(ws, AS_OF)  # rules leave manual actions alone
    assert get_action(ws, action_id) == action
    renewal = _one(ws, "renewal_due")
    tick_step(ws, renewal, 2)
    assert [s.done for s in get_action(ws, renewal).steps] == [False, True, False, False]
    with pytest.raises(CsdeskError, match="needs a title"):
        q.add(ws, ids["Half"], "  ")


def test_undo_puts_back_exactly_what_was_there(desk: Desk) -> None:
    ws, _ids = desk
    evaluate(ws, AS_OF)
    action_id = _one(ws, "expansion_signal")
    before = get_action(ws, action_id)
    events = ws.scalar("SELECT count(*) FROM events")
    change = q.done(ws, action_id, on=AS_OF, note="ok")
    q.undo(ws, change)
    assert get_action(ws, action_id) == before
    assert ws.scalar("SELECT count(*) FROM events") == events
    assert ws.scalar("SELECT count(*) FROM opportunities") == 0
    change = q.snooze(ws, action_id, date(2026, 7, 1), today=AS_OF)
    q.undo(ws, change)
    assert get_action(ws, action_id) == before


def test_the_queue_is_worded_in_the_readers_language(desk: Desk) -> None:
    ws, _ = desk
    evaluate(ws, AS_OF)
    items = {i.action.rule: i for i in q.queue(ws, today=AS_OF, loc="pt_BR")}
    renewal = items["renewal_due"]
    assert renewal.title == "Renovação em 01/08/2026: iniciar a renovação"
    assert renewal.why == "Renova em 01/08/2026, em 47 dias; valor do contrato R$\xa024.000."
    assert renewal.steps[0] == ("Confirmar o decisor", False)
    assert renewal.group(AS_OF) == "today"
    assert items["escalation"].group(AS_OF) == "overdue"
    assert "Urgente" in items["escalation"].why or "urgente" in items["escalation"].why
