"""The `csdesk` command: headless subcommands for every job, or the app when none is given.

Each subcommand lives in its own module of this package and exposes ``register(subparsers)``;
the module list below is the one place that says which subcommands exist, so only what works
is offered. A :class:`~csdesk.errors.CsdeskError` becomes one line on stderr and exit code 2;
anything else is a bug and keeps its traceback. Help texts are worded with ``_()`` when the
parser is built, in the language :mod:`csdesk.cli.speaking` picks from the command line.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from csdesk.errors import CsdeskError

# Modules of csdesk.cli that define subcommands, in the order `--help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "app_commands",
    "demo",
    "backup",
    "screenshots",
    "imports",
    "metrics",
    "desk",
    "reports",
)


class _VersionAction(argparse.Action):
    """Prints the version; reads the package metadata only when asked (start-up stays fast)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        import csdesk

        print(f"csdesk {csdesk.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, its help in the ambient language (see :func:`main`)."""
    from csdesk.cli.common import Parser
    from csdesk.i18n import _

    parser = Parser(
        prog="csdesk",
        description=_(
            "The offline desk of a Customer Success Manager. "
            "With no command, opens the app on the default workspace."
        ),
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help=_("show csdesk's version and exit")
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"csdesk.cli.{name}")
        module.register(subparsers)
    return parser


class _Say:
    """A notice (something csdesk did for safety) on one line of stderr, once per command
    however often the command opens the workspace; the command goes on."""

    def __init__(self) -> None:
        self.said: set[str] = set()

    def __call__(self, notice: str) -> None:
        if notice not in self.said:
            self.said.add(notice)
            print(f"csdesk: {notice}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    from csdesk.cli.speaking import asked_language, speaking

    words = list(sys.argv[1:] if argv is None else argv)
    with speaking(asked_language(words)):
        args = build_parser().parse_args(words)
    handler = getattr(args, "handler", None)
    if handler is None:
        from csdesk.cli.app_commands import run_app

        handler = run_app
    from csdesk.store.journals import listening
    from csdesk.store.targets import protecting

    say = _Say()
    file = getattr(args, "file", None)
    try:
        # The workspace a command names is never overwritten by what the command writes.
        with listening(say), protecting(file) if isinstance(file, Path) else nullcontext():
            return int(handler(args) or 0)
    except CsdeskError as exc:
        from csdesk.cli.common import COMMAND_LINE, command_lang

        # Once: a refusal already said as a notice is not said twice.
        say(exc.render(command_lang(args), COMMAND_LINE))
        return exc.exit_code
    except sqlite3.DatabaseError as exc:
        # A damaged file is the user's problem to act on, not a bug: one line, with the way back.
        if type(exc) is not sqlite3.DatabaseError or not isinstance(file, Path):
            raise
        from csdesk.cli.common import COMMAND_LINE, command_lang
        from csdesk.store.backup import damaged

        said = damaged(file, str(exc)).render(command_lang(args), COMMAND_LINE)
        print(f"csdesk: {said}", file=sys.stderr)
        return CsdeskError.exit_code
    except KeyboardInterrupt:
        from csdesk.cli.common import command_lang

        _ = command_lang(args)
        said = _("interrupted; nothing was changed by the unfinished step.")
        print(f"csdesk: {said}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
