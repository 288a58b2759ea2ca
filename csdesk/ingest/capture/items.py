"""What calendar and mail files hold, once read: meetings and messages, before matching.

Readers turn a file into these and into problems; they know nothing of the workspace. The
touch rules (:mod:`csdesk.ingest.capture.touches`) then decide which are touches with which
accounts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from csdesk.ingest.capture.addresses import Party
from csdesk.ingest.problems import ProblemLog


@dataclass(frozen=True, slots=True)
class Attendee:
    party: Party
    declined: bool = False
    resource: bool = False  # a room or a projector, not a person


@dataclass(frozen=True, slots=True)
class Meeting:
    """One occurrence of a calendar event."""

    key: str  # UID and occurrence start: the same meeting in a later export has the same key
    place: str  # where it is in the file, as a person reads it ("event 4, UID ...")
    at: datetime  # local wall-clock time, no time zone
    title: str
    organizer: Party | None
    attendees: tuple[Attendee, ...]
    cancelled: bool = False
    all_day: bool = False


@dataclass(frozen=True, slots=True)
class Message:
    """One e-mail message."""

    key: str  # Message-ID, else a hash of sender, date and subject
    place: str
    at: datetime
    subject: str
    sender: Party | None
    recipients: tuple[Party, ...]
    body: str  # plain text, already cut to what is kept


@dataclass
class FileRead:
    """A calendar or mail file as read: its items, what was skipped and why, and problems."""

    kind: str  # "calendar" or "mail"
    description: str  # "iCalendar (.ics)", "mailbox (.mbox)" ...
    meetings: list[Meeting] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    owner: Party | None = None  # the calendar's or mailbox's owner, when the file says so
    read: int = 0  # events or messages in the file (occurrences once expanded)
    upcoming: int = 0  # after the as-of date: not happened yet
    log: ProblemLog = field(default_factory=ProblemLog)
