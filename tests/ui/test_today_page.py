"""The Today page on the hand-built desk book (tests/desk/desk_book.py), as of 15 June 2026:
the app opens on it, the queue is grouped and filtered, D / S / X act on the selected action
and Ctrl+Z undoes them, steps tick in place, Enter opens the account."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from csdesk.domain.actions import ActionState
from csdesk.store.queries.actions import get_action, load_actions
from csdesk.ui.action_dialogs import SnoozeDialog
from csdesk.ui.first_paint import painted
from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages import today as today_module
from csdesk.ui.pages.today import TodayPage
from csdesk.ui.workers import Runner
from tests.desk.desk_book import AS_OF, build


@pytest.fixture
def desk_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(today_module, "current_day", lambda: AS_OF)
    ws, _ = build(tmp_path / "desk.csdesk")
    ws.close()
    win = MainWindow(Runner(immediate=True))
    qtbot.addWidget(win)
    assert win.open_path(tmp_path / "desk.csdesk")
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    # The Today page reads its queue once the window has first painted.
    qtbot.waitUntil(lambda: painted(win))
    yield win
    win.close()


def _page(window: MainWindow) -> TodayPage:
    page = window.current_page()
    assert isinstance(page, TodayPage)
    return page


def _row(page: TodayPage, title_start: str) -> QTreeWidgetItem:
    tree = page.tree
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        assert group is not None
        for j in range(group.childCount()):
            row = group.child(j)
            if row is not None and row.text(0).startswith(title_start):
                return row
    raise AssertionError(f"no row {title_start!r}")


def _groups(page: TodayPage) -> list[str]:
    tree = page.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]  # type: ignore[union-attr]


def test_the_app_opens_on_today_with_the_queue_grouped(desk_window: MainWindow) -> None:
    page = _page(desk_window)
    assert desk_window.navigation.currentRow() == 0
    ws = desk_window.session.ws  # type: ignore[union-attr]
    open_actions = load_actions(ws, states=[ActionState.OPEN])
    assert len(page.items) == len(open_actions) > 0
    overdue = sum(1 for a in open_actions if a.due < AS_OF)
    due_today = sum(1 for a in open_actions if a.due == AS_OF)
    assert _groups(page)[:2] == [f"Overdue  ·  {overdue}", f"Today  ·  {due_today}"]
    nav = desk_window.navigation.item(0).text()  # type: ignore[union-attr]
    assert nav == f"Today  ({overdue + due_today})"
    renewal = _row(page, "Renewal on")
    assert renewal.text(1) == "Renew Soon"
    assert renewal.text(3) == "AM · Bruno Reis"
    title, why = renewal.text(0).split("\n")
    assert title == "Renewal on Aug 1, 2026: start the renewal"
    assert why.startswith("Renews on Aug 1, 2026, in 47 days")
    assert [renewal.child(i).text(0) for i in range(renewal.childCount())][:2] == [
        "Confirm the decision maker",
        "Send the renewal proposal",
    ]


def test_filters_by_role_owner_and_rule(desk_window: MainWindow) -> None:
    page = _page(desk_window)
    page.role_filter.setCurrentIndex(page.role_filter.findData("support"))
    assert [i.action.rule for i in page.shown_items()] == ["escalation"]
    assert _groups(page) == ["Overdue  ·  1"]
    page.role_filter.setCurrentIndex(0)
    page.rule_filter.setCurrentIndex(page.rule_filter.findData("no_touch"))
    assert {i.account for i in page.shown_items()} == {"Quiet", "Never"}
    page.rule_filter.setCurrentIndex(0)
    page.owner_filter.setCurrentIndex(page.owner_filter.findData("Bruno Reis"))
    assert [i.action.rule for i in page.shown_items()] == ["renewal_due"]


def test_done_snooze_dismiss_by_keyboard_and_undo(
    desk_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(desk_window)
    ws = desk_window.session.ws  # type: ignore[union-attr]
    monkeypatch.setattr(page, "ask_note", lambda item: "Called Bruno")
    monkeypatch.setattr(page, "ask_snooze", lambda item: date(2026, 6, 22))
    monkeypatch.setattr(page, "ask_reason", lambda item: "Already handled")
    page.tree.setFocus()
    renewal = _row(page, "Renewal on")
    action_id = int(renewal.data(0, Qt.ItemDataRole.UserRole))
    page.tree.setCurrentItem(renewal)
    events = ws.scalar("SELECT count(*) FROM events")
    qtbot.keyClick(page.tree, Qt.Key.Key_D)
    assert get_action(ws, action_id).state is ActionState.DONE
    assert ws.scalar("SELECT count(*) FROM events") == events + 1
    assert action_id not in {i.action.id for i in page.items}
    qtbot.keySequence(desk_window, "Ctrl+Z")
    assert get_action(ws, action_id).state is ActionState.OPEN
    assert ws.scalar("SELECT count(*) FROM events") == events
    assert action_id in {i.action.id for i in page.items}

    page.tree.setCurrentItem(_row(page, "Renewal on"))
    qtbot.keyClick(page.tree, Qt.Key.Key_S)
    action = get_action(ws, action_id)
    assert (action.state, action.snoozed_until) == (ActionState.SNOOZED, date(2026, 6, 22))
    qtbot.keySequence(desk_window, "Ctrl+Z")
    assert get_action(ws, action_id).state is ActionState.OPEN

    page.tree.setCurrentItem(_row(page, "Renewal on"))
    qtbot.keyClick(page.tree, Qt.Key.Key_X)
    action = get_action(ws, action_id)
    assert (action.state, action.dismiss_reason) == (ActionState.DISMISSED, "Already handled")


def test_steps_tick_in_place_and_enter_opens_the_account(
    desk_window: MainWindow, qtbot: QtBot
) -> None:
    page = _page(desk_window)
    ws = desk_window.session.ws  # type: ignore[union-attr]
    renewal = _row(page, "Renewal on")
    action_id = int(renewal.data(0, Qt.ItemDataRole.UserRole))
    renewal.child(1).setCheckState(0, Qt.CheckState.Checked)  # type: ignore[union-attr]
    assert [s.done for s in get_action(ws, action_id).steps] == [False, True, False, False]
    page.tree.setCurrentItem(_row(page, "Renewal on"))
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    account_page = desk_window.account_page
    assert desk_window.current_page() is account_page
    assert account_page.account_id == get_action(ws, action_id).account_id


def test_snooze_dialog_quick_picks(qtbot: QtBot) -> None:
    dialog = SnoozeDialog(date(2026, 1, 31))
    qtbot.addWidget(dialog)
    picks = {b.text(): b for b in dialog.findChildren(QPushButton)}
    picks["+1 day"].click()
    assert dialog.day() == date(2026, 2, 1)
    picks["+1 week"].click()
    assert dialog.day() == date(2026, 2, 7)
    picks["+1 month"].click()
    assert dialog.day() == date(2026, 2, 28)  # the last day of a shorter month
    dialog.set_day(date(2026, 1, 1))  # before tomorrow: the picker keeps it out
    assert dialog.day() == date(2026, 2, 1)


def test_the_account_page_shows_its_open_actions(desk_window: MainWindow) -> None:
    page = _page(desk_window)
    page.tree.setCurrentItem(_row(page, "Renewal on"))
    page.tree.itemActivated.emit(page.tree.currentItem(), 0)
    line = desk_window.account_page.actions_line
    assert line.isVisible()
    assert line.text() == "Open actions: Renewal on Aug 1, 2026: start the renewal (Jun 15, 2026)"


def test_counts_are_written_as_numbers_are_in_the_language(desk_window: MainWindow) -> None:
    page = _page(desk_window)
    late = next(i for i in page.items if i.group(page.today) == "overdue")
    page._show([late] * 1_234)  # a queue as long as a large portfolio's
    assert _groups(page) == ["Overdue  ·  1,234"]
    assert desk_window.navigation.item(0).text() == "Today  (1,234)"  # type: ignore[union-attr]
    assert page.summary.text() == "1,234 open · 1,234 overdue"


def test_the_summary_says_what_the_navigation_counts(desk_window: MainWindow) -> None:
    """The navigation counts the actions overdue and due today; the page says both."""
    page = _page(desk_window)
    late = next(i for i in page.items if i.group(page.today) == "overdue")
    due = [i for i in page.items if i.group(page.today) == "today"]
    later = [i for i in page.items if i.group(page.today) in ("week", "later")]
    today_items = due or [replace(late, action=replace(late.action, due=page.today))]
    page._show([late, *today_items, *later])
    count = 1 + len(today_items)
    assert desk_window.navigation.item(0).text() == f"Today  ({count})"  # type: ignore[union-attr]
    assert page.summary.text() == (
        f"{1 + len(today_items) + len(later)} open · 1 overdue · {len(today_items)} due today"
    )


def test_a_queue_never_brought_up_to_date_is_not_called_nothing_to_do(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Read-only, the rules do not run: an empty queue says so, and while the rules run on a
    writable workspace the page says it is updating, not that there is nothing to do."""
    from held_runner import HeldRunner

    from csdesk.store import Workspace
    from csdesk.ui.session import Session

    ws, _ = build(tmp_path / "desk.csdesk")  # built, never evaluated: no action recorded
    ws.close()
    for read_only, title in ((True, "No actions recorded"), (False, None)):
        runner = HeldRunner()
        workspace = Workspace.open(tmp_path / "desk.csdesk", read_only=read_only)
        page = TodayPage()
        qtbot.addWidget(page)
        page.resize(1000, 600)
        page.show()
        page.set_session(Session(workspace, runner))
        page.refresh()
        assert not page.empty.isVisible() and page.summary.text() == "Updating the work queue"
        qtbot.waitUntil(lambda held=runner.held: bool(held))  # asked for once it has painted
        assert not page.empty.isVisible()
        runner.run_all()
        if title is not None:
            assert page.empty.isVisible() and page.empty.title.text() == title
            assert "read-only" in page.empty.body.text() and not page.items
            page.grab().save(str(tmp_path / "today-read-only.png"))
        else:
            assert page.items and page.tree.isVisible() and not page.empty.isVisible()
        page.set_session(None)
        workspace.close()
