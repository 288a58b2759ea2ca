"""The executive summary, wins, risks and next steps drafted from the data.

Used when the CSM has not written the QBR's narrative yet: it states the facts an executive
asks first (health and its direction, MRR and its change, what went well, what is at risk)
in the report's language, so the draft reads well enough to be sent and is easy to edit.
"""

from __future__ import annotations

from datetime import timedelta

from csdesk.domain.enums import GoalStatus, HealthBand, Role
from csdesk.i18n.formatting import day, money, number, percent
from csdesk.i18n.labels import label
from csdesk.i18n.lang import Lang
from csdesk.i18n.translation import N_
from csdesk.reports.qbr.model import NextStep, QbrContent

RENEWAL_HORIZON_DAYS = 180
LOW_ADOPTION = 0.6


def _mrr_change(content: QbrContent) -> float | None:
    start, now = content.revenue.mrr_quarter_start, content.revenue.mrr
    if start is None or now is None or start == 0:
        return None
    return (now - start) / start


def wins_and_risks(content: QbrContent, _: Lang) -> tuple[list[str], list[str]]:
    lang = content.language
    wins: list[str] = []
    risks: list[str] = []
    change = _mrr_change(content)
    if change is not None and change > 0.005:
        wins.append(_("MRR up {change} this quarter").format(change=percent(change, lang)))
    elif change is not None and change < -0.005:
        risks.append(_("MRR down {change} this quarter").format(change=percent(-change, lang)))
    for goal in content.goals:
        if goal.status == GoalStatus.ACHIEVED:
            wins.append(_("Goal achieved: {goal}").format(goal=goal.objective))
        elif goal.status in (GoalStatus.AT_RISK, GoalStatus.MISSED):
            risks.append(
                _("Goal {status}: {goal}").format(
                    status=label(GoalStatus(goal.status), _).lower(), goal=goal.objective
                )
            )
    health = content.health
    if health.change_quarter is not None and health.change_quarter >= 5:
        wins.append(
            _("Health up {points} points").format(points=number(health.change_quarter, lang))
        )
    if health.band in (HealthBand.AT_RISK, HealthBand.CRITICAL):
        risks.append(_("Health is {band}").format(band=label(health.band, _).lower()))
    utilisation = content.adoption.utilisation
    if utilisation is not None:
        shown = percent(utilisation, lang, decimals=0)
        if utilisation >= 0.8:
            wins.append(_("{share} of licensed seats in use").format(share=shown))
        elif utilisation < LOW_ADOPTION:
            risks.append(_("Only {share} of licensed seats in use").format(share=shown))
    cx = content.experience
    if cx.nps is not None and cx.responses and cx.nps >= 50:
        wins.append(_("NPS of {nps}").format(nps=number(cx.nps, lang)))
    if cx.detractors:
        risks.append(_("Detractors in the last 12 months: {count}").format(count=cx.detractors))
    if content.support.escalations:
        risks.append(
            _("Escalated tickets this quarter: {count}").format(count=content.support.escalations)
        )
    days = content.revenue.days_to_renewal
    if days is not None and 0 <= days <= RENEWAL_HORIZON_DAYS and content.revenue.renewal_date:
        risks.append(_("Renewal on {day}").format(day=day(content.revenue.renewal_date, lang)))
    return wins, risks


def summary(content: QbrContent, _: Lang) -> str:
    lang = content.language
    parts: list[str] = []
    health = content.health
    if health.score is not None and health.band is not None:
        text = _("Health is {score} ({band})").format(
            score=number(health.score, lang), band=label(health.band, _).lower()
        )
        if round(health.change_quarter or 0):
            key = N_("up") if (health.change_quarter or 0) > 0 else N_("down")
            text += _(", {direction} {points} points over the quarter").format(
                direction=_(key), points=number(abs(health.change_quarter or 0), lang)
            )
        parts.append(text + ".")
    mrr = content.revenue.mrr
    if mrr is not None:
        change = _mrr_change(content)
        shown = money(mrr, content.currency, lang)
        if change is None or abs(change) <= 0.005:
            parts.append(_("MRR is {mrr}, stable over the quarter.").format(mrr=shown))
        else:
            parts.append(
                _("MRR is {mrr}, {change} over the quarter.").format(
                    mrr=shown, change=("+" if change > 0 else "-") + percent(abs(change), lang)
                )
            )
    if content.wins:
        parts.append(_("Wins: {items}.").format(items="; ".join(content.wins[:3])))
    if content.risks:
        parts.append(_("To watch: {items}.").format(items="; ".join(content.risks[:3])))
    return " ".join(parts) or _("No data for this quarter yet.")


def next_steps(content: QbrContent, _: Lang) -> list[NextStep]:
    end = content.quarter.last_month.last_day
    steps: list[NextStep] = []
    utilisation = content.adoption.utilisation
    if utilisation is not None and utilisation < LOW_ADOPTION:
        steps.append(
            NextStep(_("Adoption review with the key users"), Role.CS, end + timedelta(days=30))
        )
    days = content.revenue.days_to_renewal
    renewal = content.revenue.renewal_date
    if renewal is not None and days is not None and 0 <= days <= RENEWAL_HORIZON_DAYS:
        steps.append(
            NextStep(
                _("Prepare the renewal proposal"),
                Role.AM,
                max(end + timedelta(days=14), renewal - timedelta(days=60)),
            )
        )
    if content.support.escalations:
        steps.append(
            NextStep(
                _("Review the escalated tickets and their root causes"),
                Role.SUPPORT,
                end + timedelta(days=21),
            )
        )
    if content.experience.detractors:
        steps.append(
            NextStep(_("Follow up with the detractors"), Role.CX, end + timedelta(days=30))
        )
    if any(o.stage not in ("closed_won", "closed_lost") for o in content.opportunities):
        steps.append(
            NextStep(_("Move the open opportunities forward"), Role.AM, end + timedelta(days=30))
        )
    steps.append(NextStep(_("Agree the goals for next quarter"), Role.CS, end + timedelta(days=15)))
    return steps
