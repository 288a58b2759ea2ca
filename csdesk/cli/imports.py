"""`csdesk import FILE SPREADSHEET`, `csdesk imports FILE`, `csdesk undo-import FILE BATCH_ID`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.cli.common import (
    MAX_ID,
    bounded_int,
    check_year,
    open_workspace,
    print_json,
    remove_new_workspace,
)
from csdesk.cli.progress_bar import LongWork, add_quiet_argument, shows_progress
from csdesk.errors import CsdeskError
from csdesk.i18n import N_, _, language, ngettext

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang
    from csdesk.ingest.plan import ImportPlan

MAX_PROBLEMS_SHOWN = 30
# What a refused plan's reason means on the command line (the app's wizard has its own steps).
COMMAND_LINE_HINT = N_(
    "On the command line: say what the sheet holds with --entity NAME and send a column to a "
    "field with --map COLUMN=FIELD (=- leaves it out)."
)
# Where the plan's mapping came from, as a person reads it (the plan keeps the code).
_MAPPING_SOURCES = {
    "automatic": N_("automatic"),
    "saved": N_("saved (as confirmed last time)"),
    "yours": N_("yours"),
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help=_(
            "import a spreadsheet (CSV, XLSX, XLSM, XLS, ODS), a calendar (.ics) or mail "
            "(.eml, .mbox, .msg) into a workspace"
        ),
        description=_(
            "Finds the header, decides what the sheet holds and maps its columns "
            "(English or Portuguese names), checks every row, then writes all accepted rows in one "
            "transaction after a backup. FILE is created when it does not exist. A calendar or "
            "mail file becomes timeline entries: the meetings and e-mails between the team and "
            "the accounts' people."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path, help=_("the workspace (.csdesk) file"))
    parser.add_argument(
        "spreadsheet",
        metavar="PATH",
        type=Path,
        help=_(
            "spreadsheet, calendar or mail file; or a folder or .zip of them (a data room: "
            "every file classified and imported in dependency order, as one group of batches)"
        ),
    )
    parser.add_argument(
        "--entity", metavar="NAME", help=_("what the sheet holds (accounts, revenue, ...)")
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help=_("the sheet to read (default: the first with data)")
    )
    parser.add_argument(
        "--map",
        metavar="COLUMN=FIELD",
        action="append",
        default=[],
        help=_("read COLUMN as FIELD (FIELD '-' leaves the column out); may be repeated"),
    )
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM",
        help=_(
            "month of an accounts sheet's MRR (default: this month); for a calendar or mail "
            "file, the month or day (YYYY-MM-DD) after which nothing has happened yet "
            "(default: now)"
        ),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=_("show what would be imported; write nothing")
    )
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    parser.add_argument(
        "--again", action="store_true", help=_("import a file already imported before")
    )
    parser.add_argument(
        "--rate",
        metavar="CODE=RATE",
        action="append",
        default=[],
        help=_(
            "value of 1 unit of currency CODE in the workspace currency (e.g. USD=5.40), to "
            "convert amounts in CODE; may be repeated (default: the workspace's rates table)"
        ),
    )
    parser.add_argument(
        "--currency",
        metavar="CODE",
        help=_(
            "the currency of amounts that name none in their cells or header (e.g. USD): a "
            "new workspace takes it, another converts them with its rates (default: the "
            "workspace's currency)"
        ),
    )
    parser.add_argument(
        "--billing-period",
        metavar="PERIOD",
        help=_(
            "contracts: how a value is billed when its row names no billing period: term "
            "(the value of the whole term), monthly, quarterly, semiannual or annual (default: the "
            "whole term when the contract has one, else monthly)"
        ),
    )
    parser.add_argument(
        "--drop-identical",
        action="store_true",
        help=_(
            "revenue: drop lines that repeat an earlier line in every cell (by default they "
            "are summed, like any lines of one account and month, and reported)"
        ),
    )
    parser.add_argument(
        "--mapping-file",
        metavar="TOML",
        type=Path,
        help=_(
            "folder or zip: what single files hold, one table per file, e.g. "
            '["notas.xlsx"] entity = "tickets" map = { Cliente = "account" } (or skip = true)'
        ),
    )
    _language_argument(parser)
    add_quiet_argument(parser)
    parser.set_defaults(handler=_import)

    parser = subparsers.add_parser("imports", help=_("list a workspace's import batches"))
    parser.add_argument("file", metavar="FILE", type=Path, help=_("the workspace (.csdesk) file"))
    parser.add_argument("--json", action="store_true", help=_("print the batches as JSON"))
    _language_argument(parser)
    parser.set_defaults(handler=_imports)

    parser = subparsers.add_parser(
        "undo-import",
        help=_("remove exactly what one or more import batches wrote"),
        description=_(
            "Restores the values the batches replaced and removes the accounts they "
            "created when nothing else refers to them. Several batches are undone newest first, "
            "in one transaction. A backup is made first."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path, help=_("the workspace (.csdesk) file"))
    parser.add_argument(
        "batch_ids",
        metavar="BATCH_ID",
        nargs="+",
        type=bounded_int(N_("an import batch number"), 1, MAX_ID),
        help=_("one or more batches (a data room's), undone together in one transaction"),
    )
    _language_argument(parser)
    parser.set_defaults(handler=_undo)


def _language_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=None,
        help=_(
            "language of the messages: en or pt-BR (default: the workspace's, else the "
            "system's); --json keys and codes stay the same"
        ),
    )


def _language(args: argparse.Namespace) -> Lang:
    """The command's language: --lang when given, else the workspace's locale setting (when
    FILE exists), else the system's (``csdesk.i18n.lang.resolve``, as every door)."""
    from csdesk.i18n.lang import resolve, workspace_lang

    if not args.lang and args.file.is_file():
        try:
            with open_workspace(args.file, read_only=True) as ws:
                return workspace_lang(ws)
        except CsdeskError:
            pass  # the command itself says what is wrong with the file
    return resolve(args.lang)


