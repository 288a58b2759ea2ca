"""Adoption chart: active users month by month against the licensed seats."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from csdesk.charts.axes import NumberFormatter, month_ticks, to_months
from csdesk.charts.style import (
    DEFAULT_SIZE,
    empty_figure,
    figure_legend,
    new_figure,
    set_axis_labels,
    set_title,
)
from csdesk.charts.theme import LIGHT, Theme
from csdesk.i18n import formatting
from csdesk.i18n.lang import Lang, ambient

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


def usage_vs_seats(
    usage: pd.DataFrame | None,
    seats: int | None,
    *,
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """Active users per month as a filled line, with the licensed seats as a dashed ceiling.

    ``usage`` has columns ``month`` and ``active_users``; ``seats`` is the account's licensed
    seats (``None`` when unknown: no ceiling is drawn). The legend gives the latest adoption
    (active users / seats).
    """
    lang = lang or ambient()
    _ = lang
    locale = lang.code
    title = _("Active users vs licensed seats") if title is None else title
    if usage is None or len(usage) == 0 or usage["active_users"].isna().all():
        return empty_figure(title, _("No usage data for this period."), theme, size)
    months = to_months(usage["month"])
    x = np.arange(len(months))
    users = usage["active_users"].to_numpy(dtype=float)
    figure, axes = new_figure(theme, size)
    axes.fill_between(x, np.nan_to_num(users), color=theme.accent, alpha=0.12, linewidth=0)
    (line,) = axes.plot(
        x,
        users,
        color=theme.accent,
        linewidth=2,
        marker="o" if len(months) <= 24 else None,
        markersize=3.5,
    )
    latest = users[~np.isnan(users)][-1]
    handles: list[object] = [line]
    labels = [_("Active users")]
    top = float(np.nanmax(users))
    if seats:
        ceiling = axes.axhline(seats, color=theme.muted, linewidth=1.4, linestyle=(0, (5, 3)))
        handles.append(ceiling)
        labels.append(
            _("Licensed seats: {seats} (adoption {adoption})").format(
                seats=formatting.number(seats, locale),
                adoption=formatting.percent(latest / seats, locale, decimals=0),
            )
        )
        top = max(top, float(seats))
    axes.set_ylim(0, max(top, 1.0) * 1.15)
    axes.yaxis.set_major_formatter(NumberFormatter(locale))
    month_ticks(axes, months, locale)
    set_title(axes, title, theme)
    set_axis_labels(axes, theme, y=_("Users"))
    figure_legend(figure, handles, labels, theme, columns=len(labels))
    return figure
