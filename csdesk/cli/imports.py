"""`csdesk import FILE SPREADSHEET`, `csdesk imports FILE`, `csdesk undo-import FILE BATCH_ID`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.cli.common import open_workspace, print_json
from csdesk.errors import CsdeskError

if TYPE_CHECKING:
    from csdesk.ingest.plan import ImportPlan

MAX_PROBLEMS_SHOWN = 30


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import a spreadsheet (CSV, XLSX, XLSM, XLS, ODS) into a workspace",
        description="Finds the header, decides what the sheet holds and maps its columns "
        "(English or Portuguese names), checks every row, then writes all accepted rows in one "
        "transaction after a backup. FILE is created when it does not exist.",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the workspace (.csdesk) file")
    parser.add_argument("spreadsheet", metavar="SPREADSHEET", type=Path)
    parser.add_argument(
        "--entity", metavar="NAME", help="what the sheet holds (accounts, revenue, ...)"
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help="the sheet to read (default: the first with data)"
    )
    parser.add_argument(
        "--map",
        metavar="COLUMN=FIELD",
        action="append",
        default=[],
        help="read COLUMN as FIELD (FIELD '-' leaves the column out); may be repeated",
    )
    parser.add_argument(
        "--as-of", metavar="YYYY-MM", help="month of an accounts sheet's MRR (default: this month)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--again", action="store_true", help="import a file already imported before"
    )
    parser.set_defaults(handler=_import)

    parser = subparsers.add_parser("imports", help="list a workspace's import batches")
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=_imports)

    parser = subparsers.add_parser(
        "undo-import",
        help="remove exactly what one import batch wrote",
        description="Restores the values the batch replaced and removes the accounts it created "
        "when nothing else refers to them. A backup is made first.",
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument("batch_id", metavar="BATCH_ID", type=int)
    parser.set_defaults(handler=_undo)


def _mapping(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip():
            raise CsdeskError(
                f"--map {pair!r}: write it as COLUMN=FIELD, e.g. --map Cliente=account."
            )
        out[column.strip()] = field.strip()
    return out


def _as_of(text: str | None) -> Any:
    if text is None:
        return None
    from csdesk.domain.month import Month

    try:
        return Month.parse(text)
    except ValueError:
        raise CsdeskError(f"--as-of {text!r}: write the month as YYYY-MM, e.g. 2025-06.") from None


def _import(args: argparse.Namespace) -> int:
    from csdesk import ingest

    mapping = _mapping(args.map)
    as_of = _as_of(args.as_of)
    options: dict[str, Any] = {
        "sheet": args.sheet,
        "entity": args.entity,
        "mapping": mapping or None,
        "as_of": as_of,
    }
    if not args.file.exists():
        # A new workspace is created only for a file that can be imported.
        plan = ingest.prepare(args.spreadsheet, **options)
        if args.dry_run:
            return _report_dry(plan, args.json)
        if plan.blocking:
            raise CsdeskError(plan.blocking)
        with open_workspace(args.file, create=True) as ws:
            result = ingest.commit(ws, plan, again=args.again)
    else:
        with open_workspace(args.file) as ws:
            plan = ingest.prepare(args.spreadsheet, ws=ws, **options)
            if args.dry_run:
                return _report_dry(plan, args.json)
            result = ingest.commit(ws, plan, again=args.again)
    if args.json:
        print_json(result.to_json())
        return 0
    print(_describe_plan(plan))
    print(
        f"Imported batch {result.batch_id}: {result.rows_written:,} rows written, "
        f"{result.rows_updated:,} updated, {result.rows_skipped:,} skipped, "
        f"{result.rows_rejected:,} rejected; {result.accounts_created:,} accounts created."
    )
    _print_problems(result.problems)
    if result.rows_updated and result.entity in ("revenue", "accounts", "contracts"):
        print(f"{result.rows_updated:,} existing values were updated (undo-import restores them).")
    return 0


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
                "refused": plan.blocking,
            }
        )
        return 0 if plan.blocking is None else 2
    print(_describe_plan(plan))
    _print_problems(plan.problems)
    if plan.blocking:
        print(f"Would be refused: {plan.blocking}")
        return 2
    created = (
        ""
        if plan.accounts_to_create is None
        else f"; {plan.accounts_to_create:,} accounts would be created"
    )
    print(f"Dry run: {plan.rows_accepted:,} rows would be imported{created}. Nothing was written.")
    return 0


def _describe_plan(plan: ImportPlan) -> str:
    sheet = f", sheet {plan.sheet!r}" if plan.sheet else ""
    lines = [
        f"{plan.file_name} ({plan.description}{sheet}): header on row {plan.header_row}, "
        f"{plan.rows_read:,} rows read.",
        f"Holds: {plan.entity or 'not clear'}"
        + (" (wide: one column per month)" if plan.is_wide_revenue else "")
        + (f", confidence {plan.entity_confidence:.0%}" if plan.entity else "")
        + f"; mapping: {plan.mapping_source}.",
    ]
    for column in plan.columns:
        target = column.field or "-"
        decision = f"  [{column.decision}]" if column.decision and column.field else ""
        lines.append(f"  {column.column!r:32} -> {target:24} {column.confidence:.0%}{decision}")
    if plan.totals_row:
        lines.append(f"Totals line on row {plan.totals_row}: not imported.")
    return "\n".join(lines)


def _print_problems(problems: list[Any]) -> None:
    if not problems:
        return
    errors = sum(1 for p in problems if p.severity == "error")
    print(f"Problems: {errors} errors (rows not imported), {len(problems) - errors} warnings.")
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(f"  {problem.describe()}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print(f"  ... and {len(problems) - MAX_PROBLEMS_SHOWN} more (use --json for all).")


def _imports(args: argparse.Namespace) -> int:
    from csdesk.ingest import list_batches

    with open_workspace(args.file, read_only=True) as ws:
        found = list_batches(ws)
    if args.json:
        print_json([b.to_json() for b in found])
        return 0
    if not found:
        print(f"{args.file} has no imports.")
        return 0
    for b in found:
        sheet = f" [{b.sheet}]" if b.sheet else ""
        print(
            f"{b.id:>4}  {b.started_at}  {b.state:<6}  {b.entity:<13} {b.file_name}{sheet}: "
            f"{b.rows_written:,} written, {b.rows_updated:,} updated, "
            f"{b.rows_rejected:,} rejected, "
            f"{b.accounts_created:,} accounts created"
        )
    return 0


def _undo(args: argparse.Namespace) -> int:
    from csdesk.ingest import undo

    with open_workspace(args.file) as ws:
        result = undo(ws, args.batch_id)
    print(
        f"Undid import batch {result.batch_id}: {result.rows_removed:,} rows removed, "
        f"{result.values_restored:,} values restored, "
        f"{result.accounts_removed:,} accounts removed.",
        file=sys.stdout,
    )
    return 0
