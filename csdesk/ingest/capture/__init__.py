"""Touches captured from calendar and mail files: .ics, .eml, .mbox and .msg.

They come in through the same door as spreadsheets (:func:`csdesk.ingest.prepare` and
:func:`csdesk.ingest.commit`): one import batch, the same report, dry run, backup, atomic
commit and undo. This package reads the files, decides what is a touch with which account,
and writes them as timeline entries (``events``) with the stakeholders who took part.
"""

from __future__ import annotations

from pathlib import Path

# The file kinds captured, by suffix (lower case).
SUFFIXES = (".ics", ".eml", ".mbox", ".msg")


def is_capture_file(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES
