"""A data room whose amounts name no currency says which one they were read in."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_csv

from csdesk.cli import main
from csdesk.store import Workspace
from csdesk.store.settings import CURRENCY

NOTE = "note: No file names the currency of its amounts; they were read as BRL"


def _room(folder: Path, mrr_header: str) -> Path:
    folder.mkdir()
    write_csv(folder / "accounts.csv", "account_id,account\nA1,Alpha\nA2,Beta\n")
    write_csv(
        folder / "revenue.csv",
        f"account_id,month,{mrr_header}\nA1,2025-01,100\nA2,2025-01,200\n",
    )
    return folder


@pytest.mark.parametrize(
    ("header", "noted", "currency"), [("mrr", True, "BRL"), ("MRR (USD)", False, "USD")]
)
def test_the_room_says_the_currency_it_assumed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, noted: bool, currency: str
) -> None:
    room = _room(tmp_path / "room", header)
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(room), "-q"]) == 0
    out = capsys.readouterr().out
    assert (NOTE in out) is noted, out
    with Workspace.open(target, read_only=True) as ws:
        assert CURRENCY.get(ws) == currency
        assert ws.scalar("SELECT sum(mrr) FROM revenue_months") == 300.0
    # Once the currency is chosen (Settings), the next room says nothing of it.
    with Workspace.open(target) as ws:
        CURRENCY.set(ws, currency)
    assert main(["import", str(target), str(room), "-q", "--again"]) == 0
    assert NOTE not in capsys.readouterr().out


def test_rates_given_on_the_command_line_reach_every_file_of_the_room(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(_room(tmp_path / "brl", "mrr")), "-q"]) == 0
    usd = tmp_path / "usd"
    usd.mkdir()
    write_csv(usd / "receita.csv", "account_id,month,MRR (USD)\nA1,2025-02,10\nA2,2025-02,20\n")
    capsys.readouterr()
    # Without a rate the dollars are refused, naming the option that converts them...
    main(["import", str(target), str(usd), "-q"])
    said = capsys.readouterr()
    assert "--rate USD=" in said.err
    assert "--mapping-file" not in said.err  # what the file holds is not in doubt
    with Workspace.open(target, read_only=True) as ws:
        assert ws.scalar("SELECT sum(mrr) FROM revenue_months") == 300.0
    # ...and with it they are converted, as for a single file.
    assert main(["import", str(target), str(usd), "-q", "--rate", "USD=5.5"]) == 0
    said = capsys.readouterr()
    assert "2 amounts in USD converted to BRL at 5.5" in said.out
    assert NOTE not in said.out  # its file named its currency
    with Workspace.open(target, read_only=True) as ws:
        assert CURRENCY.get(ws) == "BRL"
        feb = ws.scalar("SELECT sum(mrr) FROM revenue_months WHERE month = '2025-02'")
        assert feb == pytest.approx(165.0)


def test_the_currency_told_reaches_every_file_of_the_room(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room = _room(tmp_path / "room", "mrr")
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(room), "-q", "--currency", "EUR"]) == 0
    out = capsys.readouterr().out
    assert NOTE not in out and "its currency becomes EUR" in out
    with Workspace.open(target, read_only=True) as ws:
        assert CURRENCY.get(ws) == "EUR"
        assert ws.scalar("SELECT sum(mrr) FROM revenue_months") == 300.0


def test_files_naming_no_currency_beside_files_that_do_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One export says its amounts are in dollars, another says nothing: the second is read
    in the workspace's currency (dollars now), and the room says which file that is."""
    room = _room(tmp_path / "room", "MRR (USD)")
    write_csv(
        room / "contratos.csv",
        "Contract ID,account_id,Start,End,Contract value\nK-1,A1,2025-01-01,2025-12-31,1200\n",
    )
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(room), "-q"]) == 0
    out = capsys.readouterr().out
    assert NOTE not in out
    assert "note: contratos.csv names no currency, while other files of the room" in out
    assert "read as USD" in out and "--currency CODE" in out
    with Workspace.open(target, read_only=True) as ws:
        assert CURRENCY.get(ws) == "USD"


def test_the_json_of_a_room_says_its_currency_and_the_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    room = _room(tmp_path / "room", "mrr")
    assert main(["import", str(tmp_path / "w.csdesk"), str(room), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["currency"] == "BRL"
    assert data["currency_note"].startswith("No file names the currency of its amounts")
    assert [f["file"] for f in data["files"]] == ["accounts.csv", "revenue.csv"]
