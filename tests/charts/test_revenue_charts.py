"""MRR movements, MRR history and renewals by month."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest
from chart_helpers import months, movements, texts, tick_labels
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from csdesk.charts import revenue
from csdesk.charts.theme import DARK
from csdesk.i18n import Lang, translation
from csdesk.i18n.translation import set_language


@pytest.fixture(autouse=True)
def portuguese() -> Iterator[None]:
    previous = translation._default
    set_language("pt_BR")
    yield
    translation._default = previous


def test_movements_stack_gains_above_and_losses_below_with_the_mrr_line() -> None:
    data = movements(24)
    figure = revenue.mrr_movements(data, currency="BRL")
    assert isinstance(figure, Figure)
    bars_axes, line_axes = figure.axes
    containers = [c for c in bars_axes.containers if isinstance(c, BarContainer)]
    assert [len(c) for c in containers] == [24] * 5
    heights = {c.get_label(): np.array([bar.get_height() for bar in c]) for c in containers}
    np.testing.assert_allclose(heights["new"], data["new"])
    np.testing.assert_allclose(heights["churn"], data["churn"])
    assert (heights["contraction"] < 0).all()
    # Churn is stacked under contraction.
    churn_bottoms = np.array([bar.get_y() for bar in containers[4]])
    np.testing.assert_allclose(churn_bottoms, data["contraction"])
    np.testing.assert_allclose(line_axes.lines[0].get_ydata(), data["mrr"])
    shown = texts(figure)
    assert "Movimentos de MRR" in shown
    for name in ("Novo", "Expansão", "Reativação", "Contração", "Churn", "MRR"):
        assert name in shown
    assert any("R$" in label and "mil" in label for label in tick_labels(bars_axes, "y"))
    assert any("mil" in label for label in tick_labels(line_axes, "y"))


def test_losses_given_as_positive_numbers_are_still_drawn_below_zero() -> None:
    data = movements(3)
    data["churn"] = data["churn"].abs()
    figure = revenue.mrr_movements(data)
    churn = next(c for c in figure.axes[0].containers if c.get_label() == "churn")
    assert all(bar.get_height() < 0 for bar in churn)


def test_month_labels_are_thinned_localised_and_end_on_the_latest_month() -> None:
    figure = revenue.mrr_movements(movements(36), lang=Lang("pt_BR"))
    labels = tick_labels(figure.axes[0])
    assert len(labels) <= 12
    assert labels[-1] == "dez"
    assert labels[0].endswith("\n2024")
    set_language("en")
    english = revenue.mrr_movements(movements(36), lang=Lang("en"))
    assert tick_labels(english.axes[0])[-1] == "Dec"


@pytest.mark.parametrize("empty", [None, pd.DataFrame(columns=["month", "mrr"])])
def test_no_data_gives_a_figure_that_says_so(empty: pd.DataFrame | None) -> None:
    for builder in (revenue.mrr_movements, revenue.revenue_history):
        figure = builder(empty)
        assert "Sem dados de receita neste período." in texts(figure)
        assert not figure.axes[0].containers


def test_dark_theme_paints_the_figure_dark() -> None:
    figure = revenue.mrr_movements(movements(6), theme=DARK)
    assert figure.get_facecolor()[:3] == pytest.approx((0x1E / 255, 0x23 / 255, 0x29 / 255))


def test_revenue_history_draws_the_line_and_calls_out_the_latest_mrr() -> None:
    history = pd.DataFrame({"month": months(12), "mrr": np.linspace(4_000, 5_519.4, 12)})
    figure = revenue.revenue_history(history, currency="BRL", lang=Lang("pt_BR"))
    np.testing.assert_allclose(figure.axes[0].lines[0].get_ydata(), history["mrr"])
    assert "R$\xa05.519" in texts(figure)


def test_renewals_bars_carry_value_and_count_labels() -> None:
    renewals = pd.DataFrame(
        {"month": months(4), "count": [3, 0, 1, 2], "value": [120_000.0, 0.0, 40_000.0, 8_000.0]}
    )
    figure = revenue.renewals_by_month(renewals)
    (bars,) = figure.axes[0].containers
    assert [bar.get_height() for bar in bars] == [120_000.0, 0.0, 40_000.0, 8_000.0]
    shown = texts(figure)
    assert {"3 renovações", "1 renovação", "2 renovações"} <= set(shown)
    assert "Renovações por mês" in shown


def test_renewals_with_nothing_due_is_an_empty_state() -> None:
    nothing = pd.DataFrame({"month": months(3), "count": [0, 0, 0], "value": [0.0] * 3})
    assert "Nenhuma renovação prevista neste período." in texts(revenue.renewals_by_month(nothing))


def test_narrow_renewal_bars_get_bare_counts_and_a_note() -> None:
    renewals = pd.DataFrame(
        {"month": months(12), "count": [3] * 12, "value": np.linspace(1e4, 9e4, 12)}
    )
    shown = texts(revenue.renewals_by_month(renewals, size=(6.0, 2.6)))
    assert shown.count("3") == 12
    assert "Números nas barras: renovações previstas" in shown
    assert "3 renovações" not in shown


def test_the_note_on_narrow_renewal_bars_sits_under_the_title_not_over_it() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renewals = pd.DataFrame(
        {"month": months(12), "count": [3] * 12, "value": np.linspace(1e4, 9e4, 12)}
    )
    figure = revenue.renewals_by_month(renewals, size=(3.6, 2.0))  # a small window's card
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    axes = figure.axes[0]
    (note,) = [t for t in axes.texts if "renovações previstas" in t.get_text()]
    title = axes.get_title(loc="left")
    assert title == "Renovações por mês"
    title_box = axes._left_title.get_window_extent(renderer)
    note_box = note.get_window_extent(renderer)
    plot_box = axes.get_window_extent(renderer)
    assert not note_box.overlaps(title_box)
    assert title_box.y0 >= note_box.y1 - 1 and note_box.y0 >= plot_box.y1


def test_months_without_movements_show_only_the_zero_line() -> None:
    data = movements(6)
    for kind in ("new", "expansion", "reactivation", "contraction", "churn"):
        data[kind] = 0.0
    data["mrr"] = 300.0
    bars_axes, _line_axes = revenue.mrr_movements(data, currency="BRL").axes
    # No scale of cents for amounts that are not there: the zero line alone.
    assert list(bars_axes.get_yticks()) == [0.0]
    bars_axes.figure.canvas.draw()  # tick labels are made when drawn
    (label,) = tick_labels(bars_axes, "y")
    assert "0" in label and "0,5" not in label and "0.5" not in label
