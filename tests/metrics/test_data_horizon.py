"""The data's horizon and exact figures (issue 13.8): the default as-of is the last month of
the workspace's data, the final churn of contracts is visible, and --json is exact."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from csdesk.domain.month import Month
from csdesk.ingest import commit, prepare
from csdesk.metrics import mrr_source, portfolio
from csdesk.store import Workspace


def _import(ws: Workspace, path: Path, entity: str | None = None) -> None:
    plan = prepare(path, ws=ws, entity=entity, as_of=Month(2024, 12))
    assert plan.blocking is None, plan.blocking
    commit(ws, plan)


def _metrics_json(path: Path, *extra: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "csdesk", "metrics", str(path), "--json", *extra],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout))


def test_a_tickets_only_workspace_is_seen_as_of_its_last_ticket(tmp_path: Path) -> None:
    sheet = tmp_path / "tickets.csv"
    sheet.write_text(
        "Ticket ID,Account,Created at,First response time (minutes)\n"
        "1,Acme,2024-02-10 10:00,30\n2,Acme,2024-05-03 10:00,90\n3,Globex,2024-05-20 09:00,60\n",
        encoding="utf-8",
    )
    target = tmp_path / "w.csdesk"
    with Workspace.open(target, create=True) as ws:
        _import(ws, sheet)
        assert mrr_source.data_as_of(ws) == Month(2024, 5)
    figures = _metrics_json(target)
    frame = pd.read_csv(sheet)
    assert figures["as_of"] == "2024-05"
    support = figures["support"]
    assert isinstance(support, dict)
    assert support["tickets"] == len(frame)
    assert support["tme_minutes"] == frame["First response time (minutes)"].mean()


def test_the_churn_of_the_last_contracts_is_visible(tmp_path: Path) -> None:
    sheet = tmp_path / "contracts.csv"
    sheet.write_text(
        "Contract ID,Customer,Start,End,MRR\n"
        "K1,Acme,2024-01-01,2024-06-30,100\n"
        "K2,Globex,2024-03-01,2024-06-30,50\n"
        "K3,Initech,2024-02-01,2024-06-30,25\n",
        encoding="utf-8",
    )
    target = tmp_path / "w.csdesk"
    with Workspace.open(target, create=True) as ws:
        _import(ws, sheet, "contracts")
    figures = _metrics_json(target)
    assert figures["as_of"] == "2024-07"
    moves = {m["month"]: m for m in figures["movements"]}  # type: ignore[union-attr]
    frame = pd.read_csv(sheet)
    assert moves["2024-07"]["churn"] == -frame["MRR"].sum()
    assert moves["2024-07"]["mrr"] == 0
    # The same month asked for by name is accepted, not refused.
    assert _metrics_json(target, "--as-of", "2024-07")["as_of"] == "2024-07"


def test_arpa_is_exact_in_json(tmp_path: Path) -> None:
    sheet = tmp_path / "revenue.csv"
    sheet.write_text(
        "Customer,Month,MRR\nAcme,2024-01,100\nGlobex,2024-01,100\nInitech,2024-01,100.01\n",
        encoding="utf-8",
    )
    target = tmp_path / "w.csdesk"
    with Workspace.open(target, create=True) as ws:
        _import(ws, sheet)
        assert portfolio.compute(ws)["arpa"] == (100 + 100 + 100.01) / 3
    figures = _metrics_json(target)
    frame = pd.read_csv(sheet)
    assert figures["arpa"] == frame["MRR"].sum() / len(frame)
    assert figures["arpa"] != round(float(figures["arpa"]), 2)  # type: ignore[arg-type]


def test_running_contracts_imported_as_of_a_past_month_are_seen_as_of_it(
    tmp_path: Path,
) -> None:
    """Contracts imported --as-of 2024-12 are expanded to that month only; the figures'
    default month had been the current one, where every account read as churned (MRR 0)."""
    sheet = tmp_path / "contracts.csv"
    sheet.write_text(
        "Contract ID,Customer,Start,End,MRR\nK1,Acme,2024-01-01,,100\nK2,Globex,2024-03-01,,50\n",
        encoding="utf-8",
    )
    target = tmp_path / "w.csdesk"
    with Workspace.open(target, create=True) as ws:
        _import(ws, sheet)  # as of 2024-12
        assert mrr_source.data_as_of(ws) == Month(2024, 12)
    figures = _metrics_json(target)
    assert figures["as_of"] == "2024-12"
    assert figures["mrr"] == 150.0 and figures["active_accounts"] == 2
