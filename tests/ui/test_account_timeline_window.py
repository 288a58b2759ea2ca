"""The account page's time axis: the last twelve months, or the twelve up to the newest entry
when nothing happened in those (a data room exported long ago)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace

from matplotlib.dates import num2date
from pytestqt.qtbot import QtBot

from csdesk.domain.enums import EventKind
from csdesk.i18n import Lang
from csdesk.store.queries.timeline import TimelineItem
from csdesk.ui.account_charts import timeline_figure


def _window(qtbot: QtBot, days: list[date]) -> tuple[date, date, int]:
    items = [
        TimelineItem(datetime.combine(day, datetime.min.time()), EventKind.MEETING, None, "m")
        for day in days
    ]
    figure = timeline_figure(SimpleNamespace(lang=Lang("en")), items)  # type: ignore[arg-type]
    [axes] = figure.axes
    low, high = (num2date(x).date() for x in axes.get_xlim())
    return low, high, sum(len(c.get_offsets()) for c in axes.collections)


def test_an_old_timeline_is_shown_up_to_its_newest_entry(qtbot: QtBot) -> None:
    low, high, markers = _window(qtbot, [date(2024, 11, 3), date(2024, 12, 10)])
    assert low <= date(2024, 1, 1) and date(2024, 12, 10) < high <= date(2025, 1, 31)
    assert markers == 2


def test_a_recent_timeline_keeps_the_last_twelve_months(qtbot: QtBot) -> None:
    today = date.today()
    low, high, markers = _window(qtbot, [today - timedelta(days=20), date(2020, 1, 1)])
    assert low >= today - timedelta(days=400) and high >= today
    assert markers == 1  # the 2020 entry lies outside the window
