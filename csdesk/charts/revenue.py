"""Revenue charts: MRR movements, MRR history, renewals by month.

Inputs are the plain frames ``csdesk.metrics`` returns; money is in currency units (not cents)
and months are ``YYYY-MM`` text or ``Month`` values, one row per month in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from csdesk.charts.axes import MoneyFormatter, month_ticks, to_months
from csdesk.charts.style import (
    DEFAULT_SIZE,
    empty_figure,
    figure_legend,
    new_figure,
    set_axis_labels,
    set_title,
    style_axes,
    text_style,
)
from csdesk.charts.theme import LIGHT, Theme
from csdesk.i18n import formatting
from csdesk.i18n.labels import movement_label
from csdesk.i18n.lang import Lang, ambient

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

GAINS = ("new", "expansion", "reactivation")
LOSSES = ("contraction", "churn")


def _values(frame: pd.DataFrame, column: str) -> np.ndarray:
    return np.nan_to_num(frame[column].to_numpy(dtype=float))


def mrr_movements(
    movements: pd.DataFrame | None,
    *,
    currency: str = "BRL",
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """Stacked bars of each month's MRR movements with the MRR line on its own axis.

    ``movements`` has columns ``month``, ``new``, ``expansion``, ``contraction``, ``churn``,
    ``reactivation`` and ``mrr`` (``csdesk.metrics.revenue.movements``). Gains stack above
    zero, losses below (contraction and churn are drawn as losses whatever their sign); the
    MRR line uses the right-hand axis, which starts at zero so its slope is not exaggerated.
    """
    lang = lang or ambient()
    _ = lang
    locale = lang.code
    title = _("MRR movements") if title is None else title
    if movements is None or len(movements) == 0:
        return empty_figure(title, _("No revenue data for this period."), theme, size)
    months = to_months(movements["month"])
    x = np.arange(len(months))
    figure, axes = new_figure(theme, size)
    handles: list[object] = []
    labels: list[str] = []
    width = 0.7
    above = np.zeros(len(months))
    for kind in GAINS:
        values = np.abs(_values(movements, kind))
        bars = axes.bar(x, values, width, bottom=above, color=theme.movement(kind), label=kind)
        above += values
        handles.append(bars)
        labels.append(movement_label(kind, lang))
    below = np.zeros(len(months))
    for kind in LOSSES:
        values = -np.abs(_values(movements, kind))
        bars = axes.bar(x, values, width, bottom=below, color=theme.movement(kind), label=kind)
        below += values
        handles.append(bars)
        labels.append(movement_label(kind, lang))
    axes.axhline(0, color=theme.axis, linewidth=0.8)
    money = MoneyFormatter(currency, locale)
    axes.yaxis.set_major_formatter(money)
    top = max(float(above.max()), 1.0)
    bottom = float(below.min())
    axes.set_ylim(bottom * 1.15 if bottom < 0 else -top * 0.05, top * 1.15)
    if not above.any() and not below.any():
        # Nothing moved (contracts carried on, flat): a scale of R$0.50 steps would read as
        # amounts that are not there.
        axes.set_yticks([0.0])

    line_axes = axes.twinx()
    style_axes(line_axes, theme, grid=None)
    line_axes.spines["right"].set_visible(True)
    line_axes.spines["right"].set_color(theme.axis)
    mrr = _values(movements, "mrr")
    (line,) = line_axes.plot(
        x,
        mrr,
        color=theme.line,
        linewidth=2,
        marker="o" if len(months) <= 24 else None,
        markersize=3.5,
        label="mrr",
    )
    line_axes.yaxis.set_major_formatter(MoneyFormatter(currency, locale))
    line_axes.set_ylim(0, max(float(mrr.max()), 1.0) * 1.15)
    handles.append(line)
    labels.append(_("MRR"))

    month_ticks(axes, months, locale)
    set_title(axes, title, theme)
    set_axis_labels(axes, theme, y=_("Movement"))
    set_axis_labels(line_axes, theme, y=_("MRR"))
    figure_legend(figure, handles, labels, theme, columns=len(labels))
    return figure


def revenue_history(
    history: pd.DataFrame | None,
    *,
    currency: str = "BRL",
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """An account's (or the portfolio's) MRR month by month, with the latest value called out.

    ``history`` has columns ``month`` and ``mrr``; a month without revenue is 0 (a churned
    stretch shows as a drop to zero, not a gap).
    """
    lang = lang or ambient()
    _ = lang
    locale = lang.code
    title = _("MRR history") if title is None else title
    if history is None or len(history) == 0:
        return empty_figure(title, _("No revenue data for this period."), theme, size)
    months = to_months(history["month"])
    x = np.arange(len(months))
    mrr = _values(history, "mrr")
    figure, axes = new_figure(theme, size)
    axes.fill_between(x, mrr, color=theme.accent, alpha=0.12, linewidth=0)
    axes.plot(
        x,
        mrr,
        color=theme.accent,
        linewidth=2,
        marker="o" if len(months) <= 24 else None,
        markersize=3.5,
    )
    axes.annotate(
        formatting.money(float(mrr[-1]), currency, locale, cents=False),
        (float(x[-1]), float(mrr[-1])),
        xytext=(0, 8),
        textcoords="offset points",
        ha="right" if len(months) > 1 else "center",
        **text_style(theme, weight="bold"),
    )
    axes.yaxis.set_major_formatter(MoneyFormatter(currency, locale))
    axes.set_ylim(0, max(float(mrr.max()), 1.0) * 1.2)
    month_ticks(axes, months, locale)
    set_title(axes, title, theme)
    return figure


def renewals_by_month(
    renewals: pd.DataFrame | None,
    *,
    currency: str = "BRL",
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """Contract value up for renewal per month, each bar labelled with how many renewals.

    ``renewals`` has columns ``month``, ``count`` (renewals due) and ``value`` (their value).
    Pass every month of the window, including those with nothing due (count 0), so the time
    axis is even.
    """
    lang = lang or ambient()
    _ = lang
    locale = lang.code
    title = _("Renewals by month") if title is None else title
    if renewals is None or len(renewals) == 0 or not np.any(_values(renewals, "count")):
        return empty_figure(title, _("No renewals due in this period."), theme, size)
    months = to_months(renewals["month"])
    x = np.arange(len(months))
    values = _values(renewals, "value")
    counts = _values(renewals, "count").astype(int)
    figure, axes = new_figure(theme, size)
    bars = axes.bar(x, values, 0.6, color=theme.accent)
    # "3 renewals" over each bar needs about 0.6 inch; narrower bars get the number alone and a
    # note saying what the numbers count.
    inches_per_bar = figure.get_size_inches()[0] / len(months)
    if inches_per_bar >= 0.6:
        texts = [
            lang.ngettext("{count} renewal", "{count} renewals", int(n)).format(count=int(n))
            if n
            else ""
            for n in counts
        ]
        note = None
    else:
        texts = [formatting.number(int(n), locale) if n else "" for n in counts]
        note = _("Numbers on the bars: renewals due")
    bar_texts = axes.bar_label(bars, texts, padding=3)
    for text in bar_texts:
        text.set(**text_style(theme, size=8, color=theme.muted))
    axes.yaxis.set_major_formatter(MoneyFormatter(currency, locale))
    axes.set_ylim(0, max(float(values.max()), 1.0) * 1.18)
    month_ticks(axes, months, locale)
    set_title(axes, title, theme, note=note)
    set_axis_labels(axes, theme, y=_("Value up for renewal"))
    return figure
