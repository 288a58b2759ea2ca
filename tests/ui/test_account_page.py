from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from csdesk.domain.enums import DerivedEventKind, EventKind, Role
from csdesk.domain.month import Month
from csdesk.store import Workspace
from csdesk.ui.labels import label
from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages.account import AccountPage
from csdesk.ui.workers import Runner


def open_acme(window: MainWindow) -> AccountPage:
    window.open_account(1)
    page = window.account_page
    assert window.current_page() is page
    return page


def column(model, col: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_models_pass_the_model_tester(window: MainWindow, qtmodeltester: ModelTester) -> None:
    page = open_acme(window)
    for model in (
        page.timeline_model,
        page.health_model,
        page.revenue_model,
        page.tickets_model,
        page.surveys_model,
        page.opportunities_model,
        page.goals_model,
    ):
        qtmodeltester.check(model)


def test_header_names_owners_mrr_renewal_and_health(window: MainWindow, with_metrics: bool) -> None:
    page = open_acme(window)
    session = window.session
    assert session is not None
    assert page.heading.text() == "Acme Corp"
    assert "Enterprise" in page.subtitle.text() and "Gold" in page.subtitle.text()
    assert page.mrr_card.value.text() == session.money(120.0)
    assert page.renewal_card.value.text() == session.day(page.detail.renewal_date)  # type: ignore[union-attr]
    owners = page.owners_card.value.text().replace("\u00a0", " ")
    assert "Ana Lima" in owners and "Bruno Reis" in owners and "Carla Dias" in owners
    # The card wraps between owners, never inside one: "AM:" does not end a line alone.
    unbroken = page.owners_card.value.text().split("   ")
    assert unbroken == [
        "CS:\u00a0Ana\u00a0Lima",
        "AM:\u00a0Bruno\u00a0Reis",
        "Support:\u00a0Carla\u00a0Dias",
    ]
    # csdesk.metrics.health explains the score in a job (run at once in tests).
    assert page.health is not None
    assert page.health_card.value.text().startswith(session.number(page.health.explanation.score))
    assert page.health_model.rowCount() == len(page.health.explanation.components)


def test_timeline_lists_every_source_and_filters(window: MainWindow) -> None:
    page = open_acme(window)
    titles = column(page.timeline_model, 3)
    assert page.timeline_model.rowCount() == 12
    assert titles[0] == "Contract renewal due"
    assert "Q1 review" in titles and "Login fails" in titles and "NPS 9" in titles
    page.kind_filter.setCurrentIndex(page.kind_filter.findText("Call"))
    assert column(page.timeline_model, 3) == ["Pricing call"]
    page.kind_filter.setCurrentIndex(0)
    page.role_filter.setCurrentIndex(page.role_filter.findData(Role.SUPPORT))
    assert column(page.timeline_model, 3) == ["Export question", "Login fails"]
    survey = page.kind_filter.findText(label(DerivedEventKind.SURVEY))
    assert survey > 0
    page.kind_filter.setCurrentIndex(survey)
    assert page.timeline_model.rowCount() == 0
    assert page.timeline_empty.isVisible()


def test_add_entry_then_undo_and_redo(window: MainWindow, qtbot: QtBot, sample_path: Path) -> None:
    page = open_acme(window)
    session = window.session
    assert session is not None
    # Two clicks: the button's menu, then the kind; the form opens prefilled.
    page.add_button.showMenu = lambda: None  # type: ignore[method-assign]
    action = next(a for a in page.add_menu.actions() if a.data() == EventKind.CALL)
    action.trigger()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.kind.currentData() == EventKind.CALL
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    qtbot.keyClicks(dialog.title, "Renewal check-in")
    dialog.body.setPlainText("Asked about the new plan")
    save.click()

    def rows() -> list[tuple[int, str, str, str | None]]:
        return session.ws.query(
            "SELECT id, kind, title, role FROM events WHERE title = 'Renewal check-in'"
        )

    added = rows()
    assert [(kind, role) for _id, kind, _t, role in added] == [("call", "cs")]
    assert "Renewal check-in" in column(page.timeline_model, 3)
    assert window.undo_action.isEnabled()
    assert "Renewal check-in" in window.undo_action.text()

    window.undo_action.trigger()
    assert rows() == []
    assert "Renewal check-in" not in column(page.timeline_model, 3)
    window.redo_action.trigger()
    assert rows() == added
    assert "Renewal check-in" in column(page.timeline_model, 3)


def test_ctrl_z_removes_the_entry(window: MainWindow, qtbot: QtBot) -> None:
    page = open_acme(window)
    session = window.session
    assert session is not None
    dialog = page.open_entry_dialog(EventKind.NOTE)
    assert dialog is not None
    dialog.title.setText("Quick note")
    dialog.accept()
    assert session.ws.scalar("SELECT count(*) FROM events WHERE title = 'Quick note'") == 1
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keySequence(window, window.undo_action.shortcut())
    assert session.ws.scalar("SELECT count(*) FROM events WHERE title = 'Quick note'") == 0


def test_read_only_workspace_cannot_add_entries(qtbot: QtBot, sample_path: Path) -> None:
    win = MainWindow(Runner(immediate=True))
    qtbot.addWidget(win)
    win.set_workspace(Workspace.open(sample_path, read_only=True))
    win.show()
    win.open_account(1)
    assert not win.account_page.add_button.isEnabled()
    assert win.account_page.open_entry_dialog(EventKind.NOTE) is None
    win.close()


def test_tabs_show_revenue_support_opportunities_goals(window: MainWindow) -> None:
    page = open_acme(window)
    session = window.session
    assert session is not None
    assert column(page.revenue_model, 2) == ["", "Contraction", "Expansion", "New"]
    assert column(page.revenue_model, 3)[1] == session.signed_money(-30.0)
    assert column(page.tickets_model, 1) == ["T-2", "T-1"]
    assert "2 tickets, 1 open, 1 escalated" in page.tickets_summary.text()
    assert column(page.surveys_model, 2) == ["5", "9", "6"]
    assert column(page.opportunities_model, 3)[0] == "Ana Lima (CS)"
    assert column(page.opportunities_model, 4)[0] == "Bruno Reis (AM)"
    assert column(page.goals_model, 5) == [session.percent(0.75, decimals=0), ""]


def test_charts_draw_when_their_tab_is_shown(
    window: MainWindow, qtbot: QtBot, with_metrics: bool
) -> None:
    page = open_acme(window)
    # The time axis follows the list at once, from the event loop.
    qtbot.waitUntil(lambda: page.axis_chart.figure is not None)
    assert page.revenue_chart.figure is None
    page.tabs.setCurrentWidget(page.revenue_page)
    assert page.revenue_chart.figure is not None
    page.tabs.setCurrentWidget(page.health_page)
    assert page.health_chart.figure is not None and page.health_chart.isVisible()


def test_unknown_account_says_so(window: MainWindow) -> None:
    window.open_account(999)
    assert window.account_page.heading.text() == "Account not found"
    assert "999" in window.account_page.subtitle.text()


def test_an_account_with_only_contracts_shows_its_revenue_history(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    assert session is not None
    with session.ws.transaction() as conn:
        conn.execute("INSERT INTO accounts (id, name, name_key) VALUES (4, 'Delta', 'delta')")
        # MRR = contracts active on a month's last day: Feb 200, Mar 250, Apr 200 (the sample's
        # revenue sheet ends in April 2026).
        conn.executemany(
            "INSERT INTO contracts (account_id, start_date, end_date, mrr) VALUES (4, ?, ?, ?)",
            [("2026-02-01", None, 200.0), ("2026-03-01", "2026-03-31", 50.0)],
        )
    window.open_account(4)
    page = window.account_page
    assert page.heading.text() == "Delta"
    assert page.mrr_card.value.text() == session.money(200.0)
    assert column(page.revenue_model, 0) == [
        session.month(m) for m in (Month(2026, 4), Month(2026, 3), Month(2026, 2))
    ]
    assert column(page.revenue_model, 1) == [session.money(v) for v in (200.0, 250.0, 200.0)]
    assert column(page.revenue_model, 2) == ["Contraction", "Expansion", "New"]
    assert column(page.revenue_model, 3) == [session.signed_money(v) for v in (-50.0, 50.0, 200.0)]
    # The same movements are on the timeline, newest first.
    page.kind_filter.setCurrentIndex(page.kind_filter.findData({DerivedEventKind.REVENUE_MOVEMENT}))
    assert column(page.timeline_model, 3) == [
        f"Contraction {session.signed_money(-50.0)}",
        f"Expansion {session.signed_money(50.0)}",
        f"New {session.signed_money(200.0)}",
    ]
    page.tabs.setCurrentWidget(page.revenue_page)
    assert page.revenue_chart.figure is not None


def test_history_follows_new_data(window: MainWindow) -> None:
    page = open_acme(window)
    session = window.session
    assert session is not None
    assert page.revenue_model.rowCount() == 4  # Jan..Apr 2026, the sample's last month
    # A newer month for Beta moves the portfolio's last month to May, where Acme has no row.
    with session.ws.transaction() as conn:
        conn.execute(
            "INSERT INTO revenue_months (account_id, month, mrr) VALUES (2, '2026-05', 60)"
        )
    session.data_changed.emit("import")
    open_acme(window)
    assert column(page.revenue_model, 0)[0] == session.month(Month(2026, 5))
    assert column(page.revenue_model, 2)[0] == "Churn"
    assert column(page.revenue_model, 3)[0] == session.signed_money(-120.0)
    assert page.mrr_card.value.text() == session.money(0.0)


def test_health_components_show_their_values_in_their_units(
    window: MainWindow, with_metrics: bool
) -> None:
    """Adoption as a share of seats, engagement in days, support per seat, the financial
    trend as an MRR change; a component without data shows nothing."""
    page = open_acme(window)
    assert page.health is not None
    session = window.session
    assert session is not None
    units = {
        "adoption": lambda v: f"{session.percent(v, decimals=0)} of seats active",
        "engagement": lambda v: f"{session.number(v)} days since a CS touch",
        "support": lambda v: f"{session.number(v, decimals=2)} tickets per seat",
        "sentiment": lambda v: session.number(v),
        "financial": lambda v: (
            "MRR " + ("+" if v > 0 else "−" if v < 0 else "") + session.percent(abs(v), decimals=1)
        ),
    }
    measured = 0
    for row, component in enumerate(page.health.explanation.components):
        shown = page.health_model.index(row, 1).data()
        if component.value is None:
            assert shown == "", component.name
        else:
            measured += 1
            assert shown == units[component.name](component.value), component.name
    assert measured >= 2


def test_a_churned_account_is_not_scored_on_its_page(
    window: MainWindow, qtbot: QtBot, with_metrics: bool
) -> None:
    session = window.session
    assert session is not None
    with session.ws.transaction() as conn:
        conn.execute(
            "INSERT INTO accounts (id, name, name_key, status, seats) "
            "VALUES (5, 'Épsilon', 'epsilon', 'churned', 10)"
        )
        # It paid until January; the sample's revenue sheet runs to April 2026.
        conn.execute(
            "INSERT INTO revenue_months (account_id, month, mrr) VALUES (5, '2026-01', 90)"
        )
    window.open_account(5)
    page = window.account_page
    qtbot.waitUntil(lambda: page.health is not None)
    assert page.health is not None and not page.health.explanation.scored
    assert page.health_card.value.text() == "Not scored"
    assert "not a paying customer in" in page.health_note.text()


def test_an_account_billed_in_another_currency_says_so(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    page = open_acme(window)
    assert "billed in" not in page.subtitle.text()
    with session.ws.transaction() as conn:
        conn.execute("UPDATE accounts SET currency = 'USD' WHERE id = 1")
    window.open_account(1)
    assert "billed in USD" in window.account_page.subtitle.text()
