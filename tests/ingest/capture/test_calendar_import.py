"""Calendar exports become timeline touches: matching, what is a touch, recurrences, re-import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from capture_book import account_id, touches
from exports import Event, google_calendar, outlook_calendar

from csdesk import ingest
from csdesk.domain.month import Month
from csdesk.store import Workspace

ANA = ("Ana Lima", "ana@team.example")
JOAO = ("Souza, João", "joao.souza@acme.example", "ACCEPTED")


def _import(ws: Workspace, path: Path, as_of: str = "2026-03") -> ingest.ImportResult:
    plan = ingest.prepare(path, ws=ws, as_of=Month.parse(as_of))
    assert plan.blocking is None, plan.blocking
    return ingest.commit(ws, plan)


def test_a_meeting_with_a_known_contact_is_a_touch_of_the_team_member(
    book: Workspace, tmp_path: Path
) -> None:
    calendar = google_calendar(
        tmp_path / "ana@team.example.ics",
        "ana@team.example",
        [
            Event(
                "qbr-1@google.com",
                "20260310T100000",
                "Revisão trimestral Acme",
                organizer=ANA,
                attendees=[JOAO],
                rooms=[("Sala 1 (6)", "c_1888@resource.calendar.google.com")],
            )
        ],
    )
    result = _import(book, calendar)
    assert (result.rows_read, result.rows_written, result.rows_skipped) == (1, 1, 0)
    # 10:00 in São Paulo, as the CSM's own calendar shows it; a QBR by its Portuguese title.
    assert touches(book, "Acme Corp") == [
        ("2026-03-10 10:00:00", "qbr", "cs", "Revisão trimestral Acme", "Ana Lima")
    ]
    # The contact is linked to the touch: a stakeholder's last touch.
    linked = book.query(
        "SELECT c.name FROM event_contacts ec JOIN contacts c ON c.id = ec.contact_id"
    )
    assert linked == [("João Souza",)]


def test_people_are_matched_by_their_company_domain_and_become_contacts(
    book: Workspace, tmp_path: Path
) -> None:
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event(
                "kick@google.com",
                "20260305T140000",
                "Kickoff integração",
                organizer=("Bruno Reis", "bruno@team.example"),
                attendees=[
                    ("Ana Lima", "ana@team.example", "ACCEPTED"),
                    ("Lia Prado", "lia@ti.beta.example", "TENTATIVE"),  # a subdomain of beta's
                ],
            )
        ],
    )
    _import(book, calendar)
    # The organiser is the team member of the touch: Bruno, an AM.
    assert touches(book, "Beta Ltda") == [
        ("2026-03-05 14:00:00", "meeting", "am", "Kickoff integração", "Bruno Reis")
    ]
    contact = book.query(
        "SELECT name, email, batch_id IS NOT NULL FROM contacts WHERE account_id = ?",
        (account_id(book, "Beta Ltda"),),
    )
    assert contact == [("Lia Prado", "lia@ti.beta.example", 1)]


def test_public_mail_domains_never_match_an_account(book: Workspace, tmp_path: Path) -> None:
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            # Marta is Gama's contact with a gmail address: she matches as a contact ...
            Event(
                "m1@g",
                "20260303T090000",
                "Orçamento 2026",
                ANA,
                [("Marta", "marta@gmail.com", "ACCEPTED")],
            ),
            # ... but another gmail user matches nothing, not even through gmail.com.
            Event("m2@g", "20260304T090000", "Conversa", ANA, [("Zé", "ze@gmail.com", "ACCEPTED")]),
        ],
    )
    plan = ingest.prepare(calendar, ws=book, as_of=Month.parse("2026-03"))
    assert plan.rows_accepted == 1
    assert plan._capture.touches.skipped["unmatched"] == 1
    unmatched = [p.message for p in plan.problems if "no account matches" in p.message]
    assert len(unmatched) == 1 and "ze@gmail.com" in unmatched[0] and "'Conversa'" in unmatched[0]
    ingest.commit(book, plan)
    assert [t[3] for t in touches(book, "Gama SA")] == ["Orçamento 2026"]


def test_internal_cancelled_declined_and_future_meetings_are_counted_not_written(
    book: Workspace, tmp_path: Path
) -> None:
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event(
                "int@g",
                "20260302T090000",
                "1:1 Ana/Bruno",
                ANA,
                [("Bruno", "bruno@team.example", "ACCEPTED")],
            ),
            Event("can@g", "20260303T090000", "Acme cancelada", ANA, [JOAO], status="CANCELLED"),
            Event(
                "dec@g",
                "20260304T090000",
                "Convite do cliente",
                ("João", "joao.souza@acme.example"),
                [("Ana Lima", "ana@team.example", "DECLINED")],
            ),
            Event("fut@g", "20260420T090000", "Próxima QBR", ANA, [JOAO]),
            Event("ok@g", "20260305T090000", "Acompanhamento", ANA, [JOAO]),
        ],
    )
    plan = ingest.prepare(calendar, ws=book, as_of=Month.parse("2026-03"))
    skipped = plan._capture.touches.skipped
    assert (
        skipped["internal"],
        skipped["cancelled"],
        skipped["declined"],
        skipped["upcoming"],
    ) == (1, 1, 1, 1)
    assert plan.rows_accepted == 1
    result = ingest.commit(book, plan)
    assert result.rows_written == 1 and result.rows_skipped == 4
    assert [t[3] for t in touches(book, "Acme Corp")] == ["Acompanhamento"]


def test_a_weekly_series_expands_without_its_exdate_and_with_its_moved_occurrence(
    book: Workspace, tmp_path: Path
) -> None:
    series = Event(
        "weekly@google.com",
        "20260302T150000",
        "Checkpoint semanal",
        ANA,
        [JOAO],
        rrule="FREQ=WEEKLY;BYDAY=MO",  # no end: bounded by the as-of
        exdates=["20260316T150000"],
    )
    moved = Event(
        "weekly@google.com",
        "20260324T110000",
        "Checkpoint semanal (remarcado)",
        ANA,
        [JOAO],
        recurrence_id="20260323T150000",
    )
    calendar = google_calendar(tmp_path / "cal.ics", "ana@team.example", [series, moved])
    _import(book, calendar)
    assert [(t[0], t[3]) for t in touches(book, "Acme Corp")] == [
        ("2026-03-02 15:00:00", "Checkpoint semanal"),
        ("2026-03-09 15:00:00", "Checkpoint semanal"),
        ("2026-03-24 11:00:00", "Checkpoint semanal (remarcado)"),
        ("2026-03-30 15:00:00", "Checkpoint semanal"),
    ]


def test_all_day_events_and_outlook_windows_zones(book: Workspace, tmp_path: Path) -> None:
    calendar = outlook_calendar(
        tmp_path / "Calendário.ics",
        [
            Event(
                "040000008200E00074C5B7101A82E008@outlook",
                "20260312T163000",
                "Treinamento",
                ANA,
                [JOAO],
            ),
            Event("visit@outlook", "20260313", "Visita presencial Acme", ANA, [JOAO]),
        ],
    )
    _import(book, calendar)
    assert [(t[0], t[3]) for t in touches(book, "Acme Corp")] == [
        ("2026-03-12 16:30:00", "Treinamento"),
        ("2026-03-13 00:00:00", "Visita presencial Acme"),
    ]


def test_a_meeting_with_two_accounts_people_is_a_touch_of_each(
    book: Workspace, tmp_path: Path
) -> None:
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event(
                "joint@g",
                "20260311T100000",
                "Integração Acme + Beta",
                ANA,
                [JOAO, ("Lia", "lia@beta.example", "ACCEPTED")],
            )
        ],
    )
    result = _import(book, calendar)
    assert result.rows_written == 2
    assert [t[3] for t in touches(book, "Acme Corp")] == ["Integração Acme + Beta"]
    assert [t[3] for t in touches(book, "Beta Ltda")] == ["Integração Acme + Beta"]


def test_a_later_export_adds_only_new_meetings_and_updates_changed_ones(
    book: Workspace, tmp_path: Path
) -> None:
    first = [
        Event("a@g", "20260302T100000", "Reunião de status", ANA, [JOAO]),
        Event("b@g", "20260303T100000", "Alinhamento", ANA, [JOAO]),
    ]
    _import(book, google_calendar(tmp_path / "marco.ics", "ana@team.example", first))
    later = [
        Event("a@g", "20260302T100000", "Reunião de status", ANA, [JOAO]),
        Event("b@g", "20260303T100000", "Alinhamento de roadmap", ANA, [JOAO], sequence=1),
        Event("c@g", "20260320T100000", "Plano de sucesso", ANA, [JOAO]),
    ]
    again = _import(book, google_calendar(tmp_path / "marco-depois.ics", "ana@team.example", later))
    assert (again.rows_written, again.rows_updated, again.rows_skipped) == (1, 1, 1)
    assert [t[3] for t in touches(book, "Acme Corp")] == [
        "Reunião de status",
        "Alinhamento de roadmap",
        "Plano de sucesso",
    ]
    # Undo of the later import puts the old title back and removes only the new meeting.
    ingest.undo(book, again.batch_id)
    assert [t[3] for t in touches(book, "Acme Corp")] == ["Reunião de status", "Alinhamento"]


def test_undo_removes_the_touches_and_the_contacts_the_import_created(
    book: Workspace, tmp_path: Path
) -> None:
    contacts_before = book.query("SELECT id, name FROM contacts ORDER BY id")
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event(
                "x@g",
                "20260310T100000",
                "Demo",
                ANA,
                [JOAO, ("Rita", "rita@acme.example", "ACCEPTED")],
            )
        ],
    )
    result = _import(book, calendar)
    assert book.scalar("SELECT count(*) FROM contacts") == len(contacts_before) + 1
    ingest.undo(book, result.batch_id)
    assert book.scalar("SELECT count(*) FROM events WHERE source_key IS NOT NULL") == 0
    assert book.scalar("SELECT count(*) FROM event_contacts") == 0
    assert book.query("SELECT id, name FROM contacts ORDER BY id") == contacts_before


def test_the_as_of_day_bounds_what_has_happened(book: Workspace, tmp_path: Path) -> None:
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event("d1@g", "20260310T100000", "Antes", ANA, [JOAO]),
            Event("d2@g", "20260312T100000", "Depois", ANA, [JOAO]),
        ],
    )
    plan = ingest.prepare(calendar, ws=book, as_of=date(2026, 3, 11))
    assert plan.rows_accepted == 1 and plan._capture.touches.skipped["upcoming"] == 1
    assert plan.rows[0]["title"] == "Antes"


def test_without_accounts_a_calendar_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [Event("x@g", "20260310T100000", "Demo", ANA, [JOAO])],
    )
    with Workspace.open(tmp_path / "empty.csdesk", create=True) as ws:
        plan = ingest.prepare(calendar, ws=ws, as_of=Month.parse("2026-03"))
        assert plan.blocking is not None and "no accounts" in plan.blocking
        assert ws.scalar("SELECT count(*) FROM import_batches") == 0


def test_a_team_with_no_addresses_takes_the_calendars_owner_and_says_so(tmp_path: Path) -> None:
    accounts = tmp_path / "contas.csv"
    accounts.write_text("Conta;Site\nAcme Corp;acme.example\n", encoding="utf-8")
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event("x@g", "20260310T100000", "Demo", ANA, [JOAO]),
            Event(
                "y@g", "20260311T100000", "Interna", ANA, [("Bia", "bia@team.example", "ACCEPTED")]
            ),
        ],
    )
    with Workspace.open(tmp_path / "ws.csdesk", create=True) as ws:
        ingest.commit(ws, ingest.prepare(accounts, ws=ws))
        plan = ingest.prepare(calendar, ws=ws, as_of=Month.parse("2026-03"))
        assert plan.blocking is None
        assert any("ana@team.example" in p.message and "team" in p.message for p in plan.warnings)
        # bia@team.example is the owner's colleague: internal, not a touch.
        assert plan.rows_accepted == 1 and plan._capture.touches.skipped["internal"] == 1


def test_importing_the_same_file_after_adding_the_domain_picks_up_what_was_unmatched(
    book: Workspace, tmp_path: Path
) -> None:
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event(
                "g1@g",
                "20260310T100000",
                "Com a Gama",
                ANA,
                [("Rui", "rui@gama.example", "ACCEPTED")],
            ),
            Event("a1@g", "20260311T100000", "Com a Acme", ANA, [JOAO]),
        ],
    )
    first = _import(book, calendar)
    assert first.rows_written == 1
    with book.transaction() as conn:
        conn.execute("UPDATE accounts SET domain = 'gama.example' WHERE name = 'Gama SA'")
    again = _import(book, calendar)  # the same file: no --again needed, nothing doubled
    assert (again.rows_written, again.rows_skipped) == (1, 1)
    assert [t[3] for t in touches(book, "Gama SA")] == ["Com a Gama"]
    assert [t[3] for t in touches(book, "Acme Corp")] == ["Com a Acme"]
