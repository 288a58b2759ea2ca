"""Choosing files: a workspace to open or create, a spreadsheet to import, where to save.

Qt's file dialog is loaded the first time one is asked for: PySide builds QFileDialog's
wrapper (its enums) on first use, time the window's start does not need.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from csdesk.ui.translate import _

SPREADSHEET_PATTERNS = "*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods"
CAPTURE_PATTERNS = "*.ics *.eml *.mbox *.msg"


def _filter(name: str, patterns: str) -> str:
    everything = _("All files")
    return f"{name} ({patterns});;{everything} (*)"


def workspace_filter() -> str:
    return _filter(_("csdesk workspaces"), "*.csdesk")


def spreadsheet_filter() -> str:
    """Everything csdesk imports first; then spreadsheets, calendars and mail on their own."""
    every_kind = _("Spreadsheets, calendars and mail")
    sheets, capture = _("Spreadsheets"), _("Calendars and mail")
    everything = _("All files")
    return (
        f"{every_kind} ({SPREADSHEET_PATTERNS} {CAPTURE_PATTERNS});;"
        f"{sheets} ({SPREADSHEET_PATTERNS});;{capture} ({CAPTURE_PATTERNS});;{everything} (*)"
    )


def open_path(
    parent: QWidget | None, title: str, file_filter: str, folder: str = ""
) -> Path | None:
    """The file the person picked to open, or None when they cancelled."""
    from PySide6.QtWidgets import QFileDialog

    name, _chosen = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return Path(name) if name else None


def save_path(
    parent: QWidget | None, title: str, file_filter: str, suggested: str = ""
) -> Path | None:
    """Where the person chose to save, or None when they cancelled."""
    from PySide6.QtWidgets import QFileDialog

    name, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(name) if name else None


def choose_spreadsheet(parent: QWidget | None, folder: str = "") -> Path | None:
    """The spreadsheet to walk through the import wizard (File ▸ Import…, the Imports page)."""
    return open_path(parent, _("Import a file"), spreadsheet_filter(), folder)


def choose_folder(parent: QWidget | None) -> Path | None:
    """A folder of a client's files to import as a set (File ▸ Import a folder…)."""
    from PySide6.QtWidgets import QFileDialog

    name = QFileDialog.getExistingDirectory(parent, _("Import a folder"))
    return Path(name) if name else None


def choose_zip(parent: QWidget | None) -> Path | None:
    """A zip of a client's files to import as a set (File ▸ Import a zip…)."""
    return open_path(parent, _("Import a zip"), _filter(_("Zip archives"), "*.zip"))
