"""How much memory a workbook's reader would claim, found from its XML before it reads it.

calamine sizes its buffers from what the file declares: the shared-strings table from its
``uniqueCount``, a sheet from the box spanned by its cells (one value at ``XFD1048576`` makes a
box of 17 billion cells), an OpenDocument sheet from its repeat counts. Its allocator aborts the
whole process when such a buffer cannot be had: no exception, no message, the app's window
gone. So those declarations are checked here against the part's real size and against a fixed
bound, and a file that fails is refused with a message instead.

The sheet check must inflate every XML part (any may be a sheet), which costs about a fifth
of calamine's own read. For the layout every common writer uses (each ``<c>`` opening with
its double-quoted ``r`` reference of one or two letters and at most six digits) one
regular-expression pass bounds the box; only a sheet in another layout, or one too wide for
that bound, is walked tag by tag to find its exact box.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from csdesk.i18n import _
from csdesk.ingest import limits
from csdesk.ingest.errors import HostileFile
from csdesk.ingest.wording import count

_BLOCK = 1 << 22
# What can lie between the parts of a tag split by a block boundary.
_OVERLAP = 4_096
_UNIQUE_COUNT = re.compile(rb'\buniqueCount\s*=\s*["\'](\d+)')
# A cell tag that is not in the common layout: one-letter column, row of at most six digits,
# ``r`` first and double-quoted. Its absence bounds the sheet at 999,999 rows by 26 columns.
_UNCOMMON_CELL = re.compile(rb'<c(?! r="[A-Z]\d{1,6}")[\s/>]')
# The same with two-letter columns (wide sheets: one column per month).
_UNCOMMON_WIDE_CELL = re.compile(rb'<c(?! r="[A-Z]{1,2}\d{1,6}")[\s/>]')
_TWO_LETTERS = re.compile(rb'<c r="([A-Z]{2})\d')
_SIX_DIGIT_ROW = re.compile(rb'<c r="[A-Z]{1,2}\d{6}')
# A cell written with a namespace prefix (``<x:c>``), which readers take as a cell too.
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)([\s/>][^>]*)?>")
_REF = re.compile(rb'(?<![\w:.-])r\s*=\s*["\']\s*([A-Za-z]*)(\d*)')
_ODS_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)\b([^>]*?)(/?)>")
_ROWS_REPEATED = re.compile(rb'number-rows-repeated\s*=\s*["\'](\d+)')
_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated\s*=\s*["\'](\d+)')
_VALUE_TYPE = re.compile(rb"value-type\s*=")


@dataclass(frozen=True, slots=True)
class Extent:
    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def check_archive(
    archive: zipfile.ZipFile, file_name: str, deferred: str | None = None
) -> dict[str, ErrorScan]:
    """Refuse a workbook whose declared sizes would make its reader claim too much memory.

    The part named ``deferred`` is not measured: the caller measures it (:func:`check_part`)
    before a reader reads it, or reads it in halves each measured on its own
    (:mod:`workbook_split`). Answers the Excel errors of each part that holds any."""
    errors: dict[str, ErrorScan] = {}
    for member in archive.infolist():
        name = member.filename
        lowered = name.lower()
        if lowered.endswith("sharedstrings.xml"):
            _check_shared_strings(archive, member, file_name)
        elif lowered == "content.xml":
            extent = _ods_extent(archive, member)
            _refuse_if_too_large(file_name, name, extent)
            _refuse_if_repeated_beyond_size(file_name, member, extent)
        elif lowered.endswith(".xml") and member.file_size and name != deferred:
            # Any part may be a sheet (the workbook's relationships may point anywhere).
            found = check_part(archive, member, file_name)
            if found.count:
                errors[name] = found
    return errors


def check_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file_name: str) -> ErrorScan:
    """Refuse a worksheet part whose cells span a box larger than csdesk reads; answer the
    part's Excel errors."""
    extent, errors = _xlsx_extent_and_errors(archive, member)
    _refuse_if_too_large(file_name, member.filename, extent)
    return errors


def blocks(part: IO[bytes]) -> Iterator[bytes]:
    """The part in blocks that overlap by :data:`_OVERLAP` bytes, cut before a ``<``."""
    tail = b""
    while block := part.read(_BLOCK):
        data = tail + block
        cut = data.rfind(b"<", max(0, len(data) - _OVERLAP))
        if cut <= 0:
            cut = len(data)
        yield data[:cut]
        tail = data[cut:]
    if tail:
        yield tail


