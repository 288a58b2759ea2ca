"""Cell values as SpreadsheetML, with imported text that can never run as a formula.

The data sheets of an export are large (the large demo holds about a million cells), so their
rows are emitted here as XML text directly instead of through openpyxl's cell objects, which
cost tens of microseconds each. Text is always an inline string: SpreadsheetML keeps formulas
in ``<f>`` elements, so ``=HYPERLINK("x")`` in a ``<t>`` element is text to every reader. Text
that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) also gets the
*quote prefix* style, so a user who edits the cell and presses Enter keeps it as text.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

# Characters XML 1.0 cannot hold (openpyxl refuses them); imports may bring them in.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_TEXT = 32767  # Excel's limit for one cell
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()


def clean_text(value: str) -> str:
    """Text a workbook can hold: illegal control characters dropped, cut to Excel's limit."""
    text = _ILLEGAL.sub("", value)
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    return text


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_xml(ref: str, text: str, style: int, quoted_style: int) -> str:
    """An inline-string cell; formula-like text takes the quote-prefixed style."""
    text = clean_text(text)
    s = quoted_style if looks_like_formula(text) else style
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" s="{s}" t="inlineStr"><is><t{space}>{_xml_escape(text)}</t></is></c>'


def number_xml(ref: str, value: float, style: int) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'


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
