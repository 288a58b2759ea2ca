"""The one typographic system of every csdesk PDF: fonts, colours, styles, page furniture.

Every PDF a client sees (QBR pack, role-clarity document, operation audit) is built from the
pieces here, so they share a grid, a type scale and a palette, and user text is handled the
same way everywhere:

* :func:`escape` is the only way user text enters a reportlab ``Paragraph`` (which parses
  markup): ``<b>ACME & Co</b>`` prints exactly that, right-to-left names are shaped and put in
  visual order (``csdesk.i18n.bidi``), and a 200-character name wraps instead of overflowing.
* :func:`fonts` registers the bundled font family (Latin and Arabic script) through
  ``csdesk.i18n.fonts`` when it is available, and falls back to the Latin-1 Helvetica family.
* :func:`build_pdf` lays the flowables out on A4 with a running header, a footer with
  "page n of m", and writes atomically (see :mod:`csdesk.reports.output`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from csdesk.reports.output import atomic_output

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN


class Palette:
    """The colours of the app and of every report (hex, so charts can share them)."""

    INK = "#1B2333"  # titles, table headers
    TEXT = "#2E3645"
    MUTED = "#667085"
    RULE = "#D5DAE3"
    PANEL = "#F3F5F9"  # tile and zebra background
    ACCENT = "#1F5F8B"
    ACCENT_LIGHT = "#E6EFF7"
    WHITE = "#FFFFFF"
    HEALTHY = "#2E7D32"
    AT_RISK = "#B7791F"
    CRITICAL = "#C62828"
    ROLE: ClassVar[dict[str, str]] = {
        "cs": "#1F5F8B",
        "am": "#6B4FA0",
        "support": "#C05621",
        "cx": "#0F766E",
    }


def colour(hex_value: str) -> colors.Color:
    return colors.HexColor(hex_value)


# -- fonts -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FontSet:
    """The registered font names a document uses; ``unicode`` says it covers Arabic script."""

    regular: str
    bold: str
    unicode: bool


_FALLBACK = FontSet("Helvetica", "Helvetica-Bold", unicode=False)


@cache
def fonts() -> FontSet:
    """Register the bundled family once per process and say which names to use."""
    try:
        module = importlib.import_module("csdesk.i18n.fonts")
    except ImportError:
        return _FALLBACK
    register: Callable[[], Any] | None = getattr(module, "register_reportlab_fonts", None)
    if register is None:
        return _FALLBACK
    registered = register()
    return _font_set_from(registered)


def _font_set_from(registered: Any) -> FontSet:
    """Accept what ``register_reportlab_fonts`` returns: a family name or regular/bold names."""
    from reportlab.lib.fonts import tt2ps

    if isinstance(registered, str):
        return FontSet(tt2ps(registered, 0, 0), tt2ps(registered, 1, 0), unicode=True)
    regular = getattr(registered, "regular", None)
    bold = getattr(registered, "bold", None)
    if isinstance(registered, dict):
        regular = registered.get("regular", regular)
        bold = registered.get("bold", bold)
    if isinstance(regular, str) and isinstance(bold, str):
        return FontSet(regular, bold, unicode=True)
    return _FALLBACK


# -- text ------------------------------------------------------------------------------------


# Explicit embedding, override and isolate marks: reportlab draws them as boxes, and an
# override in a name (``U+202E``) could make it read as something else. Direction comes from
# the letters themselves (``csdesk.i18n.bidi``).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _display(text: str) -> str:
    text = _BIDI_CONTROLS.sub("", text)
    try:
        bidi = importlib.import_module("csdesk.i18n.bidi")
    except ImportError:
        return text
    shaped: str = bidi.display_text(text)
    return shaped


def escape(text: object) -> str:
    """User text made safe for Paragraph markup, in display order, line breaks kept.

    ``None`` prints as an em dash (csdesk never shows an unknown as zero or blank).
    """
    if text is None:
        return "—"
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(_with_fallback(_display(line)) for line in lines)


def _with_fallback(text: str) -> str:
    """Escaped markup of ``text`` with emoji and symbols in the bundled symbol font.

    Characters neither font has print as U+FFFD, visibly, rather than as an empty box.
    """
    if not fonts().unicode:
        return _xml_escape(text)
    from csdesk.i18n.fonts import register_reportlab_symbols
    from csdesk.i18n.glyphs import font_runs

    parts = []
    for run, symbols in font_runs(text):
        if symbols:
            parts.append(f'<font face="{register_reportlab_symbols()}">{_xml_escape(run)}</font>')
        else:
            parts.append(_xml_escape(run))
    return "".join(parts)


def is_rtl(text: str) -> bool:
    try:
        bidi = importlib.import_module("csdesk.i18n.bidi")
    except ImportError:
        return False
    return bool(bidi.base_direction(text) == "rtl")


def draw_right(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw one line of user text ending at ``x`` on the canvas (the page header), switching to
    the symbol font for emoji; characters neither font has show as U+FFFD."""
    runs: list[tuple[str, str]] = [(_display(text), font)]
    if fonts().unicode:
        from csdesk.i18n.fonts import register_reportlab_symbols
        from csdesk.i18n.glyphs import font_runs

        runs = [
            (run, register_reportlab_symbols() if symbols else font)
            for run, symbols in font_runs(runs[0][0])
        ]
    left = x - sum(stringWidth(run, name, size) for run, name in runs)
    for run, name in runs:
        canvas.setFont(name, size)
        canvas.drawString(left, y, run)
        left += stringWidth(run, name, size)


