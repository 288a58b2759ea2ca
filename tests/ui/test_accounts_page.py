from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from csdesk.domain.enums import HealthBand
from csdesk.ui.main_window import MainWindow
from csdesk.ui.models.accounts_filter import AccountFilter, RenewalWindow
from csdesk.ui.models.accounts_table import ACCOUNT_ID_ROLE, Column, Health
from csdesk.ui.pages.accounts import AccountsPage


def shown_names(page: AccountsPage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, Column.NAME).data() for row in range(proxy.rowCount())]


def open_accounts(window: MainWindow) -> AccountsPage:
    window.show_page("accounts")
    page = window.accounts_page
    assert page.isVisible()
    return page


def test_models_pass_the_model_tester(window: MainWindow, qtmodeltester: ModelTester) -> None:
    page = open_accounts(window)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_rows_show_formatted_values(window: MainWindow) -> None:
    page = open_accounts(window)
    model = page.model
    acme = model.row_of(1)
    assert acme is not None
    assert model.index(acme, Column.CSM).data() == "Ana Lima"
    assert model.index(acme, Column.MRR).data() == window.session.money(120.0)  # type: ignore[union-attr]
    assert model.index(acme, Column.NAME).data(ACCOUNT_ID_ROLE) == 1
    assert page.count.text().startswith("3 of 3")


def test_search_matches_name_id_and_owner(window: MainWindow, qtbot: QtBot) -> None:
    page = open_accounts(window)
    qtbot.keyClicks(page.search, "ltda")
    assert shown_names(page) == ["Beta Ltda"]
    page.search.setText("g-3")
    assert shown_names(page) == ["Gamma_50%"]
    page.search.setText("bruno")
    assert shown_names(page) == ["Acme Corp", "Gamma_50%"]
    assert page.count.text().startswith("2 of 3")
    page.search.clear()
    assert len(shown_names(page)) == 3


def test_filters_by_segment_tier_csm(window: MainWindow) -> None:
    page = open_accounts(window)
    page.segment.setCurrentIndex(page.segment.findData("SMB"))
    assert shown_names(page) == ["Beta Ltda", "Gamma_50%"]
    page.tier.setCurrentIndex(page.tier.findData("Bronze"))
    assert shown_names(page) == ["Gamma_50%"]
    page.tier.setCurrentIndex(0)
    page.csm.setCurrentIndex(page.csm.findData("Ana Lima"))
    assert shown_names(page) == ["Beta Ltda"]
    assert [page.csm.itemText(i) for i in range(page.csm.count())][1:] == ["Ana Lima"]


def test_filter_by_renewal_window(window: MainWindow) -> None:
    page = open_accounts(window)
    page.proxy.today = date(2026, 6, 1)
    page.proxy.set_filter(AccountFilter(renewal=RenewalWindow.DAYS_30))
    assert shown_names(page) == ["Beta Ltda"]
    page.proxy.set_filter(AccountFilter(renewal=RenewalWindow.DAYS_365))
    assert shown_names(page) == ["Acme Corp", "Beta Ltda"]
    page.proxy.today = date(2027, 1, 2)
    page.proxy.set_filter(AccountFilter(renewal=RenewalWindow.OVERDUE))
    assert shown_names(page) == ["Acme Corp", "Beta Ltda"]


def test_health_by_colour_band_name_and_filter(window: MainWindow) -> None:
    page = open_accounts(window)
    page._show_health(
        {
            1: Health(81.0, HealthBand.HEALTHY),
            2: Health(35.5, HealthBand.CRITICAL),
            3: Health(None, None),
        }
    )
    model = page.model
    beta = model.index(model.row_of(2) or 0, Column.HEALTH)
    assert beta.data() == "36 · Critical"
    colour = beta.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QColor) and colour.name() == "#c0392b"
    assert beta.data(Qt.ItemDataRole.DecorationRole) is not None
    page.band.setCurrentIndex(page.band.findData(HealthBand.CRITICAL))
    assert shown_names(page) == ["Beta Ltda"]


