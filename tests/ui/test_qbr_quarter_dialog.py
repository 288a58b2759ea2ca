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
    # Named for the person, with the months it spans; the data is what --quarter takes.
    assert dialog.quarter.currentText().replace("\u00a0", " ") == "Q4 2024 (Oct 2024 – Dec 2024)"
    assert dialog.quarter_note.isVisible() and dialog.quarter_note.objectName() == "muted"
    assert "Dec\u00a02024" in dialog.quarter_note.text()
    assert dialog.request().quarter == "2024Q4"
    _shot(dialog, "qbr_dialog_default.png")

    dialog.quarter.setCurrentIndex(dialog.quarter.findData(str(THIS_QUARTER)))
    assert dialog.quarter_note.isVisible() and dialog.quarter_note.objectName() == "warning"
    assert "is Q4 2024 (Oct" in dialog.quarter_note.text()
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
            shown = dialog.quarter.currentText()
            _shot(dialog, "qbr_dialog_pt.png")
        finally:
            set_language("en")
    assert "atividade registrada" in note and "dez" in note and "2024" in note
    assert shown.startswith("4º trimestre de 2024 (out")


def test_an_account_paying_twice_for_one_product_is_said_before_the_pack(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from csdesk.cli import main

    source = tmp_path / "subscriptions.csv"
    source.write_text(
        "subscription_id,account_id,account,start_date,end_date,plan,mrr\n"
        "S1,A1,Alpha,2024-01-01,,Pro,100\nS2,A1,Alpha,2024-06-01,,Pro,300\n"
        "S3,B1,Beta,2024-01-01,,Pro,100\n",
        encoding="utf-8",
    )
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(source), "-q", "--as-of", "2024-12"]) == 0
    with Workspace.open(target, read_only=True) as ws:
        alpha, beta = (
            int(ws.scalar("SELECT id FROM accounts WHERE external_id = ?", (e,)))
            for e in ("A1", "B1")
        )
        dialog = ReportDialog(QBR, ws, "en", account_id=alpha, base_name="Alpha qbr")
        qtbot.addWidget(dialog)
        dialog.show()
        other = ReportDialog(QBR, ws, "en", account_id=beta, base_name="Beta qbr")
        qtbot.addWidget(other)
    assert dialog.quarter.currentData() == "2024Q4"
    note = dialog.overlap_note
    assert note.isVisible() and note.objectName() == "warning"
    assert note.text().startswith(
        "Alpha pays for 2 contracts of one product at once in Dec 2024: the older ones add "
        "R$100 to the MRR this pack shows."
    )
    _shot(dialog, "qbr_dialog_overlap.png")
    dialog.grab().save(str(tmp_path / "qbr-overlap.png"))
    dialog.quarter.setCurrentIndex(dialog.quarter.findData("2024Q1"))  # only S1 ran then
    assert not note.isVisible()
    assert not other.overlap_note.isVisible() and not other.overlap_note.text()
