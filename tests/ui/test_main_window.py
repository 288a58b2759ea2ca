from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from dialog_log import DialogLog
from lock_holder import held_elsewhere
from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from csdesk.domain.month import Month
from csdesk.store import Workspace
from csdesk.ui import ui_settings
from csdesk.ui.main_window import DESTINATIONS, MainWindow, first_size
from csdesk.ui.pages.imports import ImportsPage
from csdesk.ui.workers import Runner


def test_every_page_shows_what_it_has(window: MainWindow) -> None:
    assert window.windowTitle().startswith("sample.csdesk")
    for row, destination in enumerate(DESTINATIONS):
        window.navigation.setCurrentRow(row)
        page = window.current_page()
        assert isinstance(page, destination.page_type())
        assert page.key == destination.key
        assert page.isVisible()
        assert not page.stale
        if destination.key in ("portfolio", "revenue", "health", "support"):
            # Without the metrics engine these pages say what they will show.
            assert page.empty.isVisible()  # type: ignore[attr-defined]
            assert "will show here" in page.empty.body.text()  # type: ignore[attr-defined]
    assert window.accounts_page.proxy.rowCount() == 3
    renewals = window.page("renewals")
    team = window.page("team")
    imports = window.page("imports")
    assert team.model.rowCount() == 3  # type: ignore[attr-defined]
    assert isinstance(imports, ImportsPage)
    assert imports.empty.isVisible() and not imports.table.isVisible()
    assert renewals.model.count == 3  # type: ignore[attr-defined]  (shown: those renewing soon)


def test_portfolio_page_without_metrics_names_what_will_be_there(window: MainWindow) -> None:
    window.show_page("portfolio")
    page = window.page("portfolio")
    assert not page.content.isVisible()  # type: ignore[attr-defined]
    assert page.empty.isVisible()  # type: ignore[attr-defined]
    assert "NRR" in page.empty.body.text()  # type: ignore[attr-defined]


def test_keyboard_shortcuts_switch_pages(window: MainWindow, qtbot: QtBot) -> None:
    actions = {a.shortcut().toString(): a for a in window.findChildren(type(window.undo_action))}
    actions["Ctrl+9"].trigger()
    assert window.current_page() is window.page("imports")
    actions["Ctrl+1"].trigger()
    assert window.current_page() is window.page("today")
    assert "Ctrl+K" in actions


