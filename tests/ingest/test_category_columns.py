"""A category is not an account (issue 13.6), and help desks' own exports are recognised."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from ingest_helpers import write_csv

from csdesk.domain.month import Month
from csdesk.ingest import commit, prepare
from csdesk.metrics import support
from csdesk.metrics.periods import Window
from csdesk.store import Workspace

AS_OF = Month(2024, 12)


def test_a_ticket_type_column_is_never_guessed_as_the_account(
    ws: Workspace, tmp_path: Path
) -> None:
    # A ticket export with no account column (the shape of a public IT-support export).
    lines = ["Ticket_ID,Ticket_Type,Created_Date,Priority,First_Response_Time_Hours"]
    kinds = ["Bug Report", "General Inquiry", "Feature Request", "Billing", "Outage", "Other"]
    lines += [f"{i},{kinds[i % 6]},2024-0{1 + i % 9}-10 10:00,High,{i % 5 + 1}" for i in range(60)]
    path = write_csv(tmp_path / "support_tickets.csv", "\n".join(lines) + "\n")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.entity == "tickets" and plan.blocking is None
    assert plan.mapping()["Ticket_Type"] is None
    assert plan.accounts_to_create == 0
    assert any("portfolio-level tickets" in p.message for p in plan.problems)
    commit(ws, plan)
    assert ws.scalar("SELECT count(*) FROM accounts") == 0
    assert ws.scalar("SELECT count(*) FROM tickets WHERE account_id IS NULL") == 60
    # Figures for the whole portfolio count them; TME recomputed here from the file.
    figures = support.summary(ws, Window(AS_OF))
    frame = pd.read_csv(path)
    assert figures.tickets == len(frame)
    assert figures.tme_minutes == pytest.approx((frame["First_Response_Time_Hours"] * 60).mean())


def test_survey_responses_without_an_account_count_for_the_portfolio(
    ws: Workspace, tmp_path: Path
) -> None:
    lines = ["Data;Nota NPS;Comentário"]
    lines += [f"{1 + i % 28:02d}/03/2024;{i % 11};ok" for i in range(44)]
    path = write_csv(tmp_path / "pesquisa_nps.csv", "\n".join(lines) + "\n", "cp1252")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.entity == "surveys" and plan.blocking is None, plan.blocking
    commit(ws, plan)
    assert ws.scalar("SELECT count(*) FROM accounts") == 0
    from csdesk.metrics import cx

    scores = pd.Series([i % 11 for i in range(44)])
    expected = 100 * ((scores >= 9).mean() - (scores <= 6).mean())
    assert cx.summary(ws, Window(AS_OF)).as_json()["nps"]["score"] == pytest.approx(expected)


def test_a_repeated_column_without_a_category_header_is_not_the_account(
    ws: Workspace, tmp_path: Path
) -> None:
    lines = ["Ticket,Opened,Queue Name"]
    lines += [f"{i},2024-03-{1 + i % 28:02d},{['L1', 'L2', 'L3'][i % 3]}" for i in range(40)]
    path = write_csv(tmp_path / "tickets.csv", "\n".join(lines) + "\n")
    plan = prepare(path, ws=ws, as_of=AS_OF, entity="tickets")
    assert plan.mapping()["Queue Name"] is None and plan.accounts_to_create == 0


def test_a_named_account_column_with_few_values_is_still_the_account(
    ws: Workspace, tmp_path: Path
) -> None:
    lines = ["Ticket ID,Organization,Created at,Status"]
    lines += [f"{i},{['Acme', 'Globex'][i % 2]},2024-03-{1 + i % 28:02d},open" for i in range(40)]
    path = write_csv(tmp_path / "export.csv", "\n".join(lines) + "\n")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.entity == "tickets" and plan.mapping()["Organization"] == "account"
    assert plan.accounts_to_create == 2


# Each help desk's standard ticket export, as its headers come, and the fields they must fill.
HELP_DESKS = {
    "zendesk": (
        "Id,Requester,Organization,Subject,Status,Priority,Created at,Solved at,"
        "First reply time in minutes,Full resolution time in minutes",
        {
            "Id": "ticket_id",
            "Organization": "account",
            "Created at": "opened_at",
            "Solved at": "resolved_at",
            "First reply time in minutes": "first_response_minutes",
            "Full resolution time in minutes": "resolution_hours",
        },
        "1,Ana,Acme,Login,solved,high,2024-03-01 10:00,2024-03-01 12:00,30,120",
    ),
    "freshdesk": (
        "Ticket ID,Subject,Status,Priority,Source,Type,Created time,Resolved time,"
        "First response time (in hrs),Resolution time (in hrs),Company Name",
        {
            "Ticket ID": "ticket_id",
            "Created time": "opened_at",
            "Resolved time": "resolved_at",
            "First response time (in hrs)": "first_response_minutes",
            "Company Name": "account",
        },
        "7,Erro,Closed,High,Email,Question,2024-03-01 10:00,2024-03-02 10:00,1.5,24,Acme",
    ),
    "jira service management": (
        "Issue key,Summary,Issue Type,Status,Priority,Created,Resolved,Organizations",
        {
            "Issue key": "ticket_id",
            "Created": "opened_at",
            "Resolved": "resolved_at",
            "Organizations": "account",
        },
        "SD-1,VPN down,Incident,Done,High,2024-03-01 10:00,2024-03-01 18:00,Acme",
    ),
    "hubspot": (
        "Ticket ID,Ticket name,Ticket status,Priority,Create date,Close date,"
        "First agent reply date,Associated Company",
        {
            "Ticket ID": "ticket_id",
            "Create date": "opened_at",
            "Close date": "resolved_at",
            "First agent reply date": "first_response_at",
            "Associated Company": "account",
        },
        "11,Invoice,Closed,HIGH,2024-03-01 10:00,2024-03-03 10:00,2024-03-01 11:00,Acme",
    ),
    "movidesk": (
        "Número;Assunto;Cliente;Organização;Status;Urgência;Categoria;Aberto em;"
        "Primeira resposta em;Resolvido em",
        {
            "Número": "ticket_id",
            "Organização": "account",  # the organisation, beside the customer who opened it
            "Aberto em": "opened_at",
            "Primeira resposta em": "first_response_at",
            "Resolvido em": "resolved_at",
        },
        "101;Erro;Padaria Sol;Padaria Sol;Resolvido;Alta;Dúvida;01/03/2024 10:00;"
        "01/03/2024 10:30;01/03/2024 12:00",
    ),
    "octadesk": (
        "Número;Assunto;Organização;Status;Prioridade;Data de criação;Data de resolução;Canal",
        {
            "Número": "ticket_id",
            "Organização": "account",
            "Data de criação": "opened_at",
            "Data de resolução": "resolved_at",
        },
        "55;Erro;Padaria Sol;Resolvido;Alta;01/03/2024 10:00;02/03/2024 10:00;WhatsApp",
    ),
    "zoho desk": (
        "Ticket Id,Subject,Status,Priority,Channel,Account Name,Contact Name,Created Time,"
        "Closed Time",
        {
            "Ticket Id": "ticket_id",
            "Account Name": "account",
            "Created Time": "opened_at",
            "Closed Time": "resolved_at",
        },
        "9,Erro,Closed,High,Email,Acme,Ana,2024-03-01 10:00,2024-03-02 10:00",
    ),
}


@pytest.mark.parametrize("desk", sorted(HELP_DESKS))
def test_help_desk_exports_are_tickets(desk: str, ws: Workspace, tmp_path: Path) -> None:
    header, wanted, line = HELP_DESKS[desk]
    separator = ";" if ";" in header else ","
    del separator  # the reader finds it
    path = write_csv(tmp_path / "export.csv", f"{header}\n{line}\n{line}\n", "cp1252")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.entity == "tickets", (desk, plan.entity_scores)
    mapping = plan.mapping()
    assert {column: mapping[column] for column in wanted} == wanted
    assert plan.blocking is None, plan.blocking
