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

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from csdesk.desk.conditions import CONDITIONS, Context, Trigger, holds
from csdesk.desk.rules import Rule, RulePack, load_pack
from csdesk.desk.wording import rule_title, rule_why
from csdesk.domain.actions import Action, ActionState, Priority, Step
from csdesk.domain.enums import Role
from csdesk.metrics.side_by_side import beside
from csdesk.store.queries.actions import (
    get_action,
    insert_action,
    load_actions,
    open_keys,
    write_action,
)
from csdesk.store.settings import Setting
from csdesk.store.workspace import Workspace

# Who owns an account's work for each role: the account's owner columns.
OWNER_FIELD = {Role.CS: "csm_id", Role.AM: "am_id", Role.SUPPORT: "support_owner_id"}
CHURNED_REASON = "churned"
_SLOW = frozenset({"health_drop"})
CHECKED: Setting[dict[str, str]] = Setting(
    "desk.checked", {}, "What the slow rules last read (their answer is reused while it holds)"
)


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
        language=_lang(loc),
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
    by_id = {r.id: r for r in rules}
    triggers: dict[str, dict[int, Trigger]] = {}
    # Health scores of two months are the slow read: they run on a connection of their own
    # while the other conditions read on this one.
    seen = CHECKED.get(ws)
    prints = {r.id: _fingerprint(ws, r, today) for r in rules if r.condition in _SLOW}
    unchanged = {
        rule_id
        for rule_id, mark in prints.items()
        if seen.get(rule_id) == mark and not by_id[rule_id].auto_close
    }
    slow = {
        rule.id: beside(ws, _reader(ctx, rule))
        for rule in rules
        if rule.condition in _SLOW and rule.id not in unchanged
    }
    for rule_id in unchanged:
        # Same month, same data, same rule: every trigger it would give was handled last time.
        triggers[rule_id] = {}
    for i, rule in enumerate(rules):
        if progress:
            progress(i / max(len(rules), 1), rule.id)
        if rule.id not in slow and rule.id not in unchanged:
            triggers[rule.id] = CONDITIONS[rule.condition](ctx, rule.params)
    for rule_id, pending in slow.items():
        triggers[rule_id] = pending.result()
    open_now: dict[tuple[str, int], Action] = {}
    closed_keys: set[tuple[str, int, str]] = set()
    for action_id, account_id, rule_id, key, state, why_data in open_keys(ws):
        if state.is_open:
            # What the conditions' checks read; the whole row is read only to change it.
            open_now[(rule_id, account_id)] = Action(
                id=action_id,
                account_id=account_id,
                rule=rule_id,
                owner_role=Role.CS,
                title="",
                due=date.min,
                priority=Priority.MEDIUM,
                dedupe_key=key,
                state=state,
                why_data=json.loads(why_data) if why_data else {},
            )
        else:
            closed_keys.add((rule_id, account_id, key))

    raised = closed = woken = dismissed = 0
    with ws.bookkeeping() as conn:
        for action in load_actions(ws, states=[ActionState.SNOOZED]):
            if action.snoozed_until is None or action.snoozed_until <= today:
                write_action(conn, replace(action, state=ActionState.OPEN, snoozed_until=None))
                woken += 1
        for (rule_id, account_id), action in list(open_now.items()):
            if not ctx.active(account_id):
                full = get_action(ws, action.id or 0)
                write_action(conn, _closed_by_rules(full, today, ActionState.DISMISSED))
                closed_keys.add((rule_id, account_id, action.dedupe_key))
                del open_now[(rule_id, account_id)]
                dismissed += 1
                continue
            found = by_id.get(rule_id)
            if found is None or not found.auto_close:
                continue
            if not holds(found.condition)(ctx, found.params, action, triggers[found.id]):
                full = get_action(ws, action.id or 0)
                write_action(conn, _closed_by_rules(full, today, ActionState.DONE))
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
        if prints and {**seen, **prints} != seen:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (CHECKED.key, json.dumps({**seen, **prints}, sort_keys=True)),
            )
    if progress:
        progress(1.0, "")
    return Evaluation(today, raised, closed, woken, dismissed)


_WATCHED = ("events", "usage", "surveys", "tickets", "contracts")


def _fingerprint(ws: Workspace, rule: Rule, today: date) -> str:
    """What a slow condition's answer depends on: its parameters, the health month and model,
    the newest row of every table it reads, the import batches (revenue arrives by import) and
    the accounts' status, seats and start. Equal prints give equal triggers; each part is an
    index lookup or a short read, not a scan of the big tables."""
    from csdesk.desk.conditions import health_month
    from csdesk.domain.month import Month
    from csdesk.metrics.health import HEALTH_MODEL

    month = health_month(ws, today)
    newest = [ws.scalar(f"SELECT coalesce(max(id), 0) FROM {table}") for table in _WATCHED]
    batches = ws.scalar("SELECT group_concat(id || state, ',') FROM import_batches")
    accounts = ws.scalar(
        "SELECT group_concat(id || status || coalesce(seats, '') || coalesce(start_date, ''), "
        "',') FROM accounts"
    )
    current = today.isoformat() if month == Month.of(today) else ""
    digest = hashlib.sha256(f"{batches}|{accounts}".encode()).hexdigest()
    raw = [rule.params, str(month), current, HEALTH_MODEL.get(ws), newest, digest]
    return json.dumps(raw, sort_keys=True, default=str)


def _reader(ctx: Context, rule: Rule) -> Callable[[Workspace], dict[int, Trigger]]:
    def run(side: Workspace) -> dict[int, Trigger]:
        return CONDITIONS[rule.condition](ctx.on(side), rule.params)

    return run


def _closed_by_rules(action: Action, today: date, state: ActionState) -> Action:
    return replace(
        action,
        state=state,
        snoozed_until=None,
        closed_on=today,
        closed_by="rules",
        dismiss_reason=CHURNED_REASON if state is ActionState.DISMISSED else None,
    )
