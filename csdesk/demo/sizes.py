"""How big a demo portfolio is: one dataclass, with the two presets `csdesk demo` offers.

Every size goes through the same vectorised generator, so a tiny custom size in the tests
exercises exactly the code that builds the large portfolio.
"""

from __future__ import annotations

from dataclasses import dataclass

from csdesk.errors import CsdeskError

# Below this many accounts the scripted stories and every archetype would not all fit.
MIN_ACCOUNTS = 24


@dataclass(frozen=True, slots=True)
class DemoSize:
    """Row targets of a demo portfolio.

    ``tickets``, ``surveys`` and ``events`` are the totals drawn across the whole book (events
    may come out slightly above the target on tiny sizes, where the scheduled QBRs, renewals
    and onboarding steps alone exceed it). Revenue, usage, contracts, contacts, opportunities
    and goals follow from the accounts and their stories.
    """

    name: str
    accounts: int
    tickets: int
    surveys: int
    events: int
    csms: int
    ams: int
    support_agents: int
    cx: int
    months: int = 36

    def __post_init__(self) -> None:
        if self.accounts < MIN_ACCOUNTS:
            raise CsdeskError(
                f"a demo portfolio needs at least {MIN_ACCOUNTS} accounts, not {self.accounts}."
            )
        if min(self.csms, self.ams, self.support_agents, self.cx) < 1:
            raise CsdeskError("a demo portfolio needs at least one person in every role.")
        if self.months < 24:
            raise CsdeskError(f"a demo portfolio needs at least 24 months, not {self.months}.")
        if min(self.tickets, self.surveys, self.events) < 0:
            raise CsdeskError("ticket, survey and event counts cannot be negative.")


SMALL = DemoSize(
    "small",
    accounts=150,
    tickets=7_500,
    surveys=3_000,
    events=15_000,
    csms=4,
    ams=2,
    support_agents=5,
    cx=1,
)

LARGE = DemoSize(
    "large",
    accounts=10_000,
    tickets=500_000,
    surveys=200_000,
    events=1_000_000,
    csms=250,
    ams=100,
    support_agents=150,
    cx=4,
)

SIZES: dict[str, DemoSize] = {SMALL.name: SMALL, LARGE.name: LARGE}


def size_named(name: str) -> DemoSize:
    """The preset called ``name``; a CsdeskError listing the presets otherwise."""
    try:
        return SIZES[name]
    except KeyError:
        raise CsdeskError(
            f"unknown demo size {name!r}; choose one of: {', '.join(SIZES)}."
        ) from None
