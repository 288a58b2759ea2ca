"""Entity detection and column mapping from English and Portuguese headers and from values."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_csv, write_xlsx

from csdesk.ingest import commit, prepare
from csdesk.ingest.errors import ImportRefused
from csdesk.store import Workspace

CASES = {
    "accounts": (
        "Código do cliente;Razão social;Segmento;Data de renovação;CSM;Cancelado\n"
        "C1;Acme Ltda;SMB;31/12/2025;Ana;Não\nC2;Beta SA;ENT;30/06/2026;Bruno;Sim\n",
        {
            "Código do cliente": "account_id",
            "Razão social": "account",
            "Segmento": "segment",
            "Data de renovação": "renewal_date",
            "CSM": "csm",
            "Cancelado": "churned",
        },
    ),
    "revenue": (
        "customer,month,mrr\nAcme,2024-01,100\nAcme,2024-02,110\n",
        {"customer": "account", "month": "month", "mrr": "mrr"},
    ),
    "contracts": (
        "Cliente;Contrato;Início;Fim;Valor;Periodicidade;Renovação automática\n"
        "Acme;K-1;01/01/2024;31/12/2024;12.000,00;Anual;Sim\n"
        "Beta;K-2;01/03/2024;;300,00;Mensal;Não\n",
        {
            "Cliente": "account",
            "Contrato": "contract_id",
            "Início": "start_date",
            "Fim": "end_date",
            "Valor": "value",
            "Periodicidade": "billing_period",
            "Renovação automática": "auto_renew",
        },
    ),
    "tickets": (
        "Chamado;Cliente;Aberto em;Resolvido em;Prioridade;Canal;Reaberto\n"
        "T1;Acme;01/02/2025 09:00;01/02/2025 17:30;Alta;E-mail;Não\n"
        "T2;Beta;03/02/2025 10:00;;Baixa;Chat;Sim\n",
        {
            "Chamado": "ticket_id",
            "Cliente": "account",
            "Aberto em": "opened_at",
            "Resolvido em": "resolved_at",
            "Prioridade": "priority",
            "Canal": "channel",
            "Reaberto": "reopened",
        },
    ),
    "surveys": (
        "Cliente;Data;Tipo de pesquisa;Nota;Comentário\n"
        "Acme;01/02/2025;NPS;9;Ótimo\nBeta;02/02/2025;CSAT;4;Bom\n",
        {
            "Cliente": "account",
            "Data": "date",
            "Tipo de pesquisa": "type",
            "Nota": "score",
            "Comentário": "comment",
        },
    ),
    "usage": (
        "account_id,usage_date,feature,usage_count\nA1,2025-01-01,export,3\nA2,2025-01-02,login,9\n",
        {
            "account_id": "account_id",
            "usage_date": "date",
            "feature": "metric",
            "usage_count": "value",
        },
    ),
    "events": (
        "Cliente;Data;Tipo de evento;Papel;Título;Detalhes\n"
        "Acme;05/02/2025;Reunião;CS;Kick-off;Plano\nBeta;06/02/2025;QBR;CS;QBR Q1;ok\n",
        {
            "Cliente": "account",
            "Data": "date",
            "Tipo de evento": "kind",
            "Papel": "role",
            "Título": "title",
            "Detalhes": "body",
        },
    ),
    "opportunities": (
        "Account,Opportunity type,Raised by,Owner,Stage,Amount,Created,Outcome\n"
        "Acme,Upsell,Ana,Bruno,Proposal,1000,2025-01-01,Open\n",
        {
            "Account": "account",
            "Opportunity type": "kind",
            "Raised by": "raised_by",
            "Owner": "owner",
            "Stage": "stage",
            "Amount": "amount",
            "Created": "created",
            "Outcome": "outcome",
        },
    ),
    "contacts": (
        "Empresa;Nome do contato;Cargo;E-mail;Telefone;Influência\n"
        "Acme;Carla;Diretora;c@acme.com;11 9999;Decisora\n",
        {
            "Empresa": "account",
            "Nome do contato": "name",
            "Cargo": "title",
            "E-mail": "email",
            "Telefone": "phone",
            "Influência": "influence",
        },
    ),
    "people": (
        "Nome;Papel;E-mail;Horas semanais\nAna;CS;ana@x.com;40\nBruno;AM;b@x.com;30\n",
        {"Nome": "name", "Papel": "role", "E-mail": "email", "Horas semanais": "capacity_hours"},
    ),
    "goals": (
        "Cliente;Objetivo;Métrica;Linha de base;Alvo;Prazo\n"
        "Acme;Adoção;usuários;10;50;30/06/2025\n",
        {
            "Cliente": "account",
            "Objetivo": "objective",
            "Métrica": "metric",
            "Linha de base": "baseline",
            "Alvo": "target",
            "Prazo": "due",
        },
    ),
}


@pytest.mark.parametrize("entity", sorted(CASES))
def test_each_entity_is_detected_and_mapped(tmp_path: Path, entity: str) -> None:
    text, expected = CASES[entity]
    plan = prepare(write_csv(tmp_path / "sheet.csv", text))
    assert plan.entity == entity, plan.entity_scores
    mapped = {c.column: c.field for c in plan.columns if c.field is not None}
    assert mapped == expected
    assert all(0 < c.confidence <= 1 for c in plan.columns if c.field)
    assert plan.blocking is None, plan.blocking
    assert plan.rows_rejected == 0, plan.problems


@pytest.mark.parametrize(
    "headers",
    [
        ["jan/24", "fev/24", "mar/24"],
        ["Jan 2024", "Feb 2024", "Mar 2024"],
        ["2024-01", "2024-02", "2024-03"],
        ["01/2024", "02/2024", "03/2024"],
        ["janeiro 2024", "fevereiro 2024", "março 2024"],
    ],
)
def test_wide_revenue_month_headers(tmp_path: Path, headers: list[str], ws: Workspace) -> None:
    rows = [["Cliente", *headers], ["Acme", "R$ 10,00", "R$ 20,00", ""], ["Beta", 5, 6, 7]]
    plan = prepare(write_xlsx(tmp_path / "wide.xlsx", rows), ws=ws)
    assert plan.entity == "revenue" and plan.is_wide_revenue
    result = commit(ws, plan)
    assert result.rows_written == 5
    got = ws.query(
        "SELECT a.name, r.month, r.mrr FROM revenue_months r "
        "JOIN accounts a ON a.id = r.account_id "
        "ORDER BY a.name, r.month"
    )
    assert got == [
        ("Acme", "2024-01", 10.0),
        ("Acme", "2024-02", 20.0),
        ("Beta", "2024-01", 5.0),
        ("Beta", "2024-02", 6.0),
        ("Beta", "2024-03", 7.0),
    ]


def test_wide_revenue_with_real_date_headers(tmp_path: Path) -> None:
    from datetime import datetime

    rows = [
        ["Conta", datetime(2024, 1, 1), datetime(2024, 2, 1), datetime(2024, 3, 1)],
        ["A", 1, 2, 3],
    ]
    plan = prepare(write_xlsx(tmp_path / "wide.xlsx", rows))
    assert plan.is_wide_revenue
    assert [c.reason for c in plan.columns[1:]] == [
        "header '2024-01-01' is the month Jan 2024",
        "header '2024-02-01' is the month Feb 2024",
        "header '2024-03-01' is the month Mar 2024",
    ]


def test_values_map_a_column_whose_header_says_nothing(tmp_path: Path) -> None:
    text = "Quem;Quando;Quanto\nAcme;01/2024;10\nBeta;02/2024;20\n"
    plan = prepare(write_csv(tmp_path / "x.csv", text), entity="revenue")
    mapped = {c.column: (c.field, c.confidence) for c in plan.columns}
    assert mapped["Quem"] == ("account", 0.45)
    assert mapped["Quando"][0] == "month"
    assert mapped["Quanto"][0] == "mrr"


def test_entity_and_map_overrides(tmp_path: Path) -> None:
    text = "Cliente;Coluna X;Coluna Y\nAcme;01/02/2025;Visita\n"
    path = write_csv(tmp_path / "x.csv", text)
    plan = prepare(path, entity="events", mapping={"Coluna X": "date", "Coluna Y": "title"})
    mapped = {c.column: (c.field, c.reason) for c in plan.columns}
    assert mapped["Coluna X"] == ("date", "set by you")
    assert mapped["Coluna Y"] == ("title", "set by you")
    again = plan.with_mapping({"Coluna Y": "body"})
    assert {c.column: c.field for c in again.columns}["Coluna Y"] == "body"
    as_notes = plan.with_entity("usage")
    assert as_notes.entity == "usage"
    with pytest.raises(ImportRefused, match="no column 'Nope'"):
        prepare(path, mapping={"Nope": "date"})
    with pytest.raises(ImportRefused, match="events has no field 'mrr'"):
        prepare(path, entity="events", mapping={"Coluna X": "mrr"})
    with pytest.raises(ImportRefused, match="unknown; choose one of accounts"):
        prepare(path, entity="invoices")


def test_confirmed_mapping_is_saved_and_reused_for_the_same_layout(
    tmp_path: Path, ws: Workspace
) -> None:
    first = write_csv(tmp_path / "a.csv", "Quem;Coisa;Quando\nAcme;Visita;01/02/2025\n")
    plan = prepare(first, ws=ws, entity="events", mapping={"Coisa": "title", "Quando": "date"})
    commit(ws, plan)
    second = write_csv(tmp_path / "b.csv", "quem;coisa;quando\nBeta;Ligação;03/02/2025\n")
    reused = prepare(second, ws=ws)
    assert reused.mapping_source == "saved"
    assert reused.entity == "events"
    assert {c.column: c.field for c in reused.columns} == {
        "quem": "account",
        "coisa": "title",
        "quando": "date",
    }


def test_a_saved_mapping_of_an_unnamed_column_serves_every_language(
    tmp_path: Path, ws: Workspace
) -> None:
    """A column without a header is 'Coluna B' in Portuguese and 'Column B' in English; the
    mapping saved in one language applies to the same sheet read in the other."""
    from csdesk.i18n import language

    text = "Quem;;Quando\nAcme;Visita;01/02/2025\n"
    first = write_csv(tmp_path / "a.csv", text)
    with language("pt_BR"):
        plan = prepare(first, ws=ws, entity="events", mapping={"Coluna B": "title"})
        assert {c.column: c.field for c in plan.columns}["Coluna B"] == "title"
        commit(ws, plan)
    second = write_csv(tmp_path / "b.csv", text.replace("Acme", "Beta"))
    with language("en"):
        reused = prepare(second, ws=ws)
    assert reused.mapping_source == "saved"
    assert reused.entity == "events"
    assert {c.column: c.field for c in reused.columns}["Column B"] == "title"
