"""Account and contract rows of the demo, consistent with the MRR matrix.

Each run of constant MRR is one contract (the first from the account's start, a new one at each
renewal with price adjustment or seat amendment), so expanding contracts to months gives back
exactly the demo's revenue: the contract active on the last day of a month carries that month's
MRR. Renewal dates follow the anniversary of the current paying streak: spread across the next
twelve months, with some renewals overdue in the last 90 days (their contract rolls on with no
end date while the renewal is negotiated).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from csdesk.demo.book import NEVER, Book
from csdesk.demo.stories import SEGMENTS, STORIES, TIERS, Archetype
from csdesk.demo.timegrid import date_texts, to_date
from csdesk.domain.enums import AccountStatus, BillingPeriod, LifecycleStage
from csdesk.ingest.accounts_matching import name_key

Array = npt.NDArray[Any]

CURRENCY = "BRL"
PRODUCTS = ("Plano Essencial", "Plano Profissional", "Plano Enterprise")

ACCOUNT_COLUMNS = (
    "id", "external_id", "name", "name_key", "segment", "tier", "industry", "region", "country",
    "lifecycle_stage", "status", "start_date", "renewal_date", "contract_value", "currency",
    "csm_id", "am_id", "support_owner_id", "seats", "notes", "renewal_probability",
)  # fmt: skip
CONTRACT_COLUMNS = (
    "account_id", "external_id", "product", "start_date", "end_date", "mrr", "value",
    "billing_period", "auto_renew", "status",
)  # fmt: skip

_BILLING = (
    ((BillingPeriod.MONTHLY, 0.7), (BillingPeriod.ANNUAL, 0.3)),
    ((BillingPeriod.ANNUAL, 0.55), (BillingPeriod.QUARTERLY, 0.3), (BillingPeriod.MONTHLY, 0.15)),
    ((BillingPeriod.ANNUAL, 0.85), (BillingPeriod.SEMIANNUAL, 0.15)),
)
_SUFFIX_BY_COUNTRY = {
    "United States": ("Inc.", "LLC"),
    "Canada": ("Inc.", "Ltd."),
    "United Kingdom": ("Ltd",),
    "Portugal": ("Lda.",),
    "Mexico": ("S.A. de C.V.",),
    "Argentina": ("S.A.",),
    "Chile": ("SpA", "S.A."),
    "Colombia": ("S.A.S.",),
}


@dataclass(frozen=True)
class AccountFacts:
    """Per-account values later tables need: renewal dates, billing, tiers."""

    renewal: list[date]
    billing: list[BillingPeriod]
    auto_renew: list[bool]  # for longer terms; monthly plans always renew automatically
    tier: Array
    rows: list[tuple[Any, ...]]


def external_id(index: int) -> str:
    return f"ACC-{index + 1:05d}"


def account_rows(rng: np.random.Generator, book: Book) -> AccountFacts:
    grid = book.grid
    count = book.count
    last_mrr = book.last_mrr
    churned = book.churned
    renewal = _renewal_dates(rng, book)

    billing_index = rng.random(count)
    billing = [
        _billing_period(seg, u)
        for seg, u in zip(book.segment.tolist(), billing_index.tolist(), strict=True)
    ]

    # Tier by value: the top fifth Gold, the next two fifths Silver, with a little noise.
    rank = np.argsort(np.argsort(-last_mrr * rng.lognormal(0.0, 0.25, count))) / count
    tier = np.where(rank < 0.2, 0, np.where(rank < 0.6, 1, 2))

    names = _legal_names(rng, book)
    last = book.last_paying
    seats = book.seats[np.arange(count), last]
    starts = date_texts(book.start_date)
    today = grid.today
    rows: list[tuple[Any, ...]] = []
    for index in range(count):
        is_churned = bool(churned[index])
        rows.append(
            (
                index + 1,
                external_id(index),
                names[index],
                name_key(names[index]),
                SEGMENTS[int(book.segment[index])],
                TIERS[int(tier[index])],
                book.industry[index],
                book.region[index],
                book.country[index],
                _stage(book, index, renewal[index], today),
                str(AccountStatus.CHURNED if is_churned else AccountStatus.ACTIVE),
                starts[index],
                renewal[index].isoformat(),
                round(float(last_mrr[index]) * 12, 2),
                CURRENCY,
                int(book.csm[index]),
                int(book.am[index]) or None,
                int(book.support[index]),
                int(seats[index]),
                STORIES[index].notes if index < len(STORIES) else None,
                STORIES[index].renewal_probability if index < len(STORIES) else None,
            )
        )
    auto_renew = (rng.random(count) < 0.6).tolist()
    return AccountFacts(renewal, billing, auto_renew, tier, rows)


def _billing_period(segment: int, draw: float) -> BillingPeriod:
    cumulative = 0.0
    for period, share in _BILLING[segment]:
        cumulative += share
        if draw < cumulative:
            return period
    return _BILLING[segment][0][0]


def _legal_names(rng: np.random.Generator, book: Book) -> list[str]:
    names: list[str] = []
    u = rng.random(book.count).tolist()
    for index, (name, country) in enumerate(zip(book.names, book.country, strict=True)):
        if index < len(STORIES):
            names.append(name)
            continue
        if country == "Brazil":
            big = int(book.segment[index]) == 2
            suffix = "S.A." if u[index] < (0.6 if big else 0.08) else "Ltda"
        else:
            options = _SUFFIX_BY_COUNTRY[country]
            suffix = options[int(u[index] * len(options))]
        names.append(f"{name} {suffix}")
    return names


def _stage(book: Book, index: int, renewal: date, today: date) -> str:
    if book.churned[index]:
        return str(LifecycleStage.CHURNED)
    months = book.grid.months
    archetype = int(book.archetype[index])
    if book.first[index] >= months - 3 or months - 3 <= book.back[index] < NEVER:
        return str(LifecycleStage.ONBOARDING)
    if archetype in (
        Archetype.CHAMPION_LEFT,
        Archetype.USAGE_DROP,
        Archetype.TICKET_SPIKE,
        Archetype.CONTRACTING,
    ):
        return str(LifecycleStage.AT_RISK)
    if abs((renewal - today).days) <= 90:
        return str(LifecycleStage.RENEWAL)
    if book.first[index] >= months - 12:
        return str(LifecycleStage.ADOPTION)
    return str(LifecycleStage.MATURE)


def anniversary(anchor: date, year: int) -> date:
    """``anchor``'s anniversary in ``year`` (28 February for a 29 February anchor)."""
    try:
        return anchor.replace(year=year)
    except ValueError:  # 29 February
        return date(year, 2, 28)


