"""The timeline (`events`): what each role did with each account, and when.

Scheduled entries come first: QBRs roughly every quarter (skipped where the story says the CSM
stopped showing up), onboarding steps for new customers, renewals on the contract anniversary,
churn and comeback, champion changes and support escalations. The rest of the event budget is
everyday work (meetings, calls, e-mails, notes) drawn per role from each account's attention,
so a neglected account really has gone quiet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from csdesk.demo.accounts import AccountFacts, anniversary
from csdesk.demo.book import NEVER, Book
from csdesk.demo.contacts import Contacts
from csdesk.demo.signals import Signals
from csdesk.demo.stories import Archetype
from csdesk.demo.texts import (
    CHURN_REASONS,
    EVENT_TITLES,
    ONBOARDING_DAYS,
    ONBOARDING_STEPS,
    QBR_BODIES,
    pick,
)
from csdesk.demo.tickets import Escalations, draw_cells
from csdesk.demo.timegrid import SECONDS_PER_DAY, datetime_texts, to_date
from csdesk.domain.enums import EventKind, Role

Array = npt.NDArray[Any]
A = Archetype

COLUMNS = ("account_id", "at", "kind", "role", "person_id", "title", "body")

# Everyday work: share of the budget per role, and the kinds each role logs.
_ROLE_SHARE = ((Role.CS, 0.70), (Role.AM, 0.14), (Role.SUPPORT, 0.09), (Role.CX, 0.07))
_ROLE_KINDS: dict[Role, tuple[tuple[EventKind, float], ...]] = {
    Role.CS: ((EventKind.MEETING, 0.3), (EventKind.CALL, 0.3), (EventKind.EMAIL, 0.3),
              (EventKind.NOTE, 0.1)),
    Role.AM: ((EventKind.MEETING, 0.3), (EventKind.CALL, 0.35), (EventKind.EMAIL, 0.35)),
    Role.SUPPORT: ((EventKind.EMAIL, 0.6), (EventKind.NOTE, 0.4)),
    Role.CX: ((EventKind.EMAIL, 0.5), (EventKind.CALL, 0.25), (EventKind.NOTE, 0.25)),
}  # fmt: skip
_QBR_CHANCE = np.array([0.55, 0.85, 0.95])  # by segment


@dataclass
class _Parts:
    """Columns of timeline entries collected part by part before one sort."""

    account: list[Array] = field(default_factory=list)
    at: list[Array] = field(default_factory=list)
    kind: list[Array] = field(default_factory=list)
    role: list[Array] = field(default_factory=list)
    person: list[Array] = field(default_factory=list)
    title: list[Array] = field(default_factory=list)
    body: list[Array] = field(default_factory=list)

    def add(
        self,
        account: Array,
        at: Array,
        kind: Any,
        role: Any,
        person: Array,
        title: Any,
        body: Any = None,
    ) -> None:
        count = len(account)
        self.account.append(np.asarray(account, dtype=np.int64))
        self.at.append(np.asarray(at, dtype="datetime64[s]"))
        self.kind.append(_column(kind, count))
        self.role.append(_column(role, count))
        self.person.append(np.asarray(person, dtype=np.int64))
        self.title.append(_column(title, count))
        self.body.append(_column(body, count))

    def size(self) -> int:
        return sum(len(part) for part in self.account)


def _column(value: Any, count: int) -> Array:
    if isinstance(value, str | None):
        column = np.empty(count, dtype=object)
        column[:] = str(value) if value is not None else None
        return column
    return np.asarray(value, dtype=object)


def build_events(
    rng: np.random.Generator,
    book: Book,
    signals: Signals,
    facts: AccountFacts,
    contacts: Contacts,
    escalations: Escalations,
    cx_ids: Array,
    total: int,
) -> list[tuple[Any, ...]]:
    parts = _Parts()
    _qbrs(rng, book, parts)
    _onboarding(rng, book, parts)
    _renewals_and_churn(rng, book, facts, parts)
    _champions(rng, book, contacts, parts)
    _escalations(rng, book, escalations, parts)
    _everyday(rng, book, signals, cx_ids, total - parts.size(), parts)

    account = np.concatenate(parts.account)
    at = np.concatenate(parts.at)
    order = np.lexsort((at, account))
    person = np.concatenate(parts.person)[order]
    person_column = person.astype(object)
    person_column[person == 0] = None
    return list(
        zip(
            (account[order] + 1).tolist(),
            datetime_texts(at[order]),
            np.concatenate(parts.kind)[order].tolist(),
            np.concatenate(parts.role)[order].tolist(),
            person_column.tolist(),
            np.concatenate(parts.title)[order].tolist(),
            np.concatenate(parts.body)[order].tolist(),
            strict=True,
        )
    )


def _am_or_csm(book: Book, account: Array) -> tuple[Array, Array]:
    """AM work done by the CSM where the account has no AM (an audit finding)."""
    am = book.am[account]
    role = np.where(am > 0, str(Role.AM), str(Role.CS)).astype(object)
    return role, np.where(am > 0, am, book.csm[account])


def _qbrs(rng: np.random.Generator, book: Book, parts: _Parts) -> None:
    grid = book.grid
    active = book.active_grid()
    count, columns = active.shape
    month = np.arange(columns)[None, :]
    phase = np.asarray(rng.integers(0, 3, size=count))[:, None]
    chance = _QBR_CHANCE[book.segment][:, None] * np.ones((1, columns))
    after = month >= book.pivot[:, None]
    chance = np.where((book.archetype[:, None] == A.CHAMPION_LEFT) & after, 0.0, chance)
    chance = np.where((book.archetype[:, None] == A.USAGE_DROP) & after, 0.3, chance)
    chance = np.where(book.archetype[:, None] == A.EXPANDING, 1.0, chance)
    started = np.where(month >= book.back[:, None], book.back[:, None], book.first[:, None])
    held = (
        active
        & (month % 3 == phase)
        & (month - started >= 2)
        & (grid.days_open[None, :] > 0)
        & (rng.random((count, columns)) < chance)
    )
    account, month_index = np.nonzero(held)
    calendar = grid.first.ordinal + month_index
    reviewed = calendar // 3 - 1  # the quarter before the meeting
    portuguese = book.portuguese[account].tolist()
    titles = [
        f"QBR {q % 4 + 1}T{q // 4}" if pt else f"QBR Q{q % 4 + 1} {q // 4}"
        for q, pt in zip(reviewed.tolist(), portuguese, strict=True)
    ]
    parts.add(
        account,
        grid.random_moments(rng, month_index),
        str(EventKind.QBR),
        str(Role.CS),
        book.csm[account],
        titles,
        pick(rng, QBR_BODIES, book.portuguese[account]),
    )


def _onboarding(rng: np.random.Generator, book: Book, parts: _Parts) -> None:
    grid = book.grid
    new = np.flatnonzero(book.first >= 1)
    returned = np.flatnonzero(book.back < NEVER)
    account = np.concatenate([new, returned])
    begin = np.concatenate([book.start_date[new], book.anchor_date[returned]])
    steps = len(ONBOARDING_DAYS)
    account = np.repeat(account, steps)
    step = np.tile(np.arange(steps), len(begin))
    offset = np.array(ONBOARDING_DAYS)[step] * SECONDS_PER_DAY + rng.integers(
        9 * 3600, 17 * 3600, size=len(step)
    )
    at = np.repeat(begin, steps).astype("datetime64[s]") + offset.astype("timedelta64[s]")
    keep = at < grid.now
    account, step, at = account[keep], step[keep], at[keep]
    pt, en = (np.array(bank, dtype=object) for bank in ONBOARDING_STEPS)
    titles = np.where(book.portuguese[account], pt[step], en[step])
    parts.add(account, at, str(EventKind.ONBOARDING_STEP), str(Role.CS), book.csm[account], titles)


def _renewals_and_churn(
    rng: np.random.Generator, book: Book, facts: AccountFacts, parts: _Parts
) -> None:
    grid = book.grid
    first_ordinal = grid.first.ordinal
    active = book.active_grid()
    columns = active.shape[1]
    renewed: list[int] = []
    renewed_on: list[str] = []
    for index, anchor_day in enumerate(book.anchor_date):
        anchor = to_date(anchor_day)
        comeback = bool(book.back[index] < NEVER)
        start = to_date(book.start_date[index])
        for base in (start, anchor) if comeback else (anchor,):
            for year in range(max(base.year + 1, grid.first.year), grid.today.year + 1):
                day = anniversary(base, year)
                month_index = day.year * 12 + day.month - 1 - first_ordinal
                if month_index < 0 or day >= grid.today or day == facts.renewal[index]:
                    continue
                if month_index >= columns or not active[index, month_index]:
                    continue
                if comeback and base is start and month_index >= book.churn[index]:
                    continue
                renewed.append(index)
                renewed_on.append(day.isoformat())
    account = np.array(renewed, dtype=np.int64)
    at = np.array(renewed_on, dtype="datetime64[D]").astype("datetime64[s]") + rng.integers(
        9 * 3600, 18 * 3600, size=len(account)
    ).astype("timedelta64[s]")
    role, person = _am_or_csm(book, account)
    portuguese = book.portuguese[account]
    titles = np.where(portuguese, "Renovação assinada", "Contract renewed").astype(object)
    bodies = np.where(
        portuguese, "Renovado com reajuste pelo IPCA.", "Renewed with the IPCA price adjustment."
    ).astype(object)
    bodies[~book.indexed[account]] = None
    parts.add(account, at, str(EventKind.RENEWAL), role, person, titles, bodies)

    left = np.flatnonzero(book.churn <= grid.months - 1)
    notice = rng.integers(1, 11, size=len(left)) * SECONDS_PER_DAY - 15 * 3600
    at = grid.start_seconds(book.churn[left]) - notice.astype("timedelta64[s]")
    portuguese = book.portuguese[left]
    parts.add(
        left,
        at,
        str(EventKind.CHURN),
        str(Role.CS),
        book.csm[left],
        np.where(portuguese, "Cancelamento confirmado", "Cancellation confirmed").astype(object),
        pick(rng, CHURN_REASONS, portuguese),
    )

    back = np.flatnonzero(book.back < NEVER)
    role, person = _am_or_csm(book, back)
    at = book.anchor_date[back].astype("datetime64[s]") + np.timedelta64(10 * 3600, "s")
    portuguese = book.portuguese[back]
    parts.add(
        back,
        at,
        str(EventKind.MILESTONE),
        role,
        person,
        np.where(portuguese, "Cliente voltou", "Customer came back").astype(object),
    )


def _champions(rng: np.random.Generator, book: Book, contacts: Contacts, parts: _Parts) -> None:
    grid = book.grid
    left = np.flatnonzero(book.archetype == A.CHAMPION_LEFT)
    old = contacts.names[contacts.offset[left]].tolist()
    new = contacts.names[contacts.offset[left] + 1].tolist()
    portuguese = book.portuguese[left].tolist()
    bodies = [
        f"{was} saiu da empresa; novo contato: {now}, ainda sem reunião conosco."
        if pt
        else f"{was} left the company; new contact: {now}, not met yet."
        for was, now, pt in zip(old, new, portuguese, strict=True)
    ]
    parts.add(
        left,
        grid.random_moments(rng, book.pivot[left]),
        str(EventKind.CHAMPION_CHANGE),
        str(Role.CS),
        book.csm[left],
        np.where(book.portuguese[left], "Champion saiu da empresa", "Champion left the company"),
        bodies,
    )
    # Ordinary changes of main contact elsewhere, and adoption milestones of happy accounts.
    active = book.active_grid()
    others = np.flatnonzero((book.archetype != A.CHAMPION_LEFT) & (rng.random(book.count) < 0.03))
    month = np.floor(rng.random(len(others)) * grid.months).astype(np.int64)
    others, month = others[active[others, month]], month[active[others, month]]
    parts.add(
        others,
        grid.random_moments(rng, month),
        str(EventKind.CHAMPION_CHANGE),
        str(Role.CS),
        book.csm[others],
        np.where(book.portuguese[others], "Novo ponto focal", "New main contact"),
    )
    happy = np.flatnonzero(book.archetype == A.EXPANDING)
    month = np.maximum(book.first[happy] + 4, grid.months - 1 - rng.integers(0, 12, len(happy)))
    month = np.minimum(month, grid.months - 1)
    parts.add(
        happy,
        grid.random_moments(rng, month),
        str(EventKind.MILESTONE),
        str(Role.CS),
        book.csm[happy],
        np.where(book.portuguese[happy], "Meta de adoção atingida", "Adoption goal reached"),
    )


def _escalations(
    rng: np.random.Generator, book: Book, escalations: Escalations, parts: _Parts
) -> None:
    account = escalations.account
    delay = rng.integers(3600, 6 * 3600, size=len(account)).astype("timedelta64[s]")
    at = escalations.opened + delay
    keep = at < book.grid.now
    support = np.isin(escalations.assignee, book.support)
    person = np.where(support, escalations.assignee, book.support[account])
    portuguese = book.portuguese[account].tolist()
    titles = [
        f"Escalonamento: {subject}" if pt else f"Escalation: {subject}"
        for subject, pt in zip(escalations.subject, portuguese, strict=True)
    ]
    parts.add(
        account[keep],
        at[keep],
        str(EventKind.ESCALATION),
        str(Role.SUPPORT),
        person[keep],
        np.array(titles, dtype=object)[keep],
    )


def _everyday(
    rng: np.random.Generator,
    book: Book,
    signals: Signals,
    cx_ids: Array,
    budget: int,
    parts: _Parts,
) -> None:
    if budget <= 0:
        return
    grid = book.grid
    days = (grid.days_open / grid.days_in_month.clip(1))[None, :]
    plain = signals.active * days
    left = budget
    for role, share in _ROLE_SHARE:
        count = left if role is _ROLE_SHARE[-1][0] else round(budget * share)
        left -= count
        if role is Role.CS:
            weight = signals.attention * days
        elif role is Role.AM:
            weight = plain * (book.am > 0)[:, None]
        else:
            weight = plain
        account, month = draw_cells(rng, weight, count)
        if role is Role.CS:
            person = book.csm[account]
        elif role is Role.AM:
            person = book.am[account]
        elif role is Role.SUPPORT:
            person = book.support[account]
        else:
            person = cx_ids[rng.integers(len(cx_ids), size=len(account))]
        kinds = _ROLE_KINDS[role]
        code = rng.choice(len(kinds), size=len(account), p=[share for _, share in kinds])
        titles = np.empty(len(account), dtype=object)
        kind_names = np.empty(len(account), dtype=object)
        portuguese = book.portuguese[account]
        for index, (kind, _) in enumerate(kinds):
            mask = code == index
            kind_names[mask] = str(kind)
            titles[mask] = pick(rng, EVENT_TITLES[f"{role}_{kind}"], portuguese[mask])
        parts.add(account, grid.random_moments(rng, month), kind_names, str(role), person, titles)
