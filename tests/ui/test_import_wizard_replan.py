"""The import wizard planning again while a plan is still being made: the plan it replaces
is cancelled (its cancel flag set, the core stops at its next progress call) and whatever it
would have answered is never shown, however late it arrives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from held_runner import HeldRunner
from import_helpers import wizard_of
from pytestqt.qtbot import QtBot

from csdesk.ingest.plan import ImportPlan
from csdesk.progress import Cancelled
from csdesk.ui.import_wizard.wizard import COLUMNS, ImportWizard
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workers import Job

SHEET = "Cliente;Segmento;MRR\nAçaí Ltda;SMB;1234\nZeta Comércio;SMB;10\n"


@pytest.fixture
def held(qtbot: QtBot, sample_path: Path) -> Iterator[tuple[MainWindow, HeldRunner]]:
    """The main window whose jobs wait until the test runs them."""
    runner = HeldRunner()
    win = MainWindow(runner)
    qtbot.addWidget(win)
    assert win.open_path(sample_path)
    runner.run_all()
    win.show()
    yield win, runner
    runner.run_all()
    win.close()


def _read(window: MainWindow, runner: HeldRunner, tmp_path: Path) -> ImportWizard:
    path = tmp_path / "clientes.csv"
    path.write_text(SHEET, encoding="utf-8")
    window.spreadsheet_dropped.emit(path)
    runner.run_all()
    wizard = wizard_of(window)
    assert wizard.step == COLUMNS and wizard.plan is not None
    return wizard


def _leave_out(wizard: ImportWizard, column: str) -> None:
    box = wizard.columns_step.field_boxes[column]
    box.setCurrentIndex(box.findData("-"))
    box.activated.emit(box.currentIndex())


def _planning(runner: HeldRunner) -> Job:
    (job,) = [j for j in runner.held if "again" in j.title]
    return job


@pytest.mark.parametrize("late_first", [True, False])
def test_a_superseded_plan_is_cancelled_and_never_shown(
    held: tuple[MainWindow, HeldRunner], tmp_path: Path, late_first: bool
) -> None:
    window, runner = held
    wizard = _read(window, runner, tmp_path)
    _leave_out(wizard, "Segmento")
    first = _planning(runner)
    assert wizard.busy and not first.cancel_requested
    _leave_out(wizard, "MRR")  # changed mind before the first plan came back
    second = next(j for j in runner.held if j is not first)
    assert first.cancel_requested and not second.cancel_requested
    # Whichever answers last, only the second plan is applied.
    for job in (first, second) if late_first else (second, first):
        runner.run(job)
    assert wizard.plan is not None
    mapping = wizard.plan.mapping()
    assert mapping["MRR"] is None and mapping["Segmento"] is not None
    assert not wizard.busy and wizard.hint.text() == ""
    assert wizard.columns_step.field_boxes["Segmento"].currentData() != "-"
    assert first.was_cancelled and not first.running
    assert runner.active == []


def test_a_plan_superseded_while_it_reads_stops_in_the_core(
    held: tuple[MainWindow, HeldRunner], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The person changes another column while the sheet is being read again: the first read
    stops at the core's next progress call (Cancelled), and its plan never arrives."""
    window, runner = held
    wizard = _read(window, runner, tmp_path)
    real = ImportPlan.with_mapping
    stopped: list[dict[str, str]] = []

    def with_mapping(plan: ImportPlan, mapping: dict[str, str], **kw: Any) -> ImportPlan:
        if not stopped and "Segmento" in mapping:
            _leave_out(wizard, "MRR")  # while this read runs
            try:
                return real(plan, mapping, **kw)
            except Cancelled:
                stopped.append(mapping)
                raise
        return real(plan, mapping, **kw)

    monkeypatch.setattr(ImportPlan, "with_mapping", with_mapping)
    _leave_out(wizard, "Segmento")
    first = _planning(runner)
    runner.run(first)
    assert stopped == [{"Segmento": "-"}]
    assert first.cancel_requested and first.was_cancelled
    assert wizard.busy  # still waiting for the second plan, not shown the first
    runner.run_all()
    assert wizard.plan is not None
    assert wizard.plan.mapping()["MRR"] is None
    assert wizard.plan.mapping()["Segmento"] is not None


def test_closing_the_wizard_cancels_the_plan_being_made(
    held: tuple[MainWindow, HeldRunner], tmp_path: Path
) -> None:
    window, runner = held
    wizard = _read(window, runner, tmp_path)
    _leave_out(wizard, "Segmento")
    job = _planning(runner)
    wizard.cancel_button.click()
    assert not wizard.isVisible() and job.cancel_requested
    runner.run(job)
    assert wizard.plan is None  # the closed wizard took nothing


def test_another_file_chosen_while_the_first_is_read_replaces_it(
    held: tuple[MainWindow, HeldRunner], tmp_path: Path
) -> None:
    """Step 1's "Choose another file" while a big file is still being read: the first read
    is cancelled, and the wizard shows the second file's plan even if the first answers last."""
    window, runner = held
    first_path = tmp_path / "first.csv"
    first_path.write_text(SHEET, encoding="utf-8")
    second_path = tmp_path / "second.csv"
    second_path.write_text("Account,Month,MRR\nAçaí Ltda,2026-04,120\n", encoding="utf-8")
    window.spreadsheet_dropped.emit(first_path)
    wizard = wizard_of(window)
    (first,) = [j for j in runner.held if j.title.startswith("Reading")]
    wizard.open_file(second_path)
    second = next(j for j in runner.held if j.title.startswith("Reading") and j is not first)
    assert first.cancel_requested and not second.cancel_requested
    runner.run(second)
    runner.run(first)
    assert wizard.plan is not None and wizard.plan.file_name == "second.csv"
    assert wizard.path == second_path
