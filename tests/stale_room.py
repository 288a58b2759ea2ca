"""A data room exported in December 2024: its open contracts carry the revenue on to today."""

from __future__ import annotations

from pathlib import Path

from csdesk.cli import main

ACCOUNTS = "account_id,account,segment\nA1,Alpha,SMB\nA2,Beta,SMB\nA3,Gamma,SMB\n"
# Two contracts still open (carried on by the import to this month), one ended in June 2024.
CONTRACTS = (
    "contract_id,account_id,start_date,end_date,mrr\n"
    "C1,A1,2023-01-01,,100\nC2,A2,2023-03-01,,200\nC3,A3,2023-02-01,2024-06-30,300\n"
)
TICKETS = "ticket_id,account_id,opened_at,priority\nT1,A1,2024-11-03,high\nT2,A2,2024-12-10,low\n"


def build_room(folder: Path, **sheets: str) -> Path:
    """A workspace in ``folder`` made by importing each sheet (name=CSV text) in order."""
    path = folder / "room.csdesk"
    for name, text in sheets.items():
        sheet = folder / f"{name}.csv"
        sheet.write_text(text, encoding="utf-8")
        assert main(["import", str(path), str(sheet), "-q"]) == 0, f"import of {name} failed"
    return path


def build_stale_room(folder: Path) -> Path:
    """Accounts, contracts and tickets, the tickets ending in December 2024."""
    return build_room(folder, accounts=ACCOUNTS, contracts=CONTRACTS, tickets=TICKETS)
