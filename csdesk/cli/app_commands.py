"""`csdesk` (no command) and `csdesk open FILE`: the desktop app."""

from __future__ import annotations

import argparse
import importlib.util
from typing import Any

from csdesk.errors import N_, CsdeskError, Message
from csdesk.i18n import _

HEADLESS_HINT = N_(
    "Headless commands: csdesk demo, csdesk backup, csdesk restore (csdesk --help lists them all)."
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("open", help=_("open a workspace file in the app"))
    parser.add_argument("file", metavar="FILE", help=_("the workspace (.csdesk) file"))
    parser.set_defaults(handler=run_app)


def run_app(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("csdesk.ui.app") is None:
        raise CsdeskError(
            N_("the desktop app is not part of this build yet. {hint}"),
            hint=Message(HEADLESS_HINT),
        )
    from csdesk.ui.app import run  # type: ignore[import-not-found,unused-ignore]

    return run(getattr(args, "file", None))
