"""Bad and hostile files: one clear CsdeskError each, naming what is wrong, nothing written."""

from __future__ import annotations

import base64
import os
import zipfile
from pathlib import Path

import pytest
from ingest_helpers import write_csv, write_xlsx

from csdesk.errors import CsdeskError
from csdesk.ingest import commit, prepare
from csdesk.store import Workspace


def attempt(path: Path, ws: Workspace, **options: object) -> CsdeskError:
    """Try the whole import; return the error and check that nothing was written."""
    before = ws.table_counts()
    with pytest.raises(CsdeskError) as caught:
        commit(ws, prepare(path, ws=ws, **options))  # type: ignore[arg-type]
    assert ws.table_counts() == before
    return caught.value


def test_empty_files(tmp_path: Path, ws: Workspace) -> None:
    for name in ("empty.csv", "empty.xlsx"):
        (tmp_path / name).write_bytes(b"")
        assert "empty" in attempt(tmp_path / name, ws).message
    blank = write_csv(tmp_path / "blank.csv", "\n\n  \n")
    assert "empty" in attempt(blank, ws).message


def test_headers_only(tmp_path: Path, ws: Workspace) -> None:
    error = attempt(write_csv(tmp_path / "h.csv", "account;month;mrr\n"), ws)
    assert "h.csv" in error.message and "no data rows" in error.message
    error = attempt(write_xlsx(tmp_path / "h.xlsx", [["account", "month", "mrr"]]), ws)
    assert "no data rows" in error.message


def test_binary_file_named_xlsx(tmp_path: Path, ws: Workspace) -> None:
    path = tmp_path / "random.xlsx"
    path.write_bytes(os.urandom(4096))
    error = attempt(path, ws)
    assert "random.xlsx is not a workbook" in error.message


def test_binary_file_named_csv(tmp_path: Path, ws: Workspace) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert "binary data" in attempt(path, ws).message


def test_password_protected_xlsx(tmp_path: Path, ws: Workspace) -> None:
    # A real encrypted workbook, as Excel writes one ("Encrypt with Password", agile
    # encryption): an OLE compound file holding EncryptionInfo and EncryptedPackage streams.
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(tmp_path / "plain.xlsx", [["account", "mrr"], ["Acme", 10]])
    path = tmp_path / "secret.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("s3cret", target)
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    error = attempt(path, ws)
    assert "secret.xlsx is password-protected" in error.message


def _xlsx_with_sheet_xml(path: Path, sheet_xml: bytes | str) -> Path:
    """A workbook written by openpyxl whose sheet part is replaced by ``sheet_xml``."""
    source = write_xlsx(path.with_suffix(".base.xlsx"), [["account", "mrr"], ["A", 1]])
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode() if isinstance(sheet_xml, str) else sheet_xml
            out.writestr(item.filename, data)
    return path


def test_zip_bomb_is_refused_from_the_zip_directory(tmp_path: Path, ws: Workspace) -> None:
    filler = b"<!-- padding -->" + b" " * (64 * 1024 * 1024)
    path = _xlsx_with_sheet_xml(tmp_path / "bomb.xlsx", filler)
    assert path.stat().st_size < 1_000_000
    error = attempt(path, ws)
    assert "bomb.xlsx" in error.message and "zip bomb" in error.message


def test_xml_entity_bomb_is_refused(tmp_path: Path, ws: Workspace) -> None:
    laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    for level in range(1, 10):
        previous = "lol" if level == 1 else f"lol{level - 1}"
        laughs += f'<!ENTITY lol{level} "{("&" + previous + ";") * 10}">'
    laughs += ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    laughs += '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    laughs += "</sheetData></worksheet>"
    error = attempt(_xlsx_with_sheet_xml(tmp_path / "laughs.xlsx", laughs), ws)
    assert "laughs.xlsx" in error.message and "XML bomb" in error.message


def test_a_single_50_mb_cell(tmp_path: Path, ws: Workspace) -> None:
    huge = base64.b64encode(os.urandom(37_500_000)).decode()
    assert len(huge) == 50_000_000
    csv_path = write_csv(tmp_path / "big.csv", f"account;notes\nAcme;{huge}\n")
    error = attempt(csv_path, ws)
    assert "big.csv, row 2, column B" in error.message and "50,000,000 characters" in error.message


