"""The conditions a rule can name: each reads the workspace as of a day and says, per active
account, whether the condition holds and with which figures (a :class:`Trigger`).

A trigger's ``key`` names the occurrence of the condition (this renewal date, this survey
answer, this last touch): the engine raises at most one open action per rule and account, and
raises again after a closed one only for a new key. ``anchor`` is the date the data names, from
which a rule's due date may count. Each condition reads with one or two indexed queries, so a
10,000-account book is evaluated in well under a second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from csdesk.domain.actions import Action, Priority
from csdesk.domain.enums import HealthBand
from csdesk.domain.month import Month
from csdesk.store.queries._convert import to_date
from csdesk.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class AccountFacts:
    id: int
    name: str
    external_id: str | None
    tier: str | None
    renewal_date: date | None
    start_date: date | None
    seats: int | None
    contract_value: float | None
    csm_id: int | None
    am_id: int | None
    support_owner_id: int | None
    active: bool


@dataclass(slots=True)
class Context:
    """What every condition shares for one evaluation: the day and the accounts."""

    ws: Workspace
    as_of: date
    accounts: dict[int, AccountFacts]
    cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, ws: Workspace, as_of: date) -> Context:
        rows = ws.query(
            "SELECT id, name, external_id, tier, renewal_date, start_date, seats, "
            "contract_value, csm_id, am_id, support_owner_id, status FROM accounts"
        )
        accounts = {
            int(r[0]): AccountFacts(
                id=int(r[0]),
                name=r[1],
                external_id=r[2],
                tier=r[3],
                renewal_date=to_date(r[4]),
                start_date=to_date(r[5]),
                seats=r[6],
                contract_value=r[7],
                csm_id=r[8],
                am_id=r[9],
                support_owner_id=r[10],
                active=r[11] == "active",
            )
            for r in rows
        }
        return cls(ws, as_of, accounts)

    def on(self, ws: Workspace) -> Context:
        """The same evaluation read through another connection (a background reader)."""
        return Context(ws, self.as_of, self.accounts)

    @property
    def stop(self) -> str:
        """Exclusive upper bound for date-times on the as-of day."""
        return (self.as_of + timedelta(days=1)).isoformat()

    def active(self, account_id: int) -> bool:
        facts = self.accounts.get(account_id)
        return facts is not None and facts.active

    def last_cs_touch(self, kinds: list[str]) -> dict[int, date]:
        """The day of each account's last CS touch on or before the as-of day."""
        key = "touch:" + ",".join(sorted(kinds))
        if key not in self.cache:
            marks = ", ".join("?" for _ in kinds)
            # Newest first along (account_id, at): the walk stops at the first CS touch.
            rows = self.ws.query(
                "SELECT a.id, (SELECT e.at FROM events AS e WHERE e.account_id = a.id "
                f"AND e.at < ? AND e.role = 'cs' AND e.kind IN ({marks}) "
                "ORDER BY e.at DESC LIMIT 1) FROM accounts AS a WHERE a.status = 'active'",
                (self.stop, *kinds),
            )
            self.cache[key] = {int(a): d for a, at in rows if (d := to_date(at)) is not None}
        found: dict[int, date] = self.cache[key]
        return found


@dataclass(frozen=True, slots=True)
class Trigger:
    account_id: int
    key: str
    anchor: date
    data: dict[str, Any]
    priority: Priority | None = None  # for rules whose priority comes from the health band
    variant: str = ""  # "never": the rule's why_never text applies


Evaluate = Callable[[Context, dict[str, Any]], dict[int, Trigger]]
Holds = Callable[[Context, dict[str, Any], Action, "dict[int, Trigger]"], bool]

_TOUCH_KINDS = ["meeting", "call", "qbr", "email", "note"]


def _same_key(
    ctx: Context, params: dict[str, Any], action: Action, now: dict[int, Trigger]
) -> bool:
    """Default for auto-closing rules: the condition holds while it triggers with the same key."""
    trigger = now.get(action.account_id)
    return trigger is not None and trigger.key == action.dedupe_key


