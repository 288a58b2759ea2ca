"""Changing the language in the settings applies at once: navigation, menus, status bar, the
page shown (numbers, dates and charts included) speak the new language, with the workspace,
the open account and the undo history kept; a job that answers a dropped page does no harm."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from csdesk.domain.enums import EventKind
from csdesk.domain.month import Month
from csdesk.i18n import current_language, formatting
from csdesk.store import Workspace
from csdesk.store.settings import LOCALE
from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages.account import AccountPage
from csdesk.ui.pages.accounts import AccountsPage
from csdesk.ui.workers import Runner


def choose_language(window: MainWindow, code: str) -> None:
    """Settings ▸ General ▸ Language, then Save, as a person does it."""
    dialog = window.open_settings()
    assert dialog is not None and dialog.isVisible()
    dialog.language.setCurrentIndex(dialog.language.findData(code))
    dialog.save_button.click()
    assert not dialog.isVisible()


def navigation_texts(window: MainWindow) -> list[str]:
    return [window.navigation.item(row).text() for row in range(window.navigation.count())]


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def figure_texts(widget: object) -> set[str]:
    from matplotlib.text import Text

    figure = widget.figure  # type: ignore[attr-defined]
    assert figure is not None
    return {t.get_text() for t in figure.findobj(Text) if t.get_text()}


def watch_deletion(thing: QObject) -> list[bool]:
    """A list that gets an entry when ``thing`` is deleted."""
    deleted: list[bool] = []
    thing.destroyed.connect(lambda: deleted.append(True))
    return deleted


def shortcut_actions(window: MainWindow) -> dict[str, list[QAction]]:
    """Every live action of the window with a shortcut, by its key sequence."""
    found: dict[str, list[QAction]] = {}
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString()
        if keys:
            found.setdefault(keys, []).append(action)
    return found


def test_portfolio_switches_to_portuguese_and_back_without_restarting(
    window: MainWindow, qtbot: QtBot, with_metrics: bool
) -> None:
    session = window.session
    assert session is not None
    window.show_page("portfolio")
    english_page = window.page("portfolio")
    qtbot.waitUntil(lambda: english_page.movements_chart.figure is not None)  # type: ignore[attr-defined]
    assert navigation_texts(window)[1:4] == ["Portfolio", "Accounts", "Revenue"]
    assert navigation_texts(window)[0].startswith("Today")  # with its count of actions due
    assert "Expansion" in figure_texts(english_page.movements_chart)  # type: ignore[attr-defined]
    english_deleted = watch_deletion(english_page)

    choose_language(window, "pt_BR")

    assert current_language() == "pt_BR"
    assert window.session is session  # the workspace stayed open
    assert session.locale == "pt_BR"
    assert navigation_texts(window) == [
        "Hoje",
        "Carteira",
        "Contas",
        "Receita",
        "Saúde",
        "Suporte e CX",
        "Renovações",
        "Equipe e capacidade",
        "Importações",
    ]
    assert menu_titles(window) == ["&Arquivo", "&Editar", "&Ir"]
    assert window.undo_action.text() == "&Desfazer"
    assert window.navigation.currentRow() == 1
    page = window.current_page()
    assert page is window.page("portfolio") and page is not english_page
    assert page.heading.text() == "Carteira"  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.movements_chart.figure is not None)  # type: ignore[attr-defined]
    mrr = page.kpi_grid.cards["mrr"].value.text()  # type: ignore[attr-defined]
    assert mrr == formatting.money(180.0, "BRL", "pt_BR", cents=False) == "R$\xa0180"
    arr = page.kpi_grid.cards["arr"].value.text()  # type: ignore[attr-defined]
    assert arr == "R$\xa02.160"  # Brazilian thousands separator
    assert page.as_of.text() == "Referência: abr/2026"  # type: ignore[attr-defined]
    assert page.as_of.text().endswith(formatting.month(Month(2026, 4), "pt_BR"))  # type: ignore[attr-defined]
    chart = figure_texts(page.movements_chart)  # type: ignore[attr-defined]
    assert {"Movimentos de MRR", "Expansão", "Contração", "abr"} <= chart
    assert "Expansion" not in chart
    # The old page went with the old language; nothing else is left behind.
    qtbot.waitUntil(lambda: bool(english_deleted))
    assert window.stack.count() == 1

    # Shortcuts still work, once each (the old menus went with their actions).
    actions = shortcut_actions(window)
    assert all(len(found) == 1 for found in actions.values()), actions
    assert actions["Ctrl+3"][0].text() == "Contas"
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keySequence(window, QKeySequence("Ctrl+3"))
    assert isinstance(window.current_page(), AccountsPage)
    assert window.current_page().heading.text() == "Contas"  # type: ignore[union-attr]
    window.show_page("portfolio")

    choose_language(window, "en")

    assert current_language() == "en"
    assert navigation_texts(window)[1:4] == ["Portfolio", "Accounts", "Revenue"]
    assert navigation_texts(window)[0].startswith("Today")  # with its count of actions due
    assert menu_titles(window) == ["&File", "&Edit", "&Go"]
    page = window.current_page()
    assert page.heading.text() == "Portfolio"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: page.movements_chart.figure is not None)  # type: ignore[union-attr]
    assert page.kpi_grid.cards["mrr"].value.text() == "R$180"  # type: ignore[union-attr]
    assert page.as_of.text() == "As of Apr 2026"  # type: ignore[union-attr]
    assert "Expansion" in figure_texts(page.movements_chart)  # type: ignore[union-attr]


def test_saving_the_same_language_rebuilds_nothing(window: MainWindow) -> None:
    page = window.page("portfolio")
    menu_bar = window.menuBar()
    choose_language(window, "en")
    assert window.page("portfolio") is page
    assert window.menuBar() is menu_bar


def test_open_account_stays_open_and_undo_history_survives(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    assert session is not None
    window.open_account(1)
    before = window.account_page
    dialog = before.open_entry_dialog(EventKind.CALL)
    assert dialog is not None
    dialog.title.setText("Renewal check-in")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert session.undo_stack.count() == 1
    before.tabs.setCurrentIndex(2)  # revenue

    choose_language(window, "pt_BR")

    page = window.account_page
    assert page is not before and isinstance(page, AccountPage)
    assert window.current_page() is page
    assert page.account_id == 1 and page.heading.text() == "Acme Corp"
    assert page.tabs.currentIndex() == 2 and page.tabs.tabText(2) == "Receita"
    assert page.tabs.tabText(0) == "Linha do tempo"
    assert window.navigation.currentItem().text() == "Contas"
    assert page.renewal_card.value.text() == "31/12/2026"  # a Brazilian date
    assert page.mrr_card.value.text() == "R$\xa0120"
    # The entry added before the switch is undone and redone from the new page, its name in
    # the new language.
    titles = {page.timeline_model.index(r, 3).data() for r in range(page.timeline_model.rowCount())}
    assert "Renewal check-in" in titles
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Desfazer adicionar ligação “Renewal check-in”"
    window.undo_action.trigger()
    count = "SELECT count(*) FROM events WHERE title = 'Renewal check-in'"
    assert session.ws.scalar(count) == 0
    page.tabs.setCurrentIndex(0)
    titles = {page.timeline_model.index(r, 3).data() for r in range(page.timeline_model.rowCount())}
    assert "Renewal check-in" not in titles
    window.redo_action.trigger()
    assert session.ws.scalar(count) == 1

    choose_language(window, "en")
    assert window.account_page.account_id == 1
    assert window.account_page.tabs.tabText(0) == "Timeline"
    assert window.undo_action.text() == "&Undo add call “Renewal check-in”"


def test_opening_a_workspace_in_another_language_switches(
    window: MainWindow, tmp_path: Path, sample_path: Path
) -> None:
    other = tmp_path / "other.csdesk"
    ws = Workspace.open(other, create=True)
    LOCALE.set(ws, "pt_BR")
    ws.close()
    assert window.open_path(other)
    assert current_language() == "pt_BR"
    assert window.session is not None and window.session.locale == "pt_BR"
    assert navigation_texts(window)[1] == "Carteira"
    assert window.current_page().heading.text() == "Hoje"  # type: ignore[union-attr]
    # A workspace with no language of its own speaks the system's (English here).
    assert window.open_path(sample_path)
    assert current_language() == "en"
    assert navigation_texts(window)[1] == "Portfolio"


class HeldPool:
    """Stands in for a thread pool: keeps the jobs until the test runs them."""

    def __init__(self) -> None:
        self.held: list[QRunnable] = []

    def start(self, runnable: QRunnable) -> None:
        self.held.append(runnable)

    def waitForDone(self) -> None:  # QThreadPool's name
        pass

    def run_all(self) -> int:
        ran = 0
        while self.held:
            self.held.pop(0).run()
            ran += 1
        return ran


@pytest.fixture
def held_window(qtbot: QtBot, sample_path: Path) -> Iterator[tuple[MainWindow, HeldPool]]:
    """A window whose background jobs wait until the test lets them finish."""
    runner = Runner()
    pool = HeldPool()
    runner.readers = pool  # type: ignore[assignment]
    runner.writer = pool  # type: ignore[assignment]
    win = MainWindow(runner)
    qtbot.addWidget(win)
    assert win.open_path(sample_path)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win, pool
    win.close()


def test_jobs_finishing_after_the_switch_do_no_harm(
    held_window: tuple[MainWindow, HeldPool], qtbot: QtBot, with_metrics: bool
) -> None:
    window, pool = held_window
    window.show_page("accounts")
    old_accounts = window.page("accounts")
    assert isinstance(old_accounts, AccountsPage)
    assert any(job.title == "Loading accounts" for job in window.runner.active)
    old_deleted = watch_deletion(old_accounts)

    choose_language(window, "pt_BR")
    qtbot.wait(50)
    assert not old_deleted  # kept while a job that may call it back is running

    # The jobs of the dropped pages (and the new page's) finish now; pytest-qt fails the test
    # on any exception raised in a slot.
    assert pool.run_all() >= 2
    pool.run_all()  # health scores asked for by the loaded list
    page = window.current_page()
    assert isinstance(page, AccountsPage) and page is not old_accounts
    assert page.proxy.rowCount() == 3
    assert page.count.text() == "3 de 3 contas"
    assert window.runner.active == []
    qtbot.waitUntil(lambda: bool(old_deleted))


def test_a_result_for_a_deleted_receiver_is_dropped(qtbot: QtBot) -> None:
    runner = Runner()
    pool = HeldPool()
    runner.readers = pool  # type: ignore[assignment]

    class Receiver(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.got: list[object] = []

        def take(self, result: object) -> None:
            self.got.append(result)
            self.setWindowTitle(str(result))  # needs the Qt object

    kept, dropped = Receiver(), Receiver()
    qtbot.addWidget(kept)
    runner.submit("kept", lambda progress: 1, done=kept.take)
    runner.submit("dropped", lambda progress: 2, done=dropped.take)
    deleted = watch_deletion(dropped)
    got = dropped.got
    dropped.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert deleted
    assert pool.run_all() == 2
    assert kept.got == [1] and got == []
    assert runner.active == []


def test_account_page_words_and_numbers_in_portuguese(
    window: MainWindow, qtbot: QtBot, with_metrics: bool
) -> None:
    """The timeline filters, ticket priorities and the health change read in pt-BR, with its
    number and month formats (not Python's '+4.1 points since 2026-03')."""
    import re

    choose_language(window, "pt_BR")
    window.open_account(1)
    page = window.account_page
    assert page.kind_filter.itemText(0) == "Todos os tipos"
    assert page.kind_filter.itemText(1) == "Entradas registradas"
    priorities = [page.tickets_model.index(r, 3).data() for r in range(2)]
    assert priorities == ["Baixa", "Alta"]
    qtbot.waitUntil(lambda: page.health is not None)
    assert page.health is not None
    explanation = page.health.explanation
    assert explanation.change is not None
    note = page.health_note.text()
    change = formatting.number(abs(explanation.change), "pt_BR", decimals=1)
    month = formatting.month(explanation.as_of - 1, "pt_BR")
    assert f"{change} pontos desde {month}" in note, note
    changes = [page.health_model.index(r, 5).data() for r in range(page.health_model.rowCount())]
    assert any(changes) and not any(re.search(r"\d\.\d", text) for text in changes), changes


def test_qt_standard_buttons_follow_the_language(window: MainWindow) -> None:
    """Qt's own words (standard buttons of every dialog) switch with csdesk's."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    english = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    choose_language(window, "pt_BR")
    QCoreApplication.processEvents()  # Qt posts the language-change event to every widget
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert cancel.replace("&", "") == "Cancelar", cancel
    choose_language(window, "en")
    QCoreApplication.processEvents()
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == english
