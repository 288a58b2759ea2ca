"""The bundled family covers Portuguese, Persian and Arabic and registers with both renderers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from csdesk.i18n import fonts
from csdesk.i18n.bidi import display_text

PERSIAN = "شرکت نمونه"
ARABIC = "شركة المثال"


@pytest.mark.parametrize("path", [fonts.regular_path(), fonts.bold_path()], ids=["regular", "bold"])
def test_each_face_covers_latin_and_shaped_arabic_script(path: Path) -> None:
    font = TTFont(str(path))
    cmap = font.getBestCmap()
    needed = "Receita R$ 1.234,56 — ação, coração, São Paulo € ₹"
    needed += display_text(PERSIAN) + display_text(ARABIC) + "۱۲۳٤٥"
    missing = sorted({hex(ord(char)) for char in needed if ord(char) not in cmap and char != " "})
    assert missing == []
    family = font["name"].getDebugName(1)
    assert family == fonts.FAMILY


def test_the_licence_ships_beside_the_fonts() -> None:
    text = fonts.licence_path().read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in text
    assert "Google LLC" in text
    # Only the few faces needed are bundled; together they stay small.
    total = fonts.regular_path().stat().st_size + fonts.bold_path().stat().st_size
    assert total < 1_500_000


def test_reportlab_registration_is_idempotent_and_bold_markup_switches_face() -> None:
    from pypdf import PdfReader
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    family = fonts.register_reportlab_fonts()
    assert fonts.register_reportlab_fonts() == family
    style = ParagraphStyle("body", fontName=family, fontSize=11)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(
        [
            Paragraph("Receita <b>R$ 1.234,56</b> ação", style),
            Paragraph(display_text(PERSIAN), style),
            Paragraph(f"<b>{display_text(ARABIC)}</b>", style),
        ]
    )
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    page = reader.pages[0]
    used = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    # Embedded subsets carry the PostScript names of the two bundled faces.
    assert any(name.endswith("+CSDeskSans-Regular") for name in used)
    assert any(name.endswith("+CSDeskSans-Bold") for name in used)
    assert "Receita R$ 1.234,56 ação" in page.extract_text()


def test_matplotlib_finds_the_family_without_changing_global_settings() -> None:
    from matplotlib import font_manager, rcParams

    before = dict(rcParams)
    families = fonts.register_matplotlib_fonts()
    assert families[0] == fonts.FAMILY
    bold = font_manager.FontProperties(family=fonts.FAMILY, weight="bold")
    assert Path(font_manager.findfont(bold, fallback_to_default=False)) == fonts.bold_path()
    assert dict(rcParams) == before
