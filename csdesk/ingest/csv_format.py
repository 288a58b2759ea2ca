"""How a CSV file is written: its encoding and its separator, found from its bytes.

Encodings, decided on the whole file (read in blocks, never held whole): a byte-order mark
says it outright (UTF-32 before UTF-16, whose mark begins UTF-32's); text whose every second
or fourth byte is zero is UTF-16 or UTF-32 without a mark; else UTF-8 when the file decodes as
UTF-8, or when it holds more UTF-8 characters than stray bytes (one cp1252 byte in a UTF-8
file is a stray byte, reported on its row and read as U+FFFD, not a reason to read every
"ç" as "Ã§"); else Windows-1252 (what Excel in Brazil writes); else Latin-1, which decodes
anything. The separator is the one among
``;`` ``,`` tab and ``|`` that splits the first lines into the most consistent number of
fields, quotes respected (a quoted field may hold separators and line breaks).
"""

from __future__ import annotations

import codecs
import csv
import io
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from csdesk.i18n import N_, _
from csdesk.ingest.errors import UnreadableFile

SEPARATORS = (";", ",", "\t", "|")
_BLOCK = 1 << 20
SAMPLE_BYTES = 256 * 1024
# How a file of each separator is described (translated when described).
_DESCRIPTIONS = {
    ";": N_("CSV, {encoding}, semicolon-separated"),
    ",": N_("CSV, {encoding}, comma-separated"),
    "\t": N_("CSV, {encoding}, tab-separated"),
    "|": N_("CSV, {encoding}, pipe-separated"),
}


@dataclass(frozen=True, slots=True)
class CsvFormat:
    encoding: str
    separator: str
    # Most fields seen on one line of the sample, and the usual number (the header's, as a rule).
    max_fields: int
    fields: int
    # Bytes that are not UTF-8 in a file read as UTF-8 (each read as U+FFFD and reported).
    stray_bytes: int = 0

    def describe(self) -> str:
        return _(_DESCRIPTIONS[self.separator]).format(encoding=self.encoding)


def _invalid_bytes(path: Path, encoding: str) -> int:
    """How many bytes of the file do not decode in ``encoding`` (0: it decodes whole)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors=_COUNTING)
    _counted.bytes = 0
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            decoder.decode(block)
    decoder.decode(b"", final=True)
    return int(_counted.bytes)


def _non_ascii_characters(path: Path) -> int:
    """UTF-8 characters beyond ASCII in the file (stray bytes not counted)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="ignore")
    found = 0
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            text = decoder.decode(block)
            found += len(text) - len(text.encode("ascii", "ignore"))
    return found


# Imports may run in several threads at once: each counts its own file's bytes.
_counted = threading.local()
_COUNTING = "csdesk-count-invalid"


def _count_invalid(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: count the undecodable bytes and read them as U+FFFD."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _counted.bytes = getattr(_counted, "bytes", 0) + error.end - error.start
    return "\ufffd", error.end


codecs.register_error(_COUNTING, _count_invalid)


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the zero bytes fall."""
    sample = head[: 4_096 - 4_096 % 4]
    if len(sample) < 4:
        return None
    zeros = [sample[offset::4].count(0) / len(sample[offset::4]) for offset in range(4)]
    if min(zeros[1:]) > 0.9 and zeros[0] < 0.5:
        return "utf-32-le"
    if min(zeros[:3]) > 0.9 and zeros[3] < 0.5:
        return "utf-32-be"
    odd = (zeros[1] + zeros[3]) / 2
    even = (zeros[0] + zeros[2]) / 2
    if odd > 0.6 and even < 0.2:
        return "utf-16-le"
    if even > 0.6 and odd < 0.2:
        return "utf-16-be"
    return None


def detect_encoding(path: Path, head: bytes) -> tuple[str, int]:
    """The file's encoding, and how many stray bytes it holds when that is UTF-8."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", _invalid_bytes(path, "utf-8-sig")
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32", 0
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0
    if b"\x00" in head:
        wide = _wide_encoding(head)
        if wide is not None and _invalid_bytes(path, wide) == 0:
            return wide, 0
        raise UnreadableFile(
            _(
                "{file} is not a text (CSV) file: it holds binary data. Import an .xlsx, .xlsm, "
                ".xls, .ods or .csv file."
            ).format(file=path.name)
        )
    stray = _invalid_bytes(path, "utf-8")
    if stray == 0 or _non_ascii_characters(path) >= stray:
        return "utf-8", stray
    if _invalid_bytes(path, "cp1252") == 0:
        return "cp1252", 0
    return "latin-1", 0


def _sample_text(head: bytes, encoding: str) -> str:
    text = head.decode(encoding, errors="replace")
    if len(head) >= SAMPLE_BYTES and "\n" in text:
        text = text[: text.rfind("\n") + 1]
    return text.lstrip("\ufeff")


def detect_separator(text: str) -> tuple[str, int, int]:
    """The separator giving the most lines with the same field count (>1); with the most
    fields on a line and that usual count."""
    best: tuple[float, int, str, int] = (-1.0, 1, ",", 1)
    for separator in SEPARATORS:
        try:
            rows = csv.reader(io.StringIO(text), delimiter=separator)
            counts = [len(row) for row in rows if row]
        except csv.Error:
            # A "field" longer than the csv module allows: this separator does not split the
            # lines (a very wide sheet written with another separator, or one huge cell).
            continue
        if not counts:
            continue
        modal, frequency = Counter(counts).most_common(1)[0]
        score = frequency / len(counts) if modal > 1 else 0.0
        candidate = (score, modal, separator, max(counts))
        if candidate[:2] > best[:2]:
            best = candidate
    return best[2], best[3], best[1]


def detect(path: Path) -> CsvFormat:
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if not head.strip():
        raise UnreadableFile(
            _("{file} is empty: there is nothing to import.").format(file=path.name)
        )
    encoding, stray = detect_encoding(path, head)
    separator, max_fields, fields = detect_separator(_sample_text(head, encoding))
    return CsvFormat(encoding, separator, max_fields, fields, stray)
