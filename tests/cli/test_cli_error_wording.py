"""A refusal of the store reaches the command line in the command's language and says what to do
with the command line's own commands (the app says it with its menu items)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_workspace import build_sample

from csdesk.cli import main
from csdesk.store import Workspace
from csdesk.store.backup import list_backups
from csdesk.store.settings import LOCALE


def _damage(path: Path) -> None:
    """Keep the SQLite header, overwrite what follows: the file reads as damaged."""
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 4000)


def _err(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.startswith("csdesk: ") and err.count("\n") == 1 and "Traceback" not in err
    return err


def _csv(path: Path) -> Path:
    path.write_text("Cliente;Mês;MRR\nAcme;01/2025;100\n", encoding="utf-8")
    return path


def test_a_damaged_workspace_names_the_restore_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.csdesk"
    build_sample(path).close()
    _damage(path)
    err = _err(capsys, "metrics", str(path))
    assert "damaged" in err and f"csdesk restore BACKUP {path}" in err
    assert "▸" not in err and "Restore from backup" not in err


def test_a_damaged_workspace_with_a_backup_names_it_in_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.csdesk"
    build_sample(path).close()
    assert main(["backup", str(path)]) == 0
    [good] = list_backups(path)
    _damage(path)
    err = _err(capsys, "import", str(path), str(_csv(tmp_path / "a.csv")))
    assert f"csdesk restore {good} {path}" in err


def test_the_refusal_is_in_portuguese_when_the_command_asks_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.csdesk"
    build_sample(path).close()
    assert main(["backup", str(path)]) == 0
    [good] = list_backups(path)
    _damage(path)
    err = _err(capsys, "import", str(path), str(_csv(tmp_path / "a.csv")), "--lang", "pt-BR")
    assert "está danificado: o arquivo está truncado" in err
    assert f"restaure-o com: csdesk restore {good} {path}" in err
    assert "is damaged" not in err


def test_a_missing_workspace_names_the_commands_that_make_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "none.csdesk"
    err = _err(capsys, "metrics", str(path))
    assert "does not exist" in err
    assert f"csdesk demo {path}" in err and f"csdesk import {path} SPREADSHEET" in err


def test_the_workspaces_language_is_the_refusals_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.csdesk"
    with build_sample(path) as ws:
        LOCALE.set(ws, "pt_BR")
    err = _err(capsys, "metrics", str(path), "--account", "Nobody Ltd")
    assert "não há conta com id externo ou nome 'Nobody Ltd'" in err
    with Workspace.open(path) as ws:
        LOCALE.set(ws, "en")
    err = _err(capsys, "metrics", str(path), "--account", "Nobody Ltd")
    assert "there is no account with external id or name 'Nobody Ltd'" in err
