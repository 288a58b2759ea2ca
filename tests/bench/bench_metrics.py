"""Metrics speed on the large portfolio: all portfolio figures, and health for every account.

Targets (DESIGN.md, Performance): all portfolio metrics under 1 s; health scores for all
10,000 accounts under 1 s. The baseline is pandas merely reading the revenue_months table
(``pandas.read_sql``), the least any pandas-based engine has to do, measured in the same run.

The machine is shared, so each figure is also given in CPU seconds (user + system of the
whole process, worker threads included): wall time swings with other people's load, CPU time
much less. Both are the best of several runs.

The portfolio is the large demo (``csdesk.demo.generate(ws, size="large")``: 10,000 accounts,
36 months, 500,000 tickets, 200,000 responses, 1,000,000 events), shared with the other
benches through ``ctx.cache["large_demo"]``.
"""

from __future__ import annotations

import resource
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from run import Context, Figure

from csdesk.store import Workspace


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_both(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall-clock time and best CPU time (all threads) of ``repeat`` runs, in seconds."""
    wall, cpu = float("inf"), float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _cpu_seconds()
        fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, _cpu_seconds() - start_cpu)
    return wall, cpu


def _read_revenue_with_pandas(path: Path) -> Any:
    import pandas as pd

    conn = sqlite3.connect(path)
    try:
        return pd.read_sql("SELECT account_id, month, mrr FROM revenue_months", conn)
    finally:
        conn.close()


def bench_metrics_large_portfolio(ctx: Context) -> list[Figure]:
    from csdesk.metrics import cuts, health, portfolio

    path = ctx.demo("large")
    baseline, baseline_cpu = timed_both(lambda: _read_revenue_with_pandas(path), repeat=5)
    with Workspace.open(path, read_only=True) as ws:
        all_figures, all_cpu = timed_both(lambda: portfolio.compute(ws), repeat=5)
        scores, scores_cpu = timed_both(lambda: health.score_all(ws), repeat=5)
        account = int(ws.scalar("SELECT min(id) FROM accounts"))
        one, one_cpu = timed_both(
            lambda: (health.explain(ws, account), health.history(ws, account)), repeat=5
        )
        cut_times = {
            dimension: timed_both(lambda d=dimension: cuts.by(ws, d), repeat=3)  # type: ignore[misc]
            for dimension in ("csm", "segment", "tier", "region")
        }
        accounts = ws.scalar("SELECT count(*) FROM accounts")
    base = "pandas.read_sql of revenue_months"
    cpu_base = f"{base} (CPU)"
    return [
        Figure(
            "metrics: all portfolio figures (metrics --json)",
            all_figures, "s", base, baseline, "< 1 s", all_figures < 1.0,
        ),
        Figure("metrics: all portfolio figures, CPU", all_cpu, "s", cpu_base, baseline_cpu),
        Figure(
            f"metrics: health scores for all {accounts:,} accounts",
            scores, "s", base, baseline, "< 1 s", scores < 1.0,
        ),
        Figure("metrics: health scores for all accounts, CPU", scores_cpu, "s", cpu_base,
               baseline_cpu),
        Figure(
            "metrics: one account's health explanation + 12-month history",
            one, "s", base, baseline, "(account view budget 0.15 s)", None,
        ),
        Figure("metrics: one account's explanation + history, CPU", one_cpu, "s", cpu_base,
               baseline_cpu),
    ] + [
        row
        for dimension, (wall, cpu) in cut_times.items()
        for row in (
            Figure(
                f"metrics: every figure cut by {dimension}",
                wall, "s", base, baseline, "< 0.5 s", wall < 0.5,
            ),
            Figure(f"metrics: every figure cut by {dimension}, CPU", cpu, "s", cpu_base,
                   baseline_cpu),
        )
    ]  # fmt: skip


BENCHES = [bench_metrics_large_portfolio]
