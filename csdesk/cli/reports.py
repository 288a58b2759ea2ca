"""`csdesk report qbr|roles|audit` and `csdesk export`: what a client or consultant reads."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.cli.common import (
    ACCOUNT_HELP,
    MAX_JOBS,
    bounded_int,
    check_year,
    open_workspace,
    workspace_argument,
)
from csdesk.cli.progress_bar import LongWork, add_quiet_argument, shows_progress
from csdesk.errors import N_
from csdesk.i18n import _

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang


def register(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "report",
        help=_("write a client document (PDF)"),
        description=_("Write a document for a client or a consultant."),
    )
    kinds = report.add_subparsers(dest="report", metavar="KIND", required=True)

    roles = kinds.add_parser(
        "roles",
        help=_("role-clarity onboarding document: who does what between CS, AM, Support and CX"),
        description=_(
            "Without ACCOUNT the document is generic; with it, it names the people "
            "who look after that account. The matrix is the workspace's edited copy when there is "
            "one, else the shipped default."
        ),
    )
    workspace_argument(roles)
    roles.add_argument("account", metavar="ACCOUNT", nargs="?", help=_(ACCOUNT_HELP))
    _output_and_language(roles, "OUT.pdf")
    roles.set_defaults(handler=_roles)

    qbr = kinds.add_parser(
        "qbr",
        help=_("QBR pack of an account for a quarter, as PDF or slides (PPTX)"),
        description=_(
            "The extension of OUT says the format (.pdf or .pptx). With --all, OUT is "
            "a folder that receives one pack per active account, written by several processes."
        ),
    )
    workspace_argument(qbr)
    qbr.add_argument("account", metavar="ACCOUNT", nargs="?", help=_(ACCOUNT_HELP))
    _output_and_language(qbr, "OUT.pdf|OUT.pptx|DIR")
    qbr.add_argument(
        "--quarter",
        type=_quarter,
        metavar="YYYYQn",
        help=_(
            "e.g. 2026Q3 (default: the quarter of the last month with revenue, or the quarter "
            "the recorded activity ends in when open contracts carry the revenue past it)"
        ),
    )
    qbr.add_argument("--all", action="store_true", help=_("one pack per active account into DIR"))
    add_quiet_argument(qbr)
    qbr.add_argument(
        "--format", choices=("pdf", "pptx"), default="pdf", help=_("format of the packs with --all")
    )
    qbr.add_argument(
        "--jobs",
        type=bounded_int(N_("a number of processes"), 1, MAX_JOBS),
        metavar="N",
        help=_("processes with --all (default: CPUs)"),
    )
    qbr.set_defaults(handler=_qbr)

    audit = kinds.add_parser(
        "audit",
        help=_("operation audit for a consultant: figures by role, capacity, findings"),
        description=_(
            "Figures grouped by the role that owns them, CSM capacity, role-conflict "
            "and data-quality findings (each with why it matters and what to do), and csdesk's "
            "figures beside other tools' conventions."
        ),
    )
    workspace_argument(audit)
    _output_and_language(audit, "OUT.pdf")
    audit.add_argument(
        "--company",
        metavar="NAME",
        help=_(
            "the audited company, named on the cover (default: the workspace's setting, "
            "else the file's name)"
        ),
    )
    from csdesk.cli.metrics import _month

    audit.add_argument(
        "--as-of",
        type=_month,
        metavar="YYYY-MM",
        help=_(
            "the month the figures are as of (default: the last month with revenue, or the "
            "month the tickets, usage, surveys and events end when open contracts carry the "
            "revenue on past them)"
        ),
    )
    audit.set_defaults(handler=_audit)

    export = subparsers.add_parser(
        "export",
        help=_("write the portfolio to an Excel workbook finance can audit"),
        description=_(
            "Sheets for accounts, MRR by month, movements, health, renewals, support "
            "and surveys; key ratios as live formulas beside csdesk's values; native charts."
        ),
    )
    workspace_argument(export)
    _output_and_language(export, "OUT.xlsx")
    add_quiet_argument(export)
    export.set_defaults(handler=_export)


def _output_and_language(parser: argparse.ArgumentParser, metavar: str) -> None:
    parser.add_argument(
        "-o", "--output", metavar=metavar, type=Path, required=True, help=_("the file to write")
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=None,
        help=_(
            "language of the document: en or pt-BR (default: the workspace's, else the system's)"
        ),
    )
    parser.add_argument(
        "--anonymise",
        action="store_true",
        help=_(
            "replace account, contact and people names with stable pseudonyms "
            "(figures unchanged), for sharing"
        ),
    )


@contextlib.contextmanager
def _source(args: argparse.Namespace) -> Iterator[Path]:
    """The workspace to read: FILE itself, or with --anonymise an anonymised copy of it."""
    if not args.anonymise:
        yield args.file
        return
    from csdesk.reports.anonymise import anonymised_copy

    with anonymised_copy(args.file) as copy:
        yield copy


def _language(args: argparse.Namespace, ws: Any) -> Lang:
    """The document's language, made once for the command: --lang when given, else the
    workspace's locale setting, else the system's (``csdesk.i18n.lang.resolve``)."""
    from csdesk.i18n.lang import workspace_lang

    return workspace_lang(ws, args.lang)


def _roles(args: argparse.Namespace) -> int:
    from csdesk.reports.output import check_target
    from csdesk.reports.roles import build_roles_document
    from csdesk.reports.roles_pdf import write_roles_pdf

    target = check_target(args.output, (".pdf",))
    account = args.account
    if account is not None and args.anonymise:
        from csdesk.reports.account_lookup import resolve_account

        with open_workspace(args.file, read_only=True) as ws:
            account = str(resolve_account(ws, account))
    with _source(args) as path, open_workspace(path, read_only=True) as ws:
        if account is not None and args.anonymise:
            account = ws.scalar("SELECT name FROM accounts WHERE id = ?", (int(account),))
        lang = _language(args, ws)
        document = build_roles_document(ws, account, lang=lang)
    write_roles_pdf(document, target)
    print(_wrote(lang, target))
    return 0


def _audit(args: argparse.Namespace) -> int:
    from csdesk.reports.audit.content import build_audit
    from csdesk.reports.audit.pdf import write_audit_pdf
    from csdesk.reports.output import check_target

    target = check_target(args.output, (".pdf",))
    with _source(args) as path, open_workspace(path, read_only=True) as ws:
        lang = _language(args, ws)
        content = build_audit(ws, lang=lang, company=args.company, as_of=args.as_of)
        write_audit_pdf(content, target)
    print(_wrote(lang, target))
    return 0


def _qbr(args: argparse.Namespace) -> int:
    from csdesk.errors import N_, CsdeskError
    from csdesk.reports.account_lookup import resolve_account
    from csdesk.reports.output import check_target

    if args.all == (args.account is not None):
        raise CsdeskError(N_("name one ACCOUNT, or give --all (not both)."))
    target = args.output if args.all else check_target(args.output, (".pdf", ".pptx"))
    account_id = None
    if args.account is not None:
        with open_workspace(args.file, read_only=True) as ws:
            account_id = resolve_account(ws, args.account)
    with _source(args) as path:
        ws, locked = _open_for_packs(path, anonymised=args.anonymise)
        with ws:
            return _write_packs(args, ws, locked, target, account_id)


def _write_packs(
    args: argparse.Namespace,
    ws: Any,
    locked: Any,
    target: Path,
    account_id: int | None,
) -> int:
    """One pack to ``target``, or with --all one per active account into that folder."""
    from csdesk.reports.qbr.batch import write_all, write_one
    from csdesk.reports.qbr.quarter_choice import choose_quarter

    lang = _language(args, ws)
    choice = choose_quarter(ws, args.quarter, date.today())
    _say_which_quarter(choice, lang)
    quarter = choice.quarter
    if args.all:
        _ = lang
        cancelled = _(
            "QBR packs cancelled; the packs already in {folder} are whole, none is half-written."
        ).format(folder=target)
        packs = int(ws.scalar("SELECT count(*) FROM accounts WHERE status = 'active'"))
        with LongWork(cancelled, show=shows_progress(args), lang=lang) as work:
            result = write_all(
                ws,
                target,
                quarter=quarter,
                lang=lang,
                fmt=args.format,
                jobs=args.jobs,
                progress=work.phase(_("QBR packs"), total=packs, unit=_("packs")),
            )
        count = len(result.written)
        print(
            lang.ngettext(
                "Wrote {count} QBR pack to {folder}",
                "Wrote {count} QBR packs to {folder}",
                count,
            ).format(count=lang.number(count), folder=target)
        )
        _report_failures(result.failed, lang)
        if result.written:
            _snapshots_not_kept(args, ws, locked, lang, batch=True)
        return 1 if result.failed else 0
    assert account_id is not None
    from csdesk.reports.qbr.data_checks import overlap_warning

    warning = overlap_warning(ws, account_id, quarter, lang)
    if warning is not None:
        _ = lang
        print(_("warning: {said}").format(said=warning), file=sys.stderr)
    write_one(ws, account_id, target, quarter, lang, date.today())
    print(_wrote(lang, target))
    _snapshots_not_kept(args, ws, locked, lang, batch=False)
    return 0


def _open_for_packs(path: Path, *, anonymised: bool) -> tuple[Any, Any]:
    """The workspace the packs are written from, and why it is read-only when another csdesk
    holds it for writing.

    Writable when it can be: exporting a pack stores what it showed (its snapshot) for the
    next QBR's "what changed", from the command line as from the app. An anonymised pack is
    for sharing, not what the client was shown: it is written from a read-only copy and keeps
    nothing. When the app has the workspace open the packs are still written, read-only.
    """
    from csdesk.store.errors import WorkspaceLocked

    if anonymised:
        return open_workspace(path, read_only=True), None
    try:
        return open_workspace(path), None
    except WorkspaceLocked as exc:
        return open_workspace(path, read_only=True), exc


def _snapshots_not_kept(
    args: argparse.Namespace, ws: Any, locked: Any, lang: Lang, *, batch: bool
) -> None:
    """Say on stderr that the snapshots could not be stored (locked, or a read-only file)."""
    if args.anonymise or not ws.read_only:
        return
    _ = lang
    if locked is not None:
        reason = locked.render(lang, remedy=False)
    elif ws.why_read_only is not None:
        reason = ws.why_read_only.render(lang)
    else:
        reason = _("the workspace is open read-only")
    said = (
        _(
            "what these packs show was not stored, so the next QBRs cannot say what changed "
            "since them: {reason}"
        )
        if batch
        else _(
            "what this pack shows was not stored, so the next QBR cannot say what changed "
            "since it: {reason}"
        )
    )
    print(f"csdesk: {said.format(reason=reason)}", file=sys.stderr)


def _wrote(lang: Lang, target: Path) -> str:
    _ = lang
    return _("Wrote {path}").format(path=target)


def _quarter(text: str) -> Any:
    """``--quarter``: a quarter such as 2026Q3, of a year csdesk's dates can hold."""
    from csdesk.errors import CsdeskError
    from csdesk.reports.qbr.model import Quarter

    try:
        quarter = Quarter.parse(text)
    except CsdeskError as exc:
        raise argparse.ArgumentTypeError(exc.message.removeprefix("--quarter ")) from None
    check_year(text, quarter.year)
    return quarter


