"""CSM capacity from the activity model, overdue touches, and figures cut by dimension."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from csdesk.domain.month import Month
from csdesk.metrics import capacity, cuts, portfolio
from csdesk.store import Workspace
from tests.metrics.conftest import Book

JUNE = Month(2025, 6)


@pytest.fixture
def team(book: Book) -> dict[str, int]:
    ana = book.person("Ana", capacity_hours=10)
    bo = book.person("Bo", capacity_hours=None)
    book.person("Carl", role="am")
    ids = {
        "K1": book.account("K1", csm_id=ana, tier="Enterprise", segment="SMB", region="South"),
        "K2": book.account("K2", csm_id=ana, tier="SMB", segment="SMB", region="North"),
        "K3": book.account("K3", csm_id=bo, tier="SMB", segment="Enterprise", region="North"),
        "K4": book.account("K4", tier="SMB", segment="Enterprise"),
        "K5": book.account("K5", csm_id=ana, tier="SMB"),
    }
    months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    book.revenue(ids["K1"], dict.fromkeys(months, 100))
    book.revenue(ids["K2"], {"2025-05": 40, "2025-06": 40})  # new in the quarter
    book.revenue(ids["K3"], {"2025-06": 30})
    book.revenue(ids["K4"], {"2025-06": 20})
    book.revenue(ids["K5"], {"2025-01": 10})  # churned: no work any more
    book.ws.insert_many(
        "events",
        ["account_id", "at", "kind", "role", "title"],
        [
            (ids["K1"], "2025-05-15 10:00:00", "call", "cs", "call"),
            (ids["K2"], "2025-06-20 10:00:00", "call", "cs", "call"),
            (ids["K4"], "2025-06-20 10:00:00", "call", "am", "pricing"),
        ],
    )
    capacity.CAPACITY_MODEL.set(book.ws, {"cadence_days": {"Enterprise": 30, "default": 60}})
    return ids


def test_capacity_per_csm(ws: Workspace, team: dict[str, int]) -> None:
    frame = capacity.compute(ws, JUNE)
    rows = {r["csm"] if isinstance(r["csm"], str) else None: r for r in frame.to_dict("records")}
    ana = rows["Ana"]
    # QBR 3 h + check-ins 1.5 h per account, + 10 h onboarding for K2: 19 h of 130 h.
    assert (ana["accounts"], ana["onboarding"], ana["hours_needed"]) == (2, 1, 19.0)
    assert ana["hours_available"] == 130 and ana["utilisation"] == pytest.approx(19 / 130)
    assert ana["spare_accounts"] == math.floor((130 - 19) / 4.5)
    assert ana["overdue"] == 1
    bo = rows["Bo"]
    # K3 first paid in June: onboarding too.
    assert bo["hours_needed"] == 14.5 and pd.isna(bo["hours_available"])
    assert pd.isna(bo["utilisation"]) and pd.isna(bo["spare_accounts"])
    unassigned = rows[None]
    assert unassigned["accounts"] == 1 and unassigned["overdue"] == 1
    assert set(rows) == {"Ana", "Bo", None}


def test_overdue_touches(ws: Workspace, team: dict[str, int]) -> None:
    late = capacity.overdue(ws, JUNE)
    # K3 and K4 were never touched by CS (K4's call was the AM's); K1 46 days > 30.
    assert sorted(late["account"].tolist()[:2]) == ["K3", "K4"]
    assert late["last_touch"].isna().tolist() == [True, True, False]
    assert late["account"].tolist()[2] == "K1"
    assert late.loc[late["account"] == "K1", ["days_since", "cadence_days"]].values.tolist() == [
        [46, 30]
    ]
    assert len(late) == 3


def test_cuts_add_up_to_the_portfolio(ws: Workspace, team: dict[str, int]) -> None:
    whole = portfolio.compute(ws, as_of=JUNE)
    by_segment = cuts.by(ws, "segment", as_of=JUNE)
    assert sorted(by_segment) == ["Enterprise", "SMB"]
    assert by_segment["SMB"]["mrr"] == 140 and by_segment["Enterprise"]["mrr"] == 50
    assert by_segment["SMB"]["accounts"] == 2
    assert sum(g["mrr"] for g in by_segment.values()) == whole["mrr"]
    by_csm = cuts.by(ws, "csm", as_of=JUNE)
    assert sorted(by_csm) == ["Ana", "Bo"]
    assert by_csm["Ana"]["active_accounts"] == 2  # K5 no longer pays
    assert (
        by_csm["Ana"]["health"] == {"healthy": 0, "at_risk": 0, "critical": 0}
        or sum(by_csm["Ana"]["health"].values()) == 2
    )
    everything = cuts.all_cuts(ws, as_of=JUNE)
    assert set(everything) == {"segment", "tier", "region", "csm"}
    assert sorted(everything["region"]) == ["North", "South"]


def test_capacity_without_any_revenue_months(book: Book) -> None:
    """A workspace of accounts and people but no revenue yet (e.g. only an accounts sheet)."""
    ana = book.person("Ana", capacity_hours=10)
    book.account("K1", csm_id=ana)
    rows = capacity.compute(book.ws, as_of=JUNE)
    assert list(rows["csm"]) == ["Ana"]
    assert int(rows["onboarding"].iloc[0]) == 0
