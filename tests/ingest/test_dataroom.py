"""A data room (a folder or zip of a client's exports) planned and imported as one set."""

from __future__ import annotations

import json
import os
import stat
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from dataroom_builders import ACCOUNTS, REVENUE, SURVEYS, TICKETS, build_room, zip_folder

from csdesk.i18n.lang import Lang
from csdesk.ingest import list_batches, undo_many
from csdesk.ingest.dataroom import (
    ENTITY_ORDER,
    FileChoice,
    RoomLimits,
    import_room,
    leave_out,
    plan_room,
    put_back,
    replan_file,
)
from csdesk.ingest.errors import HostileFile, ImportRefused
from csdesk.progress import Cancelled
from csdesk.store import Workspace

EN = Lang("en")
EXPECTED_ORDER = [
    ("Cadastro de clientes.xlsx", "accounts"),
    ("01 receita mensal.csv", "revenue"),
    ("suporte/chamados.csv", "tickets"),
    ("pesquisa nps.csv", "surveys"),
]
EXPECTED_SKIPS = {
    "Cadastro de clientes (1).xlsx": "duplicate",
    "contrato assinado.pdf": "not_spreadsheet",
    "README.md": "not_spreadsheet",
    "receita (planilha).xlsx": "same_content",
    "vazio.csv": "empty",
}


@pytest.fixture(params=["folder", "zip"])
def room_path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = build_room(tmp_path / "sala do cliente")
    if request.param == "folder":
        return folder
    return zip_folder(folder, tmp_path / "sala do cliente.zip")


def _revenue_by_account() -> dict[str, float]:
    """What the revenue CSV says, read by pandas on its own."""
    from io import StringIO

    frame = pd.read_csv(StringIO(REVENUE), sep=";", decimal=",", thousands=".")
    return {str(k): float(v) for k, v in frame.groupby("Código")["MRR"].sum().items()}


def test_room_is_classified_ordered_and_skipped_with_reasons(
    room_path: Path, ws: Workspace
) -> None:
    with plan_room(room_path, lang=EN, ws=ws) as room:
        assert [(f.name, f.entity) for f in room.ready] == EXPECTED_ORDER
        assert all(f.confidence > 0 for f in room.ready)
        assert {s.file: s.code for s in room.skipped} == EXPECTED_SKIPS
        assert all(s.reason for s in room.skipped)
        [blocked] = room.blocked
        assert blocked.name == "notas soltas.csv" and blocked.entity is None
        assert "--mapping-file" in (blocked.hint or "")
        # The order is the dependency order whatever the names say.
        ranks = [ENTITY_ORDER.index(str(f.entity)) for f in room.ready]
        assert ranks == sorted(ranks)
        assert ws.scalar("SELECT count(*) FROM import_batches") == 0


def test_room_imports_exact_figures_as_one_group_and_one_undo_removes_it(
    room_path: Path, ws: Workspace
) -> None:
    with plan_room(room_path, lang=EN, ws=ws) as room:
        result = import_room(ws, room)
    assert [(f.file, f.entity) for f in result.files] == EXPECTED_ORDER
    assert result.files[0].accounts_created == len(ACCOUNTS) - 1
    assert sum(f.accounts_created for f in result.files[1:]) == 0  # revenue found them
    stored = dict(
        ws.query(
            "SELECT a.external_id, sum(r.mrr) FROM revenue_months r "
            "JOIN accounts a ON a.id = r.account_id GROUP BY a.external_id"
        )
    )
    assert stored == pytest.approx(_revenue_by_account())
    assert ws.scalar("SELECT count(*) FROM tickets") == len(TICKETS.strip().splitlines()) - 1
    assert ws.scalar("SELECT count(*) FROM surveys") == len(SURVEYS.strip().splitlines()) - 1
    names = dict(ws.query("SELECT external_id, name FROM accounts"))
    assert names == {row[0]: row[1] for row in ACCOUNTS[1:]}
    batches = list_batches(ws)
    assert {b.group_id for b in batches} == {result.group_id} == {batches[0].id}
    assert {b.group_name for b in batches} == {room_path.name}
    assert [r.batch_id for r in undo_many(ws, result.batch_ids)] == sorted(
        result.batch_ids, reverse=True
    )
    for table in ("accounts", "revenue_months", "tickets", "surveys"):
        assert ws.scalar(f"SELECT count(*) FROM {table}") == 0, table
    assert {b.state for b in list_batches(ws)} == {"undone"}


