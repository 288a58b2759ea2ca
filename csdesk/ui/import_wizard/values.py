"""How the import steps write what the importer read, and which fields a sheet can fill.

Shared by the columns, preview and summary steps: one place decides how a read value looks in
the reader's locale and what a column's field choices are.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from csdesk.ui.session import Session
from csdesk.ui.translate import _

# The choice of a column that is left out (the importer's mapping takes "-" to mean so).
LEAVE_OUT = "-"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")


def shown_value(session: Session, value: Any, field: str | None = None) -> str:
    """A value the importer read (to fill ``field``), written as the reader's locale writes
    it: a month as ``jan/2026``, not as the ``2026-01`` it is kept as."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return session.number(value, decimals=2)
    if isinstance(value, datetime):
        return session.moment(value)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return session.day(date.fromisoformat(value))
    if field == "month":
        from csdesk.domain.month import Month

        if isinstance(value, Month):
            return session.month(value)
        if isinstance(value, str) and _ISO_MONTH.fullmatch(value):
            return session.month(Month.parse(value))
    return str(value)


def entity_fields(entity: str | None) -> list[str]:
    """The fields a sheet of ``entity`` can fill, in the order of DESIGN.md's table."""
    if entity is None:
        return []
    from csdesk.ingest.vocabulary import entity_specs

    spec = entity_specs().get(entity)
    return [] if spec is None else list(spec.fields)


def file_kind(path: Path) -> str:
    """What kind of spreadsheet a file is, from its name (before it is read)."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return _("Text table ({kind})").format(kind=suffix.lstrip(".").upper())
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return _("Excel workbook ({kind})").format(kind=suffix.lstrip(".").upper())
    if suffix == ".ods":
        return _("OpenDocument spreadsheet (ODS)")
    return suffix.lstrip(".").upper() or _("unknown")


def file_size(session: Session, size: int) -> str:
    """A file's size as a person reads it: 812 bytes, 14.2 KB, 3.1 MB."""
    if size < 1024:
        return _("{n} bytes").format(n=session.number(size))
    if size < 1024 * 1024:
        return _("{n} KB").format(n=session.number(size / 1024, decimals=1))
    return _("{n} MB").format(n=session.number(size / (1024 * 1024), decimals=1))
