"""The QBR pack as a PDF: cover and summary, health, adoption and goals, support and CX,
revenue and contract, what changed, opportunities, next steps and the account team."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from csdesk.domain.enums import GoalStatus, HealthBand, OpportunityKind, OpportunityStage, Role
from csdesk.i18n.formatting import UNKNOWN, day, measure, money, number, percent
from csdesk.i18n.labels import health_component_label, label
from csdesk.i18n.lang import Lang
from csdesk.reports import pdf_style as ps
from csdesk.reports.output import check_target
from csdesk.reports.qbr.figures import ChartImage, QbrFigures, draw
from csdesk.reports.qbr.model import QbrContent, their_team_table

BAND_TONE = {
    HealthBand.HEALTHY: ps.Palette.HEALTHY,
    HealthBand.AT_RISK: ps.Palette.AT_RISK,
    HealthBand.CRITICAL: ps.Palette.CRITICAL,
}


def write_qbr_pdf(content: QbrContent, target: Path, figures: QbrFigures | None = None) -> Path:
    """Render ``content`` to ``target`` (.pdf) atomically; charts drawn unless given."""
    target = check_target(target, (".pdf",))
    figures = figures or draw(content)
    _ = content.lang
    story = _story(content, figures, _)
    period = quarter_label(content, _)
    meta = ps.PageMeta(
        header_left=_("Quarterly business review") + f" · {period}",
        header_right=content.account_name,
        footer_left=_("Prepared with csdesk on {day}").format(
            day=day(content.prepared_on, content.language)
        ),
        page_label=lambda p, n: _("Page {page} of {total}").format(page=p, total=n),
        title=_("Quarterly business review") + f" · {content.account_name} · {period}",
        author=_name(content, Role.CS) or "",
        subject=content.account_name,
    )
    return ps.build_pdf(target, story, meta)


def quarter_label(content: QbrContent, _: Lang) -> str:
    return content.quarter.name(content.language, _)


def _name(content: QbrContent, role: Role) -> str | None:
    person = content.person(role)
    return None if person is None else person.name


def _image(chart: ChartImage, width: float = ps.CONTENT_WIDTH) -> Flowable:
    return ps.Pixels(chart.pixels, width, chart.ratio)


def _story(c: QbrContent, f: QbrFigures, _: Lang) -> list[Flowable]:
    lang = c.language
    s = ps.styles()
    meta = [quarter_label(c, _)]
    for role, title in ((Role.CS, "CSM"), (Role.AM, _("Account manager"))):
        name = _name(c, role)
        if name:
            meta.append(f"{title}: {name}")
    meta.append(_("Prepared on {day}").format(day=day(c.prepared_on, lang)))
    story: list[Flowable] = [
        ps.title_block(_("Quarterly business review"), c.account_name, c.segment, meta),
        ps.spacer(5),
        ps.kpi_row(_headline_kpis(c, _)),
        ps.heading(_("Executive summary")),
        ps.body(c.summary),
    ]
    if c.wins or c.risks:
        story.append(_wins_and_risks(c, _))
    story += [CondPageBreak(120 * mm), ps.heading(_("Health"))]
    story.append(ps.body(_health_sentence(c, _)))
    story += [
        _image(f.health_trend),
        ps.spacer(2),
        _image(f.health_drivers, ps.CONTENT_WIDTH * 0.9),
    ]
    if c.health.missing:
        missing = ", ".join(health_component_label(m, _) for m in c.health.missing)
        story.append(ps.para(_("No data for: {items}.").format(items=missing), s.caption))
    story += [CondPageBreak(90 * mm), ps.heading(_("Adoption")), _image(f.usage)]
    story += _goals(c, _)
    story += [CondPageBreak(110 * mm), ps.heading(_("Support and customer experience"))]
    story += _support(c, _)
    story += [ps.spacer(3), _image(f.nps, ps.CONTENT_WIDTH * 0.9)]
    story += [CondPageBreak(100 * mm), ps.heading(_("Revenue and contract"))]
    story += [ps.kpi_row(_revenue_kpis(c, _)), ps.spacer(3), _image(f.revenue)]
    story += _changes(c, _)
    story += _opportunities(c, _)
    story += _next_steps(c, _)
    story += _team(c, _)
    return story


def _headline_kpis(c: QbrContent, _: Lang) -> list[ps.Kpi]:
    lang = c.language
    h = c.health
    tone = BAND_TONE.get(h.band, ps.Palette.MUTED) if h.band else ps.Palette.MUTED
    health_note = label(h.band, _) if h.band else _("not scored")
    points = round(h.change_quarter or 0)
    if points:
        health_note += " · " + _("{points} pts").format(points=f"{points:+d}")
    mrr_note = None
    if c.revenue.mrr is not None and c.revenue.mrr_quarter_start:
        change = (c.revenue.mrr - c.revenue.mrr_quarter_start) / c.revenue.mrr_quarter_start
        mrr_note = _("{change} this quarter").format(
            change=("+" if change >= 0 else "-") + percent(abs(change), lang)
        )
    adoption = c.adoption
    cx = c.experience
    return [
        ps.Kpi(_("Health score"), number(h.score, lang), health_note, tone),
        ps.Kpi(_("MRR"), money(c.revenue.mrr, c.currency, lang, cents=False), mrr_note),
        ps.Kpi(
            _("Seats in use"),
            percent(adoption.utilisation, lang, decimals=0),
            _("{users} of {seats} seats").format(
                users=number(adoption.active_users, lang), seats=number(adoption.seats, lang)
            )
            if adoption.seats
            else None,
        ),
        ps.Kpi(
            _("NPS (12 months)"),
            number(cx.nps, lang),
            _("{count} responses").format(count=cx.responses) if cx.responses else None,
        ),
    ]


def _wins_and_risks(c: QbrContent, _: Lang) -> Flowable:
    s = ps.styles()
    half = (ps.CONTENT_WIDTH - 6) / 2

    def column(title: str, items: list[str], tone: str, empty: str) -> Table:
        # An empty column says so in words: a lone dash reads as missing data to a client.
        rows: list[list[Any]] = [[ps.para(title, s.h2)]]
        rows += [[ps.para(f"•  {item}", s.cell)] for item in items] or [[ps.para(empty, s.small)]]
        table = Table(rows, colWidths=[half])
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), ps.colour(ps.Palette.PANEL)),
                    ("LINEABOVE", (0, 0), (-1, 0), 3, ps.colour(tone)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 1), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ]
            )
        )
        return table

    grid = Table(
        [
            [
                column(_("Wins"), c.wins, ps.Palette.HEALTHY, _("No wins recorded this quarter.")),
                "",
                column(
                    _("To watch"), c.risks, ps.Palette.AT_RISK, _("Nothing to flag this quarter.")
                ),
            ]
        ],
        colWidths=[half, 6, half],
    )
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return grid


def _health_sentence(c: QbrContent, _: Lang) -> str:
    lang = c.language
    h = c.health
    if h.score is None:
        return _("This account has no health score yet: there is not enough data.")
    drivers = sorted((d for d in h.drivers if d.score is not None), key=lambda d: d.score or 0)
    text = _("Health is {score} out of 100 ({band}).").format(
        score=number(h.score, lang), band=label(h.band, _).lower() if h.band else "—"
    )
    if len(drivers) == 1:
        text += " " + _("Only {driver} has data to score.").format(
            driver=health_component_label(drivers[0].key, _).lower()
        )
    elif drivers:
        text += " " + _("Strongest: {best}. Weakest: {worst}.").format(
            best=health_component_label(drivers[-1].key, _).lower(),
            worst=health_component_label(drivers[0].key, _).lower(),
        )
    return text


def _goals(c: QbrContent, _: Lang) -> list[Flowable]:
    lang = c.language
    out: list[Flowable] = [CondPageBreak(50 * mm), ps.heading(_("Success plan goals"))]
    if not c.goals:
        return [*out, ps.body(_("No success-plan goals recorded yet."))]
    rows = []
    for g in c.goals:
        progress = g.progress
        rows.append(
            [
                g.objective,
                g.metric,
                measure(g.baseline, lang),
                measure(g.target, lang),
                measure(g.current, lang),
                percent(progress, lang, decimals=0) if progress is not None else UNKNOWN,
                day(g.due, lang),
                _status(g.status, _),
            ]
        )
    widths = [40 * mm, 25 * mm, 16 * mm, 13 * mm, 13 * mm, 20 * mm, 22 * mm]
    widths.append(ps.CONTENT_WIDTH - sum(widths))
    header = [
        _("Objective"),
        _("Metric"),
        _("Baseline"),
        _("Target"),
        _("Current"),
        _("Progress"),
        _("Due"),
        _("Status"),
    ]
    return [*out, ps.data_table(header, rows, widths, align="llrrrrll")]


def _status(value: str, _: Lang) -> str:
    try:
        return label(GoalStatus(value), _)
    except ValueError:
        return value


def _support(c: QbrContent, _: Lang) -> list[Flowable]:
    lang = c.language
    now, before = c.support, c.support_before

    def row(name: str, a: str, b: str) -> list[str]:
        return [name, a, b]

    rows = [
        row(_("Tickets"), number(now.tickets, lang), number(before.tickets, lang)),
        row(
            _("TME (average wait)"),
            _minutes(now.tme_minutes, lang, _),
            _minutes(before.tme_minutes, lang, _),
        ),
        row(
            _("TMA (average handle time)"),
            _minutes(now.tma_minutes, lang, _),
            _minutes(before.tma_minutes, lang, _),
        ),
        row(_("First-contact resolution"), percent(now.fcr, lang), percent(before.fcr, lang)),
        row(_("Ticket CSAT"), percent(now.csat, lang), percent(before.csat, lang)),
        row(_("Escalations"), number(now.escalations, lang), number(before.escalations, lang)),
    ]
    cx = c.experience
    width = ps.CONTENT_WIDTH
    support = ps.data_table(
        [_("Support"), _("This quarter"), _("Previous quarter")],
        rows,
        [width * 0.5, width * 0.25, width * 0.25],
        align="lrr",
    )
    kpis = ps.kpi_row(
        [
            ps.Kpi(_("NPS (12 months)"), number(cx.nps, lang)),
            ps.Kpi(_("CSAT (12 months)"), percent(cx.csat, lang)),
            ps.Kpi(_("CES (1–7, 12 months)"), number(cx.ces, lang, decimals=1)),
        ]
    )
    return [support, ps.spacer(4), kpis]


def _minutes(value: float | None, lang: str, _: Lang) -> str:
    if value is None:
        return UNKNOWN
    if value >= 120:
        return _("{hours} h").format(hours=number(value / 60, lang, decimals=1))
    return _("{minutes} min").format(minutes=number(value, lang))


def _revenue_kpis(c: QbrContent, _: Lang) -> list[ps.Kpi]:
    lang = c.language
    r = c.revenue
    renewal_note = None
    if r.days_to_renewal is not None:
        renewal_note = _("in {days} days").format(days=r.days_to_renewal)
    return [
        ps.Kpi(_("MRR"), money(r.mrr, c.currency, lang, cents=False)),
        ps.Kpi(_("ARR"), money(r.arr, c.currency, lang, cents=False)),
        ps.Kpi(_("Contract value"), money(r.contract_value, c.currency, lang, cents=False)),
        ps.Kpi(_("Renewal date"), day(r.renewal_date, lang), renewal_note),
    ]


def _changes(c: QbrContent, _: Lang) -> list[Flowable]:
    lang = c.language
    title = _("What changed since the last QBR")
    out: list[Flowable] = [CondPageBreak(60 * mm), ps.heading(title)]
    if c.last_qbr is not None:
        out.append(
            ps.para(_("Last QBR: {day}").format(day=day(c.last_qbr, lang)), ps.styles().caption)
        )
    if not c.changes:
        return [*out, ps.body(_("Nothing notable recorded in this period."))]
    rows = [[day(ch.when, lang), ch.what] for ch in c.changes]
    return [
        *out,
        ps.data_table([_("Date"), _("What happened")], rows, [28 * mm, ps.CONTENT_WIDTH - 28 * mm]),
    ]


def _opportunities(c: QbrContent, _: Lang) -> list[Flowable]:
    lang = c.language
    out: list[Flowable] = [CondPageBreak(50 * mm), ps.heading(_("Opportunities for the AM"))]
    if not c.opportunities:
        return [*out, ps.body(_("No open opportunities."))]
    rows = []
    for o in c.opportunities:
        rows.append(
            [
                _enum_label(OpportunityKind, o.kind, _),
                _enum_label(OpportunityStage, o.stage, _),
                money(o.amount, c.currency, lang, cents=False),
                _who(o.raised_by, o.raised_role, _),
                _who(o.owner, o.owner_role, _),
                day(o.created, lang),
            ]
        )
    widths = [24 * mm, 26 * mm, 26 * mm, 38 * mm, 38 * mm]
    widths.append(ps.CONTENT_WIDTH - sum(widths))
    header = [_("Kind"), _("Stage"), _("Amount"), _("Raised by"), _("Owner"), _("Created")]
    return [
        *out,
        ps.para(_("CS raises an opportunity; AM negotiates and closes it."), ps.styles().caption),
        ps.data_table(header, rows, widths, align="llrlll"),
    ]


def _enum_label(enum: Any, value: str, _: Lang) -> str:
    try:
        return label(enum(value), _)
    except ValueError:
        return value


def _who(name: str | None, role: str | None, _: Lang) -> str:
    short = None
    if role:
        try:
            short = label(Role(role), _)
        except ValueError:
            short = role
    if name and short:
        return f"{name} ({short})"
    return name or short or UNKNOWN


def _next_steps(c: QbrContent, _: Lang) -> list[Flowable]:
    lang = c.language
    out: list[Flowable] = [CondPageBreak(50 * mm), ps.heading(_("Next steps"))]
    if not c.next_steps:
        return [*out, ps.body(_("No next steps recorded."))]
    rows = []
    for step in c.next_steps:
        owner = UNKNOWN
        if step.owner_role is not None:
            person = c.person(step.owner_role)
            owner = label(step.owner_role, _) + (f" · {person.name}" if person else "")
        rows.append([step.step, owner, day(step.due, lang)])
    widths = [ps.CONTENT_WIDTH - 92 * mm, 64 * mm, 28 * mm]
    return [*out, ps.data_table([_("Step"), _("Owner"), _("Due")], rows, widths)]


def _team(c: QbrContent, _: Lang) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(60 * mm), ps.heading(_("Your team"))]
    if not c.team:
        intro = ps.body(_("Your named contacts will be introduced at kick-off."))
        return [*out, intro, *_their_team(c, _)]
    rows = [[label(p.role, _), p.name, p.email or "", p.call_for] for p in c.team]
    widths = [36 * mm, 38 * mm, 48 * mm, ps.CONTENT_WIDTH - 122 * mm]
    return [
        *out,
        ps.data_table([_("Role"), _("Name"), _("E-mail"), _("Call them for")], rows, widths),
        *_their_team(c, _),
    ]


def _their_team(c: QbrContent, _: Lang) -> list[Flowable]:
    """Who the team met at the account this quarter (captured meetings and e-mails)."""
    if not c.their_team:
        return []
    headers, rows = their_team_table(c, _)
    widths = [46 * mm, 48 * mm, 30 * mm, 18 * mm, ps.CONTENT_WIDTH - 142 * mm]
    return [
        Spacer(1, 6 * mm),
        ps.heading(_("Their team: who we met this quarter")),
        ps.data_table(headers, rows, widths),
    ]
