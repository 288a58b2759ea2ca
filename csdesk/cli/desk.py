"""`csdesk today`, `csdesk action ...` and `csdesk timeline`: the work queue from a terminal.

``today`` brings the queue up to date with the data as of a day (the rules are evaluated, so it
opens the workspace for writing) and prints it; ``action`` changes one action; ``timeline``
prints an account's story as the app shows it. The JSON keys are stable and listed in the
README. A mistake (unknown id or account, an impossible date, a snooze into the past) is one
``csdesk:`` line, exit 2, and nothing changed.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from csdesk.cli.common import (
    ACCOUNT_HELP,
    language_argument,
    open_workspace,
    print_json,
    workspace_argument,
)
from csdesk.errors import N_, CsdeskError, Message
from csdesk.i18n import _
from csdesk.i18n.lang import Lang, workspace_lang

_ROLES = ("cs", "am", "support", "cx")
ACTION_ID_HELP = N_("the action's id, as `csdesk today FILE` lists it")


def _day(text: str | None, what: str) -> date | None:
    """A YYYY-MM-DD date, refused with a sentence (not argparse's usage dump) when impossible."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CsdeskError(
            N_("{what} {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-06-15."),
            what=what,
            text=text,
        ) from None


def _role(text: str | None) -> Any:
    from csdesk.domain.enums import Role

    if text is None:
        return None
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise CsdeskError(
            N_("role {text!r} is not one of {roles}."), text=text, roles=", ".join(_ROLES)
        ) from None


def _action_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CsdeskError(
            N_("{text!r} is not an action id (a number, as `csdesk today FILE` lists them)."),
            text=text,
        ) from None


def register(subparsers: Any) -> None:
    today = subparsers.add_parser(
        "today",
        help=_("the work queue: what to do today, raised by the rules"),
        description=_(
            "Evaluate the rules as of a day (default: today) and print the open "
            "actions, most urgent first. With --all, snoozed, done and dismissed ones too."
        ),
    )
    workspace_argument(today)
    today.add_argument("--as-of", metavar="YYYY-MM-DD", help=_("default: today"))
    today.add_argument("--owner", metavar="NAME", help=_("one team member's actions"))
    today.add_argument("--role", metavar="ROLE", help=_("cs, am, support or cx"))
    today.add_argument("--all", action="store_true", help=_("also snoozed, done and dismissed"))
    today.add_argument("--json", action="store_true", help=_("print one JSON object"))
    language_argument(today)
    today.set_defaults(handler=_today)

    action = subparsers.add_parser(
        "action",
        help=_("close, snooze, dismiss, add an action or tick a playbook step"),
        description=_("Change one action of the work queue (ids as `csdesk today` prints them)."),
    )
    verbs = action.add_subparsers(dest="verb", metavar="VERB", required=True)
    done = verbs.add_parser("done", help=_("done: logs the touch on the account's timeline"))
    workspace_argument(done)
    done.add_argument("id", metavar="ID", help=_(ACTION_ID_HELP))
    done.add_argument("--note", metavar="TEXT", help=_("what happened, kept on the timeline"))
    done.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help=_("the day it was done (default today)")
    )
    language_argument(done)
    done.set_defaults(handler=_done)
    snooze = verbs.add_parser("snooze", help=_("hide it until a day"))
    workspace_argument(snooze)
    snooze.add_argument("id", metavar="ID", help=_(ACTION_ID_HELP))
    snooze.add_argument(
        "--until", metavar="YYYY-MM-DD", required=True, help=_("the day it shows again")
    )
    language_argument(snooze)
    snooze.set_defaults(handler=_snooze)
    dismiss = verbs.add_parser("dismiss", help=_("close it without doing it, saying why"))
    workspace_argument(dismiss)
    dismiss.add_argument("id", metavar="ID", help=_(ACTION_ID_HELP))
    dismiss.add_argument(
        "--reason", metavar="TEXT", required=True, help=_("why it needs no doing, kept with it")
    )
    language_argument(dismiss)
    dismiss.set_defaults(handler=_dismiss)
    add = verbs.add_parser("add", help=_("add an action by hand (rule 'manual')"))
    workspace_argument(add)
    add.add_argument("account", metavar="ACCOUNT", help=_(ACCOUNT_HELP))
    add.add_argument("title", metavar="TITLE", help=_("what to do, as the queue shows it"))
    add.add_argument("--due", metavar="YYYY-MM-DD", help=_("default: today"))
    add.add_argument("--role", metavar="ROLE", default="cs", help=_("owner role (default cs)"))
    add.add_argument("--owner", metavar="NAME", help=_("default: the account's owner for the role"))
    language_argument(add)
    add.set_defaults(handler=_add)
    step = verbs.add_parser("step", help=_("tick playbook step N (1 is the first)"))
    workspace_argument(step)
    step.add_argument("id", metavar="ID", help=_(ACTION_ID_HELP))
    step.add_argument("n", metavar="N", help=_("the step's number in the playbook"))
    language_argument(step)
    step.set_defaults(handler=_step)

    timeline = subparsers.add_parser(
        "timeline",
        help=_("an account's timeline: logged entries and those derived from the data"),
        description=_("Newest first, as the account page shows it."),
    )
    workspace_argument(timeline)
    timeline.add_argument("account", metavar="ACCOUNT", help=_(ACCOUNT_HELP))
    timeline.add_argument("--kind", metavar="K", help=_("one kind (call, qbr, ticket, survey...)"))
    timeline.add_argument("--role", metavar="R", help=_("cs, am, support or cx"))
    timeline.add_argument("--json", action="store_true", help=_("print one JSON object"))
    language_argument(timeline)
    timeline.set_defaults(handler=_timeline)


