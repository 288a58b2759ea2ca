"""UI test set-up: a sample workspace, a main window on it, jobs run at once, no modal dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dialog_log import DialogLog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sample_workspace import build_sample

from csdesk.store import Workspace
from csdesk.ui import health_source, health_view, metrics_source, style, workspace_opening
from csdesk.ui.first_paint import painted
from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages import team as team_page
from csdesk.ui.workers import Runner


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    log = DialogLog()
    monkeypatch.setattr(workspace_opening, "error_dialog", log.error)
    monkeypatch.setattr(workspace_opening, "notice_dialog", log.notice)
    monkeypatch.setattr(workspace_opening, "read_only_question", log.ask)
    return log


@pytest.fixture(autouse=True)
def app_language() -> Iterator[None]:
    """The language is process-wide and the window changes it (a workspace's Language
    setting): whatever a test switches to, the next test starts in the language before."""
    from csdesk.i18n import translation

    previous = translation._default
    yield
    translation._default = previous


@pytest.fixture(scope="session", autouse=True)
def styled_app(qapp: QApplication) -> QApplication:
    """The app's look, applied once: tests see what a person sees, screenshots included."""
    style.apply(qapp)
    return qapp


@pytest.fixture(autouse=True)
def metrics_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Pages work without the metrics engine; tests that want its figures ask for
    ``with_metrics``. The rest run without it, which keeps them fast."""
    wanted = "with_metrics" in request.fixturenames
    if not wanted:
        monkeypatch.setattr(health_view, "health_available", lambda: False)
        monkeypatch.setattr(health_source, "available", lambda: False)
        monkeypatch.setattr(metrics_source, "portfolio_available", lambda: False)
        monkeypatch.setattr(team_page, "capacity_available", lambda: False)
    return wanted


@pytest.fixture
def with_metrics() -> bool:
    return True


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    path = tmp_path / "sample.csdesk"
    build_sample(path).close()
    return path


@pytest.fixture
def sample_ws(sample_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(sample_path)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot: QtBot, sample_path: Path) -> Iterator[MainWindow]:
    """The main window on the sample workspace, shown, with background jobs run at once."""
    win = MainWindow(Runner(immediate=True))
    qtbot.addWidget(win)
    assert win.open_path(sample_path)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    # The Today page reads its queue once the window has first painted.
    qtbot.waitUntil(lambda: painted(win))
    yield win
    win.close()


@pytest.fixture
def empty_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The main window on a new, empty workspace (its currency not chosen yet), 1000×650."""
    Workspace.create(tmp_path / "new.csdesk").close()
    win = MainWindow(Runner(immediate=True))
    qtbot.addWidget(win)
    assert win.open_path(tmp_path / "new.csdesk")
    win.resize(1000, 650)
    win.show()
    qtbot.waitUntil(lambda: painted(win))
    yield win
    win.close()
