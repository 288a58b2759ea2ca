"""Customer-experience charts: the NPS split into promoters, passives and detractors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csdesk.charts.style import (
    empty_figure,
    figure_legend,
    new_figure,
    set_title,
    text_style,
)
from csdesk.charts.theme import LIGHT, Theme
from csdesk.i18n import formatting
from csdesk.i18n.lang import Lang, ambient

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def nps_breakdown(
    promoters: int,
    passives: int,
    detractors: int,
    *,
    lang: Lang | None = None,
    theme: Theme = LIGHT,
    title: str | None = None,
    size: tuple[float, float] = (8.0, 2.4),
) -> Figure:
    """One 100 % bar: detractors (0-6), passives (7-8), promoters (9-10), with the NPS score.

    Arguments are response counts over the window; NPS = % promoters − % detractors.
    """
    lang = lang or ambient()
    _ = lang
    locale = lang.code
    total = promoters + passives + detractors
    if total <= 0:
        heading = _("NPS") if title is None else title
        return empty_figure(heading, _("No NPS responses in this period."), theme, size)
    score = round(100 * (promoters - detractors) / total)
    heading = (
        _("NPS {score} ({responses} responses)").format(
            score=formatting.number(score, locale),
            responses=formatting.number(total, locale),
        )
        if title is None
        else title
    )
    figure, axes = new_figure(theme, size)
    axes.grid(False)
    segments = (
        (detractors, theme.critical, _("Detractors (0-6)")),
        (passives, theme.neutral, _("Passives (7-8)")),
        (promoters, theme.healthy, _("Promoters (9-10)")),
    )
    # White reads on the red and green segments; the pale grey one needs the text colour.
    on_segment = ("#FFFFFF", theme.text if theme.name == "light" else "#FFFFFF", "#FFFFFF")
    left = 0.0
    handles = []
    for (count, colour, _name), ink in zip(segments, on_segment, strict=True):
        share = count / total
        bars = axes.barh([0], [share], 0.55, left=left, color=colour)
        handles.append(bars)
        if share >= 0.06:
            axes.text(
                left + share / 2,
                0,
                formatting.percent(share, locale, decimals=0),
                ha="center",
                va="center",
                **text_style(theme, size=9.5, weight="bold", color=ink),
            )
        left += share
    axes.set_xlim(0, 1)
    axes.set_ylim(-0.5, 0.5)
    axes.set_axis_off()
    set_title(axes, heading, theme)
    figure_legend(
        figure,
        handles,
        [f"{name}: {formatting.number(count, locale)}" for count, _colour, name in segments],
        theme,
        columns=3,
    )
    return figure
