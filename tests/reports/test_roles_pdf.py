"""The role-clarity PDF: content read back with pypdf, in both languages, hostile names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from csdesk.cli import main
from csdesk.errors import CsdeskError
from csdesk.i18n import Lang
from csdesk.reports.roles import build_roles_document
from csdesk.reports.roles_pdf import write_roles_pdf
from csdesk.store import Workspace

DAY = date(2026, 11, 22)


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_account_document_names_the_team_and_prints_the_matrix(
    team_ws: Workspace, tmp_path: Path
) -> None:
    document = build_roles_document(team_ws, "markup", lang=Lang("en"), today=DAY)
    target = write_roles_pdf(document, tmp_path / "roles.pdf")
    text = _text(target)
    assert "<b>ACME & Co</b>" in text
    for name in ("Ana Souza", "Bruno Lima", "Carla Dias", "Diego Reis", "ana@vendor.example"):
        assert name in text
    assert "Prepared by Ana Souza" in text
    assert "Nov 22, 2026" in text
    for title in ("Bug reports and usability doubts", "Identifying upsell and cross-sell"):
        assert title in text
    assert "R/A" in text
    assert "Escalation path" in text
    assert "Within 1 business day" in text
    assert "Page 1 of 3" in text


def test_portuguese_document_uses_portuguese_wording_and_dates(
    team_ws: Workspace, tmp_path: Path
) -> None:
    document = build_roles_document(team_ws, "plain", lang=Lang("pt_BR"), today=DAY)
    text = _text(write_roles_pdf(document, tmp_path / "papeis.pdf"))
    assert "Quem faz o quê" in text
    assert "22/11/2026" in text
    assert "Bugs e dúvidas de uso" in text
    assert "Seu time" in text
    assert "Ainda não definido" in text  # the account has no AM
    assert "Página 1 de" in text


def test_generic_document_names_nobody(team_ws: Workspace, tmp_path: Path) -> None:
    document = build_roles_document(team_ws, None, lang=Lang("en"), today=DAY)
    text = _text(write_roles_pdf(document, tmp_path / "generic.pdf"))
    assert "For all our customers" in text
    assert "Ana Souza" not in text
    assert "Your team" not in text
    assert "How to reach each team" in text


@pytest.mark.parametrize("key", ["formula", "dde", "long", "emoji"])
def test_hostile_account_names_print_as_typed(
    team_ws: Workspace, tmp_path: Path, key: str, hostile_names: dict[str, str]
) -> None:
    document = build_roles_document(team_ws, key, lang=Lang("en"), today=DAY)
    text = _text(write_roles_pdf(document, tmp_path / f"{key}.pdf"))
    expected = hostile_names[key].replace("🚀", "").strip()
    assert expected in text.replace("\n", "") or expected in text


@pytest.mark.parametrize("key", ["persian", "arabic"])
def test_right_to_left_names_are_drawn_with_joined_letters(
    team_ws: Workspace, tmp_path: Path, key: str
) -> None:
    document = build_roles_document(team_ws, key, lang=Lang("pt_BR"), today=DAY)
    text = _text(write_roles_pdf(document, tmp_path / f"{key}.pdf"))
    assert any(0xFB50 <= ord(ch) <= 0xFEFF for ch in text)


def test_unknown_account_is_a_user_error(team_ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(CsdeskError, match="no account with external id or name 'Nobody'"):
        build_roles_document(team_ws, "Nobody", lang=Lang("en"))
    assert not list(tmp_path.glob("*.pdf"))


def test_command_line_writes_the_document(
    team_ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = team_ws.path
    team_ws.close()
    out = tmp_path / "cli.pdf"
    assert main(["report", "roles", str(path), "plain", "-o", str(out), "--lang", "pt-BR"]) == 0
    assert "Quem faz o quê" in _text(out)
    assert main(["report", "roles", str(path), "nobody", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "nobody" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
