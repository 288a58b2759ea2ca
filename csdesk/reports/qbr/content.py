"""Gathering a QBR's content for one account and quarter from the workspace and the metrics."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from csdesk.domain.enums import EventKind, HealthBand, OpportunityKind, Role
from csdesk.domain.month import Month
from csdesk.i18n.lang import ENGLISH, Lang
from csdesk.metrics.periods import Window
from csdesk.metrics.scope import Scope
from csdesk.reports.account_lookup import resolve_account
from csdesk.reports.qbr import draft
from csdesk.reports.qbr.model import (
    AdoptionSection,
    Change,
    ExperienceFigures,
    Goal,
    HealthDriver,
    HealthSection,
    Opportunity,
    Person,
    QbrContent,
    Quarter,
    RevenueSection,
    Stakeholder,
    SupportFigures,
)
from csdesk.reports.qbr.narrative import load_narrative
from csdesk.reports.qbr.quarter_choice import choose_quarter
from csdesk.reports.roles_template import load_template
from csdesk.store.queries._convert import to_date
from csdesk.store.queries.accounts import latest_revenue_month
from csdesk.store.settings import CURRENCY
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

ScoresAt = Callable[[Month], "pd.DataFrame"]

# Timeline entries worth telling an executive about in "what changed".
_NOTABLE_EVENTS = ("milestone", "champion_change", "escalation", "renewal", "churn", "qbr")


def build_qbr(
    ws: Workspace,
    account: str | int,
    *,
    quarter: Quarter | str | None = None,
    lang: Lang = ENGLISH,
    today: date | None = None,
    scores_at: ScoresAt | None = None,
) -> QbrContent:
    """The QBR of ``account`` (id, external id or exact name) for ``quarter``.

    The quarter defaults to the one holding the last month with revenue data; figures are
    as of the quarter's last month, or the last month with data when that comes first.
    ``scores_at(month)`` gives every account's health scores of a month (``health.score_all``);
    a batch passes a memo of it so that many packs share one scoring per month. Every word
    is in ``lang``, which the content carries to its renderers.
    """
    return _build(ws, account, quarter, lang, today, scores_at)


def _build(
    ws: Workspace,
    account: str | int,
    quarter: Quarter | str | None,
    lang: Lang,
    today: date | None,
    scores_at: ScoresAt | None,
) -> QbrContent:
    _ = lang
    account_id = account if isinstance(account, int) else resolve_account(ws, account)
    latest = latest_revenue_month(ws)
    if isinstance(quarter, str):
        quarter = Quarter.parse(quarter)
    if quarter is None:
        quarter = choose_quarter(ws, None, today or date.today()).quarter
    as_of = quarter.last_month if latest is None else min(quarter.last_month, latest)
    row = ws.query(
        "SELECT name, external_id, segment, seats, contract_value, renewal_date, csm_id, am_id,"
        " support_owner_id FROM accounts WHERE id = ?",
        (account_id,),
    )[0]
    name, external_id, segment, seats, contract_value, renewal, csm_id, am_id, sup_id = row
    scope = Scope(f"account {name}", "IN (?)", (account_id,))
    content = QbrContent(
        lang=lang,
        currency=CURRENCY.get(ws),
        account_id=account_id,
        account_name=name,
        external_id=external_id,
        segment=segment,
        quarter=quarter,
        as_of=as_of,
        prepared_on=today or date.today(),
        team=_team(ws, lang, {Role.CS: csm_id, Role.AM: am_id, Role.SUPPORT: sup_id}),
        summary="",
        summary_drafted=True,
        health=(
            _health(ws, account_id, as_of, quarter)
            if scores_at is None
            else _health_from_scores(ws, account_id, as_of, quarter, scores_at)
        ),
        adoption=_adoption(ws, account_id, seats, as_of, quarter),
        goals=_goals(ws, account_id),
        support=_support(ws, Window(quarter.last_month, 3), scope),
        support_before=_support(ws, Window(quarter.previous.last_month, 3), scope),
        experience=_experience(ws, Window(quarter.last_month, 12), scope),
        revenue=_revenue(ws, account_id, as_of, quarter, contract_value, renewal),
        last_qbr=None,
        changes=[],
        opportunities=_opportunities(ws, account_id, quarter),
        next_steps=[],
    )
    content.last_qbr = _last_qbr(ws, account_id, quarter)
    content.their_team = _their_team(ws, account_id, quarter)
    content.changes = _changes(ws, account_id, content, _)
    content.wins, content.risks = draft.wins_and_risks(content, _)
    narrative = load_narrative(ws, account_id, quarter)
    if narrative is not None and narrative.summary.strip():
        content.summary, content.summary_drafted = narrative.summary, False
    else:
        content.summary = draft.summary(content, _)
    if narrative is not None and narrative.next_steps:
        content.next_steps = narrative.next_steps
    else:
        content.next_steps = draft.next_steps(content, _)
    return content


def _team(ws: Workspace, lang: Lang, owners: dict[Role, int | None]) -> list[Person]:
    template = load_template(ws, lang.code)
    people: list[Person] = []
    for role, person_id in owners.items():
        rows = (
            ws.query("SELECT name, email FROM people WHERE id = ?", (person_id,))
            if person_id is not None
            else []
        )
        if rows:
            people.append(Person(role, rows[0][0], rows[0][1], template.roles[role].call_for))
    cx = ws.query("SELECT name, email FROM people WHERE role = 'cx' ORDER BY id LIMIT 1")
    if cx:
        people.append(Person(Role.CX, cx[0][0], cx[0][1], template.roles[Role.CX].call_for))
    return people


def _their_team(ws: Workspace, account_id: int, quarter: Quarter) -> list[Stakeholder]:
    """The account's people the team met in the quarter, champions first."""
    from csdesk.store.queries.stakeholders import met_between

    start, stop = quarter.first_month.first_day, (quarter.last_month + 1).first_day
    counts = dict(
        ws.query(
            "SELECT ec.contact_id, count(*) FROM event_contacts ec JOIN events e "
            "ON e.id = ec.event_id WHERE e.account_id = ? AND e.at >= ? AND e.at < ? "
            "GROUP BY ec.contact_id",
            (account_id, start.isoformat(), stop.isoformat()),
        )
    )
    return [
        Stakeholder(s.name, s.title, s.group, int(counts[s.contact_id]), s.last_touch.date())
        for s in met_between(ws, account_id, start, stop)
        if s.last_touch is not None
    ]


