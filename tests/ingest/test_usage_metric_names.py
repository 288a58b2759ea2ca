"""A usage export names its metric as people do ("Active Users", "Usuários ativos"): read as
csdesk's ``active_users``, which the health score's adoption and the QBR's usage chart read,
and said. Written as the header, it fed neither: adoption stayed "no data"."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_csv

from csdesk.domain.month import Month
from csdesk.ingest import commit, prepare
from csdesk.metrics import health
from csdesk.store import Workspace

AS_OF = Month(2026, 11)
ACCOUNTS = "Cliente,MRR,Licenças\nAcme Corp,1000,50\n"


@pytest.mark.parametrize(
    "text",
    [
        "Data;Cliente;Usuários ativos\n01/11/2026;Acme Corp;40\n",
        "Date,Account,Metric,Value\n2026-11-01,Acme Corp,Active Users,40\n",
    ],
    ids=["header", "metric column"],
)
def test_active_users_feed_the_adoption_of_health(ws: Workspace, tmp_path: Path, text: str) -> None:
    commit(ws, prepare(write_csv(tmp_path / "contas.csv", ACCOUNTS), ws=ws, as_of=AS_OF))
    plan = prepare(write_csv(tmp_path / "uso.csv", text), ws=ws, as_of=AS_OF)
    assert plan.entity == "usage"
    [said] = [p.message for p in plan.warnings if "active_users" in p.message]
    assert said.endswith(
        "read as csdesk's active_users: the metrics the health score's adoption and the QBR's "
        "usage chart read"
    )
    commit(ws, plan)
    assert ws.scalar("SELECT metric FROM usage") == "active_users"
    account = int(ws.scalar("SELECT id FROM accounts"))
    adoption = next(
        c for c in health.explain(ws, account, AS_OF).components if c.name == "adoption"
    )
    assert adoption.value == pytest.approx(40 / 50) and adoption.score is not None


def test_a_metric_csdesk_does_not_read_keeps_its_name(ws: Workspace, tmp_path: Path) -> None:
    text = "Date,Account,Metric,Value\n2026-11-01,Acme Corp,Reports exported,12\n"
    plan = prepare(write_csv(tmp_path / "uso.csv", text), ws=ws, as_of=AS_OF)
    assert not [p for p in plan.warnings if "read as csdesk's" in p.message]
    commit(ws, plan)
    assert ws.scalar("SELECT metric FROM usage") == "Reports exported"
