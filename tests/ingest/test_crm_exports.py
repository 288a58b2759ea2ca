"""CRM report exports import as they come (issue 13.7): Salesforce, HubSpot, Pipedrive and the
Brazilian CRMs, their stages and types mapped, custom stages kept, owners, probability and
websites read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from ingest_helpers import write_csv

from csdesk.domain.month import Month
from csdesk.ingest import commit, prepare
from csdesk.store import Workspace

AS_OF = Month(2024, 12)

# A standard Salesforce "Opportunities" report, exported as CSV.
SALESFORCE_OPPORTUNITIES = (
    '"Opportunity Owner","Account Name","Opportunity Name","Type","Stage","Amount",'
    '"Probability (%)","Close Date","Created Date"\n'
    '"Ana Lima","Acme","Acme - seats","Existing Business","Prospecting","12,000.00","10",'
    '"3/31/2024","1/10/2024"\n'
    '"Ana Lima","Acme","Acme - renewal","Renewal","Negotiation/Review","48,000.00","90",'
    '"6/30/2024","2/1/2024"\n'
    '"Bruno Reis","Globex","Globex - analytics","New Business","Proposal/Price Quote",'
    '"5,000.00","75","4/15/2024","2/2/2024"\n'
    '"Bruno Reis","Globex","Globex - support","Existing Business","Closed Won","2,000.00",'
    '"100","1/31/2024","1/5/2024"\n'
    '"Bruno Reis","Initech","Initech - pilot","New Business","Discovery Call","1,000.00","100",'
    '"5/31/2024","3/1/2024"\n'
)


def _opportunities(ws: Workspace) -> pd.DataFrame:
    rows = ws.query(
        "SELECT a.name, o.kind, o.stage, o.amount, o.probability, o.outcome, p.name "
        "FROM opportunities o JOIN accounts a ON a.id = o.account_id "
        "LEFT JOIN people p ON p.id = o.owner_id ORDER BY o.id"
    )
    return pd.DataFrame(
        rows, columns=["account", "kind", "stage", "amount", "probability", "outcome", "owner"]
    )


def test_a_salesforce_opportunities_report_imports_with_no_mapping(
    ws: Workspace, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "report1712345678.csv", SALESFORCE_OPPORTUNITIES)
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.entity == "opportunities", plan.entity_scores
    assert plan.blocking is None, plan.blocking
    assert plan.rows_rejected == 0
    mapping = plan.mapping()
    assert mapping["Opportunity Owner"] == "owner"
    assert mapping["Probability (%)"] == "probability"
    notes = [p.message for p in plan.problems]
    assert any("Existing Business (an existing customer buying more) as upsell" in n for n in notes)
    assert any(
        p.value == "Discovery Call" and "kept as written" in p.message for p in plan.problems
    )
    commit(ws, plan)
    stored = _opportunities(ws)
    source = pd.read_csv(path, thousands=",")
    assert stored["amount"].tolist() == source["Amount"].tolist()
    assert stored["probability"].tolist() == (source["Probability (%)"] / 100).tolist()
    assert stored["stage"].tolist() == [
        "identified",
        "negotiation",
        "proposal",
        "closed_won",
        "Discovery Call",
    ]
    assert stored["kind"].tolist() == ["upsell", "renewal", "cross_sell", "upsell", "cross_sell"]
    assert stored["outcome"].tolist() == ["open", "open", "open", "won", "won"]
    assert stored["owner"].tolist() == source["Opportunity Owner"].tolist()


def test_a_salesforce_accounts_export_reads_owner_and_website(
    ws: Workspace, tmp_path: Path
) -> None:
    text = (
        "Account Name,Account Owner,Type,Industry,Billing Country,Website,Annual Revenue,"
        "Employees\n"
        "Acme,Ana Lima,Customer - Direct,Manufacturing,Brazil,https://www.acme.com.br/,"
        "50000000,1200\n"
        "Globex,Bruno Reis,Customer - Channel,Energy,Brazil,globex.com,9000000,300\n"
    )
    path = write_csv(tmp_path / "accounts.csv", text)
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.entity == "accounts"
    mapping = plan.mapping()
    assert mapping["Account Owner"] == "am" and mapping["Website"] == "domain"
    # A company's own revenue and head count are not its MRR or seats.
    assert mapping["Annual Revenue"] is None and mapping["Employees"] is None
    commit(ws, plan)
    rows = ws.query(
        "SELECT a.name, a.domain, p.name, p.role FROM accounts a "
        "JOIN people p ON p.id = a.am_id ORDER BY a.name"
    )
    assert rows == [
        ("Acme", "acme.com.br", "Ana Lima", "am"),
        ("Globex", "globex.com", "Bruno Reis", "am"),
    ]
    assert ws.scalar("SELECT count(*) FROM revenue_months") == 0


@pytest.mark.parametrize(
    ("crm", "text", "stages", "outcomes"),
    [
        (
            "hubspot",
            "Deal Name,Associated Company,Deal Stage,Amount,Close Date,Deal owner,Create Date\n"
            "Acme upsell,Acme,Appointment Scheduled,1000,2024-03-01,Ana,2024-01-01\n"
            "Acme seats,Acme,Contract Sent,2000,2024-03-01,Ana,2024-01-01\n"
            "Globex add-on,Globex,Closed Won,3000,2024-03-01,Ana,2024-01-01\n",
            ["identified", "proposal", "closed_won"],
            ["open", "open", "won"],
        ),
        (
            "pipedrive",
            "Title,Organization,Value,Currency,Stage,Status,Owner,Expected close date\n"
            "Acme deal,Acme,1000,BRL,Qualified,open,Ana,2024-03-01\n"
            "Globex deal,Globex,2000,BRL,Negotiations Started,won,Ana,2024-03-01\n",
            ["qualified", "negotiation"],
            ["open", "won"],
        ),
        (
            "rd station crm",
            "Nome;Empresa;Valor Recorrente;Etapa;Status;Responsável;Previsão de fechamento\n"
            "Upsell Sol;Padaria Sol;R$ 1.000,00;Proposta enviada;Em andamento;Ana;01/03/2024\n"
            "Cross Lua;Mercado Lua;R$ 500,00;Negociação;Vendida;Ana;01/03/2024\n",
            ["proposal", "negotiation"],
            ["open", "won"],
        ),
        (
            "ploomes",
            "Título;Cliente;Valor;Estágio;Situação;Responsável;Probabilidade\n"
            "Upsell;Padaria Sol;1.000,00;Qualificação;Em aberto;Ana;30%\n"
            "Cross;Mercado Lua;500,00;Fechamento;Perdida;Ana;0%\n",
            ["qualified", "negotiation"],
            ["open", "lost"],
        ),
        (
            "agendor",
            "Título;Empresa;Valor;Etapa;Status;Responsável;Data de conclusão\n"
            "Upsell;Padaria Sol;1.000,00;Envio de proposta;Em andamento;Ana;01/03/2024\n"
            "Cross;Mercado Lua;500,00;Follow-up;Ganho;Ana;01/03/2024\n",
            ["proposal", "negotiation"],
            ["open", "won"],
        ),
    ],
)
def test_deal_exports_of_other_crms(
    crm: str,
    text: str,
    stages: list[str],
    outcomes: list[str],
    ws: Workspace,
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path / "deals.csv", text, "cp1252")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.entity == "opportunities", (crm, plan.entity_scores)
    assert plan.blocking is None and plan.rows_rejected == 0, (crm, plan.blocking, plan.errors)
    commit(ws, plan)
    stored = _opportunities(ws)
    assert stored["stage"].tolist() == stages
    assert stored["outcome"].tolist() == outcomes
