"""Restoring from the app: File > Restore from backup… lists the backups and restores one (the
current content backed up first); a damaged workspace is offered its newest backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from dialog_log import DialogLog

from csdesk.store.backup import automatic_backup, list_backups
from csdesk.ui import workspace_opening
from csdesk.ui.backup_restore import RestoreDialog
from csdesk.ui.main_window import MainWindow


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def confirm(parent: object, title: str, message: str) -> bool:
        asked.append(message)
        return True

    monkeypatch.setattr(workspace_opening, "confirm_question", confirm)
    return asked


def test_restore_from_the_file_menu(
    window: MainWindow, sample_path: Path, confirmations: list[str], dialogs: DialogLog
) -> None:
    session = window.session
    assert session is not None
    before = session.ws.scalar("SELECT count(*) FROM accounts")
    automatic_backup(sample_path, reason="before-import")
    with session.ws.transaction():
        session.ws.execute("DELETE FROM accounts WHERE id = 1")
    assert session.ws.scalar("SELECT count(*) FROM accounts") == before - 1

    window.restore_action.trigger()
    dialog = window._restore_dialog
    assert isinstance(dialog, RestoreDialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "before an import"
    assert dialog.model.index(0, 2).data().endswith("KB")
    assert dialog.restore_button.isEnabled()
    dialog.accept()

    assert confirmations and sample_path.name in confirmations[0]
    assert dialogs.errors == []
    reopened = window.session
    assert reopened is not None and reopened is not session
    assert reopened.ws.scalar("SELECT count(*) FROM accounts") == before
    reasons = [p.stem.rsplit("-", 2)[-2:] for p in list_backups(sample_path)]
    assert ["before", "restore"] in reasons  # the content replaced was kept


def test_a_damaged_workspace_is_offered_its_newest_backup(
    window: MainWindow, sample_path: Path, confirmations: list[str], dialogs: DialogLog
) -> None:
    session = window.session
    assert session is not None
    before = session.ws.scalar("SELECT count(*) FROM accounts")
    window.set_workspace(None)
    automatic_backup(sample_path, reason="before-import")
    data = sample_path.read_bytes()
    sample_path.write_bytes(data[:100] + b"\xff" * 4000)

    assert window.open_path(sample_path)
    assert confirmations and "damaged" in confirmations[0]
    assert dialogs.errors == []
    assert window.session is not None
    assert window.session.ws.scalar("SELECT count(*) FROM accounts") == before
    kept = list(sample_path.parent.glob(sample_path.name + ".damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes()[100:104] == b"\xff" * 4


def test_no_backup_no_offer(
    window: MainWindow, sample_path: Path, confirmations: list[str], dialogs: DialogLog
) -> None:
    window.set_workspace(None)
    sample_path.write_bytes(sample_path.read_bytes()[:100] + b"\xff" * 4000)
    assert not window.open_path(sample_path)
    assert confirmations == []
    assert dialogs.errors and "damaged" in dialogs.errors[0][1]


def test_a_journal_of_another_file_is_set_aside_and_told_once(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    import shutil
    import sqlite3
    from datetime import date

    from csdesk.demo import generate
    from csdesk.demo.sizes import DemoSize
    from csdesk.store import Workspace

    workspace = tmp_path / "synced.csdesk"
    with Workspace.open(workspace, create=True) as ws:
        generate(
            ws,
            size=DemoSize("tiny", 24, 300, 120, 300, 3, 2, 2, 1, 24),
            seed=3,
            today=date(2026, 3, 15),
        )
    other = tmp_path / "elsewhere.csdesk"  # another file: the same tables on other pages
    shutil.copyfile(workspace, other)
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("DELETE FROM events WHERE id % 3 = 0")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE accounts SET notes = 'elsewhere'")
    conn.execute("DELETE FROM revenue_months WHERE month < '2025-06'")
    shutil.copyfile(f"{other}-wal", f"{workspace}-wal")
    conn.close()

    assert window.open_path(workspace)
    assert dialogs.errors == []
    [(title, message)] = dialogs.notices
    assert title == "Opened with care" and "does not belong" in message
    assert list(tmp_path.glob("synced.csdesk-wal.set-aside-*"))
    assert window.session is not None
    assert window.session.ws.scalar("SELECT count(*) FROM accounts WHERE notes = 'elsewhere'") == 0
