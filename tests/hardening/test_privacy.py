"""Privacy: csdesk never opens a network connection; anonymised reports keep every figure."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from hardening_helpers import TINY, TODAY
from openpyxl import Workbook, load_workbook

from csdesk.cli import main
from csdesk.demo import generate
from csdesk.ingest.accounts_matching import name_key
from csdesk.reports.anonymise import SALT, pseudonym
from csdesk.store import Workspace


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way Python opens a connection or resolves a name raises and is recorded."""
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def _refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkAttempt(f"csdesk tried the network: {name}")

        return _refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    return attempts


def test_the_guard_catches_a_connection(no_network: list[str]) -> None:
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with socket.socket() as raw, pytest.raises(NetworkAttempt):
        raw.connect(("192.0.2.1", 80))
    assert len(no_network) == 2


def _accounts_sheet(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Account", "Segment", "MRR", "Renewal date", "CSM"])
    for i in range(40):
        sheet.append([f"Imported Co {i}", "SMB" if i % 2 else "Mid", 1000 + i, "2026-12-31", ""])
    book.save(path)
    return path


def test_a_full_run_opens_no_connection(
    no_network: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws_path = tmp_path / "p.csdesk"
    out = tmp_path / "out"
    out.mkdir()
    with Workspace.open(ws_path, create=True) as ws:
        generate(ws, size=TINY, seed=3, today=TODAY)
    assert main(["import", str(ws_path), str(_accounts_sheet(tmp_path / "acc.xlsx"))]) == 0
    assert main(["metrics", str(ws_path), "--json"]) == 0
    assert main(["health", str(ws_path), "--json"]) == 0
    with Workspace.open(ws_path, read_only=True) as ws:
        account = str(ws.scalar("SELECT name FROM accounts WHERE status = 'active' LIMIT 1"))
    commands = [
        ["report", "qbr", str(ws_path), account, "-o", str(out / "q.pdf")],
        ["report", "qbr", str(ws_path), account, "-o", str(out / "q.pptx")],
        ["report", "roles", str(ws_path), "-o", str(out / "r.pdf")],
        ["report", "roles", str(ws_path), account, "-o", str(out / "ra.pdf")],
        ["report", "audit", str(ws_path), "-o", str(out / "a.pdf")],
        ["export", str(ws_path), "-o", str(out / "e.xlsx")],
        ["export", str(ws_path), "-o", str(out / "anon.xlsx"), "--anonymise"],
    ]
    for command in commands:
        assert main(command) == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["q.pdf", "q.pptx", "r.pdf", "ra.pdf", "a.pdf", "e.xlsx", "anon.xlsx"]
    )
    assert no_network == []


def _cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def _numbers(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The figures of each row, in an order that does not depend on names (rows sort by name)."""
    return sorted((tuple(v for v in row if isinstance(v, int | float)) for row in rows), key=repr)


def test_anonymised_export_hides_names_and_keeps_figures(demo_path: Path, tmp_path: Path) -> None:
    with Workspace.open(demo_path, read_only=True) as ws:
        accounts = [str(r[0]) for r in ws.query("SELECT name FROM accounts")]
        people = [str(r[0]) for r in ws.query("SELECT name FROM people")]
        contacts = [str(r[0]) for r in ws.query("SELECT name FROM contacts")]
        emails = [str(r[0]) for r in ws.query("SELECT email FROM contacts WHERE email > ''")]
    plain, anon, again = tmp_path / "plain.xlsx", tmp_path / "anon.xlsx", tmp_path / "again.xlsx"
    before = demo_path.read_bytes()
    assert main(["export", str(demo_path), "-o", str(plain), "--lang", "en"]) == 0
    assert main(["export", str(demo_path), "-o", str(anon), "--lang", "en", "--anonymise"]) == 0
    assert main(["export", str(demo_path), "-o", str(again), "--lang", "en", "--anonymise"]) == 0

    plain_cells, anon_cells = _cells(plain), _cells(anon)
    # Survey comments are free text that may quote a name: the anonymised copy drops them.
    assert set(plain_cells) - set(anon_cells) == {"Survey comments"}
    texts = {str(value) for rows in anon_cells.values() for row in rows for value in row if value}
    secrets = set(accounts) | set(people) | set(contacts) | set(emails)
    leaked = {s for s in secrets if any(s in text for text in texts)}
    assert leaked == set()
    for title in anon_cells:  # every figure identical, sheet by sheet
        assert _numbers(plain_cells[title]) == _numbers(anon_cells[title]), title

    with Workspace.open(demo_path, read_only=True) as ws:
        salt = SALT.get(ws)
    assert salt
    first = pseudonym(salt, "Account", accounts[0])
    assert first in texts and first.startswith("Account ")
    assert _cells(again) == anon_cells  # same names, same pseudonyms
    # The workspace gained its salt and nothing else.
    with Workspace.open(demo_path, read_only=True) as ws:
        assert [r[0] for r in ws.query("SELECT key FROM settings")] == ["anonymise_salt"]
        assert sorted(str(r[0]) for r in ws.query("SELECT name FROM accounts")) == sorted(accounts)
    assert len(before) > 0


def test_pseudonyms_are_stable_per_workspace_and_differ_across_workspaces() -> None:
    assert pseudonym("salt-a", "Account", "Acme") == pseudonym("salt-a", "Account", " Acme ")
    assert pseudonym("salt-a", "Account", "Acme") != pseudonym("salt-b", "Account", "Acme")
    assert pseudonym("salt-a", "Account", "Acme") != pseudonym("salt-a", "Account", "Acne")


def test_anonymised_reports_name_no_one(demo_path: Path, tmp_path: Path) -> None:
    import pypdf

    with Workspace.open(demo_path, read_only=True) as ws:
        row = ws.query(
            "SELECT a.name, p.name FROM accounts a JOIN people p ON p.id = a.csm_id "
            "WHERE a.status = 'active' LIMIT 1"
        )[0]
    account, csm = str(row[0]), str(row[1])
    for kind, extra in (("qbr", [account]), ("roles", [account]), ("audit", [])):
        target = tmp_path / f"{kind}.pdf"
        argv = ["report", kind, str(demo_path), *extra, "-o", str(target), "--anonymise"]
        assert main(argv) == 0
        text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
        assert account not in text and csm not in text, kind
        if kind != "audit":
            assert "Account " in text, kind


def test_anonymised_accounts_keep_shared_keys_and_list_in_pseudonym_order(
    tmp_path: Path,
) -> None:
    from csdesk.reports.anonymise import anonymise
    from csdesk.store.queries.accounts import NAME_ORDER

    names = ["ACME Ltda.", "Acme", "Ágil Digital", "Zeta", "Beta S.A."]
    with Workspace.create(tmp_path / "w.csdesk") as ws:
        ws.insert_many("accounts", ["name", "name_key"], [(n, name_key(n)) for n in names])
        anonymise(ws, "salt")
        rows = ws.query(f"SELECT id, name, name_key FROM accounts ORDER BY {NAME_ORDER}")
    keys = {i: key for i, _name, key in rows}
    assert keys[1] == keys[2]  # two spellings of one customer still share a key
    assert len(set(keys.values())) == 4
    assert not any(n.casefold() in key for key in keys.values() for n in ("acme", "agil", "zeta"))
    # Customers are listed in the order of the (first) pseudonyms shown for them.
    first: dict[str, str] = {}
    for _id, name, key in rows:
        first[key] = min(first.get(key, name), name)
    listed = list(first.values())  # in the order their keys were listed
    assert listed == sorted(listed, key=str.casefold)
