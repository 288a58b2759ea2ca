"""Which accounts an import batch reached: rows it wrote, values it replaced, accounts it
changed or created (the app refreshes those accounts' pages and leaves the others)."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.ingest import commit, prepare, undo
from csdesk.ingest.accounts_matching import name_key
from csdesk.store import Workspace
from csdesk.store.queries.batch_accounts import (
    batch_accounts,
    batch_created_accounts,
    batch_entity,
)


@pytest.fixture
def ws(sample_ws: Workspace) -> Workspace:
    """The sample with names keyed as the importer keys them (``Acme Corp`` is ``acme``)."""
    with sample_ws.transaction() as conn:
        for account, name in sample_ws.query("SELECT id, name FROM accounts"):
            conn.execute("UPDATE accounts SET name_key = ? WHERE id = ?", (name_key(name), account))
    return sample_ws


def imported(ws: Workspace, path: Path, text: str, entity: str) -> int:
    path.write_text(text, encoding="utf-8")
    result = commit(ws, prepare(path, ws=ws, entity=entity))
    assert result.batch_id is not None
    return int(result.batch_id)


def test_revenue_months_written_and_replaced(ws: Workspace, tmp_path: Path) -> None:
    text = "Account,Month,MRR\nAcme Corp,2026-04,130\nBeta Ltda,2026-05,70\n"
    batch = imported(ws, tmp_path / "mrr.csv", text, "revenue")
    assert batch_entity(ws, batch) == "revenue"
    assert batch_accounts(ws, batch) == {1, 2}  # Acme's April replaced, Beta's May new
    assert not batch_created_accounts(ws, batch)


def test_an_account_changed_and_one_created(ws: Workspace, tmp_path: Path) -> None:
    text = "Account,Segment\nBeta Ltda,Enterprise\nDelta SA,SMB\n"
    batch = imported(ws, tmp_path / "accounts.csv", text, "accounts")
    delta = int(ws.scalar("SELECT id FROM accounts WHERE name = 'Delta SA'"))
    assert batch_accounts(ws, batch) == {2, delta}  # Acme, untouched, is not named
    assert batch_created_accounts(ws, batch)
    assert batch_entity(ws, 999) is None


def test_asked_before_an_undo_it_names_what_the_undo_will_change(
    ws: Workspace, tmp_path: Path
) -> None:
    text = "Id,Organization,Created at,Status\n901,Beta Ltda,2026-05-01,open\n"
    batch = imported(ws, tmp_path / "tickets.csv", text, "tickets")
    before = batch_accounts(ws, batch)
    assert before == {2}
    undo(ws, batch)
    assert batch_accounts(ws, batch) == frozenset()  # its rows are gone: ask before
