"""Spreadsheets written on the fly for the import tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "Sheet1",
    extra_sheets: dict[str, Sequence[Sequence[Any]]] | None = None,
    hidden: Sequence[str] = (),
    merges: Sequence[str] = (),
) -> Path:
    """A real .xlsx written by openpyxl: ``None`` cells stay empty."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = sheet
    sheets = {sheet: rows, **(extra_sheets or {})}
    for name, content in sheets.items():
        target = first if name == sheet else book.create_sheet(name)
        for row in content:
            target.append(list(row))
        if name in hidden:
            target.sheet_state = "hidden"
    for merge in merges:
        first.merge_cells(merge)
    book.save(path)
    return path


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_ods(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Planilha1") -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice saves), written by hand."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: Any) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
            "</table:table-cell>"
        )

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def xlsx_with_sheet_xml(path: Path, rows_xml: str) -> Path:
    """A real workbook whose only sheet holds ``rows_xml``: rows written by hand, for layouts
    and cell types openpyxl does not write (no references, error cells)."""
    import zipfile

    base = write_xlsx(path.with_name(path.stem + "-base.xlsx"), [["x"]])
    with zipfile.ZipFile(base) as original, zipfile.ZipFile(path, "w") as out:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                start = data.index(b"<sheetData>") + len(b"<sheetData>")
                end = data.index(b"</sheetData>")
                data = data[:start] + rows_xml.encode() + data[end:]
            out.writestr(item.filename, data, zipfile.ZIP_DEFLATED)
    return path
