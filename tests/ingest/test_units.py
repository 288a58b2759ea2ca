"""Units said by headers and values: durations, percentages, money in thousands (issue 13.1).

The files are written the way help desks and Brazilian spreadsheets export them; the expected
figures are recomputed with pandas from the same file, not with csdesk's code.
"""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from csdesk.domain.month import Month
from csdesk.i18n import language
from csdesk.ingest import commit, prepare
from csdesk.ingest.units import header_percent, header_scale, header_unit, parse_durations
from csdesk.store import Workspace
from tests.ingest.ingest_helpers import write_csv, write_xlsx

AS_OF = Month(2024, 12)


def _tickets(ws: Workspace) -> pd.DataFrame:
    rows = ws.query(
        "SELECT external_id, first_response_minutes, resolution_hours, handle_minutes "
        "FROM tickets ORDER BY CAST(external_id AS INTEGER)"
    )
    return pd.DataFrame(rows, columns=["id", "frt", "resolution", "handle"])


def _decision(plan: object, column: str) -> str:
    return next(c.decision for c in plan.columns if c.column == column)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("First_Response_Time_Hours", "hours"),
        ("resolution time (minutes)", "minutes"),
        ("Tempo de resolução em horas", "hours"),
        ("TMA (min)", "minutes"),
        ("Tempo até primeira resposta (segundos)", "seconds"),
        ("Prazo (dias)", "days"),
        ("FirstReplyTimeInMinutes", "minutes"),
        ("Tempo (h)", "hours"),
        ("Handle time", None),
        ("d sales", None),
    ],
)
def test_a_header_says_its_duration_unit(header: str, unit: str | None) -> None:
    assert header_unit(header) == unit


@pytest.mark.parametrize(
    ("header", "scale"),
    [
        ("Receita (R$ mil)", 1000.0),
        ("MRR em milhares", 1000.0),
        ("ARR (k)", 1000.0),
        ("Valor (R$ milhões)", 1_000_000.0),
        ("Mil Folhas", 1.0),
        ("MRR", 1.0),
    ],
)
def test_a_money_header_says_its_scale(header: str, scale: float) -> None:
    assert header_scale(header) == scale


def test_a_header_says_percentages() -> None:
    assert header_percent("Probability (%)")
    assert header_percent("Prob pct")
    assert not header_percent("Probabilidade")


def test_written_durations_are_read_whatever_the_header() -> None:
    cells = np.array(
        [
            "01:30:00",
            "1d 2h",
            "45 min",
            "2 horas e 30 minutos",
            "1h30",
            timedelta(hours=3),
            time(0, 20),
            "90",
            None,
        ],
        dtype=object,
    )
    blank = np.array([c is None for c in cells])
    minutes, bad, decision = parse_durations(cells, blank, "minutes", None)
    assert minutes[:8].tolist() == [90.0, 1560.0, 45.0, 150.0, 90.0, 180.0, 20.0, 90.0]
    assert np.isnan(minutes[8]) and not bad.any()
    assert "1:30:00" in decision


def test_hours_in_the_header_of_a_help_desk_export_are_converted_to_minutes(
    ws: Workspace, tmp_path: Path
) -> None:
    # The shape of a public 1,000-ticket Kaggle export: hours, with a decimal point.
    text = (
        "Ticket_ID,Customer_Company,Created_Date,Priority,First_Response_Time_Hours,"
        "Resolution_Time_Hours,Satisfaction_Score\n"
        "1,Acme,2024-03-01 09:00:00,High,17.5,48.25,4\n"
        "2,Acme,2024-03-02 10:00:00,Low,0.5,3,5\n"
        "3,Globex,2024-03-03 11:00:00,Medium,2.75,,3\n"
    )
    path = write_csv(tmp_path / "support_tickets.csv", text)
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.entity == "tickets" and plan.blocking is None
    assert plan.mapping()["First_Response_Time_Hours"] == "first_response_minutes"
    assert "read as hours, converted to minutes" in _decision(plan, "First_Response_Time_Hours")
    assert "in hours" in _decision(plan, "Resolution_Time_Hours")
    commit(ws, plan)
    expected = pd.read_csv(path)
    stored = _tickets(ws)
    assert stored["frt"].tolist() == (expected["First_Response_Time_Hours"] * 60).tolist()
    assert stored["resolution"].tolist()[:2] == expected["Resolution_Time_Hours"].tolist()[:2]
    from csdesk.metrics import support
    from csdesk.metrics.periods import Window

    summary = support.summary(ws, Window(Month(2024, 12)))
    assert summary.tme_minutes == pytest.approx((expected["First_Response_Time_Hours"] * 60).mean())


