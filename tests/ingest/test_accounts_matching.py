"""Accounts matched by external id, else by normalised name; unknown ones created once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ingest_helpers import write_csv

from csdesk.ingest import commit, prepare
from csdesk.ingest.accounts_matching import AccountIndex, name_key
from csdesk.store import Workspace


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ACME Ltda.", "acme"),
        ("Acme  S.A.", "acme"),
        ("Açaí Comércio ME", "acai comercio"),
        ("Foo, Inc", "foo"),
        ("Bar LLC", "bar"),
        ("Baz Ltda - EPP", "baz"),
        ("Ltda", "ltda"),
        ("شركة المثال", "شركة المثال"),
        ("شرکت نمونه  Ltda", "شرکت نمونه"),
        ("  ÉCOLE   Ünïcode_Team ", "ecole unicode team"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


def test_external_id_wins_then_name_then_creation(tmp_path: Path, ws: Workspace) -> None:
    text = "Código do cliente;Cliente\nC1;Acme Ltda\nC2;Beta S.A.\n"
    commit(ws, prepare(write_csv(tmp_path / "contas.csv", text), ws=ws))
    index = AccountIndex.load(ws)
    ids = np.array(["C1", None, None, "C9", None], dtype=object)
    names = np.array(["Outro nome", "BETA SA", "Gama", None, "gama ltda"], dtype=object)
    resolved = index.resolve(ids, names)
    acme, beta = (
        ws.scalar("SELECT id FROM accounts WHERE external_id = ?", (c,)) for c in ("C1", "C2")
    )
    assert resolved[:2].tolist() == [acme, beta]
    assert resolved[2] < 0 and resolved[4] == resolved[2]  # one new account for Gama
    assert resolved[3] < 0 and resolved[3] != resolved[2]
    assert index.created == 2


def test_a_name_taken_as_an_account_spelled_otherwise_is_said_once(
    tmp_path: Path, ws: Workspace
) -> None:
    """ "Clínica Vida" joins "Clínica Vida Ltda": the preview says so (once per spelling), so a
    consultant can tell two customers apart that only the legal suffix seemed to join."""
    accounts = "Cliente;Segmento\nClínica Vida Ltda;SMB\nAcme;SMB\n"
    commit(ws, prepare(write_csv(tmp_path / "contas.csv", accounts), ws=ws))
    revenue = (
        "Cliente;Mês;MRR\n"
        "Clínica Vida;jan/24;100\nClínica Vida;fev/24;110\nAcme;jan/24;50\nNova;jan/24;10\n"
    )
    plan = prepare(write_csv(tmp_path / "receita.csv", revenue), ws=ws)
    said = [p for p in plan.problems if "taken as the workspace's account" in p.message]
    assert [(p.row, p.column, p.value) for p in said] == [(2, "Cliente", "Clínica Vida")]
    assert "'Clínica Vida Ltda'" in said[0].message and said[0].severity == "warning"
    assert plan.accounts_to_create == 1  # Nova
