"""What the operation audit says: figures by the role that owns them, CSM capacity, findings on
role clarity and data quality, and csdesk's figures beside other tools' conventions.

Every finding carries the evidence (counts, amounts), why it matters and what to do, so the
consultant can hand the document over as it is. Findings with nothing to report are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from csdesk.domain.enums import Role
from csdesk.domain.month import Month
from csdesk.i18n.formatting import money, month, number, percent
from csdesk.i18n.lang import ENGLISH, Lang
from csdesk.metrics import data_end
from csdesk.reports.audit.work_queue import QueueFigures, queue_figures
from csdesk.store.settings import CURRENCY, organisation_name
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

    from csdesk.reports.audit.market import MarketComparison

Kind = Literal["money", "ratio", "number", "decimal", "minutes", "hours", "nps", "text"]
Severity = Literal["high", "medium", "low"]


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    value: float | str | None
    kind: Kind
    definition: str


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    title: str
    evidence: str
    why: str
    action: str


@dataclass(frozen=True, slots=True)
class Convention:
    figure: str
    csdesk_value: float | None
    csdesk_rule: str
    other_value: float | None
    other_rule: str
    kind: Kind


@dataclass
class AuditContent:
    """What the audit says, in ``lang``: the PDF writes in the language it was gathered in."""

    lang: Lang
    currency: str
    scope: str  # the workspace's name
    as_of: Month
    prepared_on: date
    accounts: int
    active_accounts: int
    figures: dict[Role, list[Figure]]
    capacity: pd.DataFrame | None
    role_findings: list[Finding] = field(default_factory=list)
    data_findings: list[Finding] = field(default_factory=list)
    conventions: list[Convention] = field(default_factory=list)
    headline: dict[str, Any] = field(default_factory=dict)
    queue: QueueFigures | None = None
    market: MarketComparison | None = None
    # Share of the as-of MRR from contracts of one account and product running beside a newer
    # one (see _overlapping_contracts): above OVERLAP_WITHHOLDS the MRR figures are not set
    # against the market.
    overlapping_share: float = 0.0

    @property
    def language(self) -> str:
        """The code of ``lang`` (``en``, ``pt_BR``), for formatting."""
        return self.lang.code


def build_audit(
    ws: Workspace,
    *,
    lang: Lang = ENGLISH,
    today: date | None = None,
    company: str | None = None,
    as_of: Month | None = None,
) -> AuditContent:
    """The audit of ``ws``; ``company`` names the audited company on the cover (default: the
    workspace's organisation setting, else its file's name). ``as_of``: the month the figures
    are as of (default: :func:`csdesk.metrics.data_end.choose`)."""
    return _build(ws, lang, today or date.today(), (company or "").strip() or None, as_of)


def _build(
    ws: Workspace, lang: Lang, today: date, company: str | None, as_of: Month | None = None
) -> AuditContent:
    from csdesk.metrics import capacity, mrr_source, portfolio, renewals, revenue, support
    from csdesk.metrics.periods import Window

    _ = lang
    data = mrr_source.load(ws)
    chosen = data_end.choose(ws, as_of, data.last, today)
    as_of = chosen.month
    figures = portfolio.compute(ws, as_of=as_of)
    start = as_of - 12
    window_start = (as_of - 11).first_day
    rates = renewals.rates(ws, window_start, as_of.last_day)
    upsell = revenue.upsell_rate(ws, data, start, as_of) if data.first else None
    # capacity.compute needs revenue data (it finds each account's first paying month).
    team = capacity.compute(ws, as_of)
    total, active = ws.query("SELECT count(*), coalesce(sum(status = 'active'), 0) FROM accounts")[
        0
    ]
    content = AuditContent(
        lang=lang,
        currency=CURRENCY.get(ws),
        scope=company or organisation_name(ws),
        as_of=as_of,
        prepared_on=today,
        accounts=int(total),
        active_accounts=int(active),
        figures=_figures_by_role(
            figures, rates, upsell, support.summary(ws, Window(as_of)).csat, _
        ),
        capacity=team,
        headline=figures,
    )
    content.queue = queue_figures(ws, today)
    content.role_findings = _role_findings(ws, team, content, _)
    content.role_findings += _queue_findings(content.queue, content, _)
    content.data_findings = _data_findings(ws, data, as_of, content, _)
    content.data_findings[:0] = _past_the_data(chosen, content, _)
    content.conventions = _conventions(ws, data, as_of, figures, _)
    content.conventions += _named_tools(ws, data, as_of, _)
    content.market = _market(ws, data, figures, as_of, content)
    return content


def _market(
    ws: Workspace, data: Any, figures: dict[str, Any], as_of: Month, c: AuditContent
) -> Any:
    """The headline figures against the shipped benchmarks, with a finding for each figure
    outside its band."""
    from csdesk.reports.audit import market
    from csdesk.reports.audit.pdf import fmt

    comparison = market.compare(ws, figures, as_of, c.currency, data)
    if c.overlapping_share >= OVERLAP_WITHHOLDS:
        _ = c.lang
        comparison.withhold(
            market.BUILT_ON_MRR,
            _(
                "Not compared: {share} of the MRR comes from contracts of one product running "
                "beside a newer one (see the finding), so it may be counted twice."
            ).format(share=percent(c.overlapping_share, c.language, decimals=0)),
        )
    comparison.findings = market.findings(
        comparison, lambda value, kind: fmt(value, kind, c, c.lang), c.lang
    )
    return comparison


def _named_tools(ws: Workspace, data: Any, as_of: Month, _: Lang) -> list[Convention]:
    """Logo churn as ChartMogul, Baremetrics, ProfitWell and Stripe would count it (the
    accounts behind each difference are in the Excel export)."""
    from csdesk.metrics import tool_presets

    if data.first is None or data.column(as_of - 12) is None:
        return []
    out = []
    free = tool_presets.free_months(ws)
    for result in tool_presets.recompute_all(data, as_of - 12, as_of, free):
        out.append(
            Convention(
                _("Logo churn · {tool}").format(tool=result.preset.name),
                result.csdesk_value,
                _("Share of the cohort of 12 months ago no longer paying."),
                result.value,
                tool_presets.rule_text(result.preset, _),
                "ratio",
            )
        )
    return out


def _figures_by_role(
    f: dict[str, Any], rates: Any, upsell: float | None, ticket_csat: float | None, _: Lang
) -> dict[Role, list[Figure]]:
    nps = f["nps"]
    support = f["support"]
    health = f["health"]
    scored = sum(health.values()) or None
    due = f["renewals"]
    return {
        Role.CX: [
            Figure(
                _("NPS"), nps["score"], "nps", _("% promoters (9–10) minus % detractors (0–6).")
            ),
            Figure(_("Responses"), nps["responses"], "number", _("NPS answers in the window.")),
            Figure(_("CSAT"), f["csat"], "ratio", _("Share of answers scoring 4–5 of 5.")),
            Figure(_("CES"), f["ces"], "decimal", _("Mean effort score, 1–7 (7 = easiest).")),
        ],
        Role.SUPPORT: [
            Figure(_("Ticket volume"), support["tickets"], "number", _("Tickets opened.")),
            Figure(
                _("TME (average wait)"),
                support["tme_minutes"],
                "minutes",
                _("Mean time to first response."),
            ),
            Figure(
                _("TMA (average handle time)"),
                support["tma_minutes"],
                "minutes",
                _("Mean handle minutes per ticket."),
            ),
            Figure(
                _("Resolution time"),
                support["resolution_hours"],
                "hours",
                _("Mean time from opening to resolution."),
            ),
            Figure(
                _("First-contact resolution"),
                support["fcr"],
                "ratio",
                _("Resolved with one contact and not reopened / resolved."),
            ),
            Figure(
                _("SLA attainment"),
                support["sla"],
                "ratio",
                _("First responses within the priority's target."),
            ),
            Figure(
                _("Ticket CSAT"),
                ticket_csat,
                "ratio",
                _("Share of rated tickets scoring 4–5 of 5 (a help desk's Good counts as 5)."),
            ),
        ],
        Role.CS: [
            Figure(
                _("NRR (12 months)"),
                f["nrr_12m"],
                "ratio",
                _("MRR now of the accounts paying 12 months ago / their MRR then."),
            ),
            Figure(
                _("GRR (12 months)"),
                f["grr_12m"],
                "ratio",
                _("Same cohort, each account capped at its MRR of 12 months ago."),
            ),
            Figure(
                _("Logo churn (12 months)"),
                f["logo_churn_12m"],
                "ratio",
                _("Share of that cohort no longer paying."),
            ),
            Figure(
                _("Expansion rate (12 months)"),
                upsell,
                "ratio",
                _("Accounts that expanded or won an upsell / accounts paying 12 months ago."),
            ),
            Figure(
                _("Accounts at risk or critical"),
                None if not scored else (health["at_risk"] + health["critical"]) / scored,
                "ratio",
                _("Share of scored accounts below 70 health points."),
            ),
        ],
        Role.AM: [
            Figure(
                _("Renewal rate (logos, 12 months)"),
                rates.logo_rate,
                "ratio",
                _("Renewals due in the last 12 months that renewed."),
            ),
            Figure(
                _("Renewal rate (value, 12 months)"),
                rates.value_rate,
                "ratio",
                _("Value renewed / value due."),
            ),
            Figure(
                _("Renewals due in 90 days"),
                due["due_90d"],
                "number",
                _("Renewal dates in the next 90 days."),
            ),
            Figure(
                _("Renewal forecast, 90 days"),
                due["forecast_90d"],
                "money",
                _("Σ value × probability (from health, or set by the CSM)."),
            ),
        ],
    }


def _one(ws: Workspace, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    return tuple(ws.query(sql, params)[0])


def _role_findings(
    ws: Workspace, team: pd.DataFrame | None, c: AuditContent, _: Lang
) -> list[Finding]:
    lang, cur = c.language, c.currency
    out: list[Finding] = []
    count, amount = _one(
        ws,
        "SELECT count(*), sum(amount) FROM opportunities WHERE kind IN ('upsell', 'cross_sell') "
        "AND owner_role = 'cs' AND (outcome IN ('won', 'lost') OR stage IN "
        "('proposal', 'negotiation', 'closed_won', 'closed_lost'))",
    )
    if count:
        out.append(
            Finding(
                "high",
                _("CS negotiates and closes opportunities"),
                _.ngettext(
                    "{count} upsell or cross-sell opportunity ({amount}) was taken to proposal "
                    "or closed by Customer Success.",
                    "{count} upsell or cross-sell opportunities ({amount}) were taken to proposal "
                    "or closed by Customer Success.",
                    int(count),
                ).format(count=number(count, lang), amount=money(amount, cur, lang, cents=False)),
                _(
                    "A CSM who sells loses the trust that makes value conversations work, and "
                    "the pipeline escapes the AM's forecast."
                ),
                _(
                    "CS raises the opportunity and hands it to the AM, who negotiates and closes; "
                    "reward CS with a bonus on opportunities raised, not a quota."
                ),
            )
        )
    (renewals_cs,) = _one(
        ws,
        "SELECT (SELECT count(*) FROM opportunities WHERE kind = 'renewal' AND owner_role = 'cs')"
        " + (SELECT count(*) FROM events WHERE kind = 'renewal' AND role = 'cs')",
    )
    if renewals_cs:
        out.append(
            Finding(
                "high",
                _("CS handles renewals"),
                _.ngettext(
                    "{count} renewal (an opportunity or a timeline entry) is owned by Customer "
                    "Success.",
                    "{count} renewals (opportunities or timeline entries) are owned by Customer "
                    "Success.",
                    int(renewals_cs),
                ).format(count=number(renewals_cs, lang)),
                _(
                    "Renewal terms, discounts and price adjustments are commercial decisions; "
                    "when the CSM negotiates them, the QBR turns into a negotiation."
                ),
                _(
                    "Give every renewal an AM owner; the CSM supplies the health and value story "
                    "ahead of it."
                ),
            )
        )
    no_am, no_csm = _one(
        ws,
        "SELECT coalesce(sum(am_id IS NULL), 0), coalesce(sum(csm_id IS NULL), 0) "
        "FROM accounts WHERE status = 'active'",
    )
    if no_am:
        out.append(
            Finding(
                "medium",
                _("Active accounts with no AM"),
                _("{count} of {total} active accounts have no account manager.").format(
                    count=number(no_am, lang), total=number(c.active_accounts, lang)
                ),
                _(
                    "Without an AM, renewals and expansion fall to whoever is closest: usually "
                    "the CSM or nobody."
                ),
                _("Assign an AM to every active account, even a pooled one for the long tail."),
            )
        )
    if no_csm:
        out.append(
            Finding(
                "medium",
                _("Active accounts with no CSM"),
                _("{count} of {total} active accounts have no CSM.").format(
                    count=number(no_csm, lang), total=number(c.active_accounts, lang)
                ),
                _("Nobody watches their adoption and health, so churn arrives unannounced."),
                _("Assign a CSM, or a digital (one-to-many) programme for the smallest accounts."),
            )
        )
    tickets, agents = _one(
        ws,
        "SELECT count(*), count(DISTINCT t.assignee_id) FROM tickets t "
        "JOIN people p ON p.id = t.assignee_id WHERE p.role = 'cs'",
    )
    if tickets:
        out.append(
            Finding(
                "medium",
                _("CSMs work support tickets"),
                _("{count} tickets were assigned to {agents} CSMs.").format(
                    count=number(tickets, lang), agents=number(agents, lang)
                ),
                _(
                    "Reactive work crowds out the proactive work only CS does, and hides the "
                    "real support load from the support team's metrics."
                ),
                _(
                    "Route bugs and usability doubts to Support; the CSM follows the impact, not "
                    "the ticket."
                ),
            )
        )
    if team is not None and not team.empty:
        over = team[team["utilisation"].astype("float64") > 1.0]
        if len(over):
            names = ", ".join(str(n) for n in over["csm"].tolist() if n)
            out.append(
                Finding(
                    "high",
                    _("CSMs over capacity"),
                    _("{count} CSMs need more hours than they have this quarter: {names}.").format(
                        count=number(len(over), lang), names=names or "—"
                    ),
                    _(
                        "Overloaded CSMs skip QBRs and check-ins first: the accounts go quiet "
                        "before they churn."
                    ),
                    _("Rebalance the book, or move the smallest accounts to a digital programme."),
                )
            )
    return out


def _queue_findings(q: QueueFigures, c: AuditContent, _: Lang) -> list[Finding]:
    """What the work queue says about who does what, and whether it is kept up."""
    lang = c.language
    out: list[Finding] = []
    if q.wrong_role:
        renewals = sum(1 for rule, _role, _name in q.wrong_role if rule == "renewal_due")
        escalations = len(q.wrong_role) - renewals
        out.append(
            Finding(
                "high",
                _("Work queue actions owned by the wrong role"),
                _(
                    "{renewals} renewal actions are not owned by Account Management and "
                    "{escalations} escalations are not owned by Support (e.g. {example})."
                ).format(
                    renewals=number(renewals, lang),
                    escalations=number(escalations, lang),
                    example=q.wrong_role[0][2],
                ),
                _(
                    "A renewal negotiated by the CSM or a bug followed by the CSM takes the time "
                    "value work needs, and leaves the owner of the outcome out of it."
                ),
                _(
                    "Give renewals to the AM and escalations to Support; the CSM is informed, "
                    "and brings the health and value story."
                ),
            )
        )
    if q.overdue:
        out.append(
            Finding(
                "medium",
                _("Overdue actions in the work queue"),
                _("{overdue} of {open} open actions are past their due date.").format(
                    overdue=number(q.overdue, lang), open=number(q.open, lang)
                ),
                _(
                    "An action past its date is a customer waiting: a detractor not called "
                    "back, a renewal not started, an account nobody touched."
                ),
                _(
                    "Review the queue every morning; snooze what can wait with a date, dismiss "
                    "what does not apply with a reason, so what is left is real."
                ),
            )
        )
    if q.renewals_without_action:
        out.append(
            Finding(
                "medium",
                _("Renewals without a started renewal action"),
                _.ngettext(
                    "{count} active account renews in the next 90 days with no renewal step "
                    "done ({example}).",
                    "{count} active accounts renew in the next 90 days with no renewal step "
                    "done (e.g. {example}).",
                    len(q.renewals_without_action),
                ).format(
                    count=number(len(q.renewals_without_action), lang),
                    example=q.renewals_without_action[0],
                ),
                _("A renewal started late is negotiated under pressure, and discounted."),
                _(
                    "Start each renewal 60 days before its date: confirm the decision maker and "
                    "send the proposal."
                ),
            )
        )
    return out


def _past_the_data(chosen: data_end.ChosenMonth, c: AuditContent, _: Lang) -> list[Finding]:
    """The finding that says the month was moved back to the data's end, or lies past it."""
    end = chosen.activity_end
    if end is None:
        return []
    why = _(
        "Past the end of the data every open contract counts as paying and nothing else "
        "happens: no churn, NRR at 100%, no tickets, months no one recorded."
    )
    if chosen.stepped_back and chosen.revenue_end is not None:
        return [
            Finding(
                "medium",
                _("Figures as of the end of the data"),
                _(
                    "Open contracts carry the revenue on to {revenue_end}, but the newest "
                    "ticket, usage record, survey or event is from {end}: the figures are as of "
                    "{end}."
                ).format(
                    revenue_end=month(chosen.revenue_end, c.language), end=month(end, c.language)
                ),
                why,
                _(
                    "If the activity really stopped in {end}, audit a later month with "
                    "--as-of YYYY-MM."
                ).format(end=month(end, c.language)),
            )
        ]
    if not chosen.past_the_data:
        return []
    return [
        Finding(
            "high",
            _("Figures past the end of the data"),
            _(
                "The figures are as of {month}, but the newest ticket, usage record, survey or "
                "event is from {end}."
            ).format(month=month(chosen.month, c.language), end=month(end, c.language)),
            why,
            _("Audit as of the month the data ends: --as-of {iso}.").format(iso=str(end)),
        )
    ]


