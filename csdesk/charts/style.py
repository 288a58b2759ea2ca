"""The look shared by every chart: figure, axes, type, legend, empty state, PNG output.

Charts are ``matplotlib.figure.Figure`` objects, never pyplot (pyplot keeps global state and
leaks figures in a long-running app). Fonts are set on each piece of text, not in rcParams, so
building a chart changes nothing for anyone else in the process; tick labels get the family
through ``tick_params`` because matplotlib creates them lazily at draw time. The one process
setting is math text, off (:func:`plain_text_only`): text from the data is never math.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, cast

from csdesk.charts.theme import Theme
from csdesk.i18n.bidi import display_text
from csdesk.i18n.fonts import register_matplotlib_fonts

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from PIL.Image import Image as PILImage

DEFAULT_SIZE = (8.0, 4.0)
TITLE_SIZE = 12.0
LABEL_SIZE = 9.0
TICK_SIZE = 8.5
PNG_DPI = 150


@cache
def matplotlib_lays_out_text() -> bool:
    """True when matplotlib shapes and reorders right-to-left text itself.

    matplotlib 3.11 lays text out with libraqm (Arabic joining, bidi order); feeding it text
    already reshaped and reordered would reverse it a second time. Older releases draw code
    points left to right, one glyph each, and need ``display_text`` first.
    """
    from matplotlib import ft2font

    return hasattr(ft2font.FT2Font, "_layout")


def chart_text(text: str) -> str:
    """Text as this matplotlib must receive it to show Persian and Arabic correctly."""
    return text if matplotlib_lays_out_text() else display_text(text)


# The most characters of a name, label or title a chart shows: a 10,000-character CSM name
# as a tick label left the plot no room at all.
LABEL_CHARS = 40
TITLE_CHARS = 90


def label_text(text: str, limit: int = LABEL_CHARS) -> str:
    """A name or label from the data as a chart shows it: cut with an ellipsis past
    ``limit`` characters, then prepared by :func:`chart_text`."""
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return chart_text(text)


@cache
def plain_text_only() -> None:
    """Turn matplotlib's math text off for the process: a ``$`` in a chart is a character.

    Names, labels and segments come from the data: a CSM named ``Bruno $x^{$`` made the chart
    fail to draw, and the ordinary Brazilian segment ``R$ 5 mil a R$ 20 mil`` was set as math
    between its two dollar signs. Every Text reads this setting when it is made (tick labels
    at draw time), so it is set once, before any chart text exists, rather than per text; no
    csdesk chart uses math text.
    """
    import matplotlib

    matplotlib.rcParams["text.parse_math"] = False


def families() -> list[str]:
    """The font family list for chart text: the bundled family, then matplotlib's own."""
    plain_text_only()
    return register_matplotlib_fonts()


def text_style(
    theme: Theme, *, size: float = LABEL_SIZE, weight: str = "normal", color: str | None = None
) -> dict[str, Any]:
    """Keyword arguments for ``ax.text`` / ``set_title`` / ``set_xlabel`` in the chart style."""
    return {
        "fontfamily": families(),
        "fontsize": size,
        "fontweight": weight,
        "color": color or theme.text,
    }


# Styled empty figures by (theme, size), pickled: see new_figure. A chart's size is one of a
# few fixed ones (a bar chart's height follows its rows), so a handful are kept.
_PROTOTYPES: OrderedDict[tuple[Theme, float, float], bytes] = OrderedDict()
PROTOTYPES_KEPT = 16
# Ticks made in advance on each axis of a prototype: a year of months and a score axis.
PROTOTYPE_TICKS = (14, 9)


def new_figure(theme: Theme, size: tuple[float, float] = DEFAULT_SIZE) -> tuple[Figure, Axes]:
    """A figure with one styled axes, laid out around its labels in one pass.

    matplotlib builds every tick (two marks, two labels and a grid line, each from dozens of
    settings) one by one, a few milliseconds for an axes: a QBR's five charts spent a tenth of
    their time making ticks. The styled figure of each theme and size is built once, with
    ticks to spare, and each chart starts from a copy of it (unpickled, a third of the cost).
    The copy is the figure the builder would have made: the same settings on every artist,
    the spare ticks never drawn.
    """
    import pickle

    plain_text_only()
    key = (theme, float(size[0]), float(size[1]))
    blob = _PROTOTYPES.get(key)
    if blob is None:
        figure, axes = _styled_figure(theme, size)
        axes.xaxis.get_major_ticks(PROTOTYPE_TICKS[0])
        axes.yaxis.get_major_ticks(PROTOTYPE_TICKS[1])
        blob = pickle.dumps(figure)
        _PROTOTYPES[key] = blob
        while len(_PROTOTYPES) > PROTOTYPES_KEPT:
            _PROTOTYPES.popitem(last=False)
    copy = cast("Figure", pickle.loads(blob))
    return copy, copy.axes[0]


def _styled_figure(theme: Theme, size: tuple[float, float]) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    from csdesk.charts.layout import SinglePlotLayout

    figure = Figure(figsize=size, layout=SinglePlotLayout(), facecolor=theme.background)
    axes = figure.add_subplot()
    style_axes(axes, theme)
    return figure, axes


def style_axes(axes: Axes, theme: Theme, *, grid: Literal["x", "y", "both"] | None = "y") -> None:
    """Quiet axes: no top/right spines, muted ticks, a light grid behind the data."""
    axes.set_facecolor(theme.background)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(theme.axis)
    axes.tick_params(
        colors=theme.muted,
        labelcolor=theme.muted,
        labelsize=TICK_SIZE,
        labelfontfamily=families(),
        length=3,
    )
    if grid:
        axes.grid(axis=grid, color=theme.grid, linewidth=0.8)
        axes.set_axisbelow(True)


NOTE_SIZE = 8.0
TITLE_PAD = 10.0
NOTE_GAP = 4.0


def set_title(axes: Axes, title: str | None, theme: Theme, *, note: str | None = None) -> None:
    """The chart's title, left-aligned above the plot (nothing when ``title`` is empty).

    A ``note`` (what the marks mean, say) goes in small muted type on a line of its own
    between the title and the plot, so that however narrow the chart, the two never overlap.
    """
    pad = TITLE_PAD
    if note:
        from matplotlib.transforms import offset_copy

        figure = cast("Figure", axes.figure)
        place = offset_copy(axes.transAxes, fig=figure, y=NOTE_GAP, units="points")
        text = axes.text(
            0.0,
            1.0,
            chart_text(note),
            transform=place,
            ha="left",
            va="bottom",
            **text_style(theme, size=NOTE_SIZE, color=theme.muted),
        )
        # The note's line as the font draws it (its ascent and descent), in points: the same
        # at any size the chart is later drawn at.
        renderer = figure._get_renderer()  # type: ignore[attr-defined]
        line = text.get_window_extent(renderer).height * 72 / figure.dpi
        pad += line + NOTE_GAP
    if title:
        axes.set_title(
            label_text(title, TITLE_CHARS),
            loc="left",
            pad=pad,
            # A fixed height: matplotlib otherwise measures every tick label on each draw to
            # lift the title over ticks drawn on top, which no chart here has.
            y=1.0,
            **text_style(theme, size=TITLE_SIZE, weight="bold"),
        )


def set_axis_labels(
    axes: Axes, theme: Theme, *, x: str | None = None, y: str | None = None
) -> None:
    style = text_style(theme, color=theme.muted)
    if x:
        axes.set_xlabel(chart_text(x), **style)
    if y:
        axes.set_ylabel(chart_text(y), **style)


def figure_legend(
    figure: Figure, handles: Sequence[object], labels: Sequence[str], theme: Theme, *, columns: int
) -> Legend:
    """One legend row under the plot, outside the axes so it never hides data.

    The chart layout wraps it onto more rows when the figure is too narrow for one.
    """
    legend = figure.legend(
        # Bar containers are valid legend handles although the stubs only name Artist.
        cast("list[Artist]", list(handles)),
        [label_text(label) for label in labels],
        loc="outside lower center",
        ncols=columns,
        frameon=False,
        prop={"family": families(), "size": LABEL_SIZE},
        handlelength=1.4,
        columnspacing=1.6,
    )
    for text in legend.get_texts():
        text.set_color(theme.text)
    # What the chart layout needs to wrap the row (see csdesk.charts.layout).
    legend.csdesk_columns = columns  # type: ignore[attr-defined]
    legend.csdesk_handles = list(handles)  # type: ignore[attr-defined]
    return legend


def empty_figure(
    title: str | None,
    message: str,
    theme: Theme,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """The same frame as a chart, saying in words why there is nothing to draw."""
    figure, axes = new_figure(theme, size)
    set_title(axes, title, theme)
    axes.set_axis_off()
    axes.text(
        0.5,
        0.5,
        chart_text(message),
        ha="center",
        va="center",
        transform=axes.transAxes,
        **text_style(theme, size=LABEL_SIZE + 1, color=theme.muted),
    )
    return figure


def to_image(figure: Figure, dpi: int = PNG_DPI) -> PILImage:
    """The figure drawn as pixels (RGB, or RGBA when its background is transparent).

    One Agg draw does the layout and the pixels together (``savefig`` lays the figure out in
    a dry-run draw and then draws it again). The figure's own canvas (a Qt canvas in the
    app) and resolution are put back afterwards. Reports that place the pixels themselves
    (the PDF writer compresses them anyway) skip a PNG encode and decode this way. The
    drawing surface is kept for the next figure of the same size (see :func:`_canvas_class`).
    """
    from PIL import Image

    original_canvas, original_dpi = figure.canvas, figure.get_dpi()
    figure.set_dpi(dpi)
    try:
        canvas = _canvas_class()(figure)
        canvas.draw()
        width, height = canvas.get_width_height(physical=True)
        rgba = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        pixels = rgba.convert("RGB") if _opaque(figure) else rgba.copy()
        pixels.info["dpi"] = (dpi, dpi)
        return pixels
    finally:
        figure.set_dpi(original_dpi)
        figure.set_canvas(original_canvas)


def png_bytes(pixels: PILImage, *, compress_level: int = 6) -> bytes:
    """PNG bytes of drawn pixels, keeping their resolution."""
    buffer = io.BytesIO()
    dpi = pixels.info.get("dpi", (PNG_DPI, PNG_DPI))
    pixels.save(buffer, format="png", compress_level=compress_level, dpi=dpi)
    return buffer.getvalue()


def to_png(figure: Figure, dpi: int = PNG_DPI, *, compress_level: int = 6) -> bytes:
    """The figure as PNG bytes, on the figure's own background.

    ``compress_level`` trades file size for time: output that re-encodes the pixels anyway
    passes 1.
    """
    return png_bytes(to_image(figure, dpi), compress_level=compress_level)


def _opaque(figure: Figure) -> bool:
    """True when the figure's background has no transparency (the usual chart)."""
    from matplotlib.colors import to_rgba

    return to_rgba(figure.get_facecolor())[3] >= 1.0


# Drawing surfaces kept per thread, by (width, height, dpi), the most recently used last.
_surfaces = threading.local()
SURFACES_KEPT = 4


@cache
def _canvas_class() -> type[Any]:
    """An Agg canvas that draws on a surface kept, per thread, for figures of its size.

    matplotlib measures each text once per surface (its size cache belongs to the surface),
    so on a fresh surface per chart every month name, tick value and title was measured
    again by the font engine, chart after chart and pack after pack. The surface is cleared
    before each draw, as a new one starts, so the pixels are the same; a thread of its own
    because two report threads may draw at once.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

    class KeptSurfaceCanvas(FigureCanvasAgg):
        def get_renderer(self) -> RendererAgg:
            width, height = self.figure.bbox.size
            key = (width, height, self.figure.dpi)
            kept: OrderedDict[tuple[float, float, float], RendererAgg] | None = getattr(
                _surfaces, "kept", None
            )
            if kept is None:
                kept = _surfaces.kept = OrderedDict()
            renderer = kept.pop(key, None) or RendererAgg(width, height, self.figure.dpi)
            kept[key] = renderer
            while len(kept) > SURFACES_KEPT:
                kept.popitem(last=False)
            self.renderer = renderer
            return renderer

    return KeptSurfaceCanvas
