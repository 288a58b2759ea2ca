"""Today: the work queue, the page the app opens on.

The rules are evaluated in the background when the page is shown (a read-only workspace only
lists what it holds); the queue comes grouped overdue / today / this week / later, each action
saying why in one line. Keyboard: ↑/↓ move, Enter opens the account, D done (with a note), S
snooze, X dismiss; Ctrl+Z undoes any of them. Playbook steps tick in place.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from csdesk.domain.enums import HealthBand
from csdesk.ui import qt_numbers, style
from csdesk.ui.first_paint import after_first_paint, painted
from csdesk.ui.pages.base import Page
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import EmptyState, muted

if TYPE_CHECKING:
    from csdesk.desk import queue
    from csdesk.ui.session import Session

# The work queue's rules, their wording (Babel) and the action dialogs load with the first
# queue, in the background job or on the first key press: the window opens on this page
# and shows it empty until then, so its start-up pays for none of them.

GROUPS = ("overdue", "today", "week", "later")
_ACTION = qt_numbers.USER_ROLE
_STEP = qt_numbers.USER_ROLE + 1
# Priority (csdesk.domain.actions) → the health colour of its dot, by the priority's value.
_PRIORITY_BAND = {
    "high": HealthBand.CRITICAL,
    "medium": HealthBand.AT_RISK,
    "low": HealthBand.HEALTHY,
}


# Whether showing the page brings the queue up to date (screenshots turn it off: they write
# nothing to the workspace).
EVALUATES = True
NOTHING_TO_DO = N_(
    "The rules found nothing that needs you: no renewal close, no account past its touch "
    "cadence, no detractor waiting. Actions appear here as the data changes."
)
NOT_EVALUATED = N_(
    "The workspace is open read-only, so the rules did not run and the queue shows what was "
    "recorded before: nothing. Open it for writing to bring the queue up to date."
)


def current_day() -> date:
    """The day the queue is for (tests set it)."""
    return date.today()


def _load(session: Any, writable: bool, today: date) -> list[queue.QueueItem]:
    """The background job: bring the queue up to date (when the file can be written), list it."""
    from csdesk.desk import queue
    from csdesk.desk.engine import evaluate

    if writable:
        evaluate(session.ws, today)
    return queue.queue(session.ws, today=today, loc=session.locale)


class TodayPage(Page):
    key = "today"
    title = N_("Today")
    icon_name = "list-checks"

    account_activated = Signal(int)
    count_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = current_day()
        self.items: list[queue.QueueItem] = []
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.owner_filter = QComboBox()
        self.role_filter = QComboBox()
        self.rule_filter = QComboBox()
        for combo in (self.owner_filter, self.role_filter, self.rule_filter):
            # Sized to their entries when the queue fills them, after they first showed
            # (empty, while the queue loads): sized on first show, "Everyone" was cut.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._fill)
            bar.addWidget(combo)
        bar.addStretch(1)
        self.summary = muted()
        self.summary.setWordWrap(False)
        bar.addWidget(self.summary)
        self.layout_.addLayout(bar)
        self.hint = muted(
            _("Enter opens the account · D done · S snooze · X dismiss · Ctrl+Z undoes")
        )
        self.layout_.addWidget(self.hint)
        self.tree = QTreeWidget()
        self.tree.setObjectName("today")
        self.tree.setColumnCount(4)
        # The action's title with its why on a second line: the reason reads beside the task
        # at any window width (a column of its own fell off a 1000-pixel window).
        self.tree.setHeaderLabels([_("Action and why"), _("Account"), _("Due"), _("Owner")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(False)
        # Long text elides on the right: Qt's default for item views.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 200), (2, 100), (3, 190)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(column, width)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemChanged.connect(self._step_changed)
        self.layout_.addWidget(self.tree, 1)
        self.empty = EmptyState("list-checks", _("Nothing to do today"), _(NOTHING_TO_DO))
        self.empty.hide()
        self.layout_.addWidget(self.empty, 1)
        # Whether the queue shown was brought up to date (not on a read-only workspace).
        self.evaluated = True
        self._keys_made = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._keys_made:
            # No key reaches the page before its window paints; the shortcuts' classes
            # (QKeySequence and its enums, ~3 ms) load after that paint.
            self._keys_made = True
            after_first_paint(self, self._make_keys)

    def _make_keys(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut

        try:
            tree = self.tree
            tree.objectName()
        except RuntimeError:  # the page was deleted before the event loop came round
            return
        for keys, slot in (
            ("D", self.mark_done),
            ("S", self.snooze),
            ("X", self.dismiss),
        ):
            shortcut = QShortcut(QKeySequence(keys), tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        if session is None:
            self._show([])
            return
        if not self.items:  # not "nothing to do" while the rules have yet to run
            self.empty.hide()
            self.summary.setText(_("Updating the work queue"))
        # The window opens on this page: the job (the rules, their wording, Babel) waits for
        # its first paint; later refreshes, and a window not shown, read at once as before.
        if painted(self) or not self.window().isVisible():
            self._request(session)
        else:
            after_first_paint(self, lambda: self._request_after_paint(session))

    def _request_after_paint(self, session: Session) -> None:
        if not self.window().isVisible():  # closed before it painted: read when shown again
            self.stale = True
            return
        self._request(session)

    def _request(self, session: Session) -> None:
        if self.session is not session:  # another workspace (or none) since it was asked
            return
        self.today = current_day()
        writable = EVALUATES and not session.read_only
        self.evaluated = writable
        today = self.today
        session.runner.submit(
            _("Updating the work queue"),
            lambda progress: _load(session, writable, today),
            done=self._show,
            writes=writable,
        )

    def _show(self, items: list[queue.QueueItem]) -> None:
        self.items = list(items)
        self._fill_filters()
        self._fill()
        self.count_changed.emit(
            sum(1 for i in self.items if i.group(self.today) in ("overdue", "today"))
        )

    def _fill_filters(self) -> None:
        from csdesk.desk.names import rule_label
        from csdesk.domain.enums import Role
        from csdesk.ui.labels import label

        previous = (
            self.owner_filter.currentData(),
            self.role_filter.currentData(),
            self.rule_filter.currentData(),
        )
        owners = sorted({i.owner for i in self.items if i.owner})
        roles = [r for r in Role if any(i.action.owner_role is r for i in self.items)]
        rules = sorted({i.action.rule for i in self.items}, key=rule_label)
        for combo, everyone, entries, value in (
            (self.owner_filter, _("Everyone"), [(o, o) for o in owners], previous[0]),
            (self.role_filter, _("All roles"), [(label(r), str(r)) for r in roles], previous[1]),
            (self.rule_filter, _("All rules"), [(rule_label(r), r) for r in rules], previous[2]),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for text, data in entries:
                combo.addItem(text, data)
            found = combo.findData(value)
            combo.setCurrentIndex(found if found >= 0 else 0)
            combo.blockSignals(False)

    def shown_items(self) -> list[queue.QueueItem]:
        owner = self.owner_filter.currentData()
        role = self.role_filter.currentData()
        rule = self.rule_filter.currentData()
        return [
            i
            for i in self.items
            if (owner is None or i.owner == owner)
            and (role is None or str(i.action.owner_role) == role)
            and (rule is None or i.action.rule == rule)
        ]

    def _fill(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QFont

        from csdesk.desk.names import group_label, priority_label, rule_label
        from csdesk.domain.actions import Priority
        from csdesk.ui.labels import role_short

        session = self.session
        shown = self.shown_items()
        palette = style.current()
        selected = self.selected_action_id()
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        counts = dict.fromkeys(GROUPS, 0)
        for item in shown:
            counts[item.group(self.today)] += 1
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for group in GROUPS:
            if counts[group]:
                shown_count = session.number(counts[group]) if session else str(counts[group])
                heading = QTreeWidgetItem([f"{group_label(group)}  ·  {shown_count}"])
                heading.setFont(0, bold)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if group == "overdue":
                    heading.setForeground(0, QBrush(QColor(palette.health[HealthBand.CRITICAL])))
                self.tree.addTopLevelItem(heading)
                groups[group] = heading
        restore: QTreeWidgetItem | None = None
        for item in shown:
            a = item.action
            owner = f"{role_short(a.owner_role)} · {item.owner or _('nobody')}"
            due = session.day(a.due) if session else a.due.isoformat()
            text = f"{item.title}\n{item.why}" if item.why else item.title
            row = QTreeWidgetItem([text, item.account, due, owner])
            row.setData(0, _ACTION, a.id)
            row.setToolTip(
                0, f"{item.why}\n{rule_label(a.rule)} · {priority_label(a.priority)}".strip()
            )
            dot = QColor(palette.health[_PRIORITY_BAND[a.priority]])
            row.setForeground(2, QBrush(dot) if a.priority is Priority.HIGH else row.foreground(2))
            row.setIcon(0, _dot_icon(dot))
            for number, (title, done) in enumerate(item.steps, start=1):
                step = QTreeWidgetItem([title])
                step.setData(0, _ACTION, a.id)
                step.setData(0, _STEP, number)
                step.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                step.setCheckState(0, Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
                row.addChild(step)
            groups[item.group(self.today)].addChild(row)
            if a.id == selected:
                restore = row
        self.tree.expandToDepth(0)
        self.tree.blockSignals(False)
        total = len(shown)
        overdue, due_today = counts["overdue"], counts["today"]
        written = session.number if session else str
        summary = _("{n} open · {late} overdue").format(n=written(total), late=written(overdue))
        if due_today:
            # The navigation counts overdue and due today: both are said here.
            summary += " · " + _("{count} due today").format(count=written(due_today))
        self.summary.setText(summary)
        self.tree.setVisible(bool(shown))
        self.hint.setVisible(bool(shown))
        self._say_why_empty()
        self.empty.setVisible(not shown)
        target = restore or _first_action(self.tree)
        if target is not None:
            self.tree.setCurrentItem(target)

    def _say_why_empty(self) -> None:
        """Nothing to do only when the rules ran; else the queue was merely not brought up
        to date (a workspace open read-only records nothing)."""
        if self.evaluated:
            self.empty.set_text(_("Nothing to do today"), _(NOTHING_TO_DO))
        else:
            self.empty.set_text(_("No actions recorded"), _(NOT_EVALUATED))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow window keeps the action, account and due date; the owner column goes
        (the owner filter still picks one person's actions)."""
        super().resizeEvent(event)
        narrow = self.width() < 1000
        self.tree.setColumnHidden(3, narrow)
        self.tree.setColumnWidth(1, 170 if narrow else 220)

    # -- acting ---------------------------------------------------------------------------

    def selected_action_id(self) -> int | None:
        current = self.tree.currentItem()
        if current is None:
            return None
        value = current.data(0, _ACTION)
        return None if value is None else int(value)

    def selected(self) -> queue.QueueItem | None:
        action_id = self.selected_action_id()
        return next((i for i in self.items if i.action.id == action_id), None)

    def _activated(self, row: QTreeWidgetItem, column: int) -> None:
        if row.data(0, _STEP) is not None:
            return
        item = self.selected()
        if item is not None:
            self.account_activated.emit(item.action.account_id)

    def _step_changed(self, row: QTreeWidgetItem, column: int) -> None:
        number = row.data(0, _STEP)
        session = self.session
        if number is None or session is None or session.read_only:
            return
        from PySide6.QtCore import Qt

        from csdesk.store.queries.actions import tick_step

        tick_step(
            session.ws,
            int(row.data(0, _ACTION)),
            int(number),
            done=row.checkState(0) == Qt.CheckState.Checked,
        )

    # Dialogs are methods so that tests can answer them without a modal window.
    def ask_note(self, item: queue.QueueItem) -> str | None:
        from PySide6.QtWidgets import QDialog

        from csdesk.ui.action_dialogs import TextDialog

        dialog = TextDialog(
            _("Done: {title}").format(title=item.title),
            _("What happened? (kept on the account's timeline)"),
            required=False,
            parent=self,
        )
        return dialog.text.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_snooze(self, item: queue.QueueItem) -> date | None:
        from PySide6.QtWidgets import QDialog

        from csdesk.ui.action_dialogs import SnoozeDialog

        dialog = SnoozeDialog(self.today, parent=self)
        return dialog.day() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_reason(self, item: queue.QueueItem) -> str | None:
        from PySide6.QtWidgets import QDialog

        from csdesk.ui.action_dialogs import TextDialog

        dialog = TextDialog(
            _("Dismiss: {title}").format(title=item.title),
            _("Why does it not need doing?"),
            required=True,
            parent=self,
        )
        return dialog.text.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _push(self, text: str, change: Any) -> None:
        session = self.session
        if session is None:
            return
        from csdesk.ui.action_dialogs import ActionCommand

        session.undo_stack.push(ActionCommand(session, text, change))

    def mark_done(self) -> None:
        from csdesk.desk import queue

        item, session = self.selected(), self.session
        if item is None or session is None or session.read_only:
            return
        note = self.ask_note(item)
        if note is None:
            return
        action_id, today, ws = item.action.id or 0, self.today, session.ws
        self._push(
            _("done “{title}”").format(title=item.title),
            lambda: queue.done(ws, action_id, on=today, note=note),
        )

    def snooze(self) -> None:
        from csdesk.desk import queue

        item, session = self.selected(), self.session
        if item is None or session is None or session.read_only:
            return
        until = self.ask_snooze(item)
        if until is None:
            return
        action_id, today, ws = item.action.id or 0, self.today, session.ws
        self._push(
            _("snooze “{title}”").format(title=item.title),
            lambda: queue.snooze(ws, action_id, until, today=today),
        )

    def dismiss(self) -> None:
        from csdesk.desk import queue

        item, session = self.selected(), self.session
        if item is None or session is None or session.read_only:
            return
        reason = self.ask_reason(item)
        if not reason or not reason.strip():
            return
        action_id, today, ws = item.action.id or 0, self.today, session.ws
        self._push(
            _("dismiss “{title}”").format(title=item.title),
            lambda: queue.dismiss(ws, action_id, reason, on=today),
        )


def _first_action(tree: QTreeWidget) -> QTreeWidgetItem | None:
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        if group is not None and group.childCount():
            return group.child(0)
    return None


def _dot_icon(colour: QColor) -> Any:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QIcon, QPainter, QPixmap

    pixmap = QPixmap(10, 10)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 8, 8)
    painter.end()
    return QIcon(pixmap)
