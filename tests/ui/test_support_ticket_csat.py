"""The Support & CX page shows the tickets' own CSAT beside the surveys': a help desk's
ratings (Zendesk's Good and Bad, read as 5 and 1) reach a card, not only the QBR."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from csdesk.ui.main_window import MainWindow


def test_the_support_page_shows_the_tickets_csat(
    window: MainWindow, qtbot: QtBot, with_metrics: bool
) -> None:
    session = window.session
    assert session is not None
    with session.ws.transaction() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM tickets ORDER BY id")]
        conn.executemany("UPDATE tickets SET csat = ? WHERE id = ?", zip((5, 1), ids, strict=False))
    window.show_page("support")
    support = window.page("support")
    qtbot.waitUntil(lambda: support.nps_chart.figure is not None)  # type: ignore[attr-defined]
    cards = support.kpi_grid.cards  # type: ignore[attr-defined]
    assert cards["ticket_csat"].label.text() == "Ticket CSAT"
    assert cards["ticket_csat"].value.text() == session.percent(0.5)
    assert cards["csat"].label.text() == "Survey CSAT"  # the surveys' own, beside it
