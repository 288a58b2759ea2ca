"""A large worksheet read by calamine in two halves at once, one on each core.

calamine parses a sheet on one thread: 0.6 s for 360,000 rows, on the path of every import of
such a sheet, while the safety checks have just inflated the very same XML to measure it
(:mod:`workbook_extent`). So the checks' inflating writes the sheet into two workbooks
instead, stored (not compressed), each holding the same workbook parts and half of the
sheet's rows, cut between two rows. The first half is measured and handed to calamine on a
second thread while the second is still being inflated; calamine reads each without
inflating, and the two halves' rows, placed by the boxes calamine gives them, are the
sheet's rows.

Only the common layout is cut: each cell written with its reference, so a half's cells sit
where they sit in the whole (a cell without one is placed after the previous, which a cut
would move). Anything else, a half that cannot be measured in one pass, rows out of order
across the cut, or a half calamine cannot read, gives None, and the caller measures and
reads the sheet whole as before: the halves only ever save time, never change what is read.
The two workbooks live in a private temporary folder for the read and are deleted after it;
one left by a process stopped during a read (the read runs on a daemon thread, which the
interpreter's exit stops without its ``finally``) is deleted at that process's exit, or else by
the next read once it is an hour old: the client's data does not stay in the temporary folder.
"""

from __future__ import annotations

import atexit
import posixpath
import re
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from csdesk.ingest import limits, workbook_extent

# A sheet part at least this large (its XML, unpacked) is read in halves: about 130,000 rows
# of three columns. Below, calamine's read is short and the second workbook costs more.
SPLIT_MIN_BYTES = 16_000_000
_SHEET_DATA = b"<sheetData>"
_SHEET_DATA_END = b"</sheetData>"
_ROW_START = re.compile(rb"<row[\s/>]")
_RELATIONSHIP_ID = "}id"
# The most a workbook's list of sheets or of relationships may take, unpacked.
_LIST_MAX_BYTES = 50_000_000
# Parts the halves' workbooks need whatever their size; any other part over the bound is
# left out (a pivot table's cache, say), and calamine reading a half without it would fail
# and the sheet be read whole.
_ALWAYS_KEPT = ("sharedstrings.xml", "styles.xml", "workbook.xml", ".rels")
_KEPT_MAX_BYTES = 4_000_000
_FOLDER_PREFIX = "csdesk-read-"
# A halves' folder this old (seconds) is one a stopped process left: no read takes so long.
_STALE_AFTER = 3_600
_live: set[Path] = set()  # this process's halves' folders, while their read runs


@dataclass(frozen=True, slots=True)
class SheetRead:
    """What calamine gave for one sheet: its rows (lists of cells) and where they start."""

    rows: list[list[Any]]
    start: tuple[int, int] | None
    end: tuple[int, int] | None
    merged: list[tuple[tuple[int, int], tuple[int, int]]]
    # The sheet's Excel errors (#N/A), which calamine gives as empty cells (the halves').
    errors: workbook_extent.ErrorScan | None = None


def part_to_defer(path: Path) -> str | None:
    """The largest XML part of ``path`` worth reading in halves, judged by its directory alone
    (nothing inflated); None when there is none or the zip cannot be read (its checks say so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    candidates = [
        m
        for m in members
        if m.filename.lower().endswith(".xml")
        and m.file_size >= SPLIT_MIN_BYTES
        and m.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        and not m.filename.lower().endswith(("sharedstrings.xml", "content.xml", "styles.xml"))
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda m: m.file_size).filename


def sheet_parts(path: Path) -> dict[str, str]:
    """Each worksheet's part in the zip, by the sheet's name, from the workbook's relationships
    (empty when they cannot be followed; run after the parts passed the DTD check)."""
    try:
        with zipfile.ZipFile(path) as archive:
            root = _relationships(archive, "_rels/.rels", "")
            book = next((t for kind, t in root.values() if kind.endswith("/officeDocument")), None)
            if book is None:
                return {}
            folder = posixpath.dirname(book)
            rels = _relationships(
                archive, posixpath.join(folder, "_rels", posixpath.basename(book) + ".rels"), folder
            )
            parts: dict[str, str] = {}
            for element in _parse(archive, book).iter():
                if not element.tag.endswith("}sheet"):
                    continue
                name = element.get("name")
                ids = [v for k, v in element.attrib.items() if k.endswith(_RELATIONSHIP_ID)]
                if name is not None and ids and ids[0] in rels:
                    parts[name] = rels[ids[0]][1]
            return parts
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError, ValueError):
        return {}


def _parse(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    info = archive.getinfo(name)
    if info.file_size > _LIST_MAX_BYTES:
        raise ValueError(f"{name} is too large to be a workbook's list of parts")
    return ElementTree.fromstring(archive.read(info))


def _relationships(archive: zipfile.ZipFile, name: str, folder: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part) of one relationships part."""
    found: dict[str, tuple[str, str]] = {}
    for element in _parse(archive, name).iter():
        if not element.tag.endswith("}Relationship") or element.get("TargetMode") == "External":
            continue
        target = element.get("Target") or ""
        if target.startswith("/"):
            target = target[1:]
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        found[element.get("Id") or ""] = (element.get("Type") or "", target)
    return found


