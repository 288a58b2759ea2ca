"""`csdesk report roles` and `csdesk export`: the documents and workbooks a client sees."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from csdesk.cli.common import open_workspace, workspace_argument


def register(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "report",
        help="write a client document (PDF)",
        description="Write a document for a client or a consultant.",
    )
    kinds = report.add_subparsers(dest="report", metavar="KIND", required=True)

    roles = kinds.add_parser(
        "roles",
        help="role-clarity onboarding document: who does what between CS, AM, Support and CX",
        description="Without ACCOUNT the document is generic; with it, it names the people "
        "who look after that account. The matrix is the workspace's edited copy when there is "
        "one, else the shipped default.",
    )
    workspace_argument(roles)
    roles.add_argument(
        "account", metavar="ACCOUNT", nargs="?", help="external id or exact name of the account"
    )
    _output_and_language(roles, "OUT.pdf")
    roles.set_defaults(handler=_roles)

    export = subparsers.add_parser(
        "export",
        help="write the portfolio to an Excel workbook finance can audit",
        description="Sheets for accounts, MRR by month, movements, health, renewals, support "
        "and surveys; key ratios as live formulas beside csdesk's values; native charts.",
    )
    workspace_argument(export)
    _output_and_language(export, "OUT.xlsx")
    export.set_defaults(handler=_export)


def _output_and_language(parser: argparse.ArgumentParser, metavar: str) -> None:
    parser.add_argument("-o", "--output", metavar=metavar, type=Path, required=True)
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=None,
        help="language of the document: en or pt-BR (default: the workspace's, else the system's)",
    )


def _language(args: argparse.Namespace, ws: Any) -> str:
    """--lang when given, else the workspace's locale setting, else the system's language."""
    from csdesk.i18n.translation import resolve_language
    from csdesk.store.settings import LOCALE

    if args.lang:
        return resolve_language(args.lang)
    stored = LOCALE.get(ws) if ws is not None else None
    return resolve_language(stored)


def _roles(args: argparse.Namespace) -> int:
    from csdesk.reports.output import check_target
    from csdesk.reports.roles import build_roles_document
    from csdesk.reports.roles_pdf import write_roles_pdf

    target = check_target(args.output, (".pdf",))
    with open_workspace(args.file, read_only=True) as ws:
        document = build_roles_document(ws, args.account, language=_language(args, ws))
    write_roles_pdf(document, target)
    print(f"Wrote {target}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from csdesk.reports.output import check_target
    from csdesk.reports.xlsx.export import export_workbook

    target = check_target(args.output, (".xlsx",))
    with open_workspace(args.file, read_only=True) as ws:
        export_workbook(ws, target, language=_language(args, ws))
    print(f"Wrote {target}")
    return 0
