"""Calendar and mail files written as Google Calendar, Outlook and Thunderbird export them.

Google: ``X-WR-CALNAME`` (the owner's address), ``X-WR-TIMEZONE``, a VTIMEZONE block, TZID
parameters, lines folded at 75 octets with CRLF, ``CN=`` names quoted when they hold a comma,
rooms as ``CUTYPE=RESOURCE``. Outlook: Windows zone names (``E. South America Standard
Time``) with their own VTIMEZONE, ``X-MICROSOFT-CDO-*`` lines. Thunderbird: an mbox with
``From - <date>`` separators and ``>From`` quoting. Every file here is built from text, so a
test reads exactly what such an export holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

GOOGLE_ZONE = """BEGIN:VTIMEZONE
TZID:America/Sao_Paulo
X-LIC-LOCATION:America/Sao_Paulo
BEGIN:STANDARD
TZOFFSETFROM:-0300
TZOFFSETTO:-0300
TZNAME:-03
DTSTART:19700101T000000
END:STANDARD
END:VTIMEZONE"""

OUTLOOK_ZONE = """BEGIN:VTIMEZONE
TZID:E. South America Standard Time
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:-0300
TZOFFSETTO:-0300
END:STANDARD
END:VTIMEZONE"""


@dataclass
class Event:
    uid: str
    start: str  # 20260310T100000 (in the zone), or 20260310 for an all-day event
    summary: str
    organizer: tuple[str, str] | None = None  # (name, address)
    attendees: Sequence[tuple[str, str, str]] = ()  # (name, address, PARTSTAT)
    rooms: Sequence[tuple[str, str]] = ()
    rrule: str | None = None
    exdates: Sequence[str] = ()
    status: str = "CONFIRMED"
    recurrence_id: str | None = None
    sequence: int = 0
    extra: Sequence[str] = field(default_factory=list)


def fold(line: str) -> str:
    """RFC 5545 folding: at most 75 octets a line, continued with CRLF and one space."""
    data = line.encode("utf-8")
    parts = []
    while len(data) > 75:
        cut = 75 if not parts else 74
        while cut and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
    parts.append(data)
    return "\r\n ".join(p.decode("utf-8") for p in parts)


def _cn(name: str) -> str:
    return f'"{name}"' if any(ch in name for ch in ",;:") else name


def _event_lines(event: Event, zone: str) -> list[str]:
    all_day = len(event.start) == 8
    lines = ["BEGIN:VEVENT"]
    if all_day:
        lines.append(f"DTSTART;VALUE=DATE:{event.start}")
    else:
        lines.append(f"DTSTART;TZID={zone}:{event.start}")
        hour = int(event.start[9:11]) + 1
        lines.append(f"DTEND;TZID={zone}:{event.start[:9]}{hour:02d}{event.start[11:]}")
    if event.rrule:
        lines.append(f"RRULE:{event.rrule}")
    for exdate in event.exdates:
        lines.append(f"EXDATE;TZID={zone}:{exdate}")
    if event.recurrence_id:
        lines.append(f"RECURRENCE-ID;TZID={zone}:{event.recurrence_id}")
    lines += ["DTSTAMP:20261101T120000Z", f"UID:{event.uid}"]
    if event.organizer:
        name, email = event.organizer
        lines.append(f"ORGANIZER;CN={_cn(name)}:mailto:{email}")
    for name, email, partstat in event.attendees:
        lines.append(
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};"
            f"CN={_cn(name)};X-NUM-GUESTS=0:mailto:{email}"
        )
    for name, email in event.rooms:
        lines.append(
            f"ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={_cn(name)};"
            f"X-NUM-GUESTS=0:mailto:{email}"
        )
    lines += [
        "CREATED:20260101T120000Z",
        "DESCRIPTION:Pauta: resultados do trimestre\\, próximos passos e dúvidas da equipe "
        "do cliente sobre a integração.",
        "LAST-MODIFIED:20261101T120000Z",
        f"SEQUENCE:{event.sequence}",
        f"STATUS:{event.status}",
        f"SUMMARY:{event.summary}",
        "TRANSP:OPAQUE",
        *event.extra,
        "END:VEVENT",
    ]
    return lines


def google_calendar(path: Path, owner: str, events: Sequence[Event]) -> Path:
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{owner}",
        "X-WR-TIMEZONE:America/Sao_Paulo",
        *GOOGLE_ZONE.splitlines(),
    ]
    for event in events:
        lines += _event_lines(event, "America/Sao_Paulo")
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8"))
    return path


def outlook_calendar(path: Path, events: Sequence[Event]) -> Path:
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "VERSION:2.0",
        "METHOD:PUBLISH",
        "X-MS-OLK-FORCEINSPECTOROPEN:TRUE",
        *OUTLOOK_ZONE.splitlines(),
    ]
    for event in events:
        body = _event_lines(event, "E. South America Standard Time")
        body.insert(-1, "X-MICROSOFT-CDO-BUSYSTATUS:BUSY")
        body.insert(-1, "X-MICROSOFT-CDO-IMPORTANCE:1")
        lines += body
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8"))
    return path


@dataclass
class Mail:
    sender: str  # 'Ana Lima <ana@team.example>'
    to: str
    date: str  # RFC 2822: 'Tue, 10 Mar 2026 14:05:00 -0300'
    subject: str  # raw header text (may hold encoded words)
    body: str = "Olá,\n\nSegue o resumo da nossa conversa.\n\nAbraços"
    message_id: str | None = None
    cc: str | None = None
    html: bool = False


def eml_text(mail: Mail) -> str:
    headers = [
        "Return-Path: <bounce@team.example>",
        "Received: from mx.team.example by mail.team.example; " + mail.date,
        "MIME-Version: 1.0",
        f"Date: {mail.date}",
        f"From: {mail.sender}",
        f"To: {mail.to}",
    ]
    if mail.cc:
        headers.append(f"Cc: {mail.cc}")
    if mail.message_id:
        headers.append(f"Message-ID: {mail.message_id}")
    headers.append(f"Subject: {mail.subject}")
    if mail.html:
        boundary = "000000000000a1b2c3"
        headers.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
        text = (
            f'--{boundary}\nContent-Type: text/html; charset="UTF-8"\n'
            "Content-Transfer-Encoding: 8bit\n\n"
            f"<html><head><style>p{{color:red}}</style></head><body><p>{mail.body}</p>"
            f"</body></html>\n--{boundary}--\n"
        )
        return "\n".join(headers) + "\n\n" + text
    headers += ['Content-Type: text/plain; charset="UTF-8"', "Content-Transfer-Encoding: 8bit"]
    return "\n".join(headers) + "\n\n" + mail.body + "\n"


def eml(path: Path, mail: Mail) -> Path:
    path.write_bytes(eml_text(mail).replace("\n", "\r\n").encode("utf-8"))
    return path


def thunderbird_mbox(path: Path, mails: Sequence[Mail]) -> Path:
    chunks = []
    for mail in mails:
        text = eml_text(mail)
        quoted = "\n".join(
            ">" + line if line.startswith("From ") else line for line in text.split("\n")
        )
        chunks.append("From - Tue Mar 10 14:05:00 2026\nX-Mozilla-Status: 0001\n" + quoted + "\n")
    path.write_bytes("".join(chunks).encode("utf-8"))
    return path
