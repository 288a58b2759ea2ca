"""Writing the workbook: openpyxl for structure and styles, fast XML for the data rows.

openpyxl builds everything that is not bulk data — styles, header rows, column widths, frozen
panes, filters, conditional formats, the summary sheet with its formulas, native charts — and
saves it. The data rows of each :class:`DataSheet` are then streamed into that file's sheet
parts as SpreadsheetML (:mod:`csdesk.reports.xlsx.cells`), with the style ids openpyxl
registered, so a sheet of a million cells takes seconds instead of a minute. The result is
written atomically (:func:`csdesk.reports.output.atomic_output`).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from posixpath import join as posix_join
from xml.etree import ElementTree

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from csdesk.progress import ProgressCallback, silent
from csdesk.reports.output import atomic_output
from csdesk.reports.xlsx.cells import date_cells, number_cells, text_cells
from csdesk.reports.xlsx.table import DataSheet

INK = "1B2333"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=INK)
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
BAND_FILLS = {
    "healthy": ("E3F1E4", "1E5E22"),
    "at_risk": ("FDF0D5", "7A4E0B"),
    "critical": ("F9DEDC", "8E1B1B"),
}
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


@dataclass(frozen=True, slots=True)
class Formats:
    """Number formats of the workbook's locale and currency."""

    money: str
    date: str
    ratio: str = "0.0%"
    int: str = "#,##0"
    number: str = "#,##0.0"
    score: str = "0"


SummaryBuilder = Callable[[Workbook, Worksheet], None]


def write_workbook(
    target: Path,
    sheets: Sequence[DataSheet],
    formats: Formats,
    *,
    summary_title: str | None = None,
    summary: SummaryBuilder | None = None,
    progress: ProgressCallback = silent,
) -> Path:
    """Write ``sheets`` (after an optional summary sheet first) to ``target`` atomically."""
    wb = Workbook()
    wb.remove(wb.active)
    summary_sheet = wb.create_sheet(summary_title) if summary_title else None
    styles: dict[str, dict[str, int]] = {}
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title)
        styles[sheet.title] = _prepare_sheet(wb, ws, sheet, formats)
    if summary_sheet is not None and summary is not None:
        summary(wb, summary_sheet)
        wb.active = 0
    progress(0.1, "workbook structure")
    with (
        tempfile.TemporaryDirectory(prefix="csdesk-xlsx-") as scratch,
        atomic_output(target) as temporary,
    ):
        skeleton = Path(scratch) / "skeleton.xlsx"
        wb.save(skeleton)
        _fill_rows(skeleton, temporary, sheets, styles, progress)
    return target


def _style_id(wb: Workbook, ws: Worksheet, **style: object) -> int:
    """Register a cell style with the workbook and return its index (the ``s`` attribute)."""
    cell = Cell(ws)
    for name, value in style.items():
        setattr(cell, name, value)
    return int(cell.style_id)


def _prepare_sheet(
    wb: Workbook, ws: Worksheet, sheet: DataSheet, formats: Formats
) -> dict[str, int]:
    """Header row, widths, panes, filter and band colours; returns the style id of each kind."""
    for index, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.data_type = "s"  # a header is text even when it starts with "="
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
    ws.row_dimensions[1].height = 30
    sheet.widths = sheet.fitted_widths()
    for index, width in enumerate(sheet.widths):
        ws.column_dimensions[sheet.letter(index)].width = width
    ws.freeze_panes = sheet.freeze
    last_column = sheet.letter(len(sheet.columns) - 1)
    if sheet.autofilter and sheet.columns:
        ws.auto_filter.ref = f"A1:{last_column}{max(sheet.last_row, 2)}"
    if sheet.band_score_column is not None and sheet.rows:
        score = sheet.letter(sheet.band_score_column)
        targets = " ".join(
            f"{sheet.letter(i)}2:{sheet.letter(i)}{sheet.last_row}"
            for i in (sheet.band_score_column, *sheet.band_columns)
        )
        rules = {
            "healthy": f"AND(ISNUMBER(${score}2),${score}2>=70)",
            "at_risk": f"AND(ISNUMBER(${score}2),${score}2>=40,${score}2<70)",
            "critical": f"AND(ISNUMBER(${score}2),${score}2<40)",
        }
        for band, formula in rules.items():
            fill, font = BAND_FILLS[band]
            ws.conditional_formatting.add(
                targets,
                FormulaRule(
                    formula=[formula],
                    fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                    font=Font(color=font, bold=True),
                ),
            )
    top = Alignment(vertical="top")
    return {
        "text": _style_id(wb, ws, alignment=top),
        "quoted": _style_id(wb, ws, alignment=top, quotePrefix=True),
        "int": _style_id(wb, ws, number_format=formats.int),
        "number": _style_id(wb, ws, number_format=formats.number),
        "money": _style_id(wb, ws, number_format=formats.money),
        "ratio": _style_id(wb, ws, number_format=formats.ratio),
        "date": _style_id(wb, ws, number_format=formats.date),
        "score": _style_id(wb, ws, number_format=formats.score),
    }


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part name inside the package (from workbook.xml and its rels)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels.findall("rel:Relationship", _NS)
    }
    parts: dict[str, str] = {}
    for node in book.iterfind("m:sheets/m:sheet", _NS):
        target = targets[node.get(f"{{{_NS['r']}}}id")]
        part = target.lstrip("/") if target.startswith("/") else posix_join("xl", target)
        parts[node.get("name", "")] = part
    return parts


