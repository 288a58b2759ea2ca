"""Injection, end to end: text that came in through an import never reaches a spreadsheet
program as a formula, and PDF and slides print markup exactly as typed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from csdesk.cli import main

ACCOUNTS = """Account;Segment;CSM;Notes;MRR
"<b>ACME & Co</b>";=1+1;"=HYPERLINK(""http://x"",""y"")";"+cmd|' /C calc'!A0";1000
"=HYPERLINK(""x"")";@SUM(A1);"<i>Ana</i>";"-2+3";2000
"+cmd|' /C calc'!A0";SMB;Bruno;"	=tab";3000
"@risk Co";Mid;Carla;"&lt;escaped&gt;";4000
"""
MONTHS = ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    ws = tmp_path / "inj.csdesk"
    sheet = tmp_path / "accounts.csv"
    sheet.write_text(ACCOUNTS, encoding="utf-8")
    assert main(["import", str(ws), str(sheet), "--as-of", "2026-02"]) == 0
    revenue = tmp_path / "revenue.csv"
    names = ["<b>ACME & Co</b>", '=HYPERLINK("x")', "+cmd|' /C calc'!A0", "@risk Co"]
    lines = ["Account;Month;MRR"] + [
        '"' + name.replace('"', '""') + f'";{month};{1000 * (i + 1) + m}'
        for i, name in enumerate(names)
        for m, month in enumerate(MONTHS)
    ]
    revenue.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import", str(ws), str(revenue)]) == 0
    return ws


def test_exported_cells_from_imported_text_are_never_formulas(
    imported: Path, tmp_path: Path
) -> None:
    target = tmp_path / "e.xlsx"
    assert main(["export", str(imported), "-o", str(target), "--lang", "en"]) == 0
    book = load_workbook(target)
    risky = []
    for sheet in book.worksheets[1:]:  # the first sheet is the summary, which computes
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    risky.append(cell)
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
    found = {c.value for c in risky}
    assert {'=HYPERLINK("x")', "+cmd|' /C calc'!A0", "@risk Co", "=1+1", "-2+3"} <= found
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet") and name != "xl/worksheets/sheet1.xml":
                assert "<f>" not in archive.read(name).decode(), name
        summary = archive.read("xl/worksheets/sheet1.xml").decode()
    formulas = re.findall(r"<f>(.*?)</f>", summary)
    assert formulas and not any("HYPERLINK" in f or "cmd" in f for f in formulas)


def _pdf_text(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_pdf_and_slides_print_imported_markup_literally(imported: Path, tmp_path: Path) -> None:
    account = "<b>ACME & Co</b>"
    qbr, slides = tmp_path / "q.pdf", tmp_path / "q.pptx"
    roles, audit = tmp_path / "r.pdf", tmp_path / "a.pdf"
    for argv in (
        ["report", "qbr", str(imported), account, "-o", str(qbr), "--quarter", "2026Q1"],
        ["report", "qbr", str(imported), account, "-o", str(slides), "--quarter", "2026Q1"],
        ["report", "roles", str(imported), account, "-o", str(roles)],
        ["report", "audit", str(imported), "-o", str(audit)],
    ):
        assert main([*argv, "--lang", "en"]) == 0, argv
    for pdf in (qbr, roles):
        text = _pdf_text(pdf)
        assert account in text, pdf.name
    assert '=HYPERLINK("http://x","y")' in _pdf_text(roles)  # the CSM's name, as typed
    from pptx import Presentation

    shown = [
        shape.text_frame.text
        for slide in Presentation(str(slides)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any(account in text for text in shown)
    assert _pdf_text(audit).strip()  # the audit renders although names hold markup
