"""An import reads its file once: commit writes what prepare read (issue 14, point 1)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import write_csv, write_xlsx

from csdesk.ingest import commit, entity_rules, plan, prepare
from csdesk.store import Workspace


def _count_calls(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    calls = [0]
    original: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def _revenue_sheet(path: Path) -> Path:
    rows: list[list[Any]] = [["Cliente", "Mês", "MRR"]]
    for account in ("Acme", "Borealis", "Cinco"):
        for month in ("2025-01", "2025-02", "2025-03"):
            rows.append([account, month, 100.0 + len(account)])
    rows.append(["Acme", "2025-01", 5.0])  # a second line of one month: summed
    return write_xlsx(path, rows)


def _revenue(ws: Workspace) -> list[tuple[Any, ...]]:
    return ws.query(
        "SELECT a.name, r.month, r.mrr FROM revenue_months r JOIN accounts a ON a.id = "
        "r.account_id WHERE r.month <= '2025-03' ORDER BY a.name, r.month"
    )


def test_a_plan_made_without_a_workspace_is_written_into_a_new_one_as_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _revenue_sheet(tmp_path / "receita.xlsx")
    opened = _count_calls(monkeypatch, plan, "open_source")
    ruled = _count_calls(monkeypatch, entity_rules, "apply")
    prepared = prepare(path)  # the command line's new file: no workspace yet
    with Workspace.open(tmp_path / "new.csdesk", create=True) as ws:
        result = commit(ws, prepared)
        assert (opened[0], ruled[0]) == (1, 1)  # neither read nor checked a second time
        assert result.rows_written == 9
        assert _revenue(ws)[0] == ("Acme", "2025-01", 109.0)
        assert len(_revenue(ws)) == 9


def test_a_workspace_changed_since_the_plan_is_checked_again_without_reading_the_file(
    tmp_path: Path, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _revenue_sheet(tmp_path / "receita.xlsx")
    prepared = prepare(path, ws=ws)
    # Another import in between: the plan's account matching no longer holds.
    other = write_csv(tmp_path / "contas.csv", "Cliente;MRR\nBorealis;50\nZeta;70\n")
    commit(ws, prepare(other, ws=ws, entity="accounts"))
    created_before = ws.scalar("SELECT count(*) FROM accounts")
    opened = _count_calls(monkeypatch, plan, "open_source")
    ruled = _count_calls(monkeypatch, entity_rules, "apply")
    result = commit(ws, prepared)
    assert opened[0] == 0 and ruled[0] == 1  # matched against the accounts as they are now
    # Borealis already exists now: only Acme and Cinco are created.
    assert result.accounts_created == 2
    assert ws.scalar("SELECT count(*) FROM accounts") == created_before + 2
    assert len(_revenue(ws)) == 9


def test_a_plan_made_without_a_workspace_is_checked_again_in_one_that_holds_data(
    tmp_path: Path, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit(ws, prepare(write_csv(tmp_path / "c.csv", "Cliente;MRR\nAcme;10\n"), ws=ws))
    prepared = prepare(_revenue_sheet(tmp_path / "receita.xlsx"))
    ruled = _count_calls(monkeypatch, entity_rules, "apply")
    result = commit(ws, prepared)
    assert ruled[0] == 1
    assert result.accounts_created == 2  # Acme was there already


def test_the_work_queue_brought_up_to_date_in_between_leaves_the_plan_as_it_was(
    tmp_path: Path, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's Today page evaluates its rules after the first paint, while the wizard reads
    a file: that writes only the queue's bookkeeping, which no check reads."""
    from datetime import date

    from csdesk.desk.engine import CHECKED, evaluate

    commit(ws, prepare(write_csv(tmp_path / "c.csv", "Cliente;MRR\nAcme;10\n"), ws=ws))
    prepared = prepare(_revenue_sheet(tmp_path / "receita.xlsx"), ws=ws)
    changes = ws.conn.total_changes
    evaluate(ws, date(2025, 4, 1))
    assert ws.conn.total_changes > changes and CHECKED.get(ws)  # it did write
    ruled = _count_calls(monkeypatch, entity_rules, "apply")
    result = commit(ws, prepared)
    assert ruled[0] == 0  # the plan's matching and checks reused
    assert result.accounts_created == 2
    assert len(_revenue(ws)) == 9
    # A change of data, not bookkeeping, in between still has the plan checked again.
    again = prepare(write_csv(tmp_path / "d.csv", "Cliente;MRR\nBorealis;7\nZeta;8\n"), ws=ws)
    ws.execute("UPDATE accounts SET name = 'Borealis SA' WHERE name = 'Borealis'")
    ruled[0] = 0
    commit(ws, again)
    assert ruled[0] == 1