# -- renewal_within ---------------------------------------------------------------------------


def renewal_within(ctx: Context, params: dict[str, Any]) -> dict[int, Trigger]:
    days = int(params.get("days", 90))
    last = ctx.as_of + timedelta(days=days)
    out = {}
    for a in ctx.accounts.values():
        if a.active and a.renewal_date is not None and ctx.as_of <= a.renewal_date <= last:
            out[a.id] = Trigger(
                a.id,
                f"renewal:{a.renewal_date.isoformat()}",
                a.renewal_date,
                {
                    "renewal_date": a.renewal_date.isoformat(),
                    "days_left": (a.renewal_date - ctx.as_of).days,
                    "contract_value": a.contract_value,
                },
            )
    return out


def _renewal_holds(
    ctx: Context, params: dict[str, Any], action: Action, now: dict[int, Trigger]
) -> bool:
    """A renewal action stays until the account's renewal date changes (renewed, moved) or the
    account is gone; a renewal date passing unrenewed keeps it open, overdue."""
    facts = ctx.accounts.get(action.account_id)
    return (
        facts is not None
        and facts.active
        and facts.renewal_date is not None
        and action.dedupe_key == f"renewal:{facts.renewal_date.isoformat()}"
    )


# -- no_touch ---------------------------------------------------------------------------------


def _cadences(ws: Workspace) -> tuple[dict[str, int], int]:
    from csdesk.metrics.capacity import CAPACITY_MODEL

    model = dict(CAPACITY_MODEL.default)
    model.update(CAPACITY_MODEL.get(ws))
    cadences = {str(k).lower(): int(v) for k, v in model["cadence_days"].items()}
    return cadences, cadences.get("default", 30)


def no_touch(ctx: Context, params: dict[str, Any]) -> dict[int, Trigger]:
    kinds = [str(k) for k in params.get("kinds", _TOUCH_KINDS)]
    touches = ctx.last_cs_touch(kinds)
    cadences, default = _cadences(ctx.ws)
    out = {}
    for a in ctx.accounts.values():
        if not a.active:
            continue
        cadence = cadences.get(str(a.tier).lower(), default) if a.tier else default
        last = touches.get(a.id)
        tier = a.tier or "default"
        if last is None:
            out[a.id] = Trigger(
                a.id,
                "never",
                ctx.as_of,
                {"tier": tier, "cadence_days": cadence},
                variant="never",
            )
            continue
        since = (ctx.as_of - last).days
        if since > cadence:
            out[a.id] = Trigger(
                a.id,
                f"touch:{last.isoformat()}",
                last + timedelta(days=cadence),
                {
                    "last_touch": last.isoformat(),
                    "days_since": since,
                    "tier": tier,
                    "cadence_days": cadence,
                },
            )
    return out


# -- detractor --------------------------------------------------------------------------------


def detractor(ctx: Context, params: dict[str, Any]) -> dict[int, Trigger]:
    """The latest NPS answer of 0..max_score in the window with no CS touch on or after it."""
    top = int(params.get("max_score", 6))
    first = ctx.as_of - timedelta(days=int(params.get("within_days", 30)))
    rows = ctx.ws.query(
        "SELECT s.id, s.account_id, s.date, s.score, s.contact FROM surveys AS s "
        "WHERE s.type = 'nps' AND s.score <= ? AND s.date >= ? AND s.date < ? "
        "AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.account_id = s.account_id "
        "AND e.role = 'cs' AND e.at >= s.date AND e.at < ?) ORDER BY s.date, s.id",
        (top, first.isoformat(), ctx.stop, ctx.stop),
    )
    out = {}
    for survey_id, account_id, day, score, contact in rows:
        answered = to_date(day)
        if answered is None or not ctx.active(account_id):
            continue
        out[int(account_id)] = Trigger(
            int(account_id),
            f"survey:{survey_id}",
            answered,
            {"score": int(score), "answered": answered.isoformat(), "respondent": contact or ""},
        )
    return out


