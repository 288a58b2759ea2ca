"""Other tools' NRR, GRR and churn conventions on the hand-computed portfolio."""

from __future__ import annotations

import pytest

from csdesk.domain.month import Month
from csdesk.metrics import conventions, revenue
from csdesk.store import Workspace


def test_conventions_hand_computed(ws: Workspace, abc: dict[str, int]) -> None:
    data = revenue.load(ws)
    figures = {
        (f.metric, f.convention): f.value
        for f in conventions.compare(data, Month(2025, 1), Month(2025, 6))
    }
    # Cohort Jan = {A 100}: A pays 80 in June after a one-month lapse.
    assert figures["nrr", "csdesk"] == pytest.approx(0.8)
    assert figures["grr", "csdesk"] == pytest.approx(0.8)
    assert figures["logo_churn", "csdesk"] == 0
    # Movements Feb..Jun over all accounts: expansion 50 + 20, contraction -30,
    # churn -120 - 200: the new accounts' churn drags the movement-based ratios below zero.
    assert figures["nrr", "movement_based"] == pytest.approx((100 + 70 - 30 - 320) / 100)
    assert figures["grr", "movement_based"] == pytest.approx((100 - 30 - 320) / 100)
    net = 1.0 * (1 + 50 / 300) * (1 - 30 / 350) * (1 - 120 / 370) * (1 + (20 - 200 + 80) / 250)
    gross = (1 - 30 / 350) * (1 - 120 / 370) * (1 - 200 / 250)
    assert figures["nrr", "compounded_monthly"] == pytest.approx(net)
    assert figures["grr", "compounded_monthly"] == pytest.approx(gross)
    # A (May, back in June) and B (June) left; one account at the start; B and C were new.
    assert figures["logo_churn", "churn_events"] == 2
    assert figures["logo_churn", "churn_events_gap"] == 1
    assert figures["logo_churn", "start_plus_new"] == pytest.approx(2 / 3)


def test_reactivation_inside_the_window_is_not_new(ws: Workspace, abc: dict[str, int]) -> None:
    data = revenue.load(ws)
    figures = {
        (f.metric, f.convention): f.value
        for f in conventions.compare(data, Month(2025, 5), Month(2025, 6), gap_days=30)
    }
    # Cohort May = {B 200, C 50}; June: A comes back (80) but it paid before: not new.
    assert figures["logo_churn", "start_plus_new"] == pytest.approx(1 / 2)
    assert figures["nrr", "compounded_monthly"] == pytest.approx(1 + (20 - 200 + 80) / 250)


def test_empty_window(ws: Workspace) -> None:
    data = revenue.load(ws)
    figures = conventions.compare(data, Month(2025, 1), Month(2025, 6))
    assert {f.convention for f in figures} == {"csdesk"}
    assert all(f.value is None for f in figures)


def test_trailing_from_a_workspace(ws: Workspace, abc: dict[str, int]) -> None:
    figures = {(f.metric, f.convention): f.value for f in conventions.trailing(ws, months=5)}
    assert figures["nrr", "csdesk"] == pytest.approx(0.8)  # Jan -> Jun, as above
    assert len(figures) == 10
