"""Another csdesk process holding a workspace open for writing, as the app does while a person
works in it: commands and windows started meanwhile meet its lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def held_elsewhere(path: Path) -> Iterator[None]:
    """``path`` open for writing in a child process until the block ends."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys
                from csdesk.store import Workspace
                ws = Workspace.open({str(path)!r})
                print("open", flush=True)
                sys.stdin.read()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        yield
    finally:
        holder.communicate("", timeout=60)
