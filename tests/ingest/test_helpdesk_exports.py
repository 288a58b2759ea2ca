"""Help desks' ticket exports as they write them. A good/bad satisfaction (Zendesk's export:
Good, Bad, Offered, Unoffered; in Portuguese Bom, Ruim) is read as the CSAT it is, said in
the column's decision, never refused as "not a score from 1 to 5" and never guessed when the
column mixes numbers in; so are the five answers of the CSAT question (Very satisfied ...
Very dissatisfied; Muito satisfeito ... Muito insatisfeito). HubSpot's durations (HH:mm:ss,
named after the agent) are read. A help desk's organisation is the account, not the customer
(the person) who opened the ticket."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ingest_helpers import write_csv

from csdesk.domain.month import Month
from csdesk.ingest import commit, prepare
from csdesk.ingest.grid import blank_mask
from csdesk.ingest.values import convert
from csdesk.metrics import support
from csdesk.metrics.periods import Window
from csdesk.store import Workspace

AS_OF = Month(2026, 11)

# The columns of a Zendesk ticket export, as it writes them.
ZENDESK = (
    "Id,Requester,Organization,Subject,Status,Priority,Via,Created at,Updated at,Assignee,"
    "Solved at,Satisfaction Score,First reply time in minutes,Full resolution time in minutes\n"
    "1201,Maria,Acme,Boleto,Solved,High,Mail,2026-11-03 09:12,2026-11-04 10:00,Carla,"
    "2026-11-04 09:40,Good,35,1468\n"
    "1202,João,Acme,Integração,Closed,Normal,Web form,2026-11-05 14:02,2026-11-08 12:00,"
    "Carla,2026-11-05 16:30,Bad,12,148\n"
    "1203,Ana,Acme,Acesso,Open,Urgent,Chat,2026-11-20 08:45,2026-11-20 09:00,Pedro,,"
    "Offered,5,\n"
    "1204,Rui,Acme,Relatório,Solved,Low,Mail,2026-11-10 11:00,2026-11-12 11:00,Pedro,"
    "2026-11-11 18:00,Good,240,1860\n"
    "1205,Rui,Acme,Senha,Solved,Low,Mail,2026-11-12 11:00,2026-11-12 12:00,Pedro,"
    "2026-11-12 11:30,Unoffered,20,30\n"
)


def _csat(cells: list[object]) -> tuple[list[object], list[bool], str]:
    values = np.empty(len(cells), dtype=object)
    values[:] = cells
    converted = convert("score_csat", values, blank_mask(values))
    return converted.values.tolist(), converted.bad.tolist(), converted.decision


def test_good_and_bad_are_5_and_1_and_offered_is_no_rating() -> None:
    values, bad, decision = _csat(["Good", "Bad", "Offered", "Unoffered", "", "Not Offered"])
    assert values == [5, 1, None, None, None, None]
    assert bad == [False] * 6
    assert decision.startswith("good/bad ratings: Good read as 5 (satisfied) and Bad as 1")


def test_the_portuguese_words_are_read_too() -> None:
    values, bad, _decision = _csat(["Bom", "ruim", "Não oferecido", "BOM"])
    assert values == [5, 1, None, 5]
    assert not any(bad)


def test_a_column_mixing_scores_and_words_is_not_guessed() -> None:
    values, bad, _decision = _csat(["5", "Good", "2"])
    assert values == [5, None, 2]
    assert bad == [False, True, False]


def test_a_column_of_surveys_never_answered_is_no_rating_not_an_error() -> None:
    values, bad, decision = _csat(["Offered", "Unoffered", "Offered"])
    assert values == [None, None, None]
    assert not any(bad)
    assert decision.startswith("no ratings")


def test_a_zendesk_export_imports_with_its_own_csat(ws: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "zendesk.csv", ZENDESK)
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.blocking is None and plan.rows_rejected == 0
    [column] = [c for c in plan.columns if c.column == "Satisfaction Score"]
    assert column.field == "csat"
    assert "Good read as 5" in column.decision
    commit(ws, plan)
    figures = support.summary(ws, Window(AS_OF))
    assert figures.tickets == 5
    assert figures.csat == pytest.approx(2 / 3)  # Zendesk's good / (good + bad)


HUBSPOT = (
    "Ticket ID,Ticket name,Ticket status,Priority,Create date,Close date,Associated Company,"
    "Source,Time to first agent reply (HH:mm:ss),Time to close (HH:mm:ss),Ticket owner\n"
    "5001,Boleto,Closed,High,2026-11-03 09:12,2026-11-04 09:40,Acme,Email,00:35:00,24:28:00,"
    "Carla\n"
    "5002,Integração,Closed,Medium,2026-11-05 14:02,2026-11-05 16:30,Acme,Chat,00:12:00,"
    "02:28:00,Carla\n"
    "5003,Acesso,New,High,2026-11-20 08:45,,Acme,Chat,01:05:30,,Pedro\n"
)


def test_a_hubspot_export_reads_its_reply_and_close_times(ws: Workspace, tmp_path: Path) -> None:
    plan = prepare(write_csv(tmp_path / "tickets.csv", HUBSPOT), ws=ws, as_of=AS_OF)
    fields = {c.column: c.field for c in plan.columns}
    assert fields["Time to first agent reply (HH:mm:ss)"] == "first_response_minutes"
    assert fields["Time to close (HH:mm:ss)"] == "resolution_hours"
    commit(ws, plan)
    figures = support.summary(ws, Window(AS_OF))
    assert figures.tme_minutes == pytest.approx((35 + 12 + 65.5) / 3)
    assert figures.resolution_hours == pytest.approx((24 + 28 / 60 + 2 + 28 / 60) / 2)


def test_the_five_satisfaction_answers_are_read_on_the_1_to_5_scale() -> None:
    values, bad, decision = _csat(
        ["Very satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very dissatisfied", ""]
    )
    assert values == [5, 4, 3, 2, 1, None]
    assert not any(bad)
    assert decision.startswith("satisfaction answers on the 1-5 scale")
    values, bad, _decision = _csat(
        ["Muito satisfeito", "satisfeito", "Indiferente", "INSATISFEITA"]
    )
    assert values == [5, 4, 3, 2]
    assert not any(bad)


def test_satisfaction_answers_mixed_with_good_and_bad_are_not_guessed() -> None:
    """Each column is read by one vocabulary: Bad beside Satisfied is neither's scale."""
    values, bad, _decision = _csat(["Satisfied", "Bad"])
    assert bad == [True, True] and values == [None, None]