def test_minutes_in_the_header_are_converted_to_hours(ws: Workspace, tmp_path: Path) -> None:
    text = (
        "ticket id;account;created at;resolution time (minutes);handle time (seconds)\n"
        "10;Acme;01/03/2024 09:00;900;1800\n"
        "11;Acme;02/03/2024 09:00;90;600\n"
    )
    path = write_csv(tmp_path / "chamados.csv", text, "cp1252")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert plan.mapping()["resolution time (minutes)"] == "resolution_hours"
    assert plan.mapping()["handle time (seconds)"] == "handle_minutes"
    commit(ws, plan)
    stored = _tickets(ws)
    assert stored["resolution"].tolist() == [15.0, 1.5]
    assert stored["handle"].tolist() == [30.0, 10.0]


def test_clock_durations_in_a_brazilian_export_and_the_decision_in_portuguese(
    ws: Workspace, tmp_path: Path
) -> None:
    text = (
        "Protocolo;Cliente;Data de abertura;Tempo de primeira resposta;Tempo de resolução\n"
        "501;Padaria Sol;05/02/2024 08:10;00:45:00;1d 2h\n"
        "502;Padaria Sol;06/02/2024 14:00;02:15:30;3h30min\n"
    )
    path = write_csv(tmp_path / "atendimentos.csv", text, "cp1252")
    with language("pt-BR"):
        plan = prepare(path, ws=ws, as_of=AS_OF)
        decision = _decision(plan, "Tempo de primeira resposta")
    assert "convertidas para minutos" in decision
    commit(ws, plan)
    stored = _tickets(ws)
    assert stored["frt"].tolist() == [45.0, 135.5]
    assert stored["resolution"].tolist() == [26.0, 3.5]


def test_workbook_time_cells_are_durations(ws: Workspace, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "tickets.xlsx",
        [
            ["Ticket", "Account", "Opened", "First response time"],
            [1, "Acme", "2024-05-02 10:00", time(1, 30)],
            [2, "Acme", "2024-05-03 10:00", time(0, 5)],
        ],
    )
    commit(ws, prepare(path, ws=ws, as_of=AS_OF))
    assert _tickets(ws)["frt"].tolist() == [90.0, 5.0]


def test_revenue_in_thousands_is_multiplied_and_said(ws: Workspace, tmp_path: Path) -> None:
    text = "Cliente;Mês;MRR (R$ mil)\nPadaria Sol;jan/24;1,5\nPadaria Sol;fev/24;2\n"
    path = write_csv(tmp_path / "receita.csv", text, "cp1252")
    plan = prepare(path, ws=ws, as_of=AS_OF)
    assert "multiplied by 1,000" in _decision(plan, "MRR (R$ mil)")
    commit(ws, plan)
    rows = ws.query("SELECT month, mrr FROM revenue_months ORDER BY month")
    assert [tuple(r) for r in rows] == [("2024-01", 1500.0), ("2024-02", 2000.0)]


def test_the_dry_run_says_the_conversion(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    text = "Ticket_ID,Company,Created_Date,First_Response_Time_Hours\n1,Acme,2024-03-01,2\n"
    path = write_csv(tmp_path / "tickets.csv", text)
    target = tmp_path / "w.csdesk"
    command = [sys.executable, "-m", "csdesk", "import", str(target), str(path), "--dry-run"]
    shown = subprocess.run([*command, "--lang", "en"], capture_output=True, text=True, check=True)
    assert "read as hours, converted to minutes" in shown.stdout
    shown = subprocess.run(
        [*command, "--lang", "pt-BR"], capture_output=True, text=True, check=True
    )
    assert "lido em horas, convertido para minutos" in shown.stdout
    data = json.loads(
        subprocess.run([*command, "--json"], capture_output=True, text=True, check=True).stdout
    )
    assert "converted to minutes" in data["decisions"]["First_Response_Time_Hours"]
    assert not target.exists()
