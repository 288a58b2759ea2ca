"""Migrations 0006 and 0008 (issue 13): accounts.domain, opportunities.probability, and
tickets and survey responses that may belong to no account, with every row and index kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from csdesk.store import Workspace, migrations


def test_a_version_4_workspace_keeps_its_tickets_and_surveys(tmp_path: Path) -> None:
    path = tmp_path / "v4.csdesk"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.apply(conn, 0, 4)
    conn.execute("INSERT INTO accounts (id, name, name_key) VALUES (1, 'Acme', 'acme')")
    conn.execute(
        "INSERT INTO tickets (account_id, external_id, opened_at, first_response_minutes) "
        "VALUES (1, 'T-1', '2024-03-01 10:00:00', 30.0)"
    )
    conn.execute(
        "INSERT INTO surveys (account_id, date, type, score) VALUES (1, '2024-03-02', 'nps', 9)"
    )
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == migrations.current_version()
        assert ws.query("SELECT account_id, external_id, first_response_minutes FROM tickets") == [
            (1, "T-1", 30.0)
        ]
        assert ws.query("SELECT account_id, type, score FROM surveys") == [(1, "nps", 9)]
        indexes = {
            row[0] for row in ws.query("SELECT name FROM sqlite_schema WHERE type = 'index'")
        }
        assert {
            "tickets_account_opened",
            "tickets_opened",
            "tickets_batch",
            "surveys_account_date",
            "surveys_type_date",
            "surveys_batch",
            "surveys_type_score_date",
        } <= indexes
        with ws.transaction() as tx:
            tx.execute("INSERT INTO tickets (opened_at) VALUES ('2024-03-03 10:00:00')")
            tx.execute("UPDATE accounts SET domain = 'acme.com' WHERE id = 1")
        assert ws.scalar("SELECT count(*) FROM tickets WHERE account_id IS NULL") == 1
        # Deleting the account still removes its own rows (ON DELETE CASCADE kept).
        with ws.transaction() as tx:
            tx.execute("DELETE FROM accounts WHERE id = 1")
        assert ws.scalar("SELECT count(*) FROM tickets") == 1
        assert ws.scalar("SELECT count(*) FROM surveys") == 0