def _health(ws: Workspace, account_id: int, as_of: Month, quarter: Quarter) -> HealthSection:
    """The account's health section from its own 12-month history (one scoring per month)."""
    from csdesk.metrics import health

    history = health.history(ws, account_id, 12, as_of)
    by_month = {
        Month.parse(str(month)): frame.set_index(_account_index([account_id]))
        for month, frame in history.groupby("month", sort=False)
    }

    def scores_at(month: Month) -> pd.DataFrame:
        return by_month.get(month, history.iloc[0:0])

    return _health_from_scores(ws, account_id, as_of, quarter, scores_at)


def _account_index(ids: list[int]) -> Any:
    import pandas as pd

    return pd.Index(ids, name="account_id")


def _health_from_scores(
    ws: Workspace, account_id: int, as_of: Month, quarter: Quarter, scores_at: ScoresAt
) -> HealthSection:
    """The same section as :func:`_health`, read from whole-portfolio scores of each month."""
    import pandas as pd

    from csdesk.metrics.health_model import COMPONENTS, HealthModel

    def row(month: Month) -> dict[str, Any] | None:
        frame = scores_at(month)
        if account_id not in frame.index:
            return None
        found = {str(k): v for k, v in frame.loc[account_id].to_dict().items()}
        return found

    def value(record: dict[str, Any] | None, key: str) -> float | None:
        if record is None:
            return None
        number = record.get(key)
        return None if number is None or number != number else float(number)

    months = [as_of - k for k in range(11, -1, -1)]
    trend = pd.DataFrame(
        {"month": [str(m) for m in months], "score": [value(row(m), "score") for m in months]},
    ).astype({"score": "float64"})
    now, before = row(as_of), row(as_of - 1)
    start = value(row(quarter.first_month - 1), "score")
    score = value(now, "score")
    missing = tuple(now["missing"]) if now is not None and now.get("missing") else ()
    model = HealthModel.load(ws)
    total = sum(model.weight(c) for c in COMPONENTS if c not in missing)
    drivers = []
    for name in COMPONENTS:
        part = value(now, name)
        share = model.weight(name) / total if part is not None and total else 0.0
        previous = value(before, name)
        drivers.append(
            HealthDriver(
                name,
                part,
                share,
                round(share * (part or 0.0), 1),
                None if part is None or previous is None else round(part - previous, 1),
            )
        )
    band = now.get("band") if now is not None else None
    return HealthSection(
        score=score,
        band=HealthBand(band) if band else None,
        change_quarter=None if score is None or start is None else round(score - start, 1),
        missing=missing,
        drivers=drivers,
        trend=trend,
    )


