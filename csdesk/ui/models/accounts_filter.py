"""Search and filters over the accounts table: text, segment, tier, CSM, health band, renewal.

Criteria are checked against the source model's columns (by position, read once per
opening), never its formatted text, in one pass per change of criteria, and the model then
shows the accounts that pass in its sort order: sorting and filtering both happen in the
model (see accounts_table), the proxy only holds the criteria.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QIdentityProxyModel, QObject, Qt

from csdesk.domain.enums import HealthBand
from csdesk.store.queries.account_list import ListColumn
from csdesk.ui.models.accounts_table import AccountsTableModel

T = TypeVar("T")


class RenewalWindow(StrEnum):
    ANY = "any"
    OVERDUE = "overdue"
    DAYS_30 = "30"
    DAYS_90 = "90"
    DAYS_180 = "180"
    DAYS_365 = "365"


@dataclass(frozen=True, slots=True)
class AccountFilter:
    """What the person asked to see. Empty strings and None mean "any"."""

    text: str = ""
    segment: str | None = None
    tier: str | None = None
    csm: str | None = None
    band: HealthBand | None = None
    renewal: RenewalWindow = RenewalWindow.ANY


class AccountsFilterProxy(QIdentityProxyModel):
    """What the person asked to see, handed to the accounts model, which shows only the
    accounts that pass (a model of 100,000 rows answering Qt's ``filterAcceptsRow`` once per
    row, through Python, would take longer than the filtering itself). The proxy passes the
    model's rows through as they are."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.criteria = AccountFilter()
        self.today = date.today()
        self._needle = ""
        self._model: AccountsTableModel | None = None
        self._for_generation = -1
        self._for_health: object = None

    def source(self) -> AccountsTableModel:
        assert self._model is not None, "the proxy has no accounts model"
        return self._model

    def set_filter(self, criteria: AccountFilter) -> None:
        model = self._model
        if (
            criteria == self.criteria
            and model is not None
            and model.generation == self._for_generation
            and model.health is self._for_health
        ):
            return
        self.criteria = criteria
        self._needle = criteria.text.strip().casefold()
        self.invalidate()

    def update_filter(self, **changes: object) -> None:
        self.set_filter(replace(self.criteria, **changes))  # type: ignore[arg-type]

    def invalidate(self) -> None:
        """Filter again (new rows or health scores)."""
        if self._model is not None:
            self._model.set_accepted(self._evaluate(self._model))

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        self._model = model if isinstance(model, AccountsTableModel) else None
        self._for_generation, self._for_health = -1, None

    def _evaluate(self, model: AccountsTableModel) -> list[bool] | None:
        """Which accounts pass, by position, in one pass (None: no criteria, all pass)."""
        self._for_generation, self._for_health = model.generation, model.health
        c = self.criteria
        if c == AccountFilter():
            return None
        keep = [True] * model.count

        def narrow(values: Sequence[T], test: Callable[[T], bool]) -> None:
            for position, value in enumerate(values):
                if keep[position] and not test(value):
                    keep[position] = False

        listing = model.listing
        if listing is None:
            return keep
        for column, wanted in (
            (ListColumn.SEGMENT, c.segment),
            (ListColumn.TIER, c.tier),
            (ListColumn.CSM, c.csm),
        ):
            if wanted is not None:
                narrow(model.column(column), lambda v, w=wanted: v == w)  # type: ignore[misc]
        if c.band is not None:
            health = model.health
            narrow(listing.ids, lambda i: (h := health.get(i)) is not None and h.band == c.band)
        if c.renewal is not RenewalWindow.ANY:
            days: list[date | None] = model.column(ListColumn.RENEWAL)
            if c.renewal is RenewalWindow.OVERDUE:
                today = self.today
                narrow(days, lambda d: d is not None and d < today)
            else:
                first, last = self.today, self.today + timedelta(days=int(c.renewal))
                narrow(days, lambda d: d is not None and first <= d <= last)
        if self._needle:
            needle = self._needle
            for position, text in enumerate(model.search_text):
                if keep[position] and needle not in text:
                    keep[position] = False
        return keep

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)
