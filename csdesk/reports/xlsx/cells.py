"""Cell values as SpreadsheetML, with imported text that can never run as a formula.

The data sheets of an export are large (the large demo holds about a million cells), so their
rows are emitted here as XML text directly instead of through openpyxl's cell objects, which
cost tens of microseconds each. Text is always an inline string: SpreadsheetML keeps formulas
in ``<f>`` elements, so ``=HYPERLINK("x")`` in a ``<t>`` element is text to every reader. Text
that starts like a formula (``=``, ``+``, ``-``, ``@``, their full-width forms, tab, carriage
return) also gets the *quote prefix* style, so a user who edits the cell and presses Enter
keeps it as text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

# The full-width forms too: Excel (and LibreOffice) with an East Asian input method take
# "＝1+1" typed into a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PREFIX_CHARS = frozenset(FORMULA_PREFIXES)
MAX_TEXT = 32767  # Excel's limit for one cell
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()


# One str.translate call escapes XML and drops the characters XML 1.0 cannot hold (control
# characters an import may bring in).
_XML_TABLE: dict[int, str | None] = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_XML_TABLE.update({c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))})
_XML_TABLE.update({0xFFFE: None, 0xFFFF: None})


def text_cells(values: Sequence[object], letter: str, style: int, quoted: int) -> list[str]:
    """The inline-string cells of one column (rows from 2); an empty string for a blank."""
    out: list[str] = []
    append = out.append
    table = _XML_TABLE
    for row, value in enumerate(values, 2):
        if value is None or value == "":
            append("")
            continue
        text = value if value.__class__ is str else str(value)
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 1] + "…"
        s = quoted if text[0] in _PREFIX_CHARS else style
        append(
            f'<c r="{letter}{row}" s="{s}" t="inlineStr">'
            f'<is><t xml:space="preserve">{text.translate(table)}</t></is></c>'
        )
    return out


def number_cells(values: Sequence[object], letter: str, style: int) -> list[str]:
    """The numeric cells of one column; NaN, infinities and blanks give an empty string."""
    out: list[str] = []
    append = out.append
    for row, value in enumerate(values, 2):
        if value is None:
            append("")
            continue
        cls = value.__class__
        if cls is int or cls is bool:
            append(f'<c r="{letter}{row}" s="{style}"><v>{int(value)}</v></c>')  # type: ignore[call-overload]
            continue
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            append("")
            continue
        if math.isfinite(number):
            append(f'<c r="{letter}{row}" s="{style}"><v>{number!r}</v></c>')
        else:
            append("")
    return out


def date_cells(values: Sequence[object], letter: str, style: int) -> list[str]:
    out: list[str] = []
    for row, value in enumerate(values, 2):
        serial = excel_serial(value) if isinstance(value, date | str) and value else None
        out.append(
            "" if serial is None else f'<c r="{letter}{row}" s="{style}"><v>{serial}</v></c>'
        )
    return out


def excel_serial(day: date | datetime | str) -> int | None:
    """Excel's serial day number (1900 date system) of a date, or of ISO text."""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day[:10])
        except ValueError:
            return None
    if isinstance(day, datetime):
        day = day.date()
    return day.toordinal() - _EXCEL_EPOCH
