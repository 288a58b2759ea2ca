"""Support tickets: volume from each account's load, times that depend on priority.

Tickets are spread over (account, month) cells with one multinomial draw, so half a million
cost a few vectorised operations. First response and resolution are log-normal around
priority-dependent medians (an urgent ticket is answered in minutes, a low one in hours);
nothing is answered or resolved after "now", so recent tickets are still open. A few tickets are
assigned to the account's CSM instead of a support agent: the role confusion an audit finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from csdesk.demo.book import Book
from csdesk.demo.signals import Signals
from csdesk.demo.texts import CHANNEL_WEIGHTS, CHANNELS, TICKET_SUBJECTS
from csdesk.demo.timegrid import datetime_texts
from csdesk.domain.enums import TicketPriority

Array = npt.NDArray[Any]

COLUMNS = (
    "account_id", "external_id", "opened_at", "first_response_at", "resolved_at",
    "first_response_minutes", "resolution_hours", "priority", "channel", "contacts",
    "reopened", "handle_minutes", "csat", "escalated", "subject", "assignee_id",
)  # fmt: skip

PRIORITIES = tuple(str(priority) for priority in TicketPriority)  # low, normal, high, urgent
_PRIORITY_SHARE = (0.30, 0.47, 0.17, 0.06)
_PRIORITY_SHARE_SPIKE = (0.15, 0.35, 0.30, 0.20)
_FIRST_RESPONSE_MEDIAN = np.array([240.0, 120.0, 45.0, 12.0])  # minutes
_RESOLUTION_MEDIAN = np.array([60.0, 24.0, 8.0, 3.0]) * 60  # minutes
_HANDLE_MEDIAN = np.array([12.0, 18.0, 30.0, 55.0])  # minutes
_CSM_ASSIGNED_SHARE = 0.02


def draw_cells(rng: np.random.Generator, weights: Array, total: int) -> tuple[Array, Array]:
    """(account, grid month) of ``total`` items spread over the cells by weight."""
    flat = weights.ravel()
    if total <= 0 or flat.sum() <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    counts = rng.multinomial(total, flat / flat.sum())
    cells = np.repeat(np.arange(flat.size), counts)
    columns = weights.shape[1]
    return cells // columns, cells % columns


def build_tickets(
    rng: np.random.Generator, book: Book, signals: Signals, total: int
) -> tuple[list[tuple[Any, ...]], Escalations]:
    """Ticket rows in (account, opened) order, and the escalated ones for the timeline."""
    grid = book.grid
    days = grid.days_open / grid.days_in_month.clip(1)
    account, month = draw_cells(rng, signals.ticket_load * days[None, :], total)
    opened = grid.random_moments(rng, month)
    order = np.lexsort((opened, account))
    account, month, opened = account[order], month[order], opened[order]
    count = len(account)

    spike = signals.spike[account, month]
    priority = np.where(
        spike,
        rng.choice(4, size=count, p=_PRIORITY_SHARE_SPIKE),
        rng.choice(4, size=count, p=_PRIORITY_SHARE),
    )
    first_minutes = np.clip(
        np.round(_FIRST_RESPONSE_MEDIAN[priority] * rng.lognormal(0.0, 0.9, count)), 1, 7200
    )
    handle = np.round(_HANDLE_MEDIAN[priority] * rng.lognormal(0.0, 0.6, count), 1)
    resolution_minutes = np.maximum(
        np.round(_RESOLUTION_MEDIAN[priority] * rng.lognormal(0.0, 1.0, count)),
        first_minutes + np.ceil(handle),
    )
    now = grid.now
    first_at = opened + first_minutes.astype("timedelta64[m]")
    resolved_at = opened + resolution_minutes.astype("timedelta64[m]")
    answered = first_at < now
    stale = rng.random(count) < 0.01
    resolved = (resolved_at < now) & ~stale & answered

    contacts = rng.choice([1, 2, 3, 4], size=count, p=[0.72, 0.18, 0.07, 0.03])
    contacts = np.where(spike, np.minimum(contacts + rng.integers(0, 2, count), 5), contacts)
    reopened = resolved & (rng.random(count) < np.where(contacts > 1, 0.15, 0.04))
    escalated = rng.random(count) < (0.015 + 0.12 * (priority == 3) + 0.1 * spike)
    sentiment = signals.sentiment[account, month]
    csat = np.clip(
        np.round(rng.normal(1.5 + 3.6 * sentiment - 0.3 * (contacts - 1) - 0.6 * reopened, 0.7)),
        1,
        5,
    ).astype(np.int64)
    rated = resolved & (rng.random(count) < 0.45)

    to_csm = rng.random(count) < _CSM_ASSIGNED_SHARE
    own_agent = rng.random(count) < 0.65
    agents = np.unique(book.support)
    assignee = np.where(
        to_csm,
        book.csm[account],
        np.where(own_agent, book.support[account], agents[rng.integers(len(agents), size=count)]),
    )
    subject_pt = rng.integers(len(TICKET_SUBJECTS[0]), size=count)
    subjects = np.where(
        book.portuguese[account],
        np.array(TICKET_SUBJECTS[0], dtype=object)[subject_pt],
        np.array(TICKET_SUBJECTS[1], dtype=object)[subject_pt % len(TICKET_SUBJECTS[1])],
    )
    channel = np.array(CHANNELS, dtype=object)[
        rng.choice(len(CHANNELS), size=count, p=CHANNEL_WEIGHTS)
    ]

    subject_list: list[str] = subjects.tolist()
    rows = zip(
        (account + 1).tolist(),
        list(map("TK-{:07d}".format, range(1, count + 1))),
        datetime_texts(opened),
        datetime_texts(first_at, ~answered),
        datetime_texts(resolved_at, ~resolved),
        nullable(first_minutes, ~answered),
        nullable(np.round(resolution_minutes / 60, 2), ~resolved),
        np.array(PRIORITIES, dtype=object)[priority].tolist(),
        channel.tolist(),
        contacts.tolist(),
        reopened.astype(np.int64).tolist(),
        handle.tolist(),
        nullable(csat, ~rated),
        escalated.astype(np.int64).tolist(),
        subject_list,
        assignee.tolist(),
        strict=True,
    )
    picked = np.flatnonzero(escalated)
    escalations = Escalations(
        account[picked],
        opened[picked],
        [subject_list[index] for index in picked.tolist()],
        assignee[picked],
    )
    return list(rows), escalations


@dataclass(frozen=True)
class Escalations:
    """The escalated tickets, for the timeline's escalation events."""

    account: Array
    opened: Array  # datetime64[s]
    subject: list[str]
    assignee: Array


def nullable(values: Array, missing: Array) -> list[Any]:
    """Python values with None where ``missing`` is true."""
    column = values.astype(object)
    column[missing] = None
    result: list[Any] = column.tolist()
    return result
