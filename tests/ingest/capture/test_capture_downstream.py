"""What captured touches feed: the health score's engagement, the account's stakeholders and
the QBR's "their team" page."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

from capture_book import account_id
from exports import Event, Mail, google_calendar, thunderbird_mbox

from csdesk import ingest
from csdesk.domain.month import Month
from csdesk.i18n.lang import Lang
from csdesk.store import Workspace
from csdesk.store.queries.stakeholders import influence_group, stakeholders

ANA = ("Ana Lima", "ana@team.example")
JOAO = ("Souza, João", "joao.souza@acme.example", "ACCEPTED")
RITA = ("Rita Alves", "rita@acme.example", "ACCEPTED")


def _capture(ws: Workspace, tmp_path: Path) -> None:
    calendar = google_calendar(
        tmp_path / "agenda.ics",
        "ana@team.example",
        [
            Event("k@g", "20260115T100000", "Kickoff do trimestre", ANA, [JOAO, RITA]),
            Event("q@g", "20260310T100000", "QBR Acme", ANA, [JOAO]),
        ],
    )
    for path in (
        calendar,
        thunderbird_mbox(
            tmp_path / "Acme.mbox",
            [
                Mail(
                    "Ana Lima <ana@team.example>",
                    "Rita Alves <rita@acme.example>",
                    "Thu, 12 Feb 2026 09:00:00 -0300",
                    "Relatório de uso",
                    message_id="<r1@t>",
                )
            ],
        ),
    ):
        plan = ingest.prepare(path, ws=ws, as_of=Month.parse("2026-03"))
        ingest.commit(ws, plan)


def test_stakeholders_by_influence_with_their_last_touch(book: Workspace, tmp_path: Path) -> None:
    _capture(book, tmp_path)
    found = stakeholders(book, account_id(book, "Acme Corp"))
    assert [(s.name, s.group, s.touches) for s in found] == [
        ("João Souza", "champion", 2),
        ("Rita Alves", "other", 2),
    ]
    assert found[0].last_touch == datetime(2026, 3, 10, 10, 0)
    assert found[1].last_touch == datetime(2026, 2, 12, 9, 0)
    # Before the QBR, João's last touch was the kickoff.
    before = stakeholders(book, account_id(book, "Acme Corp"), before=date(2026, 3, 1))
    assert before[0].last_touch == datetime(2026, 1, 15, 10, 0) and before[0].touches == 1


def test_influence_words_in_both_languages() -> None:
    assert influence_group("Campeão") == "champion"
    assert influence_group("Economic Buyer") == "decision_maker"
    assert influence_group("tomador de decisão") == "decision_maker"
    assert influence_group("Former champion") == "other"
    assert influence_group(None) == "other"


def test_captured_touches_feed_the_engagement_of_the_health_score(
    book: Workspace, tmp_path: Path
) -> None:
    from csdesk.metrics import health

    acme = account_id(book, "Acme Corp")
    _capture(book, tmp_path)
    explained = health.explain(book, acme, Month.parse("2026-03"))
    engagement = next(c for c in explained.components if c.name == "engagement")
    assert engagement.value is not None
    # The last CS touch is the QBR on 10 March: 21 days before the end of March.
    assert round(engagement.value) == 21


def test_the_qbr_lists_who_we_met_this_quarter(book: Workspace, tmp_path: Path) -> None:
    from csdesk.reports.qbr.content import build_qbr
    from csdesk.reports.qbr.pdf import write_qbr_pdf

    _capture(book, tmp_path)
    content = build_qbr(book, "Acme Corp", quarter="2026Q1", lang=Lang("pt_BR"))
    assert [(s.name, s.touches, s.last_touch) for s in content.their_team] == [
        ("João Souza", 2, date(2026, 3, 10)),
        ("Rita Alves", 2, date(2026, 2, 12)),
    ]
    pdf = write_qbr_pdf(content, tmp_path / "qbr.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "quem encontramos neste trimestre" in text
    assert "João Souza" in text and "10/03/2026" in text
    # The quarter before met no one: no empty page for it.
    earlier = build_qbr(book, "Acme Corp", quarter="2025Q4", lang=Lang("pt_BR"))
    assert earlier.their_team == []
