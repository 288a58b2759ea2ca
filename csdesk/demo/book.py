"""The demo book of accounts: who they are, who owns them, and their MRR month by month.

Everything is a numpy array with one entry per account (or an accounts × months matrix), so
10,000 accounts cost the same few operations as 150. The MRR matrix is built from factors:
a base price, yearly price adjustments on the contract anniversary (IPCA, as Brazilian
contracts do), seat amendments (expansions and contractions), forced moves for each story
(a contraction before churn, a smaller comeback after a churn), and zero where the account
was not a customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from csdesk.demo.names import company_names
from csdesk.demo.people import Team
from csdesk.demo.stories import (
    SEGMENT_SHARES,
    STORIES,
    Archetype,
    assign_archetypes,
)
from csdesk.demo.timegrid import TimeGrid
from csdesk.domain.enums import Role

Array = npt.NDArray[Any]

A = Archetype
NEVER = 10_000  # a month index no grid reaches: "does not happen"

_SEATS = ((15.0, 0.55, 3, 60), (90.0, 0.45, 40, 400), (600.0, 0.5, 250, 4000))
_PRICE_PER_SEAT = (95.0, 72.0, 48.0)  # BRL per seat per month, by segment

# Poisson rate of seat amendments over the history, and the chance one is an expansion.
_AMENDMENTS = {A.STEADY: 0.7, A.EXPANDING: 0.8, A.CONTRACTING: 0.4, A.CHURNED: 0.3}
_EXPANSION_CHANCE = {A.STEADY: 0.65, A.EXPANDING: 1.0}

_COUNTRIES_EN = (
    ("Brazil", 0.45),
    ("United States", 0.2),
    ("United Kingdom", 0.08),
    ("Canada", 0.05),
    ("Mexico", 0.07),
    ("Argentina", 0.05),
    ("Chile", 0.05),
    ("Colombia", 0.05),
)
_REGION_OF = {
    "United States": "North America",
    "Canada": "North America",
    "United Kingdom": "Europe",
    "Portugal": "Europe",
    "Mexico": "LATAM",
    "Argentina": "LATAM",
    "Chile": "LATAM",
    "Colombia": "LATAM",
}
_BR_REGIONS = (("Sudeste", 0.5), ("Sul", 0.2), ("Nordeste", 0.15), ("Centro-Oeste", 0.1))
_BR_REGIONS_ALL = (*_BR_REGIONS, ("Norte", 0.05))


@dataclass
class Book:
    grid: TimeGrid
    archetype: Array
    segment: Array
    names: list[str]  # without legal suffix for generated names; full for stories
    industry: list[str]
    country: list[str]
    region: list[str]
    portuguese: Array  # bool: texts for this account are written in Portuguese
    first: Array  # first paying month index
    churn: Array  # first month without revenue after a churn, NEVER if none
    back: Array  # month of the comeback (REACTIVATED), NEVER if none
    pivot: Array  # month the story turns, -1 if none
    start_date: Array  # datetime64[D]
    anchor_date: Array  # datetime64[D]: start of the current paying streak
    indexed: Array  # bool: price adjusted by IPCA on each anniversary
    mrr: Array  # float, accounts × months, rounded to cents, 0 when not a customer
    seats: Array  # int, accounts × months
    active: Array  # bool, accounts × months
    expansions: tuple[Array, Array]  # (account, month) of seat/module expansions
    csm: Array  # person ids
    am: Array  # person ids, 0 = no AM
    support: Array  # person ids

    @property
    def count(self) -> int:
        return len(self.archetype)

    def is_(self, archetype: Archetype) -> Array:
        result: Array = self.archetype == int(archetype)
        return result

    @cached_property
    def last_paying(self) -> Array:
        """Index of each account's last month with MRR."""
        paying = self.mrr > 0
        months = self.mrr.shape[1]
        result: Array = months - 1 - np.argmax(paying[:, ::-1], axis=1)
        return result

    @cached_property
    def last_mrr(self) -> Array:
        """Each account's MRR in its last paying month (a churned account's final MRR)."""
        result: Array = self.mrr[np.arange(self.count), self.last_paying]
        return result

    @cached_property
    def churned(self) -> Array:
        result: Array = self.mrr[:, -1] == 0
        return result

    def active_grid(self) -> Array:
        """accounts × grid months (history plus the current month): still a customer."""
        result: Array = np.concatenate([self.active, self.active[:, -1:]], axis=1)
        return result


