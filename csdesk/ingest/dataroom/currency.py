"""The one currency a data room's amounts are read in, settled before anything is written.

Each file of a room is planned alone, against the workspace as it is. For a workspace that
has no currency yet (new, or holding no money and never told one) each file would take the
currency its own cells or headers name: the revenue export in USD, the accounts register that
names none in the default BRL, the contracts in EUR. Imported in order, the first file's
currency would become the workspace's and the others' amounts would be summed in it. So the
room decides first:

- exactly one currency named by the room's files: the amounts that name none are read in it
  too, and their plans say which files named it;
- several: every file with amounts is held back until the person says the workspace's
  currency (and gives rates for the others); files without amounts go on;
- none: the workspace's default, said after the import (:func:`room.currency_said`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from csdesk.i18n.lang import Lang
from csdesk.progress import silent
from csdesk.store import Workspace

if TYPE_CHECKING:
    from csdesk.ingest.dataroom.room import PlanOptions, RoomFile
    from csdesk.ingest.plan import ImportPlan


def may_adopt(ws: Workspace | None) -> bool:
    """Whether the workspace would take the currency of the first amounts imported."""
    from csdesk.ingest.currencies import currency_chosen, holds_money

    return ws is None or not (currency_chosen(ws) or holds_money(ws))


def has_money(plan: ImportPlan | None) -> bool:
    """Whether the plan imports amounts (MRR, contract values, opportunity amounts)."""
    from csdesk.ingest.entity_rules import MONEY_FIELDS

    if plan is None or plan.is_capture:
        return False
    return bool(set(MONEY_FIELDS.get(plan.entity or "", ())) & set(plan.mapping().values()))


def named_by_files(files: list[RoomFile]) -> dict[str, list[str]]:
    """Currency code -> the ready files whose cells or headers name it (a currency the room
    chose for a file is not that file's)."""
    named: dict[str, list[str]] = {}
    for room_file in files:
        plan = room_file.plan
        if not room_file.ready or not has_money(plan):
            continue
        assert plan is not None
        for code in sorted(plan.currencies_named):
            if plan.amounts_in_from and code == plan.amounts_in:
                continue
            named.setdefault(code, []).append(room_file.name)
    return named


def settle(
    files: list[RoomFile], ws: Workspace | None, options: PlanOptions, lang: Lang
) -> list[RoomFile]:
    """The room's files with their amounts read in one currency (see the module's text).
    Run again after a file is planned again, left out or put back: what the room names may
    have changed, and what an earlier settling did is undone where it no longer holds."""
    files = [replace(f, blocked=None, currency_held=False) if f.currency_held else f for f in files]
    if options.amounts_in is not None or not may_adopt(ws):
        # Told the currency, or the workspace has one now: each plan says what it makes of
        # the amounts (converted, or refused for a rate).
        return [_read_in(f, None, (), ws, lang) for f in files]
    named = named_by_files(files)
    if len(named) == 1:
        ((code, names),) = named.items()
        return [_read_in(f, code, tuple(names), ws, lang) for f in files]
    files = [_read_in(f, None, (), ws, lang) for f in files]
    if not named:
        return files
    held = _held_back(named, lang)
    return [
        replace(f, blocked=held, hint=None, currency_held=True)
        if f.ready and has_money(f.plan)
        else f
        for f in files
    ]


def _read_in(
    room_file: RoomFile, code: str | None, names: tuple[str, ...], ws: Workspace | None, lang: Lang
) -> RoomFile:
    """The file with its unnamed amounts read in ``code`` as the room chose (None: as the
    workspace would), planned again only when that changes."""
    plan = room_file.plan
    if plan is None or not has_money(plan):
        return room_file
    if plan.amounts_in_from:
        if (plan.amounts_in, plan.amounts_in_from) == (code, names):
            return room_file
    elif code is None or not room_file.ready or plan.currencies_named or plan.amounts_in:
        return room_file
    planned = plan.with_amounts_in(code, ws=ws, progress=silent, from_files=names, lang=lang)
    return replace(room_file, plan=planned, blocked=planned.blocking)


def _held_back(named: dict[str, list[str]], lang: Lang) -> str:
    _ = lang
    listed = "; ".join(f"{code}: {', '.join(names)}" for code, names in sorted(named.items()))
    return _(
        "The data room's files name several currencies ({listed}) and the workspace has "
        "none yet, so the amounts cannot be summed in one. Say which one it sums money in "
        "(on the command line --currency CODE, with --rate for the others; in the app, "
        "Settings ▸ General ▸ Currency, and Exchange rates for the others: the list follows)."
    ).format(listed=listed)


def chosen_note(files: list[RoomFile], lang: Lang) -> str | None:
    """What to say before the import of the currency the room chose for files naming none."""
    chosen = [f for f in files if f.ready and f.plan is not None and f.plan.amounts_in_from]
    if not chosen:
        return None
    plan = chosen[0].plan
    assert plan is not None
    return lang.ngettext(
        "{files} names no currency: its amounts are read as {code}, the currency of {named}, "
        "which the workspace takes.",
        "{files} name no currency: their amounts are read as {code}, the currency of {named}, "
        "which the workspace takes.",
        len(chosen),
    ).format(
        files=", ".join(f.name for f in chosen),
        code=plan.amounts_in,
        named=", ".join(plan.amounts_in_from),
    )
