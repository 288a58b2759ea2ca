"""A calendar or mailbox from elsewhere is data: each hostile case is a clear problem or
refusal, never a traceback, and nothing partial is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from capture_book import touches
from exports import Event, Mail, eml, eml_text, google_calendar, thunderbird_mbox

from csdesk import ingest
from csdesk.domain.month import Month
from csdesk.ingest.capture import calendars, mail
from csdesk.ingest.errors import ImportRefused
from csdesk.store import Workspace

ANA = ("Ana Lima", "ana@team.example")
JOAO = ("João", "joao.souza@acme.example", "ACCEPTED")
MARCH = Month.parse("2026-03")


def _batches(ws: Workspace) -> int:
    return int(ws.scalar("SELECT count(*) FROM import_batches WHERE entity = 'events'"))


def test_a_rule_repeating_every_second_is_cut_and_reported(book: Workspace, tmp_path: Path) -> None:
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event(
                "spam@x",
                "20260301T000000",
                "Spam",
                ("Bot", "bot@acme.example"),
                [JOAO],
                rrule="FREQ=SECONDLY",
            ),
            Event("ok@x", "20260310T100000", "Reunião", ANA, [JOAO]),
        ],
    )
    plan = ingest.prepare(calendar, ws=book, as_of=MARCH)
    cut = [p for p in plan.warnings if "repeats more than" in p.message]
    assert len(cut) == 1 and "spam@x" in cut[0].message
    assert plan.rows_read == calendars.MAX_OCCURRENCES + 1


def test_a_file_that_is_not_a_calendar_is_refused_in_a_sentence(
    book: Workspace, tmp_path: Path
) -> None:
    bad = tmp_path / "agenda.ics"
    bad.write_bytes(b"PK\x03\x04 this is a zip, renamed")
    with pytest.raises(ImportRefused, match=re.escape("agenda.ics: not a calendar csdesk")):
        ingest.prepare(bad, ws=book, as_of=MARCH)
    assert _batches(book) == 0


def test_nul_bytes_and_a_broken_event_leave_the_rest_readable(
    book: Workspace, tmp_path: Path
) -> None:
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event("bad@x", "20260305T100000", "Regra quebrada", ANA, [JOAO], rrule="FREQ=NEVER"),
            Event("ok@x", "20260310T100000", "Reunião", ANA, [JOAO]),
        ],
    )
    calendar.write_bytes(calendar.read_bytes().replace(b"SUMMARY:Reuni", b"SUMMARY:Reu\x00ni"))
    plan = ingest.prepare(calendar, ws=book, as_of=MARCH)
    assert any("NUL bytes" in p.message for p in plan.warnings)
    assert any("bad@x" in p.message and "cannot be read" in p.message for p in plan.errors)
    ingest.commit(book, plan)
    assert [t[3] for t in touches(book, "Acme Corp")] == ["Reunião"]


def test_an_msg_that_is_not_an_ole_file_is_refused(book: Workspace, tmp_path: Path) -> None:
    fake = tmp_path / "mensagem.msg"
    fake.write_bytes(eml_text(Mail("a@b.example", "c@d.example", "Tue, 10 Mar 2026", "x")).encode())
    with pytest.raises(ImportRefused, match=re.escape("mensagem.msg: not an Outlook message")):
        ingest.prepare(fake, ws=book, as_of=MARCH)


def test_a_damaged_ole_file_is_refused(book: Workspace, tmp_path: Path) -> None:
    fake = tmp_path / "quebrada.msg"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportRefused, match=re.escape("quebrada.msg")):
        ingest.prepare(fake, ws=book, as_of=MARCH)


def test_subjects_in_unknown_charsets_and_nul_bytes_are_read_with_replacements(
    book: Workspace, tmp_path: Path
) -> None:
    message = Mail(
        "Ana <ana@team.example>",
        "João <joao.souza@acme.example>",
        "Tue, 10 Mar 2026 14:05:00 -0300",
        "=?x-unknown-charset?Q?Propost=E1?= =?utf-8?B?//79?= final",
        body="texto\x00com NUL",
        message_id="<odd@x>",
    )
    result = ingest.commit(
        book, ingest.prepare(eml(tmp_path / "x.eml", message), ws=book, as_of=MARCH)
    )
    assert result.rows_written == 1
    title, body = book.query("SELECT title, body FROM events WHERE source_key IS NOT NULL")[0]
    assert "final" in title and "\x00" not in title
    assert body == "textocom NUL"


def test_deeply_nested_mime_is_read_to_a_bounded_depth(book: Workspace, tmp_path: Path) -> None:
    depth = 3000
    head = (
        "From: Ana <ana@team.example>\nTo: joao.souza@acme.example\n"
        "Date: Tue, 10 Mar 2026 14:05:00 -0300\nSubject: Aninhada\nMessage-ID: <deep@x>\n"
        "MIME-Version: 1.0\n"
    )
    parts = []
    for level in range(depth):
        parts.append(f'Content-Type: multipart/mixed; boundary="b{level}"\n\n--b{level}\n')
    body = "Content-Type: text/plain\n\nno fundo\n"
    tail = "".join(f"\n--b{level}--\n" for level in reversed(range(depth)))
    path = tmp_path / "deep.eml"
    path.write_text(head + "".join(parts) + body + tail, encoding="utf-8")
    plan = ingest.prepare(path, ws=book, as_of=MARCH)
    # Either read (the body too deep to reach) or named as unreadable: never a traceback.
    assert plan.rows_read == 1
    assert plan.rows_accepted == 1 or any("message 1" in p.message for p in plan.errors)


def test_a_message_too_large_is_skipped_and_the_mailbox_goes_on(
    book: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail, "MAX_MESSAGE_BYTES", 20_000)
    big = Mail(
        "Ana <ana@team.example>",
        "joao.souza@acme.example",
        "Mon, 02 Mar 2026 10:00:00 -0300",
        "Anexo",
        body="x" * 50_000,
        message_id="<big@x>",
    )
    small = Mail(
        "Ana <ana@team.example>",
        "joao.souza@acme.example",
        "Tue, 03 Mar 2026 10:00:00 -0300",
        "Curta",
        message_id="<small@x>",
    )
    plan = ingest.prepare(
        thunderbird_mbox(tmp_path / "box.mbox", [big, small]), ws=book, as_of=MARCH
    )
    assert plan.rows_read == 2 and plan.rows_accepted == 1
    assert any("message 1" in p.message and "larger than" in p.message for p in plan.errors)


def test_a_file_that_is_not_a_mailbox_is_refused(book: Workspace, tmp_path: Path) -> None:
    fake = tmp_path / "caixa.mbox"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n not a mailbox")
    with pytest.raises(ImportRefused, match=re.escape("caixa.mbox: not a mailbox")):
        ingest.prepare(fake, ws=book, as_of=MARCH)


def test_a_message_without_a_date_is_a_problem_not_a_touch(book: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "nodate.eml"
    path.write_text(
        "From: ana@team.example\nTo: joao.souza@acme.example\nSubject: Sem data\n\ncorpo\n",
        encoding="utf-8",
    )
    plan = ingest.prepare(path, ws=book, as_of=MARCH)
    assert plan.rows_accepted == 0
    assert any("no date" in p.message for p in plan.errors)


def test_an_event_with_two_starts_is_a_problem_not_a_traceback(
    book: Workspace, tmp_path: Path
) -> None:
    """A real export (icalendar's own test calendars) writes one event's DTSTART twice; the
    recurrence library then fails inside with an AttributeError. The event is named and
    skipped; the others are read."""
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event("twice@x", "20260305T100000", "Duas vezes", ANA, [JOAO]),
            Event("ok@x", "20260310T100000", "Reunião", ANA, [JOAO]),
        ],
    )
    text = calendar.read_bytes()
    calendar.write_bytes(
        text.replace(
            b"DTSTART;TZID=America/Sao_Paulo:20260305T100000\r\n",
            b"DTSTART;TZID=America/Sao_Paulo:20260305T100000\r\n"
            b"DTSTART;TZID=America/Sao_Paulo:20260305T110000\r\n",
        )
    )
    assert calendar.read_bytes().count(b"DTSTART;TZID") == 3
    plan = ingest.prepare(calendar, ws=book, as_of=MARCH)
    twice = [p.message for p in plan.errors if "twice@x" in p.message]
    assert twice == [
        "event 1 (UID twice@x): cannot be read (it gives its start (DTSTART) 2 times where "
        "an event gives it once); skipped"
    ]
    ingest.commit(book, plan)
    assert [t[3] for t in touches(book, "Acme Corp")] == ["Reunião"]


def test_an_event_without_a_start_says_so(book: Workspace, tmp_path: Path) -> None:
    calendar = google_calendar(
        tmp_path / "cal.ics",
        "ana@team.example",
        [
            Event("nostart@x", "20260305T100000", "Sem início", ANA, [JOAO]),
            Event("ok@x", "20260310T100000", "Reunião", ANA, [JOAO]),
        ],
    )
    calendar.write_bytes(
        calendar.read_bytes().replace(b"DTSTART;TZID=America/Sao_Paulo:20260305T100000\r\n", b"")
    )
    plan = ingest.prepare(calendar, ws=book, as_of=MARCH)
    assert [p.message for p in plan.errors if "nostart@x" in p.message] == [
        "event 1 (UID nostart@x): cannot be read (it has no start (DTSTART)); skipped"
    ]
    assert plan.rows_read == 1