# -- styles ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    """The type scale: one style per role a piece of text plays on the page."""

    kicker: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    cover_meta: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    cell_bold: ParagraphStyle
    header_cell: ParagraphStyle
    header_cell_center: ParagraphStyle
    kpi_value: ParagraphStyle
    kpi_label: ParagraphStyle


@cache
def styles() -> Styles:
    f = fonts()
    ink, text, muted = colour(Palette.INK), colour(Palette.TEXT), colour(Palette.MUTED)

    def style(name: str, **kw: Any) -> ParagraphStyle:
        kw.setdefault("fontName", f.regular)
        kw.setdefault("textColor", text)
        return ParagraphStyle(name, **kw)

    cell = style("cell", fontSize=8.6, leading=11)
    return Styles(
        kicker=style(
            "kicker", fontName=f.bold, fontSize=8, leading=11, textColor=colour("#8FB3D9")
        ),
        title=style("title", fontName=f.bold, fontSize=22, leading=27, textColor=colors.white),
        subtitle=style("subtitle", fontSize=12.5, leading=16, textColor=colour("#C9D6E6")),
        cover_meta=style("cover_meta", fontSize=8.8, leading=12, textColor=colour("#AFC0D6")),
        h1=style(
            "h1",
            fontName=f.bold,
            fontSize=14,
            leading=18,
            textColor=ink,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        ),
        h2=style(
            "h2",
            fontName=f.bold,
            fontSize=10.5,
            leading=14,
            textColor=ink,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        body=style("body", fontSize=9.6, leading=13.6, spaceAfter=5),
        small=style("small", fontSize=8, leading=10.5, textColor=muted),
        caption=style("caption", fontSize=7.6, leading=10, textColor=muted, spaceBefore=3),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=f.bold, textColor=ink),
        header_cell=style(
            "header_cell", fontName=f.bold, fontSize=8.2, leading=10.5, textColor=colors.white
        ),
        header_cell_center=style(
            "header_cell_center",
            fontName=f.bold,
            fontSize=8.2,
            leading=10.5,
            textColor=colors.white,
            alignment=TA_CENTER,
        ),
        kpi_value=style("kpi_value", fontName=f.bold, fontSize=17, leading=21, textColor=ink),
        kpi_label=style("kpi_label", fontSize=7.8, leading=10, textColor=muted),
    )


