"""The metric pages say where the recorded activity ends when open contracts run on past it."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot
from stale_room import ACCOUNTS, CONTRACTS, build_room, build_stale_room

from csdesk.domain.month import Month
from csdesk.ui.first_paint import painted
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workers import Runner


def _as_of_text(qtbot: QtBot, path: Path, page_key: str = "portfolio") -> str:
    window = MainWindow(Runner(immediate=True))
    qtbot.addWidget(window)
    assert window.open_path(path)
    window.resize(1000, 650)
    window.show()
    qtbot.waitUntil(lambda: painted(window))
    window.show_page(page_key)
    page = window.page(page_key)
    qtbot.waitUntil(lambda: bool(page.as_of.text()))  # type: ignore[attr-defined]
    if shots := os.environ.get("CSDESK_SHOTS"):  # a picture to look at, laid out
        qtbot.wait(200)
        window.grab().save(str(Path(shots) / f"data-end-{page_key}.png"))
    text: str = page.as_of.text()  # type: ignore[attr-defined]
    window.close()
    return text


def test_the_portfolio_says_the_activity_ends_before_the_revenue(
    qtbot: QtBot, tmp_path: Path, with_metrics: bool
) -> None:
    path = build_stale_room(tmp_path)
    this_month = Month.of(date.today())
    from csdesk.i18n import formatting

    today, end = (formatting.month(m, "en") for m in (this_month, Month(2024, 12)))
    shown = _as_of_text(qtbot, path)
    assert "Dec\u00a02024" in shown  # a month is not split across two lines
    text = shown.replace("\u00a0", " ")
    assert text.startswith(f"As of {today}, carried on by open contracts")
    assert f"is from {end}, the month the audit is as of." in text
    # The revenue page shares the figures, and the words; so does the health page, whose
    # scores would otherwise read every account healthy with no word of the two years.
    assert _as_of_text(qtbot, path, "revenue") == shown
    assert _as_of_text(qtbot, path, "health") == shown


def test_contracts_alone_say_only_the_month(
    qtbot: QtBot, tmp_path: Path, with_metrics: bool
) -> None:
    path = build_room(tmp_path, accounts=ACCOUNTS, contracts=CONTRACTS)
    this_month = Month.of(date.today())
    from csdesk.i18n import formatting

    assert _as_of_text(qtbot, path) == f"As of {formatting.month(this_month, 'en')}"
    assert _as_of_text(qtbot, path, "health") == f"As of {formatting.month(this_month, 'en')}"
