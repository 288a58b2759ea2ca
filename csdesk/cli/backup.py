"""`csdesk backup FILE [-o OUT]` and `csdesk restore BACKUP FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from csdesk.store import Workspace
from csdesk.store.backup import automatic_backup, backup_to, restore


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy a workspace safely, even while it is open",
        description="Without -o the copy joins the workspace's rotated backups "
        "(the last 10 are kept) in the csdesk data folder.",
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument("-o", "--output", metavar="OUT", type=Path)
    parser.set_defaults(handler=_backup)

    parser = subparsers.add_parser(
        "restore",
        help="replace a workspace's content with a backup's",
        description="The current content is backed up first, so a restore can be undone.",
    )
    parser.add_argument("backup", metavar="BACKUP", type=Path)
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace) -> int:
    Workspace.check(args.file)
    if args.output is not None:
        target = backup_to(args.file, args.output)
    else:
        target = automatic_backup(args.file, reason="manual")
    print(f"Backed up {args.file} to {target}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    restore(args.backup, args.file)
    print(f"Restored {args.file} from {args.backup}")
    return 0
