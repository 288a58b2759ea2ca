"""A billing tool's subscription export (Stripe's columns) imports with the right MRR: the
billing interval is read (a yearly plan is a twelfth a month), the customer's name and the
subscription's end are taken from their columns and not from a trial's or a billing period's,
and a quantity beside a price is said instead of read as a whole contract's value."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import write_csv

from csdesk.domain.month import Month
from csdesk.i18n import Lang
from csdesk.ingest import ImportPlan, commit, prepare
from csdesk.metrics import revenue
from csdesk.store import Workspace

AS_OF = Month(2026, 11)
STRIPE = (
    "id,Customer ID,Customer Description,Plan,Quantity,Currency,Interval,Amount,Status,"
    "Created (UTC),Start (UTC),Current Period Start (UTC),Current Period End (UTC),"
    "Trial Start (UTC),Trial End (UTC),Canceled At (UTC),Ended At (UTC)\n"
    "sub_1,cus_A,Acme Corp,Pro,3,usd,month,49.00,active,2025-01-10 12:00,2025-01-10 12:00,"
    "2026-11-10 12:00,2026-12-10 12:00,2025-01-01 12:00,2025-01-10 12:00,,\n"
    "sub_2,cus_B,Beta LLC,Enterprise,1,usd,year,12000.00,active,2025-06-01 09:00,"
    "2025-06-01 09:00,2026-06-01 09:00,2027-06-01 09:00,,,,\n"
    "sub_3,cus_C,Gamma Inc,Pro,1,usd,month,49.00,canceled,2025-02-01 10:00,2025-02-01 10:00,"
    "2026-08-01 10:00,2026-09-01 10:00,,,2026-08-15 10:00,2026-09-01 10:00\n"
)


def _fields(plan: ImportPlan) -> dict[str, str | None]:
    return {c.column: c.field for c in plan.columns}


def test_a_stripe_subscription_export_reads_interval_name_and_end(
    ws: Workspace, tmp_path: Path
) -> None:
    plan = prepare(write_csv(tmp_path / "subscriptions.csv", STRIPE), ws=ws, as_of=AS_OF)
    assert plan.entity == "contracts" and plan.blocking is None
    fields = _fields(plan)
    assert fields["Interval"] == "billing_period"
    assert fields["Customer Description"] == "account"
    assert fields["Ended At (UTC)"] == "end_date"
    for left_out in ("Trial End (UTC)", "Trial Start (UTC)", "Current Period End (UTC)"):
        assert fields[left_out] is None, left_out
    assert not any("no billing period" in p.message for p in plan.warnings)
    commit(ws, plan)
    rows = ws.conn.execute(
        "SELECT a.name, c.mrr, c.billing_period, c.end_date FROM contracts c "
        "JOIN accounts a ON a.id = c.account_id ORDER BY a.name"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("Acme Corp", 49.0, "monthly", None),
        ("Beta LLC", 1000.0, "annual", None),
        ("Gamma Inc", 49.0, "monthly", "2026-09-01"),
    ]


def test_a_quantity_beside_a_price_is_a_warning(ws: Workspace, tmp_path: Path) -> None:
    plan = prepare(write_csv(tmp_path / "subscriptions.csv", STRIPE), ws=ws, as_of=AS_OF)
    [warning] = [p for p in plan.warnings if p.column == "Quantity"]
    assert warning.value == "3"
    assert warning.message.startswith(
        "not imported, and it holds quantities above 1: each amount in 'Amount' is taken as "
        "the whole contract's value, not as a price per unit"
    )


def test_seats_beside_an_mrr_are_not_a_warning(ws: Workspace, tmp_path: Path) -> None:
    """RavenStack's subscriptions: seats and mrr_amount, which is already the month's total."""
    text = (
        "subscription_id,account_id,start_date,plan_tier,seats,mrr_amount,billing_frequency\n"
        "S1,A1,2025-01-01,Pro,12,1200,monthly\n"
        "S2,A2,2025-02-01,Basic,3,90,monthly\n"
    )
    plan = prepare(write_csv(tmp_path / "subscriptions.csv", text), ws=ws, as_of=AS_OF)
    assert plan.entity == "contracts"
    assert not [p for p in plan.warnings if p.column == "seats"]


# A Brazilian billing tool's subscriptions, as it exports them: cp1252, ';', R$ and dd/mm/yyyy.
ASSINATURAS = (
    "Cliente;Plano;Quantidade;Valor;Recorrência;Status;Data de início;Cancelada em\n"
    "Acme Ltda;Pro;1;R$ 490,00;Mensal;Ativa;10/01/2025;\n"
    "Beta S.A.;Enterprise;1;R$ 12.000,00;Anual;Ativa;01/06/2025;\n"
    "Gama ME;Pro;1;R$ 490,00;Mensal;Cancelada;01/02/2025;15/08/2026\n"
)


def test_a_cancellation_date_ends_the_contract(ws: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "assinaturas.csv", ASSINATURAS, encoding="cp1252")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    fields = _fields(plan)
    assert fields["Cancelada em"] == "end_date" and fields["Recorrência"] == "billing_period"
    assert not any(p.column == "Status" for p in plan.warnings)
    commit(ws, plan)
    ends = dict(
        ws.conn.execute(
            "SELECT a.name, c.end_date FROM contracts c JOIN accounts a ON a.id = c.account_id"
        ).fetchall()
    )
    assert ends == {"Acme Ltda": None, "Beta S.A.": None, "Gama ME": "2026-08-15"}
    assert revenue.mrr(revenue.load(ws), AS_OF) == 490 + 1000


def test_a_cancelled_status_without_an_end_date_is_said_on_its_row(
    ws: Workspace, tmp_path: Path
) -> None:
    text = "\n".join(line.rsplit(";", 1)[0] for line in ASSINATURAS.splitlines()) + "\n"
    plan = prepare(write_csv(tmp_path / "assinaturas.csv", text, encoding="cp1252"), ws=ws)
    [said] = [p for p in plan.warnings if p.column == "Status"]
    assert (said.row, said.value) == (4, "Cancelada")
    assert said.message.startswith(
        "the status says the contract ended, but it has no end date: it is counted as still running"
    )


def test_the_billing_periods_are_listed_in_the_persons_language(
    ws: Workspace, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "assinaturas.csv", ASSINATURAS, encoding="cp1252")
    plan = prepare(path, ws=ws, as_of=AS_OF, lang=Lang("pt_BR"))
    [period] = [c for c in plan.columns if c.field == "billing_period"]
    assert period.decision == "um destes: Anual, Mensal, Semestral, Trimestral"


def test_a_cancelled_flag_is_not_taken_for_an_end_date(ws: Workspace, tmp_path: Path) -> None:
    """A yes/no 'Canceled' column is no date: it stays out, the import goes on."""
    text = "Contract ID,Account,Start date,MRR,Canceled\nC1,Acme,2025-01-01,100,No\n"
    plan = prepare(write_csv(tmp_path / "contracts.csv", text), ws=ws, as_of=AS_OF)
    assert plan.blocking is None
    assert _fields(plan)["Canceled"] is None


def test_a_value_outside_the_vocabulary_is_refused_with_the_values_named_in_words(
    ws: Workspace, tmp_path: Path
) -> None:
    """The refusal listed the vocabulary's keys (cross_sell, renewal, upsell)."""
    text = (
        "Opportunity Name,Account Name,Type,Stage,Amount,Close Date\n"
        "Acme upgrade,Acme Corp,Upsell,Negotiation,12000,2026-12-15\n"
        "Gamma new,Gamma Ltd,New Customer,Prospecting,5000,2027-01-31\n"
    )
    path = write_csv(tmp_path / "opportunities.csv", text)
    for lang, names in (
        ("en", "Cross-sell, Renewal, Upsell"),
        ("pt_BR", "Cross-sell, Renovação, Upsell"),
    ):
        plan = prepare(path, ws=ws, lang=Lang(lang))
        [refused] = [p for p in plan.problems if p.severity == "error"]
        assert (refused.row, refused.value) == (3, "New Customer")
        assert names in refused.message and "cross_sell" not in refused.message