def test_a_mapping_file_unblocks_the_unsure_file(tmp_path: Path, ws: Workspace) -> None:
    from csdesk.ingest.dataroom import read_choices

    folder = build_room(tmp_path / "sala")
    choices_file = tmp_path / "mapa.toml"
    choices_file.write_text(
        '["notas soltas.csv"]\nentity = "accounts"\n'
        'map = { Coisa = "account", "Valor X" = "-", "Observação" = "notes" }\n',
        "utf-8",
    )
    choices = read_choices(choices_file)
    assert choices["notas soltas.csv"] == FileChoice(
        entity="accounts", mapping={"Coisa": "account", "Valor X": "-", "Observação": "notes"}
    )
    with plan_room(folder, lang=EN, ws=ws, mapping=choices) as room:
        assert not room.blocked
        entities = [(f.name, f.entity) for f in room.files]
        # Two accounts files: the one told what it holds sorts by name among them.
        assert entities[:2] == [
            ("Cadastro de clientes.xlsx", "accounts"),
            ("notas soltas.csv", "accounts"),
        ]
        result = import_room(ws, room)
    assert sorted(
        n for (n,) in ws.query("SELECT name FROM accounts WHERE external_id IS NULL")
    ) == [
        "alfa",
        "beta",
        "gama",
    ]
    assert len(result.batch_ids) == 5


def test_replan_one_file_keeps_the_others(tmp_path: Path, ws: Workspace) -> None:
    folder = build_room(tmp_path / "sala")
    with plan_room(folder, lang=EN, ws=ws) as room:
        before = {f.name: f.plan for f in room.files}
        again = replan_file(
            room, "notas soltas.csv", entity="accounts", mapping={"Coisa": "account"}
        )
        assert not again.blocked and again.file("notas soltas.csv").entity == "accounts"
        assert all(again.file(n).plan is p for n, p in before.items() if n != "notas soltas.csv")
        aside = replan_file(again, "pesquisa nps.csv", skip=True)
        assert "pesquisa nps.csv" not in [f.name for f in aside.files]
        assert {s.file: s.code for s in aside.skipped}["pesquisa nps.csv"] == "by_you"


def test_a_file_left_out_is_not_imported_and_can_be_put_back(tmp_path: Path, ws: Workspace) -> None:
    folder = build_room(tmp_path / "sala")
    with plan_room(folder, lang=EN, ws=ws) as room:
        order = [f.name for f in room.files]
        survey = room.file("pesquisa nps.csv")
        aside = leave_out(room, "pesquisa nps.csv")
        assert "pesquisa nps.csv" not in [f.name for f in aside.files]
        assert {s.file: s.reason for s in aside.skipped}["pesquisa nps.csv"] == "set aside by you"
        back = put_back(aside, "pesquisa nps.csv")
        # In its place in the order, with the plan it had: nothing was read again.
        assert [f.name for f in back.files] == order
        assert back.file("pesquisa nps.csv").plan is survey.plan
        assert "pesquisa nps.csv" not in [s.file for s in back.skipped]
        with pytest.raises(KeyError):
            put_back(back, "pesquisa nps.csv")
        result = import_room(ws, leave_out(back, "pesquisa nps.csv"))
    assert "pesquisa nps.csv" not in [f.file for f in result.files]
    assert "pesquisa nps.csv" in [s.file for s in result.skipped]
    assert ws.scalar("SELECT count(*) FROM surveys") == 0
    assert ws.scalar("SELECT count(*) FROM revenue_months") > 0


def test_cancel_half_way_writes_nothing(tmp_path: Path, ws: Workspace) -> None:
    folder = build_room(tmp_path / "sala")
    seen: list[str] = []

    def progress(fraction: float, message: str) -> None:
        seen.append(message)
        if fraction > 0.6:
            raise Cancelled()

    with plan_room(folder, lang=EN, ws=ws) as room, pytest.raises(Cancelled):
        import_room(ws, room, progress=progress)
    assert seen
    for table in ("import_batches", "accounts", "revenue_months", "tickets"):
        assert ws.scalar(f"SELECT count(*) FROM {table}") == 0, table


