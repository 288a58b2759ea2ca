"""The Excel export read back with openpyxl: sheets, formats, formulas, charts, hostile text."""

from __future__ import annotations

import itertools
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.worksheet import Worksheet

from csdesk.cli import main
from csdesk.errors import CsdeskError
from csdesk.i18n import Lang
from csdesk.reports.xlsx import writer
from csdesk.reports.xlsx.export import export_workbook
from csdesk.store import Workspace

DAY = date(2026, 4, 2)


@pytest.fixture
def exported(portfolio_ws: Workspace, tmp_path: Path) -> Path:
    return export_workbook(portfolio_ws, tmp_path / "out.xlsx", lang=Lang("en"), today=DAY)


def _rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_sheets_headers_panes_and_filters(exported: Path) -> None:
    wb = load_workbook(exported)
    for name in ("Summary", "Accounts", "MRR by month", "Movements", "Renewals", "Support"):
        assert name in wb.sheetnames
    capacity = _rows(wb["Capacity"])
    assert capacity[0][:3] == ("CSM", "Accounts", "Onboarding")
    assert [r[0] for r in capacity[1:]] == ["Ana Souza"]
    assert wb["Capacity"]["D2"].number_format == "#,##0.0"
    assert capacity[1][3] == pytest.approx(7 * 4.5)  # 7 paying accounts x (QBR 3 h + 1.5 h)
    assert wb.sheetnames[0] == "Summary"
    accounts = wb["Accounts"]
    assert accounts["A1"].value == "Account ID"
    assert accounts["B1"].value == "Account"
    assert accounts["A1"].font.b
    assert accounts.freeze_panes == "C2"
    assert accounts.auto_filter.ref == "A1:S9"
    assert accounts.column_dimensions["B"].width >= 40  # fitted to the long name, capped
    mrr = wb["MRR by month"]
    assert [c.value for c in mrr[1]][2:4] == ["Jan 2025", "Feb 2025"]
    assert mrr.max_column == 2 + 15


def test_number_and_date_formats(exported: Path) -> None:
    wb = load_workbook(exported)
    accounts = wb["Accounts"]
    row = next(r for r in accounts.iter_rows(min_row=2) if r[0].value == "markup")
    assert row[9].value.date() == date(2025, 1, 1)  # type: ignore[union-attr]
    assert row[9].number_format == "yyyy-mm-dd"
    assert row[11].value == 12000
    assert "R$" in row[11].number_format and "#,##0.00" in row[11].number_format
    assert row[17].value == 25 and row[17].number_format == "#,##0"
    support = wb["Support"]
    fcr = support.cell(row=2, column=8)
    assert fcr.number_format == "0.0%"
    assert fcr.value == pytest.approx(0.5)


def test_portuguese_export_localises_names_and_formats(
    portfolio_ws: Workspace, tmp_path: Path
) -> None:
    path = export_workbook(portfolio_ws, tmp_path / "pt.xlsx", lang=Lang("pt_BR"), today=DAY)
    wb = load_workbook(path)
    assert "Contas" in wb.sheetnames and "MRR por mês" in wb.sheetnames
    contas = wb["Contas"]
    assert contas["B1"].value == "Conta"
    dated = [c for c in contas["J"][1:] if c.value is not None]
    assert [c.number_format for c in dated] == ["dd/mm/yyyy"]
    assert [c.value for c in wb["MRR por mês"][1]][2] == "jan/2025"


def test_imported_text_stays_text(exported: Path, hostile_names: dict[str, str]) -> None:
    wb = load_workbook(exported)
    cells = {c.value: c for c in wb["Accounts"]["B"][1:]}
    for name in (hostile_names["formula"], hostile_names["dde"], hostile_names["markup"]):
        assert cells[name].data_type == "s"
    assert cells[hostile_names["formula"]].quotePrefix
    assert cells[hostile_names["dde"]].quotePrefix
    assert not cells[hostile_names["markup"]].quotePrefix
    notes = [c for c in wb["Accounts"]["S"][1:] if c.value]
    assert [(c.value, c.data_type, c.quotePrefix) for c in notes] == [("@SUM(A1)", "s", True)]
    comments = {c.value for c in wb["Survey comments"]["G"][1:]}
    assert comments == {"great tool", "+cmd|' /C calc'!A0", "-2+3"}  # BEL dropped
    contacts = {c.value for c in wb["Survey comments"]["F"][1:]}
    assert '=HYPERLINK("x")' in contacts
    # No data sheet holds a formula element: only the summary computes.
    with zipfile.ZipFile(exported) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet") and name != "xl/worksheets/sheet1.xml":
                assert "<f>" not in archive.read(name).decode()


def _column(sheet: Worksheet, letter: str) -> list[float]:
    index = column_index_from_string(letter)
    return [float(r[index - 1] or 0) for r in sheet.iter_rows(min_row=2, values_only=True)]


