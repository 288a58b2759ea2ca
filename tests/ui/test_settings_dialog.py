from __future__ import annotations

from pathlib import Path

from dialog_log import DialogLog
from pytestqt.qtbot import QtBot

from csdesk.store import Workspace
from csdesk.store.settings import CURRENCY, FISCAL_YEAR_START, LOCALE, ORGANISATION
from csdesk.ui.main_window import MainWindow
from csdesk.ui.settings_dialog import SettingsDialog
from csdesk.ui.workers import Runner


def open_dialog(window: MainWindow) -> SettingsDialog:
    dialog = window.open_settings()
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_dialog_shows_the_stored_settings(window: MainWindow) -> None:
    dialog = open_dialog(window)
    assert dialog.currency.text() == "BRL"
    assert dialog.weights["adoption"].value() == 25
    assert dialog.healthy_from.value() == 70
    assert dialog.sla_boxes["urgent"].value() == 60
    assert dialog.tabs.count() == 6


def test_preview_counts_accounts_that_would_change_band(window: MainWindow) -> None:
    dialog = open_dialog(window)
    dialog.healthy_from.setValue(100)  # nobody can be healthy any more
    dialog.preview_band_changes()
    text = dialog.preview.text()
    assert "would change health band" in text
    changed = int(text.split()[0]) if text[0].isdigit() else 0
    from csdesk.metrics.health import score_all

    assert window.session is not None
    healthy = int((score_all(window.session.ws)["band"] == "healthy").sum())
    assert changed == healthy


def test_save_writes_every_setting_and_tells_the_pages(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    assert session is not None
    dialog = open_dialog(window)
    assert dialog.organisation.text() == ""
    assert dialog.organisation.placeholderText() == session.ws.path.stem.replace("-", " ")
    dialog.organisation.setText("  Acme Indústria  ")
    dialog.currency.setText("usd")
    dialog.language.setCurrentIndex(dialog.language.findData("pt_BR"))
    dialog.fiscal_start.setCurrentIndex(3)
    dialog.weights["support"].setValue(0)
    dialog.sla_boxes["low"].setValue(2880)
    assert dialog.mail_bodies.isChecked()  # e-mail bodies are kept unless turned off
    dialog.mail_bodies.setChecked(False)
    with qtbot.waitSignal(session.data_changed) as changed:
        dialog.save_button.click()
    (change,) = changed.args
    assert change.reason == "settings" and change.accounts is None  # every page reads again
    assert not dialog.isVisible()
    ws = session.ws
    assert (CURRENCY.get(ws), LOCALE.get(ws), FISCAL_YEAR_START.get(ws)) == ("USD", "pt_BR", 4)
    assert ORGANISATION.get(ws) == "Acme Indústria"
    from csdesk.ingest.capture.plan import KEEP_BODIES

    assert KEEP_BODIES.get(ws) is False
    from csdesk.metrics.health_model import HealthModel
    from csdesk.metrics.support import SLA_TARGETS

    assert HealthModel.load(ws).weight("support") == 0
    assert SLA_TARGETS.get(ws)["low"] == 2880
    assert session.currency == "USD"
    from csdesk.i18n import formatting

    assert session.money(10.0) == formatting.money(10.0, "USD", "pt_BR", cents=False)


def test_a_bad_model_is_a_dialog_and_nothing_is_saved(
    window: MainWindow, dialogs: DialogLog
) -> None:
    session = window.session
    assert session is not None
    dialog = open_dialog(window)
    dialog.currency.setText("US")
    dialog.save_button.click()
    assert dialogs.errors and "three-letter" in dialogs.errors[0][1]
    assert dialog.isVisible()
    assert CURRENCY.get(session.ws) == "BRL"


def test_read_only_workspace_cannot_save(qtbot: QtBot, sample_path: Path) -> None:
    win = MainWindow(Runner(immediate=True))
    qtbot.addWidget(win)
    win.set_workspace(Workspace.open(sample_path, read_only=True))
    dialog = win.open_settings()
    assert dialog is not None and not dialog.save_button.isEnabled()
    win.close()


def test_exchange_rates_are_kept_and_a_bad_line_is_named(
    window: MainWindow, dialogs: DialogLog, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QTableWidgetItem

    from csdesk.ingest.currencies import RATES, stored_rates

    session = window.session
    assert session is not None
    dialog = open_dialog(window)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.tabs.tabText(1) == "Exchange rates"
    for column, text in enumerate(("usd", "5,40", "2024-01-31")):
        dialog.rates.setItem(0, column, QTableWidgetItem(text))
    dialog.rates.setItem(1, 0, QTableWidgetItem("EUR"))
    dialog.rates.setItem(1, 1, QTableWidgetItem("abc"))
    dialog.grab().save(str(tmp_path / "settings-rates.png"))
    dialog.save_button.click()
    assert dialogs.errors and "line 2" in dialogs.errors[0][1]
    assert RATES.get(session.ws) == {}
    dialog.rates.setItem(1, 1, QTableWidgetItem("6.1"))
    dialog.save_button.click()
    assert stored_rates(session.ws) == {"USD": (5.4, "2024-01-31"), "EUR": (6.1, None)}
    again = open_dialog(window)
    assert again.rates.item(0, 0).text() == "EUR" and again.rates.item(1, 1).text() == "5.4"


def test_work_queue_rules_are_overridden_and_a_mistake_is_named(
    window: MainWindow, dialogs: DialogLog
) -> None:
    from csdesk.desk.rules import RULES_OVERRIDE, load_pack

    session = window.session
    assert session is not None
    dialog = open_dialog(window)
    dialog.rules_text.setPlainText('[[rules]]\nid = "no_touch"\npriority = "sometime"\n')
    dialog.save_button.click()
    assert dialogs.errors and "priority 'sometime' is not one of" in dialogs.errors[0][1]
    assert RULES_OVERRIDE.get(session.ws) is None and dialog.isVisible()
    dialog.rules_text.setPlainText('[[rules]]\nid = "no_touch"\npriority = "high"\n')
    dialog.save_button.click()
    assert not dialog.isVisible()
    rule = load_pack(session.ws).get("no_touch")
    assert rule is not None and rule.priority == "high"


def test_the_settings_name_priorities_and_languages_in_the_language(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    from csdesk.i18n import set_language

    set_language("pt_BR")
    dialog = open_dialog(window)
    form = dialog.sla_boxes["urgent"].parentWidget().layout()
    assert isinstance(form, QFormLayout)
    labels = [
        item.widget().text()
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
        and isinstance(item.widget(), QLabel)
    ]
    assert labels == [
        "Meta de primeira resposta, urgente",
        "Meta de primeira resposta, alta",
        "Meta de primeira resposta, normal",
        "Meta de primeira resposta, baixa",
    ]
    assert dialog.language.itemText(0) == "Idioma do sistema"