def _renewal_dates(rng: np.random.Generator, book: Book) -> list[date]:
    grid = book.grid
    today = grid.today
    overdue_draw = rng.random(book.count).tolist()
    churned = book.churned.tolist()
    last = book.last_paying.tolist()
    result: list[date] = []
    for index, anchor_day in enumerate(book.anchor_date):
        if churned[index]:
            result.append((grid.first + int(last[index])).last_day)
            continue
        anchor = to_date(anchor_day)
        upcoming = anniversary(anchor, today.year)
        if upcoming <= today:
            upcoming = anniversary(anchor, today.year + 1)
        previous = anniversary(anchor, upcoming.year - 1)
        overdue = (
            previous > anchor
            and today - timedelta(days=90) <= previous < today
            and overdue_draw[index] < 0.35
        )
        result.append(previous if overdue else upcoming)
    return result


def contract_rows(book: Book, facts: AccountFacts) -> list[tuple[Any, ...]]:
    """One contract per run of constant MRR, with billing value = MRR x months billed."""
    grid = book.grid
    count, months = book.mrr.shape
    mrr = book.mrr
    boundary = np.ones((count, months), dtype=bool)
    boundary[:, 1:] = mrr[:, 1:] != mrr[:, :-1]
    starts = np.flatnonzero(boundary.ravel())
    ends = np.append(starts[1:], count * months) - 1
    account = starts // months
    first_month = starts % months
    last_month = ends % months
    value = mrr.ravel()[starts]
    keep = value > 0
    account, first_month, last_month, value = (
        account[keep],
        first_month[keep],
        last_month[keep],
        value[keep],
    )

    start = grid.month_start[first_month].copy()
    opening = first_month == book.first[account]
    start[opening] = book.start_date[account[opening]]
    comeback = first_month == book.back[account]
    start[comeback] = book.anchor_date[account[comeback]]
    start_text = date_texts(start)
    end_text = date_texts(grid.month_start[last_month + 1] - np.timedelta64(1, "D"))
    running = last_month == months - 1
    following = mrr[account, np.minimum(last_month + 1, months - 1)]
    cancelled = ~running & (following == 0)

    today = grid.today
    last_day = grid.last_month.last_day
    rows: list[tuple[Any, ...]] = []
    sequence = 0
    previous_account = -1
    for row, index in enumerate(account.tolist()):
        sequence = sequence + 1 if index == previous_account else 1
        previous_account = index
        period = facts.billing[index]
        monthly = float(value[row])
        end: str | None = end_text[row]
        if running[row]:
            renewal = facts.renewal[index]
            end = renewal.isoformat() if renewal >= last_day else None
            status = "pending_renewal" if renewal < today else "active"
        else:
            status = "cancelled" if cancelled[row] else "ended"
        rows.append(
            (
                index + 1,
                f"CT-{index + 1:05d}-{sequence:02d}",
                PRODUCTS[int(book.segment[index])],
                start_text[row],
                end,
                monthly,
                round(monthly * period.months, 2),
                str(period),
                1 if period is BillingPeriod.MONTHLY or facts.auto_renew[index] else 0,
                status,
            )
        )
    return rows
