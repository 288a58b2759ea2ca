"""`csdesk import`, `csdesk imports` and `csdesk undo-import` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import write_csv

from csdesk.cli import main

REVENUE = "Cliente;Mês;MRR\nAcme;01/2024;100\nBeta;01/2024;abc\n" + "".join(
    f"C{i};02/2024;{i}0\n" for i in range(8)
)


def test_import_creates_the_workspace_and_prints_a_summary_with_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new.csdesk"
    assert main(["import", str(target), str(write_csv(tmp_path / "r.csv", REVENUE))]) == 0
    out = capsys.readouterr().out
    assert target.exists()
    assert "Holds: revenue" in out
    assert "Imported batch 1: 9 rows written" in out
    assert "error: row 3, column 'MRR', value 'abc'" in out


def test_json_dry_run_again_list_and_undo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "w.csdesk"
    sheet = str(write_csv(tmp_path / "r.csv", REVENUE))
    assert main(["import", str(target), sheet, "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["batch_id"] is None and dry["would_write"] == 9 and not target.exists()

    assert main(["import", str(target), sheet, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {
        "entity",
        "rows_read",
        "rows_written",
        "rows_updated",
        "rows_skipped",
        "rows_rejected",
        "accounts_created",
        "problems",
        "batch_id",
        "currency",
    }
    assert (result["rows_written"], result["rows_rejected"], result["batch_id"]) == (9, 1, 1)
    assert result["currency"] == "BRL"
    assert result["problems"][0] == {
        "row": 3,
        "column": "MRR",
        "value": "abc",
        "message": "not an amount of money (MRR); row not imported",
        "severity": "error",
    }

    assert main(["import", str(target), sheet]) == 2
    assert "already imported" in capsys.readouterr().err
    assert main(["import", str(target), sheet, "--again", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows_updated"] == 9

    assert main(["imports", str(target), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["id"] for b in listed] == [1, 2]
    assert main(["undo-import", str(target), "2"]) == 0
    assert "Undid import batch 2" in capsys.readouterr().out
    assert main(["undo-import", str(target), "2"]) == 2
    assert "already undone" in capsys.readouterr().err
    assert main(["imports", str(target)]) == 0
    assert "undone" in capsys.readouterr().out


def test_entity_map_and_sheet_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "w.csdesk"
    sheet = str(write_csv(tmp_path / "x.csv", "Quem;Quando;O quê\nAcme;05/02/2025;Visita\n"))
    args = ["import", str(target), sheet, "--entity", "events", "--map", "O quê=title", "--json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["rows_written"] == 1
    assert main(["import", str(target), sheet, "--map", "nope"]) == 2
    assert "COLUMN=FIELD" in capsys.readouterr().err
    assert main(["import", str(target), sheet, "--sheet", "Dados"]) == 2
    assert "has no sheets" in capsys.readouterr().err
    # A sheet csdesk cannot place: the reason, then what to type about it.
    unclear = str(write_csv(tmp_path / "y.csv", "foo;bar\n1;2\n3;4\n"))
    assert main(["import", str(target), unclear]) == 2
    error = capsys.readouterr().err
    assert "Say what it holds" in error and "--entity NAME" in error
    assert "--map COLUMN=FIELD" in error
    assert main(["import", str(target), unclear, "--dry-run"]) == 2
    assert "--entity NAME" in capsys.readouterr().out


def test_bad_file_is_one_line_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"not a workbook at all")
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.xlsx is not a workbook" in err
    assert not target.exists()


def test_imports_lists_usage_rows_waiting_for_their_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "w.csdesk"
    usage = write_csv(
        tmp_path / "feature_usage.csv",
        "usage_id,subscription_id,usage_date,feature_name,usage_count\n"
        "U-1,S-100,2026-03-01,reports,5\nU-2,S-200,2026-03-02,reports,7\n",
    )
    assert main(["import", str(target), str(usage)]) == 0
    capsys.readouterr()
    assert main(["imports", str(target), "--lang", "en"]) == 0
    assert "2 rows wait for their contract" in capsys.readouterr().out
    assert main(["imports", str(target), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["rows_waiting"] == 2
