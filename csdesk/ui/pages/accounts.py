"""The accounts list: search, filters, sortable columns, health by colour; Enter opens one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.domain.enums import Entity, HealthBand
from csdesk.store.queries.account_list import (
    AccountListing,
    ListColumn,
    column_values,
    read_listing,
)
from csdesk.ui import health_source, icons, style
from csdesk.ui.choice_combo import ChoiceCombo
from csdesk.ui.labels import label
from csdesk.ui.models.accounts_filter import AccountFilter, AccountsFilterProxy, RenewalWindow
from csdesk.ui.models.accounts_table import ACCOUNT_ID_ROLE, AccountsTableModel, Column
from csdesk.ui.pages.base import Page
from csdesk.ui.session import Session
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import EmptyState, muted

# Column widths come from the first rows' values; a column never takes more than this.
SIZING_SAMPLE = 300
MAX_COLUMN_WIDTH = 220
MAX_NAME_WIDTH = 300
MIN_NAME_WIDTH = 200
FILTER_MAX_WIDTH = 260
FILTER_MIN_WIDTH = 100
SEARCH_MIN_WIDTH = 200

# The session's cache of the accounts list (read_listing and the columns read since), kept
# until a change touches what it is read from.
LISTING_KEY = "account_listing"
LISTING_DATA = frozenset(
    {Entity.ACCOUNTS.value, Entity.PEOPLE.value, Entity.REVENUE.value, Entity.CONTRACTS.value}
)

RENEWAL_CHOICES = {
    RenewalWindow.ANY: N_("Any renewal date"),
    RenewalWindow.OVERDUE: N_("Renewal overdue"),
    RenewalWindow.DAYS_30: N_("Renews in 30 days"),
    RenewalWindow.DAYS_90: N_("Renews in 90 days"),
    RenewalWindow.DAYS_180: N_("Renews in 180 days"),
    RenewalWindow.DAYS_365: N_("Renews in a year"),
}


def _least_width(widget: QWidget) -> int:
    """The narrowest a layout makes ``widget``: its minimum width when one is set."""
    return widget.minimumWidth() or widget.minimumSizeHint().width()


class FilterBar(QWidget):
    """The search box, then the filters, in as few rows as let every filter show its whole
    longest choice: a filter that would be cut moves to the next row instead (a small window,
    or longer words in another language), and the search box takes what is left of the first.
    """

    GAP = 8

    def __init__(self, search: QWidget, filters: Sequence[QWidget]) -> None:
        super().__init__()
        self.search = search
        self.filters = list(filters)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(self.GAP)
        self.shape: tuple[int, ...] = ()
        self.arrange(self.shape_for(1_000_000))

    def shape_for(self, width: int) -> tuple[int, ...]:
        """How many widgets each row holds at ``width``, the search box first."""
        shape = [1]
        used = _least_width(self.search)
        for widget in self.filters:
            need = min(widget.sizeHint().width(), widget.maximumWidth())
            if used + self.GAP + need <= width:
                shape[-1] += 1
                used += self.GAP + need
            else:
                shape.append(1)
                used = need
        return tuple(shape)

    def arrange(self, shape: tuple[int, ...]) -> None:
        if shape == self.shape:
            return
        while (item := self.rows.takeAt(0)) is not None:
            row = item.layout()
            if row is not None:
                while row.takeAt(0) is not None:
                    pass
                row.deleteLater()
        widgets = [self.search, *self.filters]
        start = 0
        for count in shape:
            row = QHBoxLayout()
            row.setSpacing(self.GAP)
            for widget in widgets[start : start + count]:
                row.addWidget(widget, 1 if widget is self.search else 0)
            if self.search not in widgets[start : start + count]:
                row.addStretch(1)
            self.rows.addLayout(row)
            start += count
        self.shape = shape
        self.updateGeometry()

    def refit(self) -> None:
        """Arrange again after the filters' choices changed (their widths with them)."""
        self.arrange(self.shape_for(self.width()))

    def minimumSizeHint(self) -> QSize:
        width = max(_least_width(w) for w in (self.search, *self.filters))
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange(self.shape_for(event.size().width()))


