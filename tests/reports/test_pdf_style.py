"""User text in PDFs: escaped, shaped, wrapped; the bundled font covers Arabic script."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from csdesk.reports import pdf_style as ps
from csdesk.reports.output import check_target


def test_escape_keeps_markup_as_text_and_line_breaks_as_breaks() -> None:
    assert ps.escape("<b>ACME & Co</b>") == "&lt;b&gt;ACME &amp; Co&lt;/b&gt;"
    assert ps.escape("one\r\ntwo\nthree") == "one<br/>two<br/>three"
    assert ps.escape(None) == "—"


def test_escape_puts_persian_in_visual_order_with_joined_forms() -> None:
    shown = ps.escape("شرکت نمونه")
    assert shown != "شرکت نمونه"
    # Presentation forms (joined letters) replace the base letters.
    assert any(0xFB50 <= ord(ch) <= 0xFEFF for ch in shown)


def test_the_bundled_unicode_font_is_used() -> None:
    fonts = ps.fonts()
    assert fonts.unicode
    assert fonts.regular != "Helvetica"


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize(
    "text",
    ["<b>ACME & Co</b>", '=HYPERLINK("x")', "+cmd|' /C calc'!A0", "a&b <i>not italic</i>"],
)
def test_hostile_text_prints_exactly_as_typed(tmp_path: Path, text: str) -> None:
    target = check_target(tmp_path / "t.pdf", (".pdf",))
    story = [
        ps.title_block("Kicker", text, text, [text]),
        ps.body(text),
        ps.data_table(["Name"], [[text]], [ps.CONTENT_WIDTH]),
        ps.kpi_row([ps.Kpi(text, text)]),
    ]
    meta = ps.PageMeta(text, text, text, lambda page, total: f"{page}/{total}")
    ps.build_pdf(target, story, meta)
    extracted = _pdf_text(target)
    assert extracted.count(text) >= 5


def test_a_200_character_word_wraps_inside_its_cell(tmp_path: Path) -> None:
    word = "X" * 200
    target = tmp_path / "long.pdf"
    table = ps.data_table(["Name", "Other"], [[word, "after"]], [60, ps.CONTENT_WIDTH - 60])
    ps.build_pdf(target, [table], ps.PageMeta("a", "b", "c", lambda p, t: f"{p}/{t}"))
    text = _pdf_text(target)
    assert text.replace("\n", "").count("X") >= 200
    assert "after" in text


def test_page_numbers_know_the_total(tmp_path: Path) -> None:
    target = tmp_path / "pages.pdf"
    story = [ps.body(f"paragraph {i} " * 40) for i in range(60)]
    ps.build_pdf(
        target, story, ps.PageMeta("Doc", "Scope", "foot", lambda p, t: f"Page {p} of {t}")
    )
    reader = PdfReader(target)
    total = len(reader.pages)
    assert total > 2
    assert f"Page {total} of {total}" in reader.pages[-1].extract_text()
    assert f"Page 1 of {total}" in reader.pages[0].extract_text()
