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


# RD Station CRM's deals ("negociações"): the pipeline (Funil) is where a team keeps its
# upsells apart from its renewals, and no column is called type.
RD_DEALS = (
    "Nome;Empresa;Valor Único;Valor Recorrente;Etapa;Funil;Responsável;Data de criação;"
    "Previsão de fechamento;Status\n"
    "Expansão módulo fiscal;Raiz Ltda;R$ 0,00;R$ 2.500,00;Proposta enviada;Upsell;Bruno;"
    "02/09/2026;15/12/2026;Em andamento\n"
    "Renovação 2027;Santa Clara Ltda;R$ 1.200,00;R$ 890,00;Negociação;Renovação;Carla;"
    "10/10/2026;30/11/2026;Vendida\n"
    "Filial nova;Girassol Ltda;R$ 0,00;R$ 1.750,00;Qualificação;Upsell;Bruno;20/08/2026;"
    "31/10/2026;Perdida\n"
)


def test_a_pipeline_column_of_upsells_and_renewals_gives_each_deal_its_kind(
    ws: Workspace, tmp_path: Path
) -> None:
    plan = prepare(write_csv(tmp_path / "negociacoes.csv", RD_DEALS, "cp1252"), ws=ws, as_of=AS_OF)
    assert plan.entity == "opportunities" and plan.blocking is None
    [funnel] = [c for c in plan.columns if c.column == "Funil"]
    assert funnel.field == "kind"
    assert "the values of 'Funil' look like it" in funnel.reason
    assert not any("type" in p.message for p in plan.warnings)  # no "all read as upsell"
    commit(ws, plan)
    kinds = ws.conn.execute(
        "SELECT a.name, o.kind, o.outcome FROM opportunities o "
        "JOIN accounts a ON a.id = o.account_id ORDER BY a.name"
    ).fetchall()
    assert [tuple(r) for r in kinds] == [
        ("Girassol Ltda", "upsell", "lost"),
        ("Raiz Ltda", "upsell", "open"),
        ("Santa Clara Ltda", "renewal", "won"),
    ]


def test_a_column_of_other_words_is_not_taken_for_the_kind(ws: Workspace, tmp_path: Path) -> None:
    text = RD_DEALS.replace(";Upsell;", ";Vendas;").replace(";Renovação;", ";Pós-venda;")
    plan = prepare(write_csv(tmp_path / "negociacoes.csv", text), ws=ws, as_of=AS_OF)
    assert {c.column: c.field for c in plan.columns}["Funil"] is None
    assert any("read as upsell" in p.message for p in plan.warnings)
