"""Adoption charts: active users month by month against the licensed seats, or, for usage
that counts features rather than users, each feature's use this period against the last."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from csdesk.charts.axes import NumberFormatter, month_ticks, to_months
from csdesk.charts.style import (
    DEFAULT_SIZE,
    empty_figure,
    figure_legend,
    label_text,
    new_figure,
    set_axis_labels,
    set_title,
    text_style,
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


def usage_by_feature(
    features: pd.DataFrame | None,
    *,
    periods: tuple[str, str],
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Each metric's total in the period and in the one before, as paired bars, largest first.

    For usage exports that count features or events (``feature_12``, ``reports_run``) rather
    than active users. ``features`` has columns ``metric``, ``current`` and ``previous`` (a
    missing value: nothing recorded then); ``periods`` names the two (``Q4 2024``, ``Q3
    2024``), in the legend.
    """
    lang = lang or ambient()
    _ = lang
    locale = lang.code
    title = _("Usage by feature, this quarter and the one before") if title is None else title
    rows = 0 if features is None else len(features)
    size = size or (8.0, max(2.6, 0.42 * rows + 1.5))
    if features is None or rows == 0:
        return empty_figure(title, _("No usage data for this period."), theme, size)
    figure, axes = new_figure(theme, size)
    axes.grid(False)
    axes.grid(True, axis="x", color=theme.grid, linewidth=0.8)
    y = np.arange(rows)[::-1].astype(float)
    current = features["current"].to_numpy(dtype=float)
    previous = features["previous"].to_numpy(dtype=float)
    height = 0.38
    now = axes.barh(y + height / 2, np.nan_to_num(current), height, color=theme.accent)
    before = axes.barh(y - height / 2, np.nan_to_num(previous), height, color=theme.neutral)
    top = float(np.nanmax(np.concatenate([current, previous, [1.0]])))
    for row, value in zip(y, current, strict=True):
        shown = formatting.number(0 if np.isnan(value) else value, locale)
        axes.text(
            (0 if np.isnan(value) else value) + top * 0.01,
            row + height / 2,
            shown,
            va="center",
            **text_style(theme, size=8, color=theme.muted),
        )
    axes.set_yticks(y, [label_text(str(m)) for m in features["metric"]])
    axes.tick_params(axis="y", length=0, labelsize=9, labelcolor=theme.text)
    axes.set_xlim(0, top * 1.12)
    axes.xaxis.set_major_formatter(NumberFormatter(locale))
    set_title(axes, title, theme)
    figure_legend(figure, [now, before], list(periods), theme, columns=2)
    return figure
