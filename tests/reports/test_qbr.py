"""The QBR pack: content drafted from the data, PDF read back with pypdf, slides with
python-pptx, stored narratives, quarters, hostile names and the --all batch."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from csdesk.cli import main
from csdesk.domain.enums import HealthBand, Role
from csdesk.errors import CsdeskError
from csdesk.i18n import Lang
from csdesk.reports.qbr.batch import file_name, write_all
from csdesk.reports.qbr.content import build_qbr
from csdesk.reports.qbr.figures import QbrFigures, draw
from csdesk.reports.qbr.model import NextStep, QbrContent, Quarter
from csdesk.reports.qbr.narrative import load_narrative, save_narrative
from csdesk.reports.qbr.pdf import write_qbr_pdf
from csdesk.reports.qbr.slides import write_qbr_pptx
from csdesk.store import Workspace
from csdesk.store.backup import backup_to

DAY = date(2026, 4, 5)
ACME = "<b>ACME & Co</b>"


@pytest.fixture(scope="module")
def english(qbr_ws: Workspace) -> QbrContent:
    return build_qbr(qbr_ws, "markup", quarter="2026Q1", lang=Lang("en"), today=DAY)


@pytest.fixture(scope="module")
def figures(english: QbrContent) -> QbrFigures:
    return draw(english)


@pytest.fixture(scope="module")
def pdf_text(
    english: QbrContent, figures: QbrFigures, tmp_path_factory: pytest.TempPathFactory
) -> str:
    target = write_qbr_pdf(english, tmp_path_factory.mktemp("pdf") / "qbr.pdf", figures)
    return "\n".join(page.extract_text() for page in PdfReader(target).pages)


def test_quarter_parsing_and_arithmetic() -> None:
    q = Quarter.parse("2026q1")
    assert (str(q), str(q.first_month), str(q.last_month)) == ("2026Q1", "2026-01", "2026-03")
    assert str(q.previous) == "2025Q4"
    for bad in ("2026Q5", "Q3", "2026-07"):
        with pytest.raises(CsdeskError, match="2026Q3"):
            Quarter.parse(bad)


def test_content_is_drawn_from_the_data(english: QbrContent) -> None:
    assert english.account_name == ACME
    assert str(english.as_of) == "2026-03"
    assert english.revenue.mrr == 1200.0
    assert english.revenue.mrr_quarter_start == 1000.0
    assert english.revenue.days_to_renewal == 61
    assert english.adoption.seats == 40 and english.adoption.active_users == 33.0
    assert english.adoption.utilisation == pytest.approx(33 / 40)
    assert english.goals[0].objective == "Roll out to the <b>finance</b> team"
    assert english.goals[1].progress == pytest.approx(0.8)
    assert english.last_qbr == date(2025, 12, 10)
    changes = [c.what for c in english.changes]
    assert "Milestone: ERP integration live" in changes
    assert any(text.startswith("Expansion of") for text in changes)
    assert english.experience.promoters == 1 and english.experience.detractors == 1
    assert english.health.band in set(HealthBand)
    assert english.person(Role.AM) is not None and english.person(Role.AM).name == "Bruno Lima"  # type: ignore[union-attr]
    assert english.summary_drafted
    assert "MRR is R$1,200.00, +20.0% over the quarter." in english.summary
    assert "Goal achieved: Roll out to the <b>finance</b> team" in english.wins
    assert "Renewal on May 31, 2026" in english.risks
    roles = [step.owner_role for step in english.next_steps]
    assert Role.AM in roles and Role.CX in roles and roles[-1] is Role.CS


def test_pdf_says_it_all_and_prints_markup_as_text(pdf_text: str) -> None:
    text = " ".join(pdf_text.split())
    for expected in (
        ACME,
        "Q1 2026 (Jan 2026 – Mar 2026)",
        "CSM: Ana Souza",
        "Account manager: Bruno Lima",
        "Executive summary",
        "Roll out to the <b>finance</b> team",
        "New sponsor: <i>Maria</i> & team",
        "Opportunities for the AM",
        "Ana Souza (Customer Success)",
        "Next steps",
        "Prepare the renewal proposal",
        "Your team",
        "Carla Dias",
        "R$24,000",
        "May 31, 2026",
    ):
        assert expected in text, expected
    assert "Page 1 of" in text


def test_portuguese_pack_uses_the_locale(
    qbr_ws: Workspace, tmp_path: Path, blank_figures: QbrFigures
) -> None:
    content = build_qbr(qbr_ws, "markup", quarter="2026Q1", lang=Lang("pt_BR"), today=DAY)
    target = write_qbr_pdf(content, tmp_path / "qbr.pdf", blank_figures)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Revisão trimestral de negócios".upper() in text
    assert "1º trimestre de 2026 (jan/2026 – mar/2026)" in text
    assert "R$\xa01.200,00" in content.summary and "+20,0%" in content.summary
    assert "31/05/2026" in text
    assert "Próximos passos" in text and "Seu time" in text
    assert "Página 1 de" in text


def test_slides_carry_the_same_content(
    english: QbrContent, figures: QbrFigures, tmp_path: Path
) -> None:
    target = write_qbr_pptx(english, tmp_path / "qbr.pptx", figures)
    deck = Presentation(str(target))
    assert len(deck.slides) == 10
    texts: list[str] = []
    pictures = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
            pictures += shape.shape_type == 13  # MSO_SHAPE_TYPE.PICTURE
    joined = "\n".join(texts)
    assert ACME in joined
    assert english.summary in joined
    assert "Prepare the renewal proposal" in joined
    assert "Carla Dias" in joined
    assert pictures == 5


def test_stored_narrative_replaces_the_draft(qbr_ws: Workspace, tmp_path: Path) -> None:
    steps = [
        NextStep("Send the BI use case", Role.CS, date(2026, 5, 1)),
        NextStep("Quote", Role.AM, None),
    ]
    quarter = Quarter.parse("2025Q4")
    save_narrative(qbr_ws, 1, quarter, "A strong quarter & a <new> sponsor.", steps)
    stored = load_narrative(qbr_ws, 1, quarter)
    assert stored is not None and stored.next_steps == steps
    content = build_qbr(qbr_ws, 1, quarter=quarter, lang=Lang("en"), today=DAY)
    assert not content.summary_drafted
    assert content.summary == "A strong quarter & a <new> sponsor."
    assert content.next_steps == steps
    assert load_narrative(qbr_ws, 1, Quarter.parse("2026Q1")) is None


def test_file_names_are_safe_and_unique() -> None:
    quarter = Quarter.parse("2026Q3")
    assert file_name("ACC-1", "<b>ACME & Co</b>", quarter, "pdf") == "acc-1-b-acme-co-b-2026Q3.pdf"
    assert file_name(None, "../../etc", quarter, "pptx") == "etc-2026Q3.pptx"
    assert file_name("x", "شرکت نمونه", quarter, "pdf").endswith("-2026Q3.pdf")


def test_all_writes_one_pack_per_active_account(qbr_ws: Workspace, tmp_path: Path) -> None:
    path = qbr_ws.path
    with Workspace.open(path, read_only=True) as ws:
        active = ws.scalar("SELECT count(*) FROM accounts WHERE status = 'active'")
    small = tmp_path / "small.csdesk"
    # Two active accounts keep the test quick; the rest are churned in a copy.
    backup_to(path, small)
    with Workspace.open(small) as ws:
        with ws.transaction() as conn:
            conn.execute("UPDATE accounts SET status = 'churned' WHERE id > 2")
        result = write_all(
            ws,
            tmp_path / "packs",
            quarter=Quarter.parse("2026Q1"),
            lang=Lang("en"),
            jobs=2,
            today=DAY,
        )
    assert active == 8
    assert [p.name for p in result.written] == sorted(
        p.name for p in (tmp_path / "packs").iterdir()
    )
    assert len(result.written) == 2 and result.failed == []
    assert all(PdfReader(p).pages for p in result.written)


def test_command_line_refuses_mistakes(qbr_ws: Workspace, tmp_path: Path) -> None:
    path = str(qbr_ws.path)
    assert main(["report", "qbr", path, "markup", "-o", str(tmp_path / "x.docx")]) == 2
    assert main(["report", "qbr", path, "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["report", "qbr", path, "nobody", "-o", str(tmp_path / "x.pdf")]) == 2
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("key", ["persian", "arabic", "emoji", "long", "dde"])
def test_hostile_names_in_slides_and_pdf(
    qbr_ws: Workspace,
    tmp_path: Path,
    blank_figures: QbrFigures,
    hostile_names: dict[str, str],
    key: str,
) -> None:
    content = build_qbr(qbr_ws, key, quarter="2026Q1", lang=Lang("en"), today=DAY)
    deck = Presentation(str(write_qbr_pptx(content, tmp_path / "q.pptx", blank_figures)))
    cover = [s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame]
    assert hostile_names[key] in cover  # PowerPoint shapes right-to-left text itself
    pdf = write_qbr_pdf(content, tmp_path / "q.pdf", blank_figures)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\n", "")
    if key in ("dde", "long"):
        assert hostile_names[key] in text
    elif key == "emoji":
        assert "Rocket Labs" in text
    else:  # drawn as joined presentation forms in visual order
        assert any(0xFB50 <= ord(ch) <= 0xFEFF for ch in text)


def test_a_contracts_only_account_has_its_revenue_history(tmp_path: Path) -> None:
    """MRR from contracts when the workspace has no revenue rows: the same engine as the
    account page, so the QBR's revenue section is never empty for such an account."""

    with Workspace.create(tmp_path / "contracts.csdesk") as ws:
        ws.insert_many(
            "accounts", ["name", "name_key", "status"], [("Vidraçaria Sol", "v", "active")]
        )
        ws.insert_many(
            "contracts",
            ["account_id", "start_date", "end_date", "mrr"],
            [(1, "2026-01-01", "2026-06-30", 1000.0), (1, "2026-07-01", "2027-06-30", 1500.0)],
        )
        content = build_qbr(
            ws, 1, quarter=Quarter.parse("2026Q3"), lang=Lang("en"), today=date(2026, 10, 5)
        )
    revenue = content.revenue
    assert revenue.mrr == 1500.0 and revenue.arr == 18000.0
    assert revenue.mrr_quarter_start == 1000.0  # June, the month before the quarter
    history = revenue.history
    assert history is not None
    assert history["month"].tolist()[0] == "2026-01" and history["month"].tolist()[-1] == "2026-09"
    assert history["mrr"].tolist() == [1000.0] * 6 + [1500.0] * 3
