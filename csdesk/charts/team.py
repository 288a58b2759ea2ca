"""Team chart: each CSM's hours needed per quarter against the hours they have."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from csdesk.charts.axes import NumberFormatter
from csdesk.charts.style import (
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

# Utilisation above which a CSM is stretched (amber) and overloaded (red).
STRETCHED = 0.85
OVERLOADED = 1.0


def _csm_name(value: object, lang: Lang) -> str:
    """The CSM's name; the row of accounts with no CSM has none."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or not str(value).strip():
        _ = lang
        return _("No CSM assigned")
    return label_text(str(value))


def utilisation_of(team: pd.DataFrame) -> np.ndarray:
    """Hours needed over hours available per CSM; NaN where the hours available are unknown."""
    needed = np.nan_to_num(team["hours_needed"].to_numpy(dtype=float))
    available = team["hours_available"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(available > 0, needed / available, np.nan)


def most_loaded_first(team: pd.DataFrame) -> pd.DataFrame:
    """The team in the chart's order: most loaded first, unknown capacity last. A chart of a
    team of 250 cannot be read; its first rows are the ones to act on."""
    return team.iloc[np.argsort(-utilisation_of(team), kind="stable")]


def capacity(
    team: pd.DataFrame | None,
    *,
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Hours needed per CSM as bars coloured by utilisation, hours available as a marker.

    ``team`` has columns ``csm`` (name; empty for the accounts no CSM owns), ``hours_needed``
    and ``hours_available`` (per quarter; empty when unknown), as ``csdesk.metrics.capacity``
    computes them. Rows are sorted most loaded first; each bar is labelled with its
    utilisation, or a dash (and drawn grey) when the hours available are unknown.
    """
    lang = lang or ambient()
    _ = lang
    locale = lang.code
    title = _("CSM capacity per quarter") if title is None else title
    rows = 0 if team is None else len(team)
    size = size or (8.0, max(2.6, 0.42 * rows + 1.6))
    if team is None or rows == 0:
        return empty_figure(title, _("No CSMs with capacity data."), theme, size)
    needed = np.nan_to_num(team["hours_needed"].to_numpy(dtype=float))
    available = team["hours_available"].to_numpy(dtype=float)
    utilisation = utilisation_of(team)
    # Most loaded first; rows whose capacity is unknown (unassigned accounts) go last.
    order = np.argsort(-utilisation, kind="stable")
    names = [_csm_name(team["csm"].iloc[i], lang) for i in order]
    needed, available, utilisation = needed[order], available[order], utilisation[order]
    colours = [
        theme.neutral
        if np.isnan(u)
        else theme.critical
        if u > OVERLOADED
        else theme.at_risk
        if u > STRETCHED
        else theme.healthy
        for u in utilisation
    ]
    figure, axes = new_figure(theme, size)
    axes.grid(axis="x", color=theme.grid, linewidth=0.8)
    axes.grid(axis="y", visible=False)
    y = np.arange(rows)[::-1]
    bars = axes.barh(y, needed, 0.6, color=colours)
    # The capacity tick spans most of its row in data units, so that at any drawn size it
    # stops short of the next (equal capacities one above the other would read as a line).
    axes.vlines(available, y - 0.4, y + 0.4, linewidths=2.2, color=theme.line, zorder=3)
    from matplotlib.lines import Line2D

    # The legend's tick stands upright, as on the chart.
    marker = Line2D(
        [], [], marker="|", linestyle="none", markersize=13, markeredgewidth=2.2, color=theme.line
    )
    texts = [
        formatting.percent(u, locale, decimals=0) if np.isfinite(u) else "—" for u in utilisation
    ]
    reach = float(max(needed.max(), np.nanmax(available, initial=0.0), 1.0))
    for row, end, text in zip(y, np.fmax(needed, available), texts, strict=True):
        axes.text(
            end + reach * 0.02,
            row,
            text,
            va="center",
            **text_style(theme, size=8.5, weight="bold", color=theme.text),
        )
    axes.set_yticks(y, names)
    axes.tick_params(axis="y", length=0, labelsize=9, labelcolor=theme.text)
    axes.set_xlim(0, reach * 1.15)
    axes.xaxis.set_major_formatter(NumberFormatter(locale))
    set_title(axes, title, theme)
    set_axis_labels(axes, theme, x=_("Hours per quarter"))
    figure_legend(
        figure,
        [bars, marker],
        [_("Hours needed (colour: utilisation)"), _("Hours available")],
        theme,
        columns=2,
    )
    return figure
