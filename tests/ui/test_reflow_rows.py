"""Cards in even rows: nine on the Support & CX page stand 3 + 3 + 3, not 4 + 4 + 1 with the
last one alone, and fewer per row only when the window cannot hold them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from csdesk.ui.main_window import MainWindow
from csdesk.ui.widgets import ReflowGrid


class _Card(QWidget):
    """A card that needs 100 pixels of width."""

    def minimumSizeHint(self) -> QSize:
        return QSize(100, 40)


def _grid(qtbot: QtBot, count: int) -> ReflowGrid:
    grid = ReflowGrid([_Card() for _ in range(count)], columns=4)
    assert grid.grid.horizontalSpacing() < 20  # the widths below: 4 cards in 436, 3 in 324
    qtbot.addWidget(grid)
    return grid


def _rows(grid: ReflowGrid) -> list[int]:
    """How many items each row of the grid holds now."""
    counts: dict[int, int] = {}
    for item in grid.items:
        row, _column, _rows, _columns = grid.grid.getItemPosition(grid.grid.indexOf(item))
        counts[row] = counts.get(row, 0) + 1
    return [counts[row] for row in sorted(counts)]


@pytest.mark.parametrize(
    ("count", "width", "rows"),
    [
        (9, 1000, [3, 3, 3]),  # room for four per row: three rows, as even as nine allow
        (8, 1000, [4, 4]),
        (6, 1000, [3, 3]),
        (5, 1000, [3, 2]),
        (8, 340, [3, 3, 2]),  # room for three
        (4, 340, [2, 2]),
        (9, 230, [2, 2, 2, 2, 1]),  # room for two: an odd count leaves one
        (4, 90, [1, 1, 1, 1]),
    ],
)
def test_rows_are_as_even_as_the_width_allows(
    qtbot: QtBot, count: int, width: int, rows: list[int]
) -> None:
    grid = _grid(qtbot, count)
    grid.arrange(grid.columns_for(width))
    assert _rows(grid) == rows


def test_the_support_pages_nine_cards_stand_in_three_rows(
    window: MainWindow, qtbot: QtBot, with_metrics: bool
) -> None:
    window.resize(1400, 900)
    window.show()
    window.show_page("support")
    support = window.page("support")
    grid = support.kpi_grid  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: grid.cards["csat"].value.text() != "—")
    qtbot.waitUntil(lambda: _rows(grid) == [3, 3, 3])
