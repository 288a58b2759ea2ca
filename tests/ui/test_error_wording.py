"""A refusal of the store reaches the app in the app's language and says what to do with the
app's menu items, never with a command to type."""

from __future__ import annotations

from pathlib import Path

import pytest
from dialog_log import DialogLog
from PySide6.QtWidgets import QMenu

from csdesk.i18n import Lang, set_language
from csdesk.store.backup import automatic_backup
from csdesk.ui import remedies, workspace_opening
from csdesk.ui.main_window import MainWindow


def _damage(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 4000)


def _menu_texts(window: MainWindow) -> dict[str, list[str]]:
    """Each menu's title -> the texts of its items, as the menu bar shows them."""
    found: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            found[action.text()] = [item.text() for item in menu.actions()]
    return found


@pytest.mark.parametrize("code", ["en", "pt_BR"])
def test_the_remedies_name_the_menu_items_the_menu_bar_shows(window: MainWindow, code: str) -> None:
    window.apply_language(code)
    menus = _menu_texts(window)
    lang = Lang(code)
    file_items = menus[lang(remedies.FILE_MENU)]
    for label in (remedies.RESTORE_BACKUP, remedies.NEW_WORKSPACE, remedies.IMPORT_SPREADSHEET):
        assert lang(label) in file_items


def test_a_damaged_workspace_without_backup_points_to_the_restore_menu(
    window: MainWindow, sample_path: Path, dialogs: DialogLog
) -> None:
    window.set_workspace(None)
    _damage(sample_path)
    assert not window.open_path(sample_path)
    [(title, message)] = dialogs.errors
    assert title == "Cannot open workspace"
    assert "damaged" in message and "File ▸ Restore from backup…" in message
    assert "csdesk restore" not in message and "BACKUP" not in message


def test_in_portuguese_the_dialog_names_the_portuguese_menu(
    window: MainWindow, sample_path: Path, dialogs: DialogLog
) -> None:
    window.set_workspace(None)
    set_language("pt_BR")
    _damage(sample_path)
    assert not window.open_path(sample_path)
    [(title, message)] = dialogs.errors
    assert title == "Não foi possível abrir o workspace"
    assert "está danificado" in message
    assert "Arquivo ▸ Restaurar de um backup…" in message
    assert "csdesk restore" not in message and "is damaged" not in message


def test_the_offer_to_restore_does_not_also_point_to_the_menu(
    window: MainWindow, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        workspace_opening, "confirm_question", lambda parent, title, q: asked.append(q) or False
    )
    window.set_workspace(None)
    automatic_backup(sample_path, reason="before-import")
    _damage(sample_path)
    assert not window.open_path(sample_path)
    [question] = asked
    assert "damaged" in question and "Restore the newest backup" in question
    assert "▸" not in question and "csdesk restore" not in question


def test_a_missing_recent_workspace_points_to_new_workspace_and_import(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    gone = tmp_path / "gone.csdesk"
    assert not window.open_path(gone)
    [(_, message)] = dialogs.errors
    assert "does not exist" in message
    assert "File ▸ New workspace…" in message and "File ▸ Import spreadsheet…" in message
    assert "csdesk demo" not in message and "csdesk import" not in message