def _adoption(
    ws: Workspace, account_id: int, seats: int | None, as_of: Month, quarter: Quarter
) -> AdoptionSection:
    import pandas as pd

    first = (as_of - 11).first_day.isoformat()
    rows = ws.query(
        "SELECT substr(date, 1, 7), avg(value) FROM usage WHERE account_id = ? "
        "AND metric = 'active_users' AND date >= ? AND date <= ? GROUP BY 1 ORDER BY 1",
        (account_id, first, as_of.last_day.isoformat()),
    )
    if not rows:
        months, features = _features(ws, account_id, as_of, quarter)
        return AdoptionSection(seats, None, None, None, None, features, months)
    usage = pd.DataFrame(rows, columns=["month", "active_users"])
    values = dict(rows)
    latest = float(rows[-1][1])
    start = values.get(str(quarter.first_month - 1))
    return AdoptionSection(
        seats=seats,
        active_users=latest,
        utilisation=latest / seats if seats else None,
        change=None if start is None else latest - float(start),
        usage=usage,
    )


# The most metrics the feature chart shows (the largest this quarter).
TOP_FEATURES = 8


def _features(
    ws: Workspace, account_id: int, as_of: Month, quarter: Quarter
) -> tuple[int, pd.DataFrame | None]:
    """Months compared and each usage metric's totals in them, this quarter and the last
    (as many months of each: a quarter in progress is not set against a whole one)."""
    import pandas as pd

    months = max(1, min(3, quarter.first_month.months_until(as_of) + 1))
    start, before = quarter.first_month, quarter.previous.first_month
    rows = ws.query(
        "SELECT metric, sum(CASE WHEN date >= :start THEN value END), "
        "sum(CASE WHEN date < :start THEN value END) FROM usage "
        "WHERE account_id = :account AND metric != 'active_users' "
        "AND ((date >= :start AND date <= :end) OR (date >= :before AND date <= :before_end)) "
        "GROUP BY metric",
        {
            "account": account_id,
            "start": start.first_day.isoformat(),
            "end": (start + (months - 1)).last_day.isoformat(),
            "before": before.first_day.isoformat(),
            "before_end": (before + (months - 1)).last_day.isoformat(),
        },
    )
    if not rows:
        return months, None
    table = pd.DataFrame(rows, columns=["metric", "current", "previous"])
    table = table.astype({"current": "float64", "previous": "float64"})
    # The most used in either period: a feature whose use fell away is worth a look too.
    table["larger"] = table[["current", "previous"]].max(axis=1)
    table = table.sort_values(["larger", "metric"], ascending=[False, True]).head(TOP_FEATURES)
    table = table.sort_values(
        ["current", "previous", "metric"], ascending=[False, False, True], na_position="last"
    )
    return months, table.drop(columns="larger").reset_index(drop=True)


