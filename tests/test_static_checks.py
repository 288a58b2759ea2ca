"""ruff (lint and format) and mypy pass on the whole tree: run with the suite, so that a
commit whose tests pass cannot land a type error or an unformatted file (one did)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed beside this Python (scripts/setup.sh installs it)")
    return str(found)


def _run(*command: str) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}{done.stderr}"


def test_ruff_finds_nothing() -> None:
    _run(_tool("ruff"), "check", "csdesk", "tests")


def test_the_tree_is_formatted() -> None:
    _run(_tool("ruff"), "format", "--check", "csdesk", "tests")


def test_mypy_finds_nothing() -> None:
    _run(_tool("mypy"))
