"""The operation audit as a PDF: summary, figures by role, capacity, findings, conventions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table, TableStyle

from csdesk.domain.enums import Role
from csdesk.i18n.formatting import UNKNOWN, day, money, month, number, percent
from csdesk.i18n.labels import label
from csdesk.i18n.lang import Lang
from csdesk.reports import pdf_style as ps
from csdesk.reports.audit.content import AuditContent, Finding, Kind
from csdesk.reports.output import check_target

SEVERITY_TONE = {"high": ps.Palette.CRITICAL, "medium": ps.Palette.AT_RISK, "low": ps.Palette.MUTED}
ROLE_ORDER = (Role.CS, Role.AM, Role.SUPPORT, Role.CX)


def write_audit_pdf(content: AuditContent, target: Path) -> Path:
    target = check_target(target, (".pdf",))
    _ = content.lang
    when = day(content.prepared_on, content.language)
    meta = ps.PageMeta(
        header_left=_("Operation audit"),
        header_right=content.scope,
        footer_left=_("Prepared with csdesk on {day}").format(day=when),
        page_label=lambda p, n: _("Page {page} of {total}").format(page=p, total=n),
        title=_("Operation audit") + f" · {content.scope}",
        subject=content.scope,
    )
    return ps.build_pdf(target, _story(content, _), meta)


def fmt(value: Any, kind: Kind, c: AuditContent, _: Lang) -> str:
    lang = c.language
    if value is None:
        return UNKNOWN
    if kind == "money":
        return money(float(value), c.currency, lang, cents=False)
    if kind == "ratio":
        return percent(float(value), lang)
    if kind == "decimal":
        return number(float(value), lang, decimals=1)
    if kind == "minutes":
        return _("{minutes} min").format(minutes=number(float(value), lang))
    if kind == "hours":
        return _("{hours} h").format(hours=number(float(value), lang, decimals=1))
    if kind == "nps":
        return number(float(value), lang)
    if kind == "number":
        return number(float(value), lang)
    return str(value)


def _summary(roles: int, data: int, _: Lang) -> str:
    """How many findings of each kind, in words that agree with the counts (none, one, many)."""
    roles_text = (
        _.ngettext(
            "{count} finding on who does what between CS, AM, Support and CX",
            "{count} findings on who does what between CS, AM, Support and CX",
            roles,
        ).format(count=roles)
        if roles
        else _("No finding on who does what between CS, AM, Support and CX")
    )
    data_text = (
        _.ngettext(
            "{count} finding on the quality of the data",
            "{count} findings on the quality of the data",
            data,
        ).format(count=data)
        if data
        else _("none on the quality of the data")
    )
    return _("{roles}; {data}. Each finding says why it matters and what to do.").format(
        roles=roles_text, data=data_text
    )


def _story(c: AuditContent, _: Lang) -> list[Flowable]:
    lang = c.language
    findings = c.role_findings + c.data_findings
    high = sum(1 for f in findings if f.severity == "high")
    meta = [
        _("Figures as of {month}").format(month=month(c.as_of, lang)),
        _("{count} accounts, {active} active").format(
            count=number(c.accounts, lang), active=number(c.active_accounts, lang)
        ),
        _("Prepared on {day}").format(day=day(c.prepared_on, lang)),
    ]
    h = c.headline
    health = h.get("health", {})
    scored = sum(health.values()) or None
    story: list[Flowable] = [
        ps.title_block(_("Operation audit"), c.scope, _("Customer Success operation"), meta),
        ps.spacer(5),
        ps.kpi_row(
            [
                ps.Kpi(_("MRR"), money(h.get("mrr"), c.currency, lang, cents=False)),
                ps.Kpi(_("NRR (12 months)"), percent(h.get("nrr_12m"), lang)),
                ps.Kpi(
                    _("Accounts at risk or critical"),
                    percent(
                        None if not scored else (health["at_risk"] + health["critical"]) / scored,
                        lang,
                    ),
                    tone=ps.Palette.AT_RISK,
                ),
                ps.Kpi(
                    _("Findings"),
                    number(len(findings), lang),
                    _("{count} high priority").format(count=high),
                    ps.Palette.CRITICAL if high else ps.Palette.ACCENT,
                ),
            ]
        ),
        ps.heading(_("Summary")),
        ps.body(_summary(len(c.role_findings), len(c.data_findings), _)),
    ]
    placed = [r.placement for r in (c.market.rows if c.market else []) if r.placement]
    if placed:
        count = {k: sum(1 for p in placed if p.position == k) for k in ("below", "within", "above")}
        story.append(
            ps.body(
                _.ngettext(
                    "{count} headline figure set against a published market benchmark: {below} "
                    "below, {within} in line, {above} above (see Against the market).",
                    "{count} headline figures set against published market benchmarks: {below} "
                    "below, {within} in line, {above} above (see Against the market).",
                    len(placed),
                ).format(count=len(placed), **count)
            )
        )
    top = sorted(findings, key=lambda f: ("high", "medium", "low").index(f.severity))[:4]
    if top:
        rows = [[_severity(f.severity, _), f.title, f.action] for f in top]
        story.append(
            ps.data_table(
                [_("Priority"), _("Finding"), _("What to do")],
                rows,
                [22 * mm, 58 * mm, ps.CONTENT_WIDTH - 80 * mm],
                extra_style=_severity_colours(top),
            )
        )
    story += [CondPageBreak(80 * mm), ps.heading(_("Figures by role"))]
    story.append(
        ps.para(
            _(
                "Each figure sits with the role that owns it; the window is the 12 months ending "
                "with the as-of month."
            ),
            ps.styles().caption,
        )
    )
    for role in ROLE_ORDER:
        story.append(_role_table(c, role, _))
    story += _market(c, _)
    story += _capacity(c, _)
    story += _work_queue(c, _)
    story += _findings(
        _("Who does what: findings"), c.role_findings, _, _("No role conflicts found in the data.")
    )
    story += _findings(_("Data quality"), c.data_findings, _, _("No data-quality problems found."))
    story += _conventions(c, _)
    return story


def _severity(value: str, _: Lang) -> str:
    return {"high": _("High"), "medium": _("Medium"), "low": _("Low")}[value]


def _severity_colours(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return [
        ("TEXTCOLOR", (0, i), (0, i), ps.colour(SEVERITY_TONE[f.severity]))
        for i, f in enumerate(findings, start=1)
    ]


def _role_table(c: AuditContent, role: Role, _: Lang) -> Flowable:
    s = ps.styles()
    colour = ps.colour(ps.Palette.ROLE[role.value])
    title = ParagraphStyle(f"audit_{role.value}", parent=s.h2, textColor=colour, spaceBefore=6)
    rows = [[f.label, fmt(f.value, f.kind, c, _), f.definition] for f in c.figures[role]]
    table = ps.data_table(
        [_("Figure"), _("Value"), _("Definition")],
        rows,
        [52 * mm, 28 * mm, ps.CONTENT_WIDTH - 80 * mm],
        align="lrl",
        extra_style=[("BACKGROUND", (0, 0), (-1, 0), colour)],
    )
    return KeepTogether([ps.para(label(role, _), title), table])


def _capacity(c: AuditContent, _: Lang) -> list[Flowable]:
    team = c.capacity
    out: list[Flowable] = [CondPageBreak(90 * mm), ps.heading(_("CSM capacity"))]
    if team is None or team.empty:
        return [*out, ps.body(_("No CSM or account data to model capacity."))]
    lang = c.language
    out.append(
        ps.para(
            _(
                "Hours needed this quarter, from the work each account needs (QBR, check-ins, "
                "onboarding), against the hours each CSM has."
            ),
            ps.styles().caption,
        )
    )
    from csdesk import charts

    # One chart per page's worth of CSMs, most loaded first, and at most two: a team of 230
    # drawn as one chart would be 6,500 points tall (a page holds 728). The table lists all.
    parts = _chart_parts(team)
    for number_, part in enumerate(parts[:CHART_PARTS]):
        # Rows a little tighter than on screen: the heading, its caption and a chart of
        # CHART_ROWS CSMs fit one page.
        figure = charts.capacity(part, lang=c.lang, size=(8.0, 0.36 * len(part) + 1.6))
        width, height = figure.get_size_inches()
        chart = ps.Pixels(charts.to_image(figure, 130), ps.CONTENT_WIDTH, height / width)
        if number_ == 0:
            # The heading and its caption go over the page with the first chart, never left
            # alone at the foot of the page before it.
            out[1:] = [KeepTogether([*out[1:], chart])]
        else:
            out.append(chart)
    if len(parts) > CHART_PARTS:
        out.append(
            ps.para(
                _(
                    "The chart shows the {shown} most loaded of {total} CSMs; the table lists "
                    "every one."
                ).format(
                    shown=number(CHART_ROWS * CHART_PARTS, lang), total=number(len(team), lang)
                ),
                ps.styles().caption,
            )
        )
    rows = []
    for record in team.to_dict("records"):
        rows.append(
            [
                record["csm"] or _("No CSM assigned"),
                number(record["accounts"], lang),
                number(record["hours_needed"], lang),
                number(record["hours_available"], lang),
                percent(_nan(record["utilisation"]), lang, decimals=0),
                number(_nan(record["spare_accounts"]), lang),
                number(record["overdue"], lang),
            ]
        )
    widths = [44 * mm, 18 * mm, 22 * mm, 24 * mm, 22 * mm, 22 * mm]
    widths.append(ps.CONTENT_WIDTH - sum(widths))
    header = [
        _("CSM"),
        _("Accounts"),
        _("Hours needed"),
        _("Hours available"),
        _("Utilisation"),
        _("Accounts that would fit"),
        _("Overdue for a touch"),
    ]
    out.append(ps.data_table(header, rows, widths, align="lrrrrrr"))
    return out


CHART_ROWS = 24
CHART_PARTS = 2


def _chart_parts(team: Any) -> list[Any]:
    """The team in the chart's order (most loaded first, unknown capacity last), in parts of
    at most :data:`CHART_ROWS` rows."""
    from csdesk.charts.team import most_loaded_first

    ordered = most_loaded_first(team)
    return [ordered.iloc[i : i + CHART_ROWS] for i in range(0, len(ordered), CHART_ROWS)]


def _work_queue(c: AuditContent, _: Lang) -> list[Flowable]:
    """Actions per person, median days to close by rule, risk reasons: the queue's story."""
    from csdesk.desk.names import rule_label

    q = c.queue
    if q is None or q.empty:
        return []
    lang = c.language
    out: list[Flowable] = [CondPageBreak(60 * mm), ps.heading(_("The work queue"))]
    out.append(
        ps.para(
            _(
                "Actions raised by the rules or added by hand, as the workspace holds them: "
                "open, overdue, and done in the last 90 days, by the person who owns them."
            ),
            ps.styles().caption,
        )
    )
    rows = [
        [
            p.person or _("Nobody"),
            label(Role(p.role)) if p.role in Role._value2member_map_ else p.role,
            number(p.open, lang),
            number(p.overdue, lang),
            number(p.done_90d, lang),
        ]
        for p in q.people
    ]
    widths = [50 * mm, 50 * mm, 22 * mm, 22 * mm]
    widths.append(ps.CONTENT_WIDTH - sum(widths))
    header = [_("Person"), _("Role"), _("Open"), _("Overdue"), _("Done (90 days)")]
    out.append(ps.data_table(header, rows, widths, align="llrrr"))
    if q.days_to_close:
        out.append(ps.heading(_("Median days to close, by rule"), 2))
        rows = [[rule_label(r), number(d, lang, decimals=1)] for r, d in q.days_to_close.items()]
        out.append(
            ps.data_table(
                [_("Rule"), _("Days")], rows, [80 * mm, ps.CONTENT_WIDTH - 80 * mm], align="lr"
            )
        )
    if q.risk_reasons:
        from csdesk.desk.rules import risk_reason_name

        out.append(ps.heading(_("Risk reasons"), 2))
        rows = [[risk_reason_name(r, lang), number(n, lang)] for r, n in q.risk_reasons.items()]
        out.append(
            ps.data_table(
                [_("Reason"), _("Accounts")],
                rows,
                [80 * mm, ps.CONTENT_WIDTH - 80 * mm],
                align="lr",
            )
        )
    return out