def _check_shared_strings(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> None:
    with archive.open(member) as part:
        head = part.read(4_096)
    match = _UNIQUE_COUNT.search(head)
    if not match:
        return
    declared = int(match.group(1))
    # Each entry takes at least ``<si/>``: five bytes of the part.
    possible = member.file_size // 5 + 1
    if declared > possible and declared > limits.MAX_SHARED_STRINGS_DECLARED:
        raise HostileFile(
            _(
                "{file}: its table of texts ({part}) says it holds {declared} texts, but the "
                "part is {size} bytes long, room for at most {possible}. A damaged or forged "
                "workbook; it was not read. Open it in Excel and save it again."
            ).format(
                file=file,
                part=member.filename,
                declared=count(declared),
                size=count(member.file_size),
                possible=count(possible),
            )
        )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _xlsx_extent_and_errors(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo
) -> tuple[Extent, ErrorScan]:
    """A bound on the box of a worksheet part's cells (exact when the quick bounds fail), and
    the part's Excel errors.

    A cell's own reference places it (its row's number does not), and a reader keeps only
    cells with a value, so in the common layout the longest reference bounds the box.
    """
    scan = LayoutScan()
    errors = ErrorScan()
    with archive.open(member) as part:
        for block in blocks(part):
            scan.feed(block)
            errors.feed(block)
    return extent_after_scan(scan, archive, member), errors


# A cell holding an Excel error (#N/A, #DIV/0!): calamine gives it as an empty cell. A block
# is searched only when it holds the attribute as every writer writes it (a plain search,
# 0.03 s for 45 MB, where a pattern allowing spaces and quotes took ten times that).
_ERROR_MARK = b't="e"'
_ERROR_CELL = re.compile(rb"""<c\b([^>]*\bt\s*=\s*["']e["'][^>]*)>""")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]{0,32})</(?:\w+:)?v>")
ERRORS_KEPT = 10_000  # the cells an error scan keeps (the count goes on)


class ErrorScan:
    """The cells of a worksheet part that hold an Excel error, found in its XML as it is read
    for its measure: calamine reads such a cell as empty, so '#N/A' from a failed VLOOKUP would
    be an MRR never written, said nowhere. Kept as (row number, column counted from A as 0, the
    error as written)."""

    __slots__ = ("cells", "count")

    def __init__(self) -> None:
        self.cells: list[tuple[int, int, str]] = []
        self.count = 0

    def feed(self, block: bytes) -> None:
        if _ERROR_MARK not in block:
            return
        for found in _ERROR_CELL.finditer(block):
            reference = _REF.search(found.group(1))
            if reference is None or not reference.group(1) or not reference.group(2):
                continue  # a cell without its reference cannot be named
            self.count += 1
            if len(self.cells) < ERRORS_KEPT:
                value = _VALUE.search(block, found.end(), found.end() + 4_096)
                written = value.group(1).decode("utf-8", "replace") if value else "#?"
                column = _column_number(reference.group(1)) - 1
                self.cells.append((int(reference.group(2)), column, written))


class LayoutScan:
    """The quick pass of :func:`_xlsx_extent_and_errors`, fed a part's blocks (as
    :func:`blocks` cuts them) by whoever is reading the part anyway: whether every cell is in
    the common layout (``not wide``), or at least carries its reference in a common form (``not
    uncommon``)."""

    __slots__ = ("uncommon", "wide")

    def __init__(self) -> None:
        self.uncommon = False
        self.wide = False

    def feed(self, block: bytes) -> None:
        if self.uncommon:
            return
        found = _UNCOMMON_CELL.search(block)
        if found:
            self.wide = True
            if _UNCOMMON_WIDE_CELL.search(block, found.start()):
                self.uncommon = True
                return
        if _PREFIXED_CELL.search(block):
            self.uncommon = True

    @property
    def common(self) -> bool:
        """Every cell in the common layout: the box is within 999,999 rows by 26 columns."""
        return not (self.uncommon or self.wide)


def extent_after_scan(
    scan: LayoutScan, archive: zipfile.ZipFile, member: zipfile.ZipInfo
) -> Extent:
    """The bound :func:`_xlsx_extent_and_errors` gives once its quick pass ``scan`` has seen
    the whole part (the slower passes read the part again, when the quick one cannot bound
    it)."""
    uncommon, wide = scan.uncommon, scan.wide
    if not uncommon and not wide:
        return Extent(999_999, 26)
    if not uncommon:
        widest = 26
        six_digits = False
        with archive.open(member) as part:
            for block in blocks(part):
                letters = set(_TWO_LETTERS.findall(block))
                widest = max([widest, *map(_column_number, letters)])
                six_digits = six_digits or bool(_SIX_DIGIT_ROW.search(block))
        bound = Extent(999_999 if six_digits else 99_999, widest)
        if bound.cells <= limits.MAX_SHEET_CELLS:
            return bound
    with archive.open(member) as part:
        return _exact_xlsx_extent(part)