# A Brazilian help desk's export: the customer who opened the ticket, and the organisation.
HELP_DESK_PT = (
    "Número;Assunto;Cliente;Organização;Status;Urgência;Data de abertura;Data de resolução;"
    "Satisfação\n"
    "1001;Erro ao emitir nota;João Silva;Construtora Horizonte;Resolvido;Alta;"
    "03/11/2026 09:12;03/11/2026 15:40;Satisfeito\n"
    "1002;Dúvida sobre relatório;Maria Souza;Padaria Pão Quente;Fechado;Baixa;"
    "05/11/2026 14:00;05/11/2026 16:20;Muito satisfeito\n"
    "1003;Integração parou;Pedro Lima;Construtora Horizonte;Em atendimento;Urgente;"
    "10/11/2026 08:00;;\n"
    "1004;Treinamento;Ana Reis;Mercado Bom Preço;Resolvido;Média;12/11/2026 10:00;"
    "13/11/2026 11:00;Insatisfeito\n"
)


def test_the_organisation_is_the_account_not_the_customer_who_opened_the_ticket(
    ws: Workspace, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "chamados.csv", HELP_DESK_PT, encoding="cp1252")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.entity == "tickets" and plan.blocking is None and plan.rows_rejected == 0
    columns = {c.column: c for c in plan.columns}
    assert columns["Organização"].field == "account"
    assert columns["Cliente"].field is None
    assert columns["Cliente"].reason == "also a name for Account, which column 'Organização' fills"
    assert "Muito" not in columns["Satisfação"].decision  # the English words, in English
    commit(ws, plan)
    names = [r[0] for r in ws.conn.execute("SELECT name FROM accounts ORDER BY name")]
    assert names == ["Construtora Horizonte", "Mercado Bom Preço", "Padaria Pão Quente"]
    figures = support.summary(ws, Window(AS_OF))
    assert figures.csat == pytest.approx(2 / 3)  # Satisfeito and Muito satisfeito of three


