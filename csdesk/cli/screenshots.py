"""`csdesk screenshots FILE OUTDIR`: every main view of a workspace as PNG, offscreen.

The same as `python -m csdesk.ui.screenshots`, reachable from the packaged app too, where there
is no Python to run a module with; the packaging check uses it to prove the built app works.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from csdesk.errors import N_, CsdeskError
from csdesk.i18n import _
from csdesk.store import Workspace


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "screenshots",
        help=_("render every main view of a workspace to PNG files, without a display"),
    )
    parser.add_argument("file", metavar="FILE", type=Path, help=_("the workspace (.csdesk) file"))
    parser.add_argument("outdir", metavar="OUTDIR", type=Path, help=_("folder for the PNG files"))
    parser.set_defaults(handler=_screenshots)


def _screenshots(args: argparse.Namespace) -> int:
    Workspace.check(args.file)
    try:
        args.outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CsdeskError(
            N_("cannot create the folder {folder}: {reason}."),
            folder=args.outdir,
            reason=exc.strerror or str(exc),
        ) from exc
    from csdesk.ui.screenshots import render

    for path in render(args.file, args.outdir):
        print(path)
    return 0
