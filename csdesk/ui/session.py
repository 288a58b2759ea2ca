"""The open workspace as every page shares it: the file, its locale and currency, undo, jobs.

Pages read through the core and show what it returns; the session only formats values for the
reader (money, dates, numbers in the workspace's locale) and tells pages what data changed
(:class:`csdesk.ui.data_change.DataChange`), so each reads again only what it shows.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from csdesk.store import Workspace
from csdesk.store.settings import CURRENCY
from csdesk.ui.data_change import DataChange
from csdesk.ui.workers import Runner

if TYPE_CHECKING:
    from csdesk.domain.month import Month
    from csdesk.i18n.lang import Lang


def workspace_language(ws: Workspace) -> str:
    """The language ``ws`` asks for (``en``, ``pt_BR``): its locale setting, else the system's.

    The words on screen and the numbers and dates share it: the window sets the app's language
    from it and the session formats with it. A setting csdesk cannot show words in means the
    system's, as in every command (``csdesk.i18n.lang.resolve``).
    """
    from csdesk.i18n.lang import workspace_lang

    return workspace_lang(ws).code


def _formatting() -> ModuleType:
    from csdesk.i18n import formatting

    return formatting


class Session(QObject):
    """One open workspace. ``data_changed`` carries a :class:`DataChange` (what changed);
    a plain reason string ("import", as older code emits) means anything may have."""

    data_changed = Signal(object)

    def __init__(self, ws: Workspace, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.currency = CURRENCY.get(ws)
        self.undo_stack = QUndoStack(self)
        # Results shared between pages (e.g. the portfolio figures), dropped when a change
        # touches what they were made from (``remember``); entries put here directly are
        # dropped on any change.
        self.cache: dict[str, object] = {}
        self._made_from: dict[str, frozenset[str]] = {}
        # Formatting through Babel costs tens of microseconds a value; lists repeat values
        # (the same day, the same amount), so each text is made once per session.
        self._days: dict[date, str] = {}
        self._money: dict[tuple[float | None, bool], str] = {}
        # Connected first, so the cache is current before any page reads again.
        self.data_changed.connect(self._forget_stale)

    def announce(self, change: DataChange) -> None:
        """Tell the caches and every page that ``change`` happened. An import may have given
        the workspace its currency (a first file in dollars): money is written in it from
        now on, before any page draws again."""
        currency = self.currency if self.ws.closed else CURRENCY.get(self.ws)
        if currency != self.currency:
            self.currency = currency
            self._money.clear()
        self.data_changed.emit(change)

    def remember(self, key: str, value: object, made_from: frozenset[str]) -> None:
        """Keep ``value`` in the cache until a change touches one of the kinds of data
        (``made_from``) it was computed from."""
        self.cache[key] = value
        self._made_from[key] = made_from

    def _forget_stale(self, what: object) -> None:
        change = DataChange.coerce(what)
        for key in list(self.cache):
            kinds = self._made_from.get(key)
            if kinds is None or change.touches(kinds):
                del self.cache[key]
                self._made_from.pop(key, None)

    @cached_property
    def lang(self) -> Lang:
        """The session's language, made once (and again when Settings change it): the
        workspace's locale setting, else the system's. Exports and charts are given it."""
        from csdesk.i18n.lang import workspace_lang

        return workspace_lang(self.ws)

    @property
    def locale(self) -> str:
        """The code of ``lang`` (``en``, ``pt_BR``), for formatting."""
        return self.lang.code

    def reload_settings(self) -> None:
        """Read the currency and locale again (after the settings dialog saved them): values
        formatted from now on follow the new locale."""
        self.currency = CURRENCY.get(self.ws)
        self.__dict__.pop("lang", None)
        self._days.clear()
        self._money.clear()

    @property
    def read_only(self) -> bool:
        return self.ws.read_only

    def money(self, value: float | None, *, cents: bool = False) -> str:
        key = (value, cents)
        text = self._money.get(key)
        if text is None:
            text = self._money[key] = _formatting().money(
                value, self.currency, self.locale, cents=cents
            )
        return text

    def number(self, value: float | None, *, decimals: int = 0) -> str:
        return _formatting().number(value, self.locale, decimals=decimals)

    def percent(self, value: float | None, *, decimals: int = 1) -> str:
        return _formatting().percent(value, self.locale, decimals=decimals)

    def signed_number(self, value: float | None, *, decimals: int = 0) -> str:
        """A change with its sign, ``+4,1`` / ``−2``; empty when unknown (a cell left blank)."""
        if value is None:
            return ""
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        return sign + self.number(abs(value), decimals=decimals)

    def signed_money(self, value: float | None) -> str:
        """A change of money with its sign: +R$ 50, −R$ 30."""
        if value is None:
            return _formatting().UNKNOWN
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        return sign + self.money(abs(value))

    def month(self, value: Month | None) -> str:
        return _formatting().month(value, self.locale)

    def day(self, value: date | datetime | None) -> str:
        if value is None:
            return _formatting().UNKNOWN
        day = value.date() if isinstance(value, datetime) else value
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = _formatting().day(day, self.locale)
        return text

    def moment(self, value: datetime | None) -> str:
        """A date with its time when the time is not midnight."""
        if value is None:
            return _formatting().UNKNOWN
        text = self.day(value)
        if value.time() != datetime.min.time():
            text += value.strftime(" %H:%M")
        return text

    def close(self) -> None:
        self.runner.wait()
        self.undo_stack.clear()
        self.ws.close()
