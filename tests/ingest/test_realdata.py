"""Real public files (../shared/realdata), imported with automatic mapping only."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.domain.month import Month
from csdesk.ingest import commit, prepare, undo
from csdesk.store import Workspace

RAVENSTACK = ("accounts", "subscriptions", "feature_usage", "support_tickets", "churn_events")
AS_OF = Month(2025, 1)


def _import(ws: Workspace, path: Path) -> dict[str, object]:
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.blocking is None, plan.blocking
    return commit(ws, plan).to_json()


# Orders that each put a different file first (and accounts last in one of them).
ORDERS = {
    "usage-first": (
        "feature_usage",
        "subscriptions",
        "accounts",
        "support_tickets",
        "churn_events",
    ),
    "tickets-first": (
        "support_tickets",
        "feature_usage",
        "accounts",
        "churn_events",
        "subscriptions",
    ),
    "churn-first-accounts-last": (
        "churn_events",
        "feature_usage",
        "support_tickets",
        "subscriptions",
        "accounts",
    ),
}
# Columns that say which import or which row, not what the workspace holds.
_NOT_CONTENT = {"id", "batch_id", "usage_id", "linked_by"}
_ACCOUNT_REFERENCES = {"account_id"}
_PERSON_REFERENCES = {"csm_id", "am_id", "support_owner_id", "person_id"}


def content(ws: Workspace) -> dict[str, list[tuple[object, ...]]]:
    """Every table an import fills, as sorted rows; accounts named by external id, people by
    name, so that the order of the imports (which decides row ids) does not show."""
    tables = (
        "accounts",
        "people",
        "contracts",
        "revenue_months",
        "usage",
        "usage_by_contract",
        "tickets",
        "events",
    )
    out: dict[str, list[tuple[object, ...]]] = {}
    for table in tables:
        columns = [row[1] for row in ws.query(f"PRAGMA table_info({table})")]
        selected = []
        for column in columns:
            if column in _NOT_CONTENT:
                continue
            if column in _ACCOUNT_REFERENCES:
                selected.append(f"(SELECT a.external_id FROM accounts a WHERE a.id = t.{column})")
            elif column in _PERSON_REFERENCES:
                selected.append(f"(SELECT p.name FROM people p WHERE p.id = t.{column})")
            else:
                selected.append(f"t.{column}")
        if table == "usage_by_contract":
            selected.append("t.usage_id IS NOT NULL")
        rows = ws.query(f"SELECT {', '.join(selected)} FROM {table} t")
        out[table] = sorted(rows, key=repr)
    return out


@pytest.fixture(scope="module")
def listed_order(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, dict[str, object]], dict[str, list[tuple[object, ...]]]]:
    """The five files imported in the listed order: results and workspace content."""
    folder = Path(request.config.rootpath).parent / "shared" / "realdata" / "ravenstack"
    if not folder.is_dir():
        pytest.skip("../shared/realdata is not here")
    path = tmp_path_factory.mktemp("ravenstack") / "listed.csdesk"
    # Module-scoped: the per-test private data folder is not set yet, so the imports' backups
    # get a private folder of their own here, never the real user's.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CSDESK_DATA_DIR", str(tmp_path_factory.mktemp("ravenstack-data")))
        with Workspace.open(path, create=True) as ws:
            results = {name: _import(ws, folder / f"{name}.csv") for name in RAVENSTACK}
            return results, content(ws)


def test_ravenstack_imports_with_automatic_mapping(
    listed_order: tuple[dict[str, dict[str, object]], dict[str, list[tuple[object, ...]]]],
) -> None:
    results, tables = listed_order
    assert {name: r["entity"] for name, r in results.items()} == {
        "accounts": "accounts",
        "subscriptions": "contracts",
        "feature_usage": "usage",
        "support_tickets": "tickets",
        "churn_events": "events",
    }
    assert all(r["rows_rejected"] == 0 for r in results.values()), results
    assert len(tables["accounts"]) == 500
    assert len(tables["contracts"]) == 5000
    skipped = results["feature_usage"]["rows_skipped"]
    assert len(tables["usage"]) + skipped == 25000  # type: ignore[operator]
    assert len(tables["usage_by_contract"]) == len(tables["usage"])
    assert all(row[-1] for row in tables["usage_by_contract"])  # every one linked
    assert len(tables["tickets"]) == 2000
    assert len(tables["events"]) == 600
    assert len(tables["revenue_months"]) > 0


def _assert_details(ws: Workspace) -> None:
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
    # Churn events are on the timeline.
    assert ws.scalar("SELECT count(*) FROM events WHERE kind = 'churn'") == 600


@pytest.mark.parametrize("order", list(ORDERS), ids=list(ORDERS))
def test_ravenstack_any_order_ends_in_the_same_workspace(
    realdata: Path,
    ws: Workspace,
    order: str,
    listed_order: tuple[dict[str, dict[str, object]], dict[str, list[tuple[object, ...]]]],
) -> None:
    folder = realdata / "ravenstack"
    results = {name: _import(ws, folder / f"{name}.csv") for name in ORDERS[order]}
    assert all(r["rows_rejected"] == 0 for r in results.values()), results
    assert content(ws) == listed_order[1]
    _assert_details(ws)


def test_ravenstack_usage_before_subscriptions_waits_and_links(
    realdata: Path, ws: Workspace
) -> None:
    folder = realdata / "ravenstack"
    plan = prepare(folder / "feature_usage.csv", ws=ws, as_of=AS_OF)
    assert plan.blocking is None and plan.rows_rejected == 0
    [waiting] = [w for w in plan.warnings if "not in the workspace yet" in w.message]
    assert "kept and reach their accounts" in waiting.message
    usage = commit(ws, plan)
    assert ws.table_counts()["usage"] == 0
    kept = ws.scalar("SELECT count(*) FROM usage_by_contract WHERE usage_id IS NULL")
    assert kept == usage.rows_written > 0
    contracts = _import(ws, folder / "subscriptions.csv")
    assert ws.table_counts()["usage"] == kept
    assert ws.scalar("SELECT count(*) FROM usage_by_contract WHERE usage_id IS NULL") == 0
    # Undoing the contracts takes the usage back to waiting; importing them again links it.
    undo(ws, int(contracts["batch_id"]))  # type: ignore[call-overload]
    assert ws.table_counts()["usage"] == 0
    assert ws.scalar("SELECT count(*) FROM usage_by_contract WHERE usage_id IS NULL") == kept
    plan = prepare(folder / "subscriptions.csv", ws=ws, as_of=AS_OF)
    commit(ws, plan, again=True)
    assert ws.table_counts()["usage"] == kept
    # Undoing the usage batch removes both the rows and what waited.
    assert usage.batch_id is not None
    undo(ws, usage.batch_id)
    assert ws.table_counts()["usage"] == 0
    assert ws.scalar("SELECT count(*) FROM usage_by_contract") == 0
    assert ws.table_counts()["accounts"] == 500


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
    assert (
        plan.entity is None and plan.blocking is not None and "Say what it holds" in plan.blocking
    )
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
