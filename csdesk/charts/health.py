"""Health charts: how the portfolio splits by band, one account's trend, and its drivers.

Band colours carry the meaning everywhere (healthy green, at risk amber, critical red); the
thresholds default to DESIGN.md's (critical < 40 ≤ at risk < 70 ≤ healthy) and follow the
health-model settings when the caller passes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from csdesk.charts.axes import NumberFormatter, month_ticks, to_months
from csdesk.charts.style import (
    DEFAULT_SIZE,
    chart_text,
    empty_figure,
    new_figure,
    set_axis_labels,
    set_title,
    text_style,
)
from csdesk.charts.theme import LIGHT, Theme
from csdesk.domain.enums import HealthBand
from csdesk.i18n import formatting
from csdesk.i18n.labels import health_component_label, label
from csdesk.i18n.lang import Lang, ambient

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

BANDS = (HealthBand.HEALTHY, HealthBand.AT_RISK, HealthBand.CRITICAL)
DEFAULT_THRESHOLDS = (40.0, 70.0)


def band_of(score: float, thresholds: tuple[float, float] = DEFAULT_THRESHOLDS) -> HealthBand:
    """The band a 0-100 score falls in, given (critical below, healthy from) thresholds."""
    critical_below, healthy_from = thresholds
    if score >= healthy_from:
        return HealthBand.HEALTHY
    if score >= critical_below:
        return HealthBand.AT_RISK
    return HealthBand.CRITICAL


# A bar at least this share of the longest carries its label inside.
INSIDE_SHARE = 0.6


def health_distribution(
    counts: Mapping[HealthBand | str, int] | None,
    *,
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] = (8.0, 2.8),
) -> Figure:
    """Accounts per health band as three horizontal bars, each labelled with count and share.

    ``counts`` maps a band (``HealthBand`` or its value: ``healthy``, ``at_risk``,
    ``critical``) to a number of accounts; a missing band counts as zero.
    """
    lang = lang or ambient()
    _ = lang
    locale = lang.code
    title = _("Health distribution") if title is None else title
    values = {band: 0 for band in BANDS}
    for key, count in (counts or {}).items():
        values[HealthBand(key)] += int(count)
    total = sum(values.values())
    if total == 0:
        return empty_figure(title, _("No health scores yet."), theme, size)
    figure, axes = new_figure(theme, size)
    axes.grid(False)
    y = np.arange(len(BANDS))[::-1]
    widths = [values[band] for band in BANDS]
    bars = axes.barh(y, widths, 0.62, color=[theme.band(band) for band in BANDS])
    texts = [
        f"{formatting.number(n, locale)}  ({formatting.percent(n / total, locale)})" for n in widths
    ]
    # A long bar carries its label inside its end, so no card is too narrow for it; a short
    # one carries it after its end, in the room the axis keeps beyond the longest bar.
    longest = max(widths)
    for bar, width, text in zip(bars, widths, texts, strict=True):
        inside = width >= INSIDE_SHARE * longest
        style = text_style(theme)
        if inside:
            style["color"] = "#FFFFFF"
        axes.annotate(
            text,
            (width, bar.get_y() + bar.get_height() / 2),
            xytext=(-5 if inside else 4, 0),
            textcoords="offset points",
            ha="right" if inside else "left",
            va="center",
            **style,
        )
    axes.set_yticks(y, [chart_text(label(band, lang)) for band in BANDS])
    axes.tick_params(axis="y", length=0, labelsize=10, labelcolor=theme.text)
    axes.set_xlim(0, max(widths) * 1.3)
    axes.xaxis.set_visible(False)
    axes.spines["bottom"].set_visible(False)
    set_title(axes, title, theme)
    return figure


def health_trend(
    trend: pd.DataFrame | None,
    *,
    thresholds: tuple[float, float] = DEFAULT_THRESHOLDS,
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """A health score month by month over the three band areas, each point in its band colour.

    ``trend`` has columns ``month`` and ``score`` (0-100; missing when there was no data that
    month, drawn as a gap).
    """
    lang = lang or ambient()
    _ = lang
    locale = lang.code
    title = _("Health score trend") if title is None else title
    if trend is None or len(trend) == 0 or trend["score"].isna().all():
        return empty_figure(title, _("No health scores yet."), theme, size)
    months = to_months(trend["month"])
    x = np.arange(len(months))
    scores = trend["score"].to_numpy(dtype=float)
    figure, axes = new_figure(theme, size)
    axes.grid(False)
    critical_below, healthy_from = thresholds
    spans = (
        (HealthBand.CRITICAL, 0.0, critical_below),
        (HealthBand.AT_RISK, critical_below, healthy_from),
        (HealthBand.HEALTHY, healthy_from, 100.0),
    )
    for band, low, high in spans:
        axes.axhspan(low, high, color=theme.band(band), alpha=theme.band_alpha, linewidth=0)
        axes.text(
            1.0,
            (low + high) / 2,
            chart_text(label(band, lang)),
            transform=axes.get_yaxis_transform(),
            ha="left",
            va="center",
            **text_style(theme, size=8, color=theme.band(band)),
        )
    axes.plot(x, scores, color=theme.line, linewidth=1.8, zorder=2)
    valid = ~np.isnan(scores)
    colours = [theme.band(band_of(s, thresholds)) for s in scores[valid]]
    axes.scatter(x[valid], scores[valid], s=30, c=colours, zorder=3, edgecolors=theme.background)
    axes.set_ylim(0, 100)
    axes.set_yticks([0, critical_below, healthy_from, 100])
    axes.yaxis.set_major_formatter(NumberFormatter(locale))
    month_ticks(axes, months, locale)
    set_title(axes, title, theme)
    set_axis_labels(axes, theme, y=_("Health score"))
    return figure


def health_components(
    components: pd.DataFrame | None,
    *,
    thresholds: tuple[float, float] = DEFAULT_THRESHOLDS,
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] | None = None,
) -> Figure:
    """What drives a health score: each component's score as a bar, with weight and points.

    ``components`` has columns ``component`` (a key such as ``adoption`` or a display name),
    ``score`` (0-100, missing when there was no data), ``weight`` (a fraction of 1 after
    renormalisation) and ``contribution`` (points it adds to the score: score × weight). A
    component without data shows "no data" instead of a bar.
    """
    lang = lang or ambient()
    _ = lang
    locale = lang.code
    title = _("Health score drivers") if title is None else title
    rows = 0 if components is None else len(components)
    size = size or (8.0, max(2.4, 0.55 * rows + 1.3))
    if components is None or rows == 0:
        return empty_figure(title, _("No health scores yet."), theme, size)
    figure, axes = new_figure(theme, size)
    axes.grid(False)
    y = np.arange(rows)[::-1]
    # A pale 0-100 track behind each bar shows how far each score is from full marks.
    axes.barh(y, 100, 0.6, color=theme.grid, alpha=0.6, linewidth=0)
    scores = components["score"].to_numpy(dtype=float)
    weights = components["weight"].to_numpy(dtype=float)
    contributions = components["contribution"].to_numpy(dtype=float)
    colours = [
        theme.band(band_of(s, thresholds)) if not np.isnan(s) else theme.neutral for s in scores
    ]
    axes.barh(y, np.nan_to_num(scores), 0.6, color=colours)
    texts = []
    for score, weight, points in zip(scores, weights, contributions, strict=True):
        if np.isnan(score):
            texts.append(_("no data"))
            continue
        texts.append(
            _("{score} · weight {weight} · {points} pts").format(
                score=formatting.number(score, locale),
                weight=formatting.percent(weight, locale, decimals=0),
                points=formatting.number(points, locale, decimals=1),
            )
        )
    for row, text in zip(y, texts, strict=True):
        axes.text(103, row, text, va="center", **text_style(theme, size=8.5, color=theme.muted))
    names = [
        chart_text(health_component_label(str(name), lang)) for name in components["component"]
    ]
    axes.set_yticks(y, names)
    axes.tick_params(axis="y", length=0, labelsize=9.5, labelcolor=theme.text)
    axes.set_xlim(0, 150)
    axes.set_xticks([0, 20, 40, 60, 80, 100])
    axes.xaxis.set_major_formatter(NumberFormatter(locale))
    for threshold in thresholds:
        axes.axvline(threshold, color=theme.axis, linewidth=0.8, linestyle=(0, (3, 3)))
    axes.spines["bottom"].set_bounds(0, 100)
    set_title(axes, title, theme)
    return figure
