"""Ids before names: rows with distinct ids are distinct accounts, whatever their names; ids
match ignoring case and surrounding spaces, and the report says when it took two spellings
as one."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import write_csv

from csdesk.ingest import commit, prepare
from csdesk.store import Workspace


def _accounts(ws: Workspace) -> list[tuple[str | None, str]]:
    return [
        (str(external) if external is not None else None, str(name))
        for external, name in ws.query("SELECT external_id, name FROM accounts ORDER BY id")
    ]


def _mrr(ws: Workspace) -> float:
    return float(ws.query("SELECT coalesce(sum(mrr), 0) FROM revenue_months")[0][0])


def test_three_ids_one_name_are_three_accounts(tmp_path: Path, ws: Workspace) -> None:
    text = "account_id;account;month;mrr\n"
    text += "S-001;Acme;2025-01;100\nS-002;Acme;2025-01;200\nS-003;Acme;2025-01;300\n"
    plan = prepare(write_csv(tmp_path / "revenue.csv", text), ws=ws)
    assert not [p for p in plan.problems if "duplicate" in p.message]
    warned = [p for p in plan.problems if p.severity == "warning"]
    assert sorted(p.row for p in warned) == [2, 3, 4]
    assert "S-001, S-002, S-003" in warned[0].message
    commit(ws, plan)
    assert _accounts(ws) == [("S-001", "Acme"), ("S-002", "Acme"), ("S-003", "Acme")]
    assert _mrr(ws) == 600


def test_ids_differing_only_by_case_or_spaces_are_one_account_and_said(
    tmp_path: Path, ws: Workspace
) -> None:
    first = "account_id;account;month;mrr\nab-1;Acme;2025-01;100\n"
    commit(ws, prepare(write_csv(tmp_path / "jan.csv", first), ws=ws))
    second = "account_id;account;month;mrr\nAB-1;Acme Ltda;2025-02;100\n ab-1 ;Acme;2025-03;100\n"
    plan = prepare(write_csv(tmp_path / "feb.csv", second), ws=ws)
    warned = [p for p in plan.problems if p.severity == "warning"]
    # Cells are read without their surrounding spaces: only the other case is worth a word.
    assert [(p.row, p.value) for p in warned] == [(2, "AB-1")]
    assert "'ab-1'" in warned[0].message and "case" in warned[0].message
    commit(ws, plan)
    assert _accounts(ws) == [("ab-1", "Acme")]
    months = ws.query("SELECT month, account_id FROM revenue_months ORDER BY month")
    assert [m for m, _a in months] == ["2025-01", "2025-02", "2025-03"]
    assert len({a for _m, a in months}) == 1


def test_a_name_only_account_takes_up_the_first_id_that_names_it(
    tmp_path: Path, ws: Workspace
) -> None:
    commit(
        ws,
        prepare(write_csv(tmp_path / "a.csv", "account;mrr\nAcme;10\n"), ws=ws, entity="accounts"),
    )
    text = "account_id;account;segment\nS-1;Acme;SMB\nS-2;Acme;SMB\n"
    commit(ws, prepare(write_csv(tmp_path / "b.csv", text), ws=ws, entity="accounts"))
    assert _accounts(ws) == [("S-1", "Acme"), ("S-2", "Acme")]


def test_rows_without_an_id_still_match_by_name(tmp_path: Path, ws: Workspace) -> None:
    accounts = write_csv(tmp_path / "a.csv", "account_id;account\nS-1;Acme Ltda\n")
    commit(ws, prepare(accounts, ws=ws, entity="accounts"))
    text = "account;month;mrr\nACME;2025-01;50\n"
    commit(ws, prepare(write_csv(tmp_path / "r.csv", text), ws=ws))
    assert _accounts(ws) == [("S-1", "Acme Ltda")]
    assert _mrr(ws) == 50
