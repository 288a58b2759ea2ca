"""A calendar or mail file as an import plan, and its commit: touches in one batch.

:func:`prepare` reads the file and decides its touches against the workspace, writing
nothing; the plan it returns is an :class:`~csdesk.ingest.plan.ImportPlan` like a
spreadsheet's, so the command line and the wizard show, refuse and commit it the same way.
:func:`write` decides the touches again against the workspace as it is at commit (a contact
added in between is used) and writes them: a touch already in the workspace (same source
key and account) is skipped when unchanged and updated when it changed, so importing a later
export of the same calendar adds only what is new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from csdesk.domain.month import Month
from csdesk.i18n import _, ngettext
from csdesk.ingest.capture import calendars, mail
from csdesk.ingest.capture.addresses import Party
from csdesk.ingest.capture.items import FileRead
from csdesk.ingest.capture.touches import SKIP_REASONS, Directory, Touches, decide
from csdesk.ingest.problems import Problem, ProblemLog
from csdesk.ingest.wording import count as shown_count
from csdesk.progress import ProgressCallback
from csdesk.store import Workspace
from csdesk.store.settings import Setting

# Whether an e-mail's first characters are kept as its timeline entry's body.
KEEP_BODIES: Setting[bool] = Setting(
    "capture_mail_bodies", True, "Keep the first 500 characters of captured e-mails"
)
PREVIEW_ROWS = 50


@dataclass(frozen=True)
class CapturePlan:
    """What a capture plan keeps for its commit: the file as read and the time it ends at."""

    read: FileRead
    until: datetime
    touches: Touches


def until_of(as_of: Month | date | None, now: datetime | None = None) -> datetime:
    """The moment after which nothing has happened yet: the end of the as-of day or month,
    and never later than now."""
    now = (now or datetime.now()).replace(microsecond=0)
    if as_of is None:
        return now
    if isinstance(as_of, Month):
        end = datetime.combine((as_of + 1).first_day, time())
    else:
        end = datetime.combine(as_of + timedelta(days=1), time())
    return min(end, now)


def read_file(path: Path, until: datetime, keep_bodies: bool) -> FileRead:
    suffix = path.suffix.lower()
    if suffix == ".ics":
        return calendars.read_calendar(path, until)
    if suffix == ".mbox":
        read = mail.read_mbox(path, keep_bodies)
    elif suffix == ".msg":
        read = mail.read_msg(path, keep_bodies)
    else:
        read = mail.read_eml(path, keep_bodies)
    kept = [m for m in read.messages if m.at < until]
    read.upcoming += len(read.messages) - len(kept)
    read.messages = kept
    return read


def prepare(
    path: Path,
    ws: Workspace | None,
    as_of: Month | date | None,
    progress: ProgressCallback,
) -> Any:
    """The import plan of a calendar or mail file; see the module docstring."""
    from csdesk.ingest.plan import ImportPlan, file_hash

    progress(0.0, _("reading {file}").format(file=path.name))
    until = until_of(as_of)
    keep_bodies = KEEP_BODIES.get(ws) if ws is not None else True
    read = read_file(path, until, keep_bodies)
    progress(0.6, _("matching people to accounts"))
    directory = Directory.load(ws)
    touches = decide(read, directory)
    problems = _problems(read.log, touches.log)
    blocking = _blocking(path, ws, directory, touches, read, problems)
    skipped = sum(touches.skipped.values())
    progress(1.0, _("ready"))
    month = as_of if isinstance(as_of, Month) else Month.of((until - timedelta(seconds=1)).date())
    return ImportPlan(
        path=path,
        file_name=path.name,
        description=read.description,
        sheets=[],
        sheet=None,
        header_row=0,
        entity="events",
        entity_confidence=1.0,
        entity_scores={"events": 1.0},
        columns=[],
        rows=_preview(touches, directory),
        problems=problems,
        totals_row=None,
        rows_read=read.read,
        rows_accepted=len(touches.touches),
        rows_rejected=sum(1 for p in problems if p.severity == "error"),
        rows_skipped=skipped,
        accounts_to_create=0 if ws is not None else None,
        is_wide_revenue=False,
        content_hash=file_hash(path),
        layout_key="capture:" + path.suffix.lower(),
        as_of=month,
        mapping_source="automatic",
        blocking=blocking,
        _capture=CapturePlan(read, until, touches),
        _ws=ws,
    )


def describe_skipped(touches: Touches) -> list[str]:
    """One line per reason a meeting or message was not written, as the report shows it."""
    lines = []
    for reason, count in touches.skipped.items():
        if count:
            lines.append(
                ngettext("{count} skipped: {reason}", "{count} skipped: {reason}", count).format(
                    count=shown_count(count), reason=_(SKIP_REASONS[reason])
                )
            )
    return lines


def _problems(*logs: ProblemLog) -> list[Problem]:
    merged: list[Problem] = []
    for log in logs:
        merged.extend(log.finished())
    return merged


def _blocking(
    path: Path,
    ws: Workspace | None,
    directory: Directory,
    touches: Touches,
    read: FileRead,
    problems: list[Problem],
) -> str | None:
    if ws is None or not directory.names:
        return _(
            "{file}: the workspace has no accounts to match these meetings and messages to. "
            "Import your accounts (with their domain) and contacts first. Nothing was imported."
        ).format(file=path.name)
    if not directory.knows_team() and touches.owner_assumed is None:
        return _(
            "{file}: csdesk cannot tell your team from your customers: the workspace's team "
            "has no e-mail addresses and the file does not name its owner. Import your team "
            "(people with their e-mail addresses) first. Nothing was imported."
        ).format(file=path.name)
    if not read.read and not read.upcoming:
        errors = [p for p in problems if p.severity == "error"]
        if errors:  # the file held some, none readable: say why, not that it is empty
            return ngettext(
                "{file}: holds no meeting or message csdesk could read ({count} could not be "
                "read: {problem}). Nothing was imported.",
                "{file}: holds no meeting or message csdesk could read ({count} could not be "
                "read; the first: {problem}). Nothing was imported.",
                len(errors),
            ).format(file=path.name, count=shown_count(len(errors)), problem=errors[0].message)
        return _("{file}: holds no meeting or message. Nothing was imported.").format(
            file=path.name
        )
    return None


def _preview(touches: Touches, directory: Directory) -> list[dict[str, Any]]:
    """The first touches as the preview lists them (the kind by its name)."""
    from csdesk.domain.enums import EventKind
    from csdesk.i18n import labels

    rows = []
    for number, touch in enumerate(touches.touches[:PREVIEW_ROWS], start=1):
        rows.append(
            {
                "row": number,
                "ok": True,
                "date": touch.at,
                "account": directory.names.get(touch.account_id, ""),
                "kind": labels.label(EventKind(touch.kind)),
                "title": touch.title,
                "people": ", ".join(p.shown() for p in touch.people),
            }
        )
    return rows


@dataclass
class Written:
    written: int = 0
    updated: int = 0
    unchanged: int = 0
    contacts_created: int = 0


def write(ws: Workspace, capture: CapturePlan, batch_id: int) -> tuple[Written, Touches]:
    """Write the touches (inside the caller's transaction); see the module docstring."""
    from csdesk.ingest.writers import WriteContext, _update_row

    touches = decide(capture.read, Directory.load(ws))
    ctx = WriteContext(ws, batch_id, Month.of(capture.until.date()))
    counts = Written()
    contacts = _ContactBook(ws, batch_id)
    conn = ws.conn
    for touch in touches.touches:
        at = touch.at.isoformat(sep=" ")
        row = conn.execute(
            "SELECT id FROM events WHERE account_id = ? AND source_key = ?",
            (touch.account_id, touch.source_key),
        ).fetchone()
        values = {
            "at": at,
            "kind": touch.kind,
            "role": touch.role,
            "person_id": touch.person_id,
            "title": touch.title,
            "body": touch.body,
        }
        if row is None:
            cursor = conn.execute(
                "INSERT INTO events (account_id, at, kind, role, person_id, title, body, "
                "source_key, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (touch.account_id, *values.values(), touch.source_key, batch_id),
            )
            event_id = int(cursor.lastrowid or 0)
            counts.written += 1
        else:
            event_id = int(row[0])
            if _update_row(ctx, "events", event_id, values):
                counts.updated += 1
            else:
                counts.unchanged += 1
        for party in touch.people:
            contact = contacts.contact(touch.account_id, party)
            conn.execute(
                "INSERT OR IGNORE INTO event_contacts (event_id, contact_id) VALUES (?, ?)",
                (event_id, contact),
            )
    counts.contacts_created = contacts.created
    return counts, touches


def contact_name(party: Party) -> str:
    """A new contact's name: the display name, "Souza, João" (Outlook's order) read as
    "João Souza"; without one, the address."""
    name = (party.name or "").strip()
    if not name:
        return party.email
    last, comma, first = name.partition(",")
    if comma and first.strip() and "," not in first and "@" not in name:
        return f"{first.strip()} {last.strip()}"
    return name


class _ContactBook:
    """Contacts by account and address; an unknown stakeholder becomes a contact of the batch."""

    def __init__(self, ws: Workspace, batch_id: int) -> None:
        self.ws = ws
        self.batch_id = batch_id
        self.created = 0
        self.known: dict[tuple[int, str], int] = {}
        for cid, account, email in ws.query(
            "SELECT id, account_id, lower(trim(email)) FROM contacts WHERE email IS NOT NULL"
        ):
            self.known.setdefault((int(account), str(email)), int(cid))

    def contact(self, account: int, party: Party) -> int:
        found = self.known.get((account, party.email))
        if found is not None:
            return found
        cursor = self.ws.conn.execute(
            "INSERT INTO contacts (account_id, name, email, batch_id) VALUES (?, ?, ?, ?)",
            (account, contact_name(party), party.email, self.batch_id),
        )
        self.created += 1
        contact_id = int(cursor.lastrowid or 0)
        self.known[(account, party.email)] = contact_id
        return contact_id