def test_key_ratios_are_live_formulas_that_match_csdesk_values(exported: Path) -> None:
    wb = load_workbook(exported)
    summary = wb["Summary"]
    ratios = {r[0]: (r[1], r[2]) for r in _rows(summary) if r[0]}
    formula, value = ratios["NRR (12 months)"]
    assert isinstance(formula, str) and formula.startswith("=SUMIFS('MRR by month'!")
    start, end = re.findall(r"\$([A-Z]+)\$2", formula)[1], re.findall(r"\$([A-Z]+)\$2", formula)[0]
    mrr = wb["MRR by month"]
    assert mrr[f"{start}1"].value == "Mar 2025" and mrr[f"{end}1"].value == "Mar 2026"
    s, e = _column(mrr, start), _column(mrr, end)
    cohort = [i for i, v in enumerate(s) if v > 0]
    assert value == pytest.approx(sum(e[i] for i in cohort) / sum(s[i] for i in cohort))
    grr = sum(min(e[i], s[i]) for i in cohort) / sum(s[i] for i in cohort)
    assert ratios["GRR (12 months)"][1] == pytest.approx(grr)
    churned = sum(1 for i in cohort if e[i] == 0)
    assert ratios["Logo churn (12 months)"][1] == pytest.approx(churned / len(cohort))
    assert str(ratios["GRR (12 months)"][0]).startswith("=SUMPRODUCT(")
    assert ratios["MRR"][1] == pytest.approx(sum(e))
    gross_formula, gross = ratios["Gross MRR churn (as-of month)"]
    assert str(gross_formula).startswith("=-('Movements'!$E$16+'Movements'!$F$16)/")
    movements = _rows(wb["Movements"])
    assert movements[15][0] == "Mar 2026"
    assert gross == pytest.approx(-(movements[15][4] + movements[15][5]) / movements[14][7])  # type: ignore[operator]


def test_movements_add_up_and_charts_are_native(exported: Path) -> None:
    wb = load_workbook(exported)
    rows = _rows(wb["Movements"])[1:]
    for previous, current in itertools.pairwise(rows):
        assert current[7] == pytest.approx(previous[7] + current[6])  # type: ignore[operator]
    charts = wb["Summary"]._charts
    assert len(charts) >= 1
    titles = [c.title.tx.rich.p[0].r[0].t for c in charts if c.title is not None]
    assert "MRR movements by month" in titles
    movement_chart = next(c for c in charts if "MRR movements" in c.title.tx.rich.p[0].r[0].t)
    assert movement_chart.grouping == "stacked"
    assert len(movement_chart.series) == 5
    # The opening month (all "new") is left out so it does not dwarf the real movements.
    assert movement_chart.series[0].val.numRef.f == "'Movements'!$B$3:$B$16"
    assert movement_chart.series[0].tx.strRef.f == "'Movements'!$B$1"


def test_health_sheet_has_band_colours(exported: Path) -> None:
    pytest.importorskip("csdesk.metrics.health")
    wb = load_workbook(exported)
    health = wb["Health"]
    rules = [rule for cf in health.conditional_formatting for rule in cf.rules]
    formulas = {rule.formula[0] for rule in rules}
    assert "AND(ISNUMBER($D2),$D2>=70)" in formulas
    assert "AND(ISNUMBER($D2),$D2<40)" in formulas
    summary = wb["Summary"]
    bands = {r[0]: r for r in _rows(summary) if r[0] in ("Healthy", "At risk", "Critical")}
    assert set(bands) == {"Healthy", "At risk", "Critical"}
    assert str(bands["Healthy"][1]).startswith("=COUNTIF('Health'!$E$2:")
    labels = [r[4] for r in _rows(health)[1:]]
    assert sum(int(r[2]) for r in bands.values()) == sum(1 for b in labels if b)


def test_a_writer_failing_half_way_leaves_no_file(
    portfolio_ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "broken.xlsx"
    original = writer._rows_xml

    def failing(*args: object, **kwargs: object) -> object:
        yield from list(original(*args, **kwargs))[:1]  # type: ignore[arg-type]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "_rows_xml", failing)
    with pytest.raises(CsdeskError, match=r"broken\.xlsx"):
        export_workbook(portfolio_ws, target, lang=Lang("en"), today=DAY)
    assert not target.exists()
    assert not any(p.suffix in (".xlsx", ".part") for p in tmp_path.iterdir())


def test_command_line_export(portfolio_ws: Workspace, tmp_path: Path) -> None:
    path = portfolio_ws.path
    portfolio_ws.close()
    out = tmp_path / "cli.xlsx"
    assert main(["export", str(path), "-o", str(out), "--lang", "pt-BR"]) == 0
    assert "Resumo" in load_workbook(out).sheetnames
    assert main(["export", str(path), "-o", str(tmp_path / "x.csv")]) == 2


def test_every_hostile_name_comes_back_exactly(
    exported: Path, hostile_names: dict[str, str]
) -> None:
    wb = load_workbook(exported)
    names = {c.value for c in wb["Accounts"]["B"][1:]}
    assert set(hostile_names.values()) <= names
    assert all(c.data_type == "s" for c in wb["Accounts"]["B"][1:])


def test_accounts_are_listed_as_a_person_sorts_their_names(tmp_path: Path) -> None:
    """Accents and case do not send a name to the end: "Ágil" comes with the As."""
    from csdesk.ingest.accounts_matching import name_key

    names = ["Zeta", "ótica Sul", "Ágil Digital", "Beta", "aurora", "Oscar"]
    with Workspace.create(tmp_path / "w.csdesk") as ws:
        ws.insert_many("accounts", ["name", "name_key"], [(n, name_key(n)) for n in names])
        out = export_workbook(ws, tmp_path / "out.xlsx", lang=Lang("pt_BR"), today=DAY)
    listed = [row[1] for row in _rows(load_workbook(out).worksheets[1])[1:]]
    assert listed == ["Ágil Digital", "aurora", "Beta", "Oscar", "ótica Sul", "Zeta"]
