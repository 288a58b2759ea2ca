"""The QBR dialog's quarter on a data room whose open contracts carry the revenue past its
data: the default is where the recorded activity ends, and a later quarter is flagged."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot
from stale_room import build_stale_room

from csdesk.domain.month import Month
from csdesk.i18n import set_language
from csdesk.reports.qbr.model import Quarter
from csdesk.store import Workspace
from csdesk.ui.report_export import QBR, ReportDialog

THIS_QUARTER = Quarter.of(Month.of(date.today()))


def _dialog(qtbot: QtBot, ws: Workspace, locale: str = "en") -> ReportDialog:
    dialog = ReportDialog(QBR, ws, locale, account_id=1, base_name="Alpha qbr")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _shot(dialog: ReportDialog, name: str) -> None:
    folder = os.environ.get("CSDESK_SHOTS")
    if folder:
        dialog.grab().save(str(Path(folder) / name))


def test_the_default_quarter_steps_back_and_a_later_one_is_flagged(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with Workspace.open(build_stale_room(tmp_path), read_only=True) as ws:
        dialog = _dialog(qtbot, ws)
    quarters = [dialog.quarter.itemData(i) for i in range(dialog.quarter.count())]
    assert quarters[0] == str(THIS_QUARTER) and "2024Q4" in quarters and "2024Q1" in quarters
    assert dialog.quarter.currentData() == "2024Q4"
    assert dialog.quarter_note.isVisible() and dialog.quarter_note.objectName() == "muted"
    assert "Dec\u00a02024" in dialog.quarter_note.text()
    assert dialog.request().quarter == "2024Q4"
    _shot(dialog, "qbr_dialog_default.png")

    dialog.quarter.setCurrentIndex(dialog.quarter.findData(str(THIS_QUARTER)))
    assert dialog.quarter_note.isVisible() and dialog.quarter_note.objectName() == "warning"
    assert "is 2024Q4" in dialog.quarter_note.text()
    assert dialog.request().quarter == str(THIS_QUARTER)
    _shot(dialog, "qbr_dialog_past.png")

    dialog.quarter.setCurrentIndex(dialog.quarter.findData("2024Q3"))
    assert not dialog.quarter_note.isVisible()


def test_the_note_is_in_the_language_of_the_app(qtbot: QtBot, tmp_path: Path) -> None:
    with Workspace.open(build_stale_room(tmp_path), read_only=True) as ws:
        set_language("pt_BR")
        try:
            dialog = _dialog(qtbot, ws, "pt_BR")
            note = dialog.quarter_note.text()
            _shot(dialog, "qbr_dialog_pt.png")
        finally:
            set_language("en")
    assert "atividade registrada" in note and "dez" in note and "2024" in note
