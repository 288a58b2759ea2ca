"""Which accounts a figure covers: the portfolio, one account, or one value of a dimension.

A scope turns into a SQL condition on an account id column, so every aggregate filters inside
SQLite, and into an id list for the in-memory revenue matrix. Cuts group by the same
dimensions (:data:`DIMENSIONS`), each an expression over the ``accounts`` table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from csdesk.errors import N_, CsdeskError, Message
from csdesk.store.workspace import Workspace

# Dimension name -> SQL expression over `accounts AS a` giving the group's name.
DIMENSIONS: dict[str, str] = {
    "segment": "a.segment",
    "tier": "a.tier",
    "region": "a.region",
    "csm": "(SELECT p.name FROM people AS p WHERE p.id = a.csm_id)",
}

# Each dimension as a person names it in a sentence ("no account has the segment 'X'").
DIMENSION_WORDS = {
    "segment": N_("segment"),
    "tier": N_("tier"),
    "region": N_("region"),
    "csm": N_("CSM"),
}

# What grouped aggregates GROUP BY: a plain column of `accounts AS a` (the CSM's id rather than
# a per-row lookup of the name), turned into the group's name by :func:`key_labels`.
GROUP_KEYS: dict[str, str] = {
    "segment": "a.segment",
    "tier": "a.tier",
    "region": "a.region",
    "csm": "a.csm_id",
}


@dataclass(frozen=True)
class Scope:
    """``in_sql`` is an ``IN (...)`` clause (with ``params``) that an account id column must
    satisfy; empty for the whole portfolio."""

    label: str
    in_sql: str = ""  # e.g. "IN (SELECT id FROM accounts WHERE segment = ?)"; empty = all
    params: tuple[Any, ...] = ()

    @property
    def everything(self) -> bool:
        return not self.in_sql

    def condition(self, column: str) -> tuple[str, tuple[Any, ...]]:
        """`` AND <column> IN (...)`` and its parameters (empty for the whole portfolio)."""
        if self.everything:
            return "", ()
        return f" AND {column} {self.in_sql}", self.params

    def account_ids(self, ws: Workspace) -> npt.NDArray[np.int64] | None:
        """The ids the scope covers; None for the whole portfolio."""
        if self.everything:
            return None
        rows = ws.query(f"SELECT id FROM accounts WHERE id {self.in_sql}", self.params)
        return np.array([r[0] for r in rows], dtype=np.int64)


PORTFOLIO = Scope("portfolio")


def find_account(ws: Workspace, text: str) -> tuple[int, str]:
    """(id, name) of the account ``text`` names: its external id, name, or the start of its
    name (``csdesk.store.queries.account_match``); CsdeskError naming the candidates otherwise."""
    from csdesk.store.queries.account_match import match_account

    return match_account(ws, text)


def for_account(ws: Workspace, text: str) -> Scope:
    account_id, name = find_account(ws, text)
    return Scope(f"account {name}", "IN (?)", (account_id,))


def for_value(ws: Workspace, dimension: str, value: str) -> Scope:
    """Accounts whose ``dimension`` (segment, tier, region, csm) equals ``value`` exactly."""
    if dimension not in DIMENSIONS:
        raise CsdeskError(
            N_("{dimension!r} is not a dimension; choose one of {choices}."),
            dimension=dimension,
            choices=", ".join(DIMENSIONS),
        )
    expression = DIMENSIONS[dimension]
    found = ws.scalar(f"SELECT 1 FROM accounts AS a WHERE {expression} = ? LIMIT 1", (value,))
    if found is None:
        known = [
            str(r[0])
            for r in ws.query(
                f"SELECT DISTINCT {expression} AS v FROM accounts AS a WHERE v IS NOT NULL "
                "ORDER BY v LIMIT 20"
            )
        ]
        raise CsdeskError(
            N_("no account has the {dimension} {value!r} in {file}; known: {listing}.")
            if known
            else N_("no account has the {dimension} {value!r} in {file}; none is recorded."),
            dimension=Message(DIMENSION_WORDS[dimension]),
            value=value,
            file=ws.path.name,
            listing=", ".join(known),
        )
    return Scope(
        f"{dimension} {value}",
        f"IN (SELECT a.id FROM accounts AS a WHERE {expression} = ?)",
        (value,),
    )


def group_names(ws: Workspace, dimension: str) -> dict[int, str]:
    """account id -> group name for a dimension; accounts without a value are left out."""
    if dimension not in DIMENSIONS:
        raise CsdeskError(
            N_("{dimension!r} is not a dimension; choose one of {choices}."),
            dimension=dimension,
            choices=", ".join(DIMENSIONS),
        )
    rows = ws.query(f"SELECT a.id, {DIMENSIONS[dimension]} FROM accounts AS a")
    return {int(r[0]): str(r[1]) for r in rows if r[1] is not None}


def key_labels(ws: Workspace, dimension: str) -> dict[object, str]:
    """Group key (as :data:`GROUP_KEYS` yields it) -> the group's name."""
    if dimension == "csm":
        return {int(r[0]): str(r[1]) for r in ws.query("SELECT id, name FROM people")}
    rows = ws.query(f"SELECT DISTINCT {GROUP_KEYS[dimension]} FROM accounts AS a")
    return {r[0]: str(r[0]) for r in rows if r[0] is not None}


def group_labels(keys: Iterable[object], ws: Workspace, dimension: str) -> list[str | None]:
    """Each group key (as :data:`GROUP_KEYS` yields it) as the group's name; None for a key
    that names no group (no value, or a CSM id with no person).

    Two CSMs may share a name; :func:`group_names` puts their accounts in one group, so their
    keys get the same name here and their rows are added up into that group, not one
    written over the other.
    """
    labels = key_labels(ws, dimension)
    return [labels.get(key) for key in keys]
