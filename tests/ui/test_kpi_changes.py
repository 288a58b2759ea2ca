"""The change under each KPI reads as it is rounded (a tiny drop in a rate is no change), in
the figure's unit."""

from __future__ import annotations

from csdesk.ui.kpi_cards import Kpi, format_change, shown_change
from csdesk.ui.main_window import MainWindow

RATE = Kpi("Logo churn (12 months)", "logo_churn_12m", "percent", better_when_higher=False)
MONEY = Kpi("MRR", "mrr", "money")
COUNT = Kpi("Accounts at risk", "health.at_risk", "number", better_when_higher=False)
HOURS = Kpi("Resolution time", "support.resolution_hours", "hours", better_when_higher=False)
MINUTES = Kpi("TME (wait time)", "support.tme_minutes", "minutes", better_when_higher=False)


def test_changes_are_signed_as_shown(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    assert shown_change(RATE, 0.0610, 0.0614) == 0  # −0.04 pp prints as 0.0 pp
    assert format_change(session, RATE, 0.0610, 0.0614) == "±0.0 pp vs last month"
    assert format_change(session, RATE, 0.0610, 0.0660) == "−0.5 pp vs last month"
    assert format_change(session, MONEY, 1000.0, 1000.2) == "±" + session.money(0) + (
        " vs last month"
    )
    assert format_change(session, MONEY, 8363.0, 1000.0) == (
        "+" + session.money(7363) + " vs last month"
    )
    assert format_change(session, COUNT, 31, 25) == "+6 vs last month"
    assert format_change(session, COUNT, None, 25) == ""
    assert shown_change(COUNT, 31, None) is None


def test_a_change_in_time_keeps_its_unit(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    assert format_change(session, HOURS, 47.8, 49.6) == "−1.8 h vs last month"
    assert format_change(session, HOURS, 47.82, 47.8) == "±0.0 h vs last month"
    assert format_change(session, MINUTES, 194.0, 201.4) == "−7 min vs last month"
