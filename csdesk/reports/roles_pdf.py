"""The role-clarity onboarding document as a PDF: roles, RACI matrix, contacts, escalation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from csdesk.i18n.formatting import day
from csdesk.i18n.lang import Lang
from csdesk.i18n.translation import N_
from csdesk.reports import pdf_style as ps
from csdesk.reports.output import check_target
from csdesk.reports.roles import RolesDocument
from csdesk.reports.roles_template import ROLE_ORDER, RolesTemplate

LEGEND = N_(
    "R = responsible (does the work) · A = accountable (owns the outcome) · "
    "C = consulted (asked before) · I = informed (told after)"
)


def write_roles_pdf(document: RolesDocument, target: Path) -> Path:
    """Render ``document`` to ``target`` (a .pdf), atomically."""
    target = check_target(target, (".pdf",))
    _ = document.lang
    template = document.template
    when = day(document.prepared_on, document.language)
    scope = document.account_name or _("For all our customers")
    meta = [_("Onboarding guide"), _("Prepared on {day}").format(day=when)]
    if document.prepared_by:
        meta.append(_("Prepared by {name}").format(name=document.prepared_by))

    story: list[Flowable] = [
        ps.title_block(_("Role clarity"), template.title, scope, meta),
        ps.spacer(6),
        ps.body(template.intro),
        ps.heading(_("The four roles")),
        _role_cards(template),
    ]
    reach = [
        ps.heading(_("How to reach each team")),
        _channels_table(template, _, with_call_for=document.account_name is None),
    ]
    # Page one ends with who to contact: the named team for an account, the channels otherwise.
    if document.account_name is not None:
        story += [ps.heading(_("Your team")), _team_table(document, _)]
    else:
        story += reach
    story += [
        ps.heading(_("Who does what")),
        _raci_matrix(template, _),
        Paragraph(ps.escape(_(LEGEND)), ps.styles().caption),
        ps.spacer(4),
        ps.callout(template.handoff, title=_("The hand-off that matters")),
    ]
    if document.account_name is not None:
        story += reach
    story += [ps.heading(_("Escalation path")), _escalation(template, _)]
    page_meta = ps.PageMeta(
        header_left=_("Role clarity") + f" · {template.title}",
        header_right=scope,
        footer_left=_("Prepared with csdesk on {day}").format(day=when),
        page_label=lambda page, total: _("Page {page} of {total}").format(page=page, total=total),
        title=_("Role clarity") + f": {template.title}",
        author=document.prepared_by or "",
        subject=scope,
    )
    return ps.build_pdf(target, story, page_meta)


def _role_cards(template: RolesTemplate) -> Flowable:
    """The four roles as a 2 × 2 grid of cards, each with its colour, stance and mission."""
    s = ps.styles()
    gap = 6
    width = (ps.CONTENT_WIDTH - gap) / 2
    stance = ParagraphStyle("stance", parent=s.small, spaceAfter=2)
    cards: list[Flowable] = []
    for role in ROLE_ORDER:
        card = template.roles[role]
        name = ParagraphStyle(
            f"role_{role.value}",
            parent=s.h2,
            spaceBefore=0,
            textColor=ps.colour(ps.Palette.ROLE[role]),
        )
        table = Table(
            [
                [ps.para(f"{card.name} ({card.short})", name)],
                [ps.para(card.stance, stance)],
                [ps.para(card.mission, s.cell)],
            ],
            colWidths=[width],
        )
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), ps.colour(ps.Palette.PANEL)),
                    ("LINEABOVE", (0, 0), (-1, 0), 3, ps.colour(ps.Palette.ROLE[role])),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, 0), 8),
                    ("TOPPADDING", (0, 1), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -2), 1),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
                ]
            )
        )
        cards.append(table)
    grid = Table(
        [[cards[0], "", cards[1]], ["", "", ""], [cards[2], "", cards[3]]],
        colWidths=[width, gap, width],
        rowHeights=[None, gap, None],
    )
    grid.setStyle(
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
    return grid


def _raci_matrix(template: RolesTemplate, _: Lang) -> Flowable:
    """Responsibilities down, roles across; the accountable role's cell is filled in its colour."""
    s = ps.styles()
    first = 72 * mm
    role_width = (ps.CONTENT_WIDTH - first) / len(ROLE_ORDER)
    letter = ParagraphStyle("raci", parent=s.cell_center, fontName=ps.fonts().bold, fontSize=10)
    letter_on_colour = ParagraphStyle("raci_a", parent=letter, textColor=ps.colour("#FFFFFF"))
    detail = ParagraphStyle("detail", parent=s.small, fontSize=7.4, leading=9.4)
    rows: list[list[Any]] = []
    extra: list[tuple[Any, ...]] = []
    for row_index, item in enumerate(template.responsibilities, start=1):
        description = [ps.para(item.title, s.cell_bold)]
        if item.detail:
            description.append(ps.para(item.detail, detail))
        cells: list[Any] = [description]
        for col_index, role in enumerate(ROLE_ORDER, start=1):
            letters = item.raci[role]
            shown = "/".join(letters)
            if "A" in letters:
                cells.append(Paragraph(ps.escape(shown), letter_on_colour))
                extra.append(
                    (
                        "BACKGROUND",
                        (col_index, row_index),
                        (col_index, row_index),
                        ps.colour(ps.Palette.ROLE[role]),
                    )
                )
            else:
                cells.append(Paragraph(ps.escape(shown), letter))
        rows.append(cells)
    header = [_("Responsibility"), *(template.roles[role].name for role in ROLE_ORDER)]
    return ps.data_table(
        header,
        rows,
        [first, *([role_width] * len(ROLE_ORDER))],
        align="l" + "c" * len(ROLE_ORDER),
        extra_style=extra,
    )


