"""The QBR's charts as images, from the same builders the app shows (csdesk.charts).

Both writers (PDF and slides) place these images; they are drawn once per pack, in the pack's
language (chart titles come from the translation layer, numbers from the locale). The PDF
takes the pixels as they are (reportlab compresses them into the file); the slides take PNG.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from csdesk.reports.qbr.model import QbrContent

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from PIL.Image import Image

    from csdesk.domain.month import Month
    from csdesk.i18n.lang import Lang

# The charts are 8 inches wide and printed across the 174 mm text width: 130 dpi puts about
# 150 pixels on each printed inch, sharp on paper and on a screen at 200 % zoom.
DPI = 130


@dataclass(frozen=True)
class ChartImage:
    """One drawn chart: its pixels and its aspect ratio (height / width)."""

    pixels: Image
    ratio: float

    def png(self) -> bytes:
        from csdesk.charts import png_bytes

        return png_bytes(self.pixels)


@dataclass(frozen=True)
class QbrFigures:
    health_trend: ChartImage
    health_drivers: ChartImage
    usage: ChartImage
    nps: ChartImage
    revenue: ChartImage


def _drawn(figure: object) -> ChartImage:
    from csdesk.charts import to_image

    width, height = figure.get_size_inches()  # type: ignore[attr-defined]
    return ChartImage(to_image(figure, DPI), float(height) / float(width))


def warm_up(lang: Lang) -> None:
    """Load what every pack needs before the first one (fonts, matplotlib's Agg backend,
    Babel's locale data, the catalogue) so a worker process pays for it once, not per pack."""
    from matplotlib.backends import backend_agg  # noqa: F401

    from csdesk.charts.style import families
    from csdesk.i18n.fonts import register_reportlab_fonts
    from csdesk.i18n.formatting import babel_locale

    families()
    register_reportlab_fonts()
    babel_locale(lang.code)
    lang("Health")


def draw(content: QbrContent) -> QbrFigures:
    import pandas as pd

    from csdesk import charts

    lang = content.lang
    drivers = pd.DataFrame(
        {
            "component": [d.key for d in content.health.drivers],
            "score": [d.score for d in content.health.drivers],
            "weight": [d.share for d in content.health.drivers],
            "contribution": [d.contribution for d in content.health.drivers],
        },
        dtype=object,
    ).astype({"score": "float64", "weight": "float64", "contribution": "float64"})
    cx = content.experience
    return QbrFigures(
        health_trend=_drawn(charts.health_trend(content.health.trend, lang=lang, size=(8, 3.2))),
        health_drivers=_drawn(charts.health_components(drivers, lang=lang)),
        usage=_drawn(_usage(content)),
        nps=_drawn(charts.nps_breakdown(cx.promoters, cx.passives, cx.detractors, lang=lang)),
        revenue=_drawn(
            charts.revenue_history(
                content.revenue.history, currency=content.currency, lang=lang, size=(8, 3.2)
            )
        ),
    )


def _usage(content: QbrContent) -> Figure:
    """Active users against the seats; where the usage counts features instead, each
    feature's use this quarter against the quarter before."""
    from csdesk import charts

    adoption, lang = content.adoption, content.lang
    if adoption.usage is None and adoption.features is not None:
        return charts.usage_by_feature(
            adoption.features, periods=feature_periods(content), lang=lang, size=(8, 3.6)
        )
    return charts.usage_vs_seats(adoption.usage, adoption.seats, lang=lang, size=(8, 3.2))


def feature_periods(content: QbrContent) -> tuple[str, str]:
    """The two periods the feature chart compares, as the legend names them: the quarters
    (``Q4 2024``), or their first months when the quarter is still running (``Oct – Nov
    2024``)."""
    from csdesk.i18n.formatting import month

    _ = content.lang
    q, months = content.quarter, content.adoption.feature_months

    def named(first: Month) -> str:
        if months >= 3:
            quarter = first.quarter
            return _("Q{number} {year}").format(number=quarter, year=first.year)
        last = first + (months - 1)
        if months == 1:
            return month(first, content.language)
        return _("{first} – {last}").format(
            first=month(first, content.language), last=month(last, content.language)
        )

    return named(q.first_month), named(q.previous.first_month)
