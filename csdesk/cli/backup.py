"""`csdesk backup FILE [-o OUT]` and `csdesk restore BACKUP FILE`."""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from csdesk.cli.common import command_lang, language_argument
from csdesk.errors import N_, CsdeskError, Message
from csdesk.i18n import _
from csdesk.store import Workspace
from csdesk.store.backup import automatic_backup, backup_to, restore


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "backup",
        help=_("copy a workspace safely, even while it is open"),
        description=_(
            "Without -o the copy joins the workspace's rotated backups "
            "(the last 10 are kept) in the csdesk data folder."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path, help=_("the workspace (.csdesk) file"))
    parser.add_argument(
        "-o", "--output", metavar="OUT", type=Path, help=_("the backup file to write")
    )
    language_argument(parser)
    parser.set_defaults(handler=_backup)

    parser = subparsers.add_parser(
        "restore",
        help=_("replace a workspace's content with a backup's"),
        description=_("The current content is backed up first, so a restore can be undone."),
    )
    parser.add_argument("backup", metavar="BACKUP", type=Path, help=_("the backup to restore"))
    parser.add_argument(
        "file", metavar="FILE", type=Path, help=_("the workspace (.csdesk) file it replaces")
    )
    language_argument(parser)
    parser.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace) -> int:
    Workspace.check(args.file)
    if args.output is not None:
        # Translators: completes "cannot ... OUT: ..." (what csdesk could not do to the file).
        doing = N_("write the backup to")
        _check_destination(args.output, doing)
        with _refused(args.output, doing):
            target = backup_to(args.file, args.output)
    else:
        target = automatic_backup(args.file, reason="manual")
    _ = command_lang(args)
    print(_("Backed up {file} to {target}").format(file=args.file, target=target))
    return 0


def _restore(args: argparse.Namespace) -> int:
    # Translators: completes "cannot ... FILE: ..." (what csdesk could not do to the file).
    doing = N_("restore into")
    _check_destination(args.file, doing)
    with _refused(args.file, doing):
        restore(args.backup, args.file)
    _ = command_lang(args)
    print(_("Restored {file} from {backup}").format(file=args.file, backup=args.backup))
    return 0


def _check_destination(path: Path, doing: str) -> None:
    """A file csdesk is about to create must have a folder and a name the system accepts."""
    if len(path.name.encode("utf-8", "surrogateescape")) > 255:
        raise CsdeskError(
            N_(
                "cannot {doing} {name}…: the file name is longer than the 255 bytes a file "
                "system allows; choose a shorter one."
            ),
            doing=Message(doing),
            name=path.name[:40],
        )
    if not path.parent.is_dir():
        raise CsdeskError(
            N_("cannot {doing} {path}: the folder {folder} does not exist; create it first."),
            doing=Message(doing),
            path=path,
            folder=path.parent,
        )


@contextlib.contextmanager
def _refused(path: Path, doing: str) -> Iterator[None]:
    """The system's refusal to write ``path`` (a read-only or virtual folder such as /proc,
    a full disk) as one line rather than a traceback."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise CsdeskError(
            N_("cannot {doing} {path}: {reason}."), doing=Message(doing), path=path, reason=reason
        ) from exc
