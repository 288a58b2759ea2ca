from __future__ import annotations

from datetime import datetime

from csdesk.domain.enums import BatchState, Entity, Role
from csdesk.store import Workspace
from csdesk.store.queries.imports import import_batches
from csdesk.store.queries.team import team


def test_team_books_count_active_accounts_and_their_mrr(sample_ws: Workspace) -> None:
    rows = {row.name: row for row in team(sample_ws)}
    assert [r.role for r in team(sample_ws)] == [Role.CS, Role.AM, Role.SUPPORT]
    # Ana is CSM of Acme (120) and Beta (60); Bruno is AM of Acme and of churned Gamma.
    assert (rows["Ana Lima"].accounts, rows["Ana Lima"].mrr) == (2, 180.0)
    assert (rows["Bruno Reis"].accounts, rows["Bruno Reis"].mrr) == (1, 120.0)
    assert (rows["Carla Dias"].accounts, rows["Carla Dias"].mrr) == (1, 120.0)


def test_import_batches_newest_first(sample_ws: Workspace) -> None:
    sample_ws.insert_many(
        "import_batches",
        ["file_name", "content_hash", "entity", "started_at", "rows_written", "state"],
        [
            ("accounts.xlsx", "h1", "accounts", "2026-04-01 10:00:00", 3, "done"),
            ("mrr.csv", "h2", "revenue", "2026-04-02 11:00:00", 9, "undone"),
        ],
    )
    rows = import_batches(sample_ws)
    assert [r.file_name for r in rows] == ["mrr.csv", "accounts.xlsx"]
    assert rows[0].state is BatchState.UNDONE
    assert rows[0].entity_kind is Entity.REVENUE
    assert rows[1].started_at == datetime(2026, 4, 1, 10, 0)


def test_renewals_by_month_counts_active_accounts_and_annual_value(
    sample_ws: Workspace,
) -> None:
    from csdesk.domain.month import Month
    from csdesk.store.queries.renewals import renewals_by_month

    months = renewals_by_month(sample_ws, Month(2026, 5), 12)
    assert [str(m.month) for m in months][:3] == ["2026-05", "2026-06", "2026-07"]
    assert len(months) == 12
    by_month = {str(m.month): (m.count, m.value) for m in months}
    # Beta renews in June (MRR 60 -> 720 a year), Acme in December (MRR 120 -> 1,440).
    assert by_month["2026-06"] == (1, 720.0)
    assert by_month["2026-12"] == (1, 1440.0)
    assert by_month["2026-05"] == (0, 0.0)
