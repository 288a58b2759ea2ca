"""The QBR's charts as PNG images, from the same builders the app shows (csdesk.charts).

Both writers (PDF and slides) place these images; they are drawn once per pack, in the pack's
language (chart titles come from the translation layer, numbers from the locale).
"""

from __future__ import annotations

from dataclasses import dataclass

from csdesk.reports.qbr.model import QbrContent

# The charts are 8 inches wide and printed across the 174 mm text width: 130 dpi puts about
# 150 pixels on each printed inch, sharp on paper and on a screen at 200 % zoom.
DPI = 130


@dataclass(frozen=True)
class QbrFigures:
    """PNG bytes and the aspect ratio (height / width) of each chart."""

    health_trend: tuple[bytes, float]
    health_drivers: tuple[bytes, float]
    usage: tuple[bytes, float]
    nps: tuple[bytes, float]
    revenue: tuple[bytes, float]


def _png(figure: object) -> tuple[bytes, float]:
    from csdesk.charts import to_png

    width, height = figure.get_size_inches()  # type: ignore[attr-defined]
    # reportlab decodes the PNG and compresses the pixels again for the PDF stream, so a
    # light compression here costs nothing in the final file and saves the time of a heavy one.
    return to_png(figure, DPI, compress_level=1), float(height) / float(width)


def warm_up(language: str) -> None:
    """Load what every pack needs before the first one (fonts, matplotlib's Agg backend,
    Babel's locale data, the catalogue) so a worker process pays for it once, not per pack."""
    from matplotlib.backends import backend_agg  # noqa: F401

    from csdesk.charts.style import families
    from csdesk.i18n.fonts import register_reportlab_fonts
    from csdesk.i18n.formatting import babel_locale, normalise
    from csdesk.i18n.translation import translator

    families()
    register_reportlab_fonts()
    babel_locale(language)
    translator(normalise(language))("Health")


def draw(content: QbrContent) -> QbrFigures:
    import pandas as pd

    from csdesk import charts

    lang = content.language
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
        health_trend=_png(charts.health_trend(content.health.trend, locale=lang, size=(8, 3.2))),
        health_drivers=_png(charts.health_components(drivers, locale=lang)),
        usage=_png(
            charts.usage_vs_seats(
                content.adoption.usage, content.adoption.seats, locale=lang, size=(8, 3.2)
            )
        ),
        nps=_png(charts.nps_breakdown(cx.promoters, cx.passives, cx.detractors, locale=lang)),
        revenue=_png(
            charts.revenue_history(
                content.revenue.history, currency=content.currency, locale=lang, size=(8, 3.2)
            )
        ),
    )
