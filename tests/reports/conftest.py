"""A small workspace with a team and accounts whose names are hostile to every renderer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csdesk.store import Workspace

HOSTILE_NAMES = {
    "markup": "<b>ACME & Co</b>",
    "formula": '=HYPERLINK("x")',
    "dde": "+cmd|' /C calc'!A0",
    "long": "Very Long Holdings " + "X" * 181,
    "persian": "شرکت نمونه",
    "arabic": "شركة المثال",
    "emoji": "Rocket Labs 🚀",
}


@pytest.fixture
def hostile_names() -> dict[str, str]:
    return dict(HOSTILE_NAMES)


@pytest.fixture
def team_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = _team(tmp_path / "team.csdesk")
    yield ws
    ws.close()


def _team(path: Path) -> Workspace:
    ws = Workspace.open(path, create=True)
    with ws.transaction() as conn:
        conn.executemany(
            "INSERT INTO people (id, name, role, email) VALUES (?, ?, ?, ?)",
            [
                (1, "Ana Souza", "cs", "ana@vendor.example"),
                (2, "Bruno Lima", "am", "bruno@vendor.example"),
                (3, "Carla Dias", "support", "carla@vendor.example"),
                (4, "Diego Reis", "cx", None),
            ],
        )
        conn.executemany(
            "INSERT INTO accounts (external_id, name, name_key, csm_id, am_id, support_owner_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(key, name, name.lower(), 1, 2, 3) for key, name in HOSTILE_NAMES.items()]
            + [("plain", "Plain Co", "plain co", 1, None, None)],
        )
    return ws


@pytest.fixture
def portfolio_ws(team_ws: Workspace) -> Workspace:
    """The team workspace with 15 months of revenue, tickets and surveys (as of 2026-03)."""
    return _add_portfolio(team_ws)


def _add_portfolio(team_ws: Workspace) -> Workspace:
    accounts = [row[0] for row in team_ws.query("SELECT id FROM accounts ORDER BY id")]
    months = [f"{2025 + (m // 12)}-{m % 12 + 1:02d}" for m in range(0, 15)]  # 2025-01..2026-03
    revenue = []
    for index, account in enumerate(accounts):
        for position, month in enumerate(months):
            if index == 0 and position >= 13:
                continue  # the first account churns in 2026-02
            if index == 1 and position < 5:
                continue  # the second one starts in 2025-06
            mrr = 1000.0 * (index + 1) + (250.0 if index == 2 and position >= 10 else 0.0)
            if index == 3 and position >= 14:
                mrr -= 400.0  # a contraction in the as-of month
            revenue.append((account, month, mrr))
    with team_ws.transaction() as conn:
        conn.executemany(
            "INSERT INTO revenue_months (account_id, month, mrr) VALUES (?, ?, ?)", revenue
        )
        conn.execute(
            "UPDATE accounts SET renewal_date = '2026-06-30', contract_value = 12000, seats = 25,"
            " start_date = '2025-01-01', segment = 'SMB', notes = '@SUM(A1)' WHERE id = ?",
            (accounts[0],),
        )
        conn.executemany(
            "INSERT INTO tickets (account_id, opened_at, first_response_at, resolved_at,"
            " priority, contacts, reopened, handle_minutes, csat)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    accounts[1],
                    "2026-02-03 10:00:00",
                    "2026-02-03 10:30:00",
                    "2026-02-03 12:00:00",
                    "high",
                    1,
                    0,
                    20.0,
                    5,
                ),
                (
                    accounts[1],
                    "2026-03-01 09:00:00",
                    "2026-03-01 15:00:00",
                    "2026-03-02 09:00:00",
                    "normal",
                    2,
                    0,
                    40.0,
                    3,
                ),
            ],
        )
        conn.executemany(
            "INSERT INTO surveys (account_id, date, type, score, contact, comment)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (accounts[0], "2026-01-10", "nps", 10, '=HYPERLINK("x")', "great\x07 tool"),
                (accounts[0], "2026-02-10", "nps", 3, None, "+cmd|' /C calc'!A0"),
                (accounts[2], "2026-02-11", "csat", 5, None, "-2+3"),
            ],
        )
    return team_ws


@pytest.fixture(scope="module")
def qbr_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The portfolio plus what a QBR shows: usage, goals, opportunities, timeline (module-wide:
    rendering charts is the slow part, so QBR tests share one workspace)."""
    ws = _add_portfolio(_team(tmp_path_factory.mktemp("qbr") / "qbr.csdesk"))
    with ws.transaction() as conn:
        conn.execute("UPDATE accounts SET seats = 40, renewal_date = '2026-05-31' WHERE id = 1")
        # This account expands in 2026-02 instead of churning.
        conn.executemany(
            "INSERT INTO revenue_months (account_id, month, mrr) VALUES (1, ?, 1200.0)",
            [("2026-02",), ("2026-03",)],
        )
        conn.executemany(
            "INSERT INTO usage (account_id, date, metric, value) VALUES (1, ?, 'active_users', ?)",
            [(f"2025-{m:02d}-28", 20.0 + m) for m in range(4, 13)]
            + [(f"2026-{m:02d}-28", 30.0 + m) for m in range(1, 4)],
        )
        conn.executemany(
            "INSERT INTO goals (account_id, objective, metric, baseline, target, current, due,"
            " status) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            [
                ("Cut month-end close to 3 days", "days", 8.0, 3.0, 4.0, "2026-06-30", "on_track"),
                (
                    "Roll out to the <b>finance</b> team",
                    "users",
                    0.0,
                    10.0,
                    10.0,
                    "2026-02-28",
                    "achieved",
                ),
            ],
        )
        conn.execute(
            "INSERT INTO opportunities (account_id, kind, raised_by_id, raised_role, owner_id,"
            " owner_role, stage, amount, created, outcome) VALUES"
            " (1, 'upsell', 1, 'cs', 2, 'am', 'proposal', 24000, '2026-02-15', 'open')"
        )
        conn.executemany(
            "INSERT INTO events (account_id, at, kind, role, person_id, title) VALUES"
            " (1, ?, ?, 'cs', 1, ?)",
            [
                ("2025-12-10 10:00:00", "qbr", "Q4 business review"),
                ("2026-01-20 09:00:00", "milestone", "ERP integration live"),
                ("2026-02-02 09:00:00", "champion_change", "New sponsor: <i>Maria</i> & team"),
            ],
        )
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def blank_figures() -> object:
    """QBR figures as 1-pixel images: for tests about the PDF's text, not its charts."""
    from PIL import Image

    from csdesk.reports.qbr.figures import ChartImage, QbrFigures

    image = ChartImage(Image.new("RGB", (1, 1), "white"), 0.4)
    return QbrFigures(image, image, image, image, image)


@pytest.fixture(scope="module")
def shared_portfolio_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The portfolio workspace shared by one test module (for tests that only read it)."""
    ws = _add_portfolio(_team(tmp_path_factory.mktemp("shared") / "shared.csdesk"))
    yield ws
    ws.close()
