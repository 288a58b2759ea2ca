"""The one-pass chart layout: nothing drawn outside the figure, the legend row under the plot
and clear of the tick labels, at every size the app and the reports use."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from test_chart_style import CHARTS

from csdesk.charts.layout import SinglePlotLayout
from csdesk.charts.theme import LIGHT

SIZES = [(8.0, 3.2), (8.0, 4.0), (4.5, 2.6)]


def _drawn(figure: Figure, dpi: int = 100) -> FigureCanvasAgg:
    figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas


def _drawn_texts(
    figure: Figure, monkeypatch: pytest.MonkeyPatch
) -> tuple[FigureCanvasAgg, list[Text]]:
    """Draw the figure and return the texts that were painted (a figure also holds tick
    labels outside the axis limits, which matplotlib keeps but does not draw)."""
    painted: list[Text] = []
    draw = Text.draw

    def recording(self: Text, renderer: object) -> None:
        if self.get_visible() and self.get_text().strip():
            painted.append(self)
        draw(self, renderer)

    monkeypatch.setattr(Text, "draw", recording)
    canvas = _drawn(figure)
    monkeypatch.undo()
    return canvas, painted


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_text_lies_inside_the_figure_and_the_legend_under_the_plot(
    name: str, size: tuple[float, float], monkeypatch: pytest.MonkeyPatch
) -> None:
    figure = CHARTS[name](LIGHT)
    figure.set_size_inches(*size)
    assert isinstance(figure.get_layout_engine(), SinglePlotLayout)
    canvas, painted = _drawn_texts(figure, monkeypatch)
    assert painted
    renderer = canvas.get_renderer()
    frame = figure.bbox.padded(1.0)  # a pixel of rounding
    for text in painted:
        extent = text.get_window_extent(renderer)
        assert frame.contains(extent.x0, extent.y0), (name, text.get_text())
        assert frame.contains(extent.x1, extent.y1), (name, text.get_text())
    plot = Bbox.union([axes.get_tightbbox(renderer) for axes in figure.axes])
    for legend in figure.legends:
        box = legend.get_window_extent(renderer)
        assert box.y1 <= plot.y0 + 1, f"{name}: the legend overlaps the plot or its labels"
        assert frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)


def test_the_plot_area_grows_into_the_space_the_labels_leave() -> None:
    """With no labels to make room for, the plot fills the figure up to the padding."""
    figure = Figure(figsize=(6, 3), layout=SinglePlotLayout())
    axes = figure.add_subplot()
    axes.set_axis_off()
    _drawn(figure)
    position = axes.get_position()
    assert position.x0 < 0.02 and position.x1 > 0.98
    assert position.y0 < 0.03 and position.y1 > 0.97


def test_long_labels_push_the_plot_area_in() -> None:
    def left_edge(label: str) -> float:
        figure = Figure(figsize=(6, 3), layout=SinglePlotLayout())
        axes = figure.add_subplot()
        axes.barh([0, 1], [3, 4])
        axes.set_yticks([0, 1], [label, "b"])
        _drawn(figure)
        return float(axes.get_position().x0)

    assert left_edge("A much longer category name") > left_edge("a") + 0.2


def test_a_figure_of_another_shape_gets_constrained_layout() -> None:
    figure = Figure(figsize=(6, 3), layout=SinglePlotLayout())
    left, right = figure.subplots(1, 2)
    left.set_ylabel("a label wide enough to matter")
    right.set_ylabel("another label")
    canvas = _drawn(figure)
    renderer = canvas.get_renderer()
    assert left.get_tightbbox(renderer).x1 <= right.get_tightbbox(renderer).x0 + 1
