"""The hidden state behind an account's data: adoption, sentiment, ticket load, CS attention.

Each is an accounts × grid-months matrix derived from the account's archetype and story pivot.
Usage is drawn from adoption, survey scores and ticket CSAT from sentiment, ticket volume from
the load and timeline touches from attention, so the signals a health score reads agree: a
champion who left shows as an NPS drop, sliding usage and no recent QBR all at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from csdesk.demo.book import Book
from csdesk.demo.stories import Archetype

Array = npt.NDArray[Any]
A = Archetype

_SEGMENT_TICKETS = np.array([0.6, 1.0, 1.8])
_SEGMENT_ATTENTION = np.array([0.5, 1.0, 1.8])


@dataclass(frozen=True)
class Signals:
    active: Array  # bool, accounts × grid months (history plus the current month)
    adoption: Array  # active users / seats
    sentiment: Array  # 0 (furious) .. 1 (delighted)
    ticket_load: Array  # relative tickets per month
    attention: Array  # relative CS touches per month
    spike: Array  # bool: the account's ticket spike is on


def build_signals(rng: np.random.Generator, book: Book) -> Signals:
    count = book.count
    grid = book.grid
    columns = grid.size
    month = np.arange(columns)[None, :]
    active = book.active_grid()
    archetype = book.archetype[:, None]
    pivot = book.pivot[:, None]
    first = book.first[:, None]
    churn = book.churn[:, None]
    back = book.back[:, None]
    after = month >= pivot

    happy = book.archetype == A.EXPANDING
    adoption = np.where(happy, rng.uniform(0.8, 0.95, count), rng.uniform(0.6, 0.9, count))[
        :, None
    ] * np.ones((1, columns))
    ramp_from = np.where(month >= back, back, first)
    age = month - ramp_from
    adoption = np.where(age < 3, adoption * (0.3 + 0.23 * np.clip(age, 0, 3)), adoption)
    drop = (archetype == A.USAGE_DROP) & after
    adoption = np.where(drop, adoption * np.maximum(0.3, 1 - 0.25 * (month - pivot + 1)), adoption)
    adoption = np.where((archetype == A.CHAMPION_LEFT) & (month > pivot), adoption * 0.45, adoption)
    adoption = np.where((archetype == A.CHURNED) & (month >= churn - 4), adoption * 0.6, adoption)
    adoption = np.where(
        (archetype == A.CONTRACTING) & (month >= pivot - 1), adoption * 0.75, adoption
    )
    adoption = np.where((archetype == A.TICKET_SPIKE) & after, adoption * 0.65, adoption)
    adoption = np.clip(adoption + rng.normal(0.0, 0.035, (count, columns)), 0.02, 1.08)

    sentiment = np.where(happy, rng.uniform(0.8, 0.95, count), rng.uniform(0.6, 0.9, count))[
        :, None
    ] * np.ones((1, columns))
    for kind, value, lead in (
        (A.CHAMPION_LEFT, 0.22, 0),
        (A.USAGE_DROP, 0.4, 0),
        (A.TICKET_SPIKE, 0.3, 0),
        (A.CONTRACTING, 0.35, 2),
        (A.CHURNED, 0.2, 5),
        (A.REACTIVATED, 0.3, 4),
    ):
        sentiment = np.where((archetype == kind) & (month >= pivot - lead), value, sentiment)
    sentiment = np.where((archetype == A.REACTIVATED) & (month >= back), 0.65, sentiment)
    sentiment = np.where(archetype == A.ONBOARDING, 0.75, sentiment)
    sentiment = np.clip(sentiment, 0.0, 1.0)

    segment = book.segment
    load = (np.sqrt(np.maximum(book.seats.max(axis=1), 1)) * _SEGMENT_TICKETS[segment])[:, None]
    load = load * np.ones((1, columns))
    spike = (archetype == A.TICKET_SPIKE) & after & active
    load = np.where(spike, load * 10, load)
    load = np.where((archetype == A.CHAMPION_LEFT) & after, load * 1.6, load)
    load = np.where((archetype == A.CHURNED) & (month >= churn - 4), load * 2, load)
    load = np.where(age < 2, load * 2.5, load)
    load = np.where(active, load, 0.0)

    attention = (_SEGMENT_ATTENTION[segment])[:, None] * np.ones((1, columns))
    attention = np.where(archetype == A.EXPANDING, attention * 1.4, attention)
    # Nobody from CS has talked to them since the champion left; usage drops go unnoticed.
    attention = np.where((archetype == A.CHAMPION_LEFT) & after, 0.0, attention)
    attention = np.where((archetype == A.USAGE_DROP) & after, attention * 0.15, attention)
    attention = np.where(age < 3, attention * 2, attention)
    attention = np.where(active, attention, 0.0)
    return Signals(active, adoption, sentiment, load, attention, spike)