# The most characters of user text a piece of a document shows: titles, headings, labels and
# header cells are cut with an ellipsis well before they could fill a page (a 10,000-character
# name would be a column of broken lines 14,000 points tall); running text and table cells are
# cut much later, so ordinary prose (a goal of 1,500 characters) prints whole and splits across
# pages with the table it is in.
SHORT_TEXT = 240
LONG_TEXT = 4_000
_SHORT_STYLES = frozenset(
    {
        "kicker",
        "title",
        "subtitle",
        "cover_meta",
        "h1",
        "h2",
        "header_cell",
        "header_cell_center",
        "kpi_value",
        "kpi_label",
    }
)


# No word of prose is longer; a longer run without a space (a pasted hash, 10,000 letters)
# would otherwise be broken into a column of fragments pages long.
LONGEST_WORD = 250
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, with an ellipsis when cut; a run of more
    than :data:`LONGEST_WORD` characters without a space is cut the same way."""
    if len(text) > LONGEST_WORD:
        text = _LONG_WORD.sub(lambda m: m.group(0)[: LONGEST_WORD - 1] + "…", text)
    if len(text) <= limit:
        return text
    return text[: max(1, limit - 1)].rstrip() + "…"


def para(
    text: object, style: ParagraphStyle, *, rtl_align: bool = True, limit: int | None = None
) -> Paragraph:
    """A Paragraph of user text: escaped, shaped, right-aligned when it reads right to left,
    cut with an ellipsis past ``limit`` characters (by default, by the role of ``style``)."""
    raw = "" if text is None else str(text)
    if limit is None:
        base = style.name.removesuffix("_rtl")
        limit = SHORT_TEXT if base in _SHORT_STYLES else LONG_TEXT
    if len(raw) > min(limit, LONGEST_WORD):
        text = raw = shorten(raw, limit)
    if rtl_align and raw and is_rtl(raw) and style.alignment == TA_LEFT:
        style = ParagraphStyle(f"{style.name}_rtl", parent=style, alignment=TA_RIGHT)
    return Paragraph(escape(text), style)


def markup(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of csdesk's own text, which may hold markup; user parts must be escaped."""
    return Paragraph(text, style)


# -- building blocks -------------------------------------------------------------------------


def title_block(kicker: str, title: str, subtitle: str | None, meta: Sequence[str]) -> Flowable:
    """The dark band that opens a document: kind of document, title, scope, date, authorship."""
    s = styles()
    rows: list[list[Flowable]] = [
        [para(kicker.upper(), s.kicker)],
        [para(title, s.title, rtl_align=False)],
    ]
    if subtitle:
        rows.append([para(subtitle, s.subtitle, rtl_align=False)])
    if meta:
        shown = " · ".join(escape(shorten(str(m), SHORT_TEXT)) for m in meta)
        rows.append([Paragraph(shown, s.cover_meta)])
    table = Table(rows, colWidths=[CONTENT_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colour(Palette.INK)),
                ("LINEABOVE", (0, 0), (-1, 0), 4, colour(Palette.ACCENT)),
                ("LEFTPADDING", (0, 0), (-1, -1), 16),
                ("RIGHTPADDING", (0, 0), (-1, -1), 16),
                ("TOPPADDING", (0, 0), (-1, 0), 16),
                ("TOPPADDING", (0, 1), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -2), 3),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 16),
            ]
        )
    )
    return table


def heading(text: str, level: int = 1) -> Paragraph:
    s = styles()
    return para(text, s.h1 if level == 1 else s.h2)


def body(text: str) -> Paragraph:
    return para(text, styles().body)


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


@dataclass(frozen=True, slots=True)
class Kpi:
    """One figure of a tile row: the value as the reader reads it, its label, an optional note."""

    label: str
    value: str
    note: str | None = None
    tone: str = Palette.ACCENT  # the colour of the tile's left rule