def build_book(rng: np.random.Generator, grid: TimeGrid, count: int, team: Team) -> Book:
    months = grid.months
    archetype = assign_archetypes(rng, count)
    scripted = len(STORIES)
    segment = rng.choice(3, size=count, p=SEGMENT_SHARES)
    segment[:scripted] = [story.segment for story in STORIES]

    generated = company_names(rng, count - scripted, [story.name for story in STORIES])
    names = [story.name for story in STORIES] + generated.names
    industry = [story.industry for story in STORIES] + generated.industries
    english = np.concatenate([np.zeros(scripted, dtype=bool), generated.english])
    country, region = _geography(rng, english)
    for index, story in enumerate(STORIES):
        country[index], region[index] = story.country, story.region
    portuguese = np.isin(np.array(country, dtype=object), ["Brazil", "Portugal"])

    first, churn, back, pivot = _life_months(rng, archetype, months)
    for index, story in enumerate(STORIES):
        turn = months - 1 - story.pivot_back if story.pivot_back >= 0 else -1
        pivot[index] = turn
        first[index] = turn if story.archetype is A.ONBOARDING else 0
        churn[index] = turn if story.archetype in (A.CHURNED, A.REACTIVATED) else NEVER
        back[index] = months - 1 - story.return_back if story.return_back >= 0 else NEVER

    start_date = _day_in_month(rng, grid, first)
    before = first == 0
    start_date[before] = grid.month_start[0] - rng.integers(
        30, 6 * 365, size=int(before.sum())
    ).astype("timedelta64[D]")
    anchor_date = start_date.copy()
    returned = back < NEVER
    anchor_date[returned] = _day_in_month(rng, grid, back[returned])

    month = np.arange(months)[None, :]
    active = (month >= first[:, None]) & ((month < churn[:, None]) | (month >= back[:, None]))
    indexed = rng.random(count) < 0.85
    mrr, seats, expansions = _revenue(
        rng,
        grid,
        archetype,
        segment,
        first,
        churn,
        back,
        pivot,
        active,
        indexed,
        start_date,
        anchor_date,
    )
    csm, am, support = _owners(rng, segment, team)
    return Book(
        grid=grid,
        archetype=archetype,
        segment=segment,
        names=names,
        industry=industry,
        country=country,
        region=region,
        portuguese=portuguese,
        first=first,
        churn=churn,
        back=back,
        pivot=pivot,
        start_date=start_date,
        anchor_date=anchor_date,
        indexed=indexed,
        mrr=mrr,
        seats=seats,
        active=active,
        expansions=expansions,
        csm=csm,
        am=am,
        support=support,
    )


def _geography(rng: np.random.Generator, english: Array) -> tuple[list[str], list[str]]:
    count = len(english)
    en_names = [name for name, _ in _COUNTRIES_EN]
    en_weights = np.array([weight for _, weight in _COUNTRIES_EN])
    en_country = rng.choice(len(en_names), size=count, p=en_weights / en_weights.sum())
    portugal = rng.random(count) < 0.04
    br_region = rng.choice(
        len(_BR_REGIONS_ALL), size=count, p=[weight for _, weight in _BR_REGIONS_ALL]
    )
    countries: list[str] = []
    regions: list[str] = []
    for is_en, en_index, is_pt, br_index in zip(
        english.tolist(), en_country.tolist(), portugal.tolist(), br_region.tolist(), strict=True
    ):
        name = en_names[en_index] if is_en else ("Portugal" if is_pt else "Brazil")
        countries.append(name)
        regions.append(_BR_REGIONS_ALL[br_index][0] if name == "Brazil" else _REGION_OF[name])
    return countries, regions


