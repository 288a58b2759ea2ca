"""Health distribution, health trend with band areas, and health score drivers."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest
from chart_helpers import months, texts, tick_labels
from matplotlib.colors import to_hex

from csdesk.charts import health
from csdesk.charts.theme import DARK, LIGHT
from csdesk.domain.enums import HealthBand
from csdesk.i18n import translation
from csdesk.i18n.translation import set_language


@pytest.fixture(autouse=True)
def portuguese() -> Iterator[None]:
    previous = translation._default
    set_language("pt_BR")
    yield
    translation._default = previous


def test_band_of_follows_the_thresholds() -> None:
    assert health.band_of(70) is HealthBand.HEALTHY
    assert health.band_of(69.9) is HealthBand.AT_RISK
    assert health.band_of(40) is HealthBand.AT_RISK
    assert health.band_of(39.9) is HealthBand.CRITICAL
    assert health.band_of(60, (30, 60)) is HealthBand.HEALTHY


def test_distribution_has_one_bar_per_band_in_band_colours() -> None:
    figure = health.health_distribution(
        {HealthBand.HEALTHY: 6120, "at_risk": 2530, HealthBand.CRITICAL: 1350}
    )
    (bars,) = figure.axes[0].containers
    assert [bar.get_width() for bar in bars] == [6120, 2530, 1350]
    assert [to_hex(bar.get_facecolor()) for bar in bars] == [
        LIGHT.healthy.lower(),
        LIGHT.at_risk.lower(),
        LIGHT.critical.lower(),
    ]
    assert tick_labels(figure.axes[0], "y") == ["Saudável", "Em risco", "Crítico"]
    shown = texts(figure)
    assert "6.120  (61,2%)" in shown
    assert "Distribuição de saúde" in shown


def test_distribution_counts_a_missing_band_as_zero_and_all_zero_as_empty() -> None:
    figure = health.health_distribution({"healthy": 4})
    assert [bar.get_width() for bar in figure.axes[0].containers[0]] == [4, 0, 0]
    assert "Ainda não há health scores." in texts(health.health_distribution({}))
    assert "Ainda não há health scores." in texts(health.health_distribution(None))


def test_trend_colours_each_point_by_its_band_and_leaves_gaps() -> None:
    scores = [82.0, 65.0, np.nan, 35.0]
    figure = health.health_trend(pd.DataFrame({"month": months(4), "score": scores}), theme=DARK)
    axes = figure.axes[0]
    line = axes.lines[0]
    assert np.isnan(line.get_ydata()[2])
    (points,) = axes.collections
    assert len(points.get_offsets()) == 3
    assert [to_hex(c) for c in points.get_facecolors()] == [
        DARK.healthy.lower(),
        DARK.at_risk.lower(),
        DARK.critical.lower(),
    ]
    # Three shaded band areas with their names beside them.
    assert len(axes.patches) == 3
    assert {"Saudável", "Em risco", "Crítico"} <= set(texts(figure))
    assert axes.get_ylim() == (0, 100)


def test_trend_uses_the_thresholds_it_is_given() -> None:
    frame = pd.DataFrame({"month": months(2), "score": [65.0, 65.0]})
    figure = health.health_trend(frame, thresholds=(30, 60))
    colours = {to_hex(c) for c in figure.axes[0].collections[0].get_facecolors()}
    assert colours == {LIGHT.healthy.lower()}
    assert tick_labels(figure.axes[0], "y") == ["0", "30", "60", "100"]


def test_trend_without_scores_is_an_empty_state() -> None:
    frame = pd.DataFrame({"month": months(3), "score": [np.nan] * 3})
    assert "Ainda não há health scores." in texts(health.health_trend(frame))


def test_components_show_score_weight_and_points_and_say_when_data_is_missing() -> None:
    components = pd.DataFrame(
        {
            "component": ["adoption", "engagement", "sentiment", "Custom signal"],
            "score": [82.0, 45.0, np.nan, 30.0],
            "weight": [0.4, 0.35, 0.0, 0.25],
            "contribution": [32.8, 15.75, 0.0, 7.5],
        }
    )
    figure = health.health_components(components)
    axes = figure.axes[0]
    track, bars = axes.containers
    assert [bar.get_width() for bar in track] == [100] * 4
    assert [bar.get_width() for bar in bars] == [82.0, 45.0, 0.0, 30.0]
    assert tick_labels(axes, "y") == ["Adoção", "Engajamento", "Sentimento", "Custom signal"]
    shown = texts(figure)
    assert "82 · peso 40% · 32,8 pts" in shown
    assert "sem dados" in shown
    assert "Ainda não há health scores." in texts(health.health_components(components.iloc[0:0]))
