"""Reaching the Imports page and its wizard from a test's main window."""

from __future__ import annotations

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
