"""The bundled font family and how reportlab and matplotlib get to use it.

reportlab's built-in fonts cover Latin-1 only and matplotlib's default (DejaVu Sans) has no
Arabic script, so both are pointed at "CSDesk Sans" (Noto Sans merged with Noto Sans Arabic,
see resources/fonts/FONTS.txt): one family that prints Portuguese, Persian and Arabic alike.
Registration is idempotent and changes no global defaults: reports name the family in their
styles, charts name it on their own text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from csdesk.resources import resource_path

FAMILY = "CSDesk Sans"
REPORTLAB_FAMILY = "CSDeskSans"
REPORTLAB_BOLD = "CSDeskSans-Bold"
# Emoji and symbols CSDesk Sans lacks (a subset of Symbola, monochrome), for PDFs.
REPORTLAB_SYMBOLS = "CSDeskSymbols"
# Used after the bundled family for any glyph it lacks (matplotlib's own font).
MATPLOTLIB_FALLBACK = "DejaVu Sans"


def _font_file(name: str) -> Path:
    return resource_path("fonts", name)


def regular_path() -> Path:
    return _font_file("CSDeskSans-Regular.ttf")


def bold_path() -> Path:
    return _font_file("CSDeskSans-Bold.ttf")


def symbols_path() -> Path:
    return _font_file("CSDeskSymbols.ttf")


def licence_path() -> Path:
    return _font_file("OFL.txt")


@cache
def register_reportlab_fonts() -> str:
    """Register the family with reportlab once and return its name for paragraph styles.

    Bold is mapped so ``<b>`` in a ``Paragraph`` switches face; italic maps to the upright
    faces (no italic is bundled), so ``<i>`` never fails.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REPORTLAB_FAMILY, str(regular_path())))
    pdfmetrics.registerFont(TTFont(REPORTLAB_BOLD, str(bold_path())))
    pdfmetrics.registerFontFamily(
        REPORTLAB_FAMILY,
        normal=REPORTLAB_FAMILY,
        bold=REPORTLAB_BOLD,
        italic=REPORTLAB_FAMILY,
        boldItalic=REPORTLAB_BOLD,
    )
    addMapping(REPORTLAB_FAMILY, 0, 0, REPORTLAB_FAMILY)
    addMapping(REPORTLAB_FAMILY, 1, 0, REPORTLAB_BOLD)
    addMapping(REPORTLAB_FAMILY, 0, 1, REPORTLAB_FAMILY)
    addMapping(REPORTLAB_FAMILY, 1, 1, REPORTLAB_BOLD)
    return REPORTLAB_FAMILY


@cache
def register_reportlab_symbols() -> str:
    """Register the symbol font with reportlab (first time a document needs it); its name.

    Separate from the main family so documents without emoji never load it.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REPORTLAB_SYMBOLS, str(symbols_path())))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(REPORTLAB_SYMBOLS, bold, italic, REPORTLAB_SYMBOLS)
    return REPORTLAB_SYMBOLS


@cache
def register_matplotlib_fonts() -> list[str]:
    """Add the bundled faces to matplotlib's font manager once; return the family list to use.

    The list goes on each chart's own text (``fontfamily=``), never into global rcParams, so
    other matplotlib users in the same process are not affected.
    """
    from matplotlib import font_manager

    for path in (regular_path(), bold_path()):
        font_manager.fontManager.addfont(str(path))
    return [FAMILY, MATPLOTLIB_FALLBACK]
