"""The tables a workspace must hold are read from a record of a migrations run, never trusted
past what it was made from: other migrations or another SQLite mean running them again."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from csdesk.store import Workspace, migrations
from csdesk.store.errors import NotAWorkspace

REGENERATE = (
    'a migration changed: run .venv/bin/python -c "from csdesk.store import migrations; '
    'migrations.record_tables()" and commit csdesk/store/migrations/tables.json'
)


def _recorded() -> dict[str, object]:
    data = json.loads(migrations.RECORDED_TABLES.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_record_is_of_the_current_migrations() -> None:
    data = _recorded()
    version = migrations.current_version()
    assert data["version"] == version, REGENERATE
    assert data["migrations"] == migrations.migrations_fingerprint(version), REGENERATE


def test_the_record_is_what_running_the_migrations_gives() -> None:
    data = _recorded()
    if data["sqlite"] != sqlite3.sqlite_version:
        pytest.skip(f"recorded with SQLite {data['sqlite']}; this one runs the migrations")
    version = migrations.current_version()
    assert data["tables"] == migrations.run_tables(version)
    migrations.expected_tables.cache_clear()
    assert migrations.expected_tables(version) == data["tables"]


def _record_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **changes: object) -> None:
    data = {**_recorded(), "sqlite": sqlite3.sqlite_version, **changes}
    path = tmp_path / "tables.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(migrations, "RECORDED_TABLES", path)
    migrations.expected_tables.cache_clear()


@pytest.mark.parametrize(
    "changes",
    [
        {"migrations": "0001_initial.sql:1:00000000"},  # made from other migrations
        {"sqlite": "3.0.0"},  # made by another SQLite
        {"version": 1},  # of another version
        {"tables": ["accounts"]},  # not a record at all
    ],
    ids=["other-migrations", "other-sqlite", "other-version", "malformed"],
)
def test_a_record_of_something_else_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changes: dict[str, object]
) -> None:
    version = migrations.current_version()
    _record_elsewhere(tmp_path, monkeypatch, tables={"accounts": "CREATE TABLE accounts (x)"})
    assert migrations.expected_tables(version) == {"accounts": "CREATE TABLE accounts (x)"}
    _record_elsewhere(tmp_path, monkeypatch, **changes)
    assert migrations.expected_tables(version) == migrations.run_tables(version)
    migrations.expected_tables.cache_clear()


def test_a_missing_record_runs_the_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "RECORDED_TABLES", tmp_path / "absent.json")
    migrations.expected_tables.cache_clear()
    version = migrations.current_version()
    assert migrations.expected_tables(version) == migrations.run_tables(version)
    migrations.expected_tables.cache_clear()


def test_a_workspace_whose_table_differs_from_the_record_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "changed.csdesk"
    Workspace.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE accounts ADD COLUMN nickname TEXT")
    conn.commit()
    conn.close()
    migrations.expected_tables.cache_clear()
    with pytest.raises(NotAWorkspace, match="changed table accounts"):
        Workspace.open(path)
