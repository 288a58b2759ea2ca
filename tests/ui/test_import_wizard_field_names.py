"""The wizard's columns step names each field as a person would, in the app's language.

It used to list the importer's keys (``account``, ``renewal_date``) in every language; the keys
stay the boxes' data, and the tooltip of each choice gives the command line's ``--map``.
"""

from __future__ import annotations

from pathlib import Path

from import_helpers import dropped
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from csdesk.i18n import set_language
from csdesk.store.settings import LOCALE
from csdesk.ui.main_window import MainWindow

SHEET = (
    "Cliente;Segmento;Data de renovação;MRR\n"
    "Açaí Ltda;SMB;31/12/2026;R$ 1.234,56\n"
    "Zeta Comércio;SMB;31/01/2027;R$ 10,00\n"
)


def test_fields_are_named_in_portuguese_and_keep_their_keys(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert window.session is not None
    LOCALE.set(window.session.ws, "pt_BR")  # the workspace's language, as Settings set it
    window.session.reload_settings()
    set_language("pt_BR")
    window.retranslate()
    wizard = dropped(window, tmp_path / "contas.csv", SHEET)
    qtbot.waitUntil(lambda: wizard.plan is not None)
    boxes = wizard.columns_step.field_boxes
    shown = {column: (box.currentText(), box.currentData()) for column, box in boxes.items()}
    assert shown == {
        "Cliente": ("Conta", "account"),
        "Segmento": ("Segmento", "segment"),
        "Data de renovação": ("Data de renovação", "renewal_date"),
        "MRR": ("MRR", "mrr"),
    }
    box = boxes["Data de renovação"]
    choices = [box.itemText(i) for i in range(box.count())]
    assert "renewal_date" not in choices and "Data de início" in choices
    tip = box.itemData(box.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Na linha de comando: --map Data de renovação=renewal_date"
    reasons = wizard.columns_step.columns
    assert reasons.item(0, 3).text() == "o cabeçalho 'Cliente' é um dos nomes de Conta"


def test_a_contacts_title_is_a_job_title(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    text = "Account;Name;Title;E-mail\nAçaí Ltda;Maria Souza;CFO;maria@acai.example\n"
    wizard = dropped(window, tmp_path / "contacts.csv", text)
    qtbot.waitUntil(lambda: wizard.plan is not None)
    assert wizard.plan is not None and wizard.plan.entity == "contacts"
    assert wizard.columns_step.field_boxes["Title"].currentText() == "Job title"