def _team_table(document: RolesDocument, _: Lang) -> Flowable:
    template = document.template
    by_role = {member.role: member for member in document.team}
    rows: list[list[Any]] = []
    for role in ROLE_ORDER:
        member = by_role.get(role)
        card = template.roles[role]
        name = member.name if member else _("Not assigned yet")
        email = member.email if member and member.email else ""
        rows.append([card.name, name, email, card.call_for])
    widths = [34 * mm, 40 * mm, 44 * mm, ps.CONTENT_WIDTH - 118 * mm]
    return ps.data_table([_("Role"), _("Name"), _("E-mail"), _("Call them for")], rows, widths)


def _channels_table(template: RolesTemplate, _: Lang, *, with_call_for: bool) -> Flowable:
    """Channels and response time by team; what to call them for unless "Your team" said it."""
    rows: list[list[Any]] = []
    for role in ROLE_ORDER:
        card = template.roles[role]
        row = [card.name, "\n".join(card.channels), card.response_time]
        rows.append([*row, card.call_for] if with_call_for else row)
    header = [_("Team"), _("Channels"), _("Response time")]
    if with_call_for:
        widths = [34 * mm, 46 * mm, 40 * mm, ps.CONTENT_WIDTH - 120 * mm]
        return ps.data_table([*header, _("Call them for")], rows, widths)
    widths = [40 * mm, 64 * mm, ps.CONTENT_WIDTH - 104 * mm]
    return ps.data_table(header, rows, widths)


def _escalation(template: RolesTemplate, _: Lang) -> Flowable:
    """Numbered steps, each naming the team that takes over, when and what happens."""
    s = ps.styles()
    number = ParagraphStyle(
        "step",
        parent=s.cell_center,
        fontName=ps.fonts().bold,
        fontSize=12,
        textColor=ps.colour("#FFFFFF"),
    )
    rows: list[list[Any]] = []
    extra: list[tuple[Any, ...]] = []
    for index, step in enumerate(template.escalation, start=1):
        role_name = template.roles[step.who].name
        rows.append([Paragraph(str(index), number), role_name, step.trigger, step.action])
        extra.append(("BACKGROUND", (0, index), (0, index), ps.colour(ps.Palette.ROLE[step.who])))
    widths = [16 * mm, 34 * mm, 60 * mm, ps.CONTENT_WIDTH - 110 * mm]
    table = ps.data_table(
        [_("Step"), _("Team"), _("When"), _("What happens")],
        rows,
        widths,
        align="cllll",
        extra_style=extra,
    )
    return KeepTogether([table])
