from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from csdesk.ui import screenshots
from csdesk.ui.main_window import DESTINATIONS


def test_every_view_and_the_account_page_render_to_png(
    qtbot: QtBot, sample_path: Path, tmp_path: Path
) -> None:
    paths = screenshots.render(sample_path, tmp_path / "shots")
    names = [p.stem.split("-", 1)[1] for p in paths]
    assert names[: len(DESTINATIONS)] == [d.key for d in DESTINATIONS]
    assert "account-timeline" in names and "account-goals" in names
    assert names[-3:] == ["settings", "import-columns", "import-preview"]
    for path in paths:
        image = QImage(str(path))
        if path.stem.endswith("settings"):  # a dialog, shot on its own
            assert image.width() >= 600 and image.height() >= 400
        elif "-import-" in path.stem:  # the import wizard, a dialog too
            assert (image.width(), image.height()) == screenshots.WIZARD_SIZE
        else:
            assert (image.width(), image.height()) == screenshots.SIZE
        # Not a blank canvas: a rendered page has text and borders of several colours.
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 37)
            for y in range(0, image.height(), 23)
        }
        assert len(colours) > 3


def test_usage_and_missing_file_are_one_line_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert screenshots.main([]) == 2
    assert "usage" in capsys.readouterr().err
    assert screenshots.main([str(tmp_path / "none.csdesk"), str(tmp_path)]) == 2
    assert "csdesk demo" in capsys.readouterr().err


def test_the_settings_picture_finds_its_tab_by_name(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QTabWidget, QWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    for title in ("General", "Exchange &rates", "Health model"):
        tabs.addTab(QWidget(), title)
    # A tab added before the health model (exchange rates was) does not change the picture.
    assert screenshots.tab_titled(tabs, "Health model") == 2
    assert screenshots.tab_titled(tabs, "Exchange rates") == 1
    assert screenshots.tab_titled(tabs, "Nowhere") == 0
