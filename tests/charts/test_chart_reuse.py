"""Charts start from a copy of a styled figure and draw on a kept surface (csdesk.charts.style):
both must give exactly the pixels of a figure built and drawn afresh."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from chart_helpers import months, movements
from matplotlib.figure import Figure

from csdesk import charts
from csdesk.charts import health, revenue, style
from csdesk.charts.theme import DARK, LIGHT
from csdesk.i18n.lang import Lang

PT = Lang("pt_BR")


def _pixels(figure: Figure) -> np.ndarray:
    return np.asarray(style.to_image(figure, 60))


def _trend(scores: list[float]) -> Figure:
    frame = pd.DataFrame({"month": months(len(scores)), "score": scores})
    return charts.health_trend(frame, lang=PT, size=(8, 3.2))


def _fresh(build: Callable[[], Figure]) -> np.ndarray:
    """The pixels of ``build()`` with its figure made from scratch, on a new surface."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with pytest.MonkeyPatch.context() as patch:
        for module in (health, revenue):
            patch.setattr(module, "new_figure", style._styled_figure)
        figure = build()
    figure.set_dpi(60)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].copy()


def test_a_chart_from_the_copy_is_the_chart_built_afresh() -> None:
    scores = [80.0, 72.5, 64.0, 35.0, 41.0, 58.0, 77.0, 90.0, 88.0, 69.0, 52.0, 47.0, 66.0]
    for build in (
        lambda: _trend(scores),
        lambda: charts.revenue_history(
            movements(13), currency="BRL", lang=PT, theme=DARK, size=(8, 3.2)
        ),
    ):
        first, again = _pixels(build()), _pixels(build())
        assert (first == again).all()  # the second starts from the kept copy
        assert (first == _fresh(build)).all()


def test_a_kept_surface_shows_nothing_of_the_chart_before() -> None:
    high, low = [95.0] * 12, [12.0] * 12
    alone = _fresh(lambda: _trend(low))
    _pixels(_trend(high))  # the same size: drawn on the surface the next one reuses
    assert (_pixels(_trend(low)) == alone).all()
    assert not (_pixels(_trend(high)) == alone).all()


def test_threads_draw_on_surfaces_of_their_own() -> None:
    expected = {n: _pixels(_trend([float(n)] * 12)) for n in (20, 50, 80)}
    drawn: dict[int, list[np.ndarray]] = {n: [] for n in expected}

    def draw(n: int) -> None:
        for _ in range(3):
            drawn[n].append(_pixels(_trend([float(n)] * 12)))

    workers = [threading.Thread(target=draw, args=(n,)) for n in expected]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for n, images in drawn.items():
        assert all((image == expected[n]).all() for image in images)


def test_prototypes_are_kept_per_theme_and_size() -> None:
    light, _ = style.new_figure(LIGHT, (5.0, 2.0))
    dark, _ = style.new_figure(DARK, (5.0, 2.0))
    assert light.get_facecolor() != dark.get_facecolor()
    assert tuple(light.get_size_inches()) == (5.0, 2.0)
    assert light is not style.new_figure(LIGHT, (5.0, 2.0))[0]  # each chart its own copy
