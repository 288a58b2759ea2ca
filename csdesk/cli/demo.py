"""`csdesk demo FILE [--size small|large] [--seed N]`: build the demo portfolio.

FILE is created when it does not exist. A workspace that already holds accounts is refused
before anything is opened for writing, so it stays byte-identical. The demo package (numpy)
is imported only when the command runs, keeping `csdesk --help` fast. The summary speaks
--lang, else the system's language: the workspace is new (or empty), so it has no say yet.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.cli.common import language_tag, remove_new_workspace
from csdesk.cli.progress_bar import LongWork, add_quiet_argument, shows_progress
from csdesk.errors import N_, CsdeskError
from csdesk.i18n import _
from csdesk.store import Workspace, WorkspaceReadOnly

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang

SIZES = ("small", "large")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help=_("build a demo portfolio (a realistic CS book) in a workspace file"),
        description=_(
            "Writes a deterministic demo portfolio: accounts, 36 months of MRR, "
            "contracts, tickets, surveys, usage, timeline, opportunities and goals. "
            "The same --seed gives the same content."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path, help=_("the workspace (.csdesk) file"))
    parser.add_argument(
        "--size",
        choices=SIZES,
        default="small",
        help=_("small: about 150 accounts; large: 10,000 accounts and millions of rows"),
    )
    parser.add_argument("--seed", type=int, default=7, help=_("random seed (default 7)"))
    parser.add_argument(
        "--lang",
        metavar="LANG",
        type=language_tag,
        default=None,
        help=_("language of the summary: en or pt-BR (default: the system's)"),
    )
    add_quiet_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from csdesk.i18n.lang import resolve

    lang = resolve(args.lang)
    path: Path = args.file
    created = not path.exists()
    if not created and path.stat().st_size > 0:
        _refuse_if_holding_accounts(path)

    from csdesk.demo import generate

    _ = lang
    started = time.perf_counter()
    cancelled = _("Demo portfolio cancelled; nothing was written to {file}.").format(file=path)
    try:
        with (
            LongWork(cancelled, show=shows_progress(args), lang=lang) as work,
            Workspace.open(path, create=True) as ws,
        ):
            progress = work.phase(_("Demo portfolio"))
            summary = generate(ws, size=args.size, seed=args.seed, progress=progress, lang=lang)
    except BaseException:
        if created:
            remove_new_workspace(path)
        raise
    seconds = time.perf_counter() - started
    _print_summary(summary, path, seconds, lang)
    return 0


def _print_summary(summary: Any, path: Path, seconds: float, lang: Lang) -> None:
    """What was written: rows per table (the tables' own names, as SQL and the export call
    them), then last month's MRR and accounts (the month as --as-of takes it, YYYY-MM)."""
    _ = lang
    # Translators: {size} is the --size given (small or large), kept as typed.
    print(
        _("Demo portfolio ({size}, seed {seed}) written to {path}").format(
            size=summary.size, seed=summary.seed, path=path
        )
    )
    width = max(len(table) for table in summary.counts)
    for table, count in summary.counts.items():
        print(f"  {table:<{width}}  {lang.number(count):>10}")
    print(
        lang.ngettext(
            "Last month: {month}  MRR: {mrr}  ({active} active, {churned} churned account; "
            "{seconds} s)",
            "Last month: {month}  MRR: {mrr}  ({active} active, {churned} churned accounts; "
            "{seconds} s)",
            summary.churned_accounts,
        ).format(
            month=lang.month(summary.last_month),
            mrr=lang.money(summary.mrr_last_month, summary.currency),
            active=lang.number(summary.active_accounts),
            churned=lang.number(summary.churned_accounts),
            seconds=lang.number(seconds, decimals=1),
        )
    )


def _refuse_if_holding_accounts(path: Path) -> None:
    """Read-only look at an existing file: refuse it, unchanged, when it has accounts."""
    try:
        ws = Workspace.open(path, read_only=True)
    except WorkspaceReadOnly:
        # An older workspace that needs an upgrade: the writer checks for accounts itself.
        Workspace.check(path)
        return
    with ws:
        accounts = int(ws.scalar("SELECT count(*) FROM accounts"))
    if accounts:
        raise CsdeskError(
            N_(
                "{path} already holds accounts ({count}); the demo portfolio goes into a new "
                "or empty workspace. Choose another file name."
            ),
            path=path,
            count=lambda lang: lang.number(accounts),
        )
