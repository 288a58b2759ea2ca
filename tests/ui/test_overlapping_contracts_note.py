"""The Portfolio and Revenue pages say when contracts of one product run at once: their MRR
is summed into the figures, maybe twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from csdesk.cli import main
from csdesk.domain.month import Month
from csdesk.ui.first_paint import painted
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workers import Runner

HEADER = "subscription_id,account_id,start_date,end_date,plan,mrr\n"


def _window(qtbot: QtBot, tmp_path: Path, rows: str) -> MainWindow:
    source = tmp_path / "subscriptions.csv"
    source.write_text(HEADER + rows, encoding="utf-8")
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(source), "-q", "--as-of", "2024-12"]) == 0
    win = MainWindow(Runner(immediate=True))
    qtbot.addWidget(win)
    assert win.open_path(target)
    win.resize(1000, 650)
    win.show()
    qtbot.waitUntil(lambda: painted(win))
    return win


@pytest.fixture
def overlapping(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    win = _window(qtbot, tmp_path, "S1,A1,2024-01-01,,Pro,100\nS2,A1,2024-06-01,,Pro,300\n")
    yield win
    win.close()


def test_the_portfolio_says_so_and_the_support_page_does_not(
    overlapping: MainWindow, qtbot: QtBot, tmp_path: Path, with_metrics: bool
) -> None:
    session = overlapping.session
    assert session is not None
    overlapping.show_page("portfolio")
    page = overlapping.page("portfolio")
    qtbot.waitUntil(lambda: page.movements_chart.figure is not None)  # type: ignore[attr-defined]
    note = page.overlaps  # type: ignore[attr-defined]
    assert note.isVisible()
    assert note.text().startswith(
        f"1 account pays for several contracts of one product at once: the older ones add "
        f"{session.money(100.0)} to the MRR."
    )
    overlapping.grab().save(str(tmp_path / "portfolio-overlaps.png"))
    overlapping.show_page("revenue")
    revenue = overlapping.page("revenue")
    qtbot.waitUntil(lambda: revenue.chart.figure is not None)  # type: ignore[attr-defined]
    assert revenue.overlaps.isVisible()  # type: ignore[attr-defined]
    overlapping.show_page("support")
    support = overlapping.page("support")
    qtbot.waitUntil(lambda: support.content.isVisible())  # type: ignore[attr-defined]
    assert not support.overlaps.isVisible()  # type: ignore[attr-defined]


def test_contracts_that_follow_each_other_say_nothing(
    qtbot: QtBot, tmp_path: Path, with_metrics: bool
) -> None:
    win = _window(
        qtbot, tmp_path, "S1,A1,2024-01-01,2024-05-31,Pro,100\nS2,A1,2024-06-01,,Pro,300\n"
    )
    win.show_page("portfolio")
    page = win.page("portfolio")
    qtbot.waitUntil(lambda: page.movements_chart.figure is not None)  # type: ignore[attr-defined]
    assert not page.overlaps.isVisible()  # type: ignore[attr-defined]
    win.close()


def test_the_account_page_says_it_under_its_mrr(
    overlapping: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    session = overlapping.session
    assert session is not None
    account = int(session.ws.scalar("SELECT id FROM accounts WHERE external_id = 'A1'"))
    overlapping.open_account(account)
    page = overlapping.account_page
    line = page.overlap_line
    assert line.isVisible()
    assert line.text().startswith(
        f"2 contracts of one product run at once in {session.month(Month(2024, 12))}: the "
        f"older ones add {session.money(100.0)} to this MRR."
    )
    assert page.mrr_card.value.text() == session.money(400.0)
    overlapping.grab().save(str(tmp_path / "account-overlaps.png"))