def _nan(value: Any) -> Any:
    return None if value is None or value != value else value


def _findings(title: str, findings: list[Finding], _: Lang, empty: str) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(60 * mm), ps.heading(title)]
    if not findings:
        return [*out, ps.body(empty)]
    s = ps.styles()
    label_style = ParagraphStyle("finding_label", parent=s.small, fontName=ps.fonts().bold)
    for finding in findings:
        tone = SEVERITY_TONE[finding.severity]
        rows = [
            [ps.para(f"{finding.title} · {_severity(finding.severity, _)}", s.h2), ""],
            [ps.para(_("What we found"), label_style), ps.para(finding.evidence, s.cell)],
            [ps.para(_("Why it matters"), label_style), ps.para(finding.why, s.cell)],
            [ps.para(_("What to do"), label_style), ps.para(finding.action, s.cell)],
        ]
        table = Table(rows, colWidths=[32 * mm, ps.CONTENT_WIDTH - 32 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("SPAN", (0, 0), (-1, 0)),
                    ("BACKGROUND", (0, 0), (-1, -1), ps.colour(ps.Palette.PANEL)),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, ps.colour(tone)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, 0), 6),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ]
            )
        )
        out += [KeepTogether([table]), ps.spacer(3)]
    return out


def _conventions(c: AuditContent, _: Lang) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(60 * mm), ps.heading(_("Other tools' conventions"))]
    if not c.conventions:
        return [*out, ps.body(_("Not enough data to compare conventions."))]
    out.append(
        ps.para(
            _(
                "The same name can mean different figures. csdesk's definition beside a common "
                "alternative, computed on the same data, so the numbers can be reconciled."
            ),
            ps.styles().caption,
        )
    )
    rows = [
        [
            conv.figure,
            fmt(conv.csdesk_value, conv.kind, c, _),
            conv.csdesk_rule,
            fmt(conv.other_value, conv.kind, c, _),
            conv.other_rule,
        ]
        for conv in c.conventions
    ]
    widths = [28 * mm, 27 * mm, 44 * mm, 27 * mm]
    widths.append(ps.CONTENT_WIDTH - sum(widths))
    header = [_("Figure"), "csdesk", _("csdesk's rule"), _("Other"), _("Other convention")]
    return [*out, ps.data_table(header, rows, widths, align="lrlrl")]


