"""Writing a plan: one transaction, batches, overwrites, undo, duplicates, cancel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import write_csv, write_xlsx

from csdesk.domain.month import Month
from csdesk.ingest import commit, list_batches, prepare, undo
from csdesk.ingest.errors import AlreadyImported, BatchError
from csdesk.progress import Cancelled
from csdesk.store import Workspace

REVENUE = "Cliente;Mês;MRR\nAcme Ltda;01/2024;100\nAcme Ltda;02/2024;110\nBeta;01/2024;50\n"


def revenue(ws: Workspace) -> list[tuple[str, str, float]]:
    return ws.query(
        "SELECT a.name, r.month, r.mrr FROM revenue_months r "
        "JOIN accounts a ON a.id = r.account_id "
        "ORDER BY a.name, r.month"
    )


def test_revenue_import_writes_one_batch_with_counts_and_problems_json(
    tmp_path: Path, ws: Workspace
) -> None:
    text = REVENUE + "Gama;03/2024;abc\nBeta;01/2024;55\n"
    plan = prepare(write_csv(tmp_path / "r.csv", text), ws=ws)
    result = commit(ws, plan)
    data = result.to_json()
    assert {k: data[k] for k in data if k != "problems"} == {
        "entity": "revenue",
        "rows_read": 5,
        "rows_written": 3,
        "rows_updated": 0,
        "rows_skipped": 0,
        "rows_rejected": 1,
        "accounts_created": 2,
        "batch_id": 1,
    }
    assert {"row": 5, "column": "MRR", "value": "abc", "severity": "error"}.items() <= data[
        "problems"
    ][0].items()
    # A second line for Beta's January (another product, another invoice) adds to it.
    assert data["problems"][1]["row"] is None
    assert "1 account month was summed from 2 lines" in data["problems"][1]["message"]
    assert revenue(ws) == [
        ("Acme Ltda", "2024-01", 100.0),
        ("Acme Ltda", "2024-02", 110.0),
        ("Beta", "2024-01", 105.0),
    ]
    stored = ws.query("SELECT entity, rows_written, problems, state FROM import_batches")
    assert stored[0][0] == "revenue" and stored[0][1] == 3 and stored[0][3] == "done"
    assert len(json.loads(stored[0][2])) == 2


def test_another_sheet_of_a_workbook_imported_before_is_an_import_of_its_own(
    tmp_path: Path, ws: Workspace
) -> None:
    rows = [line.split(";") for line in REVENUE.strip().splitlines()]
    people = [["Cliente", "Segmento"], ["Acme Ltda", "SMB"], ["Beta", "Enterprise"]]
    book = write_xlsx(tmp_path / "erp.xlsx", rows, sheet="Receita", extra_sheets={"Cad": people})
    commit(ws, prepare(book, ws=ws, sheet="Receita"))
    second = commit(ws, prepare(book, ws=ws, sheet="Cad"))
    assert second.entity == "accounts" and second.rows_updated == 2
    assert ws.query("SELECT name, segment FROM accounts ORDER BY name") == [
        ("Acme Ltda", "SMB"),
        ("Beta", "Enterprise"),
    ]
    # The same sheet again is still the same import.
    with pytest.raises(AlreadyImported, match=r"\(batch 1\)"):
        commit(ws, prepare(book, ws=ws, sheet="Receita"))


def test_a_ticket_the_workspace_holds_under_another_account_is_said_to_move(
    tmp_path: Path, ws: Workspace
) -> None:
    first = "Chamado;Cliente;Aberto em\nT1;Acme Ltda;2024-01-02\nT2;Beta;2024-01-03\n"
    commit(ws, prepare(write_csv(tmp_path / "t1.csv", first), ws=ws))
    # The help desk's next export: T1 given to Beta, T2 to a customer new to the workspace.
    again = (
        "Chamado;Cliente;Aberto em\n"
        "T1;Beta;2024-01-02\nT2;Gama;2024-01-03\nT3;Acme Ltda;2024-02-01\n"
    )
    plan = prepare(write_csv(tmp_path / "t2.csv", again), ws=ws)
    moves = [p for p in plan.problems if "importing moves it there" in p.message]
    assert [(p.row, p.column, p.value, p.severity) for p in moves] == [
        (2, "Chamado", "T1", "warning"),
        (3, "Chamado", "T2", "warning"),
    ]
    assert moves[0].message == (
        "T1 is under Acme Ltda in the workspace and this row puts it under Beta: importing "
        "moves it there (undoing the import puts it back)"
    )
    assert "under a new account, Gama" in moves[1].message
    result = commit(ws, plan)
    assert ws.query(
        "SELECT t.external_id, a.name FROM tickets t JOIN accounts a ON a.id = t.account_id "
        "ORDER BY 1"
    ) == [("T1", "Beta"), ("T2", "Gama"), ("T3", "Acme Ltda")]
    undo(ws, result.batch_id)
    assert ws.query(
        "SELECT t.external_id, a.name FROM tickets t JOIN accounts a ON a.id = t.account_id "
        "ORDER BY 1"
    ) == [("T1", "Acme Ltda"), ("T2", "Beta")]


def test_same_content_is_refused_unless_again(tmp_path: Path, ws: Workspace) -> None:
    path = write_csv(tmp_path / "r.csv", REVENUE)
    commit(ws, prepare(path, ws=ws))
    before = ws.table_counts()
    with pytest.raises(AlreadyImported, match=r"already imported .*\(batch 1\)"):
        commit(ws, prepare(path, ws=ws))
    assert ws.table_counts() == before
    again = commit(ws, prepare(path, ws=ws), again=True)
    assert again.batch_id == 2 and again.rows_updated == 3


def test_newer_revenue_updates_months_and_undo_restores_them(tmp_path: Path, ws: Workspace) -> None:
    commit(ws, prepare(write_csv(tmp_path / "a.csv", REVENUE), ws=ws))
    newer = "Cliente;Mês;MRR\nACME;02/2024;120\nACME;03/2024;130\n"
    result = commit(ws, prepare(write_csv(tmp_path / "b.csv", newer), ws=ws))
    assert (result.rows_written, result.rows_updated, result.accounts_created) == (1, 1, 0)
    assert revenue(ws)[:3] == [
        ("Acme Ltda", "2024-01", 100.0),
        ("Acme Ltda", "2024-02", 120.0),
        ("Acme Ltda", "2024-03", 130.0),
    ]
    undone = undo(ws, result.batch_id or 0)
    assert undone.values_restored == 1
    assert revenue(ws) == [
        ("Acme Ltda", "2024-01", 100.0),
        ("Acme Ltda", "2024-02", 110.0),
        ("Beta", "2024-01", 50.0),
    ]
    assert [b.state for b in list_batches(ws)] == ["done", "undone"]
    with pytest.raises(BatchError, match="already undone"):
        undo(ws, result.batch_id or 0)
    with pytest.raises(BatchError, match="no import batch 99"):
        undo(ws, 99)


def test_undo_removes_created_accounts_unless_something_else_refers_to_them(
    tmp_path: Path, ws: Workspace
) -> None:
    tickets = "ticket_id,account_id,opened_at\nT1,A-1,2025-01-01\nT2,A-2,2025-01-02\n"
    first = commit(ws, prepare(write_csv(tmp_path / "t.csv", tickets), ws=ws))
    assert first.accounts_created == 2
    usage = "account_id,usage_date,feature,usage_count\nA-1,2025-01-05,login,3\n"
    commit(ws, prepare(write_csv(tmp_path / "u.csv", usage), ws=ws))
    result = undo(ws, first.batch_id or 0)
    assert result.accounts_removed == 1
    assert ws.query("SELECT external_id FROM accounts") == [("A-1",)]
    assert ws.scalar("SELECT count(*) FROM tickets") == 0


def test_accounts_sheet_records_mrr_for_the_as_of_month_and_not_for_churned(
    tmp_path: Path, ws: Workspace
) -> None:
    text = "Cliente;MRR;Cancelado;Segmento\nAcme;R$ 1.000,00;Não;SMB\nBeta;R$ 500,00;Sim;ENT\n"
    plan = prepare(write_csv(tmp_path / "contas.csv", text), ws=ws, as_of=Month(2025, 6))
    assert plan.entity == "accounts" and plan.accounts_to_create == 2
    commit(ws, plan)
    assert ws.query("SELECT name, status, segment FROM accounts ORDER BY name") == [
        ("Acme", "active", "SMB"),
        ("Beta", "churned", "ENT"),
    ]
    assert revenue(ws) == [("Acme", "2025-06", 1000.0)]


def test_accounts_update_is_recorded_and_undone(tmp_path: Path, ws: Workspace) -> None:
    commit(ws, prepare(write_csv(tmp_path / "a.csv", "Cliente;Segmento\nAcme Ltda;SMB\n"), ws=ws))
    second = commit(
        ws, prepare(write_csv(tmp_path / "b.csv", "Cliente;Segmento\nACME LTDA.;ENT\n"), ws=ws)
    )
    assert (second.rows_written, second.rows_updated, second.accounts_created) == (0, 1, 0)
    assert ws.query("SELECT name, segment FROM accounts") == [("ACME LTDA.", "ENT")]
    undo(ws, second.batch_id or 0)
    assert ws.query("SELECT name, segment FROM accounts") == [("Acme Ltda", "SMB")]


def test_contracts_expand_to_revenue_months_by_the_end_of_month_rule(
    tmp_path: Path, ws: Workspace
) -> None:
    text = (
        "Cliente;Contrato;Início;Fim;Valor;Periodicidade\n"
        "Acme;K-1;15/01/2024;31/03/2024;1.200,00;Anual\n"
        "Acme;K-2;01/03/2024;10/04/2024;50,00;Mensal\n"
        "Beta;K-3;20/11/2024;;300,00;Trimestral\n"
    )
    result = commit(ws, prepare(write_csv(tmp_path / "c.csv", text), ws=ws, as_of=Month(2025, 1)))
    assert result.rows_written == 3
    assert ws.query("SELECT external_id, mrr, billing_period FROM contracts ORDER BY id") == [
        ("K-1", 100.0, "annual"),
        ("K-2", 50.0, "monthly"),
        ("K-3", 100.0, "quarterly"),
    ]
    assert revenue(ws) == [
        ("Acme", "2024-01", 100.0),
        ("Acme", "2024-02", 100.0),
        ("Acme", "2024-03", 150.0),
        ("Beta", "2024-11", 100.0),
        ("Beta", "2024-12", 100.0),
        ("Beta", "2025-01", 100.0),
    ]
    undo(ws, result.batch_id or 0)
    assert ws.table_counts()["revenue_months"] == 0
    assert ws.table_counts()["accounts"] == 0


def test_cancel_writes_nothing(tmp_path: Path, ws: Workspace) -> None:
    plan = prepare(write_csv(tmp_path / "r.csv", REVENUE), ws=ws)
    before = ws.table_counts()

    def cancel(fraction: float, message: str) -> None:
        if message.startswith("writing"):
            raise Cancelled()

    with pytest.raises(Cancelled):
        commit(ws, plan, progress=cancel)
    assert ws.table_counts() == before
    assert commit(ws, plan).rows_written == 3


def test_backup_is_made_before_each_import(tmp_path: Path, ws: Workspace) -> None:
    from csdesk.store.paths import backup_dir_for

    commit(ws, prepare(write_csv(tmp_path / "r.csv", REVENUE), ws=ws))
    backups = list(backup_dir_for(ws.path).glob("*before-import*"))
    assert len(backups) == 1


def test_surveys_tickets_events_and_people_land_in_their_tables(
    tmp_path: Path, ws: Workspace
) -> None:
    surveys = "Cliente;Data;Nota;Comentário\nAcme;01/02/2025;9;Ótimo\nAcme;02/02/2025;11;?\n"
    result = commit(ws, prepare(write_csv(tmp_path / "nps.csv", surveys), ws=ws))
    assert result.rows_written == 1 and result.rows_rejected == 1
    assert ws.query("SELECT type, score, date FROM surveys") == [("nps", 9, "2025-02-01")]
    events = "Cliente;Data;Tipo;Título;Responsável\nAcme;05/02/2025 14:00;Reunião;Kick-off;Ana\n"
    commit(ws, prepare(write_csv(tmp_path / "eventos.csv", events), ws=ws))
    assert ws.query(
        "SELECT e.kind, e.at, e.title, p.name FROM events e JOIN people p ON p.id = e.person_id"
    ) == [
        ("meeting", "2025-02-05 14:00:00", "Kick-off", "Ana"),
    ]
    tickets = "Chamado;Cliente;Aberto em;Prioridade;CSAT\nT1;Acme;2025-02-01 10:00;Média;5\n"
    commit(ws, prepare(write_csv(tmp_path / "chamados.csv", tickets), ws=ws))
    assert ws.query("SELECT external_id, priority, csat FROM tickets") == [("T1", "normal", 5)]


def test_xlsx_import_end_to_end(tmp_path: Path, ws: Workspace) -> None:
    from datetime import datetime

    rows = [
        ["Relatório"],
        [],
        ["Cliente", "Mês", "MRR"],
        ["Acme", datetime(2024, 1, 1), 10.5],
        ["Acme", datetime(2024, 2, 1), 11],
        ["Total", None, 21.5],
    ]
    result = commit(ws, prepare(write_xlsx(tmp_path / "r.xlsx", rows), ws=ws))
    assert (result.rows_read, result.rows_written, result.rows_skipped) == (3, 2, 1)
    assert revenue(ws) == [("Acme", "2024-01", 10.5), ("Acme", "2024-02", 11.0)]


def test_a_ticket_with_a_known_id_is_updated_and_undo_restores_it(
    tmp_path: Path, ws: Workspace
) -> None:
    first = (
        "Chamado;Cliente;Aberto em;Prioridade\nT1;Acme;2025-02-01;Baixa\nT2;Acme;2025-02-02;Alta\n"
    )
    commit(ws, prepare(write_csv(tmp_path / "a.csv", first), ws=ws))
    second = (
        "Chamado;Cliente;Aberto em;Prioridade\nT1;Acme;2025-02-01;Urgente\nT3;Acme;2025-02-03;\n"
    )
    result = commit(ws, prepare(write_csv(tmp_path / "b.csv", second), ws=ws))
    assert (result.rows_written, result.rows_updated) == (1, 1)
    assert ws.query("SELECT external_id, priority FROM tickets ORDER BY external_id") == [
        ("T1", "urgent"),
        ("T2", "high"),
        ("T3", None),
    ]
    undo(ws, result.batch_id or 0)
    assert ws.query("SELECT external_id, priority FROM tickets ORDER BY external_id") == [
        ("T1", "low"),
        ("T2", "high"),
    ]


CONTRACTS_A = (
    "Cliente;Contrato;Início;Fim;MRR\nAcme;K-1;01/01/2024;30/04/2024;100\nBeta;K-2;01/02/2024;;40\n"
)
CONTRACTS_B = (
    "Cliente;Contrato;Início;Fim;MRR\nAcme;K-7;01/03/2024;31/07/2024;25\nBeta;K-8;01/10/2024;;10\n"
)


AS_OF = Month(2025, 1)


def _contracts(ws: Workspace, path: Path, as_of: Month = AS_OF) -> int:
    return commit(ws, prepare(path, ws=ws, as_of=as_of)).batch_id or 0


def test_undoing_older_contracts_recomputes_revenue_from_the_newer(
    tmp_path: Path, ws: Workspace, tmp_path_factory: pytest.TempPathFactory
) -> None:
    a = write_csv(tmp_path / "a.csv", CONTRACTS_A)
    b = write_csv(tmp_path / "b.csv", CONTRACTS_B)
    with Workspace.open(tmp_path_factory.mktemp("alone") / "b.csdesk", create=True) as alone:
        _contracts(alone, b)
        expected = revenue(alone)
    first = _contracts(ws, a)
    second = _contracts(ws, b)
    # Acme's months sum both files' contracts while both stand.
    assert ("Acme", "2024-03", 125.0) in revenue(ws)
    undo(ws, first)
    assert revenue(ws) == expected
    assert expected[:2] == [("Acme", "2024-03", 25.0), ("Acme", "2024-04", 25.0)]
    assert [row for row in revenue(ws) if row[0] == "Beta"] == [
        ("Beta", "2024-10", 10.0),
        ("Beta", "2024-11", 10.0),
        ("Beta", "2024-12", 10.0),
        ("Beta", "2025-01", 10.0),
    ]
    # Undoing the newer one too leaves nothing (the older one's values are not put back).
    undo(ws, second)
    assert revenue(ws) == []
    assert ws.table_counts()["contracts"] == 0


def test_undoing_newer_contracts_leaves_the_revenue_of_the_older_alone(
    tmp_path: Path, ws: Workspace, tmp_path_factory: pytest.TempPathFactory
) -> None:
    a = write_csv(tmp_path / "a.csv", CONTRACTS_A)
    b = write_csv(tmp_path / "b.csv", CONTRACTS_B)
    with Workspace.open(tmp_path_factory.mktemp("alone") / "a.csdesk", create=True) as alone:
        _contracts(alone, a)
        expected = revenue(alone)
    _contracts(ws, a)
    # The newer import was made with a later as-of month: once it is undone, Beta's open-ended
    # contract runs through the standing import's as-of month again, not the undone one's.
    newer = _contracts(ws, b, Month(2025, 6))
    assert ("Beta", "2025-06", 50.0) in revenue(ws)
    undo(ws, newer)
    assert revenue(ws) == expected
    assert [row for row in expected if row[0] == "Beta"][-1] == ("Beta", "2025-01", 40.0)


def test_undoing_contracts_puts_back_the_revenue_sheet_they_replaced(
    tmp_path: Path, ws: Workspace
) -> None:
    sheet = write_csv(tmp_path / "r.csv", "Cliente;Mês;MRR\nAcme;01/2024;90\nAcme;06/2024;80\n")
    commit(ws, prepare(sheet, ws=ws))
    first = _contracts(ws, write_csv(tmp_path / "a.csv", CONTRACTS_A))
    _contracts(ws, write_csv(tmp_path / "b.csv", CONTRACTS_B))
    assert ("Acme", "2024-01", 100.0) in revenue(ws)
    undo(ws, first)
    acme = [row for row in revenue(ws) if row[0] == "Acme"]
    # January goes back to the sheet's 90; March-July are the newer contract's 25.
    assert acme == [
        ("Acme", "2024-01", 90.0),
        ("Acme", "2024-03", 25.0),
        ("Acme", "2024-04", 25.0),
        ("Acme", "2024-05", 25.0),
        ("Acme", "2024-06", 25.0),
        ("Acme", "2024-07", 25.0),
    ]


@pytest.mark.parametrize("change", ["saved again", "removed"])
def test_a_file_changed_or_gone_since_prepare_is_refused_and_nothing_written(
    tmp_path: Path, ws: Workspace, change: str
) -> None:
    from csdesk.ingest.errors import ImportRefused

    path = write_csv(tmp_path / "r.csv", REVENUE)
    plan = prepare(path, ws=ws)
    assert plan.rows_accepted == 3
    if change == "removed":
        path.unlink()
    else:
        path.write_text(REVENUE.replace("110", "999"), encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        commit(ws, plan)
    expected = "cannot be read any more" if change == "removed" else "changed since the preview"
    assert expected in refused.value.message and "r.csv" in refused.value.message
    assert revenue(ws) == []
    assert list_batches(ws) == []
    assert ws.scalar("SELECT count(*) FROM accounts") == 0
