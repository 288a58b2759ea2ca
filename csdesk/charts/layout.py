"""A one-pass layout for csdesk's charts: one plot area, a title above, a legend row below.

matplotlib's constrained layout solves a general grid of axes and measures every tick label
twice before the draw measures them again; on a QBR pack of five charts that was a third of
the drawing time. Every csdesk chart has a single plot area (a twin y axis at most) and its
legend in one row under it, so one measurement is enough: the space the labels, title and
legend take around the plot area is read once and the plot area is set to what is left.
A figure of any other shape is handed to constrained layout unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from matplotlib.layout_engine import ConstrainedLayoutEngine, LayoutEngine
from matplotlib.transforms import Bbox

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend

# The gap kept between the figure's edge and the text nearest to it, and between the plot
# area and the legend row, in inches (constrained layout's default pad is 3 points).
PAD_INCHES = 3 / 72


class SinglePlotLayout(LayoutEngine):
    """Fit one plot area (and its twins) between its labels and the figure's legend row."""

    _adjust_compatible = False
    _colorbar_gridspec = False

    def __init__(self, pad_inches: float = PAD_INCHES) -> None:
        super().__init__()
        self._params = {"pad_inches": pad_inches}
        self._fallback = ConstrainedLayoutEngine()

    def set(self, *, pad_inches: float | None = None) -> None:
        if pad_inches is not None:
            self._params["pad_inches"] = pad_inches

    def execute(self, fig: Any) -> None:
        figure: Figure = fig
        plots = [axes for axes in figure.axes if axes.get_visible()]
        if not plots or not _one_plot_area(plots) or len(figure.legends) > 1:
            self._fallback.execute(figure)
            return
        renderer = figure._get_renderer()  # type: ignore[attr-defined]
        pad = self._params["pad_inches"] * figure.dpi
        width, height = figure.bbox.width, figure.bbox.height
        for legend in figure.legends:
            _fit_columns(legend, renderer, width - 2 * pad)
        plot = plots[0].get_window_extent(renderer)
        used = Bbox.union([_extent(axes, renderer) for axes in plots])
        legend_rows = sum(
            _legend_row(legend, renderer, figure.dpi) + pad for legend in figure.legends
        )
        left = (plot.x0 - used.x0 + pad) / width
        right = 1 - (used.x1 - plot.x1 + pad) / width
        bottom = (plot.y0 - used.y0 + pad + legend_rows) / height
        top = 1 - (used.y1 - plot.y1 + pad) / height
        if right - left < 0.1 or top - bottom < 0.1:
            # Labels wider or taller than the figure: no sensible room for the plot.
            self._fallback.execute(figure)
            return
        area = Bbox.from_extents(left, bottom, right, top)
        for axes in plots:
            axes._set_position(area, which="both")  # type: ignore[attr-defined]
        for legend in figure.legends:
            # Centred on the plot area, as a reader's eye expects, unless it is wider than that.
            narrow = legend.get_window_extent(renderer).width <= (right - left) * width
            span = (left, 0, right, 1) if narrow else (0, 0, 1, 1)
            legend.set_bbox_to_anchor(Bbox.from_extents(*span), transform=figure.transFigure)


def _one_plot_area(plots: list[Axes]) -> bool:
    """True when every axes is the same plot area (a chart and its twin axes)."""
    first = plots[0].get_subplotspec()
    return first is not None and all(axes.get_subplotspec() == first for axes in plots[1:])


def _fit_columns(legend: Legend, renderer: RendererBase, width: float) -> None:
    """Wrap a legend row that is wider than the figure onto as many rows as it needs, and back
    onto one row when the figure is wide again (the app's charts are resized by the user).

    matplotlib fixes a legend's columns when it is made and gathers what to draw before the
    layout runs, so the legend's box is rebuilt in place; only legends made by
    ``csdesk.charts.style.figure_legend`` (which keep their handles) are wrapped.
    """
    handles = getattr(legend, "csdesk_handles", None)
    if handles is None or not hasattr(legend, "_init_legend_box"):
        return
    columns = int(legend.csdesk_columns)  # type: ignore[attr-defined]
    while True:
        if legend._ncols != columns:  # type: ignore[attr-defined]
            colour = legend.texts[0].get_color() if legend.texts else "black"
            labels = [text.get_text() for text in legend.texts]
            legend.set_ncols(columns)
            legend._init_legend_box(handles, labels, markerfirst=True)
            legend.set_loc(legend._loc)  # type: ignore[attr-defined]  # places the new box
            for text in legend.texts:
                text.set_color(colour)
        if columns == 1 or legend.get_window_extent(renderer).width <= width:
            return
        columns -= 1


def _legend_row(legend: Legend, renderer: RendererBase, dpi: float) -> float:
    """The height a bottom legend takes: its box and the gap matplotlib keeps under it."""
    gap = legend.borderaxespad * legend.prop.get_size_in_points() * dpi / 72
    return float(legend.get_window_extent(renderer).height) + gap


def _extent(axes: Axes, renderer: RendererBase) -> Bbox:
    extent = axes.get_tightbbox(renderer, for_layout_only=True)
    return extent if extent is not None else axes.get_window_extent(renderer)
