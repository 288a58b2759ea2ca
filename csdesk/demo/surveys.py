"""NPS, CSAT and CES answers, scored from each account's sentiment in the month answered.

A champion who left shows as a promoter before and a detractor after; scripted stories get
those two answers explicitly, so the drop is there however the random draw falls.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from csdesk.demo.book import Book
from csdesk.demo.contacts import Contacts
from csdesk.demo.signals import Signals
from csdesk.demo.stories import STORIES, Archetype
from csdesk.demo.texts import SURVEY_COMMENTS
from csdesk.demo.tickets import draw_cells, nullable
from csdesk.demo.timegrid import date_texts
from csdesk.domain.enums import SurveyType

Array = npt.NDArray[Any]

COLUMNS = ("account_id", "date", "type", "score", "contact", "comment")
TYPES = (SurveyType.NPS, SurveyType.CSAT, SurveyType.CES)
_TYPE_SHARE = (0.45, 0.35, 0.20)
_TROUBLED = [Archetype.CHAMPION_LEFT, Archetype.USAGE_DROP, Archetype.TICKET_SPIKE,
             Archetype.CONTRACTING]  # fmt: skip


def _score(rng: np.random.Generator, kind: Array, sentiment: Array) -> Array:
    noise = rng.normal(0.0, 1.0, len(kind))
    nps = np.clip(np.round(2.0 + 8.2 * sentiment + 1.5 * noise), 0, 10)
    csat = np.clip(np.round(1.4 + 3.8 * sentiment + 0.8 * noise), 1, 5)
    ces = np.clip(np.round(1.8 + 5.0 * sentiment + 1.0 * noise), 1, 7)
    result: Array = np.select([kind == 0, kind == 1], [nps, csat], ces).astype(np.int64)
    return result


def _band(kind: Array, score: Array) -> Array:
    """0 good, 1 middling, 2 bad: which comment bank fits the answer."""
    good = np.select([kind == 0, kind == 1], [score >= 9, score >= 4], score >= 5)
    bad = np.select([kind == 0, kind == 1], [score <= 6, score <= 2], score <= 3)
    result: Array = np.where(good, 0, np.where(bad, 2, 1))
    return result


def build_surveys(
    rng: np.random.Generator, book: Book, signals: Signals, contacts: Contacts, total: int
) -> list[tuple[Any, ...]]:
    grid = book.grid
    last = grid.months - 1
    # Accounts in trouble answered last month's relationship survey (NPS and CSAT), so their
    # health reads today's mood rather than a year-old answer.
    troubled = np.flatnonzero(np.isin(book.archetype, _TROUBLED) & book.active[:, last])
    troubled = troubled[troubled >= len(STORIES)]
    recent_account = np.repeat(troubled, 2)
    recent_kind = np.tile(np.array([0, 1], dtype=np.int64), len(troubled))

    scripted_count = sum(len(story.answers) for story in STORIES)
    days = grid.days_open / grid.days_in_month.clip(1)
    weight = signals.active * (contacts.count[:, None] + 1.0) * days[None, :]
    account, month = draw_cells(rng, weight, max(0, total - len(recent_account) - scripted_count))
    kind = rng.choice(3, size=len(account), p=_TYPE_SHARE)
    account = np.concatenate([account, recent_account])
    month = np.concatenate([month, np.full(len(recent_account), last, dtype=np.int64)])
    kind = np.concatenate([kind, recent_kind])
    day = grid.random_days(rng, month)
    score = _score(rng, kind, signals.sentiment[account, month])

    # The stories' own answers, whatever the random draw gave them.
    extra_account: list[int] = []
    extra_month: list[int] = []
    extra_kind: list[int] = []
    extra_score: list[int] = []
    codes = {str(kind_): code for code, kind_ in enumerate(TYPES)}
    for index, story in enumerate(STORIES):
        for survey_type, months_back, value in story.answers:
            extra_account.append(index)
            extra_month.append(grid.months - 1 - months_back)
            extra_kind.append(codes[survey_type])
            extra_score.append(value)
    if extra_account:
        more = np.array(extra_month, dtype=np.int64)
        account = np.concatenate([account, np.array(extra_account, dtype=np.int64)])
        month = np.concatenate([month, more])
        day = np.concatenate([day, grid.random_days(rng, more)])
        kind = np.concatenate([kind, np.array(extra_kind, dtype=np.int64)])
        score = np.concatenate([score, np.array(extra_score, dtype=np.int64)])

    scripted = np.zeros(len(account), dtype=bool)
    scripted[len(scripted) - len(extra_account) :] = True
    order = np.lexsort((day, account))
    account, day, kind, score = account[order], day[order], kind[order], score[order]
    scripted = scripted[order]
    count = len(account)
    place = np.floor(rng.random(count) * contacts.count[account]).astype(np.int64)
    # After a champion left, answers come from the others; before, the scripted one is theirs.
    gone = book.archetype[account] == Archetype.CHAMPION_LEFT
    answered = day.astype("datetime64[M]") - np.datetime64(str(grid.first), "M")
    after = answered.astype(np.int64) >= book.pivot[account]
    place = np.where(gone & after & (place == 0), 1, place)
    place = np.where(scripted & ~after, 0, place)
    contact = contacts.names[contacts.offset[account] + place]

    band = _band(kind, score)
    portuguese = book.portuguese[account]
    commented = rng.random(count) < 0.3
    choice = rng.integers(0, 1_000, size=count)
    comments = np.empty(count, dtype=object)
    for index, name in enumerate(("good", "mid", "bad")):
        pt, en = SURVEY_COMMENTS[name]
        mask = band == index
        comments[mask] = np.where(
            portuguese[mask],
            np.array(pt, dtype=object)[choice[mask] % len(pt)],
            np.array(en, dtype=object)[choice[mask] % len(en)],
        )
    type_names = np.array([str(kind_) for kind_ in TYPES], dtype=object)
    return list(
        zip(
            (account + 1).tolist(),
            date_texts(day),
            type_names[kind].tolist(),
            score.tolist(),
            contact.tolist(),
            nullable(comments, ~commented),
            strict=True,
        )
    )
