"""Data quality across a data room: files imported for real, then the cross-file findings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csdesk.domain.month import Month
from csdesk.i18n import Lang
from csdesk.ingest import commit, prepare
from csdesk.reports.audit import data_room
from csdesk.reports.audit.data_room_findings import findings
from csdesk.store import Workspace

FILES = {
    "clientes.csv": (
        "account_id,account_name,segment,currency,status\n"
        "A-1,ACME Ltda.,SMB,BRL,active\n"
        "A-2,Beta S.A.,SMB,BRL,active\n"
        "A-3,Gamma,Mid-Market,BRL,active\n"
        "A-4,Acme,SMB,BRL,active\n"
        "A-5,Delta Inc,Enterprise,USD,active\n"
    ),
    "01 receita mensal.csv": (
        "account_id,account_name,month,mrr\n"
        "A-1,ACME Ltda.,2025-01,1000\n"
        "A-1,ACME Ltda.,2025-02,1000\n"
        "A-2,Beta S.A.,2025-01,500\n"
        "A-2,Beta S.A.,2025-02,600\n"
        "A-5,Delta Inc,2025-02,700\n"
        "Z-1,Zeta Corp,2025-01,300\n"
        "Z-1,Zeta Corp,2025-02,350\n"
        "Z-2,Omega,2025-02,100\n"
    ),
    "tickets.csv": (
        "ticket_id,account_id,account_name,opened_at,priority\n"
        "T1,A-2,Beta S.A.,2024-12-20,high\n"
        "T2,A-2,Beta S.A.,2025-01-10,low\n"
        "T3,A-1,ACME Ltda.,2025-03-02,low\n"
        "T4,K-1,Kappa,2025-02-01,low\n"
    ),
}


def _import(ws: Workspace, folder: Path, names: list[str], files: dict[str, str] = FILES) -> None:
    for name in names:
        path = folder / name
        path.write_text(files[name], encoding="utf-8")
        commit(ws, prepare(path, ws=ws, rates={"USD": 5.0}))


@pytest.fixture
def room_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "room.csdesk", create=True)
    _import(ws, tmp_path, ["clientes.csv", "01 receita mensal.csv", "tickets.csv"])
    yield ws
    ws.close()


def test_each_check_counts_and_names_file_and_account(room_ws: Workspace) -> None:
    q = data_room.check(room_ws)
    assert q.files == 3
    assert q.register_files == ("clientes.csv",)
    assert q.revenue_files == ("01 receita mensal.csv",)
    [unknown] = q.revenue_unknown
    assert (unknown.present, unknown.absent, unknown.count) == (
        "01 receita mensal.csv",
        "clientes.csv",
        2,
    )
    assert unknown.amount == 450.0  # Zeta 350 + Omega 100, each in its last month
    assert [e.account for e in unknown.examples] == ["Omega", "Zeta Corp"]
    [missing] = q.missing_from_register
    assert (missing.present, missing.count, missing.examples[0].account) == (
        "tickets.csv",
        1,
        "Kappa",
    )
    [unpaid] = q.without_revenue
    assert [e.account for e in unpaid.examples] == ["Acme", "Gamma"]
    [late] = q.out_of_period
    assert (late.file, late.table, late.before, late.after) == ("tickets.csv", "tickets", 1, 1)
    assert [(e.account, e.detail) for e in late.examples] == [
        ("Beta S.A.", "2024-12-20"),
        ("ACME Ltda.", "2025-03-02"),
    ]
    [dup] = q.duplicates
    assert [(e.account, e.detail, e.file) for e in dup.spellings] == [
        ("ACME Ltda.", "A-1", "clientes.csv"),
        ("Acme", "A-4", "clientes.csv"),
    ]
    [usd] = q.currencies
    assert (usd.currency, usd.count, usd.examples[0].account) == ("USD", 1, "Delta Inc")


def test_findings_in_english_and_portuguese(room_ws: Workspace) -> None:
    q = data_room.check(room_ws)
    en = {f.title: f for f in findings(q, Lang("en"), "BRL")}
    assert en["Revenue for accounts missing from the accounts register"].evidence == (
        "2 accounts have revenue in 01 receita mensal.csv but are not in clientes.csv "
        "(R$450 of MRR in their last month), e.g. Omega, Zeta Corp."
    )
    assert en["One customer under two spellings"].severity == "high"
    assert "ACME Ltda. (A-1, clientes.csv) = Acme (A-4, clientes.csv)" in (
        en["One customer under two spellings"].evidence
    )
    assert en["Accounts named in one file and missing from another"].evidence.startswith(
        "1 account appears in tickets.csv but not in clientes.csv: Kappa; 2 active accounts"
    )
    assert "tickets.csv: 2 tickets (1 before, 1 after)" in (
        en["Tickets or surveys outside the revenue period"].evidence
    )
    pt = findings(q, Lang("pt_BR"), "BRL")
    assert [f.severity for f in pt] == [f.severity for f in en.values()]
    revenue = next(f for f in pt if "receita mensal" in f.evidence and "R$" in f.evidence)
    assert revenue.title == "Receita de contas ausentes do cadastro de contas"
    assert "R$\xa0450" in revenue.evidence and "clientes.csv" in revenue.evidence
    assert all(f.title not in en for f in pt)


def test_undone_batches_and_a_clean_room_say_nothing(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "clean.csdesk", create=True)
    try:
        folder = tmp_path / "files"
        folder.mkdir()
        clean = {
            "clean.csv": "account_id,account_name,segment,status\nA-2,Beta S.A.,SMB,active\n",
            "clean revenue.csv": "account_id,account_name,month,mrr\nA-2,Beta,2025-01,5\n",
        }
        _import(ws, folder, ["clean.csv", "clean revenue.csv"], clean)
        q = data_room.check(ws)
        assert findings(q, Lang("en"), "BRL") == []
        _import(ws, folder, ["tickets.csv"])
        assert data_room.check(ws).missing_from_register
        from csdesk.ingest import list_batches, undo

        undo(ws, max(b.id for b in list_batches(ws)))
        assert findings(data_room.check(ws), Lang("en"), "BRL") == []
    finally:
        ws.close()


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "One customer under two spellings"), ("pt_BR", "Um cliente com duas grafias")],
)
def test_the_audit_carries_them_most_serious_first(
    room_ws: Workspace, tmp_path: Path, lang: str, title: str
) -> None:
    from datetime import date

    from pypdf import PdfReader

    from csdesk.reports.audit.content import build_audit
    from csdesk.reports.audit.pdf import write_audit_pdf

    audit = build_audit(room_ws, lang=Lang(lang), today=date(2025, 3, 10))
    severities = [f.severity for f in audit.data_findings]
    assert severities == sorted(severities, key=("high", "medium", "low").index)
    assert title in [f.title for f in audit.data_findings]
    target = write_audit_pdf(audit, tmp_path / "room.pdf")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(target).pages)
    assert title in text and "01 receita mensal.csv" in text


def test_an_anonymised_copy_finds_the_same_problems(room_ws: Workspace) -> None:
    from datetime import date

    from csdesk.reports.anonymise import anonymised_copy
    from csdesk.reports.audit.content import build_audit

    def found(ws: Workspace) -> list[tuple[str, str]]:
        audit = build_audit(ws, lang=Lang("en"), today=date(2025, 3, 10))
        return [(f.severity, f.title) for f in audit.data_findings]

    plain = data_room.check(room_ws)
    with anonymised_copy(room_ws.path) as copy, Workspace.open(copy, read_only=True) as ws:
        hidden = data_room.check(ws)
        assert found(ws) == found(room_ws)
        text = " ".join(f.evidence for f in findings(hidden, Lang("en"), "BRL"))
    assert [d.spellings[0].detail for d in hidden.duplicates] == ["A-1"]
    assert [g.count for g in hidden.revenue_unknown] == [g.count for g in plain.revenue_unknown]
    assert [g.count for g in hidden.without_revenue] == [g.count for g in plain.without_revenue]
    for name in ("ACME", "Zeta", "Kappa", "clientes.csv", "receita"):
        assert name not in text


# A register whose MRR is a snapshot, beside a billing export in which one customer cancelled.
ENDED = {
    "clientes.csv": (
        "Cliente;Segmento;MRR\nConstrutora Horizonte;Enterprise;1800\nMercado Bom Preço;SMB;1000\n"
    ),
    "assinaturas.csv": (
        "Cliente;Plano;Valor;Periodicidade;Status;Data de início;Cancelada em\n"
        "Construtora Horizonte;Enterprise;5400;Trimestral;Ativa;01/02/2025;\n"
        "Mercado Bom Preço;Pro;12000;Anual;Cancelada;10/06/2023;10/06/2025\n"
    ),
}


def test_revenue_in_one_file_after_the_contracts_in_another_ended(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "room.csdesk", create=True) as ws:
        for name in ("clientes.csv", "assinaturas.csv"):
            path = tmp_path / name
            path.write_text(ENDED[name], encoding="utf-8")
            # The register's MRR is as of the month it was exported.
            commit(ws, prepare(path, ws=ws, as_of=Month(2025, 12)))
        quality = data_room.check(ws)
        [gap] = quality.paid_after_end
        assert (gap.file, gap.contracts, gap.count) == ("clientes.csv", "assinaturas.csv", 1)
        assert [(e.account, e.detail) for e in gap.examples] == [
            ("Mercado Bom Preço", "2025-06-10")
        ]
        assert gap.paying == (Month(2025, 12),)
        [found] = [
            f
            for f in findings(quality, Lang("pt_BR"), "BRL")
            if f.title == "Receita depois do fim dos contratos"
        ]
        assert found.severity == "medium"
        assert "Mercado Bom Preço (encerrado em 10/06/2025, pagando em dez/2025)" in found.evidence
        # The open contract's own revenue, and that of the file that wrote it, say nothing.
        assert "Construtora" not in found.evidence
