"""A small hand-built workspace whose every figure the store query and UI tests check by hand."""

from __future__ import annotations

from pathlib import Path

from csdesk.store import Workspace


def build_sample(path: Path) -> Workspace:
    """Three accounts with people, revenue, events, tickets, surveys, opportunities, goals."""
    ws = Workspace.create(path)
    ws.insert_many(
        "people",
        ["id", "name", "role"],
        [(1, "Ana Lima", "cs"), (2, "Bruno Reis", "am"), (3, "Carla Dias", "support")],
    )
    ws.insert_many(
        "accounts",
        [
            "id",
            "external_id",
            "name",
            "name_key",
            "segment",
            "tier",
            "status",
            "renewal_date",
            "csm_id",
            "am_id",
            "support_owner_id",
        ],
        [
            (
                1,
                "A-1",
                "Acme Corp",
                "acme corp",
                "Enterprise",
                "Gold",
                "active",
                "2026-12-31",
                1,
                2,
                3,
            ),
            (
                2,
                "B-2",
                "Beta Ltda",
                "beta ltda",
                "SMB",
                "Silver",
                "active",
                "2026-06-30",
                1,
                None,
                None,
            ),
            (3, "G-3", "Gamma_50%", "gamma_50%", "SMB", "Bronze", "churned", None, None, 2, None),
        ],
    )
    ws.insert_many(
        "revenue_months",
        ["account_id", "month", "mrr"],
        [
            (1, "2026-01", 100.0),
            (1, "2026-02", 150.0),
            (1, "2026-03", 120.0),
            (1, "2026-04", 120.0),
            (2, "2026-01", 50.0),
            (2, "2026-03", 60.0),
            (2, "2026-04", 60.0),
            (3, "2026-01", 30.0),
            (3, "2026-02", 30.0),
        ],
    )
    ws.insert_many(
        "events",
        ["id", "account_id", "at", "kind", "role", "person_id", "title", "body"],
        [
            (1, 1, "2026-02-10 10:00:00", "qbr", "cs", 1, "Q1 review", "Went well"),
            (2, 1, "2026-03-05 15:30:00", "call", "am", 2, "Pricing call", None),
            (3, 1, "2026-03-20 09:00:00", "note", None, None, "Champion on leave", None),
            (4, 2, "2026-01-15 11:00:00", "meeting", "cs", 1, "Kick-off", None),
        ],
    )
    ws.insert_many(
        "tickets",
        [
            "account_id",
            "external_id",
            "opened_at",
            "resolved_at",
            "priority",
            "subject",
            "escalated",
            "handle_minutes",
        ],
        [
            (
                1,
                "T-1",
                "2026-02-01 08:00:00",
                "2026-02-01 12:00:00",
                "high",
                "Login fails",
                1,
                30.0,
            ),
            (1, "T-2", "2026-04-02 09:00:00", None, "low", "Export question", 0, 10.0),
        ],
    )
    ws.insert_many(
        "surveys",
        ["account_id", "date", "type", "score", "contact", "comment"],
        [
            (1, "2026-01-20", "nps", 6, "Dora", "Slow support"),
            (1, "2026-04-10", "nps", 9, "Dora", "Much better"),
            (1, "2026-04-11", "csat", 5, "Eva", None),
        ],
    )
    ws.insert_many(
        "opportunities",
        [
            "account_id",
            "kind",
            "raised_by_id",
            "raised_role",
            "owner_id",
            "owner_role",
            "stage",
            "amount",
            "created",
            "closed",
            "outcome",
        ],
        [
            (1, "upsell", 1, "cs", 2, "am", "proposal", 500.0, "2026-03-01", None, "open"),
            (
                1,
                "renewal",
                2,
                "am",
                2,
                "am",
                "closed_won",
                1440.0,
                "2025-12-01",
                "2025-12-20",
                "won",
            ),
        ],
    )
    ws.insert_many(
        "goals",
        ["account_id", "objective", "metric", "baseline", "target", "current", "due", "status"],
        [
            (1, "Adoption above 80%", "active users", 40.0, 80.0, 70.0, "2026-09-30", "on_track"),
            (1, "Train admins", None, None, None, None, None, "not_started"),
        ],
    )
    return ws