def test_a_room_imported_twice_writes_nothing_the_second_time(
    tmp_path: Path, ws: Workspace
) -> None:
    folder = build_room(tmp_path / "sala")
    with plan_room(folder, lang=EN, ws=ws) as room:
        import_room(ws, room)
    with plan_room(folder, lang=EN, ws=ws) as room:
        second = import_room(ws, room)
    assert second.files == [] and second.group_id is None
    codes = {s.file: s.code for s in second.skipped}
    assert all(codes[name] == "already_imported" for name, _entity in EXPECTED_ORDER)


def test_zip_unpacks_into_a_temporary_folder_removed_on_close(tmp_path: Path) -> None:
    path = zip_folder(build_room(tmp_path / "sala"), tmp_path / "sala.zip")
    room = plan_room(path, lang=EN)
    unpacked = room.files[0].path
    assert unpacked.is_file() and not unpacked.is_relative_to(tmp_path)
    room.close()
    assert not unpacked.exists()


# -- hostile zips ------------------------------------------------------------------------


def _zip(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a repeated name, on purpose
        for info, data in entries:
            archive.writestr(info, data)
    return path


ACCOUNTS_CSV = b"account_id,account\nA-1,Acme\nA-2,Beta\n"


def test_traversal_absolute_paths_and_links_are_set_aside(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("atalho.csv")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    inner = tmp_path / "work"
    inner.mkdir()
    path = _zip(
        inner / "hostil.zip",
        [
            ("../fora.csv", ACCOUNTS_CSV),
            ("../../../../tmp/fora2.csv", ACCOUNTS_CSV),
            ("/etc/absoluto.csv", ACCOUNTS_CSV),
            ("C:/Windows/drive.csv", ACCOUNTS_CSV),
            ("pasta/../../sobe.csv", ACCOUNTS_CSV),
            (link, b"/etc/passwd"),
            ("__MACOSX/._contas.csv", b"junk"),
            ("contas.csv", ACCOUNTS_CSV),
            ("contas.csv", b"account_id,account\nX-9,Intrusa\n"),
        ],
    )
    with plan_room(path, lang=EN) as room:
        assert [f.name for f in room.ready] == ["contas.csv"]
        assert b"Intrusa" not in room.ready[0].path.read_bytes()
        codes = {s.file: s.code for s in room.skipped}
    assert codes == {
        "../fora.csv": "unsafe_path",
        "../../../../tmp/fora2.csv": "unsafe_path",
        "/etc/absoluto.csv": "unsafe_path",
        "C:/Windows/drive.csv": "unsafe_path",
        "pasta/../../sobe.csv": "unsafe_path",
        "atalho.csv": "link",
        "__MACOSX/._contas.csv": "system",
        "contas.csv": "repeated_name",
    }
    for name in ("fora.csv", "sobe.csv"):
        assert not (tmp_path / name).exists() and not (inner / name).exists()
    assert not Path("/tmp/fora2.csv").exists()


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomba.zip", [("receita.csv", b"0" * 30_000_000)])
    assert os.path.getsize(path) < 200_000
    with pytest.raises(HostileFile, match="zip bomb"):
        plan_room(path, lang=EN)


def test_too_many_entries_and_too_many_bytes_are_refused(tmp_path: Path) -> None:
    many = _zip(tmp_path / "muitos.zip", [(f"f{i}.csv", b"a\n") for i in range(5_001)])
    with pytest.raises(HostileFile, match="more than 5,000 files"):
        plan_room(many, lang=EN)
    big = _zip(tmp_path / "grande.zip", [("a.csv", ACCOUNTS_CSV * 2_000)])
    with pytest.raises(HostileFile, match="bytes unpacked"):
        plan_room(big, lang=EN, limits=RoomLimits(max_total_bytes=10_000))


def test_nested_zips_are_read_one_level_deep(tmp_path: Path) -> None:
    deepest = _zip(tmp_path / "nivel3.zip", [("fundo.csv", ACCOUNTS_CSV)])
    middle = _zip(
        tmp_path / "nivel2.zip",
        [
            ("contas.csv", ACCOUNTS_CSV.replace(b"Acme", b"Delta")),
            ("nivel3.zip", deepest.read_bytes()),
        ],
    )
    top = _zip(
        tmp_path / "sala.zip", [("nivel2.zip", middle.read_bytes()), ("leia-me.txt", b"oi\n")]
    )
    with plan_room(top, lang=EN) as room:
        assert [f.name for f in room.ready] == ["nivel2.zip/contas.csv"]
        codes = {s.file: s.code for s in room.skipped}
    assert codes["nivel2.zip/nivel3.zip"] == "nested_too_deep"
    assert codes["leia-me.txt"] in {"not_a_table", "unreadable"}


def test_a_folder_link_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "fora"
    outside.mkdir()
    (outside / "segredo.csv").write_bytes(ACCOUNTS_CSV)
    room_folder = tmp_path / "sala"
    room_folder.mkdir()
    (room_folder / "contas.csv").write_bytes(ACCOUNTS_CSV.replace(b"Acme", b"Zeta"))
    (room_folder / "atalho").symlink_to(outside, target_is_directory=True)
    (room_folder / "atalho.csv").symlink_to(outside / "segredo.csv")
    with plan_room(room_folder, lang=EN) as room:
        assert [f.name for f in room.files] == ["contas.csv"]
        assert {s.file: s.code for s in room.skipped} == {"atalho": "link", "atalho.csv": "link"}


# -- the command line --------------------------------------------------------------------


def test_cli_json_is_exactly_the_contract_and_undo_takes_the_batches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from csdesk.cli import main

    folder = build_room(tmp_path / "sala")
    path = zip_folder(folder, tmp_path / "sala.zip")
    target = tmp_path / "novo.csdesk"
    assert main(["import", str(target), str(path), "--dry-run"]) == 2
    assert not target.exists()
    out = capsys.readouterr().out
    assert "1. Cadastro de clientes.xlsx" in out and "notas soltas.csv" in out
    assert main(["import", str(target), str(path), "--dry-run", "--json"]) == 2
    planned = json.loads(capsys.readouterr().out)
    assert planned["dry_run"] is True and not target.exists()
    assert [(f["file"], f["order"]) for f in planned["files"] if not f["blocked"]] == [
        (name, number) for number, (name, _entity) in enumerate(EXPECTED_ORDER, start=1)
    ]
    assert [f["would_write"] for f in planned["files"]][:2] == [3, 8]
    assert main(["import", str(target), str(path), "--json"]) == 2  # one file blocked
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"files", "skipped", "currency", "currency_note"}
    keys = {"file", "entity", "batch_id", "rows_written", "rows_updated", "rows_rejected"}
    keys |= {"accounts_created", "problems"}
    assert all(set(f) == keys for f in data["files"])
    assert all(set(s) == {"file", "reason"} for s in data["skipped"])
    assert [(f["file"], f["entity"]) for f in data["files"]] == EXPECTED_ORDER
    assert {s["file"] for s in data["skipped"]} == {*EXPECTED_SKIPS, "notas soltas.csv"}
    batches = [str(f["batch_id"]) for f in data["files"]]
    assert main(["imports", str(target)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 4 and all("(data room sala.zip, group " in line for line in listed)
    assert main(["undo-import", str(target), *batches]) == 0
    out = capsys.readouterr().out
    assert out.index(f"batch {batches[-1]}") < out.index(f"batch {batches[0]}")
    with Workspace.open(target) as ws:
        assert ws.scalar("SELECT count(*) FROM accounts") == 0
        assert ws.scalar("SELECT count(*) FROM import_batches WHERE state = 'done'") == 0


# -- capture files, languages, mapping-file refusals ------------------------------------

MAIL = (
    "Date: Tue, 10 Mar 2026 14:05:00 -0300\r\nFrom: Ana Lima <ana@nossa.example>\r\n"
    "To: Carla <carla@acme.example>\r\nMessage-ID: <m1@nossa.example>\r\n"
    'Subject: Resumo da QBR\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\nOlá\r\n'
)


def test_capture_files_come_after_the_people_and_accounts_they_name(
    tmp_path: Path, ws: Workspace
) -> None:
    folder = tmp_path / "sala"
    (folder / "email").mkdir(parents=True)
    (folder / "email" / "resumo qbr.eml").write_bytes(MAIL.encode("utf-8"))
    (folder / "contas.csv").write_text(
        "account_id;account;domain\nA-1;Acme;acme.example\n", "utf-8"
    )
    (folder / "zz equipe.csv").write_text(
        "Nome;Papel;E-mail\nAna Lima;CSM;ana@nossa.example\n", "utf-8"
    )
    with plan_room(folder, lang=EN, ws=ws) as room:
        assert [(f.name, f.entity) for f in room.files] == [
            ("zz equipe.csv", "people"),
            ("contas.csv", "accounts"),
            ("email/resumo qbr.eml", "events"),
        ]
        result = import_room(ws, room)
    assert [f.entity for f in result.files] == ["people", "accounts", "events"], result.skipped
    assert ws.query(
        "SELECT a.name, e.title FROM events e JOIN accounts a ON a.id = e.account_id"
    ) == [("Acme", "Resumo da QBR")]


def test_reasons_are_in_the_language_asked_for(tmp_path: Path) -> None:
    folder = build_room(tmp_path / "sala")
    with plan_room(folder, lang=Lang("pt_BR")) as room:
        reasons = {s.file: s.reason for s in room.skipped}
    assert reasons["README.md"] == "não é planilha, agenda nem arquivo de e-mail"
    assert reasons["Cadastro de clientes (1).xlsx"] == (
        "uma cópia byte a byte de Cadastro de clientes.xlsx"
    )


def test_a_bad_mapping_file_and_one_file_options_are_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from csdesk.cli import main

    folder = build_room(tmp_path / "sala")
    bad = tmp_path / "mapa.toml"
    bad.write_text('["notas soltas.csv"]\nentidade = "tickets"\n', "utf-8")
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(folder), "--mapping-file", str(bad)]) != 0
    err = capsys.readouterr().err
    assert "mapa.toml" in err and "'entidade'" not in err and "entidade" in err
    assert "Traceback" not in err
    typo = tmp_path / "typo.toml"
    typo.write_text('["notas solta.csv"]\nentity = "accounts"\n', "utf-8")
    assert main(["import", str(target), str(folder), "--mapping-file", str(typo)]) != 0
    err = capsys.readouterr().err
    assert "'notas solta.csv'" in err and "'notas soltas.csv'" in err
    assert main(["import", str(target), str(folder), "--entity", "tickets"]) != 0
    err = capsys.readouterr().err
    assert "--entity" in err and "--mapping-file" in err
    assert not target.exists()


def test_a_workbook_s_other_sheets_are_entries_and_a_room_with_nothing_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ingest_helpers import write_xlsx

    from csdesk.cli import main

    folder = tmp_path / "sala"
    folder.mkdir()
    write_xlsx(
        folder / "ERP.xlsx",
        ACCOUNTS,
        sheet="Clientes",
        extra_sheets={
            "Contratos": [["a"], ["b"]],
            "Oculta": [["x"]],
            "Vazia": [],
            "Cabeçalho": [["Código", "Cliente"]],
        },
        hidden=["Oculta"],
    )
    with plan_room(folder, lang=EN) as room:
        assert [(f.name, f.sheet, f.ready) for f in room.files] == [
            ("ERP.xlsx", "Clientes", True),
            ("ERP.xlsx [Contratos]", "Contratos", False),  # waits: nothing recognised
        ]
        assert {s.file: s.reason for s in room.skipped} == {
            "ERP.xlsx [Cabeçalho]": "ERP.xlsx, sheet 'Cabeçalho' has a header (row 1) but no "
            "data rows under it: nothing to import.",
            "ERP.xlsx [Oculta]": "a hidden sheet: not read",
            "ERP.xlsx [Vazia]": "ERP.xlsx, sheet 'Vazia' is empty: nothing to import.",
        }
    target = tmp_path / "w.csdesk"
    # 2: a sheet waits for a choice (the plan says which, and how to give it).
    assert main(["import", str(target), str(folder), "--dry-run"]) == 2
    out = capsys.readouterr().out
    assert "1. ERP.xlsx [Clientes]" in out and "- ERP.xlsx [Contratos]: csdesk cannot tell" in out
    assert "ERP.xlsx [Oculta]: a hidden sheet: not read" in out
    (folder / "ERP.xlsx").unlink()
    (folder / "LEIA-ME.md").write_text("nada\n", "utf-8")
    assert main(["import", str(target), str(folder)]) != 0
    err = capsys.readouterr().err
    assert "no file can be imported" in err and "LEIA-ME.md" in err
    assert not target.exists()


def test_the_sheets_of_one_workbook_are_imported_in_dependency_order(
    tmp_path: Path, ws: Workspace
) -> None:
    """A client's ERP export as one workbook: revenue first, the register last, contracts
    between; each sheet is planned alone and imported after what it names."""
    from ingest_helpers import write_xlsx

    folder = tmp_path / "sala"
    folder.mkdir()
    revenue = [row.split(";") for row in REVENUE.strip().splitlines()]
    contracts = [
        ["Código", "Contrato", "Início", "Fim", "Valor mensal"],
        ["C-001", "K-1", "2025-01-01", "2025-12-31", "1250"],
        ["C-003", "K-2", "2025-01-01", "2026-06-30", "5400"],
    ]
    notes = [["Coisa", "Valor X"], ["alfa", "1"]]
    write_xlsx(
        folder / "ERP.xlsx",
        revenue,
        sheet="Receita",
        extra_sheets={"Contratos": contracts, "Clientes": ACCOUNTS, "Notas": notes},
    )
    with plan_room(folder, lang=EN, ws=ws) as room:
        order = [(f.name, f.entity) for f in room.ready]
        assert order == [
            ("ERP.xlsx [Clientes]", "accounts"),
            ("ERP.xlsx [Contratos]", "contracts"),
            ("ERP.xlsx", "revenue"),
        ]
        assert [f.name for f in room.blocked] == ["ERP.xlsx [Notas]"]
        # Told another entity, a sheet's entry keeps its sheet.
        again = replan_file(
            room, "ERP.xlsx [Notas]", entity="accounts", mapping={"Coisa": "account"}
        )
        assert again.file("ERP.xlsx [Notas]").sheet == "Notas"
        result = import_room(ws, leave_out(again, "ERP.xlsx [Notas]"))
    assert len(result.batch_ids) == 3
    assert ws.scalar("SELECT count(*) FROM accounts") == 3
    assert ws.scalar("SELECT count(*) FROM contracts") == 2
    # The revenue sheet's months as it says (the contracts run on after it: their months
    # come from the contracts).
    revenue_rows = ws.query(
        "SELECT a.external_id, sum(r.mrr) FROM revenue_months r JOIN accounts a "
        "ON a.id = r.account_id WHERE r.month <= '2025-03' GROUP BY a.external_id ORDER BY 1"
    )
    assert [(k, round(v, 2)) for k, v in revenue_rows] == sorted(
        (k, round(v, 2)) for k, v in _revenue_by_account().items()
    )


def test_a_mapping_file_speaks_to_one_sheet_and_refuses_a_sheet_that_is_not_there(
    tmp_path: Path, ws: Workspace
) -> None:
    from ingest_helpers import write_xlsx

    folder = tmp_path / "sala"
    folder.mkdir()
    write_xlsx(
        folder / "ERP.xlsx",
        ACCOUNTS,
        sheet="Clientes",
        extra_sheets={"Notas": [["Coisa", "Valor X"], ["alfa", "1"]]},
    )
    told = {
        "ERP.xlsx [Notas]": FileChoice(entity="accounts", mapping={"Coisa": "account"}),
    }
    with plan_room(folder, lang=EN, ws=ws, mapping=told) as room:
        assert room.file("ERP.xlsx [Notas]").ready
        assert room.file("ERP.xlsx [Notas]").sheet == "Notas"
    aside = {"ERP.xlsx [Notas]": FileChoice(skip=True)}
    with plan_room(folder, lang=EN, ws=ws, mapping=aside) as room:
        assert {s.file: s.code for s in room.skipped} == {"ERP.xlsx [Notas]": "by_you"}
    wrong = {"ERP.xlsx [Nota]": FileChoice(skip=True)}
    with pytest.raises(ImportRefused, match=r"sheets 'Nota' of ERP.xlsx, which has only"):
        plan_room(folder, lang=EN, ws=ws, mapping=wrong)


def test_a_cancelled_first_room_import_leaves_no_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from csdesk.cli import main
    from csdesk.ingest.dataroom import room as room_module

    folder = build_room(tmp_path / "sala")
    target = tmp_path / "novo.csdesk"

    def cancel(fraction: float, message: str) -> None:
        if fraction > 0.5:
            raise Cancelled()

    real = room_module.import_room
    monkeypatch.setattr(
        "csdesk.ingest.dataroom.import_room",
        lambda ws, room, **kw: real(ws, room, **{**kw, "progress": cancel}),
    )
    assert main(["import", str(target), str(folder)]) == 130
    assert not target.exists()
    assert "Traceback" not in capsys.readouterr().err
