"""Progress inside one block: a workbook is read as one block, so the bar must move while
its rows are converted, checked and written, not jump from the start to the end; and a cancel
heard half-way through the rows (the callback raising) leaves the workspace as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_xlsx

from csdesk import ingest
from csdesk.progress import Cancelled
from csdesk.store import Workspace, bulk

ACCOUNTS, MONTHS = 100, 30
ROWS = ACCOUNTS * MONTHS


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows: list[list[object]] = [["Cliente", "Mês", "MRR"]]
    for account in range(ACCOUNTS):
        for month in range(MONTHS):
            rows.append(
                [
                    f"Cliente {account:03d}",
                    f"{2023 + month // 12}-{month % 12 + 1:02d}",
                    100 + account + month,
                ]
            )
    return write_xlsx(tmp_path_factory.mktemp("sheet") / "receita.xlsx", rows)


@pytest.fixture(autouse=True)
def often(monkeypatch: pytest.MonkeyPatch) -> None:
    """A report every 300 rows, and the indexes rebuilt after the load, as for a large file."""
    monkeypatch.setattr(bulk, "PROGRESS_ROWS", 300)
    monkeypatch.setattr(bulk, "BULK_ROWS", 1_000)


def _inside(heard: list[tuple[float, str]], message: str) -> list[float]:
    return [f for f, m in heard if m == message and 0.0 < f < 1.0]


def test_converting_checking_and_writing_one_block_move_the_bar(
    ws: Workspace, workbook: Path
) -> None:
    heard: list[tuple[float, str]] = []
    plan = ingest.prepare(workbook, ws=ws, progress=lambda f, m: heard.append((f, m)))
    assert plan.rows_accepted == ROWS
    checking = _inside(heard, "checking rows")
    # The workbook's one block: after each converted column, after the rules, after keeping.
    assert len(checking) >= 4 and checking == sorted(set(checking))
    assert checking[0] < 0.5 < checking[-1]
    fractions = [f for f, _ in heard]
    assert fractions == sorted(fractions)

    heard.clear()
    result = ingest.commit(ws, plan, progress=lambda f, m: heard.append((f, m)))
    assert result.rows_written == ROWS
    writing = _inside(heard, "writing receita.xlsx")
    # One report per 300 rows written, then the block's end.
    assert len(writing) >= ROWS // 300 - 1
    assert writing == sorted(writing)
    assert writing[0] < 0.15 and writing[-1] == pytest.approx(0.95)
    middle = [f for f in writing if 0.3 < f < 0.7]
    assert len(middle) >= 3


def test_a_cancel_heard_half_way_through_the_rows_writes_nothing(
    ws: Workspace, workbook: Path
) -> None:
    schema = ws.query("SELECT type, name, sql FROM sqlite_schema ORDER BY name")
    plan = ingest.prepare(workbook, ws=ws)
    written: list[int] = []

    def cancel_half_way(fraction: float, message: str) -> None:
        if message.startswith("writing") and fraction > 0.5:
            # Rows are in the table, inside the open transaction, its indexes dropped.
            written.append(int(ws.scalar("SELECT count(*) FROM revenue_months")))
            raise Cancelled()

    with pytest.raises(Cancelled):
        ingest.commit(ws, plan, progress=cancel_half_way)
    assert 0 < written[0] < ROWS
    assert ws.scalar("SELECT count(*) FROM revenue_months") == 0
    assert ws.scalar("SELECT count(*) FROM accounts") == 0
    assert ws.scalar("SELECT count(*) FROM import_batches") == 0
    assert ws.query("SELECT type, name, sql FROM sqlite_schema ORDER BY name") == schema
    # And the same plan imports afterwards, whole.
    assert ingest.commit(ws, plan).rows_written == ROWS