def _goals(ws: Workspace, account_id: int) -> list[Goal]:
    rows = ws.query(
        "SELECT objective, metric, baseline, target, current, due, status FROM goals "
        "WHERE account_id = ? ORDER BY due IS NULL, due, id",
        (account_id,),
    )
    return [Goal(r[0], r[1], r[2], r[3], r[4], to_date(r[5]), r[6]) for r in rows]


def _support(ws: Workspace, window: Window, scope: Scope) -> SupportFigures:
    from csdesk.metrics import support

    s = support.summary(ws, window, scope)
    return SupportFigures(s.tickets, s.tma_minutes, s.tme_minutes, s.fcr, s.csat, s.escalations)


def _experience(ws: Workspace, window: Window, scope: Scope) -> ExperienceFigures:
    from csdesk.metrics import cx

    s = cx.summary(ws, window, scope)
    nps = s.nps
    return ExperienceFigures(
        nps=None if nps is None else nps.score,
        promoters=0 if nps is None else nps.promoters,
        passives=0 if nps is None else nps.passives,
        detractors=0 if nps is None else nps.detractors,
        responses=0 if nps is None else nps.responses,
        csat=s.csat,
        ces=None if s.ces is None else s.ces.mean,
    )


def _revenue(
    ws: Workspace,
    account_id: int,
    as_of: Month,
    quarter: Quarter,
    contract_value: float | None,
    renewal: str | None,
) -> RevenueSection:
    import pandas as pd

    from csdesk.metrics.revenue import account_history

    # The metrics engine's MRR of the account (revenue rows, else its contracts), up to the
    # QBR's month.
    paid = {
        str(m.month): m.mrr for m in account_history(ws, account_id, last=as_of) if m.month <= as_of
    }
    renewal_day = to_date(renewal)
    days = None if renewal_day is None else (renewal_day - as_of.last_day).days
    if not paid:
        return RevenueSection(None, None, None, contract_value, renewal_day, days, None)
    first = max(Month.parse(min(paid)), as_of - 23)
    months = [first + k for k in range(as_of.ordinal - first.ordinal + 1)]
    history = pd.DataFrame(
        {"month": [str(m) for m in months], "mrr": [float(paid.get(str(m), 0.0)) for m in months]}
    )
    mrr = float(paid.get(str(as_of), 0.0))
    start_key = str(quarter.first_month - 1)
    start = (
        float(paid.get(start_key, 0.0))
        if Month.parse(min(paid)) <= quarter.first_month - 1
        else None
    )
    return RevenueSection(mrr, start, 12 * mrr, contract_value, renewal_day, days, history)


def _opportunities(ws: Workspace, account_id: int, quarter: Quarter) -> list[Opportunity]:
    rows = ws.query(
        """
        SELECT o.kind, o.stage, o.amount, r.name, o.raised_role, w.name, o.owner_role, o.created
        FROM opportunities o
        LEFT JOIN people r ON r.id = o.raised_by_id
        LEFT JOIN people w ON w.id = o.owner_id
        WHERE o.account_id = ? AND (o.outcome = 'open' OR o.closed >= ?)
        ORDER BY o.outcome != 'open', o.created DESC
        """,
        (account_id, quarter.first_month.first_day.isoformat()),
    )
    return [Opportunity(r[0], r[1], r[2], r[3], r[4], r[5], r[6], to_date(r[7])) for r in rows]


def _last_qbr(ws: Workspace, account_id: int, quarter: Quarter) -> date | None:
    """The last QBR held before this quarter's pack: the latest one up to the quarter's end."""
    found = ws.scalar(
        "SELECT max(at) FROM events WHERE account_id = ? AND kind = 'qbr' AND at < ?",
        (account_id, (quarter.last_month.last_day).isoformat() + " 99"),
    )
    return to_date(found)


