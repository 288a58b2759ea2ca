"""The health model's band-change count, asked again while the count for older values runs:
the older count is cancelled and never replaces the newer one on screen."""

from __future__ import annotations

from pathlib import Path

from held_runner import HeldRunner
from pytestqt.qtbot import QtBot

from csdesk.ui.main_window import MainWindow


def test_an_older_count_never_replaces_the_newer(
    qtbot: QtBot, sample_path: Path, with_metrics: bool
) -> None:
    runner = HeldRunner()
    window = MainWindow(runner)
    qtbot.addWidget(window)
    assert window.open_path(sample_path)
    runner.run_all()
    window.show()
    dialog = window.open_settings()
    assert dialog is not None
    runner.run_all()
    dialog.healthy_from.setValue(100)  # nobody healthy: some accounts would change band
    dialog.preview_band_changes()
    (older,) = [j for j in runner.held if j.title == "Counting band changes"]
    dialog.healthy_from.setValue(70)  # back as stored: nobody would
    dialog.preview_band_changes()
    newer = dialog.counting.job
    assert newer is not None and newer is not older
    assert older.cancel_requested and not newer.cancel_requested
    runner.run(newer)
    runner.run(older)
    assert dialog.preview.text() == "No account would change health band with these values."
    dialog.reject()
    runner.run_all()
    window.close()