def _report_failures(failed: list[tuple[str, str]], lang: Lang) -> None:
    """One line per account that failed; a reason shared by several accounts said once."""
    by_reason: dict[str, list[str]] = {}
    for name, reason in failed:
        by_reason.setdefault(reason, []).append(name)
    for reason, names in by_reason.items():
        if len(names) == 1:
            print(f"csdesk: {names[0]}: {reason}", file=sys.stderr)
        else:
            count = len(names)
            said = lang.ngettext(
                "{count} pack not written: {reason}", "{count} packs not written: {reason}", count
            ).format(count=lang.number(count), reason=reason)
            print(f"csdesk: {said}", file=sys.stderr)


def _say_which_quarter(choice: Any, lang: Lang) -> None:
    """On stderr, when the default quarter stepped back to where the recorded activity ends,
    or the quarter asked for lies past it (its packs would show no tickets, usage or surveys)."""
    from csdesk.reports.qbr.model import Quarter

    end, revenue_end = choice.activity_end, choice.revenue_end
    _ = lang
    if choice.stepped_back and end is not None and revenue_end is not None:
        said = _(
            "note: QBR of {quarter}, where the recorded activity ends: the newest ticket, usage "
            "record, survey or event is from {end}, while open contracts carry the revenue on "
            "to {revenue_end} (--quarter for another quarter)."
        ).format(
            quarter=str(choice.quarter), end=lang.month(end), revenue_end=lang.month(revenue_end)
        )
    elif choice.past_the_data and end is not None:
        said = _(
            "warning: {quarter} lies past the recorded activity: the newest ticket, usage record, "
            "survey or event is from {end}, so the QBR shows none for that quarter "
            "(--quarter {suggested} for the quarter where it ends)."
        ).format(quarter=str(choice.quarter), end=lang.month(end), suggested=str(Quarter.of(end)))
    else:
        return
    print(said, file=sys.stderr)


def _export(args: argparse.Namespace) -> int:
    from csdesk.reports.output import check_target
    from csdesk.reports.xlsx.export import export_workbook

    target = check_target(args.output, (".xlsx",))
    with _source(args) as path, open_workspace(path, read_only=True) as ws:
        lang = _ = _language(args, ws)
        cancelled = _("Export cancelled; nothing was written to {target}.").format(target=target)
        with LongWork(cancelled, show=shows_progress(args), lang=lang) as work:
            progress = work.phase(_("Export"))
            export_workbook(ws, target, lang=lang, progress=progress)
    print(_wrote(lang, target))
    return 0