def _detractor_holds(
    ctx: Context, params: dict[str, Any], action: Action, now: dict[int, Trigger]
) -> bool:
    """Until a CS touch on or after the answer (however long ago the answer was)."""
    if not ctx.active(action.account_id):
        return False
    answered = action.why_data.get("answered")
    if not answered:
        return False
    touched = ctx.ws.scalar(
        "SELECT 1 FROM events WHERE account_id = ? AND role = 'cs' AND at >= ? AND at < ? LIMIT 1",
        (action.account_id, answered, ctx.stop),
    )
    return touched is None


# -- usage_near_seats -------------------------------------------------------------------------


def usage_near_seats(ctx: Context, params: dict[str, Any]) -> dict[int, Trigger]:
    """Usage of ``metric`` at or above ``share`` of licensed seats in the window, for accounts
    with no open upsell or cross-sell opportunity (one already raised needs no second)."""
    metric = str(params.get("metric", "active_users"))
    share = float(params.get("share", 0.9))
    first = ctx.as_of - timedelta(days=int(params.get("within_days", 30)))
    # Per account along (account_id, date); the unary "+" keeps SQLite off a metric index.
    window = "u.account_id = a.id AND u.date >= ? AND u.date < ? AND +u.metric = ?"
    rows = ctx.ws.query(
        f"SELECT a.id, (SELECT max(u.value) FROM usage AS u WHERE {window}), "
        f"(SELECT max(u.date) FROM usage AS u WHERE {window}) FROM accounts AS a "
        "WHERE a.status = 'active' AND a.seats > 0",
        (first.isoformat(), ctx.stop, metric) * 2,
    )
    rows = [r for r in rows if r[1] is not None]
    busy = {
        int(r[0])
        for r in ctx.ws.query(
            "SELECT DISTINCT account_id FROM opportunities WHERE outcome = 'open' "
            "AND kind IN ('upsell', 'cross_sell')"
        )
    }
    out = {}
    for account_id, peak, day in rows:
        facts = ctx.accounts.get(int(account_id))
        if facts is None or not facts.active or not facts.seats or facts.id in busy:
            continue
        if float(peak) >= share * facts.seats:
            out[facts.id] = Trigger(
                facts.id,
                f"seats:{facts.seats}",
                ctx.as_of,
                {
                    "active": float(peak),
                    "seats": facts.seats,
                    "share": float(peak) / facts.seats,
                    "measured": str(day)[:10],
                },
            )
    return out


# -- health_drop ------------------------------------------------------------------------------

_BAND_RANK = {HealthBand.HEALTHY: 0, HealthBand.AT_RISK: 1, HealthBand.CRITICAL: 2}
_BAND_PRIORITY = {
    HealthBand.HEALTHY: Priority.LOW,
    HealthBand.AT_RISK: Priority.MEDIUM,
    HealthBand.CRITICAL: Priority.HIGH,
}


def health_month(ws: Workspace, as_of: date) -> Month:
    """The month whose health the as-of day reads: its own, or the last month with revenue
    when the data stops earlier (a score of a month nobody has billed yet means nothing)."""
    from csdesk.metrics import mrr_source

    month = Month.of(as_of)
    last = mrr_source.last_paying_month(ws)
    return last if last is not None and last < month else month


