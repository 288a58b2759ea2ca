"""What changed in the workspace, as the session announces it to pages and caches.

An import of tickets for one account need not make the Revenue page recompute its figures nor
an account page showing another account read itself again. So every change says which kinds
of data it touched (the importer's entities, plus ``actions``, ``imports`` and ``settings``)
and, when it can tell, which accounts; pages and cached results say which kinds they show,
and only those that overlap read again. When a change cannot say (a plain reason string from
older code, a settings change), it touches everything.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from csdesk.domain.enums import Entity

ENTITIES = frozenset(e.value for e in Entity)
ACTIONS = "actions"  # the work queue's actions (done, snoozed, dismissed)
IMPORTS = "imports"  # the import history and the usage waiting for a contract
SETTINGS = "settings"  # the workspace's settings (currency, locale, health model, ...)
EVERYTHING = ENTITIES | {ACTIONS, IMPORTS, SETTINGS}
# What the figures computed over the whole portfolio (metrics, health) are made from.
PORTFOLIO_DATA = ENTITIES | {SETTINGS}

# Kinds an import of each entity can change beyond its own: accounts (and the team members
# named on them) it creates; contracts also write the revenue months and link waiting usage.
_IMPORT_ALSO = {
    Entity.ACCOUNTS.value: {Entity.PEOPLE.value},
    Entity.CONTRACTS.value: {Entity.REVENUE.value, Entity.USAGE.value},
    Entity.EVENTS.value: {Entity.PEOPLE.value},
    Entity.OPPORTUNITIES.value: {Entity.PEOPLE.value},
}
# Entities whose import can reach accounts beyond the rows the batch holds: contracts re-sum
# the revenue months and link usage of other batches; team members appear on any account.
_REACHES_ANY_ACCOUNT = {Entity.CONTRACTS.value, Entity.PEOPLE.value}


class DataChange(NamedTuple):
    """One change: why (``import``, ``undo``, ``events``, ``actions``, ``settings``), which
    kinds of data it touched, and which accounts (None: any account may have changed).

    A named tuple, immutable like a frozen dataclass: the window imports this module before
    it first paints, and making a dataclass execs its generated methods (about 1 ms)."""

    reason: str
    kinds: frozenset[str] = EVERYTHING
    accounts: frozenset[int] | None = None

    @classmethod
    def everything(cls, reason: str) -> DataChange:
        return cls(reason)

    @classmethod
    def coerce(cls, value: object) -> DataChange:
        """``value`` as a change: a reason string (as older callers emit) touches everything."""
        if isinstance(value, DataChange):
            return value
        return cls.everything(str(value))

    @classmethod
    def of_batch(
        cls,
        reason: str,
        entity: str | None,
        accounts: frozenset[int] | None,
        *,
        creates_accounts: bool,
    ) -> DataChange:
        """An import batch written or undone: its entity, the kinds that go with it, the
        import history, the accounts list when the batch created accounts, and the accounts
        it reached (None when it can reach others than its own rows')."""
        if entity is None or entity not in ENTITIES:
            return cls.everything(reason)
        kinds = {entity, IMPORTS} | _IMPORT_ALSO.get(entity, set())
        if creates_accounts:
            kinds |= {Entity.ACCOUNTS.value}
        reach = None if entity in _REACHES_ANY_ACCOUNT else accounts
        return cls(reason, frozenset(kinds), reach)

    def touches(self, kinds: Collection[str], account: int | None = None) -> bool:
        """Whether something showing ``kinds`` (of ``account``, if it shows one) must read
        again."""
        if self.kinds.isdisjoint(kinds):
            return False
        return account is None or self.accounts is None or account in self.accounts