def _life_months(
    rng: np.random.Generator, archetype: Array, months: int
) -> tuple[Array, Array, Array, Array]:
    """First paying month, churn month, comeback month and story pivot of every account."""
    count = len(archetype)
    first = np.zeros(count, dtype=np.int64)
    churn = np.full(count, NEVER, dtype=np.int64)
    back = np.full(count, NEVER, dtype=np.int64)
    pivot = np.full(count, -1, dtype=np.int64)
    u = rng.random(count)

    growing = np.isin(archetype, [A.STEADY, A.EXPANDING]) & (u < 0.2)
    first[growing] = rng.integers(1, months - 6, size=int(growing.sum()))

    churned = archetype == A.CHURNED
    churn[churned] = rng.integers(6, months, size=int(churned.sum()))
    late = churned & (u < 0.3)
    first[late] = 1 + np.floor(rng.random(int(late.sum())) * (churn[late] - 6)).astype(np.int64)
    pivot[churned] = churn[churned]

    comeback = archetype == A.REACTIVATED
    churn[comeback] = rng.integers(6, months - 9, size=int(comeback.sum()))
    back[comeback] = np.minimum(
        churn[comeback] + rng.integers(2, 9, size=int(comeback.sum())), months - 2
    )
    pivot[comeback] = churn[comeback]

    for kind, low, high in (
        (A.CONTRACTING, 1, 4),
        (A.CHAMPION_LEFT, 3, 7),
        (A.USAGE_DROP, 2, 6),
        (A.TICKET_SPIKE, 1, 3),
        (A.ONBOARDING, 1, 4),
    ):
        mask = archetype == kind
        pivot[mask] = months - rng.integers(low, high, size=int(mask.sum()))
    onboarding = archetype == A.ONBOARDING
    first[onboarding] = pivot[onboarding]
    at_risk = np.isin(archetype, [A.CONTRACTING, A.CHAMPION_LEFT, A.USAGE_DROP, A.TICKET_SPIKE])
    late = at_risk & (u < 0.2) & (pivot >= 9)
    first[late] = 1 + np.floor(rng.random(int(late.sum())) * (pivot[late] - 8)).astype(np.int64)
    return first, churn, back, pivot


def _day_in_month(rng: np.random.Generator, grid: TimeGrid, month_index: Array) -> Array:
    index = np.clip(month_index, 0, grid.size - 1)
    days = np.floor(rng.random(len(index)) * grid.days_in_month[index]).astype(np.int64)
    result: Array = grid.month_start[index] + days.astype("timedelta64[D]")
    return result


def _month_index(grid: TimeGrid, days: Array) -> Array:
    """Grid month index of each date (negative before the grid)."""
    first = np.datetime64(str(grid.first), "M")
    result: Array = (days.astype("datetime64[M]") - first).astype(np.int64)
    return result


