"""Opportunities and success-plan goals.

Every seat or module expansion in the MRR was a won upsell or cross-sell: raised by the CSM
(sometimes by the AM), negotiated and closed by the AM. A few were closed by the CSM alone,
and accounts without an AM have theirs owned by the CSM — the role confusions an audit should
find. Lost and open opportunities (in every stage) and renewal opportunities for the next
90 days complete the pipeline.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from csdesk.demo.accounts import AccountFacts
from csdesk.demo.book import Book
from csdesk.demo.signals import Signals
from csdesk.demo.stories import Archetype
from csdesk.demo.texts import GOALS
from csdesk.demo.timegrid import date_texts
from csdesk.domain.enums import GoalStatus, OpportunityKind, OpportunityOutcome, Role
from csdesk.domain.enums import OpportunityStage as Stage

Array = npt.NDArray[Any]

OPPORTUNITY_COLUMNS = (
    "account_id", "kind", "raised_by_id", "raised_role", "owner_id", "owner_role", "stage",
    "amount", "created", "closed", "outcome",
)  # fmt: skip
GOAL_COLUMNS = ("account_id", "objective", "metric", "baseline", "target", "current", "due",
                "status")  # fmt: skip

_OPEN_STAGES = (Stage.IDENTIFIED, Stage.QUALIFIED, Stage.PROPOSAL, Stage.NEGOTIATION)
_CS_CLOSED_SHARE = 0.03


def build_opportunities(
    rng: np.random.Generator, book: Book, facts: AccountFacts
) -> list[tuple[Any, ...]]:
    grid = book.grid
    today = grid.today
    rows: list[tuple[Any, ...]] = []

    # Won: one per expansion, closed in the days before the new contract started.
    account, month = book.expansions
    won = len(account)
    delta = book.mrr[account, month] - book.mrr[account, month - 1]
    closed = grid.month_start[month] - rng.integers(1, 12, won).astype("timedelta64[D]")
    created = closed - rng.integers(20, 100, won).astype("timedelta64[D]")
    kind = np.where(
        rng.random(won) < 0.7, str(OpportunityKind.UPSELL), str(OpportunityKind.CROSS_SELL)
    )
    by_am = rng.random(won) < 0.15
    has_am = book.am[account] > 0
    cs_closed = np.zeros(won, dtype=bool)
    candidates = np.flatnonzero(has_am & ~by_am)
    if len(candidates):
        chosen = rng.choice(
            candidates,
            size=min(len(candidates), max(2, round(_CS_CLOSED_SHARE * won))),
            replace=False,
        )
        cs_closed[chosen] = True
    owner_cs = cs_closed | ~has_am
    for row in range(won):
        index = int(account[row])
        csm, am = int(book.csm[index]), int(book.am[index])
        raised = (am, str(Role.AM)) if by_am[row] and am else (csm, str(Role.CS))
        owner = (csm, str(Role.CS)) if owner_cs[row] else (am, str(Role.AM))
        rows.append(
            (index + 1, str(kind[row]), *raised, *owner, str(Stage.CLOSED_WON),
             round(float(delta[row]) * 12, 2), str(created[row]), str(closed[row]),
             str(OpportunityOutcome.WON))
        )  # fmt: skip

    # Lost: about half as many, on accounts that were customers at the time.
    lost = max(2, won // 2)
    paying = np.argwhere(book.active[:, :-3])
    chosen = paying[rng.integers(len(paying), size=lost)]
    for (index, month_index), days, length, size, cross in zip(
        chosen.tolist(),
        rng.integers(0, 28, lost).tolist(),
        rng.integers(25, 120, lost).tolist(),
        rng.uniform(0.1, 0.4, lost).tolist(),
        (rng.random(lost) < 0.35).tolist(),
        strict=True,
    ):
        opened = (grid.first + month_index).first_day + timedelta(days=days)
        ended = opened + timedelta(days=length)
        if ended >= today:
            continue
        am = int(book.am[index])
        owner = (am, str(Role.AM)) if am else (int(book.csm[index]), str(Role.CS))
        rows.append(
            (index + 1, str(OpportunityKind.CROSS_SELL if cross else OpportunityKind.UPSELL),
             int(book.csm[index]), str(Role.CS), *owner, str(Stage.CLOSED_LOST),
             round(float(book.mrr[index, month_index]) * size * 12, 2), opened.isoformat(),
             ended.isoformat(), str(OpportunityOutcome.LOST))
        )  # fmt: skip

    # Open: a quarter of today's customers, in every stage; renewals due within 90 days.
    current = np.flatnonzero(~book.churned)
    happy = book.archetype[current] == Archetype.EXPANDING
    opening = current[(rng.random(len(current)) < np.where(happy, 0.8, 0.2))]
    stages = rng.integers(len(_OPEN_STAGES), size=len(opening))
    ages = rng.integers(3, 120, size=len(opening))
    sizes = rng.uniform(0.1, 0.5, size=len(opening))
    for index, stage, age, size in zip(
        opening.tolist(), stages.tolist(), ages.tolist(), sizes.tolist(), strict=True
    ):
        am = int(book.am[index])
        owner = (am, str(Role.AM)) if am else (int(book.csm[index]), str(Role.CS))
        rows.append(
            (index + 1, str(OpportunityKind.CROSS_SELL if age % 3 == 0 else OpportunityKind.UPSELL),
             int(book.csm[index]), str(Role.CS), *owner, str(_OPEN_STAGES[stage]),
             round(float(book.mrr[index, -1]) * size * 12, 2),
             (today - timedelta(days=age)).isoformat(), None, str(OpportunityOutcome.OPEN))
        )  # fmt: skip
    for index in current.tolist():
        renewal = facts.renewal[index]
        if not -90 <= (renewal - today).days <= 90:
            continue
        am = int(book.am[index])
        person = (am, str(Role.AM)) if am else (int(book.csm[index]), str(Role.CS))
        stage = Stage.NEGOTIATION if renewal <= today + timedelta(days=30) else Stage.QUALIFIED
        rows.append(
            (index + 1, str(OpportunityKind.RENEWAL), *person, *person, str(stage),
             round(float(book.mrr[index, -1]) * 12, 2),
             (renewal - timedelta(days=120)).isoformat(), None, str(OpportunityOutcome.OPEN))
        )  # fmt: skip
    rows.sort(key=lambda row: (row[0], row[8] or ""))
    return rows


def build_goals(rng: np.random.Generator, book: Book, signals: Signals) -> list[tuple[Any, ...]]:
    """Success-plan goals for most current customers; adoption goals read the real usage."""
    grid = book.grid
    today = grid.today
    months = grid.months
    candidates = np.flatnonzero(~book.churned | (rng.random(book.count) < 0.2))
    planned = candidates[rng.random(len(candidates)) < 0.65]
    per_account = rng.integers(1, 4, size=len(planned))
    account = np.repeat(planned, per_account)
    count = len(account)
    chosen = [
        goal for k in per_account.tolist() for goal in rng.permutation(len(GOALS))[:k].tolist()
    ]
    due = date_texts(
        np.datetime64(today.isoformat(), "D")
        + rng.integers(-60, 300, count).astype("timedelta64[D]")
    )
    horizon = rng.uniform(0.0, 1.3, count)
    last = book.last_paying
    adoption = np.round(signals.adoption[account, np.minimum(last[account], months - 1)] * 100, 1)
    rows: list[tuple[Any, ...]] = []
    for row, (index, goal) in enumerate(zip(account.tolist(), chosen, strict=True)):
        objective_pt, objective_en, metric, (b_low, b_high), (t_low, t_high) = GOALS[int(goal)]
        baseline = round(float(rng.uniform(b_low, b_high)), 1) if b_high > b_low else b_low
        target = round(float(rng.uniform(t_low, t_high)), 1) if t_high > t_low else t_low
        if metric == "active users %":
            current = float(adoption[row])
        elif metric.endswith("(0/1)"):
            current = 1.0 if horizon[row] > 0.7 else 0.0
        else:
            current = round(baseline + (target - baseline) * float(horizon[row]), 1)
        due_day = date.fromisoformat(due[row])
        rows.append(
            (index + 1, objective_pt if book.portuguese[index] else objective_en, metric,
             baseline, target, current, due[row],
             str(_status(baseline, target, current, due_day, today, book.churned[index])))
        )  # fmt: skip
    return rows


def _status(
    baseline: float, target: float, current: float, due: date, today: date, churned: bool
) -> GoalStatus:
    span = target - baseline
    progress = 1.0 if span == 0 else (current - baseline) / span
    if progress >= 1:
        return GoalStatus.ACHIEVED
    if due < today or churned:
        return GoalStatus.MISSED
    if progress <= 0.02:
        return GoalStatus.NOT_STARTED
    if progress < 0.5 and (due - today).days < 90:
        return GoalStatus.AT_RISK
    return GoalStatus.ON_TRACK