def test_opening_a_file_that_is_not_a_workspace_is_a_dialog(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    bogus = tmp_path / "notes.csdesk"
    bogus.write_text("hello", encoding="utf-8")
    assert window.open_path(bogus) is False
    assert dialogs.errors and "not a csdesk workspace" in dialogs.errors[0][1]
    assert window.windowTitle().startswith("sample.csdesk")


def test_workspace_locked_elsewhere_opens_read_only_on_request(
    qtbot: QtBot, sample_path: Path, dialogs: DialogLog
) -> None:
    with held_elsewhere(sample_path):
        win = MainWindow(Runner(immediate=True))
        qtbot.addWidget(win)
        assert win.open_path(sample_path)
        assert dialogs.questions and "another csdesk" in dialogs.questions[0]
        assert win.session is not None and win.session.read_only
        assert "[read-only]" in win.windowTitle()
        assert win.read_only_label.isVisibleTo(win)
        win.close()
        dialogs.answer_read_only = False
        other = MainWindow(Runner(immediate=True))
        qtbot.addWidget(other)
        assert other.open_path(sample_path) is False
        assert other.session is None
        other.close()


def _drop(window: MainWindow, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(100, 100),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def test_dropping_a_spreadsheet_routes_it_to_imports(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    sheet = tmp_path / "Clientes.csv"
    sheet.write_text("Cliente;Segmento\nDelta SA;SMB\n", encoding="utf-8")
    with qtbot.waitSignal(window.spreadsheet_dropped) as blocker:
        _drop(window, [sheet, tmp_path / "photo.png"])
    assert blocker.args == [sheet]
    imports = window.page("imports")
    assert isinstance(imports, ImportsPage)
    assert window.current_page() is imports
    assert imports.dropped == [sheet]
    assert imports.wizard is not None and imports.wizard.isVisible()
    assert imports.wizard.file_step.name.text() == "Clientes.csv"


def test_dropping_a_broken_workbook_is_a_dialog(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    broken = tmp_path / "Clientes.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    _drop(window, [broken])
    assert dialogs.errors and dialogs.errors[0][0] == "Reading Clientes.xlsx"
    assert "Clientes.xlsx" in dialogs.errors[0][1]
    wizard = window.page("imports").wizard  # type: ignore[attr-defined]
    assert wizard is not None and not wizard.isVisible()


def test_dropping_something_else_is_ignored(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    with qtbot.assertNotEmitted(window.spreadsheet_dropped):
        event = _drop(window, [tmp_path / "photo.png"])
    assert not event.isAccepted()


def test_recent_workspaces_and_window_geometry_are_remembered(
    window: MainWindow, qtbot: QtBot, sample_path: Path
) -> None:
    assert ui_settings.recent_workspaces()[0] == sample_path.resolve()
    window.resize(1111, 777)
    window.close()
    saved = ui_settings.settings().value("window/geometry")
    assert isinstance(saved, QByteArray) and saved.size() > 0
    assert isinstance(ui_settings.settings().value("window/state"), QByteArray)
    again = MainWindow(Runner(immediate=True))
    qtbot.addWidget(again)
    # The offscreen screen clamps what is restored, so compare with a window restored by hand
    # rather than with the size set above; without a saved geometry the window takes its
    # first-start share of the screen.
    reference = MainWindow(Runner(immediate=True))
    qtbot.addWidget(reference)
    reference.restoreGeometry(saved)
    screen = again.screen()
    assert screen is not None
    assert again.size() == reference.size() != first_size(screen.availableGeometry().size())
    again._fill_recent_menu()
    assert [a.text() for a in again.recent_menu.actions()] == [str(sample_path.resolve())]


def test_new_workspace_shows_empty_states(qtbot: QtBot, tmp_path: Path) -> None:
    win = MainWindow(Runner(immediate=True))
    qtbot.addWidget(win)
    win.set_workspace(Workspace.create(tmp_path / "fresh.csdesk"))
    win.show()
    win.show_page("accounts")
    assert win.accounts_page.empty.isVisible()
    assert not win.accounts_page.table.isVisible()
    win.show_page("team")
    assert win.page("team").empty.isVisible()  # type: ignore[attr-defined]
    win.close()


def _headless_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return env


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="a display is always there")
@pytest.mark.parametrize(
    "command",
    [
        ["-c", "from csdesk.ui.app import run; raise SystemExit(run(None))"],
        ["-m", "csdesk"],
    ],
)
def test_without_a_display_the_app_exits_naming_headless_commands(command: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, *command], capture_output=True, text=True, env=_headless_env(), timeout=60
    )
    assert out.returncode == 2
    assert "no display" in out.stderr
    assert "csdesk demo" in out.stderr and "metrics" in out.stderr
    assert "Traceback" not in out.stderr


def test_start_opens_the_named_workspace(qtbot: QtBot, sample_path: Path) -> None:
    from csdesk.ui.app import start

    window = start(str(sample_path))
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.windowTitle().startswith("sample.csdesk")
    window.close()


def test_start_without_a_file_creates_the_default_workspace(qtbot: QtBot) -> None:
    from csdesk.store.paths import default_workspace_path
    from csdesk.ui.app import start

    assert not default_workspace_path().exists()
    window = start(None)
    qtbot.addWidget(window)
    assert default_workspace_path().exists()
    assert window.session is not None and window.session.ws.path == default_workspace_path()
    window.close()


def test_portfolio_kpis_from_the_metrics_engine(
    window: MainWindow, qtbot: QtBot, with_metrics: bool
) -> None:
    window.show_page("portfolio")
    page = window.page("portfolio")
    session = window.session
    assert session is not None
    # The metrics job starts once the page has painted.
    qtbot.waitUntil(lambda: page.movements_chart.figure is not None)  # type: ignore[attr-defined]
    assert page.content.isVisible() and not page.empty.isVisible()  # type: ignore[attr-defined]
    mrr_card = page.kpi_grid.cards["mrr"]  # type: ignore[attr-defined]
    # Acme 120 + Beta 60 in the latest month (2026-04); the month before was 120 + 60 too.
    assert mrr_card.value.text() == session.money(180.0)
    assert page.as_of.text() == f"As of {session.month(Month(2026, 4))}"  # type: ignore[attr-defined]
    assert page.movements_chart.figure is not None  # type: ignore[attr-defined]
    assert page.renewals_chart.figure is not None  # type: ignore[attr-defined]
    arr_card = page.kpi_grid.cards["arr"]  # type: ignore[attr-defined]
    assert arr_card.value.text() == session.money(2160.0)


def test_revenue_health_and_support_pages_show_the_metrics(
    window: MainWindow, qtbot: QtBot, with_metrics: bool
) -> None:
    session = window.session
    assert session is not None
    window.show_page("revenue")
    revenue = window.page("revenue")
    qtbot.waitUntil(lambda: revenue.chart.figure is not None)  # type: ignore[attr-defined]
    assert revenue.content.isVisible()  # type: ignore[attr-defined]
    # One row per month from the first month with revenue (2026-01) to the as-of (2026-04).
    assert revenue.model.rowCount() == 4  # type: ignore[attr-defined]
    assert revenue.model.index(0, 6).data() == session.money(180.0)  # type: ignore[attr-defined]
    assert revenue.chart.figure is not None  # type: ignore[attr-defined]

    window.show_page("support")
    support = window.page("support")
    qtbot.waitUntil(lambda: support.nps_chart.figure is not None)  # type: ignore[attr-defined]
    tickets = support.kpi_grid.cards["support.tickets"].value.text()  # type: ignore[attr-defined]
    assert tickets == session.number(2)  # Feb and Apr 2026: the 12 months ending 2026-04
    assert support.nps_chart.figure is not None  # type: ignore[attr-defined]

    window.show_page("health")
    health = window.page("health")
    assert health.content.isVisible()  # type: ignore[attr-defined]
    counted = sum(
        int(card.value.text())
        for card in health.cards.values()  # type: ignore[attr-defined]
    )
    assert counted + int(health.unscored.value.text()) >= 2  # type: ignore[attr-defined]


def test_team_page_lists_people_by_role_then_sorts_on_click(window: MainWindow) -> None:
    window.show_page("team")
    team = window.page("team")
    view = team.table  # type: ignore[attr-defined]
    names = [view.model().index(r, 0).data() for r in range(view.model().rowCount())]
    assert names == ["Ana Lima", "Bruno Reis", "Carla Dias"]  # CS, AM, Support
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # accounts owned
    counts = [view.model().index(r, 2).data() for r in range(3)]
    assert counts == ["2", "1", "1"]


def test_team_page_shows_csm_capacity(window: MainWindow, with_metrics: bool) -> None:
    window.show_page("team")
    team = window.page("team")
    assert team.capacity_table.isVisible()  # type: ignore[attr-defined]
    model = team.capacity_model  # type: ignore[attr-defined]
    # Ana Lima is the only CSM (people rows have no capacity hours: utilisation unknown).
    assert model.index(0, 0).data() == "Ana Lima"
    assert model.index(0, 1).data() == "2"
    assert model.index(0, 5).data() == "—"
    assert team.capacity_chart.figure is not None  # type: ignore[attr-defined]


def test_team_capacity_names_csms_in_full_in_a_small_window(
    window: MainWindow, with_metrics: bool
) -> None:
    window.resize(1000, 650)
    window.show_page("team")
    table = window.page("team").capacity_table  # type: ignore[attr-defined]
    header = table.horizontalHeader()
    # Every column fits its contents (a scroll bar rather than "Ana Li…"), none stretched.
    assert not header.stretchLastSection()
    fits = QHeaderView.ResizeMode.ResizeToContents
    assert all(header.sectionResizeMode(c) == fits for c in range(header.count()))
    assert header.sectionSize(0) >= table.sizeHintForColumn(0)


def test_a_large_team_charts_its_most_loaded_csms_and_lists_all(
    window: MainWindow, with_metrics: bool
) -> None:
    import pandas as pd

    window.show_page("team")
    team = window.page("team")
    size = 40
    frame = pd.DataFrame(
        {
            "csm": [f"CSM {n:02d}" for n in range(size)],
            "accounts": [10] * size,
            "onboarding": [0] * size,
            "hours_needed": [float(100 + n) for n in range(size)],
            "hours_available": [200.0] * size,
            "utilisation": [(100 + n) / 200 for n in range(size)],
            "spare_accounts": [1.0] * size,
            "overdue": [0] * size,
        }
    )
    team._capacity(frame)  # type: ignore[attr-defined]
    axes = team.capacity_chart.figure.axes[0]  # type: ignore[attr-defined]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert len(labels) == 12 and labels[0] == "CSM 39"  # the most loaded, at the top
    assert team.chart_note.isVisible()  # type: ignore[attr-defined]
    assert "12 most loaded of 40 CSMs" in team.chart_note.text()  # type: ignore[attr-defined]
    assert team.capacity_model.rowCount() == size  # type: ignore[attr-defined]