def _locale(ws: Any, args: argparse.Namespace) -> str:
    from csdesk.cli.metrics import _locale as workspace_locale

    return workspace_locale(ws, args).code


def item_json(item: Any) -> dict[str, Any]:
    """One action as `csdesk today --json` prints it (keys documented in the README)."""
    a = item.action
    return {
        "id": a.id,
        "account_id": item.account_external_id,
        "account": item.account,
        "rule": a.rule,
        "owner_role": str(a.owner_role),
        "owner": item.owner,
        "title": item.title,
        "why": item.why,
        "due": a.due.isoformat(),
        "priority": str(a.priority),
        "state": str(a.state),
        "steps": [{"title": t, "done": d} for t, d in item.steps],
    }


def _today(args: argparse.Namespace) -> int:
    from csdesk.desk import queue
    from csdesk.desk.engine import evaluate
    from csdesk.desk.rules import load_pack
    from csdesk.domain.actions import ActionState
    from csdesk.store.errors import WorkspaceLocked

    day = _day(args.as_of, "--as-of") or date.today()
    role = _role(args.role)
    try:
        ws = open_workspace(args.file)
        locked = None
    except WorkspaceLocked as exc:
        # The app the person works in holds it: the queue it recorded is listed as it is.
        ws, locked = open_workspace(args.file, read_only=True), exc
    with ws:
        owner = queue.person_id(ws, args.owner) if args.owner else None
        pack = load_pack(ws)
        if locked is None:
            evaluate(ws, day, pack=pack)
        else:
            _queue_as_recorded(ws, args, locked)
        states = tuple(ActionState) if args.all else (ActionState.OPEN,)
        loc = _locale(ws, args)
        items = queue.queue(
            ws, today=day, states=states, owner_id=owner, role=role, loc=loc, pack=pack
        )
        if args.json:
            _print_actions(day, [item_json(i) for i in items])
        else:
            _print_queue(items, day, loc)
    return 0


def _queue_as_recorded(ws: Any, args: argparse.Namespace, locked: Any) -> None:
    """Say on stderr that the rules were not evaluated again (the output stays the queue)."""
    import sys

    lang = workspace_lang(ws, args.lang)
    _ = lang
    said = _(
        "the rules were not evaluated again, so this is the queue as last recorded: {reason}"
    ).format(reason=locked.render(lang, remedy=False))
    print(f"csdesk: {said}", file=sys.stderr)


