"""Values at and past the ends of every range: one ``csdesk:`` line on stderr, exit code 2,
never a traceback; argparse's own errors read the same; full-width formula prefixes quoted."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from csdesk.cli import main
from csdesk.demo import generate
from csdesk.demo.sizes import DemoSize
from csdesk.store import Workspace

LONG = "n" * 300
SIZE = DemoSize("cli", 24, 60, 30, 60, csms=2, ams=1, support_agents=1, cx=1, months=24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.csdesk"
    with Workspace.open(path, create=True) as ws:
        generate(ws, size=SIZE, seed=4)
        ws.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _run(args: list[str]) -> int:
    try:
        return main(args)
    except SystemExit as exc:  # argparse exits on its own errors
        return int(exc.code or 0)


@pytest.mark.parametrize(
    "args",
    [
        ["metrics", "{ws}", "--as-of", "0001-01"],
        ["metrics", "{ws}", "--as-of", "9999-12"],
        ["metrics", "{ws}", "--window", "30000"],
        ["metrics", "{ws}", "--window", "99999999999"],
        ["metrics", "{ws}", "--window", "0"],
        ["health", "{ws}", "--as-of", "0001-01"],
        ["report", "qbr", "{ws}", "--all", "-o", "{tmp}/packs", "--quarter", "9999Q4"],
        ["report", "qbr", "{ws}", "--all", "-o", "{tmp}/packs", "--quarter", "0001Q1"],
        ["report", "qbr", "{ws}", "--all", "-o", "{tmp}/packs", "--jobs", "0"],
        ["report", "qbr", "{ws}", "--all", "-o", f"{{tmp}}/{LONG}"],
        ["report", "audit", "{ws}", "-o", f"{{tmp}}/{LONG}.pdf"],
        ["export", "{ws}", "-o", f"{{tmp}}/{LONG}.xlsx"],
        ["undo-import", "{ws}", str(10**23)],
        ["restore", "{ws}", "{tmp}/missing/folder/w.csdesk"],
        ["backup", "{ws}", "-o", "/proc/csdesk-test.csdesk"],
        ["backup", "{ws}", "-o", f"{{tmp}}/{LONG}.csdesk"],
        ["import", "{ws}", "{tmp}/a.csv", "--as-of", "0001-01", "--dry-run"],
        ["metrics", "{ws}", "--no-such-option"],
        ["metrics"],
    ],
    ids=lambda a: " ".join(a)[:60],
)
def test_out_of_range_values_are_one_line_and_exit_2(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    (tmp_path / "a.csv").write_text("account;mrr\nAcme;10\n", encoding="utf-8")
    filled = [a.format(ws=demo, tmp=tmp_path) for a in args]
    code = _run(filled)
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 2, captured
    assert len(lines) == 1 and lines[0].startswith("csdesk: "), captured.err
    assert "Traceback" not in captured.err and "error:" not in lines[0]


def test_the_ends_of_the_ranges_are_accepted(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["metrics", str(demo), "--window", "1200", "--json"]) == 0
    assert _run(["metrics", str(demo), "--window", "1", "--json"]) == 0
    capsys.readouterr()


def test_full_width_formula_prefixes_are_quoted(tmp_path: Path) -> None:
    ws = tmp_path / "w.csdesk"
    sheet = tmp_path / "accounts.csv"
    sheet.write_text(
        "Account;Segment;MRR\n＝1+1 Co;＋SUM(A1);10\n＠risk;－2+3;20\n", encoding="utf-8"
    )
    assert main(["import", str(ws), str(sheet), "--as-of", "2026-02"]) == 0
    target = tmp_path / "e.xlsx"
    assert main(["export", str(ws), "-o", str(target), "--lang", "en"]) == 0
    found = set()
    for book_sheet in load_workbook(target).worksheets[1:]:
        for row in book_sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "＝＋－＠":
                    assert cell.quotePrefix, (book_sheet.title, cell.coordinate, cell.value)
                    found.add(cell.value)
    assert {"＝1+1 Co", "＋SUM(A1)", "＠risk", "－2+3"} <= found
