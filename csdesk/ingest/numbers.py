"""Numbers, money and percentages, a whole column at a time.

The decimal style is decided per column from all its values: ``1.234,56`` and ``12,5`` say
comma decimals (Brazil), ``1,234.56`` and ``12.50`` say point decimals. When only values like
``1.500`` occur (three digits after one separator, fitting both), the decision and the doubt
are reported. Currency symbols (``R$``, ``US$``, ``$``, ``€``, ``£``), spaces, a trailing
``%`` (the value becomes a fraction) and negatives in parentheses are understood.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from csdesk.i18n import _, ngettext
from csdesk.ingest.wording import count as shown_count

_NUMERIC_KINDS = frozenset({"floating", "integer", "mixed-integer-float", "decimal"})
_CURRENCY = (
    r"(?i)(?:[A-Z]{0,2}\$|€|£|\b(?:BRL|USD|EUR|GBP|ARS|MXN|CAD|AUD|CHF|JPY|CLP|COP|PEN|UYU)\b)"
)
# Values only a decimal comma explains (1.234,56  12,5  0,0001  1.234.567), and the same for
# a decimal point.
_COMMA_DECIMAL = (
    r"^[-+]?\d{1,3}(?:\.\d{3})+,\d+$|^[-+]?\d+,\d{1,2}$|^[-+]?\d+,\d{4,}$"
    r"|^[-+]?\d{1,3}(?:\.\d{3}){2,}$"
)
_POINT_DECIMAL = (
    r"^[-+]?\d{1,3}(?:,\d{3})+\.\d+$|^[-+]?\d+\.\d{1,2}$|^[-+]?\d+\.\d{4,}$"
    r"|^[-+]?\d{1,3}(?:,\d{3}){2,}$"
)
_AMBIGUOUS_DOT = r"^[-+]?\d{1,3}\.\d{3}$"
_AMBIGUOUS_COMMA = r"^[-+]?\d{1,3},\d{3}$"


@dataclass
class ParsedNumbers:
    values: np.ndarray  # float64, NaN where blank or bad
    bad: np.ndarray  # bool: a value was there but is not a number
    decision: str
    percent: bool


# No figure csdesk reads comes near a quadrillion; beyond it (or infinite, "1e400") a value is
# a broken cell, and rounding it to cents would overflow to infinity.
MAX_MAGNITUDE = 1e15


def parse_numbers(values: np.ndarray, blank: np.ndarray) -> ParsedNumbers:
    """Parse a column of cells (numbers from a workbook, or text) into floats."""
    parsed = _parse_numbers(values, blank)
    with np.errstate(invalid="ignore"):
        absurd = ~np.isnan(parsed.values) & ~(np.abs(parsed.values) <= MAX_MAGNITUDE)
    if absurd.any():
        parsed.values[absurd] = np.nan
        parsed.bad[absurd] = True
    return parsed


def _parse_numbers(values: np.ndarray, blank: np.ndarray) -> ParsedNumbers:
    out = np.full(len(values), np.nan)
    bad = np.zeros(len(values), dtype=bool)
    filled = np.flatnonzero(~blank)
    if not len(filled):
        return ParsedNumbers(out, bad, _("empty"), False)
    cells = pd.Series(values[filled], dtype=object)
    kind = pd.api.types.infer_dtype(cells, skipna=True)
    if kind in _NUMERIC_KINDS:
        out[filled] = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float)
        return ParsedNumbers(out, bad, _("numbers"), False)
    if kind == "string":  # a CSV's cells: text only, nothing to sort out
        number_mask = np.zeros(len(cells), dtype=bool)
        texts = cells
    else:
        is_number = cells.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool))
        number_mask = is_number.to_numpy(dtype=bool)
        if number_mask.any():
            out[filled[number_mask]] = cells[number_mask].astype(float).to_numpy()
        texts = cells[~number_mask].map(str)
    text_positions = filled[~number_mask]
    if not len(texts):
        return ParsedNumbers(out, bad, _("numbers"), False)
    parsed, decision, percent = _parse_texts(texts)
    out[text_positions] = parsed
    bad[text_positions] = np.isnan(parsed)
    return ParsedNumbers(out, bad, decision, percent)


def _parse_texts(texts: pd.Series) -> tuple[np.ndarray, str, bool]:
    clean = texts.astype("string[pyarrow]").str.strip()
    plain = pd.to_numeric(clean, errors="coerce")
    if not plain.isna().any():
        dotted = clean[clean.str.contains(".", regex=False)]
        if not len(dotted) or not bool(dotted.str.match(_AMBIGUOUS_DOT).all()):
            return plain.to_numpy(dtype=float), _("numbers"), False
    negative = clean.str.match(r"^\(.*\)$") | clean.str.endswith("-")
    clean = clean.str.replace(r"^\((.*)\)$", r"\1", regex=True).str.rstrip("-")
    has_currency = clean.str.contains(_CURRENCY, regex=True)
    clean = clean.str.replace(_CURRENCY, "", regex=True)
    is_percent = clean.str.endswith("%")
    clean = clean.str.rstrip("%").str.replace(r"[\s\u00a0']", "", regex=True)
    comma = int(clean.str.match(_COMMA_DECIMAL).sum())
    point = int(clean.str.match(_POINT_DECIMAL).sum())
    ambiguous_dot = int(clean.str.match(_AMBIGUOUS_DOT).sum())
    ambiguous_comma = int(clean.str.match(_AMBIGUOUS_COMMA).sum())
    if comma > point:
        style = "comma"
        note = ngettext(
            "decimal comma (1.234,56; {count} value decided it)",
            "decimal comma (1.234,56; {count} values decided it)",
            comma,
        ).format(count=shown_count(comma))
    elif point > comma:
        style = "point"
        note = ngettext(
            "decimal point (1,234.56; {count} value decided it)",
            "decimal point (1,234.56; {count} values decided it)",
            point,
        ).format(count=shown_count(point))
    elif ambiguous_dot >= 2 and not ambiguous_comma:
        style = "comma"
        note = _(
            "decimal comma (ambiguous: {count} values like 1.500 fit both; read as thousands, "
            "since all have exactly three digits after the point)"
        ).format(count=shown_count(ambiguous_dot))
    elif ambiguous_comma >= 2 and not ambiguous_dot:
        style = "point"
        note = _("decimal point (ambiguous: {count} values like 1,500 read as thousands)").format(
            count=shown_count(ambiguous_comma)
        )
    else:
        style, note = "point", _("numbers")
    if style == "comma":
        clean = clean.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        clean = clean.str.replace(",", "", regex=False)
    numbers = pd.to_numeric(clean, errors="coerce").to_numpy(dtype=float)
    numbers = np.where(negative.to_numpy(dtype=bool), -np.abs(numbers), numbers)
    percent_mask = is_percent.to_numpy(dtype=bool)
    numbers = np.where(percent_mask, numbers / 100.0, numbers)
    parts = [note]
    if bool(has_currency.any()):
        parts.append(_("currency symbols removed"))
    if percent_mask.any():
        parts.append(_("percentages as fractions"))
    if bool(negative.any()):
        parts.append(_("negatives in parentheses"))
    return numbers, "; ".join(parts), bool(percent_mask.any())
