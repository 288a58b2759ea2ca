"""The small demo portfolio has the shape issue 2 asks for, and its tables agree."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from csdesk.cli import main
from csdesk.demo import DemoSummary
from csdesk.domain.month import Month
from tests.demo.conftest import TODAY, frame

DEMO_TABLES = (
    "people", "accounts", "contacts", "contracts", "revenue_months", "usage", "tickets",
    "surveys", "events", "opportunities", "goals",
)  # fmt: skip


def test_summary_matches_the_file(
    small_demo: tuple[Path, DemoSummary], db: sqlite3.Connection
) -> None:
    _, summary = small_demo
    for table, count in summary.counts.items():
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count
    assert summary.last_month == Month(2026, 10)
    mrr = db.execute("SELECT round(sum(mrr), 2) FROM revenue_months WHERE month = '2026-10'")
    assert summary.mrr_last_month == mrr.fetchone()[0]
    assert summary.currency == "BRL"


def test_no_row_claims_an_import_batch_and_references_hold(db: sqlite3.Connection) -> None:
    for table in DEMO_TABLES:
        assert (
            db.execute(f"SELECT count(*) FROM {table} WHERE batch_id IS NOT NULL").fetchone()[0]
            == 0
        ), table
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_accounts_segments_tiers_and_owners(db: sqlite3.Connection) -> None:
    accounts = frame(db, "SELECT * FROM accounts")
    assert 140 <= len(accounts) <= 160
    assert set(accounts["segment"]) == {"SMB", "Mid-Market", "Enterprise"}
    assert set(accounts["tier"]) == {"Gold", "Silver", "Bronze"}
    assert set(accounts["currency"]) == {"BRL"}
    assert accounts["name"].is_unique and accounts["external_id"].is_unique
    assert accounts["csm_id"].notna().all() and accounts["support_owner_id"].notna().all()
    no_am = accounts["am_id"].isna().sum()
    assert 1 <= no_am <= 0.1 * len(accounts)  # a few, deliberately: an audit finding
    assert (accounts["seats"] > 0).all()
    churned = (accounts["status"] == "churned").mean()
    assert 0.05 <= churned <= 0.2
    assert {"Brazil"} < set(accounts["country"])
    # Names in Portuguese and English.
    assert accounts["name"].str.contains(r"Ltda|S\.A\.").sum() > 40
    assert accounts["name"].str.contains(r"Inc\.|LLC|Ltd\b").sum() > 5


def test_people_roles_and_capacity(db: sqlite3.Connection) -> None:
    people = frame(db, "SELECT role, capacity_hours FROM people")
    counts = people["role"].value_counts().to_dict()
    assert counts["cs"] == 4 and counts["am"] == 2 and counts["cx"] == 1
    assert counts["support"] >= 3
    assert people["capacity_hours"].between(10, 60).all()
    # Owners point at people of the right role.
    wrong = db.execute(
        "SELECT count(*) FROM accounts a JOIN people c ON c.id = a.csm_id "
        "LEFT JOIN people m ON m.id = a.am_id JOIN people s ON s.id = a.support_owner_id "
        "WHERE c.role != 'cs' OR (a.am_id IS NOT NULL AND m.role != 'am') "
        "OR s.role != 'support'"
    ).fetchone()[0]
    assert wrong == 0


def test_renewal_and_start_dates_are_sane(db: sqlite3.Connection) -> None:
    accounts = frame(db, "SELECT status, start_date, renewal_date FROM accounts")
    start = accounts["start_date"].map(date.fromisoformat)
    renewal = accounts["renewal_date"].map(date.fromisoformat)
    assert (start < TODAY).all() and (start < renewal).all()
    active = accounts["status"] == "active"
    assert (renewal[active] >= TODAY - timedelta(days=90)).all()
    assert (renewal[active] <= TODAY + timedelta(days=366)).all()
    assert (renewal[~active] < TODAY).all()
    overdue = (renewal[active] < TODAY).sum()
    assert overdue >= 1  # some renewals slipped into the past 90 days
    # Spread across the coming year: at least eight different months ahead.
    ahead = renewal[active & (renewal >= TODAY)]
    assert len({(day.year, day.month) for day in ahead}) >= 8


def test_revenue_covers_36_months_ending_last_month(db: sqlite3.Connection) -> None:
    months = [row[0] for row in db.execute("SELECT DISTINCT month FROM revenue_months")]
    assert len(months) == 36
    assert max(months) == "2026-10" and min(months) == "2023-11"
    assert db.execute("SELECT count(*) FROM revenue_months WHERE mrr <= 0").fetchone()[0] == 0
    cents = db.execute("SELECT mrr FROM revenue_months").fetchall()
    assert all(round(value, 2) == value for (value,) in cents)


def test_contracts_reproduce_the_mrr(db: sqlite3.Connection) -> None:
    """MRR(a, m) = sum of contracts active on the last day of m (DESIGN.md, Fields)."""
    contracts = frame(db, "SELECT account_id, start_date, end_date, mrr, value, "
                          "billing_period FROM contracts")  # fmt: skip
    revenue = frame(db, "SELECT account_id, month, mrr FROM revenue_months")
    expected = {(a, m): v for a, m, v in revenue.itertuples(index=False)}
    months = sorted(revenue["month"].unique())
    derived: dict[tuple[int, str], float] = {}
    rows = db.execute("SELECT account_id, start_date, end_date, mrr FROM contracts")
    for account, start, end, mrr in rows:
        for month in months:
            last_day = Month.parse(month).last_day.isoformat()
            if start <= last_day and (end is None or last_day <= end):
                key = (account, month)
                derived[key] = round(derived.get(key, 0.0) + mrr, 2)
    assert derived == expected
    periods = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}
    billed = contracts["mrr"] * contracts["billing_period"].map(periods)
    assert np.allclose(billed.round(2), contracts["value"])


def test_tickets_are_realistic(db: sqlite3.Connection) -> None:
    tickets = frame(db, "SELECT * FROM tickets")
    assert len(tickets) > 3000
    assert set(tickets["priority"]) == {"low", "normal", "high", "urgent"}
    median = tickets.groupby("priority")["first_response_minutes"].median()
    assert median["urgent"] < median["high"] < median["normal"] < median["low"]
    assert median["urgent"] <= 60
    answered = tickets.dropna(subset=["first_response_at"])
    opened = answered["opened_at"].map(np.datetime64)
    responded = answered["first_response_at"].map(np.datetime64)
    minutes = (responded - opened).map(lambda delta: delta / np.timedelta64(1, "m"))
    assert np.allclose(minutes, answered["first_response_minutes"])
    resolved = tickets.dropna(subset=["resolved_at"])
    assert (resolved["resolved_at"] >= resolved["first_response_at"]).all()
    assert (resolved["resolution_hours"] > 0).all()
    assert (tickets["opened_at"] < TODAY.isoformat()).all()
    one_contact = (tickets["contacts"] == 1).mean()
    assert 0.6 <= one_contact <= 0.85
    rated = tickets["csat"].dropna()
    assert rated.between(1, 5).all() and 0.2 < len(rated) / len(tickets) < 0.7
    assert 0 < tickets["reopened"].mean() < 0.15 and 0 < tickets["escalated"].mean() < 0.15
    by_role = dict(
        db.execute(
            "SELECT p.role, count(*) FROM tickets t JOIN people p ON p.id = t.assignee_id "
            "GROUP BY p.role"
        ).fetchall()
    )
    assert by_role["support"] > 10 * by_role["cs"] > 0  # a few worked by CSMs: audit finding


def test_surveys_and_usage(db: sqlite3.Connection) -> None:
    scales = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
    for kind, (low, high) in scales.items():
        lowest, highest, count = db.execute(
            "SELECT min(score), max(score), count(*) FROM surveys WHERE type = ?", (kind,)
        ).fetchone()
        assert low <= lowest and highest <= high and count > 100, kind
    usage = frame(
        db,
        "SELECT u.account_id, u.date, u.value, a.seats FROM usage u "
        "JOIN accounts a ON a.id = u.account_id WHERE u.metric = 'active_users'",
    )
    assert set(row[0] for row in db.execute("SELECT DISTINCT metric FROM usage")) == {
        "active_users",
        "logins",
    }
    last = usage[usage["date"] == "2026-10-31"]
    assert (last["value"] <= last["seats"] * 1.1).all()
    assert 0.4 < (last["value"] / last["seats"]).mean() < 0.95


def test_timeline_roles_and_kinds(db: sqlite3.Connection) -> None:
    kinds = dict(db.execute("SELECT kind, count(*) FROM events GROUP BY kind").fetchall())
    for kind in ("meeting", "qbr", "call", "email", "note", "escalation", "onboarding_step",
                 "renewal", "champion_change", "churn"):  # fmt: skip
        assert kinds.get(kind, 0) > 0, kind
    roles = {row[0] for row in db.execute("SELECT DISTINCT role FROM events")}
    assert roles == {"cs", "am", "support", "cx"}
    assert db.execute("SELECT count(*) FROM events WHERE person_id IS NULL").fetchone()[0] == 0
    assert (
        db.execute("SELECT count(*) FROM events WHERE at >= ?", (TODAY.isoformat(),)).fetchone()[0]
        == 0
    )
    qbr_roles = {row[0] for row in db.execute("SELECT DISTINCT role FROM events WHERE kind='qbr'")}
    assert qbr_roles == {"cs"}
    # Roughly quarterly for most accounts that were customers all of the last year.
    per_account = frame(
        db,
        "SELECT a.id, count(e.id) AS qbrs FROM accounts a LEFT JOIN events e "
        "ON e.account_id = a.id AND e.kind = 'qbr' AND e.at >= '2025-11-01' "
        "WHERE a.status = 'active' AND a.start_date < '2025-09-01' GROUP BY a.id",
    )
    assert (per_account["qbrs"] >= 3).mean() > 0.5


def test_opportunities_raised_by_cs_owned_by_am(db: sqlite3.Connection) -> None:
    opportunities = frame(db, "SELECT * FROM opportunities")
    upsell = opportunities[opportunities["kind"].isin(["upsell", "cross_sell"])]
    handoff = (upsell["raised_role"] == "cs") & (upsell["owner_role"] == "am")
    assert handoff.mean() > 0.6
    cs_closed = upsell[(upsell["raised_role"] == "cs") & (upsell["owner_role"] == "cs")]
    assert len(cs_closed[cs_closed["outcome"] == "won"]) >= 2  # the audit finding
    assert {
        "identified",
        "qualified",
        "proposal",
        "negotiation",
        "closed_won",
        "closed_lost",
    } <= set(opportunities["stage"])
    assert set(opportunities["outcome"]) == {"open", "won", "lost"}
    closed = opportunities.dropna(subset=["closed"])
    assert (closed["created"] <= closed["closed"]).all()
    assert (opportunities["amount"] > 0).all()


def test_goals(db: sqlite3.Connection) -> None:
    goals = frame(db, "SELECT * FROM goals")
    assert len(goals) > 50
    assert goals[["objective", "baseline", "target", "current", "due"]].notna().all().all()
    assert {"on_track", "at_risk", "achieved", "missed"} <= set(goals["status"])


def test_stories_a_csm_recognises(db: sqlite3.Connection) -> None:
    def account(name: str) -> int:
        return int(db.execute("SELECT id FROM accounts WHERE name = ?", (name,)).fetchone()[0])

    northwind = account("Northwind Logistics Inc.")
    left = db.execute(
        "SELECT at FROM events WHERE account_id = ? AND kind = 'champion_change'", (northwind,)
    ).fetchone()[0]
    nps = frame(db, f"SELECT date, score FROM surveys WHERE account_id = {northwind} "
                    "AND type = 'nps' ORDER BY date")  # fmt: skip
    before = nps[(nps["date"] < left[:10]) & (nps["date"] >= "2026-01-01")]
    assert before["score"].max() >= 9  # the champion was a promoter
    assert nps[nps["date"] > left[:10]]["score"].max() <= 6
    assert (
        db.execute(
            "SELECT count(*) FROM events WHERE account_id = ? AND kind = 'qbr' AND at > ?",
            (northwind, left),
        ).fetchone()[0]
        == 0
    )

    clinic = account("Clínica Vida Plena Ltda")
    adoption = frame(db, f"SELECT u.date, u.value / a.seats AS share FROM usage u JOIN accounts a "
                         f"ON a.id = u.account_id WHERE a.id = {clinic} AND metric = "
                         "'active_users' ORDER BY u.date")  # fmt: skip
    assert adoption["share"].iloc[-1] < 0.5 * adoption["share"].iloc[-8]

    bluebird = account("Bluebird Analytics LLC")
    monthly = frame(db, f"SELECT substr(opened_at, 1, 7) AS month, count(*) AS n FROM tickets "
                        f"WHERE account_id = {bluebird} GROUP BY month ORDER BY month")  # fmt: skip
    recent = monthly[monthly["month"] >= "2026-10"]["n"].mean()
    before = monthly[(monthly["month"] >= "2025-10") & (monthly["month"] < "2026-09")]["n"].mean()
    assert recent > 3 * before

    happy = account("Construtora Horizonte S.A.")
    won = db.execute(
        "SELECT count(*) FROM opportunities WHERE account_id = ? AND outcome = 'won'", (happy,)
    ).fetchone()[0]
    assert won >= 2


def test_health_bands_tell_the_stories(
    small_demo: tuple[Path, DemoSummary], capsys: pytest.CaptureFixture[str]
) -> None:
    """Through csdesk's own health score: healthy, at-risk and critical accounts all exist."""
    assert main(["health", str(small_demo[0]), "--json"]) == 0
    health = json.loads(capsys.readouterr().out)
    counts = health["counts"]
    assert counts["healthy"] > counts["at_risk"] > counts["critical"] > 0
    band = {row["name"]: row["band"] for row in health["accounts"]}
    assert band["Northwind Logistics Inc."] == "critical"
    assert band["Construtora Horizonte S.A."] == "healthy"
    assert band["Harbor & Pine Retail Ltd"] == "healthy"
    for name in (
        "Clínica Vida Plena Ltda",
        "Bluebird Analytics LLC",
        "Supermercado Bom Preço Ltda",
    ):
        assert band[name] in ("at_risk", "critical"), name
