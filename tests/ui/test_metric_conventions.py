"""KPI cards say how csdesk counts; the Revenue page shows other tools' conventions beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from csdesk.domain.month import Month
from csdesk.metrics import portfolio
from csdesk.store import Workspace
from csdesk.ui.main_window import MainWindow
from csdesk.ui.models.rows_table import PAYLOAD_ROLE


@pytest.fixture
def year_of_revenue(sample_path: Path) -> Path:
    """The sample's three accounts paying from 2025-04, so that the 12-month ratios exist."""
    ws = Workspace.open(sample_path)
    try:
        with ws.transaction():
            ws.insert_many(
                "revenue_months",
                ["account_id", "month", "mrr"],
                [
                    (account, f"2025-{month:02d}", mrr)
                    for month in range(4, 13)
                    for account, mrr in ((1, 100.0), (2, 80.0), (3, 40.0))
                ],
            )
    finally:
        ws.close()
    return sample_path


def test_nrr_card_tooltip_gives_the_cohort_definition_and_other_tools(
    window: MainWindow,
) -> None:
    window.show_page("portfolio")
    cards = window.page("portfolio").kpi_grid.cards  # type: ignore[attr-defined]
    nrr = cards["nrr_12m"].toolTip()
    assert "cohort method" in nrr
    assert "accounts paying 12 months ago" in nrr
    assert "Other tools" in nrr
    assert "Other tools" in cards["logo_churn_12m"].toolTip()
    assert "Other tools" in cards["grr_12m"].toolTip()
    assert all(card.toolTip() for card in cards.values())


def test_revenue_page_lists_other_conventions_beside_csdesk(
    year_of_revenue: Path, window: MainWindow, qtbot: QtBot, with_metrics: bool
) -> None:
    session = window.session
    assert session is not None
    window.show_page("revenue")
    page = window.page("revenue")
    model = page.conventions_model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    ws = Workspace.open(year_of_revenue, read_only=True)
    try:
        expected = portfolio.compute(ws)
    finally:
        ws.close()
    # 2025-04 → 2026-04: Acme 100 → 120, Beta 80 → 60, Gamma 40 → 0.
    assert expected["nrr_12m"] == pytest.approx(180 / 220)
    payloads = [model.index(r, 0).data(PAYLOAD_ROLE) for r in range(model.rowCount())]
    metrics = {metric for metric, _convention in payloads}
    assert metrics == {"nrr", "grr", "logo_churn"}
    # csdesk's own row leads each metric, and its figure is the portfolio's.
    assert payloads[0] == ("nrr", "csdesk")
    nrr_rows = [r for r, (metric, _c) in enumerate(payloads) if metric == "nrr"]
    assert len(nrr_rows) == 3  # csdesk, movement-based, compounded monthly
    own_nrr = session.percent(expected["nrr_12m"])
    for row in nrr_rows:
        assert model.index(row, 3).data() == own_nrr
    assert model.index(0, 2).data() == own_nrr
    churn_row = payloads.index(("logo_churn", "csdesk"))
    assert model.index(churn_row, 2).data() == session.percent(expected["logo_churn_12m"])
    assert model.index(churn_row, 0).data() == "Logo churn"


def test_revenue_page_gives_logo_churn_as_each_billing_tool_counts_it(
    year_of_revenue: Path, window: MainWindow, qtbot: QtBot, with_metrics: bool, tmp_path: Path
) -> None:
    """ChartMogul, Baremetrics, ProfitWell and Stripe after csdesk's own conventions, each
    recomputed on the workspace's revenue as the audit does."""
    from csdesk.metrics import mrr_source, tool_presets

    session = window.session
    assert session is not None
    window.show_page("revenue")
    page = window.page("revenue")
    model = page.conventions_model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    payloads = [model.index(r, 0).data(PAYLOAD_ROLE) for r in range(model.rowCount())]
    tool_rows = [r for r, (_m, convention) in enumerate(payloads) if convention.startswith("tool:")]
    presets = tool_presets.shipped()
    assert [model.index(r, 1).data() for r in tool_rows] == [p.name for p in presets]
    assert tool_rows == list(range(len(payloads) - len(presets), len(payloads)))  # last
    ws = Workspace.open(year_of_revenue, read_only=True)
    try:
        as_of = Month.parse(str(portfolio.compute(ws)["as_of"]))
        data = mrr_source.load(ws, through=as_of)
        free = tool_presets.free_months(ws)
        expected = tool_presets.recompute_all(data, as_of - 12, as_of, free)
        own = portfolio.compute(ws)["logo_churn_12m"]
    finally:
        ws.close()
    for row, result in zip(tool_rows, expected, strict=True):
        assert model.index(row, 0).data() == "Logo churn"
        assert model.index(row, 2).data() == session.percent(result.value)
        assert model.index(row, 3).data() == session.percent(own)
        assert model.index(row, 4).data() == tool_presets.rule_text(result.preset, session.lang)
    page.conventions_table.grab().save(str(tmp_path / "conventions.png"))
