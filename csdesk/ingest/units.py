"""Units said by a header or written in the values: durations, percentages, money in thousands.

An export says its unit in the header far more often than in the cells:
``First_Response_Time_Hours``, ``resolution time (minutes)``, ``Tempo de resolução em horas``,
``Receita (R$ mil)``. A duration field stores one unit (``first_response_minutes`` minutes,
``resolution_hours`` hours); a number under a header in another unit is converted, and the
column's decision says so, because reading hours as minutes is silently wrong by 60×. Cells
written as durations (``01:30:00``, ``1d 2h``, ``45 min``, a workbook's time or timedelta)
are read whatever the header says. The words are data (``vocabulary.json``).
"""

from __future__ import annotations

import re
from datetime import time, timedelta
from functools import cache

import numpy as np
import pandas as pd

from csdesk.domain.text_order import strip_accents
from csdesk.i18n import N_, _
from csdesk.ingest.numbers import parse_numbers
from csdesk.ingest.vocabulary import normalise, normalise_header, vocabulary

SECONDS = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0, "days": 86400.0}
# Each unit as a person reads it in a decision ("read as hours, converted to minutes").
UNIT_NAMES = {
    "seconds": N_("seconds"),
    "minutes": N_("minutes"),
    "hours": N_("hours"),
    "days": N_("days"),
}
# The unit a duration field is stored in, by the field's kind.
KIND_UNITS = {"minutes": "minutes", "hours": "hours"}

_CLOCK = re.compile(r"^(?:(\d+)[.\s]+)?(\d+):([0-5]?\d)(?::([0-5]?\d(?:[.,]\d+)?))?$")
_DAYS_CLOCK = re.compile(r"^(\d+)\s*(?:days?|dias?)\s*,?\s*(\d+):([0-5]?\d)(?::([0-5]?\d))?$")
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?")
# Brazilian "1h30": hours then minutes with no unit.
_HOURS_MINUTES = re.compile(r"^(\d+)\s*h\s*(\d{1,2})$")


@cache
def _unit_words() -> dict[str, str]:
    return {
        normalise(word): unit
        for unit, words in vocabulary()["duration_units"].items()
        for word in [unit, *words]
    }


@cache
def _scale_words() -> dict[str, float]:
    return {
        normalise(word): float(factor)
        for factor, words in vocabulary()["money_scales"].items()
        for word in words
    }


@cache
def _percent_words() -> frozenset[str]:
    return frozenset(normalise(word) or word for word in vocabulary()["percent_words"])


def header_unit(header: str) -> str | None:
    """The duration unit a header names (``seconds``, ``minutes``, ``hours``, ``days``).

    A one-letter unit (``h``, ``d``, ``s``) counts only as the header's last word
    (``Tempo (h)``), where it cannot be an initial; ``m`` is never a unit (minutes, months
    and millions all start with it).
    """
    words = normalise_header(header).split()
    table = _unit_words()
    found: str | None = None
    for position, word in enumerate(words):
        pair = " ".join(words[position : position + 2])
        if pair in table:
            return table[pair]
        unit = table.get(word)
        if unit is None or (len(word) == 1 and position != len(words) - 1):
            continue
        found = found or unit
    return found


def header_scale(header: str) -> float:
    """1,000 for a money header in thousands (``(R$ mil)``, ``em milhares``, ``(k)``), a
    million for one in millions, else 1."""
    key = normalise_header(header)
    words = key.split()
    table = _scale_words()
    for position in range(len(words)):
        pair = " ".join(words[position : position + 2])
        if pair in table:
            return table[pair]
    # "mil" alone is also a Portuguese word in names ("Mil Folhas"): only a header that is
    # clearly an amount (a currency sign, or the word at the end) counts.
    for position, word in enumerate(words):
        factor = table.get(word)
        if factor is None:
            continue
        if position == len(words) - 1 or "$" in key or "€" in key:
            return factor
    return 1.0


def header_percent(header: str) -> bool:
    """True when a header says its values are percentages (``Probability (%)``, ``pct``)."""
    if "%" in str(header):
        return True
    return bool(set(normalise_header(header).split()) & _percent_words())


def _seconds_of_text(text: str) -> float | None:
    """Seconds in ``01:30:00``, ``1.02:00:00``, ``1 day, 2:00:00``, ``1d 2h 30m``, ``45 min``;
    None when the text is not a written duration (a plain number is not)."""
    clean = strip_accents(text).strip().lower()
    match = _CLOCK.match(clean) or _DAYS_CLOCK.match(clean)
    if match:
        days, hours, minutes, seconds = match.groups()
        total = int(days or 0) * 86400.0 + int(hours) * 3600.0 + int(minutes) * 60.0
        return total + (float(seconds.replace(",", ".")) if seconds else 0.0)
    clean = _HOURS_MINUTES.sub(r"\1h \2min", clean)
    parts = _PART.findall(clean)
    if not parts or _PART.sub("", clean).strip(" ,e"):
        return None
    table = _unit_words()
    total = 0.0
    for number, word in parts:
        # Inside a written duration ("1d 2h 30m") m can only be minutes.
        unit = "minutes" if word == "m" else table.get(word)
        if unit is None:
            return None
        total += float(number.replace(",", ".")) * SECONDS[unit]
    return total


