"""What every chart shares: PNG output, themes, fonts, no global side effects, light import."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import matplotlib
import numpy as np
import pandas as pd
import pytest
from chart_helpers import PNG_SIGNATURE, months, movements
from matplotlib.figure import Figure
from matplotlib.text import Text

import csdesk.charts
from csdesk.charts import cx, health, revenue, team, timeline, usage
from csdesk.charts.style import chart_text, families, matplotlib_lays_out_text, to_png
from csdesk.charts.theme import DARK, LIGHT, Theme, theme_named
from csdesk.i18n import Lang
from csdesk.i18n.bidi import display_text
from csdesk.i18n.fonts import FAMILY

CHARTS: dict[str, Callable[[Theme], Figure]] = {
    "mrr_movements": lambda theme: revenue.mrr_movements(movements(12), theme=theme),
    "revenue_history": lambda theme: revenue.revenue_history(
        movements(12)[["month", "mrr"]], theme=theme
    ),
    "renewals_by_month": lambda theme: revenue.renewals_by_month(
        pd.DataFrame({"month": months(3), "count": [1, 0, 2], "value": [5e4, 0.0, 9e4]}),
        theme=theme,
    ),
    "health_distribution": lambda theme: health.health_distribution(
        {"healthy": 5, "at_risk": 3, "critical": 1}, theme=theme
    ),
    "health_trend": lambda theme: health.health_trend(
        pd.DataFrame({"month": months(4), "score": [72.0, 64.0, 51.0, 38.0]}), theme=theme
    ),
    "health_components": lambda theme: health.health_components(
        pd.DataFrame(
            {
                "component": ["adoption", "support"],
                "score": [70.0, 20.0],
                "weight": [0.5, 0.5],
                "contribution": [35.0, 10.0],
            }
        ),
        theme=theme,
    ),
    "nps_breakdown": lambda theme: cx.nps_breakdown(10, 5, 3, theme=theme),
    "timeline_axis": lambda theme: timeline.timeline_axis(
        pd.DataFrame({"at": ["2025-01-05", "2025-04-20"], "kind": ["qbr", "escalation"]}),
        theme=theme,
    ),
    "usage_vs_seats": lambda theme: usage.usage_vs_seats(
        pd.DataFrame({"month": months(3), "active_users": [4, 6, 7]}), 10, theme=theme
    ),
    "capacity": lambda theme: team.capacity(
        pd.DataFrame({"csm": ["Ana"], "hours_needed": [100.0], "hours_available": [120.0]}),
        theme=theme,
    ),
}


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda theme: theme.name)
@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_renders_to_png_in_the_bundled_font(name: str, theme: Theme) -> None:
    before = dict(matplotlib.rcParams)
    figure = CHARTS[name](theme)
    data = to_png(figure, dpi=30)
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 1000
    assert matplotlib.colors.to_hex(figure.get_facecolor()) == theme.background.lower()
    # Every piece of text, tick labels included (created during rendering), uses the family.
    for text in figure.findobj(Text):
        if text.get_text():
            assert text.get_fontfamily()[0] == FAMILY, (name, text.get_text())
    assert dict(matplotlib.rcParams) == before


def test_the_lazy_package_exports_are_the_builders() -> None:
    assert csdesk.charts.mrr_movements is revenue.mrr_movements
    assert csdesk.charts.capacity is team.capacity
    assert csdesk.charts.capacity is team.capacity  # still the function after first access
    assert csdesk.charts.to_png is to_png
    with pytest.raises(AttributeError):
        _ = csdesk.charts.no_such_chart


def test_importing_the_package_loads_no_matplotlib_and_charts_never_use_pyplot() -> None:
    code = (
        "import sys, csdesk.charts as c; print('matplotlib' in sys.modules); "
        "c.to_png(c.health_distribution({'healthy': 1}), 20); "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_chart_text_leaves_layout_to_a_matplotlib_that_shapes_text() -> None:
    name = "شرکت نمونه"
    if matplotlib_lays_out_text():
        assert chart_text(name) == name
    else:
        assert chart_text(name) == display_text(name)
    assert chart_text("ACME") == "ACME"


def test_themes_and_their_meaningful_colours() -> None:
    assert theme_named("dark") is DARK
    assert LIGHT.band("at_risk") == LIGHT.at_risk
    assert DARK.movement("churn") == DARK.churn
    with pytest.raises(KeyError):
        LIGHT.movement("refund")
    assert families()[0] == FAMILY
    assert np.isfinite(len(families()))


def test_words_follow_the_charts_lang_without_changing_the_apps_language() -> None:
    from csdesk.i18n import translation
    from csdesk.i18n.translation import current_language, set_language

    previous = translation._default
    try:
        set_language("en")
        portuguese = health.health_distribution({"healthy": 2}, lang=Lang("pt_BR"))
        assert portuguese.axes[0].get_title(loc="left") == "Distribuição de saúde"
        assert current_language() == "en"
        # Without a lang, a chart is in the ambient language (the app's pages).
        english = health.health_distribution({"healthy": 2})
        assert english.axes[0].get_title(loc="left") == "Health distribution"
        set_language("pt_BR")
        assert (
            health.health_distribution({"healthy": 2}, lang=Lang("en"))
            .axes[0]
            .get_title(loc="left")
            == "Health distribution"
        )
    finally:
        translation._default = previous
