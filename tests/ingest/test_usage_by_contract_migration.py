"""Migration 0003: the usage_by_contract table and each batch's as-of month."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ingest_helpers import write_csv

from csdesk.domain.month import Month
from csdesk.ingest import commit, prepare
from csdesk.store import Workspace, migrations


def test_a_version_2_workspace_gains_the_table_with_its_data_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.csdesk"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(conn, 0, 2)
    conn.execute(
        "INSERT INTO import_batches (file_name, content_hash, entity, started_at) "
        "VALUES ('c.csv', 'h', 'contracts', '2025-01-01 00:00:00')"
    )
    migrations.apply(conn, 2, 3)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(usage_by_contract)")]
    assert columns == [
        "id",
        "contract_id",
        "date",
        "metric",
        "value",
        "batch_id",
        "usage_id",
        "linked_by",
    ]
    indexes = {row[1] for row in conn.execute("PRAGMA index_list(usage_by_contract)")}
    assert {"usage_by_contract_contract", "usage_by_contract_usage"} <= indexes
    assert conn.execute("SELECT file_name, as_of FROM import_batches").fetchall() == [
        ("c.csv", None)
    ]
    conn.close()


def test_usage_rows_by_contract_id_wait_then_link_and_unlink(tmp_path: Path, ws: Workspace) -> None:
    usage = write_csv(
        tmp_path / "uso.csv",
        "subscription_id;usage_date;feature_name;usage_count\n"
        "S-1;2024-03-02;export;4\nS-2;2024-03-05;export;7\nS-9;2024-03-06;login;1\n",
    )
    contracts = write_csv(
        tmp_path / "assinaturas.csv",
        "subscription_id;account_id;start_date;end_date;mrr_amount\n"
        "S-1;A-1;2024-01-01;;100\nS-2;A-2;2024-02-01;2024-06-30;50\n",
    )
    plan = prepare(usage, ws=ws, as_of=Month(2025, 1))
    assert (plan.entity, plan.rows_accepted, plan.rows_rejected) == ("usage", 3, 0)
    first = commit(ws, plan)
    assert ws.scalar("SELECT count(*) FROM usage_by_contract WHERE usage_id IS NULL") == 3
    second = commit(ws, prepare(contracts, ws=ws, as_of=Month(2025, 1)))
    assert ws.scalar("SELECT as_of FROM import_batches WHERE id = ?", (second.batch_id,)) == (
        "2025-01"
    )
    assert ws.query(
        "SELECT a.external_id, u.date, u.metric, u.value, u.batch_id FROM usage u "
        "JOIN accounts a ON a.id = u.account_id ORDER BY u.date"
    ) == [
        ("A-1", "2024-03-02", "export", 4.0, first.batch_id),
        ("A-2", "2024-03-05", "export", 7.0, first.batch_id),
    ]
    # S-9 names no contract yet: it still waits.
    assert ws.query(
        "SELECT contract_id, linked_by FROM usage_by_contract WHERE usage_id IS NULL"
    ) == [("S-9", None)]
    assert set(ws.query("SELECT linked_by FROM usage_by_contract WHERE usage_id IS NOT NULL")) == {
        (second.batch_id,)
    }
