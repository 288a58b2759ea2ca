"""Readers and header detection: encodings, separators, quotes, titles, merges, totals."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_csv, write_xlsx

from csdesk.ingest import commit, prepare
from csdesk.ingest.csv_format import detect
from csdesk.ingest.errors import ImportRefused
from csdesk.store import Workspace

REVENUE_PT = 'Cliente;Mês;Receita\nAçaí Ltda;01/2024;"1.234,56"\nPão S.A.;02/2024;99,90\n'


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("latin-1", "cp1252")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    path = write_csv(tmp_path / "r.csv", REVENUE_PT, encoding)
    assert detect(path).encoding == expected
    plan = prepare(path)
    assert plan.entity == "revenue"
    assert [r["account"] for r in plan.rows] == ["Açaí Ltda", "Pão S.A."]


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("Cliente;Receita\nA\x81B;10\n".encode("latin-1"))
    assert detect(path).encoding == "latin-1"


@pytest.mark.parametrize("separator", [";", ",", "\t", "|"])
def test_separators_are_detected(tmp_path: Path, separator: str) -> None:
    text = f"account{separator}month{separator}mrr\nAcme{separator}2024-01{separator}10\n"
    text += f"Beta{separator}2024-02{separator}20\n"
    path = write_csv(tmp_path / "r.csv", text)
    assert detect(path).separator == separator
    plan = prepare(path)
    assert [(r["account"], r["month"], r["mrr"]) for r in plan.rows] == [
        ("Acme", "2024-01", 10.0),
        ("Beta", "2024-02", 20.0),
    ]


def test_quoted_separators_and_line_breaks_stay_in_their_cell(tmp_path: Path) -> None:
    text = 'account;date;title;body\nAcme;01/02/2025;"Kick; off";"line one\nline two"\n'
    text += "Beta;03/02/2025;QBR;ok\n"
    plan = prepare(write_csv(tmp_path / "events.csv", text))
    assert plan.entity == "events"
    assert plan.rows[0]["body"] == "line one\nline two"
    assert plan.rows[0]["title"] == "Kick; off"
    assert [r["row"] for r in plan.rows] == [2, 3]


def test_titles_notes_blank_rows_and_columns_above_the_header(tmp_path: Path) -> None:
    rows = [
        ["Relatório de receita - 2024"],
        ["Gerado em 05/01/2025"],
        [],
        [None, "Cliente", None, "Mês", "MRR"],
        [None, "Acme", None, "2024-01", 100],
        [None, "Beta", None, "2024-01", 200],
        [None, "TOTAL GERAL", None, None, 300],
    ]
    plan = prepare(write_xlsx(tmp_path / "r.xlsx", rows))
    assert plan.header_row == 4
    assert [c.column for c in plan.columns] == ["Cliente", "Mês", "MRR"]
    assert plan.totals_row == 7
    assert plan.rows_accepted == 2
    assert any(p.row == 7 and "totals" in p.message for p in plan.problems)


def test_merged_header_cells_take_the_merged_label(tmp_path: Path) -> None:
    rows = [
        ["Cliente", "Receita", None, None],
        [None, "jan/24", "fev/24", "mar/24"],
        ["Acme", 10, 20, 30],
        ["Beta", 5, None, 7],
    ]
    plan = prepare(write_xlsx(tmp_path / "wide.xlsx", rows, merges=["A1:A2", "B1:D1"]))
    assert plan.header_row == 2
    assert plan.columns[0].column == "Cliente" and plan.columns[0].field == "account"
    assert plan.is_wide_revenue


def test_first_visible_sheet_with_data_is_read_and_sheet_can_be_chosen(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "book.xlsx",
        [["ignored"]],
        sheet="Hidden",
        extra_sheets={"Empty": [], "Data": [["account", "month", "mrr"], ["A", "2024-01", 1]]},
        hidden=["Hidden"],
    )
    plan = prepare(path)
    assert plan.sheet == "Data"
    assert [(s.name, s.hidden) for s in plan.sheets] == [
        ("Hidden", True),
        ("Empty", False),
        ("Data", False),
    ]
    with pytest.raises(ImportRefused, match=r"no sheet named 'Nope'.*'Hidden' \(hidden\)"):
        prepare(path, sheet="Nope")


def test_formula_cells_give_their_cached_values(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["account", "month", "mrr"])
    sheet.append(["Acme", "2024-01", "=5*2"])
    book.save(path)
    # openpyxl writes no cached value: the cell reads as empty, never as the formula text.
    plan = prepare(path)
    assert all(r.get("mrr") != "=5*2" for r in plan.rows)


def test_ods_spreadsheet(tmp_path: Path) -> None:
    from ingest_helpers import write_ods

    rows = [["Cliente", "Mês", "Receita"], ["Acme", "01/2024", 10.5], ["Beta", "02/2024", 7]]
    plan = prepare(write_ods(tmp_path / "receita.ods", rows))
    assert plan.description == "ODS workbook" and plan.sheet == "Planilha1"
    assert plan.entity == "revenue"
    assert [(r["account"], r["month"], r["mrr"]) for r in plan.rows] == [
        ("Acme", "2024-01", 10.5),
        ("Beta", "2024-02", 7.0),
    ]


def test_a_line_with_more_fields_than_the_header_is_rejected_by_row(tmp_path: Path) -> None:
    text = "account;month;mrr\nAcme;2024-01;10\nBeta;2024-01;20;oops;more\nGama;2024-01;30\n"
    plan = prepare(write_csv(tmp_path / "r.csv", text))
    [error] = plan.errors
    assert error.row == 3 and "more fields than the header" in error.message
    assert plan.rows_accepted == 2


def test_xls_written_by_libreoffice_is_read(ws: Workspace) -> None:
    path = Path(__file__).parent / "fixtures" / "accounts_legacy.xls"
    plan = prepare(path, ws=ws, entity="accounts")
    assert plan.description == "XLS workbook"
    assert (plan.sheet, plan.header_row) == ("Clientes", 3)
    assert plan.mapping() == {
        "Código": "account_id",
        "Cliente": "account",
        "MRR": "mrr",
        "Início": "start_date",
    }
    assert [(r["account"], r["mrr"], r["start_date"]) for r in plan.rows] == [
        ("Açaí Comércio Ltda", 1234.56, "2024-01-15"),
        ("Beta S.A.", 980.0, "2023-11-03"),
        ("Gamma Inc", 2500.0, "2022-06-30"),
    ]
    result = commit(ws, plan)
    assert (result.rows_written, result.rows_rejected) == (3, 0)
    assert ws.scalar("SELECT name_key FROM accounts WHERE external_id = 'C-001'") == (
        "acai comercio"
    )
