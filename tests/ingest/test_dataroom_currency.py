"""A data room whose amounts name no currency says which one they were read in."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_csv

from csdesk.cli import main
from csdesk.store import Workspace
from csdesk.store.settings import CURRENCY

NOTE = "note: no file names the currency of its amounts; they were read as BRL"


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
