"""The operation audit: figures by role, findings with evidence, conventions, PDF read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from csdesk.cli import main
from csdesk.domain.enums import Role
from csdesk.i18n import Lang, resolve
from csdesk.reports.audit.content import AuditContent, build_audit
from csdesk.reports.audit.pdf import write_audit_pdf
from csdesk.store import Workspace

DAY = date(2026, 4, 5)


@pytest.fixture(scope="module")
def audited_ws(shared_portfolio_ws: Workspace) -> Workspace:
    """The portfolio with the role conflicts and data problems an audit must find."""
    portfolio_ws = shared_portfolio_ws
    with portfolio_ws.transaction() as conn:
        conn.executemany(
            "INSERT INTO opportunities (account_id, kind, raised_role, owner_id, owner_role,"
            " stage, amount, created, closed, outcome) VALUES (?, ?, 'cs', 1, 'cs', ?, ?, ?, ?, ?)",
            [
                (2, "upsell", "closed_won", 5000.0, "2025-11-01", "2025-12-01", "won"),
                (3, "cross_sell", "negotiation", 7000.0, "2026-01-10", None, "open"),
                (4, "renewal", "negotiation", 12000.0, "2026-02-01", None, "open"),
            ],
        )
        conn.execute("UPDATE tickets SET assignee_id = 1")  # the CSM works the tickets
        conn.execute(
            "INSERT INTO import_batches (file_name, content_hash, entity, rows_rejected,"
            " started_at) VALUES ('clientes.xlsx', 'x', 'accounts', 7, '2026-01-01 10:00:00')"
        )
    return portfolio_ws


@pytest.fixture(scope="module")
def audit(audited_ws: Workspace) -> AuditContent:
    return build_audit(audited_ws, lang=Lang("en"), today=DAY)


def test_figures_are_grouped_by_the_role_that_owns_them(audit: AuditContent) -> None:
    labels = {role: [f.label for f in figures] for role, figures in audit.figures.items()}
    assert "NPS" in labels[Role.CX] and "CSAT" in labels[Role.CX]
    assert "TME (average wait)" in labels[Role.SUPPORT]
    assert "SLA attainment" in labels[Role.SUPPORT]
    assert "NRR (12 months)" in labels[Role.CS]
    assert "Renewal forecast, 90 days" in labels[Role.AM]
    nps = next(f for f in audit.figures[Role.CX] if f.label == "NPS")
    assert nps.value == 0  # one promoter, one detractor
    assert str(audit.as_of) == "2026-03"


def test_support_shows_the_tickets_csat(audit: AuditContent, audited_ws: Workspace) -> None:
    """CSAT is a Support figure too (its tickets' ratings, 5 and 3 here), beside CX's survey
    CSAT; with no ticket rated it is unknown, not 0."""
    [csat] = [f for f in audit.figures[Role.SUPPORT] if f.label == "Ticket CSAT"]
    assert (csat.value, csat.kind) == (0.5, "ratio")
    with audited_ws.transaction() as conn:
        kept = conn.execute("SELECT id, csat FROM tickets").fetchall()
        conn.execute("UPDATE tickets SET csat = NULL")
    try:
        unrated = build_audit(audited_ws, lang=Lang("en"), today=DAY)
        assert [f.value for f in unrated.figures[Role.SUPPORT] if f.label == "Ticket CSAT"] == [
            None
        ]
    finally:
        with audited_ws.transaction() as conn:
            conn.executemany("UPDATE tickets SET csat = ? WHERE id = ?", [(c, i) for i, c in kept])


def test_role_conflicts_are_found_with_their_evidence(audit: AuditContent) -> None:
    findings = {f.title: f for f in audit.role_findings}
    closed = findings["CS negotiates and closes opportunities"]
    assert closed.severity == "high"
    assert closed.evidence.startswith("2 upsell or cross-sell opportunities (R$12,000)")
    assert "AM" in closed.action
    assert (
        "1 renewal (an opportunity or a timeline entry) is owned"
        in findings["CS handles renewals"].evidence
    )
    assert findings["Active accounts with no AM"].evidence == (
        "1 of 8 active accounts have no account manager."
    )
    assert findings["CSMs work support tickets"].evidence == "2 tickets were assigned to 1 CSMs."
    for finding in audit.role_findings:
        assert finding.why and finding.action


def test_data_quality_findings(audit: AuditContent) -> None:
    findings = {f.title: f for f in audit.data_findings}
    assert findings["Rows rejected at import"].evidence == (
        "7 rows were not imported from: clientes.xlsx."
    )
    status = findings["Status and revenue disagree"]
    assert status.evidence.startswith("1 account marked active has no revenue in Mar 2026;")
    assert findings["Active accounts without a renewal date"].evidence.startswith("7 active")


def test_conventions_put_other_rules_beside_csdesks(audit: AuditContent) -> None:
    rows = {c.figure: c for c in audit.conventions}
    nrr = rows["NRR (12 months)"]
    assert nrr.csdesk_value is not None and nrr.other_value is not None
    assert nrr.other_value != nrr.csdesk_value  # new customers change the total-MRR ratio
    assert rows["CSAT"].csdesk_value == 1.0 and rows["CSAT"].other_value == 1.0


def test_pdf_in_both_languages(audited_ws: Workspace, audit: AuditContent, tmp_path: Path) -> None:
    english = write_audit_pdf(audit, tmp_path / "a.pdf")
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(english).pages).split())
    for expected in (
        "OPERATION AUDIT",
        "Figures by role",
        "CS negotiates and closes opportunities",
        "Why it matters",
        "CSM capacity",
        "Ana Souza",
        "Other tools' conventions",
        "clientes.xlsx",
    ):
        assert expected in text, expected
    portuguese = build_audit(audited_ws, lang=Lang("pt_BR"), today=DAY)
    target = write_audit_pdf(portuguese, tmp_path / "p.pdf")
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "AUDITORIA DA OPERAÇÃO" in text
    assert "CS negocia e fecha oportunidades" in text
    assert "R$ 12.000" in text.replace("\xa0", " ")
    assert "Página 1 de" in text


@pytest.mark.parametrize(
    ("language", "roles", "data", "expected"),
    [
        (
            "en",
            1,
            0,
            "1 finding on who does what between CS, AM, Support and CX; "
            "none on the quality of the data.",
        ),
        (
            "en",
            0,
            2,
            "No finding on who does what between CS, AM, Support and CX; "
            "2 findings on the quality of the data.",
        ),
        (
            "pt-BR",
            2,
            1,
            "2 achados sobre quem faz o quê entre CS, AM, Suporte e CX; "
            "1 achado sobre a qualidade dos dados.",
        ),
    ],
)
def test_summary_counts_read_as_sentences(
    audited_ws: Workspace, tmp_path: Path, language: str, roles: int, data: int, expected: str
) -> None:
    content = build_audit(audited_ws, lang=resolve(language), today=DAY)
    assert len(content.role_findings) >= 2 and len(content.data_findings) >= 2
    content.role_findings = content.role_findings[:roles]
    content.data_findings = content.data_findings[:data]
    target = write_audit_pdf(content, tmp_path / "summary.pdf")
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert expected in text


def test_command_line(audited_ws: Workspace, tmp_path: Path) -> None:
    path = str(audited_ws.path)
    out = tmp_path / "audit.pdf"
    assert main(["report", "audit", path, "-o", str(out), "--lang", "en"]) == 0
    assert PdfReader(out).pages
    assert main(["report", "audit", path, "-o", str(tmp_path / "audit.txt")]) == 2


def test_the_cover_names_the_company(audited_ws: Workspace, tmp_path: Path) -> None:
    """The audited company: --company, else the workspace's setting, else the file's name."""
    from csdesk.store.settings import ORGANISATION

    def cover(*options: str) -> str:
        out = tmp_path / "cover.pdf"
        assert main(["report", "audit", str(audited_ws.path), "-o", str(out), *options]) == 0
        return " ".join(PdfReader(out).pages[0].extract_text().split())

    assert audited_ws.path.stem.replace("-", " ").replace("_", " ") in cover()
    ORGANISATION.set(audited_ws, "Construtora Horizonte S.A.")
    try:
        assert "Construtora Horizonte S.A." in cover()
        assert "Acme & Filhos" in cover("--company", "Acme & Filhos")
    finally:
        ORGANISATION.reset(audited_ws)