def _market(c: AuditContent, _: Lang) -> list[Flowable]:
    """Each headline figure beside its dated, cited benchmark, and where the client stands."""
    from csdesk.reports.audit import market

    m = c.market
    if m is None:
        return []
    lang = c.language
    out: list[Flowable] = [CondPageBreak(90 * mm), ps.heading(_("Against the market"))]
    if m.acv is None:
        acv = _("The client's ACV is unknown (no revenue in the as-of month).")
    elif m.acv_usd is None:
        acv = _(
            "The client's ACV is {acv} (ARR / paying accounts); with no US dollar rate in the "
            "workspace the ACV tier is unknown, so each figure is set against every tier."
        ).format(acv=money(m.acv, c.currency, lang, cents=False))
    elif c.currency.upper() == "USD":
        acv = _("The client's ACV is {acv} (ARR / paying accounts).").format(
            acv=money(m.acv, c.currency, lang, cents=False)
        )
    else:
        acv = _(
            "The client's ACV is {acv} (ARR / paying accounts), {usd} at the workspace's rate "
            "of {rate}."
        ).format(
            acv=money(m.acv, c.currency, lang, cents=False),
            usd=money(m.acv_usd, "USD", lang, cents=False),
            rate=money(m.usd_rate, c.currency, lang),
        )
    out.append(
        ps.para(
            _(
                "Each headline figure against a published benchmark, chosen by contract value "
                "where the source gives one. Medians and rules of thumb are single values: "
                "within one point (10% for book sizes) counts as at them. {acv}"
            ).format(acv=acv),
            ps.styles().caption,
        )
    )
    rows, missing = [], []
    cited: dict[str, Any] = {}
    placed = [r for r in m.rows if r.placement is not None]
    for row in m.rows:
        name = market.figure_name(row.metric, _)
        p = row.placement
        if p is None:
            missing.append(f"{name}: {market.no_benchmark_text(row, m.csms, _)}")
            continue
        cited[p.band.source.key] = p.band.source
        bench = market.band_text(p, row.kind, lambda v, k: fmt(v, k, c, _), _)
        rows.append(
            [
                name,
                fmt(row.value, row.kind, c, _),
                f"{bench} · {market.segment_text(p, _)}",
                market.position_text(p, _),
                p.band.source.short,
            ]
        )
    widths = [34 * mm, 24 * mm, 54 * mm, 30 * mm]
    widths.append(ps.CONTENT_WIDTH - sum(widths))
    header = [_("Figure"), _("Client"), _("Benchmark"), _("Where the client stands"), _("Source")]
    tone = {"below": ps.Palette.AT_RISK, "above": ps.Palette.HEALTHY}
    style = [
        ("TEXTCOLOR", (3, i), (3, i), ps.colour(tone[r.placement.position]))
        for i, r in enumerate(placed, start=1)
        if r.placement is not None and r.placement.position in tone
    ]
    if rows:
        out.append(ps.data_table(header, rows, widths, align="lrlll", extra_style=style))
    if missing:
        out.append(ps.heading(_("Figures not compared"), 2))
        out += [ps.para(text, ps.styles().small) for text in missing]
    if cited:
        out.append(ps.heading(_("Sources"), 2))
        for source in cited.values():
            out.append(ps.para(source.citation, ps.styles().caption))
    out = [*out[:1], KeepTogether(out[1:4]), *out[4:]]
    out += _findings(_("Where the client stands"), m.findings, _, _("Every figure is in line."))
    return out
