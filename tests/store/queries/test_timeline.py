from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from csdesk.domain.enums import DerivedEventKind, EventKind, MovementKind, Role, SurveyType
from csdesk.domain.month import Month
from csdesk.domain.movement import MrrMonth
from csdesk.errors import CsdeskError
from csdesk.metrics import revenue
from csdesk.store import Workspace
from csdesk.store.queries import timeline as tl


def acme_timeline(ws: Workspace, **filters: Any) -> list[tl.TimelineItem]:
    """Acme's timeline with its revenue movements as the metrics engine computes them."""
    return tl.timeline(ws, 1, movements=revenue.account_history(ws, 1), **filters)


def test_timeline_merges_every_source_newest_first(sample_ws: Workspace) -> None:
    items = acme_timeline(sample_ws)
    kinds = [item.kind for item in items]
    assert kinds[0] is DerivedEventKind.RENEWAL_DUE
    assert [i.at for i in items] == sorted((i.at for i in items), reverse=True)
    assert kinds.count(DerivedEventKind.TICKET) == 2
    assert kinds.count(DerivedEventKind.SURVEY) == 3
    assert kinds.count(DerivedEventKind.REVENUE_MOVEMENT) == 3
    assert {EventKind.QBR, EventKind.CALL, EventKind.NOTE} <= set(kinds)
    qbr = next(i for i in items if i.kind is EventKind.QBR)
    assert (qbr.title, qbr.body, qbr.person, qbr.role, qbr.event_id) == (
        "Q1 review",
        "Went well",
        "Ana Lima",
        Role.CS,
        1,
    )
    expansion = next(i for i in items if i.movement is MovementKind.EXPANSION)
    assert (expansion.amount, expansion.at) == (50.0, datetime(2026, 2, 1))
    nps = [i for i in items if i.survey_type is SurveyType.NPS]
    assert [i.score for i in nps] == [9, 6]
    open_ticket = next(i for i in items if i.title == "Export question")
    assert open_ticket.resolved is False
    assert next(i for i in items if i.title == "Login fails").escalated


def test_filter_by_kind(sample_ws: Workspace) -> None:
    items = acme_timeline(sample_ws, kinds={EventKind.CALL, DerivedEventKind.TICKET})
    assert sorted(i.title for i in items) == ["Export question", "Login fails", "Pricing call"]


def test_filter_by_role_drops_entries_without_role(sample_ws: Workspace) -> None:
    cs = acme_timeline(sample_ws, roles={Role.CS})
    assert [i.title for i in cs] == ["Q1 review"]
    am = acme_timeline(sample_ws, roles={Role.AM})
    assert {i.kind for i in am} == {
        EventKind.CALL,
        DerivedEventKind.REVENUE_MOVEMENT,
        DerivedEventKind.RENEWAL_DUE,
    }
    assert acme_timeline(sample_ws, roles=set()) == []


def test_months_that_moved_become_entries(sample_ws: Workspace) -> None:
    # Acme's revenue history: Jan 100 new, Feb 150 (+50), Mar 120 (−30), Apr 120 unchanged.
    assert [
        (i.at, i.movement, i.amount, i.title, i.role)
        for i in acme_timeline(sample_ws, kinds={DerivedEventKind.REVENUE_MOVEMENT})
    ] == [
        (datetime(2026, 3, 1), MovementKind.CONTRACTION, -30.0, "contraction", Role.AM),
        (datetime(2026, 2, 1), MovementKind.EXPANSION, 50.0, "expansion", Role.AM),
        (datetime(2026, 1, 1), MovementKind.NEW, 100.0, "new", Role.AM),
    ]
    # The store shows the movements it is given and computes none itself.
    given = [
        MrrMonth(Month(2025, 5), 0.0, MovementKind.CHURN, -70.0),
        MrrMonth(Month(2025, 6), 0.0, None, 0.0),
    ]
    moved = tl.timeline(sample_ws, 1, movements=given, kinds={DerivedEventKind.REVENUE_MOVEMENT})
    assert [(i.at, i.movement, i.amount) for i in moved] == [
        (datetime(2025, 5, 1), MovementKind.CHURN, -70.0)
    ]
    everything = tl.timeline(sample_ws, 1, movements=[])
    assert DerivedEventKind.REVENUE_MOVEMENT not in {i.kind for i in everything}


def test_add_delete_and_restore_an_event(sample_ws: Workspace) -> None:
    when = datetime(2026, 4, 20, 14, 5, 33, 123)
    event_id = tl.add_event(
        sample_ws, 1, EventKind.MEETING, "  Roadmap  ", body="Notes", role=Role.CS, at=when
    )
    row = sample_ws.query(
        "SELECT at, kind, role, title, body FROM events WHERE id = ?", (event_id,)
    )
    assert row == [("2026-04-20 14:05:33", "meeting", "cs", "Roadmap", "Notes")]
    removed = tl.delete_event(sample_ws, event_id)
    assert sample_ws.scalar("SELECT count(*) FROM events WHERE id = ?", (event_id,)) == 0
    assert (removed.title, removed.kind, removed.role) == ("Roadmap", EventKind.MEETING, Role.CS)
    assert tl.restore_event(sample_ws, removed) == event_id
    assert sample_ws.query("SELECT title FROM events WHERE id = ?", (event_id,)) == [("Roadmap",)]


def test_add_event_refuses_blank_title_and_unknown_account(sample_ws: Workspace) -> None:
    before = sample_ws.scalar("SELECT count(*) FROM events")
    with pytest.raises(CsdeskError, match="needs a title"):
        tl.add_event(sample_ws, 1, EventKind.NOTE, "   ")
    with pytest.raises(CsdeskError, match="no account with id 42"):
        tl.add_event(sample_ws, 42, EventKind.NOTE, "Hello")
    with pytest.raises(CsdeskError, match="no longer exists"):
        tl.delete_event(sample_ws, 999)
    assert sample_ws.scalar("SELECT count(*) FROM events") == before
