"""The engine on the small demo portfolio, checked against what the generator says it wrote."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from csdesk.metrics import cuts, health, portfolio, revenue
from csdesk.store import Workspace

generate_module = pytest.importorskip("csdesk.demo.generate")


def test_small_demo(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "demo.csdesk") as ws:
        summary = generate_module.generate(ws, size="small", today=date(2026, 11, 22))
        figures = portfolio.compute(ws)
        assert figures["as_of"] == str(summary.last_month)
        assert figures["mrr"] == pytest.approx(summary.mrr_last_month, abs=0.01)
        assert figures["active_accounts"] == summary.active_accounts
        assert figures["currency"] == summary.currency
        moves = figures["movements"]
        steps = np.array([[m[k] for k in revenue.KINDS] for m in moves]).sum(axis=1)
        assert np.allclose(np.cumsum(steps), [m["mrr"] for m in moves])
        for key in ("nrr_12m", "grr_12m", "logo_churn_12m", "ltv", "csat", "ces"):
            assert figures[key] is not None, key
        assert 0 <= figures["grr_12m"] <= 1
        assert -100 <= figures["nps"]["score"] <= 100
        assert figures["support"]["tickets"] > 0
        assert sum(figures["health"].values()) == summary.active_accounts
        scores = health.score_all(ws)
        assert scores["score"].between(0, 100).all()
        segments = cuts.by(ws, "segment")
        assert sum(g["mrr"] for g in segments.values()) == pytest.approx(figures["mrr"])
