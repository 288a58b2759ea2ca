"""Numbers, money, percentages and dates as a person reads them, in their locale.

Everything a person reads goes through these functions (or QLocale in the UI with the same
locale), never ``str(float)``; files keep exact values. The locale is a Babel/POSIX name such
as ``pt_BR`` or ``en``; ``pt-BR`` is accepted too. ``None`` values print as an em dash, since
csdesk never shows an unknown as zero.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _format_date
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_name

from csdesk.domain.month import Month

# Re-exported: callers that format also name locales, from one import.
from csdesk.i18n.locales import DEFAULT as DEFAULT
from csdesk.i18n.locales import SUPPORTED as SUPPORTED
from csdesk.i18n.locales import normalise as normalise
from csdesk.i18n.locales import system_locale as system_locale

UNKNOWN = "—"


def babel_locale(name: str | None) -> Locale:
    return _parsed_locale(normalise(name))


@cache
def _parsed_locale(name: str) -> Locale:
    """One ``Locale`` per supported name: ``Locale.parse`` reads its data on every call."""
    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT)


# Charts format the same tick values many times (each draw, each try at fewer decimals) and
# Babel parses the compact patterns on every call: remember the last few thousand answers.
_REMEMBERED = 4096


def money(value: float | None, currency: str, locale: str | None, *, cents: bool = True) -> str:
    """``R$ 1.234,56`` in pt_BR, ``R$1,234.56`` in en; whole units when ``cents`` is False."""
    if value is None:
        return UNKNOWN
    loc = babel_locale(locale)
    if cents:
        return str(format_currency(value, currency, locale=loc))
    pattern = loc.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    return str(
        format_currency(round(value), currency, format=pattern, locale=loc, currency_digits=False)
    )


@lru_cache(maxsize=_REMEMBERED)
def currency_name(code: str, locale: str | None) -> str:
    """``USD`` -> "US Dollar" / "Dólar americano"; the code itself for one Babel does not
    know."""
    return str(get_currency_name(code, locale=babel_locale(locale)))


def number(value: float | None, locale: str | None, *, decimals: int = 0) -> str:
    if value is None:
        return UNKNOWN
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=babel_locale(locale)))


def measure(value: float | None, locale: str | None, *, decimals: int = 1) -> str:
    """A measured quantity with decimals only where it has them: ``1`` and ``2,5`` (not
    ``1,0``), for goals whose metric may count things or measure them."""
    if value is None:
        return UNKNOWN
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=babel_locale(locale)))


@lru_cache(maxsize=_REMEMBERED)
def percent(value: float | None, locale: str | None, *, decimals: int = 1) -> str:
    """A fraction (0.953) as a percentage (95,3 % in pt_BR)."""
    if value is None:
        return UNKNOWN
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return str(format_percent(value, format=pattern, locale=babel_locale(locale)))


def day(value: date | datetime | None, locale: str | None) -> str:
    """``31/12/2025`` in pt_BR, ``12/31/2025``-style short dates elsewhere."""
    if value is None:
        return UNKNOWN
    if isinstance(value, datetime):
        value = value.date()
    pattern = "dd/MM/yyyy" if normalise(locale) == "pt_BR" else "MMM d, yyyy"
    return str(_format_date(value, format=pattern, locale=babel_locale(locale)))


def month(value: Month | None, locale: str | None) -> str:
    """``dez/2025`` in pt_BR, ``Dec 2025`` in en."""
    if value is None:
        return UNKNOWN
    if normalise(locale) == "pt_BR":
        text = _format_date(value.first_day, format="MMM/yyyy", locale=babel_locale(locale))
        return str(text).replace(".", "")
    return str(_format_date(value.first_day, format="MMM yyyy", locale=babel_locale(locale)))


@lru_cache(maxsize=_REMEMBERED)
def money_compact(
    value: float | None, currency: str, locale: str | None, *, decimals: int = 1
) -> str:
    """Short money for chart axes and KPI cards: ``R$ 1,2 mi`` in pt_BR, ``R$1.2M`` in en.

    Values under a thousand keep whole units; ``decimals`` is the most fraction digits shown.
    """
    if value is None:
        return UNKNOWN
    from babel.numbers import format_compact_currency

    return str(
        format_compact_currency(
            value, currency, locale=babel_locale(locale), fraction_digits=decimals
        )
    )


@lru_cache(maxsize=_REMEMBERED)
def number_compact(value: float | None, locale: str | None, *, decimals: int = 1) -> str:
    """Short numbers for axes: ``12,5 mil`` in pt_BR, ``12.5K`` in en."""
    if value is None:
        return UNKNOWN
    from babel.numbers import format_compact_decimal

    return str(format_compact_decimal(value, locale=babel_locale(locale), fraction_digits=decimals))


@lru_cache(maxsize=_REMEMBERED)
def month_short(value: Month, locale: str | None) -> str:
    """The month's short name alone, for chart axes: ``fev`` in pt_BR, ``Feb`` in en."""
    text = _format_date(value.first_day, format="MMM", locale=babel_locale(locale))
    return str(text).replace(".", "")