def test_a_cell_too_long_in_a_workbook(tmp_path: Path, ws: Workspace) -> None:
    path = write_xlsx(tmp_path / "long.xlsx", [["account", "notes"], ["Acme", "x" * 40_000]])
    error = attempt(path, ws)
    assert "long.xlsx, sheet 'Sheet1', row 2, column B" in error.message
    assert "32,767 characters" in error.message


def test_ten_thousand_columns(tmp_path: Path, ws: Workspace) -> None:
    header = ";".join(f"c{i}" for i in range(10_000))
    path = write_csv(
        tmp_path / "wide.csv", header + "\n" + ";".join("1" for _ in range(10_000)) + "\n"
    )
    assert "10,000 columns" in attempt(path, ws).message
    book = write_xlsx(tmp_path / "wide.xlsx", [[f"c{i}" for i in range(10_000)], [1] * 10_000])
    assert "10,000 columns" in attempt(book, ws).message


def test_text_in_a_money_column(tmp_path: Path, ws: Workspace) -> None:
    path = write_csv(tmp_path / "r.csv", "Cliente;Mês;MRR\nAcme;01/2024;cem reais\n")
    error = attempt(path, ws)
    assert "column 'MRR'" in error.message
    assert "row 2" in error.message and "'cem reais'" in error.message


def test_text_in_some_rows_of_a_money_column_rejects_those_rows(
    tmp_path: Path, ws: Workspace
) -> None:
    text = (
        "Cliente;Mês;MRR\n"
        + "".join(f"C{i};01/2024;{i}0,00\n" for i in range(9))
        + "X;01/2024;n/d\n"
    )
    plan = prepare(write_csv(tmp_path / "r.csv", text), ws=ws)
    [error] = plan.errors
    assert (error.row, error.column, error.value) == (11, "MRR", "n/d")
    assert commit(ws, plan).rows_written == 9


def test_a_date_column_that_is_half_dates(tmp_path: Path, ws: Workspace) -> None:
    text = "Chamado;Cliente;Aberto em\n" + "".join(
        f"T{i};Acme;{'0' + str(i + 1) + '/02/2025' if i % 2 else 'ontem'}\n" for i in range(8)
    )
    error = attempt(write_csv(tmp_path / "t.csv", text), ws)
    assert "column 'Aberto em'" in error.message and "'ontem'" in error.message


def test_a_sheet_that_does_not_exist(tmp_path: Path, ws: Workspace) -> None:
    path = write_xlsx(tmp_path / "b.xlsx", [["account", "mrr"], ["A", 1]], sheet="Dados")
    error = attempt(path, ws, sheet="Receita")
    assert "b.xlsx has no sheet named 'Receita'; its sheets are: 'Dados'" in error.message


def test_a_sheet_whose_content_is_unclear_asks_for_the_entity(
    tmp_path: Path, ws: Workspace
) -> None:
    path = write_csv(tmp_path / "x.csv", "foo;bar\n1;2\n3;4\n")
    assert "Say what it holds, and which field each column fills" in attempt(path, ws).message


def test_a_dtd_hidden_behind_padding_is_still_found(tmp_path: Path, ws: Workspace) -> None:
    padded = '<?xml version="1.0"?>' + "<!-- " + "x" * 20_000 + " -->"
    padded += '<!DOCTYPE w [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>'
    error = attempt(_xlsx_with_sheet_xml(tmp_path / "padded.xlsx", padded), ws)
    assert "XML bomb" in error.message


@pytest.mark.parametrize("entity", ["revenue", "usage", "tickets"])
def test_an_entity_chosen_for_a_sheet_without_its_required_columns(
    tmp_path: Path, ws: Workspace, entity: str
) -> None:
    # Chosen by the user (--entity, the wizard's entity box) for a sheet that has no column
    # for what the entity needs: one refusal naming the missing field, not the entity's rules
    # failing on a field no column fills.
    path = write_csv(tmp_path / "no_month.csv", "Cliente;Valor\nAcme;100\nBeta;200\n")
    plan = prepare(path, ws=ws, entity=entity)
    assert plan.blocking is not None
    assert "no_month.csv" in plan.blocking and "no column gives" in plan.blocking
    again = prepare(path, ws=ws).with_entity(entity)
    assert again.blocking == plan.blocking
    assert "no column gives" in attempt(path, ws, entity=entity).message