def _revenue(
    rng: np.random.Generator,
    grid: TimeGrid,
    archetype: Array,
    segment: Array,
    first: Array,
    churn: Array,
    back: Array,
    pivot: Array,
    active: Array,
    indexed: Array,
    start_date: Array,
    anchor_date: Array,
) -> tuple[Array, Array, tuple[Array, Array]]:
    count, months = active.shape
    rows = np.arange(count)
    mean, sigma, low, high = (np.array(column) for column in zip(*_SEATS, strict=True))
    seats0 = np.clip(
        np.round(rng.lognormal(np.log(mean[segment]), sigma[segment])), low[segment], high[segment]
    )
    for index, story in enumerate(STORIES):
        if story.seats:
            seats0[index] = story.seats
    price = np.array(_PRICE_PER_SEAT)[segment] * rng.lognormal(0.0, 0.12, size=count)
    base = seats0 * price

    price_factor = np.ones((count, months))
    seat_factor = np.ones((count, months))
    month = np.arange(months)[None, :]

    # Yearly IPCA adjustment on the anniversary of the current streak's start.
    anchor = np.where(
        month >= back[:, None],
        _month_index(grid, anchor_date)[:, None],
        _month_index(grid, start_date)[:, None],
    )
    previous = np.concatenate([np.zeros((count, 1), dtype=bool), active[:, :-1]], axis=1)
    anniversary = (
        ((month - anchor) % 12 == 0)
        & active
        & previous
        & indexed[:, None]
        & (month > first[:, None])
    )
    ipca = 1.035 + 0.03 * rng.random(months // 12 + 2)
    price_factor[anniversary] *= np.broadcast_to(ipca[month // 12], anniversary.shape)[anniversary]

    # Seat amendments: Poisson per account, at months after the first full month.
    rate = np.full(count, 0.5)
    chance = np.full(count, 0.5)
    for kind, value in _AMENDMENTS.items():
        rate[archetype == kind] = value
    for kind, value in _EXPANSION_CHANCE.items():
        chance[archetype == kind] = value
    amendments = rng.poisson(rate) + np.where(archetype == A.EXPANDING, 2, 0)
    owner = np.repeat(rows, amendments)
    low_month = first[owner] + 2
    high_month = np.minimum(churn[owner] - 1, months)
    at = low_month + np.floor(rng.random(len(owner)) * (high_month - low_month)).astype(np.int64)
    valid = high_month > low_month
    expands = rng.random(len(owner)) < chance[owner]
    factor = np.where(
        expands, rng.uniform(1.08, 1.45, len(owner)), rng.uniform(0.65, 0.92, len(owner))
    )
    owner, at, factor, expands = owner[valid], at[valid], factor[valid], expands[valid]
    np.multiply.at(seat_factor, (owner, at), factor)

    # Forced story moves.
    contracting = np.flatnonzero(archetype == A.CONTRACTING)
    seat_factor[contracting, pivot[contracting]] *= rng.uniform(0.6, 0.8, len(contracting))
    churned = np.flatnonzero(archetype == A.CHURNED)
    scripted = churned < len(STORIES)
    shrink = churned[(rng.random(len(churned)) < 0.75) | scripted]
    gap = np.where(shrink < len(STORIES), 4, rng.integers(2, 5, len(shrink)))
    when = churn[shrink] - gap
    ok = when > first[shrink] + 1
    seat_factor[shrink[ok], when[ok]] *= rng.uniform(0.55, 0.85, int(ok.sum()))
    # Recently, most accounts whose champion left (the scripted one too) and some whose usage
    # dropped cut seats to what they use.
    left = np.flatnonzero(archetype == A.CHAMPION_LEFT)
    unused = np.flatnonzero((archetype == A.USAGE_DROP) & (np.arange(count) >= len(STORIES)))
    cut = np.concatenate(
        [
            left[(rng.random(len(left)) < 0.7) | (left < len(STORIES))],
            unused[rng.random(len(unused)) < 0.4],
        ]
    )
    when = np.clip(pivot[cut] + 1, months - 2, months - 1)
    seat_factor[cut, when] *= rng.uniform(0.6, 0.8, len(cut))
    comeback = np.flatnonzero(archetype == A.REACTIVATED)
    seat_factor[comeback, back[comeback]] *= rng.uniform(0.55, 0.9, len(comeback))

    seat_level = np.cumprod(seat_factor, axis=1)
    level = seat_level * np.cumprod(price_factor, axis=1)
    mrr = np.where(active, np.round(base[:, None] * level, 2), 0.0)
    seats = np.where(active, np.maximum(1, np.round(seats0[:, None] * seat_level)), 0)

    grew = expands & active[owner, at] & (at > 0)
    owner, at = owner[grew], at[grew]
    grew = active[owner, at - 1] & (mrr[owner, at] > mrr[owner, at - 1])
    order = np.lexsort((at[grew], owner[grew]))
    expansions = (owner[grew][order], at[grew][order])
    return mrr, seats.astype(np.int64), expansions


def _owners(rng: np.random.Generator, segment: Array, team: Team) -> tuple[Array, Array, Array]:
    """CSM by segment pools (enterprise books are smaller), AM and support owner at random.

    A few accounts, mostly SMB, have no AM: an audit finding the demo should show.
    """
    count = len(segment)
    csms = team.ids[Role.CS]
    load = np.array([1.0, 2.0, 4.0]) * np.bincount(segment, minlength=3)
    pools = _split(len(csms), load)
    csm = np.zeros(count, dtype=np.int64)
    start = 0
    for seg, pool in enumerate(pools):
        members = csms[start : start + pool] if pool else csms
        mask = segment == seg
        csm[mask] = members[rng.integers(len(members), size=int(mask.sum()))]
        start += pool
    ams = team.ids[Role.AM]
    am = ams[rng.integers(len(ams), size=count)]
    without = rng.random(count) < np.where(segment == 0, 0.1, 0.02)
    without[: len(STORIES)] = False
    am[without] = 0
    agents = team.ids[Role.SUPPORT]
    support = agents[rng.integers(len(agents), size=count)]
    return csm, am, support


def _split(people: int, load: Array) -> list[int]:
    """People per segment pool, proportional to load, at least one each when possible."""
    if people < len(load):
        return [0] * len(load)
    shares = load / load.sum() * people
    pools = np.maximum(1, np.floor(shares)).astype(np.int64)
    while pools.sum() < people:
        pools[np.argmax(shares - pools)] += 1
    while pools.sum() > people:
        pools[np.argmax(pools)] -= 1
    return [int(pool) for pool in pools]
