"""Calendar exports (.ics) read into meetings: time zones, recurrences and hostile files.

icalendar parses the file (VTIMEZONE blocks, TZID parameters, Windows zone names, folded
lines); recurring-ical-events expands each series (RRULE, RDATE, EXDATE, moved occurrences).
Each series is expanded on its own and lazily, up to the as-of time and at most
:data:`MAX_OCCURRENCES` times, so an RRULE without end, or one that repeats every second,
costs what a normal series does and is reported, never followed to the end of time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from csdesk.i18n import N_, _
from csdesk.ingest.capture.addresses import Party, address
from csdesk.ingest.capture.items import Attendee, FileRead, Meeting
from csdesk.ingest.errors import HostileFile, UnreadableFile
from csdesk.ingest.wording import count as shown_count

# A calendar export of many years is a few MB; beyond this it is not a calendar a person has.
MAX_CALENDAR_BYTES = 200_000_000
# Occurrences of one series kept before the as-of time (weekly for about 20 years).
MAX_OCCURRENCES = 1_000
# Attendees of one occurrence read; an all-hands invite to thousands is not a touch anyway.
MAX_ATTENDEES = 500


def read_calendar(path: Path, until: datetime) -> FileRead:
    """The meetings of ``path`` that started before ``until`` (local time, naive)."""
    import icalendar
    import x_wr_timezone

    size = path.stat().st_size
    if size > MAX_CALENDAR_BYTES:
        raise HostileFile(
            _(
                "{file}: {size} MB is far larger than any calendar export; it was not read. "
                "Export the calendar again, or a shorter period of it."
            ).format(file=path.name, size=shown_count(size // 1_000_000))
        )
    data = path.read_bytes()
    out = FileRead("calendar", _("iCalendar (.ics)"))
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
        out.log.add(
            None,
            None,
            None,
            _("the file holds NUL bytes (it may be damaged); they were removed before reading"),
            "warning",
        )
    try:
        calendar = icalendar.Calendar.from_ical(data)
        calendar = x_wr_timezone.to_standard(calendar)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise UnreadableFile(
            _(
                "{file}: not a calendar csdesk can read ({reason}). Export it again from the "
                "calendar application as iCalendar (.ics)."
            ).format(file=path.name, reason=str(error)[:200])
        ) from None
    if not isinstance(calendar, icalendar.Calendar):
        raise UnreadableFile(
            _("{file}: not a calendar (no VCALENDAR in it).").format(file=path.name)
        )
    out.owner = _owner(calendar)
    zones = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    series: dict[str, list[Any]] = {}
    for number, component in enumerate(calendar.walk("VEVENT"), start=1):
        uid = str(component.get("UID") or f"#{number}")
        series.setdefault(uid, []).append(component)
    for number, (uid, components) in enumerate(series.items(), start=1):
        place = _("event {number} (UID {uid})").format(number=number, uid=uid[:120])
        try:
            _expand(out, uid, place, components, zones, until)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
            out.log.add(
                None,
                None,
                None,
                _("{place}: cannot be read ({reason}); skipped").format(
                    place=place, reason=str(error)[:200]
                ),
                "error",
                kind=_("unreadable event"),
            )
    return out


def _owner(calendar: Any) -> Party | None:
    """Google names an exported calendar after its owner's address (X-WR-CALNAME)."""
    email = address(calendar.get("X-WR-CALNAME"))
    return Party(email) if email else None


def _expand(
    out: FileRead,
    uid: str,
    place: str,
    components: list[Any],
    zones: list[Any],
    until: datetime,
) -> None:
    import icalendar
    import recurring_ical_events

    _check_one_of_each(components)
    mini = icalendar.Calendar()
    for zone in zones:
        mini.add_component(zone)
    for component in components:
        mini.add_component(component)
    limit = until.astimezone()  # this computer's zone, as the local times are
    rule = _rule(components)
    cut = False
    if rule is not None:
        # The rule alone (dateutil, lazily) says where the first MAX_OCCURRENCES end; the
        # library then expands only up to there, whatever the rule's frequency.
        for number, moment in enumerate(rule):
            if number == MAX_OCCURRENCES:
                if _aware(moment) < limit:
                    limit, cut = _aware(moment), True
                break
            if _aware(moment) >= limit:
                break
        if not cut and rule.after(_in_zone(limit, rule)) is not None:
            out.upcoming += 1
    occurrences = recurring_ical_events.of(mini).between(datetime(1, 1, 2), limit)
    for occurrence in sorted(occurrences, key=lambda o: _aware(o.get("DTSTART").dt)):
        start = occurrence.get("DTSTART")
        at, all_day = _local(start.dt)
        if at >= until:
            continue
        out.read += 1
        out.meetings.append(_meeting(occurrence, uid, place, at, all_day, _instant(start.dt)))
    if rule is None and not occurrences:
        starts = [c.get("DTSTART") for c in components]
        if any(s is not None and _local(s.dt)[0] >= until for s in starts):
            out.upcoming += 1
        elif all(s is None for s in starts):
            raise ValueError(_("it has no start (DTSTART)"))
    if cut:
        out.log.add(
            None,
            None,
            None,
            _(
                "{place}: repeats more than {limit} times before the as-of date; only the "
                "first {limit} occurrences were read"
            ).format(place=place, limit=shown_count(MAX_OCCURRENCES)),
            "warning",
            kind=_("series cut"),
        )


