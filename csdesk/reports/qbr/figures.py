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
    from PIL.Image import Image

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
        usage=_drawn(
            charts.usage_vs_seats(
                content.adoption.usage, content.adoption.seats, lang=lang, size=(8, 3.2)
            )
        ),
        nps=_drawn(charts.nps_breakdown(cx.promoters, cx.passives, cx.detractors, lang=lang)),
        revenue=_drawn(
            charts.revenue_history(
                content.revenue.history, currency=content.currency, lang=lang, size=(8, 3.2)
            )
        ),
    )
