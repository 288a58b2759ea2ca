"""The Support & CX page shows the tickets' own CSAT beside the surveys': a help desk's
ratings (Zendesk's Good and Bad, read as 5 and 1) reach a card, not only the QBR."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sample_workspace import build_sample

from csdesk.ui.main_window import MainWindow
from csdesk.ui.workers import Runner


def test_the_support_page_shows_the_tickets_csat(
    qtbot: QtBot, tmp_path: Path, with_metrics: bool
) -> None:
    path = tmp_path / "sample.csdesk"
    ws = build_sample(path)
    with ws.transaction() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM tickets ORDER BY id")]
        conn.executemany("UPDATE tickets SET csat = ? WHERE id = ?", zip((5, 1), ids, strict=False))
    ws.close()
    window = MainWindow(Runner(immediate=True))
    qtbot.addWidget(window)
    assert window.open_path(path)
    window.resize(1280, 800)
    window.show()
    window.show_page("support")
    support = window.page("support")
    qtbot.waitUntil(lambda: support.nps_chart.figure is not None)  # type: ignore[attr-defined]
    cards = support.kpi_grid.cards  # type: ignore[attr-defined]
    session = window.session
    assert session is not None
    assert cards["ticket_csat"].label.text() == "Ticket CSAT"
    assert cards["ticket_csat"].value.text() == session.percent(0.5)
    assert cards["csat"].label.text() == "Survey CSAT"  # the surveys' own, beside it
    window.close()
