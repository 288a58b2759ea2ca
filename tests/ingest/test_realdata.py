"""Real public files (../shared/realdata), imported with automatic mapping only."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.domain.month import Month
from csdesk.errors import CsdeskError
from csdesk.ingest import commit, prepare
from csdesk.store import Workspace

RAVENSTACK = ("accounts", "subscriptions", "feature_usage", "support_tickets", "churn_events")
AS_OF = Month(2025, 1)


def _import(ws: Workspace, path: Path) -> dict[str, object]:
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.blocking is None, plan.blocking
    return commit(ws, plan).to_json()


@pytest.mark.parametrize(
    "order",
    [
        RAVENSTACK,
        ("support_tickets", "churn_events", "subscriptions", "feature_usage", "accounts"),
    ],
    ids=["listed-order", "accounts-last"],
)
def test_ravenstack_imports_in_any_order(
    realdata: Path, ws: Workspace, order: tuple[str, ...]
) -> None:
    folder = realdata / "ravenstack"
    results = {name: _import(ws, folder / f"{name}.csv") for name in order}
    assert {name: r["entity"] for name, r in results.items()} == {
        "accounts": "accounts",
        "subscriptions": "contracts",
        "feature_usage": "usage",
        "support_tickets": "tickets",
        "churn_events": "events",
    }
    assert all(r["rows_rejected"] == 0 for r in results.values()), results
    counts = ws.table_counts()
    assert counts["accounts"] == 500
    assert counts["contracts"] == 5000
    assert counts["usage"] + results["feature_usage"]["rows_skipped"] == 25000  # type: ignore[operator]
    assert counts["tickets"] == 2000
    assert counts["events"] == 600
    # Names and details arrive with accounts.csv whatever the order.
    assert ws.scalar("SELECT name FROM accounts WHERE external_id = 'A-2e4581'") == "Company_0"
    assert ws.scalar("SELECT count(*) FROM accounts WHERE status = 'churned'") > 0
    # Feature usage reaches accounts through the subscription ids.
    linked = ws.scalar(
        "SELECT count(*) FROM usage u JOIN contracts c ON c.account_id = u.account_id "
        "WHERE c.external_id = 'S-0fcf7d'"
    )
    assert linked > 0
    # Tickets keep first-response minutes and resolution hours; blank satisfaction stays unknown.
    assert ws.query(
        "SELECT opened_at, first_response_minutes, resolution_hours, csat, priority FROM tickets "
        "WHERE external_id = 'T-0024de'"
    ) == [("2023-07-27 00:00:00", 74.0, 27.0, None, "high")]
    assert ws.scalar("SELECT count(*) FROM tickets WHERE csat IS NULL") > 0
    # Churn events are on the timeline; contracts became monthly revenue.
    assert ws.scalar("SELECT count(*) FROM events WHERE kind = 'churn'") == 600
    assert ws.scalar("SELECT count(*) FROM revenue_months") > 0


def test_ravenstack_usage_before_subscriptions_says_what_to_import_first(
    realdata: Path, ws: Workspace
) -> None:
    with pytest.raises(CsdeskError, match="Import the contracts \\(subscriptions\\) file first"):
        commit(ws, prepare(realdata / "ravenstack" / "feature_usage.csv", ws=ws))
    assert ws.table_counts()["usage"] == 0


def test_telco_accounts_with_current_mrr_and_churn(realdata: Path, ws: Workspace) -> None:
    result = _import(ws, realdata / "telco" / "ibm_telco_customer_churn.csv")
    assert result["entity"] == "accounts"
    assert (result["rows_written"], result["rows_rejected"]) == (7043, 0)
    assert ws.scalar("SELECT count(*) FROM accounts WHERE status = 'churned'") == 1869
    assert ws.scalar("SELECT count(*) FROM revenue_months WHERE month = '2025-01'") == 7043 - 1869
    assert ws.scalar(
        "SELECT r.mrr FROM revenue_months r JOIN accounts a ON a.id = r.account_id "
        "WHERE a.external_id = '7590-VHVEG'"
    ) == pytest.approx(29.85)


def test_senate_csv_parses_and_reports_its_malformed_line(realdata: Path) -> None:
    path = realdata / "br" / "senado_ceaps_2020_serenata.csv"
    plan = prepare(path)
    assert plan.description == "CSV, cp1252, semicolon-separated"
    assert plan.entity is None and plan.blocking is not None and "--entity" in plan.blocking
    assert plan.rows_read == 13802
    kinds = {c.column: c.value_kind for c in plan.columns}
    assert kinds["DATA"] == "date" and kinds["VALOR_REEMBOLSADO"] == "number"
    [problem] = plan.errors
    assert (problem.row, problem.column) == (4512, "DATA")
    assert problem.value is not None and problem.value.startswith("Despesa com refeição")
    assert "Acir Gurgacz em Ji-Paraná/RO." in str(plan.rows[0]["DETALHAMENTO"])


def test_senate_values_parse_when_imported_as_usage(realdata: Path, ws: Workspace) -> None:
    path = realdata / "br" / "senado_ceaps_2020_serenata.csv"
    plan = prepare(
        path,
        ws=ws,
        entity="usage",
        mapping={
            "SENADOR": "account",
            "DATA": "date",
            "TIPO_DESPESA": "metric",
            "VALOR_REEMBOLSADO": "value",
        },
    )
    assert {p.row for p in plan.errors} == {4512}
    assert plan.rows[0]["date"] == "2020-01-06" and plan.rows[0]["value"] == 122.62
    result = commit(ws, plan)
    assert result.rows_rejected == 1
    assert ws.scalar("SELECT count(*) FROM usage") == result.rows_written


def test_brazilian_rows_files(realdata: Path) -> None:
    plan = prepare(realdata / "br" / "rows_ibama-autuacao-amazonas-2010-pag2.csv")
    assert plan.rows_read > 0
    milho = prepare(realdata / "br" / "rows_milho-safra-2017.csv")
    assert milho.rows_read > 0
