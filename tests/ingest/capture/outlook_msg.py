"""Outlook .msg files written as real OLE compound files, laid out as [MS-OXMSG] says.

extract-msg's own OLE writer builds the container; this module fills it with the streams
Outlook writes for a received message: the message class, subject, body, sender, the
transport headers (From, To, Date, Message-ID as the server delivered them) and one
recipient storage per recipient with its display name, SMTP address and type.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path

# Property tags: (id << 16) | type; 0x001F is a UTF-16 string, 0x0003 a 32-bit integer.
_STRING = 0x001F
_INT = 0x0003
_TIME = 0x0040
CLIENT_SUBMIT_TIME = 0x0039
MESSAGE_DELIVERY_TIME = 0x0E06
MESSAGE_CLASS = 0x001A
SUBJECT = 0x0037
TRANSPORT_HEADERS = 0x007D
SENDER_NAME = 0x0C1A
SENDER_ADDRESS = 0x0C1F
BODY = 0x1000
INTERNET_MESSAGE_ID = 0x1035
DISPLAY_NAME = 0x3001
EMAIL_ADDRESS = 0x3003
SMTP_ADDRESS = 0x39FE
RECIPIENT_TYPE = 0x0C15


def _stream(prop: int, kind: int = _STRING) -> str:
    return f"__substg1.0_{prop:04X}{kind:04X}"


def _filetime(date: str) -> int:
    """A FILETIME: 100-nanosecond intervals since 1601-01-01 UTC."""
    from email.utils import parsedate_to_datetime

    moment = parsedate_to_datetime(date)
    return int((moment.timestamp() + 11_644_473_600) * 10_000_000)


def _properties(
    header: bytes, strings: dict[int, str], ints: dict[int, int], times: dict[int, int]
) -> bytes:
    """The __properties_version1.0 stream: a header, then 16 bytes per property."""
    out = bytearray(header)
    for prop, value in times.items():
        out += struct.pack("<IIQ", (prop << 16) | _TIME, 0x6, value)
    for prop, text in strings.items():
        size = len(text.encode("utf-16-le")) + 2
        out += struct.pack("<IIII", (prop << 16) | _STRING, 0x6, size, 0)
    for prop, value in ints.items():
        out += struct.pack("<IIiI", (prop << 16) | _INT, 0x6, value, 0)
    return bytes(out)


def write_msg(
    path: Path,
    *,
    sender: tuple[str, str],
    recipients: Sequence[tuple[str, str]],
    subject: str,
    date: str,
    body: str,
    message_id: str,
) -> Path:
    from extract_msg.ole_writer import OleWriter

    headers = (
        f"Received: from mx.team.example; {date}\r\nDate: {date}\r\n"
        f"From: {sender[0]} <{sender[1]}>\r\n"
        f"To: {', '.join(f'{n} <{a}>' for n, a in recipients)}\r\n"
        f"Message-ID: {message_id}\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: text/plain; charset="utf-8"\r\n\r\n'
    )
    strings = {
        MESSAGE_CLASS: "IPM.Note",
        SUBJECT: subject,
        TRANSPORT_HEADERS: headers,
        SENDER_NAME: sender[0],
        SENDER_ADDRESS: sender[1],
        BODY: body,
        INTERNET_MESSAGE_ID: message_id,
    }
    writer = OleWriter()
    header = struct.pack("<8sIIII8s", b"\0" * 8, len(recipients), 0, len(recipients), 0, b"\0" * 8)
    sent = _filetime(date)
    times = {CLIENT_SUBMIT_TIME: sent, MESSAGE_DELIVERY_TIME: sent}
    writer.addEntry("__properties_version1.0", _properties(header, strings, {}, times))
    for prop, text in strings.items():
        writer.addEntry(_stream(prop), text.encode("utf-16-le"))
    writer.addEntry("__nameid_version1.0", storage=True)
    for guid in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{guid}", b"")
    for number, (name, email) in enumerate(recipients):
        folder = f"__recip_version1.0_#{number:08X}"
        writer.addEntry(folder, storage=True)
        texts = {DISPLAY_NAME: name, EMAIL_ADDRESS: email, SMTP_ADDRESS: email}
        writer.addEntry(
            f"{folder}/__properties_version1.0",
            _properties(b"\0" * 8, texts, {RECIPIENT_TYPE: 1}, {}),
        )
        for prop, text in texts.items():
            writer.addEntry(f"{folder}/{_stream(prop)}", text.encode("utf-16-le"))
    writer.write(str(path))
    return path
