"""The default rule pack on the hand-built book (tests/desk/desk_book.py): each rule fires for
the accounts built for it and not for the ones beside them; evaluating again changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from csdesk.desk.engine import evaluate
from csdesk.desk.rules import default_pack
from csdesk.domain.actions import ActionState, Priority
from csdesk.domain.enums import Role
from csdesk.domain.month import Month
from csdesk.metrics import health
from csdesk.store import Workspace
from csdesk.store.queries.actions import load_actions
from tests.desk.desk_book import ANA, AS_OF, BRUNO, CARLA

Desk = tuple[Workspace, dict[str, int]]


def _fired(ws: Workspace, ids: dict[str, int], rule: str) -> set[str]:
    names = {v: k for k, v in ids.items()}
    return {names[a.account_id] for a in load_actions(ws, rule=rule)}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("renewal_due", {"Renew Soon"}),
        ("no_touch", {"Quiet", "Never"}),
        ("detractor", {"Detractor"}),
        ("expansion_signal", {"Busy"}),
        ("escalation", {"Escalated"}),
        ("onboarding_stalled", {"Stalled"}),
    ],
)
def test_each_rule_fires_for_its_accounts_only(desk: Desk, rule: str, expected: set[str]) -> None:
    ws, ids = desk
    evaluate(ws, AS_OF)
    assert _fired(ws, ids, rule) == expected


def test_health_drop_fires_where_the_score_fell_ten_points_or_the_band_got_worse(
    desk: Desk,
) -> None:
    ws, ids = desk
    evaluate(ws, AS_OF)
    fired = _fired(ws, ids, "health_drop")
    assert "Falling" in fired
    assert "Steady" not in fired  # 89.6 → 84.7: under 10 points, still healthy
    june = health.score_all(ws, Month(2026, 6))
    may = health.score_all(ws, Month(2026, 5))
    rank = {"healthy": 0, "at_risk": 1, "critical": 2}
    names = {v: k for k, v in ids.items()}
    expected = set()
    for account_id in june.index.intersection(may.index):
        now, before = june.loc[account_id], may.loc[account_id]
        if now["band"] is None or before["band"] is None:
            continue
        if before["score"] - now["score"] >= 10 or rank[now["band"]] > rank[before["band"]]:
            expected.add(names[account_id])
    assert fired == expected
    falling = load_actions(ws, rule="health_drop", account_id=ids["Falling"])[0]
    assert falling.priority is Priority.MEDIUM  # the new band, at risk
    assert falling.why_data["previous"] == pytest.approx(may.loc[ids["Falling"], "score"])


def test_churned_accounts_raise_nothing(desk: Desk) -> None:
    ws, ids = desk
    evaluate(ws, AS_OF)
    assert load_actions(ws, account_id=ids["Gone"]) == []


def test_owner_roles_people_and_due_dates(desk: Desk) -> None:
    ws, ids = desk
    evaluate(ws, AS_OF)
    (renewal,) = load_actions(ws, rule="renewal_due")
    assert (renewal.owner_role, renewal.owner_id) == (Role.AM, BRUNO)
    assert renewal.due == AS_OF  # 60 days before 1 August is 2 June: today instead
    assert [s.title for s in renewal.steps] == [
        "Confirm the decision maker",
        "Send the renewal proposal",
        "Negotiate",
        "Close",
    ]
    (escalation,) = load_actions(ws, rule="escalation")
    assert (escalation.owner_role, escalation.owner_id) == (Role.SUPPORT, CARLA)
    assert escalation.informed_role is Role.CS
    assert escalation.due == date(2026, 6, 12)  # two days after the ticket: overdue
    (detractor,) = load_actions(ws, rule="detractor")
    assert (detractor.owner_role, detractor.owner_id) == (Role.CS, ANA)
    assert detractor.due == date(2026, 6, 15)  # three days after the answer
    assert "Rita Souza answered NPS 4 on Jun 12, 2026" in detractor.why
    quiet = load_actions(ws, rule="no_touch", account_id=ids["Quiet"])[0]
    assert quiet.due == date(2026, 5, 1)  # the day the 30-day cadence ran out
    assert quiet.why_data["days_since"] == 75
    expansion = load_actions(ws, rule="expansion_signal")[0]
    assert "Hand the opportunity to the AM" in [s.title for s in expansion.steps]


def test_renewal_due_counts_sixty_days_back_when_that_is_still_ahead(desk: Desk) -> None:
    ws, _ = desk
    evaluate(ws, date(2026, 5, 20))  # 1 August is 73 days away
    (renewal,) = load_actions(ws, rule="renewal_due")
    assert renewal.due == date(2026, 6, 2)


def test_evaluating_again_changes_nothing(desk: Desk) -> None:
    ws, _ = desk
    first = evaluate(ws, AS_OF)
    before = load_actions(ws)
    second = evaluate(ws, AS_OF)
    assert first.raised == len(before) > 0
    assert (second.raised, second.closed, second.woken) == (0, 0, 0)
    assert load_actions(ws) == before


def test_the_file_refuses_a_second_open_action_for_one_rule_and_account(desk: Desk) -> None:
    import sqlite3

    ws, ids = desk
    evaluate(ws, AS_OF)
    with pytest.raises(sqlite3.IntegrityError), ws.transaction() as conn:
        conn.execute(
            "INSERT INTO actions (account_id, rule, owner_role, title, due, priority, "
            "created_on, updated_at) VALUES (?, 'renewal_due', 'am', 'x', '2026-06-15', "
            "'high', '2026-06-15', '2026-06-15')",
            (ids["Renew Soon"],),
        )


def test_a_touch_logged_closes_no_touch_by_itself(desk: Desk) -> None:
    ws, ids = desk
    evaluate(ws, AS_OF)
    with ws.transaction() as conn:
        conn.execute(
            "INSERT INTO events (account_id, at, kind, role, title) "
            "VALUES (?, '2026-06-15 09:00:00', 'email', 'cs', 'Hello')",
            (ids["Never"],),
        )
    result = evaluate(ws, AS_OF)
    (action,) = load_actions(ws, rule="no_touch", account_id=ids["Never"])
    assert (action.state, action.closed_by, action.closed_on) == (
        ActionState.DONE,
        "rules",
        AS_OF,
    )
    assert result.closed == 1
    # Quiet is still untouched: its action stays open.
    assert load_actions(ws, rule="no_touch", account_id=ids["Quiet"])[0].state.is_open


def test_a_renewal_moved_on_closes_by_itself(desk: Desk) -> None:
    ws, ids = desk
    evaluate(ws, AS_OF)
    with ws.transaction() as conn:
        conn.execute(
            "UPDATE accounts SET renewal_date = '2027-08-01' WHERE id = ?", (ids["Renew Soon"],)
        )
    evaluate(ws, AS_OF)
    (action,) = load_actions(ws, rule="renewal_due")
    assert action.state is ActionState.DONE and action.closed_by == "rules"


def test_an_account_churning_dismisses_its_open_actions(desk: Desk) -> None:
    ws, ids = desk
    evaluate(ws, AS_OF)
    with ws.transaction() as conn:
        conn.execute("UPDATE accounts SET status = 'churned' WHERE id = ?", (ids["Busy"],))
    evaluate(ws, AS_OF)
    (action,) = load_actions(ws, account_id=ids["Busy"])
    assert (action.state, action.dismiss_reason) == (ActionState.DISMISSED, "churned")


def test_the_default_pack_names_every_rule_of_the_issue() -> None:
    pack = default_pack()
    ids = {r.id for r in pack.rules}
    assert {
        "renewal_due",
        "no_touch",
        "detractor",
        "expansion_signal",
        "health_drop",
        "escalation",
        "onboarding_stalled",
    } <= ids
    for rule in pack.rules:
        assert rule.titles.keys() >= {"en", "pt_BR"}, rule.id
        assert rule.whys.keys() >= {"en", "pt_BR"}, rule.id
        if rule.steps:
            assert len(rule.steps["en"]) == len(rule.steps["pt_BR"]), rule.id
    roles = {r.id: r.owner_role for r in pack.rules}
    assert roles["renewal_due"] is Role.AM
    assert roles["escalation"] is Role.SUPPORT
    assert {roles[r] for r in ("no_touch", "detractor", "expansion_signal", "health_drop")} == {
        Role.CS
    }


def test_health_drop_is_read_again_when_the_data_changes(desk: Desk) -> None:
    """The health scores are reused while nothing they read changed; a new usage row is a
    change, and the drop it causes raises an action on the next evaluation."""
    ws, ids = desk
    evaluate(ws, AS_OF)
    assert ids["Steady"] not in {a.account_id for a in load_actions(ws, rule="health_drop")}
    ws.insert_many(
        "usage",
        ["account_id", "date", "metric", "value"],
        [(ids["Steady"], "2026-06-15", "active_users", 1.0)],
    )
    evaluate(ws, AS_OF)
    assert ids["Steady"] in {a.account_id for a in load_actions(ws, rule="health_drop")}
