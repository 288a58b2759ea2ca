"""An audit of a data room whose open contracts carry the revenue past the end of its data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from stale_room import ACCOUNTS, CONTRACTS, TICKETS, build_room, build_stale_room

from csdesk.domain.month import Month
from csdesk.i18n import Lang
from csdesk.reports.audit.content import AuditContent, build_audit
from csdesk.store import Workspace


def _audit(path: Path, as_of: Month | None = None) -> AuditContent:
    with Workspace.open(path, read_only=True) as ws:
        return build_audit(ws, lang=Lang("en"), today=date.today(), as_of=as_of)


def _titled(audit: AuditContent, title: str) -> list[str]:
    return [f.severity for f in audit.data_findings if f.title == title]


def test_the_audit_is_as_of_the_end_of_the_data_and_says_so(tmp_path: Path) -> None:
    path = build_stale_room(tmp_path)
    with Workspace.open(path, read_only=True) as ws:
        revenue_end = ws.scalar("SELECT max(month) FROM revenue_months")
    assert revenue_end == str(Month.of(date.today()))  # the open contracts run on to today
    audit = _audit(path)
    assert audit.as_of == Month(2024, 12)
    # The year to December 2024 lost Gamma's 300 of 600: NRR 50%, not the 100% of the months
    # after the data, when the two open contracts pay on and nothing else happens.
    assert audit.headline["nrr_12m"] == pytest.approx(0.5)
    assert _titled(audit, "Figures as of the end of the data") == ["medium"]
    finding = next(f for f in audit.data_findings if f.title.startswith("Figures as of"))
    assert "Dec 2024" in finding.evidence and str(Month.of(date.today()).year) in finding.evidence


def test_a_month_asked_past_the_data_is_kept_and_flagged(tmp_path: Path) -> None:
    path = build_stale_room(tmp_path)
    asked = Month.of(date.today()) - 1
    audit = _audit(path, as_of=asked)
    assert audit.as_of == asked
    assert audit.headline["nrr_12m"] == pytest.approx(1.0)  # the months no one recorded
    assert _titled(audit, "Figures past the end of the data") == ["high"]
    finding = next(f for f in audit.data_findings if f.title.startswith("Figures past"))
    assert finding.action == "Audit as of the month the data ends: --as-of 2024-12."
    # Asked for the data's own end: nothing to say.
    assert not [f for f in _audit(path, Month(2024, 12)).data_findings if "end of" in f.title]


def test_recent_activity_or_none_keeps_the_last_revenue_month(tmp_path: Path) -> None:
    this_month = Month.of(date.today())
    recent = TICKETS + f"T3,A1,{(this_month - 1).first_day.isoformat()},low\n"
    path = build_room(tmp_path, accounts=ACCOUNTS, contracts=CONTRACTS, tickets=recent)
    audit = _audit(path)
    assert audit.as_of == this_month
    assert not [f for f in audit.data_findings if "end of the data" in f.title]
    # Contracts alone are not activity: a workspace of them is as of its last revenue month.
    (tmp_path / "only").mkdir()
    only = build_room(tmp_path / "only", accounts=ACCOUNTS, contracts=CONTRACTS)
    assert _audit(only).as_of == this_month


def test_csdesk_metrics_notes_where_the_activity_ends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from csdesk.cli import main

    path = build_stale_room(tmp_path)
    capsys.readouterr()
    assert main(["metrics", str(path), "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert "note: the figures of" in err and "is from Dec 2024 (--as-of 2024-12" in err
    assert "note:" not in out  # the figures themselves stay as they were
    # As of the data's end there is nothing to note, with --json too.
    assert main(["metrics", str(path), "--as-of", "2024-12", "--json"]) == 0
    assert capsys.readouterr().err == ""
