"""A workbook cell holding an Excel error (#N/A from a lookup that found nothing, #DIV/0!) is
given by calamine as an empty cell: a wide revenue sheet built with lookups lost those months
without a word. The safety checks, which read the sheet's XML anyway, now find such cells, and
each such cell is a warning naming its row, its column's header and the error."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from ingest_helpers import write_xlsx, xlsx_with_sheet_xml

from csdesk.ingest import prepare, workbook_cells, workbook_split
from csdesk.ingest.errors import ImportRefused
from csdesk.store import Workspace


def _with_errors(tmp_path: Path) -> Path:
    """A revenue sheet whose MRR formulas answered #N/A and #DIV/0!, as Excel saves them."""
    rows = [["Cliente", "Mês", "MRR"], ["Raiz Ltda", "2025-01", 100]]
    rows += [["Santa Clara", "2025-01", 200], ["Girassol", "2025-01", 300]]
    rows += [[f"Conta {i}", "2025-01", 10 + i] for i in range(400)]
    base = write_xlsx(tmp_path / "base.xlsx", rows)
    target = tmp_path / "receita.xlsx"
    with zipfile.ZipFile(base) as original, zipfile.ZipFile(target, "w") as out:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                errors = (("C3", "NA()", "#N/A"), ("C4", "1/0", "#DIV/0!"), ("C380", "A1", "#REF!"))
                for cell, formula, error in errors:
                    start = data.index(f'<c r="{cell}"'.encode())
                    end = data.index(b"</c>", start) + 4
                    data = (
                        data[:start]
                        + f'<c r="{cell}" t="e"><f>{formula}</f><v>{error}</v></c>'.encode()
                        + data[end:]
                    )
            out.writestr(item.filename, data, zipfile.ZIP_DEFLATED)
    return target


def test_cells_holding_an_excel_error_are_warnings_naming_the_cell(
    ws: Workspace, tmp_path: Path
) -> None:
    plan = prepare(_with_errors(tmp_path), ws=ws)
    said = [p for p in plan.problems if "Excel error" in p.message]
    assert [(p.row, p.column, p.value, p.severity) for p in said] == [
        (3, "MRR", "#N/A", "warning"),
        (4, "MRR", "#DIV/0!", "warning"),
        (380, "MRR", "#REF!", "warning"),
    ]
    # Read as empty: the MRR those rows need is missing, said as before.
    assert plan.rows_rejected == 3


@pytest.mark.parametrize("halves", [False, True], ids=["whole", "halves"])
def test_the_whole_read_and_the_halves_find_the_same_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, halves: bool
) -> None:
    monkeypatch.setattr(workbook_split, "SPLIT_MIN_BYTES", 1 if halves else 1 << 62)
    joined: list[object] = []
    original = workbook_split._joined
    monkeypatch.setattr(workbook_split, "_joined", lambda *a: joined.append(a) or original(*a))
    cells = workbook_cells.read(_with_errors(tmp_path), None)
    assert len(joined) == (1 if halves else 0)
    # Columns counted from A: C is 2. Row 380 lies in the second half.
    assert cells.errors == {3: [(2, "#N/A")], 4: [(2, "#DIV/0!")], 380: [(2, "#REF!")]}


def test_a_workbook_without_errors_has_no_such_notes(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", [["Cliente", "MRR"], ["Raiz Ltda", 100]])
    assert workbook_cells.read(path, None).errors == {}


def test_a_sheet_of_nothing_but_errors_says_so_when_refused_as_empty(tmp_path: Path) -> None:
    target = xlsx_with_sheet_xml(
        tmp_path / "erros.xlsx",
        '<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        '<row r="2"><c r="A2" t="e"><f>NA()</f><v>#N/A</v></c></row>',
    )
    with pytest.raises(ImportRefused) as refused:
        workbook_cells.read(target, None)
    assert str(refused.value).endswith(
        "Its 2 values are all Excel errors (#DIV/0!, #N/A): fix the formulas and save the workbook."
    )
