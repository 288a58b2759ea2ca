"""A CS book for capture tests, built through the importer as a user builds it.

The team (people with addresses at team.example), two customer accounts with their web sites
(acme.example, Beta's through a URL) and one account with no domain; known contacts at Acme
and (with a gmail address) at Gama.
"""

from __future__ import annotations

from pathlib import Path

from csdesk import ingest
from csdesk.store import Workspace

PEOPLE = """Nome;Papel;E-mail
Ana Lima;CSM;ana@team.example
Bruno Reis;AM;bruno@team.example
Carla Dias;Suporte;carla@team.example
"""
ACCOUNTS = """ID;Conta;Segmento;Site
A-1;Acme Corp;Enterprise;acme.example
B-2;Beta Ltda;SMB;https://www.beta.example/contato
C-3;Gama SA;SMB;
"""
CONTACTS = """Conta;Nome;Cargo;E-mail;Influência
Acme Corp;João Souza;Diretor de Operações;joao.souza@acme.example;champion
Gama SA;Marta Gomes;CFO;marta@gmail.com;decision maker
"""


def import_text(ws: Workspace, path: Path, text: str) -> None:
    """A cp1252 CSV, as Excel in Brazil saves it, imported as the user would."""
    path.write_bytes(text.encode("cp1252"))
    plan = ingest.prepare(path, ws=ws)
    assert plan.blocking is None, plan.blocking
    ingest.commit(ws, plan)


def build_book(folder: Path) -> Workspace:
    ws = Workspace.open(folder / "book.csdesk", create=True)
    import_text(ws, folder / "equipe.csv", PEOPLE)
    import_text(ws, folder / "contas.csv", ACCOUNTS)
    import_text(ws, folder / "contatos.csv", CONTACTS)
    return ws


def account_id(ws: Workspace, name: str) -> int:
    return int(ws.scalar("SELECT id FROM accounts WHERE name = ?", (name,)))


def touches(ws: Workspace, account: str) -> list[tuple[str, str, str | None, str, str | None]]:
    """(at, kind, role, title, person) of an account's captured events, in time order."""
    return [
        (str(at), str(kind), role, str(title), person)
        for at, kind, role, title, person in ws.query(
            "SELECT e.at, e.kind, e.role, e.title, p.name FROM events e "
            "LEFT JOIN people p ON p.id = e.person_id "
            "WHERE e.account_id = ? AND e.source_key IS NOT NULL ORDER BY e.at, e.id",
            (account_id(ws, account),),
        )
    ]