# The share of the MRR from overlapping contracts above which the figures built on MRR are
# not set against the market: a tenth of the revenue may be counted twice.
OVERLAP_WITHHOLDS = 0.1


def _overlapping_contracts(
    ws: Workspace, data: Any, as_of: Month, c: AuditContent, _: Lang
) -> list[Finding]:
    """Accounts paying, on the as-of month's last day, for several contracts of one product:
    each is summed into the MRR, which is right for two seat packs and wrong for a plan that
    an export kept open after the account upgraded from it."""
    from csdesk.reports.xlsx.sheets import OVERLAP_SHEET
    from csdesk.store.queries.contracts import overlaps

    accounts, most, older = overlaps(ws, as_of.last_day)
    if not accounts:
        return []
    lang = c.language
    total = float(data.at(as_of).sum()) / 100 if data.first is not None else 0.0  # cents
    share = older / total if total > 0 else 0.0
    c.overlapping_share = share
    return [
        Finding(
            "high" if share >= OVERLAP_WITHHOLDS else "medium",
            _("Contracts of one product running at once"),
            _.ngettext(
                "In {month}, {count} account has several contracts of one product running at "
                "once (up to {most}); the older ones add {amount} to the MRR ({share}).",
                "In {month}, {count} accounts have several contracts of one product running at "
                "once (up to {most}); the older ones add {amount} to the MRR ({share}).",
                int(accounts),
            ).format(
                month=month(as_of, lang),
                count=number(int(accounts), lang),
                most=number(int(most), lang),
                amount=money(float(older), c.currency, lang, cents=False),
                share=percent(share, lang),
            ),
            _(
                "When a subscription export keeps the plan an account upgraded from with no "
                "end date, both are summed: MRR, NRR and expansion are overstated."
            ),
            _(
                "Check a few of these accounts at the source (the Excel export lists every "
                "such contract, sheet '{sheet}'); give each replaced contract its end date and "
                "import the contracts again."
            ).format(sheet=_(OVERLAP_SHEET)),
        )
    ]


