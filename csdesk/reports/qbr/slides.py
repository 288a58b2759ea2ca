"""The QBR pack as slides (python-pptx): the same content as the PDF, one topic per slide.

Slides are 16:9 with editable text boxes and native tables, so the CSM can adjust wording
before the meeting; charts are the same images the PDF uses. PowerPoint shapes and orders
right-to-left text itself, so names go in as typed (only characters XML cannot hold are
dropped).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from csdesk.domain.enums import OpportunityKind, OpportunityStage, Role
from csdesk.i18n.formatting import UNKNOWN, day, money, number, percent
from csdesk.i18n.labels import label
from csdesk.i18n.lang import Lang
from csdesk.reports import pdf_style as ps
from csdesk.reports.output import atomic_output, check_target
from csdesk.reports.pdf_style import LONG_TEXT, SHORT_TEXT, Palette, shorten
from csdesk.reports.qbr import pdf as shared
from csdesk.reports.qbr.figures import ChartImage, QbrFigures, draw
from csdesk.reports.qbr.model import QbrContent, their_team_table

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
INNER = WIDTH - 2 * MARGIN
# Characters XML 1.0 cannot hold (control characters from an xlsx ``_x001B_`` escape, lone
# surrogates): python-pptx refuses the whole deck over one of them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# PowerPoint's limit for a document property (title, author).
_PROPERTY_CHARS = 255


def _rgb(hex_value: str) -> RGBColor:
    return RGBColor.from_string(hex_value.lstrip("#").upper())


def _clean(text: object, limit: int = LONG_TEXT) -> str:
    """User text as a slide may hold it: XML-safe, cut with an ellipsis past ``limit``."""
    return UNKNOWN if text is None else shorten(_ILLEGAL.sub("", str(text)), limit)


def write_qbr_pptx(content: QbrContent, target: Path, figures: QbrFigures | None = None) -> Path:
    """Render ``content`` to ``target`` (.pptx) atomically."""
    target = check_target(target, (".pptx",))
    figures = figures or draw(content)
    _ = content.lang
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    title = _("Quarterly business review") + f" · {content.account_name}"
    deck.core_properties.title = _clean(title, _PROPERTY_CHARS)
    deck.core_properties.author = _clean(
        shared._name(content, Role.CS) or "csdesk", _PROPERTY_CHARS
    )
    _Slides(deck, content, figures, _).build()
    with atomic_output(target) as temporary:
        deck.save(str(temporary))
    return target


class _Slides:
    def __init__(self, deck: Any, content: QbrContent, figures: QbrFigures, _: Lang) -> None:
        self.deck, self.c, self.f, self.t = deck, content, figures, _
        self.lang = content.language

    # -- primitives ----------------------------------------------------------------------

    def slide(self, title: str | None) -> Any:
        slide = self.deck.slides.add_slide(self.deck.slide_layouts[6])
        if title is not None:
            title = _clean(title, SHORT_TEXT)
            self.text(slide, MARGIN, Inches(0.35), INNER, Inches(0.7), title, 26, bold=True)
            band = slide.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, MARGIN, Inches(1.05), Inches(0.8), Inches(0.06)
            )
            self._fill(band, Palette.ACCENT)
            footer = _clean(self.c.account_name, SHORT_TEXT)
            footer = f"{footer} · {shared.quarter_label(self.c, self.t)}"
            self.text(
                slide,
                MARGIN,
                HEIGHT - Inches(0.45),
                INNER,
                Inches(0.3),
                footer,
                10,
                colour=Palette.MUTED,
            )
        return slide

    def _fill(self, shape: Any, colour: str) -> None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(colour)
        shape.line.fill.background()

    def text(
        self,
        slide: Any,
        left: int,
        top: int,
        width: int,
        height: int,
        text: object,
        size: float,
        *,
        bold: bool = False,
        colour: str = Palette.TEXT,
        align: Any = None,
    ) -> Any:
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        # A CSM's narrative can be long: PowerPoint shrinks the text to fit the box.
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        lines = _clean(text).split("\n")
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = _rgb(colour)
            if align is not None:
                paragraph.alignment = align
        return box

    def bullets(
        self,
        slide: Any,
        left: int,
        top: int,
        width: int,
        height: int,
        title: str,
        items: Sequence[str],
        tone: str,
    ) -> None:
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, Inches(0.06))
        self._fill(bar, tone)
        self.text(
            slide,
            left,
            top + Inches(0.1),
            width,
            Inches(0.4),
            title,
            16,
            bold=True,
            colour=Palette.INK,
        )
        body = "\n".join(f"•  {item}" for item in items) or UNKNOWN
        self.text(slide, left, top + Inches(0.55), width, height - Inches(0.55), body, 13)

    def kpis(self, slide: Any, top: int, tiles: Sequence[Any]) -> None:
        gap = Inches(0.2)
        count = max(len(tiles), 1)
        width = int((INNER - gap * (count - 1)) / count)
        for index, kpi in enumerate(tiles):
            left = MARGIN + index * (width + gap)
            panel = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, Inches(1.25))
            self._fill(panel, Palette.PANEL)
            rule = slide.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, left, top, Inches(0.07), Inches(1.25)
            )
            self._fill(rule, kpi.tone)
            inner = left + Inches(0.2)
            self.text(
                slide,
                inner,
                top + Inches(0.08),
                width - Inches(0.3),
                Inches(0.55),
                kpi.value,
                24,
                bold=True,
                colour=Palette.INK,
            )
            note = kpi.label + (f"\n{kpi.note}" if kpi.note else "")
            self.text(
                slide,
                inner,
                top + Inches(0.62),
                width - Inches(0.3),
                Inches(0.6),
                note,
                11,
                colour=Palette.MUTED,
            )

    def image(
        self,
        slide: Any,
        chart: ChartImage,
        left: int,
        top: int,
        width: int,
        max_height: int | None = None,
    ) -> None:
        ratio = chart.ratio
        height = int(width * ratio)
        if max_height is not None and height > max_height:
            height = max_height
            width = int(height / ratio)
        slide.shapes.add_picture(BytesIO(chart.png()), left, top, width, height)

    def table(
        self,
        slide: Any,
        top: int,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        *,
        size: float = 12,
    ) -> None:
        rows = list(rows)[:12]  # a slide holds a dozen rows legibly
        shape = slide.shapes.add_table(
            len(rows) + 1, len(header), MARGIN, top, INNER, Inches(0.4) * (len(rows) + 1)
        )
        table = shape.table
        total = sum(widths)
        for index, share in enumerate(widths):
            table.columns[index].width = Emu(int(INNER * share / total))
        for col, title in enumerate(header):
            self._cell(
                table.cell(0, col), title, size, bold=True, colour="#FFFFFF", fill=Palette.INK
            )
        for r, row in enumerate(rows, start=1):
            fill = Palette.PANEL if r % 2 == 0 else "#FFFFFF"
            for col, value in enumerate(row):
                self._cell(table.cell(r, col), value, size, fill=fill)

    def _cell(
        self,
        cell: Any,
        value: object,
        size: float,
        *,
        bold: bool = False,
        colour: str = Palette.TEXT,
        fill: str = "#FFFFFF",
    ) -> None:
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(fill)
        frame = cell.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        run = paragraph.add_run()
        run.text = _clean(value if value not in (None, "") else "")
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(colour)

    # -- slides --------------------------------------------------------------------------

    def build(self) -> None:
        self.cover()
        self.summary()
        self.health()
        self.adoption()
        self.support()
        self.revenue()
        self.changes()
        self.opportunities()
        self.next_steps()
        self.team()

    def cover(self) -> None:
        c, _ = self.c, self.t
        slide = self.slide(None)
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, HEIGHT)
        self._fill(band, Palette.INK)
        accent = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.12))
        self._fill(accent, Palette.ACCENT)
        self.text(
            slide,
            MARGIN,
            Inches(1.9),
            INNER,
            Inches(0.5),
            _("Quarterly business review").upper(),
            14,
            bold=True,
            colour="#8FB3D9",
        )
        self.text(
            slide,
            MARGIN,
            Inches(2.4),
            INNER,
            Inches(1.6),
            c.account_name,
            40,
            bold=True,
            colour="#FFFFFF",
        )
        self.text(
            slide,
            MARGIN,
            Inches(4.1),
            INNER,
            Inches(0.5),
            shared.quarter_label(c, _),
            20,
            colour="#C9D6E6",
        )
        people = []
        for role, title in ((Role.CS, "CSM"), (Role.AM, _("Account manager"))):
            name = shared._name(c, role)
            if name:
                people.append(f"{title}: {name}")
        people.append(_("Prepared on {day}").format(day=day(c.prepared_on, self.lang)))
        self.text(
            slide, MARGIN, Inches(4.7), INNER, Inches(0.5), " · ".join(people), 14, colour="#AFC0D6"
        )

    def summary(self) -> None:
        c, _ = self.c, self.t
        slide = self.slide(_("Executive summary"))
        self.kpis(slide, Inches(1.35), shared._headline_kpis(c, _))
        self.text(slide, MARGIN, Inches(2.85), INNER, Inches(1.5), c.summary, 15)
        half = int((INNER - Inches(0.4)) / 2)
        top = Inches(4.45)
        self.bullets(slide, MARGIN, top, half, Inches(2.4), _("Wins"), c.wins, Palette.HEALTHY)
        self.bullets(
            slide,
            MARGIN + half + Inches(0.4),
            top,
            half,
            Inches(2.4),
            _("To watch"),
            c.risks,
            Palette.AT_RISK,
        )

    def health(self) -> None:
        c, _ = self.c, self.t
        slide = self.slide(_("Health"))
        sentence = shared._health_sentence(c, _)
        self.text(slide, MARGIN, Inches(1.25), INNER, Inches(0.5), sentence, 15)
        wide = Inches(7.0)
        self.image(slide, self.f.health_trend, MARGIN, Inches(2.0), wide, Inches(4.8))
        right = MARGIN + wide + Inches(0.3)
        self.image(slide, self.f.health_drivers, right, Inches(2.0), INNER - wide - Inches(0.3))

    def adoption(self) -> None:
        c, _ = self.c, self.t
        slide = self.slide(_("Adoption and success plan"))
        wide = Inches(7.4)
        self.image(slide, self.f.usage, MARGIN, Inches(1.4), wide, Inches(4.6))
        left = MARGIN + wide + Inches(0.3)
        half = INNER - wide - Inches(0.3)
        if not c.goals:
            self.text(
                slide,
                left,
                Inches(1.4),
                half,
                Inches(1),
                _("No success-plan goals recorded yet."),
                14,
            )
            return
        lines = []
        for g in c.goals[:6]:
            progress = (
                percent(g.progress, self.lang, decimals=0) if g.progress is not None else UNKNOWN
            )
            lines.append(f"•  {g.objective} — {progress} · {shared._status(g.status, _)}")
        self.text(
            slide,
            left,
            Inches(1.4),
            half,
            Inches(0.4),
            _("Success plan goals"),
            16,
            bold=True,
            colour=Palette.INK,
        )
        self.text(slide, left, Inches(1.9), half, Inches(4.5), "\n".join(lines), 13)

    def support(self) -> None:
        c, _ = self.c, self.t
        slide = self.slide(_("Support and customer experience"))
        now, before = c.support, c.support_before
        rows = [
            [_("Tickets"), number(now.tickets, self.lang), number(before.tickets, self.lang)],
            [
                _("TME (average wait)"),
                shared._minutes(now.tme_minutes, self.lang, _),
                shared._minutes(before.tme_minutes, self.lang, _),
            ],
            [
                _("TMA (average handle time)"),
                shared._minutes(now.tma_minutes, self.lang, _),
                shared._minutes(before.tma_minutes, self.lang, _),
            ],
            [
                _("First-contact resolution"),
                percent(now.fcr, self.lang),
                percent(before.fcr, self.lang),
            ],
            [_("Ticket CSAT"), percent(now.csat, self.lang), percent(before.csat, self.lang)],
            [
                _("Escalations"),
                number(now.escalations, self.lang),
                number(before.escalations, self.lang),
            ],
        ]
        self.table(
            slide,
            Inches(1.35),
            [_("Support"), _("This quarter"), _("Previous quarter")],
            rows,
            [2, 1, 1],
        )
        cx = c.experience
        self.kpis(
            slide,
            Inches(4.35),
            [
                ps.Kpi(_("NPS (12 months)"), number(cx.nps, self.lang)),
                ps.Kpi(_("CSAT (12 months)"), percent(cx.csat, self.lang)),
                ps.Kpi(_("CES (1–7, 12 months)"), number(cx.ces, self.lang, decimals=1)),
            ],
        )
        self.image(slide, self.f.nps, MARGIN, Inches(5.7), INNER, Inches(1.3))

    def revenue(self) -> None:
        c, _ = self.c, self.t
        slide = self.slide(_("Revenue and contract"))
        self.kpis(slide, Inches(1.35), shared._revenue_kpis(c, _))
        self.image(slide, self.f.revenue, MARGIN, Inches(2.85), INNER, Inches(4.1))

    def changes(self) -> None:
        c, _ = self.c, self.t
        slide = self.slide(_("What changed since the last QBR"))
        if not c.changes:
            self.text(
                slide,
                MARGIN,
                Inches(1.4),
                INNER,
                Inches(1),
                _("Nothing notable recorded in this period."),
                15,
            )
            return
        rows = [[day(ch.when, self.lang), ch.what] for ch in c.changes]
        self.table(slide, Inches(1.35), [_("Date"), _("What happened")], rows, [1, 5])

    def opportunities(self) -> None:
        c, _ = self.c, self.t
        slide = self.slide(_("Opportunities for the AM"))
        if not c.opportunities:
            self.text(slide, MARGIN, Inches(1.4), INNER, Inches(1), _("No open opportunities."), 15)
            return
        rows = [
            [
                shared._enum_label(OpportunityKind, o.kind, _),
                shared._enum_label(OpportunityStage, o.stage, _),
                money(o.amount, c.currency, self.lang, cents=False),
                shared._who(o.raised_by, o.raised_role, _),
                shared._who(o.owner, o.owner_role, _),
                day(o.created, self.lang),
            ]
            for o in c.opportunities
        ]
        header = [_("Kind"), _("Stage"), _("Amount"), _("Raised by"), _("Owner"), _("Created")]
        self.table(slide, Inches(1.35), header, rows, [1, 1.1, 1.1, 1.8, 1.8, 1])
        self.text(
            slide,
            MARGIN,
            HEIGHT - Inches(0.95),
            INNER,
            Inches(0.4),
            _("CS raises an opportunity; AM negotiates and closes it."),
            12,
            colour=Palette.MUTED,
        )

    def next_steps(self) -> None:
        c, _ = self.c, self.t
        slide = self.slide(_("Next steps"))
        rows = []
        for step in c.next_steps:
            owner = UNKNOWN
            if step.owner_role is not None:
                person = c.person(step.owner_role)
                owner = label(step.owner_role, _) + (f" · {person.name}" if person else "")
            rows.append([step.step, owner, day(step.due, self.lang)])
        self.table(slide, Inches(1.35), [_("Step"), _("Owner"), _("Due")], rows, [3, 2, 1])

    def team(self) -> None:
        c, _ = self.c, self.t
        slide = self.slide(_("Your team"))
        rows = [[label(p.role, _), p.name, p.email or "", p.call_for] for p in c.team]
        self.table(
            slide,
            Inches(1.35),
            [_("Role"), _("Name"), _("E-mail"), _("Call them for")],
            rows,
            [1.3, 1.4, 1.9, 3],
        )
        if c.their_team:
            slide = self.slide(_("Their team: who we met this quarter"))
            headers, met = their_team_table(c, _)
            self.table(slide, Inches(1.35), headers, met, [2, 2, 1.4, 1, 1.4])