def health_drop(ctx: Context, params: dict[str, Any]) -> dict[int, Trigger]:
    from csdesk.metrics import health

    points = float(params.get("points", 10))
    month = health_month(ctx.ws, ctx.as_of)
    now = health.score_all(ctx.ws, month)
    before = health.score_all(ctx.ws, month - 1)
    earlier = before[["score", "band"]].rename(columns={"score": "old", "band": "old_band"})
    joined = now[["score", "band"]].join(earlier, how="inner")
    out = {}
    for account_id, score, band, old, old_band in joined.itertuples():
        if band is None or old_band is None or not ctx.active(int(account_id)):
            continue
        worse = _BAND_RANK[band] > _BAND_RANK[old_band]
        fell = old - score >= points
        if worse or fell:
            out[int(account_id)] = Trigger(
                int(account_id),
                f"month:{month}",
                ctx.as_of,
                {
                    "score": float(score),
                    "band": str(band),
                    "previous": float(old),
                    "previous_band": str(old_band),
                    "change": float(score) - float(old),
                    "month": str(month),
                    "previous_month": str(month - 1),
                },
                priority=_BAND_PRIORITY[band],
            )
    return out


# -- escalation -------------------------------------------------------------------------------


def escalation(ctx: Context, params: dict[str, Any]) -> dict[int, Trigger]:
    """The latest ticket escalated (and opened) in the window, per account."""
    first = ctx.as_of - timedelta(days=int(params.get("within_days", 14)))
    rows = ctx.ws.query(
        "SELECT id, account_id, external_id, opened_at, priority, subject FROM tickets "
        "WHERE opened_at >= ? AND opened_at < ? AND escalated = 1 ORDER BY opened_at, id",
        (first.isoformat(), ctx.stop),
    )
    out = {}
    for ticket_id, account_id, external_id, opened, priority, subject in rows:
        day = to_date(opened)
        if day is None or not ctx.active(int(account_id)):
            continue
        out[int(account_id)] = Trigger(
            int(account_id),
            f"ticket:{ticket_id}",
            day,
            {
                "ticket": external_id or f"#{ticket_id}",
                "opened": day.isoformat(),
                "priority": priority or "—",
                "subject": subject or "",
            },
        )
    return out


# -- onboarding_stalled -----------------------------------------------------------------------


def onboarding_stalled(ctx: Context, params: dict[str, Any]) -> dict[int, Trigger]:
    """An account started between ``max_age_days`` and ``window_days`` ago with fewer than
    ``milestones`` onboarding steps or milestones logged since its start."""
    window = int(params.get("window_days", 60))
    oldest = ctx.as_of - timedelta(days=int(params.get("max_age_days", 180)))
    latest = ctx.as_of - timedelta(days=window)
    wanted = int(params.get("milestones", 4))
    young = [
        a
        for a in ctx.accounts.values()
        if a.active and a.start_date is not None and oldest <= a.start_date < latest
    ]
    if not young:
        return {}
    counts = dict(
        ctx.ws.query(
            "SELECT a.id, (SELECT count(*) FROM events AS e WHERE e.account_id = a.id "
            "AND e.kind IN ('onboarding_step', 'milestone') AND e.at >= a.start_date "
            "AND e.at < ?) FROM accounts AS a WHERE a.status = 'active' "
            "AND a.start_date >= ? AND a.start_date < ?",
            (ctx.stop, oldest.isoformat(), latest.isoformat()),
        )
    )
    out = {}
    for a in young:
        done = int(counts.get(a.id, 0))
        if done < wanted and a.start_date is not None:
            out[a.id] = Trigger(
                a.id,
                f"start:{a.start_date.isoformat()}",
                ctx.as_of,
                {
                    "started": a.start_date.isoformat(),
                    "age": (ctx.as_of - a.start_date).days,
                    "window_days": window,
                    "done": done,
                    "milestones": wanted,
                },
            )
    return out


def _onboarding_holds(
    ctx: Context, params: dict[str, Any], action: Action, now: dict[int, Trigger]
) -> bool:
    """Until the milestones are logged; an account growing out of the window stays on the
    list while its milestones are still missing."""
    if not ctx.active(action.account_id):
        return False
    wanted = int(params.get("milestones", 4))
    started = action.why_data.get("started")
    count = ctx.ws.scalar(
        "SELECT count(*) FROM events WHERE account_id = ? AND kind IN "
        "('onboarding_step', 'milestone') AND at >= ? AND at < ?",
        (action.account_id, started, ctx.stop),
    )
    return int(count or 0) < wanted


