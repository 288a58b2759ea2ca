"""What several subcommands share: opening a workspace, printing data."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from csdesk.store import Workspace


def workspace_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the workspace (.csdesk) file")


def open_workspace(path: Path, *, create: bool = False, read_only: bool = False) -> Workspace:
    return Workspace.open(path, create=create, read_only=read_only)


def print_json(data: Any) -> None:
    # One write: json.dump writes each token on its own, which costs seconds for a long list.
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")
