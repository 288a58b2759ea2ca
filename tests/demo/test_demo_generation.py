"""Determinism, custom sizes through the large generator's path, progress and refusals."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from csdesk.demo import LARGE, SMALL, DemoSize, DemoSummary, generate, size_named
from csdesk.domain.month import Month
from csdesk.errors import CsdeskError
from csdesk.progress import Cancelled
from csdesk.store import Workspace
from tests.demo.conftest import TODAY

TINY = DemoSize(
    "tiny", accounts=40, tickets=900, surveys=300, events=2_500, csms=3, ams=2,
    support_agents=2, cx=1,
)  # fmt: skip


def _table_hashes(path: Path) -> dict[str, str]:
    hashes: dict[str, str] = {}
    with Workspace.open(path, read_only=True) as ws:
        for table in ws.table_counts():
            digest = hashlib.sha256()
            for row in ws.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(row).encode())
            hashes[table] = digest.hexdigest()
    return hashes


def _build(path: Path, size: str | DemoSize, seed: int, today: date = TODAY) -> None:
    with Workspace.open(path, create=True) as ws:
        generate(ws, size=size, seed=seed, today=today)


def test_same_seed_same_rows_other_seed_other_rows(
    tmp_path: Path, small_demo: tuple[Path, DemoSummary]
) -> None:
    first_path = small_demo[0]  # seed 7, built by the session fixture
    _build(tmp_path / "b.csdesk", "small", 7)
    _build(tmp_path / "c.csdesk", "small", 8)
    first = _table_hashes(first_path)
    assert first == _table_hashes(tmp_path / "b.csdesk")
    with (
        Workspace.open(first_path, read_only=True) as a,
        Workspace.open(tmp_path / "b.csdesk", read_only=True) as b,
    ):
        assert "\n".join(a.conn.iterdump()) == "\n".join(b.conn.iterdump())
    other = _table_hashes(tmp_path / "c.csdesk")
    for table in ("accounts", "revenue_months", "tickets", "surveys", "events", "usage"):
        assert first[table] != other[table], table


def test_history_follows_today(tmp_path: Path) -> None:
    _build(tmp_path / "t.csdesk", TINY, 7, today=date(2025, 3, 1))
    with Workspace.open(tmp_path / "t.csdesk", read_only=True) as ws:
        assert ws.scalar("SELECT max(month) FROM revenue_months") == "2025-02"
        assert ws.scalar("SELECT min(month) FROM revenue_months") == "2022-03"
        # Today is the 1st: nothing happened in the current month yet.
        for table, column in (("tickets", "opened_at"), ("events", "at"), ("surveys", "date")):
            assert ws.scalar(f"SELECT max({column}) FROM {table}") < "2025-03-01", table


def test_tiny_custom_size_uses_the_same_path(tmp_path: Path) -> None:
    path = tmp_path / "tiny.csdesk"
    with Workspace.open(path, create=True) as ws:
        summary = generate(ws, size=TINY, seed=11, today=TODAY)
        counts = ws.table_counts()
        movements = ws.query(
            "SELECT count(DISTINCT account_id) FROM revenue_months r WHERE NOT EXISTS "
            "(SELECT 1 FROM revenue_months p WHERE p.account_id = r.account_id "
            "AND p.month < r.month)"
        )
        assert ws.scalar("PRAGMA foreign_key_check") is None
        assert ws.scalar("PRAGMA foreign_keys") == 1  # restored after the bulk write
    assert summary.size == "tiny"
    assert counts["accounts"] == 40
    assert counts["tickets"] == 900
    assert counts["surveys"] == 300
    assert counts["events"] == 2_500
    assert counts["people"] == 3 + 2 + 2 + 1
    assert movements[0][0] == 40
    assert summary.active_accounts + summary.churned_accounts == 40


def test_presets() -> None:
    assert size_named("small") is SMALL and size_named("large") is LARGE
    assert (LARGE.accounts, LARGE.tickets, LARGE.surveys, LARGE.events) == (
        10_000, 500_000, 200_000, 1_000_000,
    )  # fmt: skip
    assert LARGE.months == SMALL.months == 36
    with pytest.raises(CsdeskError, match="unknown demo size 'huge'"):
        size_named("huge")
    with pytest.raises(CsdeskError, match="at least 24 accounts"):
        DemoSize("x", accounts=3, tickets=1, surveys=1, events=1, csms=1, ams=1,
                 support_agents=1, cx=1)  # fmt: skip


def test_progress_reports_and_cancel_writes_nothing(tmp_path: Path) -> None:
    seen: list[float] = []

    def record(fraction: float, message: str) -> None:
        assert message
        seen.append(fraction)

    with Workspace.open(tmp_path / "p.csdesk", create=True) as ws:
        generate(ws, size=TINY, today=TODAY, progress=record)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) > 10

    def cancel_at_tickets(fraction: float, message: str) -> None:
        if "tickets" in message:
            raise Cancelled()

    with Workspace.open(tmp_path / "c.csdesk", create=True) as ws:
        with pytest.raises(Cancelled):
            generate(ws, size=TINY, today=TODAY, progress=cancel_at_tickets)
        assert sum(ws.table_counts().values()) == 0
        assert ws.scalar("PRAGMA foreign_keys") == 1


def test_refuses_a_workspace_with_accounts(tmp_path: Path) -> None:
    path = tmp_path / "full.csdesk"
    with Workspace.open(path, create=True) as ws:
        ws.insert_many("accounts", ("name", "name_key"), [("Acme", "acme")])
        with pytest.raises(CsdeskError, match="already holds accounts"):
            generate(ws, size=TINY, today=TODAY)
        assert ws.table_counts()["accounts"] == 1


_BUILD_SCRIPT = """
import sys
from datetime import date
from csdesk.demo import DemoSize, generate
from csdesk.store import Workspace

