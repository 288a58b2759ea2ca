"""Contract terms (issue 13.5): start + length gives the end; a value with a term and no
billing period is the value of the whole term; monthly columns are monthly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from ingest_helpers import write_csv, write_xlsx

from csdesk.domain.month import Month
from csdesk.ingest import commit, prepare
from csdesk.ingest.errors import ImportRefused
from csdesk.store import Workspace

AS_OF = Month(2025, 12)


def _revenue(ws: Workspace) -> dict[tuple[str, str], float]:
    rows = ws.query(
        "SELECT a.name, r.month, r.mrr FROM revenue_months r JOIN accounts a ON a.id = r.account_id"
    )
    return {(name, month): mrr for name, month, mrr in rows}


def _expected_by_month(frame: pd.DataFrame) -> dict[tuple[str, str], float]:
    """MRR per (account, month) by the end-of-month rule, recomputed here with pandas."""
    out: dict[tuple[str, str], float] = {}
    for row in frame.itertuples(index=False):
        for month_end in pd.date_range(row.start, row.end, freq="ME"):
            key = (row.account, month_end.strftime("%Y-%m"))
            out[key] = round(out.get(key, 0.0) + row.mrr, 2)
    return out


def test_start_and_length_in_months_give_the_end(ws: Workspace, tmp_path: Path) -> None:
    # An office-rental contracts sheet: start, length in months, monthly rent; no end date.
    text = (
        "Contract ID,Tenant,Start Date,Contract Length (months),Monthly Rent\n"
        "C-1,Acme,2024-01-01,12,100.00\n"
        "C-2,Globex,2024-07-01,6,250.00\n"
        "C-3,Initech,2025-01-15,24,80.00\n"
    )
    path = write_csv(tmp_path / "contracts.csv", text)
    plan = prepare(path, ws=ws, entity="contracts", as_of=AS_OF)
    assert plan.blocking is None, plan.blocking
    assert plan.mapping()["Contract Length (months)"] == "term_months"
    assert plan.mapping()["Monthly Rent"] == "mrr"
    assert any("have no end date" in p.message for p in plan.problems)
    commit(ws, plan)
    ends = dict(ws.query("SELECT external_id, end_date FROM contracts"))
    assert ends == {"C-1": "2024-12-31", "C-2": "2024-12-31", "C-3": "2027-01-14"}
    frame = pd.read_csv(path, parse_dates=["Start Date"])
    frame["end"] = [
        s + pd.DateOffset(months=int(n)) - pd.Timedelta(days=1)
        for s, n in zip(frame["Start Date"], frame["Contract Length (months)"], strict=True)
    ]
    frame["end"] = frame["end"].clip(upper=pd.Timestamp("2025-12-31"))
    expected = _expected_by_month(
        frame.rename(columns={"Tenant": "account", "Start Date": "start", "Monthly Rent": "mrr"})
    )
    assert _revenue(ws) == expected
    # Nothing runs to today: Acme's last month is December 2024.
    assert ("Acme", "2025-01") not in _revenue(ws)


def test_a_value_with_a_term_and_no_billing_period_is_the_whole_term(
    ws: Workspace, tmp_path: Path
) -> None:
    rows = [
        ["Cliente", "Início", "Fim", "Valor do contrato"],
        ["Padaria Sol", "01/01/2024", "31/12/2024", "R$ 12.000,00"],
    ]
    path = write_xlsx(tmp_path / "contratos.xlsx", rows)
    plan = prepare(path, ws=ws, entity="contracts", as_of=AS_OF)
    assert plan.blocking is None, plan.blocking
    note = next(p.message for p in plan.problems if "whole term" in p.message)
    assert "MRR = value / months of the term" in note
    commit(ws, plan)
    months = _revenue(ws)
    assert len(months) == 12 and set(months.values()) == {1000.0}


def test_terms_in_years_and_written_terms(ws: Workspace, tmp_path: Path) -> None:
    text = (
        "Cliente;Data de início;Duração (anos);Valor total\n"
        "Padaria Sol;01/01/2024;1;R$ 2.400,00\n"
        "Mercado Lua;01/01/2024;2;R$ 4.800,00\n"
    )
    path = write_csv(tmp_path / "contratos.csv", text, "cp1252")
    plan = prepare(path, ws=ws, entity="contracts", as_of=AS_OF)
    assert plan.mapping()["Duração (anos)"] == "term_months"
    decision = next(c.decision for c in plan.columns if c.column == "Duração (anos)")
    assert "read as years, converted to months" in decision
    commit(ws, plan)
    ends = dict(
        ws.query(
            "SELECT a.name, c.end_date FROM contracts c JOIN accounts a ON a.id = c.account_id"
        )
    )
    assert ends == {"Padaria Sol": "2024-12-31", "Mercado Lua": "2025-12-31"}
    assert set(_revenue(ws).values()) == {200.0}

    written = write_csv(
        tmp_path / "prazos.csv",
        "Cliente;Início;Prazo;Mensalidade\nBeta;01/03/2024;18 meses;50\nGama;01/03/2024;1 ano;70\n",
        "cp1252",
    )
    other = prepare(written, ws=ws, entity="contracts", as_of=AS_OF)
    assert other.mapping()["Prazo"] == "term_months" and other.mapping()["Mensalidade"] == "mrr"
    commit(ws, other)
    ends = dict(
        ws.query(
            "SELECT a.name, c.end_date FROM contracts c JOIN accounts a ON a.id = c.account_id"
        )
    )
    assert ends["Beta"] == "2025-08-31" and ends["Gama"] == "2025-02-28"


def test_the_billing_period_can_be_chosen(ws: Workspace, tmp_path: Path) -> None:
    text = "Customer,Start,End,Contract Value\nAcme,2024-01-01,2024-12-31,1200\n"
    path = write_csv(tmp_path / "contracts.csv", text)
    plan = prepare(path, ws=ws, entity="contracts", as_of=AS_OF)
    assert plan.rows[0]["mrr"] == 100.0
    annual = plan.with_billing_period("annual")
    assert annual.billing_period == "annual" and annual.rows[0]["mrr"] == 100.0
    monthly = plan.with_billing_period("monthly")
    assert monthly.rows[0]["mrr"] == 1200.0
    assert not any("whole term" in p.message for p in monthly.problems)
    with pytest.raises(ImportRefused, match="--billing-period weekly"):
        prepare(path, ws=ws, entity="contracts", billing_period="weekly")
    target = tmp_path / "w.csdesk"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "csdesk",
            "import",
            str(target),
            str(path),
            "--entity",
            "contracts",
            "--billing-period",
            "quarterly",
            "--dry-run",
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["would_write"] == 1
