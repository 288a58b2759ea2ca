"""Compact money and numbers for chart axes, short month names, and measured quantities."""

from __future__ import annotations

from csdesk.domain.month import Month
from csdesk.i18n import formatting

NBSP = "\xa0"


def test_compact_money_in_both_locales() -> None:
    assert (
        formatting.money_compact(1_250_000, "BRL", "pt_BR", decimals=2) == f"R${NBSP}1,25{NBSP}mi"
    )
    assert formatting.money_compact(12_500, "BRL", "pt-BR") == f"R${NBSP}12,5{NBSP}mil"
    assert formatting.money_compact(950, "BRL", "pt_BR") == f"R${NBSP}950"
    assert formatting.money_compact(-48_000, "BRL", "en") == "-R$48K"
    assert formatting.money_compact(None, "BRL", "en") == formatting.UNKNOWN


def test_compact_numbers_and_short_months() -> None:
    assert formatting.number_compact(12_500, "en") == "12.5K"
    assert formatting.number_compact(12_500, "pt_BR") == f"12,5{NBSP}mil"
    assert formatting.number_compact(None, "en") == formatting.UNKNOWN
    assert formatting.month_short(Month(2025, 2), "pt_BR") == "fev"
    assert formatting.month_short(Month(2025, 2), "en") == "Feb"


def test_measures_show_decimals_only_where_they_have_them() -> None:
    assert formatting.measure(1.0, "pt_BR") == "1"
    assert formatting.measure(2.5, "pt_BR") == "2,5"
    assert formatting.measure(1234.56, "pt_BR") == "1.234,6"
    assert formatting.measure(1234.0, "en") == "1,234"
    assert formatting.measure(None, "en") == formatting.UNKNOWN
