"""The audit says when contracts of one account and product run at once, and how much of the
MRR the older ones carry; when that is a tenth or more, the MRR figures meet no benchmark."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.domain.month import Month
from csdesk.i18n import Lang
from csdesk.reports.audit.content import build_audit
from csdesk.store import Workspace

HEADER = "subscription_id,account_id,start_date,end_date,plan,mrr\n"


def _workspace(tmp_path: Path, rows: str) -> Path:
    source = tmp_path / "subscriptions.csv"
    source.write_text(HEADER + rows, encoding="utf-8")
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(source), "-q", "--as-of", "2024-12"]) == 0
    return target


def _finding(target: Path, lang: str = "en") -> tuple[object, object]:
    with Workspace.open(target, read_only=True) as ws:
        audit = build_audit(ws, lang=Lang(lang), today=date(2025, 1, 10), as_of=Month(2024, 12))
    title = Lang(lang)("Contracts of one product running at once")
    found = [f for f in audit.data_findings if f.title == title]
    return (found[0] if found else None), audit


def test_a_plan_kept_open_after_its_upgrade_is_a_finding_and_withholds_the_benchmarks(
    tmp_path: Path,
) -> None:
    target = _workspace(
        tmp_path,
        "S1,A1,2024-01-01,,Pro,100\n"  # upgraded from, never ended: 100 of 550 counted twice
        "S2,A1,2024-06-01,,Pro,300\n"
        "S3,A2,2024-01-01,,Pro,100\n"  # two products at once: summed, as they should be
        "S4,A2,2024-01-01,,Add-on,50\n",
    )
    finding, audit = _finding(target)
    assert finding is not None
    assert finding.severity == "high"  # type: ignore[attr-defined]
    assert finding.evidence == (  # type: ignore[attr-defined]
        "In Dec 2024, 1 account has several contracts of one product running at once (up to "
        "2); the older ones add R$100 to the MRR (18.2%)."
    )
    rows = {r.metric: r for r in audit.market.rows}  # type: ignore[attr-defined]
    for metric in ("nrr", "grr", "arr_per_csm"):
        assert rows[metric].placement is None
        assert rows[metric].withheld.startswith("Not compared: 18% of the MRR")
    # The finding leads the summary (high before medium).
    assert audit.data_findings[0] is finding  # type: ignore[attr-defined]


def test_a_small_share_is_said_and_the_benchmarks_stay(tmp_path: Path) -> None:
    big = "".join(f"T{i},B{i},2024-01-01,,Pro,1000\n" for i in range(10))
    target = _workspace(tmp_path, "S1,A1,2024-01-01,,Pro,100\nS2,A1,2024-06-01,,Pro,300\n" + big)
    finding, audit = _finding(target)
    assert finding is not None and finding.severity == "medium"  # type: ignore[attr-defined]
    assert "(1.0%)" in finding.evidence  # type: ignore[attr-defined]
    rows = {r.metric: r for r in audit.market.rows}  # type: ignore[attr-defined]
    assert rows["nrr"].withheld is None


def test_contracts_that_follow_each_other_are_no_finding(tmp_path: Path) -> None:
    target = _workspace(
        tmp_path, "S1,A1,2024-01-01,2024-05-31,Pro,100\nS2,A1,2024-06-01,,Pro,300\n"
    )
    finding, _audit = _finding(target)
    assert finding is None


def test_the_finding_is_in_portuguese(tmp_path: Path) -> None:
    target = _workspace(tmp_path, "S1,A1,2024-01-01,,Pro,100\nS2,A1,2024-06-01,,Pro,300\n")
    with Workspace.open(target, read_only=True) as ws:
        audit = build_audit(ws, lang=Lang("pt_BR"), today=date(2025, 1, 10), as_of=Month(2024, 12))
    texts = [f.evidence for f in audit.data_findings]
    assert any("dez/2024" in t and "R$\xa0100" in t and "25,0%" in t for t in texts), texts
    # One account is one account: the counts beside the finding agree in number too.
    assert "1 conta ativa não tem data de renovação." in texts


@pytest.fixture(autouse=True)
def _english_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def test_the_export_lists_each_such_contract_to_check_at_the_source(tmp_path: Path) -> None:
    import openpyxl

    from csdesk.reports.xlsx.export import export_workbook

    target = _workspace(
        tmp_path,
        "S1,A1,2024-01-01,,Pro,100\n"
        "S2,A1,2024-06-01,,Pro,300\n"
        "S3,A2,2024-01-01,,Pro,100\n"
        "S4,A2,2024-01-01,,Add-on,50\n",
    )
    book = tmp_path / "export.xlsx"
    with Workspace.open(target, read_only=True) as ws:
        export_workbook(ws, book, lang=Lang("en"), today=date(2025, 1, 10))
    sheet = openpyxl.load_workbook(book, read_only=True)["Contracts running at once"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Account ID", "Account", "Product", "Contract ID", "Start", "End", "MRR",
        "Newest of its product",
    )  # fmt: skip
    assert [(r[0], r[2], r[3], r[6], r[7]) for r in rows[1:]] == [
        ("A1", "Pro", "S2", 300, "yes"),
        ("A1", "Pro", "S1", 100, "no"),
    ]
    finding, _audit = _finding(target)
    assert "sheet 'Contracts running at once'" in finding.action  # type: ignore[attr-defined]


def test_the_sheet_is_named_within_excels_31_characters_in_portuguese(tmp_path: Path) -> None:
    import openpyxl

    from csdesk.reports.xlsx.export import export_workbook

    target = _workspace(tmp_path, "S1,A1,2024-01-01,,Pro,100\nS2,A1,2024-06-01,,Pro,300\n")
    book = tmp_path / "exportacao.xlsx"
    with Workspace.open(target, read_only=True) as ws:
        export_workbook(ws, book, lang=Lang("pt_BR"), today=date(2025, 1, 10))
    names = openpyxl.load_workbook(book, read_only=True).sheetnames
    assert "Contratos simultâneos" in names
    assert all(len(name) <= 31 for name in names), names


def test_the_metrics_command_notes_them_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _workspace(tmp_path, "S1,A1,2024-01-01,,Pro,100\nS2,A1,2024-06-01,,Pro,300\n")
    capsys.readouterr()
    assert main(["metrics", str(target), "--lang", "en"]) == 0
    said = capsys.readouterr()
    assert (
        "note: 1 account pays for several contracts of one product at once in Dec 2024; the "
        "older ones add R$100.00 to the MRR (csdesk export lists them)." in said.err
    )
    assert "pays for several" not in said.out  # the figures stay clean for a pipe


def test_a_qbr_of_such_an_account_warns_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _workspace(tmp_path, "S1,A1,2024-01-01,,Pro,100\nS2,A1,2024-06-01,,Pro,300\n")
    capsys.readouterr()
    pack = tmp_path / "qbr.pdf"
    args = ["report", "qbr", str(target), "A1", "-o", str(pack), "--lang", "en"]
    assert main([*args, "--quarter", "2024Q4"]) == 0
    said = capsys.readouterr()
    assert (
        "warning: A1 pays for 2 contracts of one product at once in Dec 2024: the older ones "
        "add R$100 to the MRR this pack shows." in said.err
    )
    assert pack.exists()
    # In 2024Q1 only the first plan ran: nothing to say.
    assert main([*args, "--quarter", "2024Q1"]) == 0
    assert "pays for" not in capsys.readouterr().err
