"""Reports of a workspace that holds accounts but no revenue, tickets or surveys yet."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from csdesk.i18n import Lang
from csdesk.reports.audit.content import build_audit
from csdesk.reports.audit.pdf import write_audit_pdf
from csdesk.reports.qbr.content import build_qbr
from csdesk.reports.qbr.figures import QbrFigures
from csdesk.reports.qbr.pdf import write_qbr_pdf
from csdesk.reports.xlsx.export import export_workbook
from csdesk.store import Workspace


def _text(path: Path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_every_report_says_what_is_missing(
    team_ws: Workspace, tmp_path: Path, blank_figures: QbrFigures
) -> None:
    workbook = load_workbook(export_workbook(team_ws, tmp_path / "e.xlsx", lang=Lang("en")))
    # capacity needs only CSMs and their accounts, so it is there before any revenue is
    assert workbook.sheetnames == ["Summary", "Accounts", "Capacity"]
    assert workbook["Accounts"].max_row == 9

    qbr = build_qbr(team_ws, "plain", lang=Lang("en"))
    assert qbr.revenue.mrr is None and qbr.health.score is None
    text = _text(write_qbr_pdf(qbr, tmp_path / "q.pdf", blank_figures))
    assert "No data for this quarter yet." in text

    audit = build_audit(team_ws, lang=Lang("en"))
    assert audit.capacity is not None and int(audit.capacity["accounts"].sum()) > 0
    text = _text(write_audit_pdf(audit, tmp_path / "a.pdf"))
    assert "CSM capacity" in text
    assert "No CSM or account data to model capacity." not in text
    assert "Active accounts without a renewal date" in text
