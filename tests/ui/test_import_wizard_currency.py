"""The wizard's question for amounts that name no currency: the workspace's, or another."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_helpers import dropped
from PySide6.QtWidgets import QTableWidgetItem

from csdesk.store.settings import CURRENCY
from csdesk.ui.import_wizard.wizard import COLUMNS, PREVIEW, SUMMARY
from csdesk.ui.main_window import MainWindow

REVENUE = "Customer,Month,MRR\r\nAcme,2026-01,100\r\nBeta,2026-01,250\r\n"


def _choose(wizard: object, code: str) -> None:
    box = wizard.columns_step.currency  # type: ignore[attr-defined]
    box.setCurrentIndex(box.findData(code))
    box.activated.emit(box.currentIndex())


def test_a_new_workspace_takes_the_currency_chosen(
    empty_window: MainWindow, tmp_path: Path
) -> None:
    wizard = dropped(empty_window, tmp_path / "revenue.csv", REVENUE)
    assert wizard.step == COLUMNS
    step = wizard.columns_step
    assert step.currency_row.isVisible()
    assert step.currency.currentData() == "" and "BRL" in step.currency.currentText()
    assert step.currency.findData("USD") > 0 and "US Dollar" in step.currency.itemText(
        step.currency.findData("USD")
    )
    _choose(wizard, "USD")
    assert wizard.plan is not None and wizard.plan.amounts_in == "USD"
    assert wizard.plan.adopted_currency == "USD" and wizard.plan.blocking is None
    wizard.grab().save(str(tmp_path / "wizard-currency.png"))
    wizard.next_button.click()
    assert wizard.step == PREVIEW
    preview = wizard.preview_step.preview_model
    assert preview.index(0, 2).data() == "Jan 2026"  # a month as the reader writes one
    wizard.next_button.click()  # Import
    assert wizard.step == SUMMARY
    session = empty_window.session
    assert session is not None
    assert CURRENCY.get(session.ws) == "USD"
    assert session.ws.scalar("SELECT sum(mrr) FROM revenue_months") == 350.0
    # Every page writes money in it at once, not in the reais the workspace opened with.
    assert session.currency == "USD" and "R$" not in session.money(350.0)


def test_another_currency_than_the_workspaces_needs_its_rate(
    window: MainWindow, tmp_path: Path
) -> None:
    wizard = dropped(window, tmp_path / "revenue.csv", REVENUE)
    _choose(wizard, "EUR")
    assert wizard.plan is not None and wizard.plan.blocking is not None
    assert "Settings ▸ Exchange rates" in wizard.plan.blocking
    wizard.next_button.click()  # the preview says why it cannot go on
    assert wizard.step == PREVIEW and not wizard.next_button.isEnabled()
    assert "Settings ▸ Exchange rates" in wizard.hint.text()
    wizard.grab().save(str(tmp_path / "wizard-currency-rate.png"))
    # Back to the workspace's currency, the sheet imports as it would have.
    wizard.back_button.click()
    _choose(wizard, "")
    assert wizard.plan.amounts_in is None and wizard.plan.blocking is None


def test_the_rate_given_from_the_wizard_lets_the_sheet_import(
    window: MainWindow, tmp_path: Path
) -> None:
    """The menu is out of reach under the wizard: its own button opens Settings on the
    rates, and saving plans the sheet again, the currency chosen kept."""
    wizard = dropped(window, tmp_path / "revenue.csv", REVENUE)
    assert not wizard.rates_button.isVisible()
    _choose(wizard, "EUR")
    wizard.next_button.click()
    assert wizard.step == PREVIEW and wizard.rates_button.isVisible()
    dialog = wizard.open_rates()
    assert dialog is not None and dialog.tabs.currentIndex() == 1
    table = dialog.rates
    table.setRowCount(table.rowCount() + 1)
    row = table.rowCount() - 1
    table.setItem(row, 0, QTableWidgetItem("EUR"))
    table.setItem(row, 1, QTableWidgetItem("6"))
    table.setItem(row, 2, QTableWidgetItem("2026-01-31"))
    dialog.save()
    plan = wizard.plan
    assert plan is not None and plan.amounts_in == "EUR" and plan.blocking is None
    assert wizard.step == PREVIEW and wizard.next_button.isEnabled()
    assert not wizard.rates_button.isVisible()
    wizard.next_button.click()  # Import
    assert wizard.step == SUMMARY
    session = window.session
    assert session is not None
    written = session.ws.scalar(
        "SELECT sum(mrr) FROM revenue_months WHERE batch_id = (SELECT max(id) FROM import_batches)"
    )
    assert written == pytest.approx(350.0 * 6)  # the euros at the rate given


def test_a_change_announced_after_the_workspace_closed_reads_nothing(tmp_path: Path) -> None:
    """A late job's announcement for a workspace closed meanwhile keeps the currency it had."""
    from csdesk.store import Workspace
    from csdesk.ui.data_change import DataChange
    from csdesk.ui.session import Session
    from csdesk.ui.workers import Runner

    ws = Workspace.create(tmp_path / "w.csdesk")
    session = Session(ws, Runner(immediate=True))
    ws.close()
    session.announce(DataChange("import", frozenset({"revenue"})))
    assert session.currency == "BRL"
