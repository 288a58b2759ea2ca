"""The `csdesk metrics --json` object: keys, scopes, nulls, and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.domain.month import Month
from csdesk.errors import CsdeskError
from csdesk.metrics import portfolio
from csdesk.store import Workspace
from tests.metrics.conftest import Book

DESIGN_KEYS = [
    "as_of",
    "currency",
    "mrr",
    "arr",
    "active_accounts",
    "arpa",
    "nrr_12m",
    "grr_12m",
    "logo_churn_12m",
    "gross_mrr_churn",
    "net_mrr_churn",
    "ltv",
    "movements",
    "nps",
    "csat",
    "ces",
    "support",
    "renewals",
    "health",
]


@pytest.fixture
def small(book: Book) -> Book:
    """Two segments; A churns in May and returns in June (see test_revenue for the sums)."""
    a = book.account("A", segment="SMB", seats=10, renewal_date="2025-08-15")
    b = book.account("B", segment="Enterprise", seats=50, renewal_date="2025-07-10")
    c = book.account("C", segment="SMB", seats=5)
    book.revenue(a, {"2025-01": 100, "2025-02": 100, "2025-03": 150, "2025-04": 120, "2025-06": 80})
    book.revenue(b, {"2025-02": 200, "2025-03": 200, "2025-04": 200, "2025-05": 200})
    book.revenue(c, {"2025-04": 50, "2025-05": 50, "2025-06": 70})
    book.ws.insert_many(
        "surveys",
        ["account_id", "date", "type", "score"],
        [(a, "2025-06-01", "nps", 10), (c, "2025-06-02", "nps", 3), (a, "2025-06-03", "csat", 5)],
    )
    book.ws.insert_many(
        "tickets",
        ["account_id", "opened_at", "first_response_minutes", "handle_minutes", "priority"],
        [
            (a, "2025-06-01 10:00:00", 30.0, 10.0, "urgent"),
            (c, "2025-05-01 10:00:00", 90.0, 20.0, "urgent"),
        ],
    )
    return book


def test_keys_and_values(ws: Workspace, small: Book) -> None:
    result = portfolio.compute(ws)
    assert list(result) == DESIGN_KEYS
    assert result["as_of"] == "2025-06"
    assert result["currency"] == "BRL"
    assert result["mrr"] == 150 and result["arr"] == 1800
    assert result["active_accounts"] == 2 and result["arpa"] == 75
    # 12 months back is 2024-06: nobody paid, so the trailing ratios are undefined.
    assert result["nrr_12m"] is None and result["grr_12m"] is None
    assert result["logo_churn_12m"] is None
    assert result["gross_mrr_churn"] == pytest.approx(0.8)
    assert result["net_mrr_churn"] == pytest.approx(0.4)
    assert result["ltv"] == pytest.approx(450)
    assert [m["month"] for m in result["movements"]] == [
        "2025-01",
        "2025-02",
        "2025-03",
        "2025-04",
        "2025-05",
        "2025-06",
    ]
    assert result["movements"][-1] == {
        "month": "2025-06",
        "new": 0.0,
        "expansion": 20.0,
        "contraction": 0.0,
        "churn": -200.0,
        "reactivation": 80.0,
        "mrr": 150.0,
    }
    assert result["nps"] == {
        "score": 0.0,
        "promoters": 1,
        "passives": 0,
        "detractors": 1,
        "responses": 2,
    }
    assert result["csat"] == 1.0 and result["ces"] is None
    assert result["support"]["tickets"] == 2 and result["support"]["sla"] == 0.5
    # A renews 2025-08-15 (within 90 days of 30 June), B on 2025-07-10 but pays nothing now:
    # both are due; A's value is 12 x its May MRR... A paid 0 in May, so its fallback is None.
    assert result["renewals"]["due_90d"] == 2
    assert sum(result["health"].values()) == 2
    json.dumps(result)  # plain JSON types only


def test_as_of_and_window(ws: Workspace, small: Book) -> None:
    result = portfolio.compute(ws, as_of=Month(2025, 4), window=1)
    assert result["as_of"] == "2025-04" and result["mrr"] == 370
    assert result["movements"][-1]["month"] == "2025-04"
    assert result["nps"]["responses"] == 0 and result["nps"]["score"] is None
    assert result["support"]["tickets"] == 0


def test_account_and_segment_scopes(ws: Workspace, small: Book) -> None:
    one = portfolio.compute(ws, account="A")
    assert one["mrr"] == 80 and one["active_accounts"] == 1
    assert one["nps"]["promoters"] == 1 and one["nps"]["responses"] == 1
    assert one["support"]["tickets"] == 1
    assert portfolio.compute(ws, account="C")["movements"][0]["month"] == "2025-04"
    smb = portfolio.compute(ws, segment="SMB")
    assert smb["mrr"] == 150 and smb["nps"]["responses"] == 2
    enterprise = portfolio.compute(ws, segment="Enterprise")
    assert enterprise["mrr"] == 0 and enterprise["nps"]["responses"] == 0
    with pytest.raises(CsdeskError, match="'Nobody'"):
        portfolio.compute(ws, account="Nobody")
    with pytest.raises(CsdeskError, match=r"Mid-Market.*Enterprise, SMB"):
        portfolio.compute(ws, segment="Mid-Market")


def test_empty_workspace_is_all_null(ws: Workspace) -> None:
    result = portfolio.compute(ws)
    assert result["mrr"] is None and result["ltv"] is None and result["movements"] == []
    assert result["nps"]["score"] is None and result["support"]["tickets"] is None
    assert result["health"] == {"healthy": 0, "at_risk": 0, "critical": 0}


def test_cli_json_keys(ws: Workspace, small: Book, capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(ws.path)
    ws.close()
    assert main(["metrics", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == DESIGN_KEYS
    assert list(data["support"]) == [
        "tickets",
        "tma_minutes",
        "tme_minutes",
        "resolution_hours",
        "fcr",
        "sla",
    ]
    assert list(data["renewals"]) == ["due_90d", "value_due_90d", "forecast_90d"]
    assert list(data["health"]) == ["healthy", "at_risk", "critical"]
    assert main(["metrics", str(path), "--json", "--account", "B", "--as-of", "2025-03"]) == 0
    assert json.loads(capsys.readouterr().out)["mrr"] == 200


def test_cli_table_in_portuguese(
    ws: Workspace, small: Book, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from csdesk.store.settings import LOCALE

    LOCALE.set(ws, "pt_BR")
    path = Path(ws.path)
    ws.close()
    assert main(["metrics", str(path)]) == 0
    out = capsys.readouterr().out
    assert "R$" in out and "150,00" in out
    assert "jun/2025" in out


def test_cli_errors_are_one_line(
    ws: Workspace, small: Book, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path(ws.path)
    ws.close()
    assert main(["metrics", str(path), "--account", "Nobody"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("csdesk: ") and "Nobody" in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit):
        main(["metrics", str(path), "--as-of", "June"])
    assert "YYYY-MM" in capsys.readouterr().err


def test_cli_health(ws: Workspace, small: Book, capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(ws.path)
    ws.close()
    assert main(["health", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2025-06"
    assert {a["name"] for a in data["accounts"]} == {"A", "C"}
    assert main(["health", str(path), "--account", "A", "--json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert one["name"] == "A" and [c["name"] for c in one["components"]] == [
        "adoption",
        "engagement",
        "support",
        "sentiment",
        "financial",
    ]
    assert main(["health", str(path), "--account", "A"]) == 0
    assert "A — " in capsys.readouterr().out
    assert main(["health", str(path)]) == 0
    assert "Health" in capsys.readouterr().out


def test_cli_start_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = (
        "import sys, csdesk.cli, csdesk.metrics; csdesk.cli.build_parser(); "
        "print('pandas' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_as_of_after_the_data_is_refused(ws: Workspace, small: Book) -> None:
    with pytest.raises(CsdeskError, match=r"2025-09.*2025-06"):
        portfolio.compute(ws, as_of=Month(2025, 9))


def test_cli_argument_mistakes(
    ws: Workspace, small: Book, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path(ws.path)
    ws.close()
    for argv in (
        ["metrics", str(path), "--window", "0"],
        ["metrics", str(path), "--account", "A", "--segment", "SMB"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    capsys.readouterr()
    assert main(["health", str(path), "--account", "Nobody"]) == 2
    assert "Nobody" in capsys.readouterr().err


def test_cli_on_an_empty_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Workspace.create(tmp_path / "empty.csdesk").close()
    assert main(["metrics", str(tmp_path / "empty.csdesk")]) == 0
    assert "—" in capsys.readouterr().out
    assert main(["health", str(tmp_path / "empty.csdesk"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["accounts"] == [] and data["counts"] == {"healthy": 0, "at_risk": 0, "critical": 0}
