"""The audit against the market, and other tools' counts, on the reports' portfolio workspace.

The portfolio (as of 2026-03): seven paying accounts, MRR R$34,850, so ARR R$418,200 and an ACV
of R$59,742.86; one CSM owns all eight active accounts. NRR 32,850 / 34,000 = 96.6 %, GRR
32,600 / 34,000 = 95.9 %, FCR 1 of 2 tickets.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from pypdf import PdfReader

from csdesk.domain.month import Month
from csdesk.i18n import Lang
from csdesk.ingest.currencies import RATES
from csdesk.reports.audit.content import build_audit
from csdesk.reports.audit.pdf import write_audit_pdf
from csdesk.reports.xlsx.export import export_workbook
from csdesk.store import Workspace

DAY = date(2026, 4, 5)


def _rows(ws: Workspace, lang: str = "en") -> dict[str, object]:
    audit = build_audit(ws, lang=Lang(lang), today=DAY)
    assert audit.market is not None
    return {row.metric: row for row in audit.market.rows}


def test_bands_are_chosen_by_the_acv_in_dollars(portfolio_ws: Workspace) -> None:
    RATES.set(portfolio_ws, {"USD": {"rate": 5.0, "date": "2026-03-31"}})
    audit = build_audit(portfolio_ws, lang=Lang("en"), today=DAY)
    m = audit.market
    assert m is not None
    assert m.acv == pytest.approx(418_200 / 7)
    assert m.acv_usd == pytest.approx(418_200 / 7 / 5)  # $11,948.57: under $12k
    rows = {row.metric: row for row in m.rows}
    nrr = rows["nrr"].placement
    assert nrr is not None and nrr.segment is not None
    assert (nrr.segment.label, nrr.low, nrr.position) == ("ACV under $12k", 1.00, "below")
    assert rows["nrr"].value == pytest.approx(32_850 / 34_000)
    grr = rows["grr"].placement
    assert grr is not None and (grr.low, grr.position) == (0.90, "above")
    books = rows["accounts_per_csm"].placement
    assert rows["accounts_per_csm"].value == 8
    assert books is not None and books.low == pytest.approx(2_000_000 / (418_200 / 7 / 5))
    arr = rows["arr_per_csm"].placement
    assert rows["arr_per_csm"].value == pytest.approx(418_200)
    assert arr is not None and (arr.low, arr.position) == (10_000_000, "below")
    assert rows["fcr"].placement is not None and rows["fcr"].placement.position == "below"
    for metric in ("logo_churn", "tme", "nps"):
        assert rows[metric].placement is None
    titles = [f.title for f in m.findings]
    assert titles == [
        "NRR (12 months) behind the market",
        "GRR (12 months) ahead of the market",
        "Accounts per CSM below the guide: light books",
        "ARR per CSM below the guide: light books",
        "First-contact resolution behind the market",
    ]
    assert m.findings[0].evidence == (
        "NRR (12 months) of 96.6% is below the median (100.0%, ACV under $12K; SaaS Capital, 2023)."
    )
    # A stronger real: the same ACV is $29,871, in the $25k–$50k tier.
    RATES.set(portfolio_ws, {"USD": {"rate": 2.0, "date": "2026-03-31"}})
    nrr = _rows(portfolio_ws)["nrr"].placement  # type: ignore[attr-defined]
    assert nrr.segment.label == "ACV $25k–$50k" and nrr.low == 1.03


def test_without_a_dollar_rate_every_tier_is_the_band(portfolio_ws: Workspace) -> None:
    rows = _rows(portfolio_ws)
    nrr = rows["nrr"].placement  # type: ignore[attr-defined]
    assert nrr.segment is None and (nrr.low, nrr.high) == (1.00, 1.10)
    assert rows["arr_per_csm"].placement is None  # type: ignore[attr-defined]
    assert rows["accounts_per_csm"].placement is None  # type: ignore[attr-defined]


def test_named_tools_in_the_conventions_table(portfolio_ws: Workspace) -> None:
    audit = build_audit(portfolio_ws, lang=Lang("en"), today=DAY)
    tools = {c.figure: c for c in audit.conventions if c.figure.startswith("Logo churn · ")}
    assert list(tools) == [
        "Logo churn · ChartMogul",
        "Logo churn · Baremetrics",
        "Logo churn · ProfitWell Metrics (Paddle)",
        "Logo churn · Stripe Billing",
    ]
    assert tools["Logo churn · ChartMogul"].csdesk_value == pytest.approx(1 / 7)
    assert tools["Logo churn · ChartMogul"].other_value == pytest.approx(1 / 7)
    # Stripe adds the account that started in 2025-06 to the denominator.
    assert tools["Logo churn · Stripe Billing"].other_value == pytest.approx(1 / 8)
    assert "plus new ones" in tools["Logo churn · Stripe Billing"].other_rule


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Against the market", "Below the median", "SaaS Capital", "Sources", "Stripe"]),
        ("pt_BR", ["Comparação com o mercado", "Abaixo da mediana", "SaaS Capital", "Fontes"]),
    ],
)
def test_the_pdf_names_the_sources(
    portfolio_ws: Workspace, tmp_path: Path, lang: str, words: list[str]
) -> None:
    RATES.set(portfolio_ws, {"USD": {"rate": 5.0, "date": "2026-03-31"}})
    target = write_audit_pdf(
        build_audit(portfolio_ws, lang=Lang(lang), today=DAY), tmp_path / "a.pdf"
    )
    text = " ".join((page.extract_text() or "") for page in PdfReader(target).pages)
    text = " ".join(text.split())
    for word in words:
        assert word in text
    assert "2023 B2B SaaS Retention Benchmarks" in text


def test_the_export_lists_each_tools_reasons_account_by_account(tmp_path: Path) -> None:
    """Account 3 moves to a free plan (rows of 0), 4 lapses two months, 6 starts late."""
    ws = Workspace.open(tmp_path / "tools.csdesk", create=True)
    try:
        start = Month(2025, 1)
        book = {
            1: [100] * 13,
            2: [100] * 5 + [0] * 8,
            3: [100] * 8 + [0] * 5,
            4: [100] * 3 + [0, 0] + [100] * 8,
            6: [0] * 4 + [50] * 9,
        }
        with ws.transaction() as conn:
            conn.executemany(
                "INSERT INTO accounts (id, external_id, name, name_key) VALUES (?, ?, ?, ?)",
                [(a, f"C-{a}", f"Client {a}", f"client {a}") for a in book],
            )
            rows = []
            for account, values in book.items():
                for k, mrr in enumerate(values):
                    # A recorded 0 for the free plan; no row where an account did not pay.
                    if mrr or (account == 3 and k >= 8):
                        rows.append((account, str(start + k), float(mrr)))
            conn.executemany(
                "INSERT INTO revenue_months (account_id, month, mrr) VALUES (?, ?, ?)", rows
            )
        target = export_workbook(ws, tmp_path / "tools.xlsx", lang=Lang("en"), today=DAY)
        sheet = openpyxl.load_workbook(target)["Tool conventions"]
        got = [r for r in sheet.iter_rows(min_row=2, values_only=True)]
        by_tool: dict[str, list[tuple[object, ...]]] = {}
        for row in got:
            by_tool.setdefault(str(row[0]), []).append(row)
        [chartmogul] = by_tool["ChartMogul"]
        assert chartmogul[1:7] == (0.25, 0.5, "C-3", "Client 3", "Churned", "Retained")
        assert str(chartmogul[7]).startswith("MRR recorded as 0 from Sep 2025")
        [bare] = by_tool["Baremetrics"]
        assert bare[1:5] == (0.75, 0.5, "C-4", "Client 4")
        assert str(bare[7]).startswith("No MRR in Apr 2025, paying again from Jun 2025")
        stripe = by_tool["Stripe Billing"]
        assert [r[3] for r in stripe] == ["C-4", "C-6"]
        assert np.isclose(float(stripe[0][1]), 0.6)  # type: ignore[arg-type]
        assert str(stripe[1][7]).startswith("Started in May 2025, inside the window")
    finally:
        ws.close()


def test_the_command_takes_the_month_the_audit_is_as_of(
    portfolio_ws: Workspace, tmp_path: Path
) -> None:
    from csdesk.cli import main

    out = tmp_path / "audit.pdf"
    path = str(portfolio_ws.path)
    assert main(["report", "audit", path, "-o", str(out), "--as-of", "2025-12"]) == 0
    text = " ".join((page.extract_text() or "") for page in PdfReader(out).pages)
    assert "Figures as of Dec 2025" in " ".join(text.split())
    with pytest.raises(SystemExit) as refused:
        main(["report", "audit", path, "-o", str(out), "--as-of", "2025-13"])
    assert refused.value.code == 2
    audit = build_audit(portfolio_ws, lang=Lang("en"), today=DAY, as_of=Month(2025, 12))
    assert str(audit.as_of) == "2025-12"


def test_book_sizes_take_the_mrr_from_contracts_when_there_is_no_revenue_sheet(
    tmp_path: Path,
) -> None:
    ws = Workspace.open(tmp_path / "contracts.csdesk", create=True)
    try:
        with ws.transaction() as conn:
            conn.executemany(
                "INSERT INTO people (id, name, role) VALUES (?, ?, 'cs')", [(1, "Ana"), (2, "Rui")]
            )
            conn.executemany(
                "INSERT INTO accounts (id, name, name_key, csm_id) VALUES (?, ?, ?, ?)",
                [(1, "A", "a", 1), (2, "B", "b", 1), (3, "C", "c", 2), (4, "D", "d", None)],
            )
            conn.executemany(
                "INSERT INTO contracts (account_id, start_date, mrr) VALUES (?, '2025-01-01', ?)",
                [(1, 1000.0), (2, 2000.0), (3, 3000.0), (4, 4000.0)],
            )
        rows = _rows(ws)
        assert rows["accounts_per_csm"].value == 1.5  # type: ignore[attr-defined]
        # 12 × (1,000 + 2,000 + 3,000) over two CSMs; D has no CSM.
        assert rows["arr_per_csm"].value == 36_000  # type: ignore[attr-defined]
    finally:
        ws.close()