def test_a_customer_column_alone_is_still_the_account(ws: Workspace, tmp_path: Path) -> None:
    text = "Número;Cliente;Data de abertura\n1;Construtora Horizonte;03/11/2026\n"
    plan = prepare(write_csv(tmp_path / "chamados.csv", text), ws=ws, as_of=AS_OF)
    assert {c.column: c.field for c in plan.columns}["Cliente"] == "account"


def test_an_organisation_left_blank_on_some_rows_is_not_preferred(
    ws: Workspace, tmp_path: Path
) -> None:
    """Where the customer is a company the organisation may be empty: the rows would lose
    their account, so the column order decides, as before."""
    text = (
        "Número;Cliente;Organização;Data de abertura\n"
        "1;Construtora Horizonte;;03/11/2026\n"
        "2;João Silva;Padaria Pão Quente;04/11/2026\n"
    )
    plan = prepare(write_csv(tmp_path / "chamados.csv", text), ws=ws, as_of=AS_OF)
    assert {c.column: c.field for c in plan.columns}["Cliente"] == "account"


# Intercom's conversations: an id of its own name, durations in seconds said by the header.
INTERCOM = (
    "Conversation ID,Created at,Closed at,Company name,Assignee,Conversation rating,"
    "First response time (seconds),Time to close (seconds)\n"
    "501,2026-11-03 09:12,2026-11-03 10:12,Acme,Carla,5,120,3600\n"
    "502,2026-11-04 14:00,2026-11-05 14:00,Acme,Bruno,2,1800,86400\n"
)


def test_an_intercom_export_keys_its_conversations_and_reads_seconds(
    ws: Workspace, tmp_path: Path
) -> None:
    plan = prepare(write_csv(tmp_path / "conversations.csv", INTERCOM), ws=ws, as_of=AS_OF)
    fields = {c.column: c.field for c in plan.columns}
    assert fields["Conversation ID"] == "ticket_id"
    assert fields["First response time (seconds)"] == "first_response_minutes"
    commit(ws, plan)
    assert [r[0] for r in ws.conn.execute("SELECT external_id FROM tickets ORDER BY 1")] == [
        "501",
        "502",
    ]
    figures = support.summary(ws, Window(AS_OF))
    assert figures.tme_minutes == pytest.approx((2 + 30) / 2)


# Freshdesk's tickets: its satisfaction survey answers on a happiness scale.
FRESHDESK = (
    "Ticket ID,Subject,Status,Priority,Source,Created time,Resolved time,Initial response time,"
    "First response time (in hrs),Resolution time (in hrs),Survey results,Full name,Company Name\n"
    "11,Login,Closed,High,Email,2026-11-03 09:12:00,2026-11-03 15:00:00,2026-11-03 09:40:00,"
    "0.47,5.8,Extremely happy,Maria Souza,Acme\n"
    "12,Invoice,Resolved,Low,Portal,2026-11-05 10:00:00,2026-11-06 12:00:00,"
    "2026-11-05 13:00:00,3.0,26.0,Unhappy,Rui Lima,Acme\n"
    "13,Export,Resolved,Low,Portal,2026-11-07 10:00:00,2026-11-07 12:00:00,"
    "2026-11-07 10:30:00,0.5,2.0,Happy,Rui Lima,Acme\n"
)


def test_a_freshdesk_export_reads_its_happiness_survey_as_csat(
    ws: Workspace, tmp_path: Path
) -> None:
    plan = prepare(write_csv(tmp_path / "tickets.csv", FRESHDESK), ws=ws, as_of=AS_OF)
    assert plan.blocking is None and plan.rows_rejected == 0
    [column] = [c for c in plan.columns if c.column == "Survey results"]
    assert column.field == "csat"
    assert column.decision.startswith("happiness ratings on the 1-5 scale")
    commit(ws, plan)
    scores = [r[0] for r in ws.conn.execute("SELECT csat FROM tickets ORDER BY external_id")]
    assert scores == [5, 2, 4]
    assert support.summary(ws, Window(AS_OF)).csat == pytest.approx(2 / 3)