def _print_actions(day: date, actions: list[dict[str, Any]]) -> None:
    """The `today --json` object with one action per line: as readable as an indented dump
    and written by json's C encoder (an indented dump of 7,000 actions took most of a second)."""
    import json
    import sys

    lines = [json.dumps(a, ensure_ascii=False) for a in actions]
    body = ",\n    ".join(lines)
    head = f'{{\n  "as_of": "{day.isoformat()}",\n  "actions": ['
    sys.stdout.write(head + (f"\n    {body}\n  ]\n}}\n" if lines else "]\n}\n"))


def _print_queue(items: list[Any], day: date, loc: str) -> None:
    from csdesk.desk.names import group_label, priority_label, state_label
    from csdesk.i18n import _, language
    from csdesk.i18n import formatting as fmt
    from csdesk.i18n.labels import role_short

    with language(loc):
        print(_("Work queue as of {day}").format(day=fmt.day(day, loc)))
        if not items:
            print(_("Nothing to do: no open actions."))
            return
        current = None
        for item in items:
            group = item.group(day) if item.action.state.is_open else str(item.action.state)
            if group != current:
                current = group
                print()
                open_now = item.action.state.is_open
                print(group_label(group) if open_now else state_label(item.action.state))
            a = item.action
            owner = f"{role_short(a.owner_role)} {item.owner or '—'}"
            due, priority = fmt.day(a.due, loc), priority_label(a.priority)
            print(f"  #{a.id:<5} {due:<13} {priority:<6} {owner:<22} {item.account}: {item.title}")
            if item.why:
                print(f"         {item.why}")


def _changed(args: argparse.Namespace, ws: Any, done: Message) -> int:
    """One line saying what became of the action, in the command's language."""
    lang = workspace_lang(ws, args.lang)
    _ = lang
    # Translators: "action 12: done", "action 12: snoozed until 15/06/2026".
    print(_("action {id}: {what}").format(id=args.id, what=done.render(lang)))
    return 0


def _done(args: argparse.Namespace) -> int:
    from csdesk.desk import queue

    action_id = _action_id(args.id)
    day = _day(args.as_of, "--as-of")
    with open_workspace(args.file) as ws:
        queue.done(ws, action_id, on=day, note=args.note)
        # Translators: what became of an action (agrees with "action").
        return _changed(args, ws, Message(N_("done")))


def _snooze(args: argparse.Namespace) -> int:
    from csdesk.desk import queue

    action_id = _action_id(args.id)
    until = _day(args.until, "--until")
    assert until is not None
    with open_workspace(args.file) as ws:
        queue.snooze(ws, action_id, until)
        return _changed(
            args, ws, Message(N_("snoozed until {day}"), {"day": lambda lang: lang.day(until)})
        )


def _dismiss(args: argparse.Namespace) -> int:
    from csdesk.desk import queue

    action_id = _action_id(args.id)
    with open_workspace(args.file) as ws:
        queue.dismiss(ws, action_id, args.reason)
        # Translators: what became of an action (agrees with "action").
        return _changed(args, ws, Message(N_("dismissed")))


def _add(args: argparse.Namespace) -> int:
    from csdesk.desk import queue
    from csdesk.reports.account_lookup import resolve_account

    due = _day(args.due, "--due")
    role = _role(args.role)
    with open_workspace(args.file) as ws:
        account_id = resolve_account(ws, args.account)
        owner = queue.person_id(ws, args.owner) if args.owner else None
        new_id = queue.add(ws, account_id, args.title, due=due, role=role, owner_id=owner)
        args.id = new_id
        # Translators: what became of an action (agrees with "action").
        return _changed(args, ws, Message(N_("added")))


def _step(args: argparse.Namespace) -> int:
    from csdesk.store.queries.actions import tick_step

    action_id = _action_id(args.id)
    try:
        number = int(args.n)
    except ValueError:
        raise CsdeskError(N_("{n!r} is not a step number (1 is the first)."), n=args.n) from None
    with open_workspace(args.file) as ws:
        tick_step(ws, action_id, number)
        args.id = action_id
        return _changed(args, ws, Message(N_("step {number} done"), {"number": number}))