class AccountsPage(Page):
    key = "accounts"
    title = N_("Accounts")
    icon_name = "building-2"

    account_activated = Signal(int)
    loaded = Signal()
    health_loaded = Signal()

    initial_filter = AccountFilter()
    initial_sort = (Column.NAME, Qt.SortOrder.AscendingOrder)
    hidden_columns: tuple[Column, ...] = ()
    # The columns from the left: what an account is worth and how it is doing before who
    # owns it and how it is classed, so that a laptop's window shows them without scrolling.
    column_order: tuple[Column, ...] = (
        Column.NAME, Column.EXTERNAL_ID, Column.MRR, Column.HEALTH, Column.RENEWAL, Column.CSM,
        Column.AM, Column.SEGMENT, Column.TIER, Column.STATUS,
    )  # fmt: skip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AccountsTableModel(None, self)
        self.proxy = AccountsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search accounts, IDs, owners…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(
            icons.icon("search", style.current().muted), QLineEdit.ActionPosition.LeadingPosition
        )
        self.search.textChanged.connect(lambda text: self.proxy.update_filter(text=text))
        self.segment = self._choice_combo(_("All segments"))
        self.tier = self._choice_combo(_("All tiers"))
        self.csm = self._choice_combo(_("All CSMs"))
        self.band = self._combo(_("Any health"))
        for band in HealthBand:
            self.band.addItem(label(band), band)
        self.renewal = QComboBox()
        for window, text in RENEWAL_CHOICES.items():
            self.renewal.addItem(_(text), window)
        self.segment.currentIndexChanged.connect(
            lambda: self._combo_changed("segment", self.segment)
        )
        self.tier.currentIndexChanged.connect(lambda: self._combo_changed("tier", self.tier))
        self.csm.currentIndexChanged.connect(lambda: self._combo_changed("csm", self.csm))
        self.band.currentIndexChanged.connect(self._band_changed)
        self.renewal.currentIndexChanged.connect(
            lambda: self.proxy.update_filter(renewal=RenewalWindow(self.renewal.currentData()))
        )
        self.search.setMinimumWidth(SEARCH_MIN_WIDTH)
        combos = (self.segment, self.tier, self.csm, self.band, self.renewal)
        for combo in combos:
            # As wide as the longest choice (in any language) when there is room, the search
            # box taking the rest; narrower (elided) in a small window rather than widening it.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(FILTER_MIN_WIDTH)
            combo.setMaximumWidth(FILTER_MAX_WIDTH)
        self.filters = FilterBar(self.search, combos)
        self.layout_.addWidget(self.filters)

        self.count = muted()
        self.layout_.addWidget(self.count)

        self.table = QTableView()
        self._natural_name_width = 0
        self._filters_shown = False
        self.table.viewport().installEventFilter(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        # Fixed row heights: 10,000 rows never need measuring.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.horizontalHeader().setStretchLastSection(False)
        header = self.table.horizontalHeader()
        for place, column in enumerate(self.column_order):
            header.moveSection(header.visualIndex(column), place)
        self.table.activated.connect(self._activated)
        self.table.setTabKeyNavigation(False)
        self.layout_.addWidget(self.table, 1)

        self.empty = EmptyState(
            "building-2",
            _("No accounts yet"),
            _(
                "Import a spreadsheet of accounts (drop it on this window or use the Imports "
                "page), or build a demo portfolio with `csdesk demo FILE`."
            ),
        )
        self.layout_.addWidget(self.empty, 1)
        self.empty.hide()

        focus = QShortcut(QKeySequence.StandardKey.Find, self)
        focus.activated.connect(self.search.setFocus)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    def _choice_combo(self, any_text: str) -> ChoiceCombo:
        """A filter whose choices are the accounts' values (filled in one go per opening)."""
        combo = ChoiceCombo(any_text)
        combo.setMinimumContentsLength(8)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def _combo(self, any_text: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(any_text, None)
        combo.setMinimumContentsLength(8)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def _band_changed(self) -> None:
        value = self.band.currentData()
        self.proxy.update_filter(band=None if value is None else HealthBand(value))

    def _combo_changed(self, field: str, combo: QComboBox) -> None:
        self.proxy.update_filter(**{field: combo.currentData()})

    # -- loading --------------------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        self._filters_shown = False  # another workspace opens with the initial filter
        self.model.session = session
        self.model.clear()
        super().set_session(session)

    def refresh(self) -> None:
        session = self.session
        if session is None:
            self.table.hide()
            self.empty.show()
            self._update_count()
            return
        listing = session.cache.get(LISTING_KEY)
        if isinstance(listing, AccountListing):
            self._show_rows(listing)  # the accounts and Renewals pages share one reading
            return
        self.load(
            "rows",
            _("Loading accounts"),
            lambda progress: read_listing(session.ws),
            self._keep_rows,
        )

    def _keep_rows(self, listing: object) -> None:
        if isinstance(listing, AccountListing) and self.session is not None:
            self.session.remember(LISTING_KEY, listing, LISTING_DATA)
        self._show_rows(listing)

    def _show_rows(self, listing: object) -> None:
        if not isinstance(listing, AccountListing):
            return
        # Sorted as the header will say before the header says it, so that it sorts once.
        self.model.set_listing(listing, self.initial_sort)
        criteria = self._criteria_for(listing)
        self._fill_choices(listing, criteria)
        self.table.horizontalHeader().setSortIndicator(*self.initial_sort)
        self.proxy.set_filter(criteria)
        self._filters_shown = True
        for column in Column:
            self.table.setColumnHidden(column, column in self.hidden_columns)
        self._size_columns()
        has_rows = bool(listing.ids)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self._update_count()
        self.loaded.emit()
        session = self.session
        if has_rows and session is not None and ListColumn.MRR not in listing.columns:
            # Every account's MRR, read off the GUI thread while the person looks at the
            # list, so that sorting by it (the usual second look) holds the window only to
            # sort: at 100,000 accounts the read is most of that sort's time.
            self.load(
                "mrr",
                _("Loading accounts"),
                lambda progress: column_values(session.ws, ListColumn.MRR, listing),
                lambda values: self._keep_mrr(listing, values),
            )
        if has_rows and session is not None and health_source.available():
            health_source.request(session, self._show_health, self.slot("health"))

    def _keep_mrr(self, listing: AccountListing, values: object) -> None:
        self.model.keep_column(listing, ListColumn.MRR, values)
        if self.model.listing is listing:
            self._size_mrr_column()
            self._fit_name_column()

    def _size_mrr_column(self) -> None:
        """MRR as wide as its widest amount in the whole list, once every account's is read
        (the first rows of a sort by name seldom hold the largest customer's)."""
        listing, session = self.model.listing, self.session
        values = listing.columns.get(ListColumn.MRR) if listing is not None else None
        if not values or session is None:
            return
        known = [v for v in values if v is not None]
        if not known:
            return
        texts = {session.money(max(known)), session.money(min(known))}
        widest = max(self.table.fontMetrics().horizontalAdvance(t) for t in texts)
        width = min(widest + style.SPACING, MAX_COLUMN_WIDTH)
        if width > self.table.columnWidth(Column.MRR):
            self.table.setColumnWidth(Column.MRR, width)

    def _show_health(self, health: object) -> None:
        if isinstance(health, dict):
            self.model.set_health(health)
            if self.proxy.criteria.band is not None:
                # Only a health filter changes which rows pass: re-filtering 100,000 rows for
                # nothing would hold the window (the scores themselves redraw as data changes).
                self.proxy.invalidate()
            self.health_loaded.emit()

    def _criteria_for(self, listing: AccountListing) -> AccountFilter:
        """The page's initial filter on a workspace's first showing; on a refresh (new data)
        the person's own, less a segment, tier or CSM no account has any more (a refresh
        that undid someone's filters would show rows they had chosen not to see)."""
        if not self._filters_shown:
            return self.initial_filter
        c = self.proxy.criteria
        return replace(
            c,
            segment=c.segment if c.segment in listing.segments else None,
            tier=c.tier if c.tier in listing.tiers else None,
            csm=c.csm if c.csm in listing.csms else None,
        )

    def _fill_choices(self, listing: AccountListing, criteria: AccountFilter) -> None:
        """New choices in the combos, each showing what ``criteria`` asks for."""
        choices = (
            (self.segment, listing.segments, criteria.segment),
            (self.tier, listing.tiers, criteria.tier),
            (self.csm, listing.csms, criteria.csm),
        )
        for combo, values, chosen in choices:
            combo.blockSignals(True)
            combo.set_values(values)
            combo.setCurrentIndex(0 if chosen is None else max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        for fixed, value in ((self.band, criteria.band), (self.renewal, criteria.renewal)):
            fixed.blockSignals(True)
            fixed.setCurrentIndex(max(0, fixed.findData(value)))
            fixed.blockSignals(False)
        self.filters.refit()  # longer choices may need another row

    def _size_columns(self) -> None:
        """Each column as wide as its header and its widest value among the first rows (read
        from the model, not measured by the view, which would visit all 10,000 rows); the
        account name gets its widest value too, and whatever room is left over."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        sample = range(min(self.model.unfiltered_count, SIZING_SAMPLE))
        padding = style.SPACING
        for column in Column:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = header_metrics.horizontalAdvance(title) + 16  # room for the sort arrow
            values = [self.model.text_unfiltered(row, column) for row in sample]
            if column is Column.HEALTH:
                # Scores arrive after the rows: size for the widest a score can read, and the dot.
                values = [f"100 · {label(band)}" for band in HealthBand]
                widest = max(widest, 20 + max(metrics.horizontalAdvance(v) for v in values))
            else:
                # Measured once per text: a column repeats a few segments, tiers and owners.
                widest = max([widest, *(metrics.horizontalAdvance(v) for v in set(values) if v)])
            cap = MAX_NAME_WIDTH if column is Column.NAME else MAX_COLUMN_WIDTH
            self.table.setColumnWidth(column, min(widest + padding, cap))
        self._size_mrr_column()
        self._natural_name_width = self.table.columnWidth(Column.NAME)
        self._fit_name_column()

    def _fit_name_column(self) -> None:
        """The account name takes the table's spare width."""
        others = sum(
            self.table.columnWidth(c)
            for c in Column
            if c is not Column.NAME and not self.table.isColumnHidden(c)
        )
        spare = self.table.viewport().width() - others
        # Long names give way (elided) before the table needs a horizontal scroll bar.
        least = min(self._natural_name_width, MIN_NAME_WIDTH)
        self.table.setColumnWidth(Column.NAME, max(least, spare))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The viewport narrows when the vertical scroll bar appears, without the page resizing.
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_name_column()
        return super().eventFilter(watched, event)

    def _update_count(self) -> None:
        total = self.model.count
        shown = self.proxy.rowCount()
        session = self.session
        if session is None:
            self.count.setText("")
            return
        self.count.setText(
            _("{shown} of {total} accounts").format(
                shown=session.number(shown), total=session.number(total)
            )
        )

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        account_id = index.data(ACCOUNT_ID_ROLE)
        if isinstance(account_id, int):
            self.account_activated.emit(account_id)
