"""NPS breakdown, timeline axis, usage against seats and CSM capacity."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from chart_helpers import months, texts, tick_labels
from matplotlib.colors import to_hex

from csdesk.charts import cx, team, timeline, usage
from csdesk.charts.style import matplotlib_lays_out_text
from csdesk.charts.theme import LIGHT
from csdesk.i18n import translation
from csdesk.i18n.bidi import display_text
from csdesk.i18n.translation import set_language

PERSIAN_NAME = "شرکت نمونه"


@pytest.fixture(autouse=True)
def portuguese() -> Iterator[None]:
    previous = translation._default
    set_language("pt_BR")
    yield
    translation._default = previous


def test_nps_splits_one_bar_into_shares_and_titles_the_score() -> None:
    figure = cx.nps_breakdown(48, 30, 22)
    widths = [container[0].get_width() for container in figure.axes[0].containers]
    assert widths == pytest.approx([0.22, 0.30, 0.48])
    shown = texts(figure)
    assert "NPS 26 (100 respostas)" in shown
    assert {"22%", "30%", "48%"} <= set(shown)
    assert "Promotores (9-10): 48" in shown


def test_nps_without_responses_is_an_empty_state() -> None:
    assert "Nenhuma resposta de NPS neste período." in texts(cx.nps_breakdown(0, 0, 0))


def _events() -> pd.DataFrame:
    start = date(2025, 1, 1)
    rows = [(start + timedelta(days=10 * i), "call") for i in range(12)]
    rows += [(start + timedelta(days=45), "escalation"), (start + timedelta(days=5), "qbr")]
    rows += [("2025-03-02 14:30:00", "ticket"), (pd.Timestamp("2025-02-01"), "revenue_movement")]
    rows += [(start + timedelta(days=30), "site_visit")]
    return pd.DataFrame(rows, columns=["at", "kind"])


def test_timeline_gives_each_kind_a_lane_in_a_fixed_order() -> None:
    figure = timeline.timeline_axis(_events())
    axes = figure.axes[0]
    lanes = [collection.get_label() for collection in axes.collections]
    assert lanes == ["qbr", "call", "ticket", "escalation", "revenue_movement", "site_visit"]
    counts = {c.get_label(): len(c.get_offsets()) for c in axes.collections}
    assert counts["call"] == 12
    assert counts["site_visit"] == 1
    labels = tick_labels(axes, "y")
    assert labels == [
        "QBR",
        "Ligação",
        "Chamado",
        "Escalonamento",
        "Movimento de receita",
        "Site visit",
    ]
    escalation = next(c for c in axes.collections if c.get_label() == "escalation")
    assert to_hex(escalation.get_facecolors()[0]) == LIGHT.critical.lower()


def test_timeline_labels_months_for_long_spans_and_days_for_short_ones() -> None:
    long_span = timeline.timeline_axis(_events())
    assert "mar/2025" in tick_labels(long_span.axes[0])
    short = pd.DataFrame({"at": ["2025-03-01", "2025-03-09"], "kind": ["call", "note"]})
    labels = tick_labels(timeline.timeline_axis(short).axes[0])
    assert any(label.endswith("/03/2025") for label in labels)


def test_timeline_window_and_empty_state() -> None:
    window = timeline.timeline_axis(_events(), start=date(2024, 1, 1), end=date(2025, 12, 31))
    low, high = window.axes[0].get_xlim()
    from matplotlib.dates import date2num

    assert low < date2num(date(2024, 1, 1)) < date2num(date(2025, 12, 31)) < high
    empty = pd.DataFrame(columns=["at", "kind"])
    assert "Nenhum evento neste período." in texts(timeline.timeline_axis(empty))


def test_usage_line_seat_ceiling_and_adoption_in_the_legend() -> None:
    frame = pd.DataFrame({"month": months(6), "active_users": [30, 32, 35, 36, 40, 45]})
    figure = usage.usage_vs_seats(frame, 50)
    axes = figure.axes[0]
    users, ceiling = axes.lines
    np.testing.assert_allclose(users.get_ydata(), frame["active_users"])
    assert list(ceiling.get_ydata()) == [50, 50]
    assert "Licenças contratadas: 50 (adoção 90%)" in texts(figure)
    without = usage.usage_vs_seats(frame, None)
    assert len(without.axes[0].lines) == 1
    blank = pd.DataFrame({"month": months(2), "active_users": [np.nan, np.nan]})
    assert "Sem dados de uso neste período." in texts(usage.usage_vs_seats(blank, 10))


def test_features_are_paired_bars_with_this_quarters_value_written() -> None:
    frame = pd.DataFrame(
        {
            "metric": ["relatorios", "exportacoes", "importacoes"],
            "current": [1250.0, 5.0, np.nan],
            "previous": [10.0, 40.0, 3.0],
        }
    )
    figure = usage.usage_by_feature(frame, periods=("T4 2025", "T3 2025"))
    axes = figure.axes[0]
    now, before = axes.containers
    assert [bar.get_width() for bar in now] == [1250.0, 5.0, 0.0]  # nothing recorded: no bar
    assert [bar.get_width() for bar in before] == [10.0, 40.0, 3.0]
    # Largest first, from the top; this quarter's values in the reader's numbers.
    assert tick_labels(axes, "y") == ["relatorios", "exportacoes", "importacoes"]
    assert list(axes.get_yticks()) == [2.0, 1.0, 0.0]  # the first at the top
    shown = texts(figure)
    assert {"1.250", "5", "T4 2025", "T3 2025"} <= set(shown)
    assert "Uso por funcionalidade, neste trimestre e no anterior" in shown
    assert "Sem dados de uso neste período." in texts(
        usage.usage_by_feature(None, periods=("a", "b"))
    )


def test_capacity_sorts_by_load_colours_by_utilisation_and_shows_rtl_names() -> None:
    frame = pd.DataFrame(
        {
            "csm": ["Ana Souza", PERSIAN_NAME, None, "Bruno Lima"],
            "hours_needed": [310.0, 550.0, 40.0, 430.0],
            "hours_available": [480.0, 480.0, None, 480.0],
        }
    )
    figure = team.capacity(frame)
    axes = figure.axes[0]
    (bars,) = axes.containers
    # Top to bottom: 115 %, 90 %, 65 %, then the unassigned accounts (capacity unknown).
    assert [bar.get_width() for bar in bars] == [550.0, 430.0, 310.0, 40.0]
    assert [to_hex(bar.get_facecolor()) for bar in bars] == [
        LIGHT.critical.lower(),
        LIGHT.at_risk.lower(),
        LIGHT.healthy.lower(),
        LIGHT.neutral.lower(),
    ]
    expected_name = PERSIAN_NAME if matplotlib_lays_out_text() else display_text(PERSIAN_NAME)
    labels = tick_labels(axes, "y")
    assert labels[0] == expected_name
    assert labels[3] == "Nenhum CSM atribuído"
    assert {"—", "115%", "90%", "65%"} <= set(texts(figure))
    assert "Nenhum CSM com dados de capacidade." in texts(team.capacity(frame.iloc[0:0]))