def _data_findings(
    ws: Workspace, data: Any, as_of: Month, c: AuditContent, _: Lang
) -> list[Finding]:
    from csdesk.metrics import revenue

    lang = c.language
    out: list[Finding] = []
    rejected, files = _one(
        ws,
        "SELECT coalesce(sum(rows_rejected), 0), group_concat(DISTINCT file_name) "
        "FROM import_batches WHERE state = 'done' AND rows_rejected > 0",
    )
    if rejected:
        out.append(
            Finding(
                "medium",
                _("Rows rejected at import"),
                _.ngettext(
                    "{count} row was not imported from: {files}.",
                    "{count} rows were not imported from: {files}.",
                    int(rejected),
                ).format(count=number(rejected, lang), files=files),
                _(
                    "Every figure leaves those rows out; if they are real customers, revenue and "
                    "churn are understated."
                ),
                _(
                    "Open the import history in csdesk, fix the rows at the source and import the "
                    "file again."
                ),
            )
        )
    gaps = revenue.missing_months(data)
    if gaps:
        months = ", ".join(month(m, lang) for m in gaps[:6])
        out.append(
            Finding(
                "high",
                _("Months without any revenue"),
                _(
                    "No account has revenue in {count} months inside the data's span: {months}."
                ).format(count=len(gaps), months=months),
                _(
                    "By definition every account churns and reactivates in such a month, which "
                    "distorts churn, NRR and the movements chart."
                ),
                _("Look for a missing column or sheet in the revenue file and import it."),
            )
        )
    paying = {
        int(a)
        for a, c_ in zip(data.account_ids.tolist(), data.at(as_of).tolist(), strict=True)
        if c_ > 0
    }
    statuses = ws.query("SELECT id, status FROM accounts")
    active_unpaid = sum(1 for a, s in statuses if s == "active" and a not in paying)
    churned_paying = sum(1 for a, s in statuses if s == "churned" and a in paying)
    if data.first is not None and (active_unpaid or churned_paying):
        out.append(
            Finding(
                "medium",
                _("Status and revenue disagree"),
                _.ngettext(
                    "{active} account marked active has no revenue in {month}; {churned} "
                    "marked churned still pay.",
                    "{active} accounts marked active have no revenue in {month}; {churned} "
                    "marked churned still pay.",
                    active_unpaid,
                ).format(
                    active=number(active_unpaid, lang),
                    churned=number(churned_paying, lang),
                    month=month(as_of, lang),
                ),
                _(
                    "Lists filtered by status and metrics computed from revenue tell different "
                    "stories about the same customers."
                ),
                _("Agree one source of truth (revenue) and update the status field from it."),
            )
        )
    out += _overlapping_contracts(ws, data, as_of, c, _)
    no_renewal, no_seats = _one(
        ws,
        "SELECT coalesce(sum(renewal_date IS NULL), 0), coalesce(sum(seats IS NULL), 0) "
        "FROM accounts WHERE status = 'active'",
    )
    if no_renewal:
        out.append(
            Finding(
                "medium",
                _("Active accounts without a renewal date"),
                _.ngettext(
                    "{count} active account has no renewal date.",
                    "{count} active accounts have no renewal date.",
                    int(no_renewal),
                ).format(count=number(no_renewal, lang)),
                _(
                    "They never appear in the renewal forecast, so their renewals come as "
                    "surprises."
                ),
                _("Record the renewal date (or the contract end) of every active account."),
            )
        )
    if no_seats:
        out.append(
            Finding(
                "low",
                _("Active accounts without licensed seats"),
                _.ngettext(
                    "{count} active account has no seat count.",
                    "{count} active accounts have no seat count.",
                    int(no_seats),
                ).format(count=number(no_seats, lang)),
                _("Adoption (active users / seats) cannot be measured, so health leaves it out."),
                _("Import the licensed seats from the contracts."),
            )
        )
    unanswered, total = _one(
        ws,
        "SELECT coalesce(sum(first_response_at IS NULL AND first_response_minutes IS NULL), 0),"
        " count(*) FROM tickets",
    )
    if total and unanswered / total > 0.05:
        out.append(
            Finding(
                "low",
                _("Tickets without a first response"),
                _("{count} tickets ({share}) have no first-response time.").format(
                    count=number(unanswered, lang), share=percent(unanswered / total, lang)
                ),
                _("TME and SLA attainment only cover the tickets that have one."),
                _("Export the first-response time from the help desk with the tickets."),
            )
        )
    from csdesk.reports.audit import data_room, data_room_findings

    out += data_room_findings.findings(data_room.check(ws), c.lang, c.currency)
    # Most serious first; findings of one severity keep their order.
    return sorted(out, key=lambda f: ("high", "medium", "low").index(f.severity))


