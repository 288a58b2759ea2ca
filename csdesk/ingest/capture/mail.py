"""Mail files (.eml, .mbox, .msg) read into messages: headers decoded, bodies cut short.

The standard library's ``email`` parses .eml and each message of an .mbox (read one at a
time from the file, so a mailbox of a gigabyte never sits in memory whole); extract-msg
reads Outlook's .msg (an OLE compound file). Only what a touch needs is kept: who, when,
the subject and the first characters of the plain text. Attachments are never read.
A message that cannot be read is a problem naming its place in the file; the rest go on.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import mailbox
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from csdesk.i18n import N_, _
from csdesk.ingest.capture.addresses import Party, address, parties
from csdesk.ingest.capture.items import FileRead, Message
from csdesk.ingest.errors import HostileFile, UnreadableFile
from csdesk.ingest.wording import count as shown_count

# Characters of the plain-text body kept as the timeline entry's body.
BODY_CHARS = 500
# One message larger than this is not read (a mail with a large attachment is still far below).
MAX_MESSAGE_BYTES = 50_000_000
# MIME parts looked at for the plain text, and how deep: a hostile message nests thousands.
MAX_PARTS = 200
MAX_DEPTH = 20
# An .eml or .msg file; an .mbox is read message by message and has no limit of its own.
MAX_FILE_BYTES = MAX_MESSAGE_BYTES
_FROM_QUOTED = re.compile(rb"(?m)^>(>*From )")
# What a warning calls the parts of a message read in a guessed character set.
_PARTS = {
    "Subject": N_("subject"),
    "From": N_("sender"),
    "To": N_("recipients"),
    "Cc": N_("recipients"),
    "body": N_("body"),
}


def read_eml(path: Path, keep_body: bool = True) -> FileRead:
    out = FileRead("mail", _("e-mail message (.eml)"))
    _check_size(path)
    data = path.read_bytes()
    _add(out, data, _("message 1"), keep_body)
    return out


def read_mbox(path: Path, keep_body: bool = True) -> FileRead:
    out = FileRead("mail", _("mailbox (.mbox)"))
    with path.open("rb") as handle:
        start = handle.read(5)
    if start and start != b"From ":
        raise UnreadableFile(
            _(
                "{file}: not a mailbox (an .mbox file starts with a line 'From ...'). Export "
                "the folder again from the mail application as mbox."
            ).format(file=path.name)
        )
    box = mailbox.mbox(path, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            place = _("message {number}").format(number=number)
            part = box.get_file(key)
            try:
                data = part.read(MAX_MESSAGE_BYTES + 1)
            finally:
                part.close()
            if len(data) > MAX_MESSAGE_BYTES:
                out.read += 1
                out.log.add(
                    None,
                    None,
                    None,
                    _("{place}: larger than {size} MB; not read").format(
                        place=place, size=shown_count(MAX_MESSAGE_BYTES // 1_000_000)
                    ),
                    "error",
                    kind=_("message too large"),
                )
                continue
            # mboxrd quoting: a body line "From ..." was written ">From ..." (and ">From"
            # as ">>From"); one ">" comes off again.
            _add(out, _FROM_QUOTED.sub(rb"\1", data), place, keep_body)
    finally:
        box.close()
    return out


def read_msg(path: Path, keep_body: bool = True) -> FileRead:
    """An Outlook .msg file; anything that is not one is refused in a sentence."""
    import extract_msg

    out = FileRead("mail", _("Outlook message (.msg)"))
    _check_size(path)
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableFile(
            _(
                "{file}: not an Outlook message (a .msg file is an OLE compound file, and this "
                "one is not). Save the message again from Outlook, or drag it out as .eml."
            ).format(file=path.name)
        )
    try:
        msg: Any = extract_msg.openMsg(str(path), strict=False, delayAttachments=True)
    except Exception as error:  # extract-msg raises many kinds for damaged files
        raise UnreadableFile(
            _("{file}: this Outlook message cannot be read ({reason}).").format(
                file=path.name, reason=str(error)[:200] or type(error).__name__
            )
        ) from None
    place = _("message 1")
    try:
        out.read = 1
        sender = _one(msg.sender)
        recipients = tuple(
            party
            for r in getattr(msg, "recipients", [])
            for party in [_recipient(r)]
            if party is not None
        )
        when = msg.date
        body = _clean(msg.body or "") if keep_body else ""
        subject = _clean(msg.subject or "")
        message_id = str(msg.messageId or "").strip()
    except Exception as error:  # a damaged stream surfaces when its property is read
        _unreadable(out, place, error)
        return out
    finally:
        msg.close()
    _keep(out, place, message_id, when, subject, sender, recipients, body)
    return out


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise HostileFile(
            _("{file}: {size} MB is larger than any single message; it was not read.").format(
                file=path.name, size=shown_count(size // 1_000_000)
            )
        )


def _recipient(recipient: Any) -> Party | None:
    email_address = address(getattr(recipient, "email", None))
    if email_address is None:
        return None
    name = _clean(str(getattr(recipient, "name", "") or "")) or None
    return Party(email_address, name if name and name.lower() != email_address else None)


def _one(header: object) -> Party | None:
    found = parties(_clean(str(header))) if header else []
    return found[0] if found else None


def _clean(text: str) -> str:
    """Text as a timeline shows it: no NULs or control characters, spaces collapsed."""
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()


def _add(out: FileRead, data: bytes, place: str, keep_body: bool) -> None:
    out.read += 1
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
    try:
        parsed = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        guessed: list[str] = []
        subject = _clean(_header(parsed, "Subject", guessed))
        sender = _one(_header(parsed, "From", guessed))
        recipients = tuple(
            party
            for name in ("To", "Cc")
            for party in parties(_clean(_header(parsed, name, guessed)))
        )
        message_id = _header(parsed, "Message-ID").strip()
        when = _date(_header(parsed, "Date"))
        body = _plain_text(parsed, guessed) if keep_body else ""
    except (RecursionError, ValueError, TypeError, LookupError, AssertionError) as error:
        _unreadable(out, place, error)
        return
    if guessed:
        out.log.add(
            None,
            None,
            subject or None,
            _(
                "{place}: text in no declared character set ({parts}) was read as "
                "Windows-1252 (Western European)"
            ).format(place=place, parts=", ".join(dict.fromkeys(_(_PARTS[g]) for g in guessed))),
            "warning",
            kind=_("undeclared character set"),
        )
    _keep(out, place, message_id, when, subject, sender, recipients, body)


def _keep(
    out: FileRead,
    place: str,
    message_id: str,
    when: object,
    subject: str,
    sender: Party | None,
    recipients: tuple[Party, ...],
    body: str,
) -> None:
    """A message read whole: kept with its key, or a problem when it has no date."""
    if not isinstance(when, datetime):
        _undated(out, place, subject)
        return
    out.messages.append(
        Message(
            key=_key(message_id, sender, when, subject),
            place=place if not message_id else f"{place} (Message-ID {message_id[:120]})",
            at=_local(when),
            subject=subject,
            sender=sender,
            recipients=recipients,
            body=body[:BODY_CHARS],
        )
    )


def _unreadable(out: FileRead, place: str, error: BaseException) -> None:
    out.log.add(
        None,
        None,
        None,
        _("{place}: cannot be read ({reason}); skipped").format(
            place=place, reason=str(error)[:200] or type(error).__name__
        ),
        "error",
        kind=_("unreadable message"),
    )


def _undated(out: FileRead, place: str, subject: str) -> None:
    out.log.add(
        None,
        None,
        subject or None,
        _("{place}: has no date csdesk can read; skipped").format(place=place),
        "error",
        kind=_("message without a date"),
    )


def _header(message: EmailMessage, name: str, guessed: list[str] | None = None) -> str:
    """A header as text; an encoded word in an unknown charset is decoded with replacements
    instead of failing the message. Raw 8-bit text (no encoded word says its charset) is read
    as UTF-8 when it is that, else as Windows-1252, and its name added to ``guessed``."""
    try:
        value = message.get(name)
    except (ValueError, LookupError, TypeError, IndexError):
        raw = message.get_all(name, failobj=[])
        value = str(raw[0]) if raw else None
    text = "" if value is None else str(value)
    if "\ufffd" in text:
        raw_value = next((v for k, v in message.raw_items() if k.lower() == name.lower()), "")
        if "=?" not in raw_value and any("\udc80" <= ch <= "\udcff" for ch in raw_value):
            text, windows = _undeclared(raw_value.encode("ascii", "surrogateescape"))
            if windows and guessed is not None:
                guessed.append(name)
    return text


def _undeclared(raw: bytes) -> tuple[str, bool]:
    """8-bit text with no declared charset: UTF-8 when it is valid UTF-8, else Windows-1252,
    what Windows mail programs in Brazil and Western Europe write (True: read as that)."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), True