# -- timeline ---------------------------------------------------------------------------------


def _kind(text: str | None) -> Any:
    from csdesk.domain.enums import DerivedEventKind, EventKind

    if text is None:
        return None
    value = text.strip().lower()
    for kind in (*EventKind, *DerivedEventKind):
        if kind.value == value:
            return kind
    names = ", ".join(k.value for k in (*EventKind, *DerivedEventKind))
    raise CsdeskError(N_("kind {text!r} is not one of {names}."), text=text, names=names)


_SOURCES = {
    "revenue_movement": "revenue",
    "ticket": "tickets",
    "survey": "surveys",
    "renewal_due": "accounts",
}


def timeline_entry(item: Any, lang: Lang, currency: str) -> dict[str, Any]:
    """One timeline entry as `csdesk timeline --json` prints it, its title and body in ``lang``
    with the same words as the account page's timeline."""
    from csdesk.domain.enums import DerivedEventKind
    from csdesk.i18n import formatting as fmt
    from csdesk.i18n.labels import movement_label, priority_label

    _ = lang
    title, body = item.title, item.body
    kind = item.kind
    if kind is DerivedEventKind.REVENUE_MOVEMENT and item.amount is not None:
        sign = "+" if item.amount > 0 else "−"
        movement = movement_label(item.movement, lang) if item.movement else ""
        title = f"{movement} {sign}{fmt.money(abs(item.amount), currency, lang.code)}".strip()
    elif kind is DerivedEventKind.SURVEY and item.survey_type is not None:
        title = f"{str(item.survey_type).upper()} {item.score}"
        body = item.title or None
    elif kind is DerivedEventKind.TICKET:
        facts = [priority_label(item.priority, lang), _("resolved") if item.resolved else _("open")]
        if item.escalated:
            facts.append(_("escalated"))
        body = ", ".join(f for f in facts if f)
    elif kind is DerivedEventKind.RENEWAL_DUE:
        title = _("Contract renewal due")
    return {
        "date": item.at.date().isoformat(),
        "kind": str(kind),
        "role": str(item.role) if item.role else None,
        "person": item.person,
        "title": title,
        "body": body,
        "source": "logged" if item.event_id is not None else _SOURCES.get(str(kind), "derived"),
    }


def _timeline(args: argparse.Namespace) -> int:
    from csdesk.metrics.revenue import account_history
    from csdesk.reports.account_lookup import resolve_account
    from csdesk.store.queries.timeline import timeline
    from csdesk.store.settings import CURRENCY

    kind = _kind(args.kind)
    role = _role(args.role)
    with open_workspace(args.file, read_only=True) as ws:
        account_id = resolve_account(ws, args.account)
        name, external = ws.query(
            "SELECT name, external_id FROM accounts WHERE id = ?", (account_id,)
        )[0]
        items = timeline(
            ws,
            account_id,
            movements=account_history(ws, account_id),
            kinds=None if kind is None else {kind},
            roles=None if role is None else {role},
        )
        lang, currency = workspace_lang(ws, args.lang), CURRENCY.get(ws)
        entries = [timeline_entry(i, lang, currency) for i in items]
    if args.json:
        print_json({"account_id": external, "account": name, "entries": entries})
        return 0
    from csdesk.i18n.labels import label, role_short

    print(f"{name} ({external})" if external else name)
    lines = []
    for item, e in zip(items, entries, strict=True):
        role = role_short(item.role, lang) if item.role else None
        who = " ".join(p for p in (role, e["person"]) if p)
        lines.append((lang.day(item.at.date()), label(item.kind, lang), who, e))
    # Columns as wide as their longest entry (within reason), so a long kind name in another
    # language never runs into the person beside it.
    kind_width = min(max((len(line[1]) for line in lines), default=0), 24)
    who_width = min(max((len(line[2]) for line in lines), default=0), 28)
    for day, kind, who, e in lines:
        print(f"  {day}  {kind:<{kind_width}}  {who:<{who_width}}  {e['title']}".rstrip())
        if e["body"]:
            print(f"{'':{len(day) + 4}}{e['body']}")
    return 0
