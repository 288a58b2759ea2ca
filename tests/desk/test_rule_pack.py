"""The rule pack file: a workspace override changes fields by id, turns rules off, adds rules;
a mistake in it names the rule and the field and is refused."""

from __future__ import annotations

from datetime import date

import pytest

from csdesk.desk.engine import evaluate
from csdesk.desk.rules import RULES_OVERRIDE, load_pack, pack_from_text, risk_reasons
from csdesk.domain.actions import Priority, Risk, RiskStage
from csdesk.errors import CsdeskError
from csdesk.store import Workspace
from csdesk.store.queries.actions import load_actions
from tests.desk.desk_book import AS_OF

Desk = tuple[Workspace, dict[str, int]]


def test_an_override_changes_a_rule_field_by_field_and_turns_one_off(desk: Desk) -> None:
    ws, ids = desk
    RULES_OVERRIDE.set(
        ws,
        '[[rules]]\nid = "renewal_due"\npriority = "low"\nparams = { days = 200 }\n'
        'title.en = "Renewal {renewal_date}"\n\n'
        '[[rules]]\nid = "no_touch"\nenabled = false\n',
    )
    pack = load_pack(ws)
    renewal = pack.get("renewal_due")
    assert renewal is not None and renewal.priority is Priority.LOW
    assert renewal.titles["pt_BR"].startswith("Renovação")  # untouched language kept
    evaluate(ws, AS_OF)
    names = {v: k for k, v in ids.items()}
    renewals = load_actions(ws, rule="renewal_due")
    assert {names[a.account_id] for a in renewals} == {"Renew Soon", "Renew Late", "Renew Far"}
    assert {a.title for a in renewals} >= {"Renewal Aug 1, 2026"}
    assert load_actions(ws, rule="no_touch") == []


def test_an_override_adds_a_rule(desk: Desk) -> None:
    ws, ids = desk
    RULES_OVERRIDE.set(
        ws,
        '[[rules]]\nid = "renewal_soon"\ncondition = "renewal_within"\nparams = { days = 30 }\n'
        'owner_role = "cs"\ntitle.en = "Renewal in a month"\n',
    )
    evaluate(ws, date(2026, 7, 10))
    (action,) = load_actions(ws, rule="renewal_soon")
    assert action.account_id == ids["Renew Soon"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[rules]\n", "not valid TOML"),
        ('[[rules]]\nid = "x"\ncondition = "moon_phase"\n', "condition 'moon_phase'"),
        ('[[rules]]\nid = "no_touch"\nowner_role = "boss"\n', "owner_role 'boss'"),
        ('[[rules]]\nid = "no_touch"\npriority = "urgent"\n', "priority 'urgent'"),
        ('[[rules]]\nid = "no_touch"\ndue = { from = "tomorrow" }\n', "due must be"),
        (
            '[[rules]]\nid = "manual"\ncondition = "no_touch"\nowner_role = "cs"\ntitle.en = "x"\n',
            "kept for actions",
        ),
    ],
)
def test_a_bad_override_is_refused_with_its_place(text: str, message: str) -> None:
    with pytest.raises(CsdeskError, match=message):
        pack_from_text(text)


def test_risk_reasons_are_named_in_both_languages() -> None:
    reasons = dict(risk_reasons())
    assert {
        "product_fit",
        "adoption",
        "champion_left",
        "budget",
        "competitor",
        "support_experience",
        "price",
    } <= reasons.keys()
    assert all(names["en"] and names["pt_BR"] for names in reasons.values())


def test_days_in_each_risk_stage() -> None:
    risk = Risk(
        id=1,
        account_id=1,
        reason="budget",
        stage=RiskStage.SAVING,
        opened_on=date(2026, 5, 1),
        stages=(
            (RiskStage.AT_RISK, date(2026, 5, 1)),
            (RiskStage.PLAN, date(2026, 5, 11)),
            (RiskStage.SAVING, date(2026, 5, 14)),
        ),
    )
    assert risk.days_in_stages(date(2026, 6, 1)) == {
        RiskStage.AT_RISK: 10,
        RiskStage.PLAN: 3,
        RiskStage.SAVING: 18,
    }


def test_a_risk_moves_through_its_stages_with_the_days_in_each(desk: Desk) -> None:
    from csdesk.store.queries.risks import get_risk, move_risk, open_risk

    ws, ids = desk
    evaluate(ws, AS_OF)
    (drop,) = load_actions(ws, rule="health_drop", account_id=ids["Falling"])
    known = {rid for rid, _ in risk_reasons()}
    risk_id = open_risk(
        ws,
        ids["Falling"],
        "adoption",
        on=date(2026, 6, 1),
        known_reasons=known,
        action_id=drop.id,
    )
    assert load_actions(ws, rule="health_drop", account_id=ids["Falling"])[0].risk_reason == (
        "adoption"
    )
    move_risk(ws, risk_id, RiskStage.PLAN, on=date(2026, 6, 5))
    move_risk(ws, risk_id, RiskStage.SAVING, on=date(2026, 6, 12))
    move_risk(ws, risk_id, RiskStage.RECOVERED, on=date(2026, 7, 2))
    risk = get_risk(ws, risk_id)
    assert risk.stage is RiskStage.RECOVERED
    assert risk.days_in_stages(date(2026, 8, 1)) == {
        RiskStage.AT_RISK: 4,
        RiskStage.PLAN: 7,
        RiskStage.SAVING: 20,
        RiskStage.RECOVERED: 0,
    }
    with pytest.raises(CsdeskError, match="already recovered"):
        move_risk(ws, risk_id, RiskStage.SAVING, on=date(2026, 7, 3))
    with pytest.raises(CsdeskError, match="is not a risk reason"):
        open_risk(ws, ids["Falling"], "moon", on=AS_OF, known_reasons=known)
    other = open_risk(ws, ids["Busy"], "price", on=date(2026, 6, 10), known_reasons=known)
    with pytest.raises(CsdeskError, match="before it"):
        move_risk(ws, other, RiskStage.PLAN, on=date(2026, 6, 9))