def _date(text: str) -> datetime | None:
    if not text.strip():
        return None
    try:
        return parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError):
        return None


def _local(when: datetime) -> datetime:
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.replace(tzinfo=None, microsecond=0)


def _key(message_id: str, sender: Party | None, when: datetime, subject: str) -> str:
    if message_id:
        return "mail:" + message_id.strip("<> ").lower()
    moment = when.astimezone(UTC) if when.tzinfo is not None else when
    text = "\x1f".join([sender.email if sender else "", moment.isoformat(), subject])
    return "mail:sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _plain_text(message: EmailMessage, guessed: list[str] | None = None) -> str:
    """The first text/plain part (a text/html part stripped of tags if there is none),
    looking at no more than :data:`MAX_PARTS` parts at no more than :data:`MAX_DEPTH`."""
    html: str | None = None
    stack: list[tuple[Any, int]] = [(message, 0)]
    seen = 0
    while stack and seen < MAX_PARTS:
        part, depth = stack.pop(0)
        seen += 1
        if part.is_multipart():
            if depth < MAX_DEPTH:
                payload = part.get_payload()
                if isinstance(payload, list):
                    stack.extend((child, depth + 1) for child in payload)
            continue
        if part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html"):
            continue
        text = _part_text(part, guessed)
        if kind == "text/plain" and text.strip():
            return _clean(text)
        if kind == "text/html" and html is None:
            html = text
    return _clean(_strip_tags(html)) if html else ""


def _part_text(part: Any, guessed: list[str] | None = None) -> str:
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):
        raw = part.get_payload(decode=True) or b""
        return raw.decode("utf-8", errors="replace")
    if not isinstance(content, str):
        return ""
    if "\ufffd" in content and part.get_content_charset() is None:
        content, windows = _undeclared(part.get_payload(decode=True) or b"")
        if windows and guessed is not None:
            guessed.append("body")
    return content


def _strip_tags(html: str) -> str:
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self._skip = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in ("script", "style"):
                self._skip += 1
            elif tag in ("br", "p", "div", "tr", "li"):
                self.parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in ("script", "style") and self._skip:
                self._skip -= 1

        def handle_data(self, data: str) -> None:
            if not self._skip:
                self.parts.append(data)

    parser = _Text()
    parser.feed(html[: BODY_CHARS * 40])
    return "".join(parser.parts)
