"""Support figures from hand-made tickets: TMA, TME, resolution, FCR, SLA per priority."""

from __future__ import annotations

import pytest

from csdesk.domain.month import Month
from csdesk.metrics import support
from csdesk.metrics.periods import Window
from csdesk.metrics.scope import for_account
from csdesk.store import Workspace
from tests.metrics.conftest import Book

COLUMNS = [
    "account_id",
    "opened_at",
    "first_response_at",
    "first_response_minutes",
    "resolved_at",
    "resolution_hours",
    "priority",
    "contacts",
    "reopened",
    "handle_minutes",
    "escalated",
]


def _tickets(ws: Workspace, book: Book) -> tuple[int, int]:
    a, b = book.account("A"), book.account("B")
    rows = [
        # wait 30 min (urgent target 60: met), resolved in 2 h, one contact: FCR hit
        (
            a,
            "2025-03-01 10:00:00",
            "2025-03-01 10:30:00",
            None,
            "2025-03-01 12:00:00",
            None,
            "urgent",
            1,
            0,
            20.0,
            0,
        ),
        # wait given as 300 min (high target 240: missed), resolution given 10 h, reopened
        (a, "2025-03-02 09:00:00", None, 300.0, None, 10.0, "HIGH", 1, 1, 40.0, 1),
        # no first response, unresolved, no handle time
        (b, "2025-03-03 09:00:00", None, None, None, None, "low", None, None, None, None),
        # no priority -> normal target 480; wait 480 (met, inclusive); 3 contacts; unknown
        # contacts would not be judged for FCR
        (
            b,
            "2025-03-31 23:00:00",
            "2025-04-01 07:00:00",
            None,
            "2025-04-01 11:00:00",
            None,
            None,
            3,
            0,
            60.0,
            0,
        ),
        # outside the window
        (b, "2025-04-01 00:00:00", None, 1.0, None, 1.0, "urgent", 1, 0, 1.0, 0),
    ]
    ws.insert_many("tickets", COLUMNS, rows)
    return a, b


def test_summary_hand_computed(ws: Workspace, book: Book) -> None:
    _tickets(ws, book)
    result = support.summary(ws, Window(Month(2025, 3), 1))
    assert result.tickets == 4
    assert result.tma_minutes == pytest.approx((20 + 40 + 60) / 3)
    assert result.tme_minutes == pytest.approx((30 + 300 + 480) / 3)
    assert result.resolution_hours == pytest.approx((2 + 10 + 12) / 3)
    assert result.fcr == pytest.approx(1 / 3)  # resolved with known contacts: 3, hits: 1
    assert result.sla == pytest.approx(2 / 3)
    assert result.escalations == 1
    only_a = support.summary(ws, Window(Month(2025, 3), 1), for_account(ws, "A"))
    assert only_a.tickets == 2 and only_a.sla == 0.5 and only_a.fcr == 0.5
    assert list(result.as_json()) == [
        "tickets",
        "tma_minutes",
        "tme_minutes",
        "resolution_hours",
        "fcr",
        "sla",
    ]


def test_sla_targets_are_a_setting(ws: Workspace, book: Book) -> None:
    _tickets(ws, book)
    support.SLA_TARGETS.set(ws, {"urgent": 10, "high": 300, "normal": 480, "low": 60})
    assert support.summary(ws, Window(Month(2025, 3), 1)).sla == pytest.approx(2 / 3)
    support.SLA_TARGETS.set(ws, {"normal": 1})
    assert support.summary(ws, Window(Month(2025, 3), 1)).sla == 0


def test_per_month_and_account(ws: Workspace, book: Book) -> None:
    a, b = _tickets(ws, book)
    months = support.by_group(ws, Window(Month(2025, 4), 2), "month")
    assert {m: s.tickets for m, s in months.items()} == {"2025-03": 4, "2025-04": 1}
    accounts = support.by_group(ws, Window(Month(2025, 3), 1), "account_id")
    assert accounts[a].tickets == 2 and accounts[b].tickets == 2
    assert accounts[b].fcr == 0.0


def test_no_tickets_is_unknown(ws: Workspace, book: Book) -> None:
    book.account("A")
    result = support.summary(ws, Window(Month(2025, 3)))
    assert result.tickets is None and result.tma_minutes is None


def test_tickets_elsewhere_give_zero_volume(ws: Workspace, book: Book) -> None:
    _tickets(ws, book)
    result = support.summary(ws, Window(Month(2020, 1)))
    assert result.tickets == 0 and result.tma_minutes is None and result.sla is None
