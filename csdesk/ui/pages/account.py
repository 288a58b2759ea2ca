"""One account: its header, its timeline, and tabs for health, revenue, support, plans.

Opening reads the header and the timeline at once (a few small indexed queries, well under the
150 ms the design allows). The revenue history, its movements on the timeline and the MRR card
come from the metrics engine's one definition of a movement (``revenue.account_history``,
reading this account's rows only), so an account billed through contracts has them too; health
explanations come from the metrics engine in a background job when this build has it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QTransform
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.domain.enums import DerivedEventKind, EventKind, HealthBand, MovementKind, Role
from csdesk.domain.month import Month
from csdesk.domain.movement import MrrMonth
from csdesk.errors import CsdeskError
from csdesk.i18n.labels import influence_label
from csdesk.metrics import mrr_source, revenue
from csdesk.store.queries import account_sections, stakeholders, timeline
from csdesk.store.queries.accounts import AccountDetail, account_detail
from csdesk.store.queries.timeline import TimelineItem, TimelineKind
from csdesk.ui import health_view, icons, style
from csdesk.ui.chart_split import ChartSplit
from csdesk.ui.chart_view import ChartView
from csdesk.ui.elided_label import ElidedLabel
from csdesk.ui.health_view import HealthView, component_label, component_value
from csdesk.ui.labels import label, priority_label, role_short
from csdesk.ui.models.rows_table import Row, RowsTableModel
from csdesk.ui.pages.base import Page
from csdesk.ui.remedies import error_text
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.timeline_entry import ICON_OF_KIND, QUICK_KINDS, AddEntryCommand, EntryDialog
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import Card, EmptyState, ReflowGrid, muted, section_title, unbroken

DERIVED_ICONS = {
    DerivedEventKind.REVENUE_MOVEMENT: "circle-dollar-sign",
    DerivedEventKind.TICKET: "ticket",
    DerivedEventKind.SURVEY: "message-square",
    DerivedEventKind.RENEWAL_DUE: "calendar",
}
_SINGLE_KINDS: tuple[TimelineKind, ...] = (
    *QUICK_KINDS,
    EventKind.EMAIL,
    EventKind.ESCALATION,
    *DerivedEventKind,
)
KIND_FILTERS: list[tuple[str, set[TimelineKind] | None]] = [
    (N_("All kinds"), None),
    (N_("Logged entries"), set[TimelineKind](EventKind)),
    *[(str(kind), {kind}) for kind in _SINGLE_KINDS],
]


_LAST_MONTH = "mrr_last_month"
_LAST_MONTH_FROM = frozenset({"revenue", "contracts", "settings"})
TIMELINE_FILTER_MIN_WIDTH = 120
# The heights of the account's charts, and the least they keep above their list in a short
# window (the health and revenue charts still read at it).
CHART_HEIGHT = 220
CHART_MINIMUM = 180
TIMELINE_HEIGHT = 180
# The timeline's least: its time axis and a label's height per lane.
LANE_AXIS = 40
LANE = 12


class _Tabs(QTabWidget):
    """The account's tabs, which take the page's height left under the header.

    A tab holding wrapped text (the health tab's note) makes a QTabWidget answer for its height
    at a width, and Qt's layouts take that answer, the tab's *preferred* height, as its least:
    the page then scrolled in a short window while its lists could give up rows. The answer is
    now the least the shown tab needs at that width: its wrapped text keeps all its lines, its
    lists and charts their minimum, and the page scrolls only when even that does not fit.
    """

    def heightForWidth(self, width: int) -> int:
        page = self.currentWidget()
        layout = page.layout() if page is not None else None
        if layout is None or not layout.hasHeightForWidth():
            return super().heightForWidth(width)
        least = self.tabBar().sizeHint().height() + layout.minimumHeightForWidth(width)
        return max(least, self.minimumSizeHint().height())


def _portfolio_last_month(session: Session) -> Month | None:
    """The last month of the portfolio's MRR (where every account's history ends), read once
    until the data changes: finding it probes every account that has contracts."""
    if _LAST_MONTH not in session.cache:
        session.remember(_LAST_MONTH, mrr_source.last_month(session.ws), _LAST_MONTH_FROM)
    last = session.cache[_LAST_MONTH]
    return last if isinstance(last, Month) else None


class AccountPage(Page):
    key = "account"
    title = N_("Account")
    icon_name = "building-2"

    back_requested = Signal()
    report_requested = Signal(str, int)  # kind ("qbr", "roles"), account id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account_id: int | None = None
        self.detail: AccountDetail | None = None
        self.dialog: EntryDialog | None = None
        self.history: list[MrrMonth] = []
        self.timeline_items: list[TimelineItem] = []
        self._axis_drawn = False
        self.health: HealthView | None = None
        self._revenue_chart_drawn = False
        self._health_chart_drawn = False
        palette = style.current()

        self.back = QToolButton()
        self.back.setText(_("Accounts"))
        back_icon = icons.icon("arrow-left", palette.muted)
        if QApplication.isRightToLeft():
            # "Back" points the way the reader goes back: right in a right-to-left layout.
            mirrored = back_icon.pixmap(32, 32).transformed(QTransform().scale(-1, 1))
            back_icon = QIcon(mirrored)
        self.back.setIcon(back_icon)
        self.back.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back.setAutoRaise(True)
        self.back.clicked.connect(self.back_requested)
        self.qbr_button = QPushButton(_("Export QBR…"))
        self.qbr_button.clicked.connect(lambda: self._request_report("qbr"))
        self.roles_button = QPushButton(_("Role clarity…"))
        self.roles_button.clicked.connect(lambda: self._request_report("roles"))
        # The name on the back button's row, cut with "…" when long: a short window keeps
        # the height for the tabs' lists.
        self.layout_.removeWidget(self.heading)
        self.heading.hide()  # gone at once, deleted when the event loop next turns
        self.heading.deleteLater()
        self.heading = ElidedLabel(_(self.title))
        self.heading.setObjectName("pageTitle")
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.heading, 1)
        top.addWidget(self.roles_button)
        top.addWidget(self.qbr_button)
        self.layout_.insertLayout(0, top)
        self.subtitle = muted()
        self.layout_.addWidget(self.subtitle)
        # The account's open actions of the work queue, one line (the Today page has them all).
        self.actions_line = muted()
        self.actions_line.setWordWrap(True)
        self.layout_.addWidget(self.actions_line)
        # Contracts of one product running at once: the MRR above counts each.
        self.overlap_line = QLabel()
        self.overlap_line.setObjectName("warning")
        self.overlap_line.setWordWrap(True)
        self.overlap_line.hide()
        self.layout_.addWidget(self.overlap_line)

        self.mrr_card = Card(_("MRR"))
        self.renewal_card = Card(_("Renewal"))
        self.health_card = Card(_("Health"))
        self.owners_card = Card(_("Owners"))
        self.owners_card.value.setObjectName("")
        # Two per row in a small window rather than cutting the figures.
        self.cards = ReflowGrid(
            (self.mrr_card, self.renewal_card, self.health_card, self.owners_card)
        )
        self.layout_.addWidget(self.cards)

        self.tabs = _Tabs()
        self.tabs.setDocumentMode(True)
        self.layout_.addWidget(self.tabs, 1)
        self._build_timeline_tab()
        self.health_page, health = self._tab_with(_("Health"))
        self.health_note = muted()
        self.health_chart = ChartView(CHART_HEIGHT, minimum=CHART_MINIMUM)
        self.health_model = RowsTableModel(
            [_("Component"), _("Value"), _("Score"), _("Weight"), _("Points"), _("Change")],
            right_aligned=(1, 2, 3, 4, 5),
            parent=self,
        )
        health.addWidget(self.health_note)
        self.health_table = table(self.health_model, stretch=0)
        health.addWidget(ChartSplit(self.health_chart, self.health_table, "account/health"), 1)
        self.revenue_page, revenue = self._tab_with(_("Revenue"))
        self.revenue_chart = ChartView(CHART_HEIGHT, minimum=CHART_MINIMUM)
        self.revenue_model = RowsTableModel(
            [_("Month"), _("MRR"), _("Movement"), _("Change")], right_aligned=(1, 3), parent=self
        )
        self.revenue_table = table(self.revenue_model, stretch=2)
        revenue.addWidget(ChartSplit(self.revenue_chart, self.revenue_table, "account/revenue"), 1)
        _page, support = self._tab_with(_("Support & CX").replace("&", "&&"))
        self.tickets_summary = muted()
        self.tickets_model = RowsTableModel(
            [_("Opened"), _("Ticket"), _("Subject"), _("Priority"), _("Status"), _("CSAT")],
            parent=self,
        )
        self.surveys_summary = muted()
        self.surveys_model = RowsTableModel(
            [_("Date"), _("Survey"), _("Score"), _("Contact"), _("Comment")],
            right_aligned=(2,),
            parent=self,
        )
        support.addWidget(section_title(_("Tickets")))
        support.addWidget(self.tickets_summary)
        support.addWidget(table(self.tickets_model, stretch=2), 1)
        support.addWidget(section_title(_("Surveys")))
        support.addWidget(self.surveys_summary)
        support.addWidget(table(self.surveys_model, stretch=4), 1)
        self.opportunities_model = RowsTableModel(
            [
                _("Kind"),
                _("Stage"),
                _("Amount"),
                _("Raised by"),
                _("Owner"),
                _("Created"),
                _("Outcome"),
            ],
            right_aligned=(2,),
            parent=self,
        )
        self._tab_with(_("Opportunities"))[1].addWidget(
            table(self.opportunities_model, stretch=6), 1
        )
        self.goals_model = RowsTableModel(
            [
                _("Objective"),
                _("Metric"),
                _("Baseline"),
                _("Target"),
                _("Current"),
                _("Progress"),
                _("Due"),
                _("Status"),
            ],
            right_aligned=(2, 3, 4, 5),
            parent=self,
        )
        self._tab_with(_("Goals"))[1].addWidget(table(self.goals_model, stretch=0), 1)
        _page, people = self._tab_with(_("People"))
        self.stakeholders_note = muted()
        self.stakeholders_note.setWordWrap(True)
        self.stakeholders_model = RowsTableModel(
            [_("Influence"), _("Name"), _("Job title"), _("E-mail"), _("Last touch"), _("Touches")],
            right_aligned=(5,),
            parent=self,
        )
        people.addWidget(self.stakeholders_note)
        # The e-mail gives way (elided) first, so that the last touch stays in view.
        people.addWidget(table(self.stakeholders_model, stretch=3), 1)
        self.tabs.currentChanged.connect(self._draw_tab_charts)

    # -- layout ---------------------------------------------------------------------------

    def _tab_with(self, title: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, style.SPACING, 0, 0)
        layout.setSpacing(8)
        self.tabs.addTab(page, title)
        return page, layout

    def _build_timeline_tab(self) -> None:
        self.timeline_page, layout = self._tab_with(_("Timeline"))
        palette = style.current()
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.add_button = QPushButton(_("Add entry"))
        self.add_button.setObjectName("primary")
        self.add_button.setIcon(icons.icon("plus", palette.accent_text))
        self.add_menu = QMenu(self.add_button)
        for kind in QUICK_KINDS:
            action = self.add_menu.addAction(
                icons.icon(ICON_OF_KIND[kind], palette.text), label(kind)
            )
            action.setData(kind)
            action.triggered.connect(lambda _checked=False, k=kind: self.open_entry_dialog(k))
        self.add_button.setMenu(self.add_menu)
        self.kind_filter = QComboBox()
        for text, kinds in KIND_FILTERS:
            shown = _(text) if kinds is None or len(kinds) > 1 else label(next(iter(kinds)))
            self.kind_filter.addItem(shown, kinds)
        self.role_filter = QComboBox()
        self.role_filter.addItem(_("All roles"), None)
        for role in Role:
            self.role_filter.addItem(label(role), role)
        self.kind_filter.currentIndexChanged.connect(self.show_timeline)
        self.role_filter.currentIndexChanged.connect(self.show_timeline)
        for combo in (self.kind_filter, self.role_filter):
            # Their whole choice when there is room; narrower (elided) in a small window
            # rather than widening the page.
            combo.setMinimumWidth(TIMELINE_FILTER_MIN_WIDTH)
        self.timeline_count = muted()
        self.timeline_count.setWordWrap(False)  # a wrapping label is squeezed to a sliver
        bar.addWidget(self.add_button)
        bar.addWidget(self.kind_filter)
        bar.addWidget(self.role_filter)
        bar.addStretch(1)
        bar.addWidget(self.timeline_count)
        layout.addLayout(bar)
        # The time axis draws just after the list shows (matplotlib work), see _draw_axis.
        self.axis_chart = ChartView(TIMELINE_HEIGHT, minimum=LANE_AXIS)
        self.timeline_model = RowsTableModel(
            [_("Kind"), _("When"), _("Role"), _("Title"), _("Details")], parent=self
        )
        self.timeline_table = table(self.timeline_model, stretch=4)
        header = self.timeline_table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.timeline_table.setColumnWidth(3, 320)
        self.timeline_empty = EmptyState(
            "history", _("Nothing on the timeline"), _("No entries match these filters.")
        )
        self.timeline_empty.hide()
        entries = QWidget()
        entries_layout = QVBoxLayout(entries)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.addWidget(self.timeline_table, 1)
        entries_layout.addWidget(self.timeline_empty, 1)
        layout.addWidget(ChartSplit(self.axis_chart, entries, "account/timeline"), 1)

    # -- opening --------------------------------------------------------------------------

    def _request_report(self, kind: str) -> None:
        if self.account_id is not None:
            self.report_requested.emit(kind, self.account_id)

    @property
    def shown_account(self) -> int | None:
        """A change that names other accounts leaves this one as it is shown."""
        return self.account_id

    def open_account(self, account_id: int) -> None:
        self.account_id = account_id
        self.stale = True
        self.tabs.setCurrentIndex(0)
        self.ensure_fresh()

    def refresh(self) -> None:
        session = self.session
        if session is None or self.account_id is None:
            return
        try:
            self.detail = account_detail(session.ws, self.account_id)
        except CsdeskError as exc:
            self.heading.setText(_("Account not found"))
            self.subtitle.setText(error_text(exc))
            return
        self.add_button.setEnabled(not session.read_only)
        self.add_button.setToolTip(_("This workspace is read-only.") if session.read_only else "")
        self.history = revenue.account_history(
            session.ws, self.account_id, last=_portfolio_last_month(session)
        )
        self._show_header(self.detail)
        self._show_open_actions()
        self._show_overlap(self.detail)
        self.health = None
        self._revenue_chart_drawn = self._health_chart_drawn = False
        self.show_timeline()
        self._show_sections()
        self._request_health()
        self._draw_tab_charts()

    def _show_open_actions(self) -> None:
        """The account's open actions: title and due date, most urgent first."""
        from csdesk.desk.queue import queue

        session = self.session
        if session is None or self.account_id is None:
            return
        items = queue(session.ws, account_id=self.account_id, loc=session.locale)
        parts = [f"{i.title} ({session.day(i.action.due)})" for i in items[:4]]
        more = len(items) - len(parts)
        if more > 0:
            parts.append(_("{n} more").format(n=session.number(more)))
        self.actions_line.setText(
            _("Open actions: {list}").format(list="; ".join(parts)) if items else ""
        )
        self.actions_line.setVisible(bool(items))

    def _show_overlap(self, d: AccountDetail) -> None:
        """Several contracts of one product running in the month the MRR card shows."""
        from csdesk.store.queries.contracts import overlaps

        session = self.session
        if session is None or self.account_id is None:
            return
        month = d.mrr_month or Month.of(date.today())
        found = overlaps(session.ws, month.last_day, self.account_id)
        if not found.accounts:
            self.overlap_line.hide()
            return
        self.overlap_line.setText(
            _(
                "{most} contracts of one product run at once in {month}: the older ones add "
                "{amount} to this MRR. If one replaced another, give it its end date and import "
                "the contracts again."
            ).format(
                most=session.number(found.most),
                month=session.month(month),
                amount=session.money(found.older_mrr),
            )
        )
        self.overlap_line.show()

    def _show_header(self, d: AccountDetail) -> None:
        session = self.session
        assert session is not None
        self.heading.setText(d.name)
        facts = [d.segment, d.tier, d.industry, d.region, d.external_id, label(d.status)]
        if d.currency and d.currency != session.currency:
            # Its amounts were converted into the workspace currency when imported.
            facts.append(_("billed in {currency}").format(currency=d.currency))
        self.subtitle.setText("  ·  ".join(f for f in facts if f))
        self.mrr_card.set_value(session.money(self._current_mrr(d)))
        self.renewal_card.set_value(session.day(d.renewal_date) if d.renewal_date else "—")
        self.health_card.set_value("—")
        owners = [_owner_line(f"{role_short(role)}: {name}") for role, name in d.owners.items()]
        self.owners_card.value.setText("   ".join(owners) or _("No owners recorded"))
        self.owners_card.value.setWordWrap(True)

    def _current_mrr(self, d: AccountDetail) -> float | None:
        """The history's MRR in the workspace's latest revenue month (this month when there is
        no revenue sheet): an account whose MRR comes from contracts has one too."""
        if not self.history:
            return d.mrr
        month = d.mrr_month or Month.of(date.today())
        return next((m.mrr for m in reversed(self.history) if m.month <= month), 0.0)

    # -- timeline -------------------------------------------------------------------------

    def show_timeline(self) -> None:
        session = self.session
        if session is None or self.account_id is None:
            return
        kinds = self.kind_filter.currentData()
        role = self.role_filter.currentData()
        items = timeline.timeline(
            session.ws,
            self.account_id,
            movements=self.history,
            kinds=kinds,
            roles=None if role is None else {Role(role)},
        )
        palette = style.current()
        self.timeline_model.set_rows([self._timeline_row(item, palette.text) for item in items])
        self.timeline_table.setVisible(bool(items))
        self.timeline_empty.setVisible(not items)
        self.timeline_count.setText(_("{n} entries").format(n=session.number(len(items))))
        self.timeline_items = items
        self._axis_drawn = False
        QTimer.singleShot(0, self._draw_axis)

    def _draw_axis(self) -> None:
        """The time axis of the last twelve months (and the next four), once per list shown."""
        session = self.session
        if (
            session is None
            or self._axis_drawn
            or self.tabs.currentWidget() is not self.timeline_page
        ):
            return
        self._axis_drawn = True
        from csdesk.ui import account_charts

        figure = account_charts.timeline_figure(session, self.timeline_items)
        self.axis_chart.set_figure(figure)
        # Shrinkable (the line above the list dragged up) only while each lane keeps room
        # for its label.
        lanes = len(figure.axes[0].get_yticks()) if figure.axes else 0
        self.axis_chart.setMinimumHeight(min(TIMELINE_HEIGHT, LANE_AXIS + LANE * lanes))

    def _timeline_row(self, item: TimelineItem, colour: str) -> Row:
        session = self.session
        assert session is not None
        icon_name = (
            DERIVED_ICONS[item.kind]
            if isinstance(item.kind, DerivedEventKind)
            else ICON_OF_KIND.get(item.kind, "sticky-note")
        )
        title, details = self._describe(item)
        text_colour = None
        if item.kind is DerivedEventKind.REVENUE_MOVEMENT and item.amount is not None:
            band = HealthBand.HEALTHY if item.amount > 0 else HealthBand.CRITICAL
            text_colour = QColor(style.current().health[band])
        return Row(
            cells=[
                label(item.kind),
                session.moment(item.at),
                role_short(item.role) if item.role else "",
                title,
                details,
            ],
            payload=item.event_id,
            icon=icons.icon(icon_name, colour),
            tooltip=item.body,
            cell_colours={3: text_colour} if text_colour else {},
        )

    def _describe(self, item: TimelineItem) -> tuple[str, str]:
        session = self.session
        assert session is not None
        if item.kind is DerivedEventKind.REVENUE_MOVEMENT:
            movement = label(item.movement) if item.movement else ""
            return f"{movement} {session.signed_money(item.amount)}", ""
        if item.kind is DerivedEventKind.TICKET:
            state = _("resolved") if item.resolved else _("open")
            facts = [priority_label(item.priority), state]
            if item.escalated:
                facts.append(_("escalated"))
            return item.title or _("Ticket"), ", ".join(f for f in facts if f)
        if item.kind is DerivedEventKind.SURVEY:
            kind = str(item.survey_type).upper() if item.survey_type else ""
            title = f"{kind} {item.score}"
            return title, " — ".join(x for x in (item.person or "", item.title) if x)
        if item.kind is DerivedEventKind.RENEWAL_DUE:
            return _("Contract renewal due"), ""
        details = " — ".join(
            x
            for x in (item.person or "", (item.body or "").splitlines()[0] if item.body else "")
            if x
        )
        return item.title, details

    def open_entry_dialog(self, kind: EventKind) -> EntryDialog | None:
        """The add-entry form for ``kind`` (not modal, so the window stays usable)."""
        if self.session is None or self.account_id is None or self.session.read_only:
            return None
        dialog = EntryDialog(self.account_id, kind, self)
        dialog.accepted.connect(lambda: self._save_entry(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save_entry(self, dialog: EntryDialog) -> None:
        session = self.session
        draft = dialog.draft()
        if session is None or not draft.title.strip():
            return
        session.undo_stack.push(AddEntryCommand(session, draft))

    # -- sections -------------------------------------------------------------------------

    def _show_sections(self) -> None:
        session = self.session
        assert session is not None and self.account_id is not None
        ws, account = session.ws, self.account_id
        palette = style.current()
        movement_colour = {
            MovementKind.NEW: palette.health[HealthBand.HEALTHY],
            MovementKind.EXPANSION: palette.health[HealthBand.HEALTHY],
            MovementKind.REACTIVATION: palette.health[HealthBand.HEALTHY],
            MovementKind.CONTRACTION: palette.health[HealthBand.AT_RISK],
            MovementKind.CHURN: palette.health[HealthBand.CRITICAL],
        }
        self.revenue_model.set_rows(
            [
                Row(
                    cells=[
                        session.month(m.month),
                        session.money(m.mrr),
                        label(m.movement) if m.movement else "",
                        session.signed_money(m.change) if m.change else "",
                    ],
                    colour=QColor(movement_colour[m.movement]) if m.movement else None,
                )
                for m in reversed(self.history)
            ]
        )
        tickets = account_sections.tickets(ws, account)
        self.tickets_summary.setText(
            _(
                "{total} tickets, {open} open, {escalated} escalated; mean handle time {tma} min"
            ).format(
                total=session.number(tickets.total),
                open=session.number(tickets.open),
                escalated=session.number(tickets.escalated),
                tma=session.number(tickets.mean_handle_minutes),
            )
        )
        self.tickets_model.set_rows(
            [
                Row(
                    cells=[
                        session.moment(t.opened_at),
                        t.external_id or "",
                        t.subject or "",
                        priority_label(t.priority),
                        _("Resolved") if t.resolved_at else _("Open"),
                        "" if t.csat is None else str(t.csat),
                    ]
                )
                for t in tickets.rows
            ]
        )
        surveys = account_sections.surveys(ws, account)
        parts = [
            _("{kind}: {n} responses, latest {score}").format(
                kind=str(kind).upper(), n=session.number(n), score=surveys.latest[kind]
            )
            for kind, n in surveys.responses.items()
        ]
        self.surveys_summary.setText("; ".join(parts) or _("No survey responses."))
        self.surveys_model.set_rows(
            [
                Row(
                    cells=[
                        session.day(s.date),
                        str(s.type).upper(),
                        str(s.score),
                        s.contact or "",
                        s.comment or "",
                    ]
                )
                for s in surveys.rows
            ]
        )
        self.opportunities_model.set_rows(
            [
                Row(
                    cells=[
                        label(o.kind),
                        label(o.stage),
                        session.money(o.amount),
                        self._person(o.raised_by, o.raised_role),
                        self._person(o.owner, o.owner_role),
                        session.day(o.created) if o.created else "",
                        label(o.outcome),
                    ]
                )
                for o in account_sections.opportunities(ws, account)
            ]
        )
        self.goals_model.set_rows(
            [
                Row(
                    cells=[
                        g.objective,
                        g.metric or "",
                        session.number(g.baseline, decimals=1) if g.baseline is not None else "",
                        session.number(g.target, decimals=1) if g.target is not None else "",
                        session.number(g.current, decimals=1) if g.current is not None else "",
                        session.percent(g.progress, decimals=0) if g.progress is not None else "",
                        session.day(g.due) if g.due else "",
                        label(g.status),
                    ]
                )
                for g in account_sections.goals(ws, account)
            ]
        )

        self._show_stakeholders()

    def _show_stakeholders(self) -> None:
        """Contacts by influence with their last touch; the champion marked and named above."""
        session = self.session
        assert session is not None and self.account_id is not None
        found = stakeholders.stakeholders(session.ws, self.account_id)
        palette = style.current()
        self.stakeholders_model.set_rows(
            [
                Row(
                    cells=[
                        ("★ " if s.is_champion else "") + influence_label(s.group),
                        s.name,
                        s.title or "",
                        s.email or "",
                        session.day(s.last_touch) if s.last_touch else "–",
                        session.number(s.touches),
                    ],
                    tooltip=s.influence or "",
                    colour=QColor(palette.accent) if s.is_champion else None,
                )
                for s in found
            ]
        )
        champions = [s for s in found if s.is_champion]
        if not found:
            note = _("No contacts yet: import a contacts sheet, or a calendar or mail file.")
        elif not champions:
            note = _("No champion among the contacts: who would speak for you inside the account?")
        else:
            champion = champions[0]
            note = (
                _("Champion: {name}, last touched on {day}.").format(
                    name=champion.name, day=session.day(champion.last_touch)
                )
                if champion.last_touch
                else _("Champion: {name}, no touch recorded with them.").format(name=champion.name)
            )
        self.stakeholders_note.setText(note)

    @staticmethod
    def _person(name: str | None, role: Role | None) -> str:
        if name and role:
            return f"{name} ({role_short(role)})"
        return name or (role_short(role) if role else "")

    # -- health and charts -----------------------------------------------------------------

    def _request_health(self) -> None:
        session = self.session
        account = self.account_id
        self.health_model.set_rows([])
        self.health_chart.hide()
        self.slot("health").cancel()  # another account's (or an older) health never shows
        if session is None or account is None:
            return
        if not health_view.health_available():
            self.health_note.setText(
                _(
                    "The health score, its components (adoption, engagement, support, "
                    "sentiment, financial) and what changed since last period will show here "
                    "once health scoring is part of this build."
                )
            )
            return
        self.health_note.setText(_("Scoring…"))
        self.load(
            "health",
            _("Explaining health"),
            lambda progress: health_view.load_health(session.ws, account),
            self._show_health,
        )

    def _show_health(self, result: object) -> None:
        session = self.session
        if session is None or not isinstance(result, HealthView):
            return
        self.health = result
        explanation = result.explanation
        palette = style.current()
        band = explanation.band
        if not explanation.scored:
            self.health_card.set_value(_("Not scored"))
        elif explanation.score is None:
            self.health_card.set_value(_("No data"))
        else:
            text = session.number(explanation.score)
            if band is not None:
                text += " · " + label(band)
            self.health_card.set_value(text, palette.health[band] if band else None)
        notes = []
        if not explanation.scored:
            notes.append(
                _(
                    "not a paying customer in {month}, so not scored (the trend shows when it was)"
                ).format(month=session.month(explanation.as_of))
            )
        if explanation.change is not None:
            notes.append(
                _("{change} points since {month}").format(
                    change=session.signed_number(explanation.change, decimals=1),
                    month=session.month(explanation.as_of - 1),
                )
            )
        if explanation.missing:
            missing = ", ".join(component_label(m) for m in explanation.missing)
            notes.append(_("left out for lack of data: {what}").format(what=missing))
        self.health_note.setText("; ".join(notes))
        self.health_model.set_rows(
            [
                Row(
                    cells=[
                        component_label(c.name),
                        component_value(c.name, c.value, session),
                        self._plain(c.score) if c.score is not None else _("no data"),
                        session.percent(c.share, decimals=0) if c.score is not None else "",
                        self._plain(c.contribution) if c.score is not None else "",
                        session.signed_number(c.change, decimals=1),
                    ]
                )
                for c in explanation.components
            ]
        )
        self._health_chart_drawn = False
        if self.tabs.currentWidget() is self.health_page:
            self._draw_tab_charts()

    def _plain(self, value: float | None) -> str:
        assert self.session is not None
        return "" if value is None else self.session.number(value, decimals=1)

    def _draw_tab_charts(self) -> None:
        """Draw the chart of the tab being shown, once per account (matplotlib loads lazily)."""
        session = self.session
        if session is None or self.account_id is None:
            return
        current = self.tabs.currentWidget()
        if current is self.timeline_page:
            QTimer.singleShot(0, self._draw_axis)
        if current is self.revenue_page and not self._revenue_chart_drawn:
            self._revenue_chart_drawn = True
            from csdesk.ui import account_charts

            self.revenue_chart.set_figure(account_charts.revenue_figure(session, self.history))
        if current is self.health_page and not self._health_chart_drawn and self.health is not None:
            self._health_chart_drawn = True
            from csdesk.ui import account_charts

            self.health_chart.set_figure(account_charts.health_figure(session, self.health))
            self.health_chart.show()


def _owner_line(owner: str) -> str:
    """``owner`` ("AM: Marcelo Tavares") kept on one line of the owners card, which wraps
    between owners; a name too long for the card's narrowest width may still break."""
    return unbroken(owner) if len(owner) <= 28 else owner.replace(": ", ":\u00a0")
