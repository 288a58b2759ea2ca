"""Reaching the Imports page and its wizard from a test's main window."""

from __future__ import annotations

from pathlib import Path

from csdesk.ui.import_wizard.wizard import ImportWizard
from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages.imports import ImportsPage


def imports_page(window: MainWindow) -> ImportsPage:
    page = window.page("imports")
    assert isinstance(page, ImportsPage)
    return page


def wizard_of(window: MainWindow) -> ImportWizard:
    wizard = imports_page(window).wizard
    assert wizard is not None
    return wizard


def dropped(window: MainWindow, path: Path, text: str) -> ImportWizard:
    """The wizard of ``text`` written to ``path`` and dropped on the window."""
    path.write_text(text, encoding="utf-8")
    window.spreadsheet_dropped.emit(path)
    return wizard_of(window)
