"""Health scores worked out by hand: components, renormalised weights, bands, explanations."""

from __future__ import annotations

import math

import pytest

from csdesk.domain.enums import HealthBand
from csdesk.domain.month import Month
from csdesk.errors import CsdeskError
from csdesk.metrics import health
from csdesk.metrics.health_model import HealthModel
from csdesk.store import Workspace
from tests.metrics.conftest import Book

JUNE = Month(2025, 6)


@pytest.fixture
def scored(book: Book) -> dict[str, int]:
    """H has every component; M only engagement (never touched) and financial."""
    h = book.account("H", seats=10)
    m = book.account("M")
    book.revenue(
        h, {"2025-02": 100, "2025-03": 100, "2025-04": 100, "2025-05": 100, "2025-06": 110}
    )
    book.revenue(m, {"2025-03": 200, "2025-04": 150, "2025-05": 150, "2025-06": 150})
    ws = book.ws
    ws.insert_many(
        "usage",
        ["account_id", "date", "metric", "value"],
        [
            (h, "2025-05-15", "active_users", 8),
            (h, "2025-06-15", "active_users", 4),
            (h, "2025-06-16", "logins", 99),
        ],
    )
    ws.insert_many(
        "events",
        ["account_id", "at", "kind", "role", "title"],
        [
            (h, "2025-03-01 10:00:00", "call", "cs", "kick-off"),
            (h, "2025-06-10 10:00:00", "meeting", "cs", "check-in"),
            (m, "2025-06-11 10:00:00", "call", "am", "pricing"),
        ],
    )
    ws.insert_many(
        "tickets",
        ["account_id", "opened_at", "escalated"],
        [(h, "2025-06-05 09:00:00", 0), (h, "2025-06-20 09:00:00", 0)],
    )
    ws.insert_many(
        "surveys",
        ["account_id", "date", "type", "score"],
        [(h, "2025-05-01", "nps", 9), (h, "2025-06-01", "csat", 5), (h, "2024-01-01", "nps", 0)],
    )
    return {"H": h, "M": m}


def test_scores_hand_computed(ws: Workspace, scored: dict[str, int]) -> None:
    scores = health.score_all(ws)
    assert scores.attrs["as_of"] == "2025-06"
    h = scores.loc[scored["H"]]
    # adoption 4/10 = 0.4 of the 0.8 target -> 50; last CS touch 20 days ago -> 100;
    # 2 tickets / 10 seats = 0.2 -> 80; NPS 9 -> 90 and CSAT 5 -> 100 -> 95;
    # MRR 100 -> 110 in 3 months (+10%) -> 100.
    assert [h[c] for c in health.COMPONENTS] == pytest.approx([50, 100, 80, 95, 100])
    assert h["score"] == 83.5 and h["band"] is HealthBand.HEALTHY and h["missing"] == ()
    m = scores.loc[scored["M"]]
    # Never touched by CS while others were: 0; MRR -25% with a contraction: 0.
    assert m["engagement"] == 0 and m["financial"] == 0
    assert math.isnan(m["adoption"]) and math.isnan(m["support"])
    assert m["score"] == 0 and m["band"] is HealthBand.CRITICAL
    assert m["missing"] == ("adoption", "support", "sentiment")
    assert health.band_counts(scores) == {"healthy": 1, "at_risk": 0, "critical": 1}


def test_weights_renormalise_over_present_components(ws: Workspace, scored: dict[str, int]) -> None:
    HealthModel.from_dict(
        {"weights": {"adoption": 0, "engagement": 0, "support": 0, "sentiment": 1, "financial": 1}}
    ).save(ws)
    scores = health.score_all(ws, JUNE)
    assert scores.loc[scored["H"], "score"] == 97.5  # (95 + 100) / 2
    assert scores.loc[scored["M"], "score"] == 0  # financial alone; sentiment missing


def test_explain_and_history(ws: Workspace, scored: dict[str, int]) -> None:
    item = health.explain(ws, scored["H"], JUNE)
    assert item.score == 83.5 and item.band is HealthBand.HEALTHY
    parts = {p.name: p for p in item.components}
    assert parts["adoption"].value == pytest.approx(0.4)
    assert parts["engagement"].value == 20
    assert [p.contribution for p in item.components] == [12.5, 20.0, 12.0, 19.0, 20.0]
    assert sum(p.share for p in item.components) == pytest.approx(1)
    # May: adoption 8/10 -> 100, last touch 91 days -> (120-91)/90 -> 32.2, no tickets -> 100,
    # NPS 9 -> 90, MRR flat -> 70: 78.4.
    assert item.previous_score == 78.4 and item.change == pytest.approx(5.1)
    assert parts["adoption"].change == -50
    frame = health.history(ws, scored["H"], months=2, as_of=JUNE)
    assert frame["month"].tolist() == ["2025-05", "2025-06"]
    assert frame["score"].tolist() == [78.4, 83.5]
    with pytest.raises(CsdeskError, match="999"):
        health.explain(ws, 999)


def test_band_changes_and_model_checks(ws: Workspace, scored: dict[str, int]) -> None:
    assert health.band_changes(ws, {"bands": {"healthy": 85}}) == 1
    assert health.band_changes(ws, HealthModel.from_dict({})) == 0
    with pytest.raises(CsdeskError, match="happiness"):
        HealthModel.from_dict({"weights": {"happiness": 3}})
    with pytest.raises(CsdeskError, match="-1"):
        HealthModel.from_dict({"weights": {"adoption": -1}})
    with pytest.raises(CsdeskError, match="bands"):
        HealthModel.from_dict({"bands": {"healthy": 30, "at_risk": 60}})


def test_accounts_without_revenue_are_scored_when_active(ws: Workspace, book: Book) -> None:
    quiet = book.account("Q", seats=5)
    book.account("Gone", status="churned")
    ws.insert_many(
        "usage",
        ["account_id", "date", "metric", "value"],
        [(quiet, "2025-06-01", "active_users", 5)],
    )
    scores = health.score_all(ws, JUNE)
    assert list(scores.index) == [quiet]
    assert scores.loc[quiet, "score"] == 100
    assert scores.loc[quiet, "missing"] == ("engagement", "support", "sentiment", "financial")
