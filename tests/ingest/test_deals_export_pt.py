"""A CRM's deals export in Portuguese (Pipedrive's columns: Título, Valor, Organização, Etapa,
Status, 'Negócio criado em', 'Data de fechamento prevista', Proprietário) is opportunities.
It was read as tickets, whose 'resolved' dates were the deals' expected closes."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import write_csv

from csdesk.domain.month import Month
from csdesk.ingest import commit, prepare
from csdesk.store import Workspace

AS_OF = Month(2026, 11)
DEALS = (
    "Título;Valor;Moeda;Organização;Etapa;Status;Negócio criado em;"
    "Data de fechamento prevista;Proprietário\n"
    "Upsell módulo BI;12.000;BRL;Raiz Ltda;Negociação;Aberto;01/10/2026;15/12/2026;Bruno\n"
    "Renovação 2027;48.000;BRL;Santa Clara Ltda;Proposta feita;Aberto;05/09/2026;31/12/2026;"
    "Bruno\n"
    "Cross-sell API;6.500;BRL;Girassol Ltda;Ganho;Ganho;01/06/2026;30/07/2026;Carla\n"
)


def test_a_deals_export_is_opportunities_not_tickets(ws: Workspace, tmp_path: Path) -> None:
    plan = prepare(write_csv(tmp_path / "export.csv", DEALS), ws=ws, as_of=AS_OF)
    assert plan.entity == "opportunities"
    fields = {c.column: c.field for c in plan.columns}
    assert fields == {
        "Título": None,
        "Valor": "amount",
        "Moeda": "currency",
        "Organização": "account",
        "Etapa": "stage",
        "Status": "outcome",
        "Negócio criado em": "created",
        "Data de fechamento prevista": "closed",
        "Proprietário": "owner",
    }
    commit(ws, plan)
    assert ws.scalar("SELECT count(*) FROM tickets") == 0
    rows = ws.conn.execute(
        "SELECT a.name, o.amount, o.outcome, o.created, o.closed FROM opportunities o "
        "JOIN accounts a ON a.id = o.account_id ORDER BY o.created"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("Girassol Ltda", 6500.0, "won", "2026-06-01", "2026-07-30"),
        ("Santa Clara Ltda", 48000.0, "open", "2026-09-05", "2026-12-31"),
        ("Raiz Ltda", 12000.0, "open", "2026-10-01", "2026-12-15"),
    ]