def _seconds_of(value: object) -> float | None:
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, time):
        return value.hour * 3600.0 + value.minute * 60.0 + value.second + value.microsecond / 1e6
    if isinstance(value, str):
        return _seconds_of_text(value)
    return None


def parse_durations(
    values: np.ndarray, blank: np.ndarray, stored: str, written: str | None
) -> tuple[np.ndarray, np.ndarray, str]:
    """A duration column in the ``stored`` unit: (values, bad cells, decision).

    Plain numbers are in ``written`` (the header's unit; None: already ``stored``); cells
    written as durations carry their own unit.
    """
    out = np.full(len(values), np.nan)
    bad = np.zeros(len(values), dtype=bool)
    positions = np.flatnonzero(~blank)
    if not len(positions):
        return out, bad, _("empty")
    cells = pd.Series(values[positions], dtype=object)
    codes, uniques = pd.factorize(cells)
    seconds = np.array([_seconds_of(u) for u in uniques] + [None], dtype=object)[codes]
    as_duration = np.array([s is not None for s in seconds], dtype=bool)
    unit = written or stored
    factor = SECONDS[unit] / SECONDS[stored]
    parts: list[str] = []
    plain = positions[~as_duration]
    if len(plain):
        numbers = parse_numbers(values[plain], np.zeros(len(plain), dtype=bool))
        out[plain] = numbers.values * factor
        bad[plain] = numbers.bad
        parts.append(numbers.decision)
        if unit != stored:
            parts.append(
                _("read as {unit}, converted to {stored}").format(
                    unit=_(UNIT_NAMES[unit]), stored=_(UNIT_NAMES[stored])
                )
            )
        else:
            parts.append(_("in {stored}").format(stored=_(UNIT_NAMES[stored])))
    if as_duration.any():
        out[positions[as_duration]] = seconds[as_duration].astype(float) / SECONDS[stored]
        parts.append(
            _("durations written as 1:30:00 or 1d 2h, converted to {stored}").format(
                stored=_(UNIT_NAMES[stored])
            )
        )
    return out, bad, "; ".join(parts)


def parse_percentages(
    values: np.ndarray, blank: np.ndarray, header_says: bool
) -> tuple[np.ndarray, np.ndarray, str]:
    """Fractions (0.45) from ``45%``, from ``45`` under a ``%`` header, or from a column whose
    numbers run above 1 (a share written 0-100); 0.45 as written stays."""
    numbers = parse_numbers(values, blank)
    out = numbers.values.copy()
    decision = numbers.decision
    # Cells written "45%" are fractions already (parse_numbers divides them).
    texts = np.array([isinstance(v, str) and v.strip().endswith("%") for v in values], dtype=bool)
    rest = ~texts & ~np.isnan(out)
    above_one = bool((out[rest] > 1).any())
    if rest.any() and (header_says or above_one):
        out[rest] = out[rest] / 100.0
        decision = _("{how}; read as percentages, stored as fractions").format(how=decision)
    outside = ~np.isnan(out) & ((out < 0) | (out > 1))
    out[outside] = np.nan
    return out, numbers.bad | outside, decision


def parse_terms(
    values: np.ndarray, blank: np.ndarray, header: str | None
) -> tuple[np.ndarray, np.ndarray, str]:
    """A contract's term in months: ``12``, ``12 meses``, ``1 ano``, ``2 years``; plain numbers
    under a header in years (``Duração (anos)``) are years."""
    out = np.full(len(values), np.nan)
    bad = np.zeros(len(values), dtype=bool)
    positions = np.flatnonzero(~blank)
    if not len(positions):
        return out, bad, _("empty")
    words = normalise_header(header).split() if header else []
    in_years = bool(set(words) & _YEAR_WORDS)
    factor = 12.0 if in_years else 1.0
    cells = pd.Series(values[positions], dtype=object)
    codes, uniques = pd.factorize(cells)
    written = np.array([_term_of_text(u) for u in uniques] + [None], dtype=object)[codes]
    as_text = np.array([w is not None for w in written], dtype=bool)
    plain = positions[~as_text]
    parts: list[str] = []
    if len(plain):
        numbers = parse_numbers(values[plain], np.zeros(len(plain), dtype=bool))
        out[plain] = numbers.values * factor
        bad[plain] = numbers.bad
        parts.append(_("read as years, converted to months") if in_years else _("in months"))
    if as_text.any():
        out[positions[as_text]] = written[as_text].astype(float)
        parts.append(_("terms written as 12 meses or 1 ano, in months"))
    nonpositive = ~np.isnan(out) & (out <= 0)
    out[nonpositive] = np.nan
    bad |= nonpositive
    return out, bad, "; ".join(parts)


_YEAR_WORDS = frozenset({"year", "years", "yr", "yrs", "ano", "anos"})
_MONTH_WORDS = frozenset({"month", "months", "mo", "mos", "m", "mes", "meses"})
_TERM = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([a-z]+)$")


def _term_of_text(value: object) -> float | None:
    if not isinstance(value, str):
        return None
    match = _TERM.match(strip_accents(value).strip().lower())
    if match is None:
        return None
    number, word = match.groups()
    amount = float(number.replace(",", "."))
    if word in _YEAR_WORDS:
        return amount * 12
    if word in _MONTH_WORDS:
        return amount
    return None
