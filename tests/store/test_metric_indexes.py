"""Migration 0004: the CX histogram of a whole portfolio is read from one covering index."""

from __future__ import annotations

from pathlib import Path

from csdesk.domain.month import Month
from csdesk.metrics import cx
from csdesk.metrics.cx import _histogram_sql
from csdesk.metrics.periods import Window
from csdesk.metrics.scope import PORTFOLIO
from csdesk.store import Workspace


def test_survey_histogram_reads_only_the_covering_index(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "w.csdesk") as ws:
        columns = [r[2] for r in ws.query("PRAGMA index_info(surveys_type_score_date)")]
        assert columns == ["type", "score", "date"]
        sql, _ = _histogram_sql(PORTFOLIO, None)
        plan = " ".join(
            str(r[3]) for r in ws.query(f"EXPLAIN QUERY PLAN {sql}", ("2025-01-01", "2026-01-01"))
        )
        assert "COVERING INDEX surveys_type_score_date" in plan
        assert "TEMP B-TREE" not in plan  # rows arrive in GROUP BY order


def test_histogram_through_the_index_counts_only_the_window(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "w.csdesk") as ws:
        with ws.transaction() as conn:
            conn.execute("INSERT INTO accounts (name, name_key) VALUES ('A', 'a')")
        ws.insert_many(
            "surveys",
            ["account_id", "date", "type", "score"],
            [
                (1, "2025-06-30", "nps", 10),
                (1, "2025-07-01", "nps", 10),
                (1, "2025-07-15", "nps", 3),
                (1, "2025-07-31", "csat", 5),
                (1, "2025-08-01", "nps", 9),
            ],
        )
        result = cx.summary(ws, Window(Month(2025, 7), 1))
        assert result.nps is not None
        assert (result.nps.promoters, result.nps.detractors, result.nps.responses) == (1, 1, 2)
        assert result.csat == 1.0