def _fill_rows(
    skeleton: Path,
    target: Path,
    sheets: Sequence[DataSheet],
    styles: dict[str, dict[str, int]],
    progress: ProgressCallback,
) -> None:
    by_title = {sheet.title: sheet for sheet in sheets}
    total_cells = sum(len(s.rows) * len(s.columns) for s in sheets) or 1
    done = 0
    with (
        zipfile.ZipFile(skeleton) as source,
        zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as out,
    ):
        parts = {part: title for title, part in _sheet_parts(source).items()}
        for info in source.infolist():
            data = source.read(info.filename)
            title = parts.get(info.filename)
            sheet = by_title.get(title) if title is not None else None
            if sheet is None:
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            xml = data.decode("utf-8")
            head, tail = _split_at_sheet_data_end(xml, info.filename)
            last = f"{sheet.letter(len(sheet.columns) - 1)}{max(sheet.last_row, 1)}"
            head = re.sub(
                r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:{last}"/>', head, count=1
            )
            # A name (not a ZipInfo) takes the archive's compression and level.
            with out.open(info.filename, "w") as part:
                part.write(head.encode("utf-8"))
                for chunk in _rows_xml(sheet, styles[sheet.title]):
                    part.write(chunk.encode("utf-8"))
                part.write(tail.encode("utf-8"))
            done += len(sheet.rows) * len(sheet.columns)
            progress(0.1 + 0.9 * done / total_cells, sheet.title)


def _split_at_sheet_data_end(xml: str, name: str) -> tuple[str, str]:
    """Split a sheet part where data rows go: just before ``</sheetData>``."""
    end = xml.find("</sheetData>")
    if end < 0:
        empty = xml.find("<sheetData/>")
        if empty < 0:
            empty = xml.find("<sheetData />")
        if empty < 0:
            raise RuntimeError(f"{name} has no sheetData element")
        closing = xml.index(">", empty) + 1
        return xml[:empty] + "<sheetData>", "</sheetData>" + xml[closing:]
    return xml[:end], xml[end:]


def _rows_xml(sheet: DataSheet, styles: dict[str, int], chunk_rows: int = 5000) -> Iterator[str]:
    """The data rows as SpreadsheetML, in chunks of ``chunk_rows`` rows.

    Cells are rendered column by column (one tight loop per kind of value), then zipped into
    rows: a million cells take about a second.
    """
    columns: list[list[str]] = []
    values_by_column = list(zip(*sheet.rows, strict=True)) if sheet.rows else []
    for index, column in enumerate(sheet.columns):
        values = values_by_column[index] if values_by_column else ()
        letter = sheet.letter(index)
        if column.kind == "text":
            columns.append(text_cells(values, letter, styles["text"], styles["quoted"]))
        elif column.kind == "date":
            columns.append(date_cells(values, letter, styles["date"]))
        else:
            columns.append(number_cells(values, letter, styles[column.kind]))
    buffer: list[str] = []
    for number, cells in enumerate(zip(*columns, strict=True), 2):
        buffer.append(f'<row r="{number}">{"".join(cells)}</row>')
        if len(buffer) >= chunk_rows:
            yield "".join(buffer)
            buffer.clear()
    if buffer:
        yield "".join(buffer)
