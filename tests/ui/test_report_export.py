"""Documents from the app: QBR pack and role clarity from the account page; Excel, audit and
generic role clarity from the File menu. Each is written by the core writers in a job and the
file read back as what it claims to be."""

from __future__ import annotations

import zipfile
from pathlib import Path

from dialog_log import DialogLog
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from csdesk.ui.main_window import MainWindow
from csdesk.ui.report_export import ReportDialog


def _save_through(dialog: ReportDialog | None, target: Path) -> None:
    assert dialog is not None
    dialog.path.setText(str(target))
    dialog.accept()


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_qbr_pdf_and_pptx_from_the_account_page(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    window.open_account(1)
    page = window.account_page
    name = window.session.ws.scalar("SELECT name FROM accounts WHERE id = 1")  # type: ignore[union-attr]
    page.qbr_button.click()
    dialog = window._report_dialog
    assert isinstance(dialog, ReportDialog)
    assert dialog.quarter.count() == 8
    assert dialog.path.text().endswith(".pdf")
    dialog.grab().save(str(tmp_path / "qbr_dialog.png"))
    _save_through(dialog, tmp_path / "qbr.pdf")
    assert dialogs.errors == []
    assert (tmp_path / "qbr.pdf").read_bytes().startswith(b"%PDF")
    assert name in _pdf_text(tmp_path / "qbr.pdf")
    assert window.last_report == tmp_path / "qbr.pdf"
    assert str(tmp_path / "qbr.pdf") in window.statusBar().currentMessage()
    assert window.open_folder_button.isVisibleTo(window)

    page.qbr_button.click()
    dialog = window._report_dialog
    assert isinstance(dialog, ReportDialog)
    dialog.format.setCurrentIndex(dialog.format.findData("pptx"))
    assert dialog.path.text().endswith(".pptx")
    dialog.language.setCurrentIndex(dialog.language.findData("pt_BR"))
    _save_through(dialog, tmp_path / "qbr.pptx")
    slides = Presentation(str(tmp_path / "qbr.pptx")).slides
    texts = [shape.text_frame.text for s in slides for shape in s.shapes if shape.has_text_frame]
    assert len(slides) > 3 and any(name in t for t in texts)


def test_role_clarity_for_the_account(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    window.open_account(1)
    window.account_page.roles_button.click()
    _save_through(window._report_dialog, tmp_path / "roles.pdf")
    assert dialogs.errors == []
    name = window.session.ws.scalar("SELECT name FROM accounts WHERE id = 1")  # type: ignore[union-attr]
    assert name in _pdf_text(tmp_path / "roles.pdf")


def test_file_menu_documents(window: MainWindow, tmp_path: Path, dialogs: DialogLog) -> None:
    window.excel_action.trigger()
    _save_through(window._report_dialog, tmp_path / "book.xlsx")
    workbook = load_workbook(tmp_path / "book.xlsx")
    assert len(workbook.sheetnames) >= 5
    assert zipfile.is_zipfile(tmp_path / "book.xlsx")

    window.audit_action.trigger()
    _save_through(window._report_dialog, tmp_path / "audit.pdf")
    assert len(PdfReader(tmp_path / "audit.pdf").pages) >= 2

    window.roles_action.trigger()
    _save_through(window._report_dialog, tmp_path / "roles.pdf")
    assert "For all our customers" in _pdf_text(tmp_path / "roles.pdf")
    assert dialogs.errors == []


def test_a_bad_target_is_an_error_dialog_and_no_file(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    window.audit_action.trigger()
    _save_through(window._report_dialog, tmp_path / "missing" / "audit.pdf")
    assert dialogs.errors and "does not exist" in dialogs.errors[0][1]
    assert not (tmp_path / "missing").exists()
