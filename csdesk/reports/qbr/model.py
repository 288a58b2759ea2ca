"""What a QBR pack says, as plain data: one model, rendered by the PDF and the slide writers.

Nothing here is formatted for a locale except where a sentence is written (the drafted
executive summary); writers format numbers, money and dates with ``csdesk.i18n.formatting``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from csdesk.domain.entities import goal_progress
from csdesk.domain.enums import HealthBand, Role
from csdesk.domain.month import Month
from csdesk.errors import N_, CsdeskError

if TYPE_CHECKING:
    import pandas as pd

    from csdesk.i18n.lang import Lang


@dataclass(frozen=True, slots=True)
class Quarter:
    """A calendar quarter such as 2026Q3 (July to September 2026)."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        cleaned = text.strip().upper().replace("-", "").replace(" ", "")
        if len(cleaned) == 6 and cleaned[4] == "Q" and cleaned[:4].isdigit():
            number = cleaned[5]
            if number in "1234":
                return cls(int(cleaned[:4]), int(number))
        raise CsdeskError(
            N_("--quarter {text!r} is not a quarter; write the year and quarter as 2026Q3."),
            text=text,
        )

    @classmethod
    def of(cls, month: Month) -> Quarter:
        return cls(month.year, (month.month - 1) // 3 + 1)

    @property
    def first_month(self) -> Month:
        return Month(self.year, 3 * self.number - 2)

    @property
    def last_month(self) -> Month:
        return Month(self.year, 3 * self.number)

    @property
    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def name(self, locale: str, translate: Callable[[str], str]) -> str:
        """The quarter as a person reads it, "Q3 2026 (Jul 2026 – Sep 2026)"; ``2026Q3`` is
        what ``--quarter`` takes."""
        from csdesk.i18n.formatting import month

        return translate(N_("Q{number} {year} ({first} – {last})")).format(
            number=self.number,
            year=self.year,
            first=month(self.first_month, locale),
            last=month(self.last_month, locale),
        )

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


@dataclass(frozen=True, slots=True)
class Person:
    role: Role
    name: str
    email: str | None
    call_for: str = ""


@dataclass(frozen=True, slots=True)
class Stakeholder:
    """Someone at the account the team met in the quarter (a captured meeting or e-mail)."""

    name: str
    title: str | None
    group: str  # influence group: champion, decision_maker, influencer, user, other
    touches: int  # in the quarter
    last_touch: date


@dataclass(frozen=True, slots=True)
class HealthDriver:
    """One health component: its score, its share of the weight and what it adds."""

    key: str
    score: float | None
    share: float
    contribution: float
    change: float | None


@dataclass(frozen=True)
class HealthSection:
    score: float | None
    band: HealthBand | None
    change_quarter: float | None  # points since the end of the previous quarter
    missing: tuple[str, ...]
    drivers: list[HealthDriver]
    trend: pd.DataFrame | None  # columns month, score


@dataclass(frozen=True)
class AdoptionSection:
    seats: int | None
    active_users: float | None  # latest month of the quarter
    utilisation: float | None  # active users / seats
    change: float | None  # active users, change over the quarter
    usage: pd.DataFrame | None  # columns month, active_users
    # Usage that counts features or events, not users (no active_users recorded): each
    # metric's total in the quarter's first ``feature_months`` months (to the as-of month) and
    # in as many of the quarter before; columns metric, current, previous; largest first.
    features: pd.DataFrame | None = None
    feature_months: int = 3


@dataclass(frozen=True, slots=True)
class Goal:
    objective: str
    metric: str | None
    baseline: float | None
    target: float | None
    current: float | None
    due: date | None
    status: str

    @property
    def progress(self) -> float | None:
        """Share of the way from baseline to target (can pass 1 or fall below 0)."""
        return goal_progress(self.baseline, self.target, self.current)


@dataclass(frozen=True, slots=True)
class SupportFigures:
    tickets: int | None
    tma_minutes: float | None
    tme_minutes: float | None
    fcr: float | None
    csat: float | None
    escalations: int | None


@dataclass(frozen=True, slots=True)
class ExperienceFigures:
    nps: float | None
    promoters: int
    passives: int
    detractors: int
    responses: int
    csat: float | None
    ces: float | None


@dataclass(frozen=True)
class RevenueSection:
    mrr: float | None
    mrr_quarter_start: float | None  # MRR in the month before the quarter
    arr: float | None
    contract_value: float | None
    renewal_date: date | None
    days_to_renewal: int | None
    history: pd.DataFrame | None  # columns month, mrr (up to 24 months)


@dataclass(frozen=True, slots=True)
class Change:
    """Something that happened since the last QBR, for the "what changed" page."""

    when: date | None
    what: str


@dataclass(frozen=True, slots=True)
class Opportunity:
    kind: str  # OpportunityKind value
    stage: str  # OpportunityStage value
    amount: float | None
    raised_by: str | None
    raised_role: str | None
    owner: str | None
    owner_role: str | None
    created: date | None


@dataclass(frozen=True, slots=True)
class NextStep:
    step: str
    owner_role: Role | None
    due: date | None


@dataclass
class QbrContent:
    """Everything the QBR pack says about one account and one quarter, in ``lang``: the
    renderers write in the language the content was gathered in."""

    lang: Lang
    currency: str
    account_id: int
    account_name: str
    external_id: str | None
    segment: str | None
    quarter: Quarter
    as_of: Month
    prepared_on: date
    team: list[Person]
    summary: str
    summary_drafted: bool  # True when no narrative was stored: the text was drafted from data
    health: HealthSection
    adoption: AdoptionSection
    goals: list[Goal]
    support: SupportFigures
    support_before: SupportFigures
    experience: ExperienceFigures
    revenue: RevenueSection
    last_qbr: date | None
    changes: list[Change]
    opportunities: list[Opportunity]
    next_steps: list[NextStep]
    wins: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    their_team: list[Stakeholder] = field(default_factory=list)

    @property
    def language(self) -> str:
        """The code of ``lang`` (``en``, ``pt_BR``), for formatting."""
        return self.lang.code

    def person(self, role: Role) -> Person | None:
        return next((p for p in self.team if p.role is role), None)


def their_team_table(c: QbrContent, lang: Lang) -> tuple[list[str], list[list[str]]]:
    """The "who we met this quarter" table, as the PDF and the slides show it: header, rows."""
    from csdesk.i18n.labels import influence_label

    _ = lang
    headers = [_("Name"), _("Job title"), _("Influence"), _("Touches"), _("Last touch")]
    rows = [
        [
            ("★ " if s.group == "champion" else "") + s.name,
            s.title or "",
            influence_label(s.group, lang),
            lang.number(s.touches),
            lang.day(s.last_touch),
        ]
        for s in c.their_team
    ]
    return headers, rows
