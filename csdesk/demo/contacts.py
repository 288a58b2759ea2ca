"""Stakeholders at each demo account; the first is the champion.

Scripted stories keep their named champion; a CHAMPION_LEFT account lists the champion who
left (influence 'former champion') and the successor who has not engaged yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from csdesk.demo.book import Book
from csdesk.demo.names import EN_TITLES, PT_TITLES, contact_names, email, slug
from csdesk.demo.stories import STORIES, Archetype

COLUMNS = ("account_id", "name", "title", "email", "phone", "influence")
_INFLUENCE = ("champion", "economic buyer", "influencer", "user", "user", "user")


@dataclass(frozen=True)
class Contacts:
    rows: list[tuple[Any, ...]]
    offset: np.ndarray  # index of each account's first contact in ``names``
    count: np.ndarray  # contacts per account
    names: np.ndarray  # object array of names, account after account


def account_domains(book: Book) -> list[str]:
    """Each account's web domain, which its contacts' addresses are at."""
    return [f"{slug(core)}.example" for core in book.names]


def build_contacts(rng: np.random.Generator, book: Book) -> Contacts:
    accounts = book.count
    per_account = rng.integers(2, 5, size=accounts) + (book.segment == 2)
    offset = np.concatenate([[0], np.cumsum(per_account)[:-1]])
    owner = np.repeat(np.arange(accounts), per_account)
    position = np.arange(len(owner)) - offset[owner]
    english = ~book.portuguese[owner]
    names = contact_names(rng, english)
    for index, story in enumerate(STORIES):
        if story.champion:
            names[int(offset[index])] = story.champion
        if story.successor:
            names[int(offset[index]) + 1] = story.successor
    title_index = rng.integers(len(PT_TITLES), size=len(owner))
    phone = rng.integers(10_000_000, 99_999_999, size=len(owner))
    area = rng.choice([11, 21, 31, 41, 51, 61, 71, 81, 85, 48], size=len(owner))
    champion_left = book.archetype == Archetype.CHAMPION_LEFT
    domains = account_domains(book)

    rows: list[tuple[Any, ...]] = []
    for row, (account, place) in enumerate(zip(owner.tolist(), position.tolist(), strict=True)):
        is_pt = bool(book.portuguese[account])
        titles = PT_TITLES if is_pt else EN_TITLES
        influence = _INFLUENCE[min(place, len(_INFLUENCE) - 1)]
        if champion_left[account] and place == 0:
            influence = "former champion"
        elif champion_left[account] and place == 1:
            influence = "new sponsor"
        title = titles[int(title_index[row])]
        if account < len(STORIES) and place == 0 and STORIES[account].champion_title:
            title = STORIES[account].champion_title
        elif champion_left[account] and place == 1:
            title = "VP of Operations" if not is_pt else "Diretor de Operações"
        number = int(phone[row])
        rows.append(
            (
                account + 1,
                names[row],
                title,
                email(names[row], domains[account]),
                f"+55 {int(area[row])} 9{number // 10_000:04d}-{number % 10_000:04d}"
                if is_pt
                else None,
                influence,
            )
        )
    return Contacts(rows, offset, per_account, np.array(names, dtype=object))
