"""Every page fits the window it is in: nothing cut off at a small laptop's size, the window's
minimum, a usual size and full HD (the clipping helper says what a person would see cut)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from clipping import chart_problems, clipped
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from csdesk.demo import generate
from csdesk.store import Workspace
from csdesk.store.queries.accounts import list_accounts
from csdesk.ui.main_window import DESTINATIONS, MINIMUM_SIZE, MainWindow
from csdesk.ui.workers import Runner

SIZES = [
    QSize(1000, 650),
    QSize(1280, 800),
    QSize(1920, 1080),
    MINIMUM_SIZE,
]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo: real-looking money (R$ 1.4 million MRR), long names, every page filled."""
    path = tmp_path_factory.mktemp("layout") / "demo.csdesk"
    with Workspace.open(path, create=True) as ws:
        generate(ws, size="small", seed=7, today=date(2026, 11, 22))
        ws.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="module")
def demo_window(
    qapp: QApplication, demo_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MainWindow]:
    """One window for every size and language (the figures are computed once): its own data
    folder for the whole module, which outlives each test's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CSDESK_DATA_DIR", str(tmp_path_factory.mktemp("layout-data")))
        window = MainWindow(Runner(immediate=True))
        window.set_workspace(Workspace.open(demo_path, read_only=True))
        window.show()
        yield window
        window.close()
        window.deleteLater()


def settle(qtbot: QtBot) -> None:
    """Let queued work (the after-first-paint jobs, layout passes) run."""
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(1)


def show(window: MainWindow, qtbot: QtBot, widget: QWidget, size: QSize) -> list[str]:
    window.resize(size)
    settle(qtbot)
    assert window.size() == size
    return clipped(widget) + chart_problems(widget)


CASES = [
    *((size, "en") for size in SIZES),
    # Portuguese words are longer: the small sizes again.
    (QSize(1000, 650), "pt_BR"),
    (MINIMUM_SIZE, "pt_BR"),
]


@pytest.mark.parametrize(
    ("size", "language"),
    CASES,
    ids=lambda c: f"{c.width()}x{c.height()}" if isinstance(c, QSize) else c,
)
def test_no_page_is_cut_off(
    demo_window: MainWindow, qtbot: QtBot, size: QSize, language: str, with_metrics: bool
) -> None:
    if demo_window.apply_language(language):
        settle(qtbot)
    problems: dict[str, list[str]] = {}
    for destination in DESTINATIONS:
        demo_window.show_page(destination.key)
        page = demo_window.page(destination.key)
        page.ensure_fresh()
        settle(qtbot)
        found = show(demo_window, qtbot, page, size)
        if found:
            problems[destination.key] = found
    assert demo_window.session is not None
    rows = [r for r in list_accounts(demo_window.session.ws) if r.mrr]
    best = max(rows, key=lambda r: r.mrr or 0.0)
    demo_window.open_account(best.id)
    account = demo_window.account_page
    for index in range(account.tabs.count()):
        account.tabs.setCurrentIndex(index)
        settle(qtbot)
        found = show(demo_window, qtbot, account, size)
        if found:
            problems[f"account/{account.tabs.tabText(index)}"] = found
    report = "\n".join(f"{where}: {what}" for where, found in problems.items() for what in found)
    assert not problems, f"cut off at {size.width()}x{size.height()} in {language}:\n{report}"
