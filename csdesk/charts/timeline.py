"""The account timeline's time axis: one lane per kind of event, a marker per event.

Logged events (meetings, QBRs, calls, escalations...) and those derived from other tables
(revenue movements, tickets, surveys, renewal dates) share the axis, so a reader sees at a
glance that the escalation came two weeks after a burst of tickets and a month before churn.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np

from csdesk.charts.axes import DateFormatter
from csdesk.charts.style import chart_text, empty_figure, new_figure, set_title
from csdesk.charts.theme import LIGHT, Theme
from csdesk.domain.enums import DerivedEventKind, EventKind
from csdesk.i18n.labels import label, movement_label
from csdesk.i18n.lang import Lang, ambient

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

# Lane order, top to bottom: the relationship first, then trouble, then money.
KIND_ORDER: tuple[str, ...] = (
    EventKind.QBR,
    EventKind.MEETING,
    EventKind.CALL,
    EventKind.EMAIL,
    EventKind.NOTE,
    EventKind.ONBOARDING_STEP,
    EventKind.MILESTONE,
    EventKind.CHAMPION_CHANGE,
    DerivedEventKind.SURVEY,
    DerivedEventKind.TICKET,
    EventKind.ESCALATION,
    DerivedEventKind.REVENUE_MOVEMENT,
    EventKind.RENEWAL,
    DerivedEventKind.RENEWAL_DUE,
    EventKind.CHURN,
)

_MARKERS: dict[str, str] = {
    EventKind.QBR: "D",
    EventKind.MEETING: "o",
    EventKind.CALL: "o",
    EventKind.EMAIL: "s",
    EventKind.NOTE: "s",
    EventKind.ONBOARDING_STEP: "^",
    EventKind.MILESTONE: "*",
    EventKind.CHAMPION_CHANGE: "P",
    DerivedEventKind.SURVEY: "h",
    DerivedEventKind.TICKET: "v",
    EventKind.ESCALATION: "X",
    DerivedEventKind.REVENUE_MOVEMENT: "d",
    EventKind.RENEWAL: "p",
    DerivedEventKind.RENEWAL_DUE: "p",
    EventKind.CHURN: "X",
}


def _colour(kind: str, theme: Theme) -> str:
    """Meaningful colours where a kind carries risk or money; the accent for routine touches."""
    colours: dict[str, str] = {
        EventKind.QBR: theme.line,
        EventKind.ONBOARDING_STEP: theme.new,
        EventKind.MILESTONE: theme.healthy,
        EventKind.CHAMPION_CHANGE: theme.at_risk,
        DerivedEventKind.SURVEY: theme.reactivation,
        DerivedEventKind.TICKET: theme.contraction,
        EventKind.ESCALATION: theme.critical,
        DerivedEventKind.REVENUE_MOVEMENT: theme.expansion,
        EventKind.RENEWAL: theme.healthy,
        DerivedEventKind.RENEWAL_DUE: theme.muted,
        EventKind.CHURN: theme.churn,
    }
    return colours.get(kind, theme.accent)


def _kind_label(kind: str, lang: Lang) -> str:
    for enum in (EventKind, DerivedEventKind):
        if kind in enum._value2member_map_:
            return label(enum(kind), lang)
    return movement_label(kind, lang)


def _as_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value).strip().replace(" ", "T"))


def timeline_axis(
    events: pd.DataFrame | None,
    *,
    start: date | None = None,
    end: date | None = None,
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Markers by event kind on a time axis, one lane per kind present.

    ``events`` has columns ``at`` (date, datetime, Timestamp or ISO text) and ``kind`` (an
    ``EventKind`` or ``DerivedEventKind`` value; other words get a lane of their own after
    the known ones). ``start`` / ``end`` fix the visible window (default: the events' span).
    """
    from matplotlib.dates import AutoDateLocator, MonthLocator, date2num

    lang = lang or ambient()
    _ = lang
    locale = lang.code
    title = _("Timeline") if title is None else title
    frame = events if events is not None else None
    present: list[str] = []
    if frame is not None and len(frame) > 0:
        kinds_seen = {str(kind) for kind in frame["kind"]}
        present = [kind for kind in KIND_ORDER if kind in kinds_seen]
        present += sorted(kinds_seen.difference(KIND_ORDER))
    rows = len(present)
    size = size or (8.0, max(2.2, 0.32 * rows + 1.3))
    if frame is None or rows == 0:
        return empty_figure(title, _("No events in this period."), theme, size)

    moments = [_as_datetime(value) for value in frame["at"]]
    numbers = np.asarray(date2num(moments), dtype=float)
    kinds = np.asarray([str(kind) for kind in frame["kind"]])
    figure, axes = new_figure(theme, size)
    axes.grid(axis="x", color=theme.grid, linewidth=0.8)
    axes.grid(axis="y", visible=False)
    for lane, kind in enumerate(present):
        y = rows - 1 - lane
        axes.axhline(y, color=theme.grid, linewidth=0.6, zorder=0)
        chosen = kinds == kind
        axes.scatter(
            numbers[chosen],
            np.full(int(chosen.sum()), y),
            marker=_MARKERS.get(kind, "o"),
            # A star's ink is thin: draw it larger so it weighs the same as the other marks.
            s=110 if _MARKERS.get(kind) == "*" else 44,
            color=_colour(kind, theme),
            edgecolors=theme.background,
            linewidths=0.6,
            alpha=0.9,
            zorder=3,
            label=kind,
        )
    axes.set_yticks(range(rows - 1, -1, -1), [chart_text(_kind_label(k, lang)) for k in present])
    axes.tick_params(axis="y", length=0, labelcolor=theme.text)
    axes.set_ylim(-0.6, rows - 0.4)
    axes.spines["left"].set_visible(False)

    first = _as_datetime(start) if start else min(moments)
    last = _as_datetime(end) if end else max(moments)
    if last <= first:
        first, last = first - timedelta(days=15), last + timedelta(days=15)
    margin = (last - first) * 0.03
    axes.set_xlim(date2num(first - margin), date2num(last + margin))
    span_days = (last - first).days
    if span_days > 75:
        interval = max(1, round(span_days / 30.4 / 8))
        axes.xaxis.set_major_locator(MonthLocator(interval=interval))
        axes.xaxis.set_major_formatter(DateFormatter(locale, by_month=True))
    else:
        axes.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=7))
        axes.xaxis.set_major_formatter(DateFormatter(locale, by_month=False))
    set_title(axes, title, theme)
    return figure
