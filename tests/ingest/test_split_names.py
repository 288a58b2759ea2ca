"""A first and a last name in two columns (a CRM's contacts: First Name, Last Name; in
Portuguese Nome, Sobrenome; a team sheet too) make one name. The last name was dropped:
the stakeholders read "Maria", and two Marias of one account looked alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_csv

from csdesk.ingest import commit, prepare
from csdesk.store import Workspace

HUBSPOT = (
    "Record ID,First Name,Last Name,Email,Company Name,Job Title\n"
    "1,Maria,Souza,maria@acme.example,Acme Corp,Head of Operations\n"
    "2,Maria,Lima,maria.lima@acme.example,Acme Corp,CFO\n"
    "3,,Okafor,okafor@acme.example,Acme Corp,CTO\n"
)
PT = (
    "Nome;Sobrenome;E-mail;Empresa;Cargo\n"
    "Maria;Souza;maria@acme.example;Acme Corp;Diretora\n"
    "Maria;Lima;maria.lima@acme.example;Acme Corp;Financeiro\n"
    "Okafor;;okafor@acme.example;Acme Corp;CTO\n"
)


@pytest.mark.parametrize("text", [HUBSPOT, PT], ids=["hubspot", "pt-BR"])
def test_first_and_last_names_make_one_contact_name(
    ws: Workspace, tmp_path: Path, text: str
) -> None:
    plan = prepare(write_csv(tmp_path / "contacts.csv", text), ws=ws)
    assert plan.entity == "contacts"
    assert [c.field for c in plan.columns if c.field in ("name", "last_name")] == [
        "name",
        "last_name",
    ]
    commit(ws, plan)
    names = [r[0] for r in ws.conn.execute("SELECT name FROM contacts ORDER BY email")]
    # The third has only one of the two: that one names the contact.
    assert names == ["Maria Lima", "Maria Souza", "Okafor"]


def test_a_contact_with_neither_name_is_rejected_with_its_row(
    ws: Workspace, tmp_path: Path
) -> None:
    text = HUBSPOT + "4,,,nobody@acme.example,Acme Corp,Intern\n"
    plan = prepare(write_csv(tmp_path / "contacts.csv", text), ws=ws)
    problems = [p for p in plan.problems if p.severity == "error"]
    assert [(p.row, p.column) for p in problems] == [(5, "First Name")]
    assert "required" in problems[0].message
    commit(ws, plan)
    assert ws.scalar("SELECT count(*) FROM contacts") == 3


def test_a_team_sheet_joins_them_too(ws: Workspace, tmp_path: Path) -> None:
    text = (
        "First Name,Last Name,Role,Email\n"
        "Ana,Lima,CSM,ana@team.example\n"
        "Bruno,Reis,Account Manager,bruno@team.example\n"
    )
    plan = prepare(write_csv(tmp_path / "team.csv", text), ws=ws)
    assert plan.entity == "people"
    commit(ws, plan)
    assert [r[0] for r in ws.conn.execute("SELECT name FROM people ORDER BY name")] == [
        "Ana Lima",
        "Bruno Reis",
    ]
