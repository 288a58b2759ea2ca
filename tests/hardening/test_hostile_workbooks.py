"""Workbooks whose declarations would make the reader claim gigabytes, and damaged zips.

Each import runs in a child process: a reader that aborts (SIGABRT when its allocator gives
up) leaves no exit code 2 and no peak-memory line, so the test fails with what it printed.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from hardening_helpers import run_measured
from openpyxl import Workbook

IMPORT = "import sys; from csdesk.cli import main; sys.exit(main(sys.argv[1:]))"
MEMORY_BOUND_MB = 1_000
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _import(tmp_path: Path, sheet: Path) -> tuple[int, str, int]:
    return run_measured(
        IMPORT, "import", str(tmp_path / "w.csdesk"), str(sheet), "--dry-run", timeout=120
    )


def _base(tmp_path: Path) -> Path:
    path = tmp_path / "base.xlsx"
    book = Workbook()
    book.active.append(["account", "mrr"])
    book.active.append(["Acme", 10])
    book.save(path)
    return path


def _rebuild(tmp_path: Path, name: str, cells: str = "", shared: str | None = None) -> Path:
    """The base workbook with ``cells`` appended to its sheet data (and a shared-strings part)."""
    base = _base(tmp_path)
    target = tmp_path / name
    with zipfile.ZipFile(base) as original, zipfile.ZipFile(target, "w") as out:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", cells.encode() + b"</sheetData>")
                if shared is not None:
                    data = data.replace(b't="inlineStr"><is><t>account</t></is>', b't="s"><v>0</v>')
            if shared is not None and item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            if shared is not None and item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            out.writestr(item.filename, data, zipfile.ZIP_DEFLATED)
        if shared is not None:
            out.writestr("xl/sharedStrings.xml", shared, zipfile.ZIP_DEFLATED)
    return target


def _ods(path: Path, rows: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="S">'
        + rows
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        archive.writestr("content.xml", content)
    return path


_CELL = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
_HEADER = "<table:table-row>" + _CELL + _CELL + "</table:table-row>"


def _refused(tmp_path: Path, path: Path, words: str) -> None:
    assert path.stat().st_size < 10_000
    code, output, peak = _import(tmp_path, path)
    assert code == 2, output
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if not line.startswith("PEAK_KB")]
    assert len(lines) == 1 and lines[0].startswith(f"csdesk: {path.name}"), output
    assert words in lines[0], output
    assert peak < MEMORY_BOUND_MB


def test_shared_strings_count_of_four_billion_is_refused(tmp_path: Path) -> None:
    shared = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN_NS}" count="4294967295" '
        'uniqueCount="4294967295"><si><t>account</t></si></sst>'
    )
    path = _rebuild(tmp_path, "strings.xlsx", shared=shared)
    _refused(tmp_path, path, "4,294,967,295 texts")


@pytest.mark.parametrize(
    "cell",
    [
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        '<row r="1048576"><c r = "XFD1048576"><v>1</v></c></row>',
        "<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
        '<row\nr="1048576"><c\nr="XFD1048576"><v>1</v></c></row>',
        '<row r="1048576"><c s="0" r="XFD1048576"><v>1</v></c></row>',
        f'<row r="9"><x:c xmlns:x="{_MAIN_NS}" r="XFD1048576"><x:v>1</x:v></x:c></row>',
        # Two-letter columns and six-digit rows pass the quick bound only when narrow enough.
        '<row r="999999"><c r="ZZ999999"><v>1</v></c></row>',
    ],
    ids=["plain", "spaced", "single-quoted", "newlines", "r-not-first", "prefixed", "ZZ999999"],
)
def test_one_cell_far_beyond_the_data_is_refused(tmp_path: Path, cell: str) -> None:
    path = _rebuild(tmp_path, "far.xlsx", cell)
    _refused(tmp_path, path, "spans")


@pytest.mark.parametrize(
    "cells",
    [
        # Excel writes formatted empty cells; a reader keeps no box for them.
        '<row r="1048576"><c r="XFD1048576" s="0"/></row>',
        # A row's number does not place a cell that has its own reference.
        '<row r="1048576"><c r="B3"><v>7</v></c></row>',
        # Cells without references follow the previous one.
        '<row r="3"><c><v>1</v></c><c><v>2</v></c></row>',
    ],
    ids=["formatted-empty", "row-number-only", "implicit"],
)
def test_ordinary_layouts_near_the_bounds_are_read(tmp_path: Path, cells: str) -> None:
    path = _rebuild(tmp_path, "fine.xlsx", cells)
    code, output, _peak = _import(tmp_path, path)
    assert code == 0, output
    assert "Dry run:" in output and "Traceback" not in output


def test_wide_sheet_of_two_letter_columns_is_read(tmp_path: Path) -> None:
    """A revenue sheet of one column per month (AA, AB, ...) is bounded and read."""
    book = Workbook()
    book.active.append(
        ["account", *[f"{y}-{m:02d}" for y in range(2021, 2025) for m in range(1, 13)]]
    )
    for index in range(50):
        book.active.append([f"Cliente {index}", *range(48)])
    path = tmp_path / "wide.xlsx"
    book.save(path)
    code, output, _peak = _import(tmp_path, path)
    assert code == 0 and "Dry run: 2,400 rows" in output, output


@pytest.mark.parametrize(
    "rows",
    [
        # Rows repeated a million times (850 bytes of XML, 450 MB once read).
        _HEADER
        + '<table:table-row table:number-rows-repeated="1000000">'
        + _CELL
        + _CELL
        + "</table:table-row>",
        # Cells repeated across 95 columns of a million rows (12 GB once read).
        _HEADER + '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'office:value-type="string" table:number-columns-repeated="95"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>",
        # Empty repeated rows before a value in column 95 (6 GB once read).
        _HEADER + '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="95"/></table:table-row><table:table-row>'
        '<table:table-cell table:number-columns-repeated="94"/>' + _CELL + "</table:table-row>",
    ],
    ids=["rows", "rows-and-columns", "gap"],
)
def test_ods_repeats_that_expand_to_millions_of_cells_are_refused(
    tmp_path: Path, rows: str
) -> None:
    path = _ods(tmp_path / "repeats.ods", rows)
    _refused(tmp_path, path, "cells")


def test_ods_with_libreoffice_trailing_empty_repeats_is_read(tmp_path: Path) -> None:
    """LibreOffice ends a table with a row repeated a million times over empty cells."""
    rows = (
        "<table:table-row>"
        + _CELL.replace(">x<", ">account<")
        + _CELL.replace(">x<", ">mrr<")
        + "</table:table-row><table:table-row>"
        + _CELL.replace(">x<", ">Acme<")
        + '<table:table-cell office:value-type="float" office:value="10"><text:p>10</text:p>'
        "</table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="1048573"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
    )
    path = _ods(tmp_path / "libre.ods", rows)
    code, output, _peak = _import(tmp_path, path)
    assert code == 0 and "Dry run: 1 row " in output, output


def _damage(tmp_path: Path, how: str) -> Path:
    base = _base(tmp_path)
    data = bytearray(base.read_bytes())
    with zipfile.ZipFile(base) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    local = info.header_offset
    name_length, extra_length = struct.unpack("<HH", data[local + 26 : local + 30])
    start = local + 30 + name_length + extra_length
    central = data.find(b"PK\x01\x02")
    entries = []
    while central >= 0:
        length = struct.unpack("<H", data[central + 28 : central + 30])[0]
        if data[central + 46 : central + 46 + length] == b"xl/worksheets/sheet1.xml":
            entries.append(central)
        central = data.find(b"PK\x01\x02", central + 4)
    if how == "crc":
        for header in (local + 14, entries[0] + 16):
            data[header : header + 4] = b"\x00\x00\x00\x00"
    elif how == "deflate":
        data[start : start + 24] = b"\xff" * 24
    elif how == "method":
        data[local + 8 : local + 10] = struct.pack("<H", 99)
        data[entries[0] + 10 : entries[0] + 12] = struct.pack("<H", 99)
    elif how == "encrypted":
        for flags in (local + 6, entries[0] + 8):
            value = struct.unpack("<H", data[flags : flags + 2])[0] | 1
            data[flags : flags + 2] = struct.pack("<H", value)
    path = tmp_path / f"{how}.xlsx"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("how", ["crc", "deflate", "method", "encrypted"])
def test_damaged_zip_members_are_a_clear_refusal(tmp_path: Path, how: str) -> None:
    path = _damage(tmp_path, how)
    _refused(tmp_path, path, "damaged")


_HALVED_IMPORT = (
    "import sys; from csdesk.ingest import workbook_split; workbook_split.SPLIT_MIN_BYTES = 1; "
    "from csdesk.cli import main; sys.exit(main(sys.argv[1:]))"
)


@pytest.mark.parametrize(
    "cell",
    [
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        f'<row r="9"><x:c xmlns:x="{_MAIN_NS}" r="XFD1048576"><x:v>1</x:v></x:c></row>',
        '<row r="999999"><c r="ZZ999999"><v>1</v></c></row>',
    ],
    ids=["plain", "prefixed", "ZZ999999"],
)
def test_a_cell_far_beyond_the_data_in_a_sheet_read_in_halves_is_refused(
    tmp_path: Path, cell: str
) -> None:
    """The far cell lies in the second half: that half is measured before calamine reads it,
    and the refusal is the whole sheet's, as when it is read whole."""
    # Rows enough for the sheet to be the workbook's largest part, the one read in halves.
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(3, 400))
    path = _rebuild(tmp_path, "far.xlsx", rows + cell)
    with zipfile.ZipFile(path) as archive:
        assert max(archive.infolist(), key=lambda m: m.file_size).filename.endswith("sheet1.xml")
    code, output, peak = run_measured(
        _HALVED_IMPORT, "import", str(tmp_path / "w.csdesk"), str(path), "--dry-run", timeout=120
    )
    assert code == 2, output
    assert "Traceback" not in output and "spans" in output, output
    assert peak < MEMORY_BOUND_MB
