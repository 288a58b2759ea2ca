"""The wizard's Import step on a workbook (read as one block): its bar moves while the rows
are written, instead of jumping from the start to the end, and the step shows it half-way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from held_runner import HeldRunner
from import_helpers import wizard_of
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csdesk.store import bulk
from csdesk.ui.import_wizard.wizard import IMPORT, PREVIEW, SUMMARY
from csdesk.ui.main_window import MainWindow

ACCOUNTS, MONTHS = 60, 24


def _workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Cliente", "Mês", "MRR"])
    for account in range(ACCOUNTS):
        for month in range(MONTHS):
            sheet.append(
                [f"Cliente {account:03d}", f"{2024 + month // 12}-{month % 12 + 1:02d}", 50]
            )
    book.save(path)
    return path


def test_the_import_step_bar_moves_while_one_block_is_written(
    qtbot: QtBot, sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "PROGRESS_ROWS", 100)  # the rows are few; a report per 100
    runner = HeldRunner()
    window = MainWindow(runner)
    qtbot.addWidget(window)
    assert window.open_path(sample_path)
    runner.run_all()
    window.resize(1280, 800)
    window.show()
    window.spreadsheet_dropped.emit(_workbook(tmp_path / "receita.xlsx"))
    runner.run_all()
    wizard = wizard_of(window)
    for _ in range(6):
        if wizard.step == PREVIEW:
            break
        wizard.next_button.click()
        runner.run_all()
    assert wizard.step == PREVIEW, wizard.step
    values: list[int] = []
    shots: list[Path] = []

    def seen(value: int) -> None:
        values.append(value)
        if not shots and 400 <= value <= 600:
            assert wizard.step == IMPORT
            shots.append(tmp_path / "import-step-half-way.png")
            QApplication.processEvents()  # the step's layout, as the event loop would show it
            wizard.grab().save(str(shots[0]))

    wizard.import_step.bar.valueChanged.connect(seen)
    wizard.next_button.click()  # Import: the writer job waits in the runner
    assert wizard.step == IMPORT
    runner.run_all()
    assert wizard.step == SUMMARY
    middle = [v for v in values if 100 < v < 900]
    assert len(middle) >= 5, values
    assert values == sorted(values)
    assert shots and shots[0].stat().st_size > 0
    keep = os.environ.get("CSDESK_SCREENSHOTS")
    if keep:
        shots[0].replace(Path(keep) / shots[0].name)
    runner.run_all()
    window.close()
