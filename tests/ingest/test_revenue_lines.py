"""Several revenue lines for one account and month (issue 13.2): summed, netted, reported.

A billing export has one line per product, subscription or invoice; a credit note is a
negative line of its month. The expected figures are recomputed with pandas from the file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from ingest_helpers import write_csv, write_xlsx

from csdesk.domain.month import Month
from csdesk.i18n import language
from csdesk.ingest import commit, plan, prepare, readers, undo
from csdesk.store import Workspace

AS_OF = Month(2024, 3)

# An invoice-line export as a billing system writes it: one line per product and invoice.
INVOICE_LINES = (
    "Invoice Number,Customer,Product,Billing Month,Amount\n"
    "INV-001,Acme Corp,Platform,2024-01,60.00\n"
    "INV-001,Acme Corp,Add-on seats,2024-01,40.00\n"
    "INV-002,Acme Corp,Platform,2024-02,60.00\n"
    "INV-002,Acme Corp,Add-on seats,2024-02,40.00\n"
    "INV-003,Globex,Platform,2024-01,200.00\n"
    "CN-004,Globex,Credit note: outage,2024-01,-50.00\n"
    "INV-005,Globex,Platform,2024-02,200.00\n"
)


def _revenue(ws: Workspace) -> dict[tuple[str, str], float]:
    rows = ws.query(
        "SELECT a.name, r.month, r.mrr FROM revenue_months r JOIN accounts a ON a.id = r.account_id"
    )
    return {(name, month): mrr for name, month, mrr in rows}


def _expected(path: Path, account: str, month: str, amount: str) -> dict[tuple[str, str], float]:
    frame = pd.read_csv(path, dtype={month: str})
    sums = frame.groupby([account, month])[amount].sum()
    return {(a, m): round(float(v), 2) for (a, m), v in sums.items()}


def test_invoice_lines_are_summed_per_account_and_month(ws: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "invoice_lines.csv", INVOICE_LINES)
    prepared = prepare(path, ws=ws, as_of=AS_OF)
    assert prepared.entity == "revenue" and prepared.blocking is None
    assert prepared.rows_rejected == 0
    notes = [p.message for p in prepared.problems if p.row is None]
    assert any("3 account months were summed from 6 lines" in n for n in notes)
    assert any("1 negative line (a credit note or refund) was netted" in n for n in notes)
    commit(ws, prepared)
    assert _revenue(ws) == _expected(path, "Customer", "Billing Month", "Amount")
    # January is 100, not 60: February is no expansion.
    from csdesk.metrics import revenue

    moves = revenue.movements(ws, through=Month(2024, 2)).set_index("month")
    assert moves.loc["2024-01", "mrr"] == 100 + 150
    # Globex back from its credit note; Acme's second product is no expansion.
    assert moves.loc["2024-02", "expansion"] == 50
    assert moves.loc["2024-02", "new"] == 0


def test_a_month_netting_below_zero_is_refused_on_its_rows(ws: Workspace, tmp_path: Path) -> None:
    text = (
        "Cliente;Mês;Valor\n"
        "Padaria Sol;jan/24;100,00\n"
        "Padaria Sol;jan/24;-150,00\n"
        "Padaria Sol;fev/24;100,00\n"
    )
    path = write_csv(tmp_path / "faturas.csv", text, "cp1252")
    with language("pt-BR"):
        prepared = prepare(path, ws=ws, as_of=AS_OF)
    errors = [(p.row, p.message) for p in prepared.errors]
    assert [row for row, _message in errors] == [2, 3]
    assert "-50,00" in errors[0][1] and "negativo" in errors[0][1]
    commit(ws, prepared)
    assert _revenue(ws) == {("Padaria Sol", "2024-02"): 100.0}


def test_identical_lines_are_summed_and_reported_or_dropped_on_request(
    ws: Workspace, tmp_path: Path
) -> None:
    text = INVOICE_LINES + "INV-005,Globex,Platform,2024-02,200.00\n"
    path = write_csv(tmp_path / "invoice_lines.csv", text)
    summed = prepare(path, ws=ws, as_of=AS_OF)
    flagged = [p for p in summed.problems if p.row == 9]
    assert len(flagged) == 1 and "repeats an earlier line in every cell" in flagged[0].message
    dropped = summed.with_drop_identical(True)
    assert dropped.rows_skipped == 1
    batch = commit(ws, summed).batch_id
    assert _revenue(ws)[("Globex", "2024-02")] == 400.0
    assert batch is not None
    undo(ws, batch)
    commit(ws, prepare(path, ws=ws, as_of=AS_OF, drop_identical=True), again=True)
    assert _revenue(ws) == _expected(
        write_csv(tmp_path / "once.csv", INVOICE_LINES), "Customer", "Billing Month", "Amount"
    )


def test_the_command_line_drops_identical_lines(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lines.csv", INVOICE_LINES + INVOICE_LINES.splitlines()[1] + "\n")
    target = tmp_path / "w.csdesk"
    command = [sys.executable, "-m", "csdesk", "import", str(target), str(path), "--json"]
    out = subprocess.run([*command, "--drop-identical"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["rows_skipped"] == 1
    with Workspace.open(target) as ws:
        assert _revenue(ws)[("Acme Corp", "2024-01")] == 100.0


def test_lines_of_one_month_in_different_blocks_add_up(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 3)
    monkeypatch.setattr(plan, "KEEP_STREAMED_ROWS", 2)
    path = write_csv(tmp_path / "invoice_lines.csv", INVOICE_LINES)
    prepared = prepare(path, ws=ws, as_of=AS_OF)
    assert prepared._records is None and prepared._spill is not None  # on disk, by block
    commit(ws, prepared)
    assert _revenue(ws) == _expected(path, "Customer", "Billing Month", "Amount")


def test_a_wide_sheet_with_one_line_per_product(ws: Workspace, tmp_path: Path) -> None:
    rows = [
        ["Cliente", "Produto", "jan/24", "fev/24", "mar/24"],
        ["Padaria Sol", "ERP", 100, 100, 120],
        ["Padaria Sol", "PDV", 50, None, 50],
        ["Mercado Lua", "ERP", 80, 80, 80],
    ]
    path = write_xlsx(tmp_path / "receita.xlsx", rows)
    prepared = prepare(path, ws=ws, as_of=AS_OF)
    assert prepared.is_wide_revenue and prepared.blocking is None
    commit(ws, prepared)
    frame = pd.DataFrame(rows[1:], columns=rows[0]).melt(
        id_vars=["Cliente", "Produto"], var_name="month", value_name="mrr"
    )
    frame = frame.dropna()
    sums = frame.groupby(["Cliente", "month"])["mrr"].sum()
    months = {"jan/24": "2024-01", "fev/24": "2024-02", "mar/24": "2024-03"}
    assert _revenue(ws) == {(a, months[m]): float(v) for (a, m), v in sums.items()}


def test_a_sheet_read_as_revenue_without_month_or_mrr_is_refused_by_name(
    ws: Workspace, tmp_path: Path
) -> None:
    # Told it holds revenue (the wizard's or a data room's choice), a sheet whose columns
    # give neither the month nor the MRR is refused with the fields it lacks, not a KeyError.
    sheet = write_csv(tmp_path / "notas.csv", "Cliente;Observação\nAcme Corp;ligar\n")
    planned = prepare(sheet, ws=ws, entity="revenue", as_of=AS_OF)
    assert planned.blocking is not None
    assert "no column gives month, mrr, which revenue need" in planned.blocking
