"""What every page of the main window shares: its place in the navigation and its session.

Pages read lazily: a page refreshes when it is shown and its data is stale (a new workspace,
or a change announced through ``Session.data_changed`` that touches what the page shows:
``shows`` and ``shown_account``), so the window opens without reading what nobody looks at
yet, and an import of one kind of data leaves the pages that do not show it alone.

A page starts its background reads through :meth:`Page.load`: one slot per kind of read, so
a refresh supersedes the read still running for the refresh before (cancelled, its answer
dropped), and a page given another workspace or retired drops every read it waited for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from csdesk.ui import style
from csdesk.ui.data_change import EVERYTHING, DataChange
from csdesk.ui.first_paint import after_first_paint
from csdesk.ui.session import Session
from csdesk.ui.translate import _
from csdesk.ui.widgets import page_title
from csdesk.ui.workers import JobFunction, JobSlot


class _Body(QWidget):
    """A page's scrolling content: the viewport's height when everything fits in it (tables
    give up rows, wrapped text keeps its lines), else the height everything would like.

    A scroll area asks content whose layout wraps text for its height at the width given,
    and Qt answers with the *preferred* height: a page of tables would scroll at any window
    size rather than let its tables shrink."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        viewport = self.parentWidget()
        if layout is None or viewport is None:
            return super().heightForWidth(width)
        least = layout.minimumHeightForWidth(width)
        if least <= viewport.height():
            return viewport.height()
        return layout.heightForWidth(width)


def _viewport() -> QWidget:
    """A scroll area's viewport as QScrollArea makes its own, but made from Python.

    The body asks its viewport for its height while laying out; Qt's own viewport has no
    Python object yet, and making one sends PySide through every widget class there is to
    find its type (tens of milliseconds of the window's start). Same name, background role
    fill and touch events as Qt's (QAbstractScrollArea and QScrollArea set those; touch
    events from the first paint on, :meth:`Page.showEvent`)."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.NoRole)
    viewport.setAutoFillBackground(True)
    return viewport


class Page(QWidget):
    """A navigation destination. Subclasses fill the layout and read in :meth:`refresh`."""

    key: ClassVar[str]
    title: ClassVar[str]
    icon_name: ClassVar[str]
    # The kinds of data the page shows (csdesk.ui.data_change): a change touching none of
    # them leaves the page as it is.
    shows: ClassVar[frozenset[str]] = EVERYTHING

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.stale = True
        self.slots: dict[str, JobSlot] = {}
        # The page's content scrolls vertically when the window is shorter than it needs,
        # instead of squeezing cards and charts until their text is cut: the body gets the
        # whole height when there is room (a table fills it), scrolls when there is not.
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("pageScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setViewport(_viewport())
        self._touch_accepted = False
        self.body = _Body()
        self.body.setObjectName("pageBody")
        self.scroll_area.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.layout_ = QVBoxLayout(self.body)
        margin = style.SPACING * 2
        self.layout_.setContentsMargins(margin, margin, margin, style.SPACING)
        self.layout_.setSpacing(style.SPACING)
        self.heading = page_title(_(self.title))
        self.layout_.addWidget(self.heading)

    def set_session(self, session: Session | None) -> None:
        """Show ``session``'s workspace (None: no workspace is open)."""
        if self.session is not None:
            self.session.data_changed.disconnect(self._on_data_changed)
        self.drop_loads()
        self.session = session
        if session is not None:
            session.data_changed.connect(self._on_data_changed)
        self.stale = True
        self.refresh_if_shown()

    def retire(self) -> None:
        """The window dropped this page (the language changed): let go of the workspace.

        Unlike ``set_session(None)`` nothing is cleared or shown again: the page is hidden,
        work it asked for before checks its session when it answers (and now finds none), and
        the window deletes the page once no job runs."""
        if self.session is not None:
            self.session.data_changed.disconnect(self._on_data_changed)
        self.drop_loads()
        self.session = None
        self.stale = False

    def slot(self, name: str) -> JobSlot:
        """The page's slot for one kind of read (``rows``, ``health`` …)."""
        return self.slots.setdefault(name, JobSlot())

    def load(
        self, name: str, title: str, function: JobFunction, done: Callable[[Any], None]
    ) -> None:
        """Read in the background through slot ``name``: the read it supersedes is cancelled
        and never answers; ``done(result)`` runs on the GUI thread."""
        if self.session is not None:
            self.slot(name).start(self.session.runner, title, function, done=done)

    def drop_loads(self) -> None:
        """Cancel every read the page waits for; none of them will answer."""
        for slot in self.slots.values():
            slot.cancel()

    @property
    def shown_account(self) -> int | None:
        """The one account the page shows (None: the page is not about one account)."""
        return None

    def refresh(self) -> None:
        """Read what the page shows from the session's workspace (None: show the empty state)."""

    def ensure_fresh(self) -> None:
        """Refresh now if stale, shown or not (screenshots and tests)."""
        if self.stale:
            self.stale = False
            self.refresh()

    def refresh_if_shown(self) -> None:
        if self.isVisible():
            self.ensure_fresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._touch_accepted:
            # After the window's first paint: the attribute's enum is the ``Qt`` namespace,
            # which PySide builds whole (csdesk.ui.qt_numbers); no touch comes before it.
            self._touch_accepted = True
            after_first_paint(self, self._accept_touch)
        self.refresh_if_shown()

    def _accept_touch(self) -> None:
        from PySide6.QtCore import Qt

        try:
            viewport = self.scroll_area.viewport()
        except RuntimeError:  # the page was deleted before the event loop came round
            return
        viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)

    def _on_data_changed(self, what: object) -> None:
        if not DataChange.coerce(what).touches(self.shows, self.shown_account):
            return
        self.stale = True
        self.refresh_if_shown()