def _fitted(text: str, style: ParagraphStyle, width: float) -> ParagraphStyle:
    """``style``, smaller when ``text`` would not fit ``width`` on one line: a figure broken
    over two lines (R$10,259,50 / 9) reads as two numbers. Never below 60 % of its size."""
    needed = stringWidth(text, style.fontName, style.fontSize)
    if needed <= width:
        return style
    scale = max(0.6, width / needed)
    return ParagraphStyle(
        f"{style.name}_fitted",
        parent=style,
        fontSize=style.fontSize * scale,
        leading=style.leading * scale,
    )


def kpi_row(kpis: Sequence[Kpi], width: float = CONTENT_WIDTH) -> Flowable:
    """Figures side by side in tiles, the value large and the label small under it."""
    s = styles()
    gap = 6
    n = max(len(kpis), 1)
    tile_width = (width - gap * (n - 1)) / n
    cells: list[Flowable] = []
    for kpi in kpis:
        parts: list[list[Flowable]] = [
            [para(kpi.value, _fitted(kpi.value, s.kpi_value, tile_width - 9 - 6))],
            [para(kpi.label, s.kpi_label)],
        ]
        if kpi.note:
            parts.append([para(kpi.note, s.small)])
        tile = Table(parts, colWidths=[tile_width])
        tile.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colour(Palette.PANEL)),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, colour(kpi.tone)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                    ("TOPPADDING", (0, 0), (-1, 0), 8),
                    ("TOPPADDING", (0, 1), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -2), 2),
                ]
            )
        )
        cells.append(tile)
    widths: list[float] = []
    row: list[Flowable | str] = []
    for index, tile in enumerate(cells):
        if index:
            row.append("")
            widths.append(gap)
        row.append(tile)
        widths.append(tile_width)
    table = Table([row], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


FRAME_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - 12  # the tallest a flowable can be on a page


class _WholeRowsTable(Table):
    """A table that splits inside a row only when that row could not fit on any page.

    reportlab, finding no whole row room below the header at the foot of a page, cuts the next
    row wherever the page ends: the page then closes on a header over a sliver of a row (seen
    on an audit's conventions table). A row that fits a page whole goes to the next page.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        whole = self._splitRows(availHeight, doInRowSplit=False)
        if whole:
            return list(whole)
        heights = self._rowHeights
        first = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        if first < len(heights) and sum(heights[: first + 1]) <= FRAME_HEIGHT:
            return []  # the next page holds the header and that row whole
        return list(super().split(availWidth, availHeight))


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float],
    *,
    align: str | None = None,
    extra_style: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table with a dark header row repeated on each page and quiet zebra rows.

    Plain strings in ``rows`` are user text: they are escaped into Paragraphs so they wrap.
    ``align`` holds one letter per column (``l``, ``r``, ``c``); default all left.
    """
    s = styles()
    aligns = align or "l" * len(header)
    by_letter = {"l": s.cell, "r": s.cell_right, "c": s.cell_center}
    head: list[Flowable] = [
        para(text, s.header_cell_center if aligns[i] == "c" else s.header_cell)
        for i, text in enumerate(header)
    ]
    body_rows: list[list[Any]] = []
    for row in rows:
        cells: list[Any] = []
        for i, value in enumerate(row):
            if isinstance(value, Flowable | list):
                cells.append(value)
            else:
                cells.append(para(value, by_letter[aligns[i]]))
        body_rows.append(cells)
    widths = header_safe_widths(header, col_widths, s.header_cell)
    # Rows split across pages (a long goal, a long name), the header repeated on each.
    table = _WholeRowsTable([head, *body_rows], colWidths=widths, repeatRows=1, splitInRow=1)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), colour(Palette.INK)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, colour(Palette.RULE)),
    ]
    for index in range(2, len(body_rows) + 1, 2):
        commands.append(("BACKGROUND", (0, index), (-1, index), colour(Palette.PANEL)))
    commands.extend(extra_style)
    table.setStyle(TableStyle(commands))
    return table