def _changes(ws: Workspace, account_id: int, content: QbrContent, _: Lang) -> list[Change]:
    """Revenue movements and notable timeline entries since the last QBR (or this quarter)."""
    from csdesk.i18n.formatting import money
    from csdesk.i18n.labels import label, movement_label
    from csdesk.metrics import revenue
    from csdesk.reports.qbr.snapshot import changes_since_snapshot

    snapped, against_snapshot = changes_since_snapshot(ws, content, _)
    since = content.last_qbr or content.quarter.first_month.first_day
    if against_snapshot or snapped != date.min:
        since = snapped  # the figures the customer was last shown
    end = content.as_of.last_day
    changes: list[Change] = list(against_snapshot)
    moves: pd.DataFrame = revenue.account_movements(ws, account_id)
    for record in moves.to_dict("records"):
        month = Month.parse(str(record["month"]))
        if month.last_day < since or month.first_day > end:
            continue
        amount = money(float(record["amount"]), content.currency, content.language)
        total = money(float(record["mrr"]), content.currency, content.language)
        text = _("{movement} of {amount} (MRR now {total})").format(
            movement=movement_label(str(record["kind"]), _), amount=amount, total=total
        )
        changes.append(Change(month.first_day, text))
    rows = ws.query(
        f"SELECT at, kind, title FROM events WHERE account_id = ? AND at > ? AND at <= ? "
        f"AND kind IN ({', '.join('?' * len(_NOTABLE_EVENTS))}) ORDER BY at DESC LIMIT 12",
        (account_id, since.isoformat() + " 99", end.isoformat() + " 99", *_NOTABLE_EVENTS),
    )
    for at, kind, title in rows:
        changes.append(Change(to_date(at), _event_text(str(kind), title, _)))
    if snapped == date.min:  # no snapshot: the health trend tells the change
        changes += _health_change(content, since, _)
    for opportunity in content.opportunities:
        if opportunity.created is not None and since < opportunity.created <= end:
            text = _("Opportunity raised: {kind}, {amount}, by {name}").format(
                kind=label(OpportunityKind(opportunity.kind), _)
                if opportunity.kind in set(OpportunityKind)
                else opportunity.kind,
                amount=money(opportunity.amount, content.currency, content.language, cents=False),
                name=opportunity.raised_by or opportunity.raised_role or "—",
            )
            changes.append(Change(opportunity.created, text))
    changes.sort(key=lambda c: c.when or date.min, reverse=True)
    return changes[:12]


def _event_text(kind: str, title: str | None, _: Lang) -> str:
    """A timeline entry as the list of changes says it: its title, led by its kind unless the
    title already says it (an imported churn's title can be a bare reason such as
    "competitor", which alone tells a reader nothing)."""
    from csdesk.i18n.labels import label

    what = label(EventKind(kind), _) if kind in set(EventKind) else kind
    text = (title or "").strip()
    if not text:
        return what
    if text.casefold().startswith(what.casefold()):
        return text
    # Translators: a timeline entry in a QBR's list of changes: its kind, then its title.
    return _("{kind}: {title}").format(kind=what, title=text)


def _health_change(content: QbrContent, since: date, _: Lang) -> list[Change]:
    """The health score at the month of the last QBR against now, when both are known."""
    from csdesk.i18n.formatting import number

    trend = content.health.trend
    now = content.health.score
    if trend is None or now is None:
        return []
    before = trend[trend["month"] == str(Month.of(since))]["score"]
    if (
        before.empty
        or before.iloc[0] != before.iloc[0]
        or round(float(before.iloc[0])) == round(now)
    ):
        return []
    text = _("Health score went from {before} to {after}").format(
        before=number(float(before.iloc[0]), content.language),
        after=number(now, content.language),
    )
    return [Change(content.as_of.last_day, text)]
