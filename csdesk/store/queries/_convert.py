"""Turning workspace text into Python values, tolerant of the blanks imports leave."""

from __future__ import annotations

from datetime import date, datetime


def to_date(text: str | None) -> date | None:
    """An ISO date (or the date part of a date-time); None for blank or malformed text."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def to_datetime(text: str | None) -> datetime | None:
    """An ISO date-time or date (midnight); None for blank or malformed text."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        day = to_date(text)
        return None if day is None else datetime(day.year, day.month, day.day)