def header_safe_widths(
    header: Sequence[str], widths: Sequence[float], style: ParagraphStyle, padding: float = 12
) -> list[float]:
    """Column widths in which no header word is cut in two ("Baselin / e").

    A translation can be longer than the English a width was chosen for: a column too narrow
    for its longest header word takes the difference from the widest column, which holds free
    text and wraps at spaces anyway.
    """
    out = list(widths)
    for index, text in enumerate(header):
        words = str(text).split() or [""]
        needed = max(stringWidth(word, style.fontName, style.fontSize) for word in words)
        needed += padding + 1
        if out[index] >= needed:
            continue
        donor = max(range(len(out)), key=lambda i: out[i] if i != index else -1.0)
        spare = out[donor] - needed
        give = min(needed - out[index], max(0.0, spare))
        out[index] += give
        out[donor] -= give
    return out


class Pixels(Flowable):
    """Drawn pixels (a chart) placed at a width, centred, without a PNG in between.

    platypus's ``Image`` wants a file; charts come from matplotlib as pixels, and reportlab
    compresses them into the PDF either way, so encoding and decoding a PNG was wasted time.
    """

    def __init__(self, pixels: PILImage, width: float, ratio: float) -> None:
        super().__init__()
        self.pixels, self.width, self.height = pixels, width, width * ratio
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Never larger than the frame: a chart of many rows is scaled down to fit the page
        # (callers split such charts first; this is the bound whatever the data).
        scale = min(1.0, available_width / self.width, FRAME_HEIGHT / self.height)
        if scale < 1.0:
            self.width, self.height = self.width * scale, self.height * scale
        return self.width, self.height

    def draw(self) -> None:
        if not _place_rgb(self.canv, self.pixels, self.width, self.height):
            from reportlab.lib.utils import ImageReader

            self.canv.drawImage(ImageReader(self.pixels), 0, 0, self.width, self.height)


# zlib's level 3 compresses a chart's pixels three times faster than reportlab's 6, for a
# stream a sixth larger (a QBR pack's five charts: 13 ms and 140 KB instead of 40 ms and
# 119 KB); the pixels are the same, as Flate is lossless.
PIXELS_LEVEL = 3


def _place_rgb(canv: Canvas, pixels: PILImage, width: float, height: float) -> bool:
    """Draw opaque pixels as an image of the page at ``width`` × ``height``, as
    ``Canvas.drawImage`` does but compressed at :data:`PIXELS_LEVEL` and without its digest
    of the pixels (drawImage hashes every image to share repeats; a chart never repeats).
    False when the pixels have transparency, or this reportlab lays images out otherwise:
    then ``drawImage`` places them.
    """
    import zlib

    from reportlab.pdfbase.pdfdoc import PDFImageXObject

    if pixels.mode != "RGB":
        return False
    doc = getattr(canv, "_doc", None)
    forms = getattr(canv, "_formsinuse", None)
    code = getattr(canv, "_code", None)
    set_xobjects = getattr(canv, "_setXObjects", None)
    needed = ("getXObjectName", "Reference", "addForm")
    if forms is None or code is None or set_xobjects is None or doc is None:
        return False
    if not all(hasattr(doc, attribute) for attribute in needed):
        return False
    # Named by their order in the document, so that a pack's file is the same however many
    # the process wrote before it.
    placed = int(getattr(canv, "_csdesk_pixels", 0)) + 1
    canv._csdesk_pixels = placed
    name = f"csdeskPixels{placed}"
    image = PDFImageXObject(name)
    image.width, image.height = pixels.size
    image.colorSpace, image.bitsPerComponent = "DeviceRGB", 8
    image.streamContent = zlib.compress(pixels.tobytes(), PIXELS_LEVEL)
    image._filters = ("FlateDecode",)
    registered = doc.getXObjectName(name)
    set_xobjects(image)
    doc.Reference(image, registered)
    doc.addForm(name, image)
    canv._currentPageHasImages = 1
    canv.saveState()
    canv.translate(0, 0)
    canv.scale(width, height)
    code.append(f"/{registered} Do")
    canv.restoreState()
    forms.append(name)
    return True


