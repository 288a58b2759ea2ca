"""`csdesk import FILE FOLDER|ZIP`: a data room planned, shown and imported as one set.

The one-file import's options that say what one sheet holds (``--entity``, ``--sheet``,
``--map``) have no single sheet to apply to here: a small mapping file (``--mapping-file``)
says it per file. Exit code 0 when every file that can be imported was; 2 when a file is
blocked (the others are still imported) or, with ``--dry-run``, would be.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from typing import TYPE_CHECKING

from csdesk.cli.common import open_workspace, print_json, remove_new_workspace
from csdesk.cli.progress_bar import LongWork, shows_progress
from csdesk.errors import CsdeskError

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang
    from csdesk.ingest.dataroom import RoomFile, RoomPlan, RoomResult

MAX_PROBLEMS_SHOWN = 5


def run_room(args: argparse.Namespace, lang: Lang) -> int:
    """Plan the room, show it (``--dry-run``) or import it; see the module docstring."""
    from csdesk.cli.imports import _as_of, _currency, _rates
    from csdesk.ingest.currencies import assumed_currency
    from csdesk.ingest.dataroom import PlanOptions, import_room, plan_room, read_choices
    from csdesk.store.settings import CURRENCY

    _ = lang
    given = [
        name
        for name, value in (("--entity", args.entity), ("--sheet", args.sheet), ("--map", args.map))
        if value
    ]
    if given:
        raise CsdeskError(
            _(
                "{options}: {room} is a folder or a zip of several files; say what single "
                "files hold in a mapping file given with --mapping-file (a table per file: "
                '["name.csv"] then entity = "tickets" and map = {{ Column = "field" }}).'
            ).format(options=", ".join(given), room=args.spreadsheet.name)
        )
    choices = read_choices(args.mapping_file) if args.mapping_file else None
    as_of = _as_of(args.as_of)
    options = PlanOptions(
        _rates(args.rate), args.billing_period, args.drop_identical, _currency(args.currency)
    )
    cancelled = _("Import of {room} cancelled; nothing was changed.").format(
        room=args.spreadsheet.name
    )
    with LongWork(cancelled, show=shows_progress(args), lang=lang) as work:
        planned = partial(
            plan_room,
            args.spreadsheet,
            lang=lang,
            mapping=choices,
            as_of=as_of,
            progress=work.phase(_("Reading")),
            options=options,
        )
        if not args.file.exists():
            # A new workspace is created only for a room with something to import; commit
            # matches the accounts again against the workspace it writes to.
            with planned() as room:
                if _only_shown(room, args, work, lang):
                    return _dry(room, args.json, lang)
                try:
                    with open_workspace(args.file, create=True) as ws:
                        result = import_room(
                            ws, room, again=args.again, progress=work.phase(_("Writing"))
                        )
                        assumed, currency = assumed_currency(ws), CURRENCY.get(ws)
                except BaseException:
                    remove_new_workspace(args.file)  # a cancelled first import leaves no file
                    raise
        else:
            with open_workspace(args.file) as ws, planned(ws=ws) as room:
                if _only_shown(room, args, work, lang):
                    return _dry(room, args.json, lang)
                result = import_room(ws, room, again=args.again, progress=work.phase(_("Writing")))
                assumed, currency = assumed_currency(ws), CURRENCY.get(ws)
    return _done(room, result, args, lang, assumed, currency)


def _only_shown(room: RoomPlan, args: argparse.Namespace, work: LongWork, lang: Lang) -> bool:
    """Whether the plan is only to be shown (``--dry-run``); a room with nothing to import
    is refused here, naming why each file is not."""
    if args.dry_run or not room.ready:
        work.close()  # the bar leaves the screen before the plan is printed
    if not args.dry_run and not room.ready:
        _refuse_empty(room, lang)
    return bool(args.dry_run)


def _refuse_empty(room: RoomPlan, lang: Lang) -> None:
    _ = lang
    lines = [
        _("{room}: no file can be imported; nothing was written.").format(room=room.name),
        *([_("Blocked:"), *_blocked_lines(room)] if room.blocked else []),
        *_aside_lines(room, lang),
    ]
    raise CsdeskError("\n".join(lines))


def _dry(room: RoomPlan, as_json: bool, lang: Lang) -> int:
    if as_json:
        print_json(
            {
                "dry_run": True,
                "files": [
                    {
                        "file": f.name,
                        "entity": f.entity,
                        "batch_id": None,
                        "rows_written": 0,
                        "rows_updated": 0,
                        "rows_rejected": f.plan.rows_rejected if f.plan else 0,
                        "accounts_created": (f.plan.accounts_to_create or 0) if f.plan else 0,
                        "problems": [p.to_json() for p in f.problems],
                        "order": number,
                        "sheet": f.sheet,
                        "confidence": f.confidence,
                        "rows_read": f.rows,
                        "would_write": f.plan.rows_accepted if f.ready and f.plan else 0,
                        "blocked": (" ".join(p for p in (f.blocked, f.hint) if p) or None),
                    }
                    for number, f in enumerate(room.files, start=1)
                ],
                "skipped": [s.to_json() for s in room.skipped],
            }
        )
        return 2 if room.blocked else 0
    _ = lang
    print("\n".join(_plan_lines(room, lang)))
    print(_("Dry run: nothing was written."))
    return 2 if room.blocked else 0


def _plan_lines(room: RoomPlan, lang: Lang) -> list[str]:
    from csdesk.ingest.dataroom.currency import chosen_note

    _ = lang
    lines = [
        _("Data room {room}: {ready}, {blocked}, {aside}.").format(
            room=room.name,
            ready=lang.ngettext(
                "{count} file to import", "{count} files to import", len(room.ready)
            ).format(count=lang.number(len(room.ready))),
            blocked=lang.ngettext("{count} blocked", "{count} blocked", len(room.blocked)).format(
                count=lang.number(len(room.blocked))
            ),
            aside=lang.ngettext("{count} set aside", "{count} set aside", len(room.skipped)).format(
                count=lang.number(len(room.skipped))
            ),
        )
    ]
    if room.ready:
        lines.append(_("In this order:"))
    width = max((len(_shown(f)) for f in room.files), default=0)
    for number, f in enumerate(room.ready, start=1):
        rows = lang.ngettext("{count} row", "{count} rows", f.rows).format(
            count=lang.number(f.rows)
        )
        detail = _("{entity}, confidence {confidence}, {rows}").format(
            entity=f.entity, confidence=lang.percent(f.confidence, decimals=0), rows=rows
        )
        errors = sum(1 for p in f.problems if p.severity == "error")
        if errors:
            detail += "; " + lang.ngettext(
                "{count} row rejected", "{count} rows rejected", errors
            ).format(count=lang.number(errors))
        lines.append(f"  {number:>2}. {_shown(f):<{width}}  {detail}")
    note = chosen_note(room.files, lang)
    if note:
        lines.append(note)
    if room.blocked:
        lines.append(_("Blocked (the other files are imported without them):"))
        lines += _blocked_lines(room)
    lines += _aside_lines(room, lang)
    return lines


def _blocked_lines(room: RoomPlan) -> list[str]:
    """Each blocked file with its reason, then what to do (said once: it is the same)."""
    by_reason: dict[str, list[str]] = {}
    for f in room.blocked:
        # The importer's reasons begin with the file's name: the room's path says more.
        reason = str(f.blocked).removeprefix(f"{f.path.name}: ")
        by_reason.setdefault(reason, []).append(f.name)
    # Files held back for one reason (the room's currencies) are named together.
    lines = [f"  - {', '.join(names)}: {reason}" for reason, names in by_reason.items()]
    hint = next((f.hint for f in room.blocked if f.hint), None)
    if hint:
        lines.append("  " + hint)
    return lines


def _shown(f: RoomFile) -> str:
    """The entry with the sheet it reads (a workbook's other sheets carry it in their name)."""
    from csdesk.ingest.dataroom import sheet_entry

    if not f.sheet or f.name.endswith(f" [{f.sheet}]"):
        return f.name
    return sheet_entry(f.name, f.sheet)


def _aside_lines(room: RoomPlan, lang: Lang) -> list[str]:
    _ = lang
    if not room.skipped:
        return []
    return [_("Set aside:"), *(f"  - {s.file}: {s.reason}" for s in room.skipped)]


def _done(
    room: RoomPlan,
    result: RoomResult,
    args: argparse.Namespace,
    lang: Lang,
    assumed_currency: str | None,
    currency: str,
) -> int:
    """The room's result; ``assumed_currency``: the workspace's currency when its amounts
    were read in it though no file named it and no one chose it; ``currency``: the
    workspace's currency after the import."""
    blocked = bool(room.blocked)
    if args.json:
        from csdesk.ingest.dataroom import currency_said

        said = currency_said(room, currency, assumed_currency is not None)
        # The currency the amounts are in, and what the note above would say of it (a script
        # reading dollars as reais is as wrong as a person doing so).
        print_json({**result.to_json(), "currency": currency, "currency_note": said})
        return 2 if blocked else 0
    _ = lang
    print("\n".join(_plan_lines(room, lang)))
    for f in result.files:
        print(
            _(
                "Imported {file} as {entity}, batch {batch}: {written}, {updated}, {rejected}; "
                "{accounts}."
            ).format(
                file=f.file,
                entity=f.entity,
                batch=f.batch_id,
                written=lang.ngettext(
                    "{count} row written", "{count} rows written", f.rows_written
                ).format(count=lang.number(f.rows_written)),
                # Translators: rows updated (agrees with "rows").
                updated=lang.ngettext("{count} updated", "{count} updated", f.rows_updated).format(
                    count=lang.number(f.rows_updated)
                ),
                # Translators: rows rejected (agrees with "rows").
                rejected=lang.ngettext(
                    "{count} rejected", "{count} rejected", f.rows_rejected
                ).format(count=lang.number(f.rows_rejected)),
                accounts=lang.ngettext(
                    "{count} account created", "{count} accounts created", f.accounts_created
                ).format(count=lang.number(f.accounts_created)),
            )
        )
        for problem in f.problems[:MAX_PROBLEMS_SHOWN]:
            print(f"    {problem.describe()}")
        if len(f.problems) > MAX_PROBLEMS_SHOWN:
            print(
                "    "
                + _("... and {count} more (use --json for all).").format(
                    count=lang.number(len(f.problems) - MAX_PROBLEMS_SHOWN)
                )
            )
    refused = [s for s in result.skipped if s.code in ("already_imported", "refused")]
    for s in refused:
        print(_("Not imported: {file}: {reason}").format(file=s.file, reason=s.reason))
    if result.batch_ids:
        _say_currency(room, currency, assumed_currency is not None, lang)
        print(
            _("Undo the whole room with: csdesk undo-import {file} {batches}").format(
                file=args.file, batches=" ".join(str(b) for b in result.batch_ids)
            )
        )
    if blocked:
        print(
            lang.ngettext(
                "{count} file is blocked: see above what to do.",
                "{count} files are blocked: see above what to do.",
                len(room.blocked),
            ).format(count=lang.number(len(room.blocked))),
            file=sys.stderr,
        )
        return 2
    return 0


def _say_currency(room: RoomPlan, currency: str, assumed: bool, lang: Lang) -> None:
    """One line when amounts were read in a currency no file named (a room exported in
    dollars would otherwise show its figures in reais), with what to do on this command line."""
    from csdesk.ingest.dataroom import currency_said

    said = currency_said(room, currency, assumed)
    if said is None:
        return
    _ = lang
    remedy = (
        _(
            "If they are in another currency, choose it in Settings ▸ General ▸ Currency (the "
            "amounts stay as they are), or undo the import and import again with --currency CODE."
        )
        if assumed
        else _(
            "If they are in another, undo the import and import again with --currency CODE "
            "(and --rate CODE=RATE)."
        )
    )
    print(_("note: {said} {remedy}").format(said=said, remedy=remedy))
