"""Dates, date-times and months, a whole column at a time.

Cells may be real dates (from a workbook), Excel serial numbers, or text: ISO
(``2025-12-31``, with or without a time), ``dd/mm/yyyy`` or ``mm/dd/yyyy``, month names in
Portuguese or English (``19-mai-17``, ``19 de maio de 2017``, ``Jan 5, 2024``) and months
alone (``mm/yyyy``, ``2024-01``, ``jan/24``, ``Jan 2024``, ``janeiro de 2024``). Day-first
versus month-first is decided for the whole column from the values that only fit one way;
when none does, day-first is assumed (the Brazilian normal) and the doubt is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from csdesk.domain.text_order import strip_accents
from csdesk.i18n import N_, _, ngettext
from csdesk.ingest.vocabulary import month_words
from csdesk.ingest.wording import count as shown_count

# Excel serials between 1950 and 2100: a plain number outside this is not a date.
_SERIAL_MIN, _SERIAL_MAX = 18_264, 73_051
_EXCEL_EPOCH = np.datetime64("1899-12-30", "s")

# A time's zone, left out (the time is kept as written): Z, +02:00, or GMT-3 as a Google
# Forms download writes it ("2026/11/03 10:15:22 AM GMT-3").
_ZONE = r"(?:\s*(?P<zone>z|[+-]\d{2}:?\d{2}|(?:gmt|utc)(?:[+-]\d{1,2}(?::?\d{2})?)?))?"
_ISO = (
    r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[ t]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?\s*(?P<ampm>am|pm)?)?"
    + _ZONE
    + "$"
)
_NUMERIC = (
    r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})"
    r"(?:[ t,]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>am|pm)?)?" + _ZONE + "$"
)
_DAY_NAME_YEAR = (
    r"^(?P<d>\d{1,2})(?:[-/ .]+|\s+de\s+)(?P<n>[a-z]+)\.?(?:[-/ .]+|\s+de\s+)(?P<y>\d{4}|\d{2})$"
)
_NAME_DAY_YEAR = r"^(?P<n>[a-z]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})$"
_MONTH_YEAR = r"^(?P<m>\d{1,2})[/.-](?P<y>\d{4})$"
_YEAR_MONTH = r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})$"
_NAME_YEAR = r"^(?P<n>[a-z]+)\.?(?:[-/ .]+|\s+de\s+)(?P<y>\d{4}|\d{2})$"


_ISO_NOTE = N_("ISO dates (yyyy-mm-dd)")

# Named parts of the patterns that are words, not numbers.
_TEXT_PARTS = frozenset({"n", "ampm", "zone"})


def _zones(found: pd.DataFrame) -> set[str]:
    """The zones written after the times matched (GMT-3, +02:00, Z)."""
    return {z for z in found.zone.tolist() if isinstance(z, str) and z}


def _hours(found: pd.DataFrame) -> pd.Series:
    """The hours of a 24-hour clock, from ``H`` and its AM or PM where one was written."""
    hour = pd.to_numeric(found.H, errors="coerce").to_numpy(dtype=float)
    marker = found.ampm.to_numpy(dtype=object)
    hour = np.where((marker == "pm") & (hour < 12), hour + 12, hour)
    hour = np.where((marker == "am") & (hour == 12), 0, hour)
    return pd.Series(hour)


@dataclass
class ParsedDates:
    values: np.ndarray  # datetime64[s], NaT where blank or bad
    bad: np.ndarray
    decision: str
    has_time: bool
    months_only: bool
    month_first: bool | None = None  # the order a/b/yyyy texts were read in, if any were


def _year(text: pd.Series) -> pd.Series:
    years = pd.to_numeric(text, errors="coerce")
    return years.where(years >= 100, years + np.where(years < 70, 2000, 1900))


def _compose(
    year: pd.Series,
    month: pd.Series,
    day: pd.Series,
    hour: pd.Series | None = None,
    minute: pd.Series | None = None,
    second: pd.Series | None = None,
) -> np.ndarray:
    """datetime64[s] from parts, with numpy alone; an impossible date (31/02) is NaT."""

    def ints(values: pd.Series | None) -> np.ndarray:
        if values is None:
            return np.zeros(len(year), dtype=float)
        return pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)

    y, m, d = ints(year), ints(month), ints(day)
    h, mi, se = (np.nan_to_num(ints(v)) for v in (hour, minute, second))
    valid = ~(np.isnan(y) | np.isnan(m) | np.isnan(d))
    valid &= (m >= 1) & (m <= 12) & (d >= 1) & (d <= 31) & (y >= 1) & (y <= 9999)
    valid &= (h < 24) & (mi < 60) & (se < 60)
    out = np.full(len(y), np.datetime64("NaT"), dtype="datetime64[s]")
    if not valid.any():
        return out
    yv, mv, dv = y[valid].astype(np.int64), m[valid].astype(np.int64), d[valid].astype(np.int64)
    months = (yv - 1970) * 12 + (mv - 1)
    first = months.astype("datetime64[M]").astype("datetime64[D]")
    days = first + (dv - 1).astype("timedelta64[D]")
    same_month = days.astype("datetime64[M]") == months.astype("datetime64[M]")
    seconds = days.astype("datetime64[s]") + (h[valid] * 3600 + mi[valid] * 60 + se[valid]).astype(
        np.int64
    ).astype("timedelta64[s]")
    seconds[~same_month] = np.datetime64("NaT")
    out[valid] = seconds
    return out


def _month_numbers(names: pd.Series) -> pd.Series:
    table = month_words()
    return names.map(lambda n: table.get(n, np.nan) if isinstance(n, str) else np.nan)


def _from_objects(cells: pd.Series) -> np.ndarray:
    """Dates and date-times from a workbook (datetime, date, pandas Timestamp)."""
    return pd.to_datetime(cells, errors="coerce").to_numpy(dtype="datetime64[s]")


def _from_serials(numbers: np.ndarray) -> np.ndarray:
    out = np.full(len(numbers), np.datetime64("NaT"), dtype="datetime64[s]")
    ok = (numbers >= _SERIAL_MIN) & (numbers <= _SERIAL_MAX)
    seconds = np.round(numbers[ok] * 86_400).astype("int64")
    out[ok] = _EXCEL_EPOCH + seconds.astype("timedelta64[s]")
    return out


def parse_dates(
    values: np.ndarray, blank: np.ndarray, *, month_first: bool | None = None
) -> ParsedDates:
    """Parse a column into datetime64[s]; ``month_first`` forces the order of a/b/yyyy."""
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[s]")
    bad = np.zeros(len(values), dtype=bool)
    filled = np.flatnonzero(~blank)
    if not len(filled):
        return ParsedDates(out, bad, _("empty"), False, False)
    cells = pd.Series(values[filled], dtype=object)
    kind = pd.api.types.infer_dtype(cells, skipna=True)
    if kind in ("date", "datetime", "datetime64"):
        parsed = _from_objects(cells)
        out[filled] = parsed
        bad[filled] = np.isnat(parsed)
        return ParsedDates(out, bad, _("dates"), _any_time(parsed), False)
    if kind in ("floating", "integer", "mixed-integer-float"):
        parsed = _from_serials(pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float))
        out[filled] = parsed
        bad[filled] = np.isnat(parsed)
        return ParsedDates(out, bad, _("Excel serial dates"), _any_time(parsed), False)

    if kind == "string":
        kinds = np.full(len(cells), "text", dtype=object)
    else:
        kinds = cells.map(_cell_kind).to_numpy()
    objects = kinds == "date"
    numbers = kinds == "number"
    texts = kinds == "text"
    notes: list[str] = []
    if objects.any():
        out[filled[objects]] = _from_objects(cells[objects])
    if numbers.any():
        out[filled[numbers]] = _from_serials(cells[numbers].astype(float).to_numpy())
        notes.append(_("Excel serial dates"))
    months_only = False
    order: bool | None = None
    if texts.any():
        text_cells = cells if kind == "string" else cells[texts].map(str)
        parsed, note, months_only, order = _parse_distinct_texts(text_cells, month_first)
        out[filled[texts]] = parsed
        notes.append(note)
    bad[filled] = np.isnat(out[filled])
    decision = "; ".join(n for n in notes if n) or _("dates")
    return ParsedDates(out, bad, decision, _any_time(out[filled]), months_only, order)


_A_B_YEAR = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
_TWELVE_HOUR = re.compile(r"\d:\d{2}(?::\d{2})?\s*[ap]m\b", re.IGNORECASE)


def order_evidence(values: np.ndarray) -> tuple[bool, bool | None]:
    """Whether a column holds a/b/yyyy texts, and the order they decide by themselves (True:
    month first; None when every one fits both orders, or they disagree). With no value
    above 12, times on a 12-hour clock (2:15 PM) decide month first, as :func:`parse_dates`
    reads them."""
    day_first = month_first = seen = clock = False
    for text in {v for v in values if isinstance(v, str)}:
        found = _A_B_YEAR.match(text)
        if found is None:
            continue
        seen = True
        a, b = int(found.group(1)), int(found.group(2))
        day_first |= a > 12 >= b
        month_first |= b > 12 >= a
        clock = clock or bool(_TWELVE_HOUR.search(text))
    if day_first == month_first:
        return seen, (True if clock and not day_first else None)
    return seen, month_first


def _cell_kind(value: object) -> str:
    if isinstance(value, datetime | date | pd.Timestamp | np.datetime64):
        return "date"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "number"
    return "text"


def _any_time(values: np.ndarray) -> bool:
    valid = values[~np.isnat(values)]
    if not len(valid):
        return False
    seconds = valid.astype("datetime64[s]").astype("int64") % 86_400
    return bool((seconds != 0).any())


# Below this many cells a column is parsed as it is; above, each distinct text once.
_DISTINCT_FROM = 1_000


def _parse_distinct_texts(
    texts: pd.Series, month_first: bool | None
) -> tuple[np.ndarray, str, bool, bool | None]:
    """:func:`_parse_texts` of each distinct text once, counted as often as it occurs: a
    column of 360,000 dates holds a few hundred distinct texts, and a text's date does not
    depend on its neighbours (only the column's order and counts do, which the weights keep)."""
    if len(texts) < _DISTINCT_FROM:
        return _parse_texts(texts, month_first)
    codes, uniques = pd.factorize(texts.to_numpy(dtype=object), use_na_sentinel=False)
    if len(uniques) * 2 > len(texts):
        return _parse_texts(texts, month_first)
    weights = np.bincount(codes, minlength=len(uniques))
    parsed, note, months_only, order = _parse_texts(
        pd.Series(np.asarray(uniques, dtype=object), dtype=object), month_first, weights
    )
    return parsed[codes], note, months_only, order


def _parse_texts(
    texts: pd.Series, month_first: bool | None, weights: np.ndarray | None = None
) -> tuple[np.ndarray, str, bool, bool | None]:
    """The dates of text cells, how they were read, whether all are months alone, and the
    order a/b/yyyy texts were read in (None when there were none).

    ``weights`` say how many cells each text stands for (one each when not given)."""
    if weights is None:
        weights = np.ones(len(texts), dtype=np.int64)
    clean = texts.astype("string[pyarrow]").str.strip().str.lower()
    if not clean.str.isascii().all():
        clean = clean.map(strip_accents).astype("string[pyarrow]")
    if bool(clean.str.match(r"\d{4}-\d\d-\d\d").all()):
        for fast in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
            parsed = pd.to_datetime(clean, format=fast, errors="coerce")
            if not parsed.isna().any():
                return parsed.to_numpy(dtype="datetime64[s]"), _(_ISO_NOTE), False, None
    out = np.full(len(clean), np.datetime64("NaT"), dtype="datetime64[s]")
    # Every date form has a digit; text without one is settled at once.
    todo = clean.str.contains(r"\d", regex=True).to_numpy(dtype=bool, na_value=False)
    notes: list[str] = []
    month_only_hits = 0
    decided_order: bool | None = None

    arrow = pa.array(clean.array)

    def take(pattern: str) -> tuple[pd.DataFrame, np.ndarray]:
        """The parts of the cells still unread that match ``pattern`` (RE2, in C++)."""
        positions = np.flatnonzero(todo)
        if not len(positions):
            return pd.DataFrame(), positions
        result = pc.extract_regex(arrow.take(pa.array(positions)), pattern)
        hit = result.is_valid().to_numpy(zero_copy_only=False)
        if not hit.any():
            return pd.DataFrame(), positions[:0]
        matched = result.filter(pa.array(hit))
        columns: dict[str, object] = {}
        for index in range(matched.type.num_fields):
            name = matched.type.field(index).name
            part = matched.field(index)
            if name in _TEXT_PARTS:
                columns[name] = part.to_numpy(zero_copy_only=False)
            else:
                blanked = pc.if_else(pc.equal(part, ""), None, part)
                columns[name] = pc.cast(blanked, pa.float64()).to_numpy(zero_copy_only=False)
        return pd.DataFrame(columns), positions[hit]

    zones: set[str] = set()
    found, where = take(_ISO)
    if len(where):
        out[where] = _compose(_year(found.y), found.m, found.d, _hours(found), found.M, found.S)
        todo[where] = False
        notes.append(_(_ISO_NOTE))
        zones.update(_zones(found))

    found, where = take(_NUMERIC)
    if len(where):
        a = pd.to_numeric(found.a)
        b = pd.to_numeric(found.b)
        weight = weights[where]
        day_only = int(weight[((a > 12) & (b <= 12)).to_numpy(dtype=bool)].sum())
        month_only = int(weight[((b > 12) & (a <= 12)).to_numpy(dtype=bool)].sum())
        both = int(weight[((a <= 12) & (b <= 12)).to_numpy(dtype=bool)].sum())
        # Nothing > 12 decides, but times on a 12-hour clock (2:15 PM): the US order.
        by_clock = (
            month_first is None
            and not (day_only or month_only)
            and bool(np.isin(found.ampm.to_numpy(dtype=object), ["am", "pm"]).any())
        )
        if month_first is None:
            month_first = by_clock or month_only > day_only
        decided_order = bool(month_first)
        order = _("mm/dd/yyyy") if month_first else _("dd/mm/yyyy")
        if both and (day_only or month_only):
            deciders = month_only if month_first else day_only
            notes.append(
                ngettext(
                    "{order} (ambiguous: {both} values fit both; decided by {count} value > 12)",
                    "{order} (ambiguous: {both} values fit both; decided by {count} values > 12)",
                    deciders,
                ).format(order=order, both=shown_count(both), count=shown_count(deciders))
            )
        elif both and by_clock:
            notes.append(
                _(
                    "{order} (ambiguous: all {both} values fit both orders; month first, as "
                    "their times are on a 12-hour clock, AM/PM)"
                ).format(order=order, both=shown_count(both))
            )
        elif both:
            notes.append(
                _(
                    "{order} (ambiguous: all {both} values fit both orders; day first assumed)"
                ).format(order=order, both=shown_count(both))
                if not month_first
                else _("{order} (as told)").format(order=order)
            )
        else:
            notes.append(order)
        day, month = (b, a) if month_first else (a, b)
        out[where] = _compose(_year(found.y), month, day, _hours(found), found.M, found.S)
        todo[where] = False
        zones.update(_zones(found))
    if zones:
        notes.append(
            _("times kept as written, their zone left out ({zones})").format(
                zones=", ".join(sorted(z.upper() for z in zones))
            )
        )

    found, where = take(_DAY_NAME_YEAR)
    if len(where):
        out[where] = _compose(_year(found.y), _month_numbers(found.n), found.d)
        todo[where] = False
        notes.append(_("day-month name-year (19-mai-17)"))

    found, where = take(_NAME_DAY_YEAR)
    if len(where):
        out[where] = _compose(_year(found.y), _month_numbers(found.n), found.d)
        todo[where] = False
        notes.append(_("month name day, year"))

    for pattern in (_MONTH_YEAR, _YEAR_MONTH, _NAME_YEAR):
        found, where = take(pattern)
        if len(where):
            month = _month_numbers(found.n) if "n" in found.columns else found.m
            ones = pd.Series(np.ones(len(found), dtype=int), index=found.index)
            out[where] = _compose(_year(found.y), month, ones)
            todo[where] = False
            month_only_hits += int(weights[where].sum())
    if month_only_hits:
        notes.append(_("months (mm/yyyy, jan/24, janeiro 2024)"))
    months_only = month_only_hits == int(weights.sum())
    return out, "; ".join(notes), months_only, decided_order


def to_iso(values: np.ndarray, unit: str) -> np.ndarray:
    """datetime64 -> text ``YYYY-MM`` (unit M), ``YYYY-MM-DD`` (D), ``YYYY-MM-DD HH:MM:SS`` (s).

    Formats each distinct value once: a column of 360,000 dates has a few thousand.
    """
    out = np.full(len(values), None, dtype=object)
    valid = ~np.isnat(values)
    if not valid.any():
        return out
    truncated = values[valid].astype(f"datetime64[{unit}]")
    codes, uniques = pd.factorize(truncated.astype("int64"))
    stamps = np.asarray(uniques, dtype=np.int64).astype(f"datetime64[{unit}]")
    texts = np.datetime_as_string(stamps, unit=unit)  # type: ignore[call-overload]
    if unit == "s":
        texts = np.char.replace(texts.astype(str), "T", " ")
    out[valid] = texts.astype(object)[codes]
    return out
