"""Right-to-left: with the layout direction of Persian or Arabic, the window mirrors (the
navigation moves to the right, table headers start from the right) and Persian and Arabic
account names show as typed in the accounts table and the account header."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csdesk.store import Workspace
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workers import Runner

PERSIAN = "شرکت نمونه پارس"
ARABIC = "شركة المثال العربية"


@pytest.fixture
def right_to_left(qapp: QApplication) -> Iterator[None]:
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    yield
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture
def rtl_window(qtbot: QtBot, sample_path: Path, right_to_left: None) -> Iterator[MainWindow]:
    ws = Workspace.open(sample_path)
    with ws.transaction():
        for name in (PERSIAN, ARABIC):
            ws.execute(
                "INSERT INTO accounts (name, name_key, segment) VALUES (?, ?, 'SMB')",
                (name, name),
            )
    ws.close()
    win = MainWindow(Runner(immediate=True))
    qtbot.addWidget(win)
    assert win.open_path(sample_path)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_main_views_mirror(rtl_window: MainWindow, tmp_path: Path) -> None:
    win = rtl_window
    assert win.isRightToLeft()
    nav = win.navigation.mapTo(win, QPoint(0, 0)).x()
    content = win.stack.mapTo(win, QPoint(0, 0)).x()
    assert nav > content  # the navigation sits on the right
    central = win.centralWidget()
    assert central is not None and nav + win.navigation.width() == central.width()

    page = win.accounts_page
    win.show_page("accounts")
    header = page.table.horizontalHeader()
    assert header.isRightToLeft()
    first = header.sectionViewportPosition(header.logicalIndex(0))
    # the first column starts from the right edge
    assert first + header.sectionSize(header.logicalIndex(0)) == header.viewport().width()
    win.grab().save(str(tmp_path / "rtl_accounts.png"))


def test_persian_and_arabic_names_show(rtl_window: MainWindow, tmp_path: Path) -> None:
    win = rtl_window
    page = win.accounts_page
    win.show_page("accounts")
    model = page.model
    names = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert {PERSIAN, ARABIC} <= names

    session = win.session
    assert session is not None
    account = session.ws.scalar("SELECT id FROM accounts WHERE name = ?", (PERSIAN,))
    win.open_account(int(account))
    assert win.account_page.heading.text() == PERSIAN
    assert win.account_page.heading.isRightToLeft()
    back = win.account_page.back.mapTo(win, QPoint(0, 0)).x()
    assert back > win.width() // 2  # "back" at the start of the line: the right
    win.grab().save(str(tmp_path / "rtl_account.png"))