def _exact_xlsx_extent(part: IO[bytes]) -> Extent:
    """The box of the cells that may hold a value, placed as a reader places them: by their
    reference, else next to the previous cell (or at the start of a numbered row)."""
    row = 0
    column = 0
    last_row = 0
    last_column = 0
    for block in blocks(part):
        for closing, tag, attributes in _TAG.findall(block):
            if closing:
                continue
            reference = _REF.search(attributes)
            if tag == b"row":
                row = int(reference.group(2)) if reference and reference.group(2) else row + 1
                column = 0
                continue
            if reference and reference.group(1):
                column = _column_number(reference.group(1))
            else:
                column += 1
            if reference and reference.group(2):
                row = int(reference.group(2))
            if attributes.rstrip().endswith(b"/"):
                continue  # <c .../> holds no value: a formatted empty cell, which readers skip
            last_row = max(last_row, row or 1)
            last_column = max(last_column, column)
    return Extent(last_row, last_column)


def _ods_extent(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Extent:
    """The box of an OpenDocument spreadsheet's widest table, repeats expanded.

    Repeated rows and cells count only up to the last one holding a value: LibreOffice ends
    each table with a row repeated a million times over a thousand empty cells, which readers
    drop.
    """
    rows = columns = 0
    with archive.open(member) as part:
        table_rows = 0  # rows seen in the current table (repeats expanded)
        table_last = 0  # the last of them holding a value
        row_repeat = 1
        position = 0  # cells seen in the current row
        row_width = 0  # up to the last one holding a value
        in_cell_repeat = 1
        for block in blocks(part):
            for closing, tag, attributes, empty in _ODS_TAG.findall(block):
                if tag == b"table":
                    if not closing:
                        table_rows = table_last = 0
                    continue
                if tag == b"table-row":
                    if closing:
                        table_rows += row_repeat
                        if row_width:
                            table_last = table_rows
                            columns = max(columns, row_width)
                            rows = max(rows, table_last)
                        continue
                    found = _ROWS_REPEATED.search(attributes)
                    row_repeat = int(found.group(1)) if found else 1
                    position = row_width = 0
                    if empty:
                        table_rows += row_repeat
                    continue
                if closing:
                    # The end of a cell that had content between its tags.
                    row_width = position
                    continue
                found = _COLUMNS_REPEATED.search(attributes)
                in_cell_repeat = int(found.group(1)) if found else 1
                position += in_cell_repeat
                if _VALUE_TYPE.search(attributes):
                    row_width = position
    return Extent(rows, columns)


def _refuse_if_repeated_beyond_size(file: str, member: zipfile.ZipInfo, extent: Extent) -> None:
    """Refuse repeat counts that turn a few bytes into millions of cells.

    LibreOffice writes identical neighbouring rows once with a repeat count, but a real sheet
    of a million cells still takes far more than a byte of XML per hundred cells.
    """
    if extent.cells <= limits.ODS_FREE_CELLS:
        return
    if extent.cells <= limits.ODS_MAX_CELLS_PER_BYTE * max(member.file_size, 1):
        return
    raise HostileFile(
        _(
            "{file}: its repeat counts turn {size} bytes of {part} into {cells} cells ({rows} "
            "rows by {columns} columns), far more than a real sheet of that size holds. It was "
            "not read. Open it in LibreOffice, delete the rows after the data and save it again."
        ).format(
            file=file,
            part=member.filename,
            size=count(member.file_size),
            cells=count(extent.cells),
            rows=count(extent.rows),
            columns=count(extent.columns),
        )
    )


def _refuse_if_too_large(file: str, part: str, extent: Extent) -> None:
    if extent.cells <= limits.MAX_SHEET_CELLS:
        return
    raise HostileFile(
        _(
            "{file}: the sheet in {part} spans {rows} rows by {columns} columns, {cells} cells, "
            "more than the {most} csdesk reads (a cell far beyond the data, or rows repeated a "
            "million times, makes such a box). It was not read. Delete the rows and columns "
            "after the data, save the file and import it again."
        ).format(
            file=file,
            part=part,
            rows=count(extent.rows),
            columns=count(extent.columns),
            cells=count(extent.cells),
            most=count(limits.MAX_SHEET_CELLS),
        )
    )
