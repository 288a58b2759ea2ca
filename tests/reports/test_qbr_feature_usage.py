"""Usage that counts features, not users: the QBR's adoption chart shows each feature's use
this quarter beside the quarter before, where it said "no usage data"."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from csdesk.i18n import Lang
from csdesk.reports.qbr.content import TOP_FEATURES, build_qbr
from csdesk.reports.qbr.figures import draw, feature_periods
from csdesk.reports.qbr.model import Quarter
from csdesk.reports.qbr.pdf import write_qbr_pdf
from csdesk.store import Workspace


def _workspace(path: Path, usage: list[tuple[str, str, float]]) -> Workspace:
    ws = Workspace.create(path)
    ws.insert_many("accounts", ["name", "name_key", "status"], [("Padaria Sol", "p", "active")])
    ws.insert_many(
        "revenue_months",
        ["account_id", "month", "mrr"],
        [(1, f"2025-{m:02d}", 1000.0) for m in range(1, 13)],
    )
    ws.insert_many("usage", ["account_id", "date", "metric", "value"], [(1, *row) for row in usage])
    return ws


def test_each_feature_is_set_beside_the_quarter_before(tmp_path: Path) -> None:
    usage = [
        ("2025-10-03", "reports_run", 20.0),
        ("2025-12-30", "reports_run", 8.0),
        ("2025-07-10", "reports_run", 10.0),
        ("2025-11-01", "exports", 5.0),
        ("2025-08-01", "exports", 40.0),  # fell away: shown, it is worth a look
        ("2025-09-30", "imports", 3.0),  # used only in the quarter before
        ("2025-06-30", "exports", 999.0),  # before both quarters: left out
        ("2026-01-02", "exports", 999.0),  # after the quarter: left out
    ]
    with _workspace(tmp_path / "w.csdesk", usage) as ws:
        content = build_qbr(
            ws, 1, quarter=Quarter.parse("2025Q4"), lang=Lang("en"), today=date(2026, 1, 5)
        )
        features = content.adoption.features
        assert features is not None and content.adoption.feature_months == 3
        rows = {r.metric: (r.current, r.previous) for r in features.itertuples()}
        assert rows["reports_run"] == (28.0, 10.0)
        assert rows["exports"] == (5.0, 40.0)
        assert rows["imports"][1] == 3.0 and math.isnan(rows["imports"][0])
        assert features["metric"].tolist() == ["reports_run", "exports", "imports"]
        assert feature_periods(content) == ("Q4 2025", "Q3 2025")
        target = write_qbr_pdf(content, tmp_path / "qbr.pdf", draw(content))
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "No usage data for this period" not in text


def test_a_quarter_in_progress_is_set_beside_as_many_months_of_the_last(tmp_path: Path) -> None:
    usage = [
        ("2025-10-03", "reports_run", 20.0),
        ("2025-11-20", "reports_run", 6.0),
        ("2025-07-10", "reports_run", 10.0),
        ("2025-08-11", "reports_run", 1.0),
        ("2025-09-12", "reports_run", 100.0),  # the third month of the quarter before
    ]
    with _workspace(tmp_path / "w.csdesk", usage) as ws:
        ws.conn.execute("DELETE FROM revenue_months WHERE month = '2025-12'")
        content = build_qbr(
            ws, 1, quarter=Quarter.parse("2025Q4"), lang=Lang("pt_BR"), today=date(2025, 12, 5)
        )
    assert content.adoption.feature_months == 2
    features = content.adoption.features
    assert features is not None
    assert (features.iloc[0]["current"], features.iloc[0]["previous"]) == (26.0, 11.0)
    assert feature_periods(content) == ("out/2025 – nov/2025", "jul/2025 – ago/2025")


def test_at_most_the_most_used_features_are_shown(tmp_path: Path) -> None:
    usage = [("2025-11-01", f"feature_{n:02d}", float(n)) for n in range(1, 20)]
    with _workspace(tmp_path / "w.csdesk", usage) as ws:
        content = build_qbr(
            ws, 1, quarter=Quarter.parse("2025Q4"), lang=Lang("en"), today=date(2026, 1, 5)
        )
    features = content.adoption.features
    assert features is not None and len(features) == TOP_FEATURES
    assert features["metric"].tolist()[0] == "feature_19"


def test_active_users_keep_the_seats_chart(tmp_path: Path) -> None:
    usage = [("2025-11-01", "active_users", 12.0), ("2025-11-01", "reports_run", 5.0)]
    with _workspace(tmp_path / "w.csdesk", usage) as ws:
        content = build_qbr(
            ws, 1, quarter=Quarter.parse("2025Q4"), lang=Lang("en"), today=date(2026, 1, 5)
        )
    assert content.adoption.usage is not None and content.adoption.features is None
