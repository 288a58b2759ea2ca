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
    assert NOTE not in out and "the workspace holds no money yet and takes EUR, as you said" in out
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


def _mixed_room(folder: Path) -> Path:
    """Accounts (no amounts), revenue in dollars, contracts in euros, and people."""
    _room(folder, "MRR (USD)")
    write_csv(
        folder / "contracts.csv",
        "Contract ID,account_id,Start,End,Value (EUR)\nK-1,A1,2025-01-01,2025-12-31,1200\n",
    )
    write_csv(folder / "people.csv", "name,email,role\nAna Lima,ana@x.com,CSM\n")
    return folder


def test_a_room_in_one_named_currency_reads_the_files_naming_none_in_it_before_the_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Planned file by file, the accounts register naming no currency said "read as BRL"
    while the revenue export made the new workspace USD: the plan now says USD."""
    from csdesk.i18n.lang import Lang
    from csdesk.ingest.dataroom import plan_room

    room_dir = _room(tmp_path / "room", "MRR (USD)")
    write_csv(room_dir / "accounts.csv", "account_id,account,mrr\nA1,Alpha,100\nA2,Beta,200\n")
    with plan_room(room_dir, lang=Lang("en")) as room:
        accounts = room.file("accounts.csv").plan
        assert accounts is not None and accounts.amounts_in == "USD"
        decision = next(c.decision for c in accounts.columns if c.field == "mrr")
        assert "read as USD, the currency revenue.csv names" in decision
        assert "BRL" not in decision
        assert room.file("accounts.csv").confidence < 1.0  # as found, not as told
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(room_dir), "--dry-run"]) == 0
    assert (
        "accounts.csv names no currency: its amounts are read as USD, the currency of "
        "revenue.csv, which the workspace takes." in capsys.readouterr().out
    )
    assert not target.exists()
    assert main(["import", str(target), str(room_dir), "-q"]) == 0
    out = capsys.readouterr().out
    assert "takes USD, the currency revenue.csv names" in out
    with Workspace.open(target, read_only=True) as ws:
        assert CURRENCY.get(ws) == "USD"


def test_a_room_naming_several_currencies_holds_its_amounts_back_until_one_is_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Dollars in one export and euros in another, into a workspace with no currency: the
    first file imported would have made the workspace's currency and the other's amounts
    summed in it unconverted. Held back instead; the person says the currency and a rate."""
    room = _mixed_room(tmp_path / "room")
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(room), "--dry-run"]) == 2
    out = capsys.readouterr().out
    held = [line for line in out.splitlines() if "name several currencies" in line]
    assert len(held) == 1, out  # the two files named together, the reason said once
    assert held[0].startswith("  - contracts.csv, revenue.csv: ")
    assert "(EUR: contracts.csv; USD: revenue.csv)" in held[0] and "--currency CODE" in held[0]
    assert "2 files to import" in out  # the accounts and the people carry no amount
    # Imported as it is, those go in (exit 2: files were blocked), no amount nobody chose.
    assert main(["import", str(target), str(room), "-q"]) == 2
    with Workspace.open(target, read_only=True) as ws:
        assert ws.scalar("SELECT count(*) FROM people") == 1
        assert ws.scalar("SELECT count(*) FROM accounts") == 2
        assert ws.scalar("SELECT count(*) FROM revenue_months") == 0
        assert ws.scalar("SELECT count(*) FROM contracts") == 0
    # Told the currency and the rate of the other, the rest goes in, converted.
    fresh = tmp_path / "told.csdesk"
    told = ["--currency", "USD", "--rate", "EUR=1.1"]
    assert main(["import", str(fresh), str(room), "-q", *told]) == 0
    assert "1 amount in EUR converted to USD at 1.1" in capsys.readouterr().out
    with Workspace.open(fresh, read_only=True) as ws:
        assert CURRENCY.get(ws) == "USD"
        value = ws.scalar("SELECT value FROM contracts")
        assert value == pytest.approx(1320.0)


def test_leaving_a_file_out_settles_the_rooms_currency_again(tmp_path: Path) -> None:
    from csdesk.i18n.lang import Lang
    from csdesk.ingest.dataroom import leave_out, plan_room, put_back

    room_dir = _mixed_room(tmp_path / "room")
    write_csv(room_dir / "accounts.csv", "account_id,account,mrr\nA1,Alpha,100\nA2,Beta,200\n")
    held = {"accounts.csv", "contracts.csv", "revenue.csv"}
    with plan_room(room_dir, lang=Lang("en")) as room:
        assert {f.name for f in room.blocked} == held
        without = leave_out(room, "contracts.csv")
        assert not without.blocked
        assert without.file("accounts.csv").plan.amounts_in == "USD"  # type: ignore[union-attr]
        again = put_back(without, "contracts.csv")
        assert {f.name for f in again.blocked} == held
        assert again.file("accounts.csv").plan.amounts_in is None  # type: ignore[union-attr]


def test_an_import_refuses_amounts_whose_currency_changed_since_the_plan(tmp_path: Path) -> None:
    """Planned into a workspace with no currency, a file in euros would make it EUR; if the
    workspace took another meanwhile, writing the euros as they are would be a wrong
    figure: they are refused for want of a rate, and nothing is written."""
    from csdesk.ingest import commit, prepare
    from csdesk.ingest.errors import ImportRefused

    source = write_csv(
        tmp_path / "revenue.csv", "account_id,month,MRR (EUR)\nA1,2025-01,100\nA2,2025-01,200\n"
    )
    target = tmp_path / "w.csdesk"
    with Workspace.create(target) as ws:
        plan = prepare(source, ws=ws)
        assert plan.adopted_currency == "EUR" and not plan.blocking
        CURRENCY.set(ws, "USD")
        with pytest.raises(ImportRefused, match="--rate EUR=RATE"):
            commit(ws, plan)
        assert ws.scalar("SELECT count(*) FROM revenue_months") == 0
        assert CURRENCY.get(ws) == "USD"


def test_a_held_room_imports_once_the_workspace_has_a_currency_and_rates(tmp_path: Path) -> None:
    """What the app does when Settings change under a listed room: the amounts are planned
    again against the workspace as it is, nothing read again, what was left out stays out."""
    from csdesk.i18n.lang import Lang
    from csdesk.ingest.currencies import RATES
    from csdesk.ingest.dataroom import import_room, leave_out, plan_room, with_money_again

    room_dir = _mixed_room(tmp_path / "room")
    with Workspace.create(tmp_path / "w.csdesk") as ws:
        with plan_room(room_dir, lang=Lang("en"), ws=ws) as room:
            room = leave_out(room, "people.csv")
            assert {f.name for f in room.blocked} == {"contracts.csv", "revenue.csv"}
            CURRENCY.set(ws, "USD")
            again = with_money_again(room, ws)
            assert again.file("revenue.csv").ready
            euros = again.file("contracts.csv")
            assert not euros.ready and "--rate EUR=RATE" in str(euros.blocked)
            RATES.set(ws, {"EUR": {"rate": 1.1, "date": "2025-01-31"}})
            again = with_money_again(again, ws)
            assert {f.name for f in again.ready} == {"accounts.csv", "contracts.csv", "revenue.csv"}
            assert [f.name for f in again.left_out] == ["people.csv"]
            result = import_room(ws, again)
        assert len(result.batch_ids) == 3
        assert ws.scalar("SELECT value FROM contracts") == pytest.approx(1320.0)
        assert ws.scalar("SELECT count(*) FROM people") == 0
