"""What several subcommands share: opening a workspace, printing data."""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.errors import N_, Door, Message
from csdesk.i18n import _
from csdesk.store import Workspace

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang

# What the command line says for each remedy an error carries (csdesk.errors.Remedy): its
# commands. The app says the same with its menu items (csdesk.ui.remedies).
COMMAND_LINE: Door = {
    "restore_newest": Message(
        N_("The newest good backup is {backup}; restore it with: csdesk restore {backup} {file}")
    ),
    "restore_any": Message(N_("Restore it from a backup with: csdesk restore BACKUP {file}")),
    "create_workspace": Message(
        N_("Create one with `csdesk demo {file}` or `csdesk import {file} SPREADSHEET`.")
    ),
    "list_actions": Message(N_("`csdesk today {file} --all` lists them.")),
    "import_again": Message(
        N_(
            "Import it again anyway with --again, or undo the earlier batch first: "
            "csdesk undo-import {file} {batch}"
        )
    ),
}


# Translators: help of an ACCOUNT argument: how a command finds the account the user means.
ACCOUNT_HELP = N_(
    "external id, name, or the start of a name (capitals and accents aside) that only one "
    "account has"
)


def command_lang(args: argparse.Namespace) -> Lang:
    """The language a command speaks when it has no Lang at hand (its refusals, a
    confirmation): its --lang, else the workspace's locale setting, else the system's. A --lang
    csdesk has no words for, or a workspace that cannot be read, counts as not given."""
    from csdesk.errors import CsdeskError
    from csdesk.i18n.lang import resolve, workspace_lang

    asked = getattr(args, "lang", None)
    try:
        if asked:
            return resolve(asked)
    except CsdeskError:
        pass
    file = getattr(args, "file", None)
    if isinstance(file, Path) and file.is_file():
        try:
            with Workspace.open(file, read_only=True) as ws:
                return workspace_lang(ws)
        except (CsdeskError, sqlite3.Error, OSError):
            pass  # what stopped the command stops this too: the system's language
    return resolve(None)


def language_tag(text: str) -> str:
    """An argparse type for --lang: a language csdesk speaks, refused as a usage mistake (so
    before anything is opened or written) when it has no words for it."""
    from csdesk.i18n.locales import SUPPORTED, TAGS, supported_code

    if supported_code(text) is None:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a language csdesk speaks; choose one of: {choices}").format(
                text=text, choices=", ".join(TAGS[code] for code in SUPPORTED)
            )
        )
    return text


def language_argument(parser: argparse.ArgumentParser) -> None:
    """``--lang`` for a command whose words (its table, its confirmation, its refusals) follow
    it, else the workspace's locale setting, else the system's."""
    parser.add_argument(
        "--lang",
        metavar="LANG",
        type=language_tag,
        default=None,
        help=_("language of the output: en or pt-BR (default: the workspace's, else the system's)"),
    )


def workspace_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help=_("the workspace (.csdesk) file"))


def open_workspace(path: Path, *, create: bool = False, read_only: bool = False) -> Workspace:
    return Workspace.open(path, create=create, read_only=read_only)


def remove_new_workspace(path: Path) -> None:
    """A command that created ``path`` and did not finish leaves no half-made file behind."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def print_json(data: Any) -> None:
    # One write: json.dump writes each token on its own, which costs seconds for a long list.
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


# The range of dates a command accepts: calendar arithmetic (windows back, renewals ahead) stays
# far inside what Python's dates hold, and no portfolio lies outside it.
FIRST_YEAR = 1900
LAST_YEAR = 2999
MAX_WINDOW_MONTHS = 1_200  # a hundred years
MAX_JOBS = 256
MAX_ID = 2**63 - 1  # SQLite's largest integer


def check_year(text: str, year: int) -> None:
    """Refuse a date whose year lies outside :data:`FIRST_YEAR`..:data:`LAST_YEAR`."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            _("{text!r}: the year must be between {first} and {last}").format(
                text=text, first=FIRST_YEAR, last=LAST_YEAR
            )
        )


def bounded_int(what: str, low: int, high: int) -> Any:
    """An argparse type: a whole number from ``low`` to ``high``, else one clear error.

    ``what`` is marked with ``N_()`` and translated when the error is said."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            from csdesk.i18n.lang import ambient

            lang = ambient()
            raise argparse.ArgumentTypeError(
                _("{text!r} is not {what} (a whole number from {low} to {high})").format(
                    text=text, what=_(what), low=lang.number(low), high=lang.number(high)
                )
            )
        return value

    return parse


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one ``csdesk:`` line and exit code 2, like every
    other refusal of the command line (argparse's own begin ``csdesk metrics: error:`` after
    a usage block)."""

    def error(self, message: str) -> Any:
        # Translators: argparse's refusal of a command line, then where to read how it goes.
        said = _("{message} (see '{prog} --help')").format(message=message, prog=self.prog)
        self.exit(2, f"csdesk: {said}\n")