# -- single_threaded, champion_quiet (captured touches: event_contacts) ---------------------


def _captured(ctx: Context) -> set[int]:
    """Accounts with any touch whose people are known (a captured meeting or e-mail): only
    there can csdesk say who took part, so only there do the stakeholder rules look."""
    if "captured" not in ctx.cache:
        rows = ctx.ws.query(
            "SELECT DISTINCT e.account_id FROM event_contacts AS ec "
            "JOIN events AS e ON e.id = ec.event_id WHERE e.at < ?",
            (ctx.stop,),
        )
        ctx.cache["captured"] = {int(r[0]) for r in rows}
    found: set[int] = ctx.cache["captured"]
    return found


def single_threaded(ctx: Context, params: dict[str, Any]) -> dict[int, Trigger]:
    """Every touch with the account's people in the window involved one and the same contact."""
    days = int(params.get("days", 90))
    least = int(params.get("min_touches", 3))
    first = (ctx.as_of - timedelta(days=days)).isoformat()
    rows = ctx.ws.query(
        "SELECT e.account_id, count(DISTINCT e.id), count(DISTINCT ec.contact_id), "
        "min(c.name), max(e.at) FROM events AS e JOIN event_contacts AS ec ON ec.event_id = e.id "
        "JOIN contacts AS c ON c.id = ec.contact_id WHERE e.at >= ? AND e.at < ? "
        "GROUP BY e.account_id",
        (first, ctx.stop),
    )
    out = {}
    for account_id, touches, people, name, last in rows:
        if people != 1 or touches < least or not ctx.active(int(account_id)):
            continue
        out[int(account_id)] = Trigger(
            int(account_id),
            f"single:{name}",
            ctx.as_of,
            {"contact": name, "touches": int(touches), "days": days, "last_touch": str(last)[:10]},
        )
    return out


def champion_quiet(ctx: Context, params: dict[str, Any]) -> dict[int, Trigger]:
    """The account's champion has not taken part in a touch for ``days`` days."""
    from csdesk.store.queries.stakeholders import influence_group

    days = int(params.get("days", 60))
    captured = _captured(ctx)
    rows = ctx.ws.query(
        "SELECT c.account_id, c.id, c.name, c.influence, (SELECT max(e.at) FROM event_contacts "
        "AS ec JOIN events AS e ON e.id = ec.event_id WHERE ec.contact_id = c.id AND e.at < ?) "
        "FROM contacts AS c ORDER BY c.id",
        (ctx.stop,),
    )
    out = {}
    for account_id, contact_id, name, influence, last in rows:
        account = int(account_id)
        if account in out or account not in captured or not ctx.active(account):
            continue
        if influence_group(influence) != "champion":
            continue
        seen = to_date(last)
        if seen is not None and (ctx.as_of - seen).days <= days:
            continue
        out[account] = Trigger(
            account,
            f"champion:{contact_id}:{seen.isoformat() if seen else 'never'}",
            (seen + timedelta(days=days)) if seen else ctx.as_of,
            {
                "champion": name,
                "last_touch": seen.isoformat() if seen else "",
                "days_since": (ctx.as_of - seen).days if seen else 0,
                "days": days,
            },
            variant="" if seen else "never",
        )
    return out


CONDITIONS: dict[str, Evaluate] = {
    "renewal_within": renewal_within,
    "no_touch": no_touch,
    "detractor": detractor,
    "usage_near_seats": usage_near_seats,
    "health_drop": health_drop,
    "escalation": escalation,
    "onboarding_stalled": onboarding_stalled,
    "single_threaded": single_threaded,
    "champion_quiet": champion_quiet,
}

HOLDS: dict[str, Holds] = {
    "renewal_within": _renewal_holds,
    "detractor": _detractor_holds,
    "onboarding_stalled": _onboarding_holds,
}


def holds(condition: str) -> Holds:
    return HOLDS.get(condition, _same_key)