# What an event holds once: the recurrence library reads each as a single value and fails
# inside (an AttributeError on a list) when a file writes one twice.
_SINGLE = {
    "DTSTART": N_("its start (DTSTART)"),
    "DTEND": N_("its end (DTEND)"),
    "DURATION": N_("its duration (DURATION)"),
    "RECURRENCE-ID": N_("its recurrence id (RECURRENCE-ID)"),
}


def _check_one_of_each(components: list[Any]) -> None:
    """Refuse, as this event's problem, a start missing or any time written twice."""
    for component in components:
        if component.get("DTSTART") is None:
            raise ValueError(_("it has no start (DTSTART)"))
        for name, what in _SINGLE.items():
            value = component.get(name)
            if isinstance(value, list):
                raise ValueError(
                    _("it gives {what} {count} times where an event gives it once").format(
                        count=shown_count(len(value)), what=_(what)
                    )
                )


def _rule(components: list[Any]) -> Any:
    """The series' recurrence rule as dateutil reads it (None for a single event)."""
    from dateutil.rrule import rrulestr

    master = next(
        (c for c in components if c.get("RRULE") is not None and c.get("RECURRENCE-ID") is None),
        None,
    )
    if master is None or master.get("DTSTART") is None:
        return None
    start = master.get("DTSTART").dt
    if not isinstance(start, datetime):
        start = datetime.combine(start, time())
    rules = master.get("RRULE")
    text = "\n".join(
        "RRULE:" + r.to_ical().decode("utf-8", "replace")
        for r in (rules if isinstance(rules, list) else [rules])
    )
    return rrulestr(text, dtstart=start, forceset=True)


def _aware(moment: object) -> datetime:
    """A start as an aware time to compare: floating and all-day starts in this computer's zone."""
    if isinstance(moment, datetime):
        return moment if moment.tzinfo is not None else moment.astimezone()
    if isinstance(moment, date):
        return datetime.combine(moment, time()).astimezone()
    raise ValueError(_("its start is not a date"))


def _in_zone(limit: datetime, rule: Any) -> datetime:
    """``limit`` as the rule compares it: naive when the rule's start is floating."""
    first = next(iter(rule), None)
    if isinstance(first, datetime) and first.tzinfo is None:
        return limit.astimezone().replace(tzinfo=None)
    return limit


def _local(value: object) -> tuple[datetime, bool]:
    """A start as local wall-clock time: a zoned time in this computer's zone, a floating
    time as written, an all-day date at midnight."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone().replace(tzinfo=None, microsecond=0), False
        return value.replace(microsecond=0), False
    if isinstance(value, date):
        return datetime.combine(value, time()), True
    raise ValueError(_("its start is not a date"))


def _instant(value: object) -> str:
    """The start as the key writes it: a zoned time in UTC, so that the same meeting has
    the same key whatever this computer's zone is when it is imported again."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    if isinstance(value, datetime):
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d") if isinstance(value, date) else str(value)


def _party(value: Any) -> Party | None:
    email = address(value)
    if email is None:
        return None
    params = getattr(value, "params", {})
    name = params.get("CN")
    return Party(email, str(name).strip().strip('"') or None if name else None)


def _meeting(
    occurrence: Any, uid: str, place: str, at: datetime, all_day: bool, instant: str
) -> Meeting:
    attendees: list[Attendee] = []
    raw = occurrence.get("ATTENDEE") or []
    for value in (raw if isinstance(raw, list) else [raw])[:MAX_ATTENDEES]:
        party = _party(value)
        if party is None:
            continue
        params = getattr(value, "params", {})
        cutype = str(params.get("CUTYPE", "INDIVIDUAL")).upper()
        attendees.append(
            Attendee(
                party,
                declined=str(params.get("PARTSTAT", "")).upper() == "DECLINED",
                resource=cutype in ("ROOM", "RESOURCE"),
            )
        )
    status = str(occurrence.get("STATUS", "")).upper()
    title = " ".join(str(occurrence.get("SUMMARY") or "").split())
    return Meeting(
        key=f"ics:{uid}:{instant}",
        place=place,
        at=at,
        title=title,
        organizer=_party(occurrence.get("ORGANIZER")),
        attendees=tuple(attendees),
        cancelled=status == "CANCELLED",
        all_day=all_day,
    )