def _conventions(
    ws: Workspace, data: Any, as_of: Month, f: dict[str, Any], _: Lang
) -> list[Convention]:
    from csdesk.metrics import revenue
    from csdesk.metrics.periods import Window

    out: list[Convention] = []
    start = as_of - 12
    if data.first is not None and data.column(start) is not None:
        before = revenue.mrr(data, start)
        out.append(
            Convention(
                _("NRR (12 months)"),
                f["nrr_12m"],
                _("Cohort: only accounts paying 12 months ago."),
                None if not before else revenue.mrr(data, as_of) / before,
                _("Total MRR now / total MRR 12 months ago (new customers included)."),
                "ratio",
            )
        )
        monthly = [revenue.monthly_logo_churn(data, as_of - k) for k in range(12)]
        known = [m for m in monthly if m is not None]
        out.append(
            Convention(
                _("Logo churn (12 months)"),
                f["logo_churn_12m"],
                _("Share of the cohort of 12 months ago no longer paying."),
                sum(known) if known else None,
                _("Sum of the 12 monthly churn rates."),
                "ratio",
            )
        )
    window = Window(as_of, 12)
    mean, responses = _one(
        ws,
        "SELECT avg(score), count(*) FROM surveys WHERE type = 'csat' AND date >= ? AND date < ?",
        window.sql_range,
    )
    if responses:
        out.append(
            Convention(
                _("CSAT"),
                f["csat"],
                _("Share of answers scoring 4–5."),
                mean / 5,
                _("Mean score as a share of the top score (mean / 5)."),
                "ratio",
            )
        )
    (contracted,) = _one(ws, "SELECT sum(contract_value) FROM accounts WHERE status = 'active'")
    if contracted and f["arr"] is not None:
        out.append(
            Convention(
                _("ARR"),
                f["arr"],
                _("12 × MRR of the as-of month."),
                contracted,
                _("Sum of the active accounts' contract values."),
                "money",
            )
        )
    return out