def callout(text: str, *, tone: str = Palette.ACCENT, title: str | None = None) -> Flowable:
    """A highlighted note with a coloured rule on its left: the one thing not to miss."""
    s = styles()
    content: list[list[Flowable]] = []
    if title:
        content.append([para(title, s.h2)])
    content.append([para(text, s.body)])
    table = Table(content, colWidths=[CONTENT_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colour(Palette.ACCENT_LIGHT)),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colour(tone)),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return KeepTogether([table])


# -- page furniture and building ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the running header and footer say."""

    header_left: str  # the document's name
    header_right: str  # the account or scope
    footer_left: str  # e.g. "Prepared by csdesk · 22 Nov 2026"
    page_label: Callable[[int, int], str]  # (page, total) -> "Page 2 of 5"
    title: str = ""
    author: str = ""
    subject: str = ""


def _numbered_canvas(meta: PageMeta) -> type[Canvas]:
    """A canvas that defers drawing the page furniture until the page count is known."""
    f = fonts()

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            page = self.getPageNumber()
            self.saveState()
            self.setStrokeColor(colour(Palette.RULE))
            self.setLineWidth(0.5)
            top = PAGE_HEIGHT - MARGIN + 6 * mm
            if page > 1:
                # The document's name gets up to 60 % of the line, the scope the rest.
                left = _fit(meta.header_left, f.bold, 7.5, CONTENT_WIDTH * 0.6)
                used = stringWidth(left, f.bold, 7.5) + 6 * mm
                right = _fit(meta.header_right, f.regular, 7.5, CONTENT_WIDTH - used)
                self.setFont(f.bold, 7.5)
                self.setFillColor(colour(Palette.INK))
                self.drawString(MARGIN, top + 2.2 * mm, left)
                self.setFont(f.regular, 7.5)
                self.setFillColor(colour(Palette.MUTED))
                draw_right(self, PAGE_WIDTH - MARGIN, top + 2.2 * mm, right, f.regular, 7.5)
                self.line(MARGIN, top, PAGE_WIDTH - MARGIN, top)
            bottom = MARGIN - 8 * mm
            self.line(MARGIN, bottom + 4 * mm, PAGE_WIDTH - MARGIN, bottom + 4 * mm)
            self.setFont(f.regular, 7.2)
            self.setFillColor(colour(Palette.MUTED))
            self.drawString(
                MARGIN, bottom, _fit(meta.footer_left, f.regular, 7.2, CONTENT_WIDTH * 0.7)
            )
            self.drawRightString(PAGE_WIDTH - MARGIN, bottom, meta.page_label(page, total))
            self.restoreState()

    return NumberedCanvas


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it is at most ``width`` points wide."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def build_pdf(target: Path, story: Sequence[Flowable], meta: PageMeta) -> Path:
    """Lay ``story`` out on A4 pages with header and footer; write ``target`` atomically.

    Streams are written binary (Flate only): reportlab's default ASCII85 pass runs in pure
    Python without its optional C accelerator and took half the time of a chart-heavy pack.
    """
    from reportlab import rl_config

    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        return _build(target, story, meta)
    finally:
        rl_config.useA85 = previous


def _build(target: Path, story: Sequence[Flowable], meta: PageMeta) -> Path:
    with atomic_output(target) as temporary:
        doc = BaseDocTemplate(
            str(temporary),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            creator="csdesk",
        )
        frame = Frame(MARGIN, MARGIN, CONTENT_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(list(story), canvasmaker=_numbered_canvas(meta))
    return target