def read(path: Path, part: str, sheet: str, other_sheets: set[str]) -> SheetRead | None:
    """The sheet ``sheet`` (held in ``part``) read in two halves; None to read it whole.

    ``other_sheets`` are the other sheets' parts, left out of the halves' workbooks.
    """
    try:
        folder = _scratch()
    except OSError:
        return None
    try:
        return _read(path, part, sheet, other_sheets, folder)
    except OSError:
        # No room for the halves, say: the whole read (which says what is wrong, if anything
        # is with the file itself) needs none.
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _live.discard(folder)


def _scratch() -> Path:
    """A new private folder for one read's halves, after deleting stale ones."""
    base = Path(tempfile.gettempdir())
    now = time.time()
    for old in base.glob(_FOLDER_PREFIX + "*"):
        try:
            if now - old.stat().st_mtime > _STALE_AFTER:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue
    folder = Path(tempfile.mkdtemp(prefix=_FOLDER_PREFIX, dir=base))
    _live.add(folder)
    return folder


@atexit.register
def _remove_live() -> None:
    """At exit, the folders of reads still running on daemon threads."""
    for folder in list(_live):
        shutil.rmtree(folder, ignore_errors=True)


def _read(
    path: Path, part: str, sheet: str, other_sheets: set[str], folder: Path
) -> SheetRead | None:
    with zipfile.ZipFile(path) as source:
        member = source.getinfo(part)
        shared = {
            m.filename: source.read(m)
            for m in source.infolist()
            if m.filename != part and m.filename not in other_sheets and _kept(m)
        }
        first = _Half(folder / "first.xlsx", shared, part)
        second = _Half(folder / "second.xlsx", shared, part)
        head = b""
        cut_at = member.file_size // 2
        seen = 0
        half = first
        parse: _Parse | None = None
        second_read: _Parse | None = None
        try:
            with source.open(member) as stream:
                for block in workbook_extent.blocks(stream):
                    if seen == 0:
                        at = block.find(_SHEET_DATA)
                        head = block[: at + len(_SHEET_DATA)] if at >= 0 else b""
                    if half is first and head and seen + len(block) > cut_at:
                        cut = _row_start(block, max(cut_at - seen, len(head) if seen == 0 else 0))
                        if cut is not None:
                            first.write(block[:cut])
                            first.finish(_SHEET_DATA_END + b"</worksheet>")
                            if not first.measured():
                                return None
                            parse = _Parse(first.path, sheet)
                            parse.start()
                            half = second
                            second.write(head)
                            block = block[cut:]
                    half.write(block)
                    seen += len(block)
            half.finish()
            if parse is None:  # no cut: the sheet is read whole from the first workbook, stored
                return _read_whole(first, sheet)
            if not second.measured():
                return None
            second_read = _Parse(second.path, sheet)
            second_read.start()
            # While calamine parses, the Excel errors (off the read's path: this thread waits).
            errors = _both(first.errors(), second.errors())
            second_read.join()
        finally:
            first.close()
            second.close()
            for thread in (parse, second_read):
                if thread is not None and thread.ident is not None:
                    thread.join()
    assert second_read is not None
    if parse.error is not None or second_read.error is not None:
        return None
    assert parse.result is not None and second_read.result is not None
    joined = _joined(parse.result, second_read.result)
    return None if joined is None else replace(joined, errors=errors)


def _both(
    first: workbook_extent.ErrorScan, second: workbook_extent.ErrorScan
) -> workbook_extent.ErrorScan:
    both = workbook_extent.ErrorScan()
    both.cells = (first.cells + second.cells)[: workbook_extent.ERRORS_KEPT]
    both.count = first.count + second.count
    return both


def _kept(member: zipfile.ZipInfo) -> bool:
    name = member.filename.lower()
    if not name.endswith((".xml", ".rels")):
        return False  # pictures, printer settings, macros: calamine reads none for cells
    return member.file_size <= _KEPT_MAX_BYTES or name.endswith(_ALWAYS_KEPT)