def test_a_health_filter_chosen_before_the_scores_applies_when_they_arrive(
    window: MainWindow,
) -> None:
    page = open_accounts(window)
    page._show_health({})
    page.segment.setCurrentIndex(page.segment.findData("SMB"))
    page.band.setCurrentIndex(page.band.findData(HealthBand.CRITICAL))
    assert shown_names(page) == []
    page._show_health({2: Health(35.5, HealthBand.CRITICAL), 3: Health(81.0, HealthBand.HEALTHY)})
    assert shown_names(page) == ["Beta Ltda"]
    page.band.setCurrentIndex(0)
    # Without a health filter new scores leave the rows as they are, and the cells show them.
    page._show_health({2: Health(90.0, HealthBand.HEALTHY)})
    assert shown_names(page) == ["Beta Ltda", "Gamma_50%"]
    beta = page.model.index(page.model.row_of(2) or 0, Column.HEALTH)
    assert beta.data() == "90 · Healthy"


def test_health_scores_arrive_from_the_metrics_engine(
    window: MainWindow, with_metrics: bool
) -> None:
    page = open_accounts(window)
    acme = page.model.index(page.model.row_of(1) or 0, Column.HEALTH)
    assert acme.data().split(" · ")[1] in ("Healthy", "At risk", "Critical")


def test_sort_by_column_keeps_unknowns_last(window: MainWindow) -> None:
    page = open_accounts(window)
    page.table.sortByColumn(Column.MRR, Qt.SortOrder.DescendingOrder)
    assert shown_names(page) == ["Acme Corp", "Beta Ltda", "Gamma_50%"]
    page.table.sortByColumn(Column.MRR, Qt.SortOrder.AscendingOrder)
    assert shown_names(page) == ["Gamma_50%", "Beta Ltda", "Acme Corp"]
    page.table.sortByColumn(Column.RENEWAL, Qt.SortOrder.DescendingOrder)
    assert shown_names(page) == ["Acme Corp", "Beta Ltda", "Gamma_50%"]
    page.table.sortByColumn(Column.RENEWAL, Qt.SortOrder.AscendingOrder)
    assert shown_names(page) == ["Beta Ltda", "Acme Corp", "Gamma_50%"]


