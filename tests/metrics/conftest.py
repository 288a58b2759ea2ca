"""Fixture workspaces for the metrics tests, built row by row so every figure is hand-checkable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from csdesk.store import Workspace


class Book:
    """Writes a small portfolio straight into a workspace (no importer involved)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def person(self, name: str, role: str = "cs", capacity_hours: float | None = 40.0) -> int:
        with self.ws.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO people (name, role, capacity_hours) VALUES (?, ?, ?)",
                (name, role, capacity_hours),
            )
        return int(cur.lastrowid or 0)

    def account(self, name: str, **columns: Any) -> int:
        columns = {"external_id": name.upper(), **columns}
        names = ["name", "name_key", *columns]
        values = [name, name.lower(), *columns.values()]
        with self.ws.transaction() as conn:
            cur = conn.execute(
                f"INSERT INTO accounts ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                values,
            )
        return int(cur.lastrowid or 0)

    def revenue(self, account_id: int, months: dict[str, float]) -> None:
        self.ws.insert_many(
            "revenue_months",
            ["account_id", "month", "mrr"],
            [(account_id, month, mrr) for month, mrr in months.items()],
        )

    def contract(self, account_id: int, start: str, end: str | None, mrr: float) -> None:
        self.ws.insert_many(
            "contracts",
            ["account_id", "start_date", "end_date", "mrr"],
            [(account_id, start, end, mrr)],
        )

    def rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        columns = list(rows[0])
        self.ws.insert_many(table, columns, [[row[c] for c in columns] for row in rows])


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "metrics.csdesk")
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def book(ws: Workspace) -> Book:
    return Book(ws)


@pytest.fixture
def abc(book: Book) -> dict[str, int]:
    """A: new, expansion, contraction, churn, reactivation; B: new then churn; C: new, expansion.

    MRR: Jan 100, Feb 300, Mar 350, Apr 370, May 250, Jun 150.
    """
    a = book.account("A")
    b = book.account("B")
    c = book.account("C")
    book.revenue(a, {"2025-01": 100, "2025-02": 100, "2025-03": 150, "2025-04": 120, "2025-06": 80})
    book.revenue(b, {"2025-02": 200, "2025-03": 200, "2025-04": 200, "2025-05": 200})
    book.revenue(c, {"2025-04": 50, "2025-05": 50, "2025-06": 70})
    return {"A": a, "B": b, "C": c}
