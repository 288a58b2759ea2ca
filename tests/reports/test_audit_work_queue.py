"""The audit reads the work queue: actions per person, overdue ones, median days to close by
rule, renewals with no renewal action started, actions owned by the wrong role, risk reasons."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from csdesk.desk import queue
from csdesk.desk.engine import evaluate
from csdesk.i18n.lang import Lang
from csdesk.reports.audit.content import build_audit
from csdesk.reports.audit.pdf import write_audit_pdf
from csdesk.store.queries.actions import load_actions
from tests.desk.desk_book import AS_OF, build


def test_the_audit_counts_what_the_queue_shows(tmp_path: Path) -> None:
    ws, ids = build(tmp_path / "desk.csdesk")
    with ws:
        evaluate(ws, date(2026, 6, 9))  # Answered's NPS 3 of 5 June has no touch yet
        (detractor,) = load_actions(ws, rule="detractor")
        assert (detractor.account_id, detractor.created_on) == (ids["Answered"], date(2026, 6, 9))
        queue.done(ws, detractor.id or 0, on=date(2026, 6, 13))
        evaluate(ws, AS_OF)
        (escalation,) = load_actions(ws, rule="escalation")
        with ws.transaction() as conn:  # an escalation followed by the CSM
            conn.execute("UPDATE actions SET owner_role = 'cs' WHERE id = ?", (escalation.id,))
            conn.execute(
                "INSERT INTO risks (account_id, reason, opened_on) VALUES (?, 'budget', ?)",
                (ids["Falling"], "2026-06-01"),
            )
        audit = build_audit(ws, lang=Lang("en"), today=AS_OF)
        q = audit.queue
        assert q is not None
        open_actions = load_actions(ws, states=["open", "snoozed"])  # type: ignore[list-item]
        assert q.open == len(open_actions)
        assert q.overdue == sum(1 for a in open_actions if a.due < AS_OF)
        ana = next(p for p in q.people if p.person == "Ana Lima")
        assert ana.done_90d == 1
        assert q.days_to_close == {"detractor": 4.0}
        assert q.renewals_without_action == ["Renew Soon"]
        assert q.wrong_role == [("escalation", "cs", "Escalated")]
        assert q.risk_reasons == {"budget": 1}
        titles = [f.title for f in audit.role_findings]
        assert {
            "Work queue actions owned by the wrong role",
            "Overdue actions in the work queue",
            "Renewals without a started renewal action",
        } <= set(titles)
        target = write_audit_pdf(audit, tmp_path / "audit.pdf")
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "The work queue" in text and "Median days to close, by rule" in text
