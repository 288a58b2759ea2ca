"""The work queue's stakeholder rules read captured touches: single_threaded (every touch of
the last 90 days involved one contact) and champion_quiet (the champion not touched for 60
days), each firing and not firing; and no_touch closes once a meeting is captured."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from capture_book import account_id
from exports import Event, google_calendar

from csdesk import ingest
from csdesk.desk.engine import evaluate
from csdesk.domain.month import Month
from csdesk.store import Workspace
from csdesk.store.queries.actions import load_actions

ANA = ("Ana Lima", "ana@team.example")
JOAO = ("Souza, João", "joao.souza@acme.example", "ACCEPTED")
RITA = ("Rita Alves", "rita@acme.example", "ACCEPTED")
LIA = ("Lia", "lia@beta.example", "ACCEPTED")


def _capture(ws: Workspace, tmp_path: Path, events: list[Event]) -> None:
    calendar = google_calendar(tmp_path / "agenda.ics", "ana@team.example", events)
    plan = ingest.prepare(calendar, ws=ws, as_of=Month.parse("2026-06"))
    assert plan.blocking is None, plan.blocking
    ingest.commit(ws, plan)


def _open(ws: Workspace, rule: str) -> dict[int, str]:
    return {
        a.account_id: a.why for a in load_actions(ws, rule=rule) if a.state in ("open", "snoozed")
    }


def test_single_threaded_and_champion_quiet(book: Workspace, tmp_path: Path) -> None:
    acme = account_id(book, "Acme Corp")
    _capture(
        book,
        tmp_path,
        [
            # Acme: João, the champion, met in March; only Rita since (three times).
            Event("a0@g", "20260310T100000", "QBR", ANA, [JOAO, RITA]),
            Event("a1@g", "20260415T100000", "Status", ANA, [RITA]),
            Event("a2@g", "20260512T100000", "Status", ANA, [RITA]),
            Event("a3@g", "20260605T100000", "Status", ANA, [RITA]),
            # Beta: two touches with Lia, below the three a thread needs to count.
            Event("b1@g", "20260520T100000", "Checkpoint", ANA, [LIA]),
            Event("b2@g", "20260603T100000", "Checkpoint", ANA, [LIA]),
        ],
    )
    evaluate(book, date(2026, 6, 15))
    single = _open(book, "single_threaded")
    assert set(single) == {acme}
    assert "Rita Alves" in single[acme] and "3" in single[acme]
    quiet = _open(book, "champion_quiet")
    assert set(quiet) == {acme}  # Beta has no champion among its contacts
    assert "João Souza" in quiet[acme] and "97" in quiet[acme]

    # The champion is met again: both actions close by themselves.
    _capture(book, tmp_path, [Event("a4@g", "20260614T100000", "Almoço", ANA, [JOAO])])
    evaluate(book, date(2026, 6, 15))
    assert _open(book, "champion_quiet") == {}
    assert _open(book, "single_threaded") == {}


def test_no_touch_closes_once_a_meeting_is_captured(book: Workspace, tmp_path: Path) -> None:
    acme = account_id(book, "Acme Corp")
    evaluate(book, date(2026, 6, 15))
    assert acme in _open(book, "no_touch")
    _capture(book, tmp_path, [Event("n1@g", "20260612T100000", "Status", ANA, [JOAO])])
    evaluate(book, date(2026, 6, 15))
    assert acme not in _open(book, "no_touch")
