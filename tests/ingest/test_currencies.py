"""Amounts in several currencies (issue 13.3): converted with rates given, or refused whole.

Never summed as if one currency: ``R$ 100``, ``US$ 100`` and ``€ 100`` are not 300.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from ingest_helpers import write_csv

from csdesk.domain.month import Month
from csdesk.i18n import language
from csdesk.ingest import commit, prepare, undo
from csdesk.ingest.currencies import RATES, code_of, codes_in_cells, header_currency, parse_rate
from csdesk.ingest.errors import ImportRefused
from csdesk.store import Workspace
from csdesk.store.settings import CURRENCY

AS_OF = Month(2024, 3)
MIXED = (
    "Cliente;Mês;MRR\n"
    "Padaria Sol;jan/24;R$ 100,00\n"
    "Tech Corp;jan/24;US$ 100,00\n"
    "Euro GmbH;jan/24;€ 100,00\n"
    "Padaria Sol;fev/24;R$ 120,00\n"
)


def _money_workspace(ws: Workspace) -> Workspace:
    """A workspace already holding BRL revenue (so it keeps its currency)."""
    CURRENCY.set(ws, "BRL")
    return ws


def _revenue(ws: Workspace) -> dict[tuple[str, str], float]:
    rows = ws.query(
        "SELECT a.name, r.month, r.mrr FROM revenue_months r JOIN accounts a ON a.id = r.account_id"
    )
    return {(name, month): mrr for name, month, mrr in rows}


def test_codes_and_symbols() -> None:
    cells = np.array(["R$ 1.234,56", "US$ 10", "€ 5", "10 EUR", "$3", "12", None], dtype=object)
    blank = np.array([c is None for c in cells])
    assert codes_in_cells(cells, blank).tolist() == ["BRL", "USD", "EUR", "EUR", "USD", None, None]
    assert codes_in_cells(np.array([1.0, 2.0], dtype=object), np.zeros(2, dtype=bool)) is None
    assert [code_of(w) for w in ("R$", "usd", "Dólar", "chf", "real", "xx")] == [
        "BRL",
        "USD",
        "USD",
        "CHF",
        "BRL",
        None,
    ]
    assert parse_rate("USD=5,40") == ("USD", 5.4)
    assert parse_rate("USD") is None and parse_rate("USD=-1") is None


def test_mixed_currencies_without_rates_are_refused_in_one_line(
    ws: Workspace, tmp_path: Path
) -> None:
    _money_workspace(ws)
    path = write_csv(tmp_path / "receita.csv", MIXED, "cp1252")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.blocking is not None
    assert "BRL (2 rows), EUR (1 row), USD (1 row)" in plan.blocking
    assert "--rate EUR=RATE" in plan.blocking
    with pytest.raises(ImportRefused):
        commit(ws, plan)
    assert ws.scalar("SELECT count(*) FROM revenue_months") == 0
    with language("pt-BR"):
        refused = prepare(path, ws=ws, as_of=AS_OF).blocking
    assert refused is not None and "precisam de uma cotação" in refused


def test_rates_given_convert_and_the_report_says_so(ws: Workspace, tmp_path: Path) -> None:
    _money_workspace(ws)
    RATES.set(ws, {"USD": {"rate": 5.4, "date": "2024-01-31"}})
    path = write_csv(tmp_path / "receita.csv", MIXED, "cp1252")
    plan = prepare(path, ws=ws, as_of=AS_OF, rates={"EUR": 6.0})
    assert plan.blocking is None
    notes = [p.message for p in plan.problems if p.row is None]
    assert "1 amount in USD converted to BRL at 5.4 (rate of 2024-01-31)" in notes
    assert "1 amount in EUR converted to BRL at 6" in notes
    batch = commit(ws, plan).batch_id
    frame = pd.read_csv(path, sep=";", encoding="cp1252")
    rate = {"R$": 1.0, "US$": 5.4, "€": 6.0}
    symbol = frame["MRR"].str.split(" ").str[0]
    amount = frame["MRR"].str.split(" ").str[1].str.replace(",", ".").astype(float)
    frame["brl"] = amount * symbol.map(rate)
    months = {"jan/24": "2024-01", "fev/24": "2024-02"}
    expected = {
        (c, months[m]): v for c, m, v in frame[["Cliente", "Mês", "brl"]].itertuples(index=False)
    }
    assert _revenue(ws) == expected
    currencies = dict(ws.query("SELECT name, currency FROM accounts"))
    assert currencies == {"Padaria Sol": "BRL", "Tech Corp": "USD", "Euro GmbH": "EUR"}
    assert batch is not None
    undo(ws, batch)
    assert ws.scalar("SELECT count(*) FROM accounts") == 0


def test_a_currency_column_per_row(ws: Workspace, tmp_path: Path) -> None:
    _money_workspace(ws)
    text = "Customer,Month,MRR,Currency\nAcme,2024-01,100,BRL\nTech Corp,2024-01,100,USD\n"
    path = write_csv(tmp_path / "revenue.csv", text)
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.mapping()["Currency"] == "currency"
    assert plan.blocking is not None and "USD (1 row)" in plan.blocking
    commit(ws, prepare(path, ws=ws, as_of=AS_OF, rates={"USD": 5.0}))
    assert _revenue(ws) == {("Acme", "2024-01"): 100.0, ("Tech Corp", "2024-01"): 500.0}


def test_a_new_workspace_takes_the_currency_of_a_file_wholly_in_one(
    ws: Workspace, tmp_path: Path
) -> None:
    text = "Customer,Month,MRR\nAcme,2024-01,$100.00\nAcme,2024-02,$120.00\n"
    path = write_csv(tmp_path / "revenue.csv", text)
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.blocking is None and plan.adopted_currency == "USD"
    assert any("its currency becomes USD" in p.message for p in plan.problems)
    commit(ws, plan)
    assert CURRENCY.get(ws) == "USD"
    assert _revenue(ws) == {("Acme", "2024-01"): 100.0, ("Acme", "2024-02"): 120.0}


def test_the_command_line_takes_rates(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "receita.csv", MIXED, "cp1252")
    target = tmp_path / "w.csdesk"
    base = [sys.executable, "-m", "csdesk", "import", str(target), str(path), "--lang", "en"]
    refused = subprocess.run(base, capture_output=True, text=True)
    assert refused.returncode != 0 and "--rate" in refused.stderr
    assert "--entity" not in refused.stderr  # what the sheet holds is not in doubt
    assert len(refused.stderr.strip().splitlines()) == 1
    bad = subprocess.run([*base, "--rate", "USD"], capture_output=True, text=True)
    assert bad.returncode != 0 and "CODE=RATE" in bad.stderr
    done = subprocess.run(
        [*base, "--rate", "USD=5.40", "--rate", "EUR=6"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "converted to BRL at 5.4" in done.stdout
    with Workspace.open(target) as ws:
        assert _revenue(ws)[("Tech Corp", "2024-01")] == 540.0


def test_the_currency_a_header_names() -> None:
    said = {
        "MRR (USD)": "USD",
        "refund_amount_usd": "USD",
        "Valor (R$ mil)": "BRL",
        "Receita em reais": "BRL",
        "ARR ($)": "USD",
        "Preço (€)": "EUR",
        "Total (C$)": "CAD",
        # Not a currency: "real" is actual revenue, pounds a weight; two currencies, neither.
        "Receita real": None,
        "Weight (pounds)": None,
        "Valor (R$) USD": None,
        "mrr_amount": None,
        "MRR": None,
    }
    assert {header: header_currency(header) for header in said} == said


def test_a_header_in_dollars_makes_a_new_workspace_dollars(ws: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "revenue.csv", "Customer,Month,MRR (USD)\nAcme,2024-01,100\n")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.blocking is None and plan.adopted_currency == "USD"
    [column] = [c for c in plan.columns if c.field == "mrr"]
    assert "amounts in USD, as the header says" in column.decision
    commit(ws, plan)
    assert CURRENCY.get(ws) == "USD"
    assert _revenue(ws) == {("Acme", "2024-01"): 100.0}


def test_a_header_in_dollars_is_converted_or_refused(ws: Workspace, tmp_path: Path) -> None:
    _money_workspace(ws)
    text = "Customer,Month,MRR (USD)\nAcme,2024-01,100\nTech Corp,2024-01,R$ 30\n"
    path = write_csv(tmp_path / "revenue.csv", text)
    plan = prepare(path, ws=ws, as_of=AS_OF)
    # The header's currency for the amounts that name none; a cell's own currency wins.
    assert plan.blocking is not None and "BRL (1 row), USD (1 row)" in plan.blocking
    commit(ws, prepare(path, ws=ws, as_of=AS_OF, rates={"USD": 5.0}))
    assert _revenue(ws) == {("Acme", "2024-01"): 500.0, ("Tech Corp", "2024-01"): 30.0}


def test_amounts_naming_no_currency_say_which_was_assumed(ws: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "revenue.csv", "Customer,Month,MRR\nAcme,2024-01,100\n")

    def decision() -> str:
        [column] = [c for c in prepare(path, ws=ws, as_of=AS_OF).columns if c.field == "mrr"]
        return column.decision

    # A new workspace's currency is a default no one chose: the import says it assumed it.
    assert "read as BRL, the workspace's currency, not chosen yet" in decision()
    CURRENCY.set(ws, "BRL")  # chosen (in Settings): nothing to say
    assert "read as" not in decision()


PLAIN = "Customer,Month,MRR\nAcme,2024-01,100\nTech Corp,2024-01,200\n"


def test_amounts_told_in_a_currency_are_adopted_by_a_new_workspace(
    ws: Workspace, tmp_path: Path
) -> None:
    from csdesk.ingest.currencies import currency_chosen

    path = write_csv(tmp_path / "revenue.csv", PLAIN)
    plan = prepare(path, ws=ws, as_of=AS_OF, amounts_in="USD")
    assert plan.blocking is None and plan.adopted_currency == "USD"
    assert plan.currencies_named == {"USD": 2}
    commit(ws, plan)
    assert CURRENCY.get(ws) == "USD" and currency_chosen(ws)
    assert _revenue(ws) == {("Acme", "2024-01"): 100.0, ("Tech Corp", "2024-01"): 200.0}


def test_told_the_default_currency_a_new_workspace_has_it_chosen(
    ws: Workspace, tmp_path: Path
) -> None:
    from csdesk.ingest.currencies import assumed_currency

    path = write_csv(tmp_path / "revenue.csv", PLAIN)
    commit(ws, prepare(path, ws=ws, as_of=AS_OF, amounts_in="BRL"))
    assert CURRENCY.get(ws) == "BRL" and assumed_currency(ws) is None


def test_amounts_told_in_another_currency_need_its_rate(ws: Workspace, tmp_path: Path) -> None:
    _money_workspace(ws)
    path = write_csv(tmp_path / "revenue.csv", PLAIN)
    refused = prepare(path, ws=ws, as_of=AS_OF, amounts_in="USD")
    assert refused.blocking is not None and "--rate USD=RATE" in refused.blocking
    assert refused.refused_for_rates and not refused.refusal_wants_mapping
    # A plan made again (another entity said, say) keeps what the person told it.
    assert refused.with_drop_identical(True, ws=ws).amounts_in == "USD"
    commit(ws, prepare(path, ws=ws, as_of=AS_OF, amounts_in="USD", rates={"USD": 5.0}))
    assert CURRENCY.get(ws) == "BRL"
    assert _revenue(ws) == {("Acme", "2024-01"): 500.0, ("Tech Corp", "2024-01"): 1000.0}


def test_a_currency_the_file_names_wins_over_the_one_told(ws: Workspace, tmp_path: Path) -> None:
    _money_workspace(ws)
    text = "Customer,Month,MRR\nAcme,2024-01,R$ 100,00\nTech Corp,2024-01,200\n"
    path = write_csv(tmp_path / "revenue.csv", text.replace(",00", ""))
    plan = prepare(path, ws=ws, as_of=AS_OF, amounts_in="USD", rates={"USD": 5.0})
    assert plan.currencies_named == {"BRL": 1, "USD": 1}
    commit(ws, plan)
    assert _revenue(ws) == {("Acme", "2024-01"): 100.0, ("Tech Corp", "2024-01"): 1000.0}


def test_the_command_line_takes_the_currency_of_unnamed_amounts(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "receita.csv", PLAIN)
    target = tmp_path / "w.csdesk"
    base = [sys.executable, "-m", "csdesk", "import", str(target), str(path), "--lang", "en"]
    bad = subprocess.run([*base, "--currency", "XYZ"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--currency 'XYZ'" in bad.stderr and not target.exists()
    done = subprocess.run([*base, "--currency", "dólar"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "the workspace holds no money yet and takes USD, as you said" in done.stdout
    with Workspace.open(target) as ws:
        assert CURRENCY.get(ws) == "USD"


def test_a_sheet_without_amounts_takes_no_currency_told(ws: Workspace, tmp_path: Path) -> None:
    _money_workspace(ws)
    path = write_csv(tmp_path / "accounts.csv", "account_id,account,segment\nA1,Alpha,SMB\n")
    plan = prepare(path, ws=ws, as_of=AS_OF, amounts_in="USD")
    assert plan.entity == "accounts" and plan.blocking is None
    assert plan.currencies_named == {} and plan.adopted_currency is None
