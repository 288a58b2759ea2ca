"""`csdesk demo FILE [--size small|large] [--seed N]`: build the demo portfolio.

FILE is created when it does not exist. A workspace that already holds accounts is refused
before anything is opened for writing, so it stays byte-identical. The demo package (numpy)
is imported only when the command runs, keeping `csdesk --help` fast.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from csdesk.cli.common import remove_new_workspace
from csdesk.cli.progress_bar import LongWork, add_quiet_argument, shows_progress
from csdesk.errors import CsdeskError
from csdesk.store import Workspace, WorkspaceReadOnly

SIZES = ("small", "large")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="build a demo portfolio (a realistic CS book) in a workspace file",
        description="Writes a deterministic demo portfolio: accounts, 36 months of MRR, "
        "contracts, tickets, surveys, usage, timeline, opportunities and goals. "
        "The same --seed gives the same content.",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the workspace (.csdesk) file")
    parser.add_argument(
        "--size",
        choices=SIZES,
        default="small",
        help="small: about 150 accounts; large: 10,000 accounts and millions of rows",
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    add_quiet_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    created = not path.exists()
    if not created and path.stat().st_size > 0:
        _refuse_if_holding_accounts(path)

    from csdesk.demo import generate
    from csdesk.i18n import _, formatting

    started = time.perf_counter()
    cancelled = _("Demo portfolio cancelled; nothing was written to {file}.").format(file=path)
    try:
        with (
            LongWork(cancelled, show=shows_progress(args)) as work,
            Workspace.open(path, create=True) as ws,
        ):
            progress = work.phase(_("Demo portfolio"))
            summary = generate(ws, size=args.size, seed=args.seed, progress=progress)
    except BaseException:
        if created:
            remove_new_workspace(path)
        raise
    seconds = time.perf_counter() - started

    locale = formatting.system_locale()
    print(f"Demo portfolio ({summary.size}, seed {summary.seed}) written to {path}")
    width = max(len(table) for table in summary.counts)
    for table, count in summary.counts.items():
        print(f"  {table:<{width}}  {formatting.number(count, locale):>10}")
    print(
        f"Last month: {summary.last_month}  MRR: "
        f"{formatting.money(summary.mrr_last_month, summary.currency, locale)}  "
        f"({formatting.number(summary.active_accounts, locale)} active, "
        f"{formatting.number(summary.churned_accounts, locale)} churned accounts; "
        f"{seconds:.1f} s)"
    )
    return 0


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
            f"{path} already holds {accounts:,} accounts; the demo portfolio goes into a new "
            "or empty workspace. Choose another file name."
        )
