"""Checks on a workbook file made before calamine is allowed to read it.

The file's first bytes say what it really is, whatever its name: a zip (xlsx, xlsm, ods),
an OLE compound file (xls, or an encrypted xlsx, which Office stores as a compound file
holding ``EncryptionInfo`` and ``EncryptedPackage`` streams), or something else.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from csdesk.i18n import _
from csdesk.ingest import limits, workbook_extent
from csdesk.ingest.errors import HostileFile, UnreadableFile
from csdesk.ingest.wording import count

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The start of an element (not a declaration <? or <!): the root, after which no DTD may come.
_ROOT_TAG = re.compile(rb"<[A-Za-z_]")
# What unpacking a part of a damaged zip raises: a bad CRC or truncated member (BadZipFile,
# EOFError), an unknown compression method (NotImplementedError), an encrypted member
# (RuntimeError), a broken deflate stream (zlib.error).
_DAMAGED_PART = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    OSError,
    ValueError,
)
_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))


def sniff(path: Path) -> str:
    """``"zip"``, ``"cfb"`` or ``"other"``, from the first bytes of the file."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head == CFB_MAGIC:
        return "cfb"
    return "other"


def check_compound_file(path: Path) -> None:
    """Refuse an encrypted workbook with a message that says so (it needs its password)."""
    with path.open("rb") as handle:
        data = handle.read(min(path.stat().st_size, 4_000_000))
        data += _first_directory_sectors(handle, data)
    if any(marker in data for marker in _ENCRYPTION_MARKERS):
        raise UnreadableFile(
            _(
                "{file} is password-protected (encrypted). Open it in Excel, remove the password "
                "(File > Info > Protect Workbook), save it and import it again."
            ).format(file=path.name)
        )
    if path.suffix.lower() in {".xlsx", ".xlsm", ".ods"}:
        raise UnreadableFile(
            _(
                "{file} is an old binary Excel file with a {suffix} name. Open it in Excel and "
                "save it as .xlsx, or rename it to .xls."
            ).format(file=path.name, suffix=path.suffix)
        )


def _first_directory_sectors(handle: IO[bytes], head: bytes) -> bytes:
    """The first directory sectors of a compound file, where its header says they are.

    Office writes the ``EncryptionInfo`` and ``EncryptedPackage`` entries among the first of
    the directory; in a large file the directory may lie past the bytes already read.
    """
    if len(head) < 52:
        return b""
    sector_size = 1 << int.from_bytes(head[30:32], "little")
    first = int.from_bytes(head[48:52], "little")
    if not 7 <= sector_size.bit_length() - 1 <= 16 or first >= 0xFFFFFFFA:
        return b""
    handle.seek((first + 1) * sector_size)
    return handle.read(4 * sector_size)


def check_zip(path: Path, deferred: str | None = None) -> dict[str, workbook_extent.ErrorScan]:
    """Refuse bombs, XML with a DTD, declared sizes the reader cannot hold, damaged parts.

    The zip directory is judged first (no part inflated); then each XML part's prologue is
    read, and the sheets and the shared-strings table are measured (:mod:`workbook_extent`),
    all but the part ``deferred``, which its reader measures (:mod:`workbook_split`).
    Answers the Excel errors (#N/A) of each part holding any, which calamine reads as empty.
    """
    try:
        archive = zipfile.ZipFile(path)
    except _DAMAGED_PART as exc:
        raise UnreadableFile(
            _(
                "{file} is damaged: it starts like a workbook but its zip structure cannot be "
                "read ({reason}). Open it in Excel and save it again."
            ).format(file=path.name, reason=exc)
        ) from exc
    with archive:
        members = archive.infolist()
        total = sum(member.file_size for member in members)
        if total > limits.MAX_UNCOMPRESSED_BYTES:
            from csdesk.i18n import current_language, formatting

            language = current_language()
            raise HostileFile(
                _(
                    "{file} would unpack to {size} GB, more than the {most} GB csdesk accepts "
                    "(a 'zip bomb' or a workbook far larger than a spreadsheet). It was not read."
                ).format(
                    file=path.name,
                    size=formatting.number(total / 1e9, language, decimals=1),
                    most=formatting.number(limits.MAX_UNCOMPRESSED_BYTES / 1e9, language),
                )
            )
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if (
                member.file_size >= limits.RATIO_CHECK_MIN_BYTES
                and ratio > limits.MAX_COMPRESSION_RATIO
            ):
                raise HostileFile(
                    _(
                        "{file}: the part {part} is compressed {ratio} times ({size} bytes "
                        "unpacked), the signature of a 'zip bomb'. The file was not read."
                    ).format(
                        file=path.name,
                        part=member.filename,
                        ratio=count(round(ratio)),
                        size=count(member.file_size),
                    )
                )
        with unpacking(path):
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")) and member.file_size:
                    with archive.open(member) as part:
                        prologue = _prologue(part)
                    if prologue is None or b"<!DOCTYPE" in prologue or b"<!ENTITY" in prologue:
                        raise HostileFile(
                            _(
                                "{file}: the part {part} declares XML entities (a document "
                                "type declaration, which Excel never writes and which can "
                                "expand into gigabytes: an 'XML bomb'). The file was not read."
                            ).format(file=path.name, part=member.filename)
                        )
            return workbook_extent.check_archive(archive, path.name, deferred)


def check_deferred(path: Path, deferred: str) -> workbook_extent.ErrorScan:
    """Measure the part :func:`check_zip` left to its reader, when it is read whole after all."""
    with unpacking(path), zipfile.ZipFile(path) as archive:
        return workbook_extent.check_part(archive, archive.getinfo(deferred), path.name)


@contextmanager
def unpacking(path: Path) -> Iterator[None]:
    """Unpack parts of ``path``; a part that cannot be unpacked is a message, not a traceback."""
    try:
        yield
    except _DAMAGED_PART as exc:
        # zipfile's message for an encrypted member quotes the whole ZipInfo: say it plainly.
        reason = (
            _("a part is encrypted")
            if isinstance(exc, RuntimeError) and "encrypted" in str(exc)
            else str(exc) or type(exc).__name__
        )
        raise UnreadableFile(
            _(
                "{file} is damaged or protected: one of its parts cannot be unpacked "
                "({reason}). Open it in Excel (or LibreOffice) and save it again."
            ).format(file=path.name, reason=reason)
        ) from exc


def _prologue(part: IO[bytes]) -> bytes | None:
    """The bytes before the root element, where a DTD would have to be; None if they run
    past :data:`limits.XML_PROLOGUE_BYTES` (padding meant to hide one)."""
    seen = b""
    while len(seen) < limits.XML_PROLOGUE_BYTES:
        block = part.read(16_384)
        if not block:
            return seen
        seen += block
        root = _ROOT_TAG.search(seen)
        if root:
            return seen[: root.start()]
    return None