def _mapping(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip():
            raise CsdeskError(
                _("--map {pair!r}: write it as COLUMN=FIELD, e.g. --map Cliente=account.").format(
                    pair=pair
                )
            )
        out[column.strip()] = field.strip()
    return out


def _rates(pairs: list[str]) -> dict[str, float]:
    from csdesk.ingest.currencies import parse_rate

    out: dict[str, float] = {}
    for pair in pairs:
        parsed = parse_rate(pair)
        if parsed is None:
            raise CsdeskError(
                _(
                    "--rate {pair!r}: write it as CODE=RATE, the value of 1 unit of that "
                    "currency in the workspace currency, e.g. --rate USD=5.40."
                ).format(pair=pair)
            )
        out[parsed[0]] = parsed[1]
    return out


def _currency(text: str | None) -> str | None:
    """The ISO code ``--currency`` names (``usd``, ``R$`` and ``dólar`` too), else refused."""
    if text is None:
        return None
    from babel.numbers import is_currency

    from csdesk.ingest.currencies import code_of

    code = code_of(text)
    if code is None or not is_currency(code):
        raise CsdeskError(
            _(
                "--currency {text!r}: not a currency csdesk knows; give its ISO code, such as "
                "BRL, USD or EUR."
            ).format(text=text)
        )
    return code


def _as_of(text: str | None) -> Any:
    if text is None:
        return None
    from datetime import date

    from csdesk.domain.month import Month

    try:
        when: Any = (
            date.fromisoformat(text.strip()) if len(text.strip()) == 10 else Month.parse(text)
        )
    except ValueError:
        raise CsdeskError(
            _(
                "--as-of {month!r}: write the month as YYYY-MM, e.g. 2025-06 (or a day as "
                "YYYY-MM-DD for a calendar or mail file)."
            ).format(month=text)
        ) from None
    try:
        check_year(text, when.year)
    except argparse.ArgumentTypeError as exc:
        raise CsdeskError(f"--as-of {exc}") from None
    return when


def _count(n: int) -> str:
    from csdesk.ingest.wording import count

    return count(n)


def _import(args: argparse.Namespace) -> int:
    lang = _language(args)
    with language(lang.code):  # the command's own lines; the importer is given ``lang``
        return _run_import(args, lang)


def _run_import(args: argparse.Namespace, lang: Lang) -> int:
    from csdesk import ingest
    from csdesk.ingest import early_read

    # Read on a second core while pandas and the importer load (a workbook only).
    early_read.start(args.spreadsheet, args.sheet)
    from csdesk.ingest.dataroom import is_room
    from csdesk.store.settings import CURRENCY

    if is_room(args.spreadsheet):
        from csdesk.cli.rooms import run_room

        return run_room(args, lang)
    if args.mapping_file:
        raise CsdeskError(
            _("--mapping-file is for a folder or a zip; for one file use --entity and --map.")
        )

    mapping = _mapping(args.map)
    as_of = _as_of(args.as_of)
    options: dict[str, Any] = {
        "sheet": args.sheet,
        "entity": args.entity,
        "mapping": mapping or None,
        "as_of": as_of,
        "drop_identical": args.drop_identical,
        "rates": _rates(args.rate),
        "billing_period": args.billing_period,
        "amounts_in": _currency(args.currency),
        "lang": lang,
    }
    cancelled = _("Import of {file} cancelled; nothing was changed.").format(
        file=args.spreadsheet.name
    )
    with LongWork(cancelled, show=shows_progress(args), lang=lang) as work:
        reading = work.phase(_("Reading"))
        if not args.file.exists():
            # A new workspace is created only for a file that can be imported.
            plan = ingest.prepare(args.spreadsheet, progress=reading, **options)
            if args.dry_run:
                work.close()
                return _report_dry(plan, args.json)
            if plan.blocking:
                raise CsdeskError(_refusal(plan))
            try:
                with open_workspace(args.file, create=True) as ws:
                    result = ingest.commit(
                        ws, plan, again=args.again, progress=_writing(work, plan), lang=lang
                    )
                    currency = CURRENCY.get(ws)
            except BaseException:
                remove_new_workspace(args.file)  # a cancelled first import leaves no file
                raise
        else:
            with open_workspace(args.file) as ws:
                plan = ingest.prepare(args.spreadsheet, ws=ws, progress=reading, **options)
                if args.dry_run:
                    work.close()
                    return _report_dry(plan, args.json)
                if plan.blocking:
                    raise CsdeskError(_refusal(plan))
                result = ingest.commit(
                    ws, plan, again=args.again, progress=_writing(work, plan), lang=lang
                )
                currency = CURRENCY.get(ws)
    if args.json:
        # The currency the amounts are in now (one a first file gave the workspace included);
        # a calendar or mail file has none.
        data = result.to_json()
        if not plan.is_capture:
            data["currency"] = currency
        print_json(data)
        return 0
    print(_describe_plan(plan))
    print(
        _(
            "Imported batch {batch}: {written}, {updated}, {skipped}, {rejected}; {accounts}."
        ).format(
            batch=result.batch_id,
            written=ngettext(
                "{count} row written", "{count} rows written", result.rows_written
            ).format(count=_count(result.rows_written)),
            # Translators: rows updated (agrees with "rows").
            updated=ngettext("{count} updated", "{count} updated", result.rows_updated).format(
                count=_count(result.rows_updated)
            ),
            # Translators: rows skipped (agrees with "rows").
            skipped=ngettext("{count} skipped", "{count} skipped", result.rows_skipped).format(
                count=_count(result.rows_skipped)
            ),
            # Translators: rows rejected (agrees with "rows").
            rejected=ngettext("{count} rejected", "{count} rejected", result.rows_rejected).format(
                count=_count(result.rows_rejected)
            ),
            accounts=ngettext(
                "{count} account created", "{count} accounts created", result.accounts_created
            ).format(count=_count(result.accounts_created)),
        )
    )
    _print_problems(result.problems)
    if result.rows_updated and result.entity in ("revenue", "accounts", "contracts"):
        print(
            ngettext(
                "{count} existing value was updated (undo-import restores it).",
                "{count} existing values were updated (undo-import restores them).",
                result.rows_updated,
            ).format(count=_count(result.rows_updated))
        )
    return 0


def _writing(work: LongWork, plan: ImportPlan) -> Any:
    """The commit's bar: it writes the plan's accepted rows."""
    return work.phase(_("Writing"), total=plan.rows_accepted, unit=_("rows"))


def _report_dry(plan: ImportPlan, as_json: bool) -> int:
    if as_json:
        print_json(
            {
                "entity": plan.entity,
                "rows_read": plan.rows_read,
                "rows_written": 0,
                "rows_updated": 0,
                "rows_skipped": plan.rows_skipped,
                "rows_rejected": plan.rows_rejected,
                "accounts_created": plan.accounts_to_create or 0,
                "problems": [p.to_json() for p in plan.problems],
                "batch_id": None,
                "dry_run": True,
                "would_write": plan.rows_accepted,
                "mapping": plan.mapping(),
                # How each imported column was read: units converted, decimal style, ...
                "decisions": {c.column: c.decision for c in plan.columns if c.field},
                "refused": plan.blocking,
            }
        )
        return 0 if plan.blocking is None else 2
    print(_describe_plan(plan))
    _print_problems(plan.problems)
    if plan.blocking:
        print(_("Would be refused: {reason}").format(reason=plan.blocking))
        if plan.refusal_wants_mapping:
            print(_(COMMAND_LINE_HINT))
        return 2
    sentences = [
        ngettext(
            "Dry run: {count} row would be imported.",
            "Dry run: {count} rows would be imported.",
            plan.rows_accepted,
        ).format(count=_count(plan.rows_accepted))
    ]
    if plan.accounts_to_create is not None:
        sentences.append(
            ngettext(
                "{count} account would be created.",
                "{count} accounts would be created.",
                plan.accounts_to_create,
            ).format(count=_count(plan.accounts_to_create))
        )
    sentences.append(_("Nothing was written."))
    print(" ".join(sentences))
    return 0


def _refusal(plan: ImportPlan) -> str:
    """Why a plan is refused; a spreadsheet's reason adds how to say what it holds."""
    if not plan.refusal_wants_mapping:
        return str(plan.blocking)
    return f"{plan.blocking} {_(COMMAND_LINE_HINT)}"


def _describe_capture(plan: ImportPlan) -> str:
    from csdesk.ingest.capture.plan import describe_skipped

    lines = [
        ngettext(
            "{file} ({source}): {count} meeting or message read; {touches} with accounts.",
            "{file} ({source}): {count} meetings or messages read; {touches} with accounts.",
            plan.rows_read,
        ).format(
            file=plan.file_name,
            source=plan.description,
            count=_count(plan.rows_read),
            touches=ngettext("{count} touch", "{count} touches", plan.rows_accepted).format(
                count=_count(plan.rows_accepted)
            ),
        )
    ]
    lines += ["  " + line for line in describe_skipped(plan._capture.touches)]
    return "\n".join(lines)


def _describe_plan(plan: ImportPlan) -> str:
    from csdesk.ingest.wording import share

    if plan.is_capture:
        return _describe_capture(plan)
    source = (
        _("{format}, sheet {sheet!r}").format(format=plan.description, sheet=plan.sheet)
        if plan.sheet
        else plan.description
    )
    mapping = _(_MAPPING_SOURCES.get(plan.mapping_source, plan.mapping_source))
    if plan.entity is None:
        holds = _("Holds: not clear; mapping: {mapping}.").format(mapping=mapping)
    elif plan.is_wide_revenue:
        holds = _(
            "Holds: {entity} (wide: one column per month), confidence {confidence}; "
            "mapping: {mapping}."
        ).format(entity=plan.entity, confidence=share(plan.entity_confidence), mapping=mapping)
    else:
        holds = _("Holds: {entity}, confidence {confidence}; mapping: {mapping}.").format(
            entity=plan.entity, confidence=share(plan.entity_confidence), mapping=mapping
        )
    lines = [
        ngettext(
            "{file} ({source}): header on row {row}, {count} row read.",
            "{file} ({source}): header on row {row}, {count} rows read.",
            plan.rows_read,
        ).format(
            file=plan.file_name, source=source, row=plan.header_row, count=_count(plan.rows_read)
        ),
        holds,
    ]
    for column in plan.columns:
        target = column.field or "-"
        decision = f"  [{column.decision}]" if column.decision and column.field else ""
        confidence = share(column.confidence)
        lines.append(f"  {column.column!r:32} -> {target:24} {confidence:>4}{decision}")
    if plan.totals_row:
        lines.append(_("Totals line on row {row}: not imported.").format(row=plan.totals_row))
    return "\n".join(lines)


def _print_problems(problems: list[Any]) -> None:
    if not problems:
        return
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    print(
        _("Problems: {errors} (rows not imported), {warnings}.").format(
            errors=ngettext("{count} error", "{count} errors", errors).format(count=_count(errors)),
            warnings=ngettext("{count} warning", "{count} warnings", warnings).format(
                count=_count(warnings)
            ),
        )
    )
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(f"  {problem.describe()}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print(
            "  "
            + _("... and {count} more (use --json for all).").format(
                count=_count(len(problems) - MAX_PROBLEMS_SHOWN)
            )
        )


def _imports(args: argparse.Namespace) -> int:
    with language(_language(args).code):
        return _list_imports(args)


def _list_imports(args: argparse.Namespace) -> int:
    from csdesk.domain.enums import BatchState
    from csdesk.i18n.labels import label
    from csdesk.ingest import list_batches
    from csdesk.ingest.batches import shown_time

    with open_workspace(args.file, read_only=True) as ws:
        found = list_batches(ws)
    if args.json:
        print_json([b.to_json() for b in found])
        return 0
    if not found:
        print(_("{file} has no imports.").format(file=args.file))
        return 0
    states = {state.value: label(state).lower() for state in BatchState}
    width = max(len(name) for name in states.values())
    times = {b.id: shown_time(b.started_at) for b in found}
    time_width = max(len(text) for text in times.values())
    for b in found:
        sheet = f" [{b.sheet}]" if b.sheet else ""
        state = states.get(b.state, b.state)
        counts = _("{written} written, {updated} updated, {rejected} rejected, {accounts}").format(
            written=_count(b.rows_written),
            updated=_count(b.rows_updated),
            rejected=_count(b.rows_rejected),
            accounts=ngettext(
                "{count} account created", "{count} accounts created", b.accounts_created
            ).format(count=_count(b.accounts_created)),
        )
        when = times[b.id]
        if b.rows_waiting and b.state == BatchState.DONE:
            counts += "; " + ngettext(
                "{count} row waits for its contract",
                "{count} rows wait for their contract",
                b.rows_waiting,
            ).format(count=_count(b.rows_waiting))
        room = (
            "  "
            + _("(data room {room}, group {group})").format(room=b.group_name, group=b.group_id)
            if b.group_id is not None
            else ""
        )
        print(
            f"{b.id:>4}  {when:<{time_width}}  {state:<{width}}  {b.entity:<13} "
            f"{b.file_name}{sheet}: {counts}{room}"
        )
    return 0


def _undo(args: argparse.Namespace) -> int:
    lang = _language(args)
    with language(lang.code):
        return _undo_batch(args, lang)


def _undo_batch(args: argparse.Namespace, lang: Lang) -> int:
    from csdesk.ingest import undo_many

    with open_workspace(args.file) as ws:
        results = undo_many(ws, args.batch_ids, lang=lang)
    for result in results:
        _print_undone(result)
    return 0


def _print_undone(result: Any) -> None:
    print(
        _("Undid import batch {batch}: {removed}, {restored}, {accounts}.").format(
            batch=result.batch_id,
            removed=ngettext(
                "{count} row removed", "{count} rows removed", result.rows_removed
            ).format(count=_count(result.rows_removed)),
            restored=ngettext(
                "{count} value restored", "{count} values restored", result.values_restored
            ).format(count=_count(result.values_restored)),
            accounts=ngettext(
                "{count} account removed", "{count} accounts removed", result.accounts_removed
            ).format(count=_count(result.accounts_removed)),
        ),
        file=sys.stdout,
    )
