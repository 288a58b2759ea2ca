"""Metrics speed on the large portfolio: all portfolio figures, and health for every account.

Targets (DESIGN.md, Performance): all portfolio metrics under 1 s; health scores for all
10,000 accounts under 1 s. The baseline is pandas merely reading the revenue_months table
(``pandas.read_sql``), the least any pandas-based engine has to do, measured in the same run.

The portfolio is the large demo (``csdesk.demo.generate(ws, size="large")``, shared through
``ctx.cache["large_demo"]``); while that generator is not available, a synthetic portfolio of
the same size is written with numpy instead.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
from run import Context, Figure, timed

from csdesk.store import Workspace

ACCOUNTS, MONTHS, TICKETS, SURVEYS, EVENTS = 10_000, 36, 500_000, 200_000, 1_000_000


def _iso_days(start: np.datetime64, offsets: np.ndarray) -> list[str]:
    return np.datetime_as_string(start + offsets.astype("timedelta64[D]"), unit="D").tolist()


def _iso_times(start: np.datetime64, minutes: np.ndarray) -> list[str]:
    stamps = start.astype("datetime64[m]") + minutes.astype("timedelta64[m]")
    return [s.replace("T", " ") + ":00" for s in np.datetime_as_string(stamps, unit="m")]


def synthetic_portfolio(path: Path, seed: int = 7) -> Path:
    """A large portfolio of the demo's size, written straight with executemany."""
    rng = np.random.default_rng(seed)
    first = np.datetime64("2023-11-01")
    days = MONTHS * 30
    with Workspace.create(path) as ws:
        ws.insert_many(
            "people",
            ["name", "role", "capacity_hours"],
            [(f"CSM {i}", "cs", 40.0) for i in range(60)],
        )
        start_month = rng.integers(0, MONTHS, ACCOUNTS)
        start_month[: ACCOUNTS // 2] = 0
        ws.insert_many(
            "accounts",
            [
                "external_id",
                "name",
                "name_key",
                "segment",
                "tier",
                "region",
                "csm_id",
                "seats",
                "start_date",
                "renewal_date",
            ],
            [
                (
                    f"ACC-{i:05d}",
                    f"Account {i}",
                    f"account {i}",
                    ("SMB", "Mid-Market", "Enterprise")[i % 3],
                    ("Gold", "Silver", "Bronze")[i % 3],
                    ("North", "South", "East", "West")[i % 4],
                    1 + i % 60,
                    int(5 + i % 200),
                    _iso_days(first, np.array([start_month[i] * 30]))[0],
                    _iso_days(first, np.array([days + int(rng.integers(-300, 200))]))[0],
                )
                for i in range(ACCOUNTS)
            ],
        )
        base = rng.integers(100, 20_000, ACCOUNTS)
        steps = rng.choice([0.0, 0.0, 0.0, 0.05, -0.05], size=(ACCOUNTS, MONTHS))
        mrr = np.round(base[:, None] * np.cumprod(1 + steps, axis=1), 2)
        churn_at = np.where(rng.random(ACCOUNTS) < 0.3, rng.integers(1, MONTHS, ACCOUNTS), MONTHS)
        months = [f"{2023 + (10 + j) // 12}-{(10 + j) % 12 + 1:02d}" for j in range(MONTHS)]
        rows = (
            (i + 1, months[j], float(mrr[i, j]))
            for i in range(ACCOUNTS)
            for j in range(start_month[i], churn_at[i])
        )
        ws.insert_many("revenue_months", ["account_id", "month", "mrr"], rows)
        ws.insert_many(
            "usage",
            ["account_id", "date", "metric", "value"],
            (
                (i + 1, _iso_days(first, np.array([j * 30 + 27]))[0], "active_users", float(j % 9))
                for i in range(0, ACCOUNTS, 1)
                for j in range(MONTHS - 6, MONTHS)
            ),
        )
        acc = rng.integers(1, ACCOUNTS + 1, TICKETS)
        opened = rng.integers(0, days * 1440, TICKETS)
        ws.insert_many(
            "tickets",
            [
                "account_id",
                "opened_at",
                "first_response_minutes",
                "resolution_hours",
                "priority",
                "contacts",
                "reopened",
                "handle_minutes",
                "escalated",
            ],
            zip(
                acc.tolist(),
                _iso_times(first, opened),
                rng.integers(1, 2000, TICKETS).astype(float).tolist(),
                rng.integers(1, 200, TICKETS).astype(float).tolist(),
                rng.choice(["low", "normal", "high", "urgent"], TICKETS).tolist(),
                rng.integers(1, 4, TICKETS).tolist(),
                (rng.random(TICKETS) < 0.1).astype(int).tolist(),
                rng.integers(5, 120, TICKETS).astype(float).tolist(),
                (rng.random(TICKETS) < 0.05).astype(int).tolist(),
                strict=True,
            ),
        )
        kinds = rng.choice(["nps", "csat", "ces"], SURVEYS)
        scores = np.where(
            kinds == "nps",
            rng.integers(0, 11, SURVEYS),
            np.where(kinds == "csat", rng.integers(1, 6, SURVEYS), rng.integers(1, 8, SURVEYS)),
        )
        ws.insert_many(
            "surveys",
            ["account_id", "date", "type", "score"],
            zip(
                rng.integers(1, ACCOUNTS + 1, SURVEYS).tolist(),
                _iso_days(first, rng.integers(0, days, SURVEYS)),
                kinds.tolist(),
                scores.tolist(),
                strict=True,
            ),
        )
        ws.insert_many(
            "events",
            ["account_id", "at", "kind", "role", "title"],
            zip(
                rng.integers(1, ACCOUNTS + 1, EVENTS).tolist(),
                _iso_times(first, rng.integers(0, days * 1440, EVENTS)),
                rng.choice(["meeting", "call", "email", "note"], EVENTS).tolist(),
                rng.choice(["cs", "am", "support", "cx"], EVENTS).tolist(),
                ["touch"] * EVENTS,
                strict=True,
            ),
        )
    return path


def large_portfolio(ctx: Context) -> Path:
    """The large demo when the generator exists, else the synthetic one; built once per run."""
    cached = ctx.cache.get("large_demo")
    if isinstance(cached, Path):
        return cached
    path = ctx.workdir / "large.csdesk"
    if importlib.util.find_spec("csdesk.demo.generate") is not None:
        from csdesk.demo.generate import generate

        with Workspace.create(path) as ws:
            generate(ws, size="large")
    else:
        synthetic_portfolio(path)
    ctx.cache["large_demo"] = path
    return path


def _read_revenue_with_pandas(path: Path) -> Any:
    import pandas as pd

    conn = sqlite3.connect(path)
    try:
        return pd.read_sql("SELECT account_id, month, mrr FROM revenue_months", conn)
    finally:
        conn.close()


def bench_metrics_large_portfolio(ctx: Context) -> list[Figure]:
    from csdesk.metrics import health, portfolio

    path = large_portfolio(ctx)
    baseline = timed(lambda: _read_revenue_with_pandas(path), repeat=3)
    with Workspace.open(path, read_only=True) as ws:
        all_figures = timed(lambda: portfolio.compute(ws), repeat=3)
        scores = timed(lambda: health.score_all(ws), repeat=3)
        accounts = ws.scalar("SELECT count(*) FROM accounts")
    baseline_name = "pandas.read_sql of revenue_months"
    return [
        Figure(
            "metrics: all portfolio figures (metrics --json)",
            all_figures,
            "s",
            baseline_name,
            baseline,
            "< 1 s",
            all_figures < 1.0,
        ),
        Figure(
            f"metrics: health scores for all {accounts:,} accounts",
            scores,
            "s",
            baseline_name,
            baseline,
            "< 1 s",
            scores < 1.0,
        ),
    ]


BENCHES = [bench_metrics_large_portfolio]
