"""ACCOUNT as a person types it: an external id, a name, or a unique start of a name with
capitals and accents aside; ambiguous and unknown ones refused with the candidates."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sample_workspace import build_sample

from csdesk.cli import main
from csdesk.errors import CsdeskError
from csdesk.i18n.lang import ENGLISH, Lang
from csdesk.store import Workspace
from csdesk.store.queries.account_match import CANDIDATES_SHOWN, fold, match_account

ACCOUNTS = [
    (1, "ACME-1", "Acme"),
    (2, "ACME-2", "Acme Brasil Ltda"),
    (3, "X-9", "Açaí Sucos"),
    (4, None, "Acai Express"),
    (5, "B-1", "Beta"),
    (6, "B-2", "Beta"),
    (7, "acme-2", "Zeta"),
    (8, "Q-1", "Ômega Serviços"),
]


@pytest.fixture(autouse=True)
def english_system(system_language: Callable[[str], None]) -> None:
    system_language("en_US.UTF-8")


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.create(tmp_path / "m.csdesk") as ws:
        ws.insert_many(
            "accounts",
            ["id", "external_id", "name", "name_key"],
            [(i, ext, name, fold(name)) for i, ext, name in ACCOUNTS],
        )
        yield ws


def _refusal(ws: Workspace, text: str, lang: Lang = ENGLISH) -> str:
    with pytest.raises(CsdeskError) as info:
        match_account(ws, text)
    return info.value.render(lang)


def test_fold_sets_capitals_accents_and_spacing_aside() -> None:
    assert fold("  AÇAÍ   Sucos ") == "acai sucos"
    assert fold("Ômega") == "omega"
    assert fold("Straße") == "strasse"


@pytest.mark.parametrize(
    ("typed", "account"),
    [
        ("ACME-2", 2),  # the external id as stored
        ("acme-2", 7),  # another account's id, exactly: exact beats folded
        ("q-1", 8),  # an id with capitals aside
        ("Acme", 1),  # an exact name, though Acme Brasil starts with it too
        ("ACME", 1),  # the whole name with capitals aside beats the start of another
        ("acme b", 2),  # the start of a name
        ("  Acme Brasil  ", 2),
        ("acai s", 3),  # accents aside
        ("Açaí Sucos", 3),
        ("acai e", 4),
        ("omega", 8),
        ("Ô", 8),
    ],
)
def test_what_names_one_account(ws: Workspace, typed: str, account: int) -> None:
    assert match_account(ws, typed)[0] == account


def test_a_start_shared_by_several_accounts_lists_them(ws: Workspace) -> None:
    said = _refusal(ws, "AÇAÍ")
    assert said == (
        "2 accounts in m.csdesk match 'AÇAÍ': 'Acai Express'; 'Açaí Sucos' [X-9]; give more of "
        "the name, or the external id."
    )
    assert "contas em m.csdesk correspondem a 'AÇAÍ'" in _refusal(ws, "AÇAÍ", Lang("pt_BR"))


def test_a_name_two_accounts_share_lists_them_with_their_ids(ws: Workspace) -> None:
    said = _refusal(ws, "Beta")
    assert "2 accounts" in said and "'Beta' [B-1]; 'Beta' [B-2]" in said
    assert match_account(ws, "B-2")[0] == 6


def test_a_long_list_of_candidates_is_cut_short(ws: Workspace) -> None:
    ws.insert_many(
        "accounts",
        ["external_id", "name", "name_key"],
        [(f"N-{i:02}", f"Nova {i:02}", f"nova {i:02}") for i in range(CANDIDATES_SHOWN + 4)],
    )
    said = _refusal(ws, "nova")
    assert said.startswith(f"{CANDIDATES_SHOWN + 4} accounts in m.csdesk match 'nova':")
    assert "'Nova 07' [N-07]" in said and "Nova 08" not in said and " and 4 more;" in said
    assert " e mais 4;" in _refusal(ws, "nova", Lang("pt_BR"))


def test_an_unknown_account_names_the_closest(ws: Workspace) -> None:
    assert _refusal(ws, "sucos") == (
        "there is no account with external id or name 'sucos' in m.csdesk, nor one whose name "
        "starts with it. Did you mean: 'Açaí Sucos' [X-9]?"
    )
    assert _refusal(ws, "nobody").endswith("nor one whose name starts with it.")
    said = _refusal(ws, "nobody", Lang("pt_BR"))
    assert said.startswith("não há conta com id externo ou nome 'nobody' em m.csdesk")
    assert "name an account" in _refusal(ws, "   ")


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _err(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("csdesk: ")
    return err


def test_the_command_line_takes_a_start_of_a_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.csdesk"
    with build_sample(path) as ws:
        ws.insert_many("accounts", ["external_id", "name", "name_key"], [("A-9", "Acme Ár", "x")])
    by_id = json.loads(_out(capsys, "metrics", str(path), "--account", "B-2", "--json"))
    assert json.loads(_out(capsys, "metrics", str(path), "--account", "beta", "--json")) == by_id
    assert _out(capsys, "health", str(path), "--account", "acme c").startswith("Acme Corp — ")
    assert "Acme Ár" in _out(capsys, "timeline", str(path), "acme a")
    err = _err(capsys, "metrics", str(path), "--account", "ACME")
    assert err == (
        f"csdesk: 2 accounts in {path.name} match 'ACME': 'Acme Corp' [A-1]; 'Acme Ár' [A-9]; "
        "give more of the name, or the external id.\n"
    )
    err = _err(
        capsys, "report", "qbr", str(path), "acm", "-o", str(tmp_path / "q.pdf"), "--lang", "pt-BR"
    )
    assert err.startswith(f"csdesk: 2 contas em {path.name} correspondem a 'acm':")
    assert not (tmp_path / "q.pdf").exists()