size = DemoSize("tiny", accounts=40, tickets=900, surveys=300, events=2500, csms=3, ams=2,
                support_agents=2, cx=1)
with Workspace.open(sys.argv[1], create=True) as ws:
    generate(ws, size=size, seed=7, today=date(2026, 11, 22))
"""


def test_same_seed_gives_byte_identical_files_across_processes(tmp_path: Path) -> None:
    """Separate interpreters with different string-hash seeds write the very same bytes."""
    files = []
    for hash_seed in ("0", "12345"):
        path = tmp_path / f"run-{hash_seed}.csdesk"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", _BUILD_SCRIPT, str(path)], env=env, check=True)
        files.append(path.read_bytes())
    assert files[0] == files[1]


@pytest.mark.parametrize(
    ("seed", "today"),
    [
        (1, date(2024, 2, 29)),
        (2, date(2026, 3, 1)),
        (3, date(2025, 12, 31)),
        (4, date(2027, 7, 15)),
    ],
)
def test_invariants_hold_for_other_seeds_and_dates(tmp_path: Path, seed: int, today: date) -> None:
    path = tmp_path / "other.csdesk"
    _build(path, TINY, seed, today=today)
    now = today.isoformat()
    with Workspace.open(path, read_only=True) as ws:
        assert ws.query("PRAGMA foreign_key_check") == []
        last = ws.scalar("SELECT max(month) FROM revenue_months")
        assert last == str(Month.of(today) - 1)
        for table, column in (
            ("tickets", "opened_at"), ("tickets", "first_response_at"),
            ("tickets", "resolved_at"), ("events", "at"), ("surveys", "date"),
            ("accounts", "start_date"), ("contracts", "start_date"), ("opportunities", "closed"),
        ):  # fmt: skip
            assert ws.scalar(f"SELECT count(*) FROM {table} WHERE {column} >= ?", (now,)) == 0
        # Every account paying last month has a contract running on its last day.
        uncovered = ws.scalar(
            "SELECT count(*) FROM revenue_months r WHERE r.month = ? AND NOT EXISTS ("
            "SELECT 1 FROM contracts c WHERE c.account_id = r.account_id AND c.start_date <= ? "
            "AND (c.end_date IS NULL OR c.end_date >= ?) AND c.mrr = r.mrr)",
            (last, Month.parse(last).last_day.isoformat(), Month.parse(last).last_day.isoformat()),
        )
        assert uncovered == 0
        status = dict(ws.query("SELECT status, count(*) FROM accounts GROUP BY status"))
        paying = ws.scalar("SELECT count(*) FROM revenue_months WHERE month = ?", (last,))
        assert status["active"] == paying
        renewals = [row[0] for row in ws.query(
            "SELECT renewal_date FROM accounts WHERE status = 'active'")]  # fmt: skip
        assert all(
            (today - timedelta(days=90)).isoformat()
            <= day
            <= (today + timedelta(days=366)).isoformat()
            for day in renewals
        )
