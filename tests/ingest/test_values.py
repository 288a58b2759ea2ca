"""Values read per column: decimal styles, currencies, dates and their order, booleans."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pytest

from csdesk.ingest.grid import blank_mask
from csdesk.ingest.values import convert


def run(kind: str, cells: list[object]) -> tuple[list[object], list[bool], str]:
    values = np.empty(len(cells), dtype=object)
    values[:] = cells
    converted = convert(kind, values, blank_mask(values))
    out = [None if isinstance(v, float) and np.isnan(v) else v for v in converted.values.tolist()]
    return out, converted.bad.tolist(), converted.decision


def test_brazilian_money_with_currency_and_parenthesised_negative() -> None:
    values, bad, decision = run("money", ["R$ 1.234,56", "12,5", "(3,00)", "", "€ 7,10"])
    assert values == [1234.56, 12.5, -3.0, None, 7.1]
    assert bad == [False] * 5
    assert decision.startswith("decimal comma")
    assert "currency symbols removed" in decision


def test_point_decimals_and_percentages() -> None:
    values, _, decision = run("number", ["1,234.56", "US$ 12.50", "0.29%"])
    assert values == pytest.approx([1234.56, 12.5, 0.0029])
    assert decision.startswith("decimal point")
    assert "percentages as fractions" in decision


def test_thousands_dot_alone_is_read_as_thousands_and_reported_ambiguous() -> None:
    values, _, decision = run("number", ["1.500", "2.000", "300"])
    assert values == [1500.0, 2000.0, 300.0]
    assert "ambiguous" in decision


def test_text_in_a_money_column_is_bad_and_spaces_are_blank() -> None:
    values, bad, _ = run("money", ["10,00", "dez reais", " "])
    assert values == [10.0, None, None]
    assert bad == [False, True, False]


def test_day_first_decided_by_values_over_twelve_and_ambiguity_reported() -> None:
    values, bad, decision = run("date", ["03/04/2025", "31/12/2025", "01/02/2024", "05/06/2024"])
    assert values == ["2025-04-03", "2025-12-31", "2024-02-01", "2024-06-05"]
    assert not any(bad)
    assert decision == "dd/mm/yyyy (ambiguous: 3 values fit both; decided by 1 value > 12)"


def test_month_first_decided_by_values_over_twelve() -> None:
    values, _, decision = run("date", ["12/31/2025", "03/04/2025"])
    assert values == ["2025-12-31", "2025-03-04"]
    assert decision.startswith("mm/dd/yyyy")


def test_all_ambiguous_dates_assume_day_first_and_say_so() -> None:
    _, _, decision = run("date", ["03/04/2025", "01/02/2024"])
    assert "day first assumed" in decision


def test_month_names_in_portuguese_and_english() -> None:
    values, bad, _ = run(
        "date", ["19-mai-17", "2-jun-17", "19 de maio de 2017", "Jan 5, 2024", "5 fev 2024"]
    )
    assert values == ["2017-05-19", "2017-06-02", "2017-05-19", "2024-01-05", "2024-02-05"]
    assert not any(bad)


@pytest.mark.parametrize(
    "cell", ["jan/24", "Jan 2024", "2024-01", "01/2024", "janeiro 2024", "janeiro de 2024"]
)
def test_month_forms(cell: str) -> None:
    values, bad, _ = run("month", [cell])
    assert values == ["2024-01"] and bad == [False]


def test_excel_serials_workbook_dates_and_date_times() -> None:
    values, bad, _ = run(
        "datetime", [45000.0, datetime(2024, 5, 6, 10, 30), date(2024, 1, 3), "2024-05-06T10:00:00"]
    )
    assert values == [
        "2023-03-15 00:00:00",
        "2024-05-06 10:30:00",
        "2024-01-03 00:00:00",
        "2024-05-06 10:00:00",
    ]
    assert not any(bad)


def test_impossible_dates_and_text_are_bad() -> None:
    values, bad, _ = run("date", ["31/02/2024", "amanhã", "2024-02-29"])
    assert values == [None, None, "2024-02-29"]
    assert bad == [True, True, False]


def test_booleans_in_both_languages() -> None:
    values, bad, _ = run(
        "bool", ["Sim", "Não", "Yes", "no", "TRUE", "False", 1.0, 0, True, "talvez"]
    )
    assert values == [1, 0, 1, 0, 1, 0, 1, 0, 1, None]
    assert bad == [False] * 9 + [True]


def test_csat_scores_outside_one_to_five_are_bad() -> None:
    values, bad, decision = run("score_csat", [5, "4", 0, 6, 3.5])
    assert values == [5, 4, None, None, None]
    assert bad == [False, False, True, True, True]
    assert decision == "scores 1-5"


def test_closed_vocabularies_accept_portuguese_words() -> None:
    values, bad, _ = run("billing_period", ["Mensal", "anual", "Trimestral", "weekly"])
    assert values == ["monthly", "annual", "quarterly", None]
    assert bad == [False, False, False, True]