def _row_start(block: bytes, start: int) -> int | None:
    """Where the first row opening at or after ``start`` begins, inside the sheet's data."""
    found = _ROW_START.search(block, start)
    end = block.find(_SHEET_DATA_END, start)
    if found is None or (end >= 0 and end < found.start()):
        return None
    return found.start()


def _read_whole(first: _Half, sheet: str) -> SheetRead | None:
    if not first.measured():
        return None
    whole = _Parse(first.path, sheet)
    whole.start()
    try:
        errors = first.errors()  # while calamine parses
    finally:
        whole.join()
    return None if whole.result is None else replace(whole.result, errors=errors)


class _Half:
    """One of the two workbooks: the shared parts, stored, and its half of the sheet's XML,
    written as it is inflated, with the quick pass of the sheet's measure run over it."""

    def __init__(self, path: Path, shared: dict[str, bytes], part: str) -> None:
        self.path = path
        self.part = part
        self.scan = workbook_extent.LayoutScan()
        self._archive: zipfile.ZipFile | None = zipfile.ZipFile(path, "w", zipfile.ZIP_STORED)
        for name, data in shared.items():
            self._archive.writestr(name, data)
        self._stream: IO[bytes] | None = self._archive.open(part, "w", force_zip64=True)

    def write(self, data: bytes) -> None:
        assert self._stream is not None
        self.scan.feed(data)
        self._stream.write(data)

    def finish(self, closing: bytes = b"") -> None:
        if self._stream is None:
            return
        if closing:
            self._stream.write(closing)
        self.close()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    def errors(self) -> workbook_extent.ErrorScan:
        """The Excel errors in this half, read back from its stored part."""
        found = workbook_extent.ErrorScan()
        with zipfile.ZipFile(self.path) as archive, archive.open(self.part) as stream:
            for block in workbook_extent.blocks(stream):
                found.feed(block)
        return found

    def measured(self) -> bool:
        """Whether this half's cells are in a layout a cut keeps, within the box calamine may
        be given (:func:`workbook_extent.extent_after_scan`, over the stored half)."""
        if self.scan.uncommon:
            return False
        if self.scan.common:
            return True
        with zipfile.ZipFile(self.path) as archive:
            extent = workbook_extent.extent_after_scan(
                self.scan, archive, archive.getinfo(self.part)
            )
        return extent.cells <= limits.MAX_SHEET_CELLS


class _Parse(threading.Thread):
    """calamine's read of one half (its parse lets go of the GIL: the halves run at once)."""

    def __init__(self, path: Path, sheet: str) -> None:
        super().__init__(name="half-read", daemon=True)
        self.path = path
        self.sheet = sheet
        self.result: SheetRead | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        from python_calamine import CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_path(str(self.path))
            try:
                found = workbook.get_sheet_by_name(self.sheet)
                rows = found.to_python()
                self.result = SheetRead(
                    rows, found.start, found.end, list(found.merged_cell_ranges or [])
                )
            finally:
                workbook.close()
        except BaseException as exc:  # the caller reads the sheet whole instead
            self.error = exc


def _joined(first: SheetRead, second: SheetRead) -> SheetRead | None:
    """The sheet's rows from its halves' (None when rows cross the cut: read it whole)."""
    merged = first.merged + second.merged
    halves = [h for h in (first, second) if h.start is not None and h.end is not None and h.rows]
    if len(halves) < 2:
        only = halves[0] if halves else first
        return SheetRead(only.rows, only.start, only.end, merged)
    top, bottom = halves
    assert top.start and top.end and bottom.start and bottom.end
    if top.end[0] >= bottom.start[0]:
        return None
    left = min(top.start[1], bottom.start[1])
    right = max(top.end[1], bottom.end[1])
    gap = bottom.start[0] - top.end[0] - 1
    rows = _widened(top, left, right)
    rows.extend([""] * (right - left + 1) for _ in range(gap))
    rows.extend(_widened(bottom, left, right))
    return SheetRead(rows, (top.start[0], left), (bottom.end[0], right), merged)


def _widened(half: SheetRead, left: int, right: int) -> list[list[Any]]:
    """The half's rows spanning the columns ``left`` to ``right``, empty cells added."""
    assert half.start and half.end
    before = [""] * (half.start[1] - left)
    after = [""] * (right - half.end[1])
    if not before and not after:
        return half.rows
    return [before + row + after for row in half.rows]
