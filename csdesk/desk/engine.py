"""Evaluating the rule pack: raise, keep, close by themselves and wake up actions.

One evaluation as of a day, in one transaction:

* a snoozed action whose date has come is open again;
* an open (or snoozed) action of an ``auto_close`` rule whose condition no longer holds is
  closed as done by the rules (a touch was logged, the renewal date moved on);
* an open action of a churned account is dismissed by the rules: churned accounts raise nothing;
* every trigger of an enabled rule raises an action unless the rule already has an open one
  for that account, or one closed for the same occurrence (``dedupe_key``). So evaluating
  again changes nothing while a condition holds, and a closed action comes back only when
  the condition arises anew (a new detractor answer, a new renewal date).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from csdesk.desk.conditions import CONDITIONS, Context, Trigger, holds
from csdesk.desk.rules import Rule, RulePack, load_pack
from csdesk.desk.wording import rule_title, rule_why
from csdesk.domain.actions import MANUAL_RULE, Action, ActionState, Priority, Step
from csdesk.domain.enums import Role
from csdesk.store.queries.actions import insert_action, load_actions, write_action
from csdesk.store.workspace import Workspace

# Who owns an account's work for each role: the account's owner columns.
OWNER_FIELD = {Role.CS: "csm_id", Role.AM: "am_id", Role.SUPPORT: "support_owner_id"}
CHURNED_REASON = "churned"


@dataclass(frozen=True, slots=True)
class Evaluation:
    as_of: date
    raised: int
    closed: int
    woken: int
    dismissed: int


def workspace_locale(ws: Workspace) -> tuple[str, str]:
    """(locale, currency) actions are worded in when stored."""
    from csdesk.i18n.formatting import normalise, system_locale
    from csdesk.store.settings import CURRENCY, LOCALE

    chosen = LOCALE.get(ws)
    return (normalise(chosen) if chosen else system_locale()), CURRENCY.get(ws)


def due_date(rule: Rule, trigger: Trigger, today: date) -> date:
    start = trigger.anchor if rule.due_from == "anchor" else today
    due = start + timedelta(days=rule.due_days)
    return max(due, today) if rule.due_not_before_today else due


def build_action(rule: Rule, trigger: Trigger, ctx: Context, loc: str, currency: str) -> Action:
    facts = ctx.accounts[trigger.account_id]
    field = OWNER_FIELD.get(rule.owner_role)
    owner = getattr(facts, field) if field else None
    return Action(
        id=None,
        account_id=trigger.account_id,
        rule=rule.id,
        dedupe_key=trigger.key,
        owner_role=rule.owner_role,
        owner_id=owner,
        informed_role=rule.informed_role,
        title=rule_title(rule, trigger.data, loc, currency),
        why=rule_why(rule, trigger.data, loc, currency, variant=trigger.variant),
        why_data=trigger.data,
        due=due_date(rule, trigger, ctx.as_of),
        priority=rule.priority or trigger.priority or Priority.MEDIUM,
        steps=tuple(Step(t) for t in rule.step_titles(_lang(loc))),
    )


def _lang(loc: str) -> str:
    from csdesk.i18n.translation import resolve_language

    return resolve_language(loc)


def evaluate(
    ws: Workspace,
    as_of: date | None = None,
    *,
    pack: RulePack | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> Evaluation:
    """Bring the queue up to date with the data as of ``as_of`` (default: today)."""
    today = as_of or date.today()
    pack = pack or load_pack(ws)
    ctx = Context.load(ws, today)
    loc, currency = workspace_locale(ws)
    rules = pack.enabled()
    triggers: dict[str, dict[int, Trigger]] = {}
    for i, rule in enumerate(rules):
        if progress:
            progress(i / max(len(rules), 1), rule.id)
        triggers[rule.id] = CONDITIONS[rule.condition](ctx, rule.params)
    existing = [a for a in load_actions(ws) if a.rule != MANUAL_RULE]
    open_now: dict[tuple[str, int], Action] = {}
    closed_keys: set[tuple[str, int, str]] = set()
    for action in existing:
        if action.state.is_open:
            open_now[(action.rule, action.account_id)] = action
        else:
            closed_keys.add((action.rule, action.account_id, action.dedupe_key))

    raised = closed = woken = dismissed = 0
    with ws.transaction() as conn:
        for action in load_actions(ws, states=[ActionState.SNOOZED]):
            if action.snoozed_until is None or action.snoozed_until <= today:
                write_action(conn, replace(action, state=ActionState.OPEN, snoozed_until=None))
                woken += 1
        by_id = {r.id: r for r in rules}
        for (rule_id, account_id), action in list(open_now.items()):
            if not ctx.active(account_id):
                write_action(conn, _closed_by_rules(action, today, ActionState.DISMISSED))
                closed_keys.add((rule_id, account_id, action.dedupe_key))
                del open_now[(rule_id, account_id)]
                dismissed += 1
                continue
            found = by_id.get(rule_id)
            if found is None or not found.auto_close:
                continue
            if not holds(found.condition)(ctx, found.params, action, triggers[found.id]):
                write_action(conn, _closed_by_rules(action, today, ActionState.DONE))
                closed_keys.add((rule_id, account_id, action.dedupe_key))
                del open_now[(rule_id, account_id)]
                closed += 1
        for rule in rules:
            for account_id, trigger in triggers[rule.id].items():
                if (rule.id, account_id) in open_now:
                    continue
                if (rule.id, account_id, trigger.key) in closed_keys:
                    continue
                insert_action(conn, build_action(rule, trigger, ctx, loc, currency), on=today)
                raised += 1
    if progress:
        progress(1.0, "")
    return Evaluation(today, raised, closed, woken, dismissed)


def _closed_by_rules(action: Action, today: date, state: ActionState) -> Action:
    return replace(
        action,
        state=state,
        snoozed_until=None,
        closed_on=today,
        closed_by="rules",
        dismiss_reason=CHURNED_REASON if state is ActionState.DISMISSED else None,
    )
