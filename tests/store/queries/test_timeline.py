from __future__ import annotations

from datetime import datetime

import pytest

from csdesk.domain.enums import DerivedEventKind, EventKind, Role, SurveyType
from csdesk.errors import CsdeskError
from csdesk.store import Workspace
from csdesk.store.queries import timeline as tl
from csdesk.store.queries.movements import MovementKind


def test_timeline_merges_every_source_newest_first(sample_ws: Workspace) -> None:
    items = tl.timeline(sample_ws, 1)
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
    items = tl.timeline(sample_ws, 1, kinds={EventKind.CALL, DerivedEventKind.TICKET})
    assert sorted(i.title for i in items) == ["Export question", "Login fails", "Pricing call"]


def test_filter_by_role_drops_entries_without_role(sample_ws: Workspace) -> None:
    cs = tl.timeline(sample_ws, 1, roles={Role.CS})
    assert [i.title for i in cs] == ["Q1 review"]
    am = tl.timeline(sample_ws, 1, roles={Role.AM})
    assert {i.kind for i in am} == {
        EventKind.CALL,
        DerivedEventKind.REVENUE_MOVEMENT,
        DerivedEventKind.RENEWAL_DUE,
    }
    assert tl.timeline(sample_ws, 1, roles=set()) == []


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
