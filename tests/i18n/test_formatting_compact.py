"""Compact money and numbers for chart axes, and short month names."""

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
