"""The accounts sheet of an export imports back into a new workspace unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.i18n import resolve
from csdesk.reports.xlsx.export import export_workbook
from csdesk.store import Workspace

_ACCOUNTS = """
SELECT a.external_id, a.name, a.segment, a.tier, a.industry, a.region, a.country, a.status,
       a.lifecycle_stage, a.start_date, a.renewal_date, a.contract_value, a.currency, a.seats,
       a.notes, csm.name, am.name, sup.name
FROM accounts a
LEFT JOIN people csm ON csm.id = a.csm_id
LEFT JOIN people am ON am.id = a.am_id
LEFT JOIN people sup ON sup.id = a.support_owner_id
ORDER BY a.external_id
"""


def _round_trip(ws: Workspace, tmp_path: Path, language: str, sheet: str) -> None:
    pytest.importorskip("csdesk.cli.imports")
    before = ws.query(_ACCOUNTS)
    workbook = export_workbook(
        ws, tmp_path / "out.xlsx", lang=resolve(language), today=date(2026, 4, 2)
    )
    fresh = tmp_path / "fresh.csdesk"
    code = main(["import", str(fresh), str(workbook), "--sheet", sheet, "--entity", "accounts"])
    assert code == 0
    with Workspace.open(fresh, read_only=True) as imported:
        after = imported.query(_ACCOUNTS)
    assert after == before


@pytest.mark.parametrize(("language", "sheet"), [("en", "Accounts"), ("pt-BR", "Contas")])
def test_export_then_import_gives_the_same_accounts(
    portfolio_ws: Workspace, tmp_path: Path, language: str, sheet: str
) -> None:
    with portfolio_ws.transaction() as conn:
        conn.execute(
            "UPDATE accounts SET status = 'churned', tier = 'Gold', industry = 'Retail',"
            " region = 'Sul', country = 'Brasil', lifecycle_stage = 'mature', currency = 'BRL'"
            " WHERE external_id = 'plain'"
        )
    _round_trip(portfolio_ws, tmp_path, language, sheet)


def test_two_arabic_script_accounts_survive_the_round_trip(
    portfolio_ws: Workspace, tmp_path: Path
) -> None:
    _round_trip(portfolio_ws, tmp_path, "en", "Accounts")