def test_sorting_again_by_the_same_column_is_skipped_until_the_data_changes(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = open_accounts(window)
    model = page.model
    page.table.sortByColumn(Column.HEALTH, Qt.SortOrder.DescendingOrder)
    with qtbot.assertNotEmitted(model.layoutChanged):
        model.sort(Column.HEALTH, Qt.SortOrder.DescendingOrder)
    # New scores: the same column and order must sort again, by the new values.
    page._show_health({1: Health(10.0, HealthBand.CRITICAL), 2: Health(90.0, HealthBand.HEALTHY)})
    with qtbot.waitSignal(model.layoutChanged, timeout=1000):
        page.table.sortByColumn(Column.HEALTH, Qt.SortOrder.DescendingOrder)
    assert shown_names(page) == ["Beta Ltda", "Acme Corp", "Gamma_50%"]


def test_sorting_keeps_the_selection(window: MainWindow) -> None:
    page = open_accounts(window)
    page.table.selectRow(shown_names(page).index("Gamma_50%"))
    page.table.sortByColumn(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert page.table.currentIndex().siblingAtColumn(Column.NAME).data() == "Gamma_50%"


def test_enter_opens_the_account(window: MainWindow, qtbot: QtBot) -> None:
    page = open_accounts(window)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(shown_names(page).index("Beta Ltda"), 0))
    with qtbot.waitSignal(page.account_activated) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == [2]
    assert window.current_page() is window.account_page
    assert window.account_page.heading.text() == "Beta Ltda"


def test_quick_open_finds_by_part_of_the_name(window: MainWindow, qtbot: QtBot) -> None:
    popup = window.quick_open()
    assert popup is not None and popup.isVisible()
    qtbot.keyClicks(popup.search, "a")
    assert popup.results.count() == 3
    qtbot.keyClick(popup.search, Qt.Key.Key_Down)
    assert popup.results.currentItem().text() == "Beta Ltda"
    popup.search.setText("gam")
    assert [popup.results.item(i).text() for i in range(popup.results.count())] == ["Gamma_50%"]
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert window.current_page() is window.account_page
    assert window.account_page.heading.text() == "Gamma_50%"


def test_renewals_page_lists_renewals_soonest_first(window: MainWindow) -> None:
    window.show_page("renewals")
    page = window.page("renewals")
    assert isinstance(page, AccountsPage)
    assert page.proxy.criteria.renewal is RenewalWindow.DAYS_90
    assert page.renewal.currentText() == "Renews in 90 days"
    page.proxy.today = date(2026, 6, 1)
    page.proxy.set_filter(AccountFilter(renewal=RenewalWindow.DAYS_365))
    assert shown_names(page) == ["Beta Ltda", "Acme Corp"]
    assert page.table.isColumnHidden(Column.EXTERNAL_ID)


def test_columns_fit_their_values_and_the_name_takes_the_rest(window: MainWindow) -> None:
    assert window.session is not None
    with window.session.ws.transaction() as conn:
        conn.execute(
            "UPDATE accounts SET name = 'Agropecuária Santa Clara Comércio Ltda' WHERE id = 1"
        )
    window.resize(1400, 880)
    page = open_accounts(window)
    table, model = page.table, page.model
    metrics = table.fontMetrics()
    for column in Column:
        values = [str(model.index(r, column).data() or "") for r in range(model.rowCount())]
        widest = max(metrics.horizontalAdvance(v) for v in values)
        header = metrics.horizontalAdvance(str(model.headerData(column, Qt.Orientation.Horizontal)))
        assert table.columnWidth(column) >= max(widest, header), column.name
    # No horizontal scrolling at a usual window size: the name column fills the spare width.
    total = sum(table.columnWidth(c) for c in Column if not table.isColumnHidden(c))
    assert total == table.viewport().width()
    window.resize(1800, 880)
    wider = page.table.columnWidth(Column.NAME)
    assert sum(table.columnWidth(c) for c in Column) == table.viewport().width()
    window.resize(1400, 880)
    assert page.table.columnWidth(Column.NAME) < wider


def test_filters_show_their_whole_choice_in_portuguese_and_fit_a_small_window(
    window: MainWindow,
) -> None:
    from csdesk.i18n import set_language

    set_language("pt_BR")
    window.retranslate()  # the pages again, in the language in force
    window.resize(1400, 880)
    page = open_accounts(window)
    for combo in (page.segment, page.tier, page.csm, page.band, page.renewal):
        text = combo.currentText()
        assert combo.width() >= combo.fontMetrics().horizontalAdvance(text) + 24, text
    window.resize(900, 600)  # the window's minimum: the filters give way, the window does not
    assert window.width() == 900


def test_a_refresh_keeps_the_persons_filters(window: MainWindow, qtbot: QtBot) -> None:
    page = open_accounts(window)
    page.proxy.today = date(2026, 6, 1)  # Beta renews within the year
    page.segment.setCurrentIndex(page.segment.findData("SMB"))
    page.renewal.setCurrentIndex(page.renewal.findData(RenewalWindow.DAYS_365))
    page.search.setText("ltda")
    chosen = page.proxy.criteria
    assert shown_names(page) == ["Beta Ltda"]
    session = window.session
    assert session is not None
    with session.ws.transaction() as conn:  # someone else's change to the same account
        conn.execute("UPDATE accounts SET name = 'Beta Nova Ltda' WHERE name = 'Beta Ltda'")
    session.data_changed.emit("import")
    qtbot.waitUntil(lambda: shown_names(page) == ["Beta Nova Ltda"])
    # New data, the same filters in the combos and in the table, the search text with them.
    assert page.proxy.criteria == chosen
    assert page.segment.currentData() == "SMB"
    assert page.renewal.currentData() == RenewalWindow.DAYS_365
    assert page.search.text() == "ltda"


def test_a_refresh_drops_a_choice_no_account_has_any_more(window: MainWindow, qtbot: QtBot) -> None:
    page = open_accounts(window)
    page.tier.setCurrentIndex(page.tier.findData("Bronze"))
    assert shown_names(page) == ["Gamma_50%"]
    session = window.session
    assert session is not None
    with session.ws.transaction() as conn:
        conn.execute("UPDATE accounts SET tier = 'Silver' WHERE tier = 'Bronze'")
    session.data_changed.emit("import")
    qtbot.waitUntil(lambda: page.tier.findData("Bronze") == -1)
    # A filter on a tier that is gone would show no rows and offer no way back: it is dropped.
    assert page.tier.currentIndex() == 0 and page.proxy.criteria.tier is None
    assert len(shown_names(page)) == 3
