"""How a CSV file is written: its encoding and its separator, found from its bytes.

Encodings tried, in order: a byte-order mark says it outright; else UTF-8 if the whole file
decodes as UTF-8 (checked in blocks, never held whole); else Windows-1252 (what Excel in
Brazil writes); else Latin-1, which decodes anything. The separator is the one among
``;`` ``,`` tab and ``|`` that splits the first lines into the most consistent number of
fields, quotes respected (a quoted field may hold separators and line breaks).
"""

from __future__ import annotations

import codecs
import csv
import io
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

    def describe(self) -> str:
        return _(_DESCRIPTIONS[self.separator]).format(encoding=self.encoding)


def _decodes_whole(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while block := handle.read(_BLOCK):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise UnreadableFile(
            _(
                "{file} is not a text (CSV) file: it holds binary data. Import an .xlsx, .xlsm, "
                ".xls, .ods or .csv file."
            ).format(file=path.name)
        )
    for encoding in ("utf-8", "cp1252"):
        if _decodes_whole(path, encoding):
            return encoding
    return "latin-1"


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
    encoding = detect_encoding(path, head)
    separator, max_fields, fields = detect_separator(_sample_text(head, encoding))
    return CsvFormat(encoding, separator, max_fields, fields)
