"""The accounts table read a window at a time shows, sorts and filters what the whole list
would: every row and column against the whole-row list, every sort against the same sort done
over the whole rows, filters and search combined, the selection kept across a sort."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csdesk.demo import generate
from csdesk.demo.sizes import DemoSize
from csdesk.domain.enums import AccountStatus, HealthBand
from csdesk.domain.text_order import text_key
from csdesk.ingest.accounts_matching import name_key
from csdesk.store import Workspace
from csdesk.store.queries.accounts import AccountRow, list_accounts
from csdesk.ui.labels import label
from csdesk.ui.models import accounts_table
from csdesk.ui.models.accounts_filter import AccountFilter
from csdesk.ui.models.accounts_table import ACCOUNT_ID_ROLE, Column, Health
from csdesk.ui.pages.accounts import AccountsPage
from csdesk.ui.session import Session
from csdesk.ui.translate import _
from csdesk.ui.workers import Runner

SIZE = DemoSize(
    "windows-test", accounts=300, tickets=0, surveys=0, events=0, csms=6, ams=3,
    support_agents=2, cx=1,
)  # fmt: skip


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("windows") / "demo.csdesk"
    with Workspace.create(path) as ws:
        generate(ws, size=SIZE, seed=11, today=date(2026, 11, 22))
        ws.insert_many(
            "accounts",
            ["id", "name", "name_key", "segment"],
            [(9_001, "ZZ never paid", "zz never paid", "SMB"), (9_002, "aa", "aa", None)],
        )
    return path


@pytest.fixture
def page(qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AccountsPage]:
    monkeypatch.setattr(accounts_table, "WINDOW", 16)  # many windows over 302 rows
    ws = Workspace.open(demo_path, read_only=True)
    session = Session(ws, Runner(immediate=True))
    page = AccountsPage()
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.set_session(session)
    QApplication.processEvents()
    yield page
    page.set_session(None)
    ws.close()


def _rows(page: AccountsPage) -> dict[int, AccountRow]:
    assert page.session is not None
    return {r.id: r for r in list_accounts(page.session.ws)}


def _shown_ids(page: AccountsPage) -> list[int]:
    proxy = page.proxy
    return [proxy.index(r, 0).data(ACCOUNT_ID_ROLE) for r in range(proxy.rowCount())]


def _expected_order(
    rows: dict[int, AccountRow], key: Callable[[AccountRow], Any], descending: bool
) -> list[int]:
    """The order the table had when it held every row: by name first, then a stable sort on
    the column, unknown values last by name in both directions."""
    by_name = sorted(rows.values(), key=_name_order)
    known = [r for r in by_name if key(r) is not None]
    unknown = [r for r in by_name if key(r) is None]
    known.sort(key=key, reverse=descending)
    return [r.id for r in known + unknown]


def _name_order(row: AccountRow) -> tuple[str, int]:
    """Accounts are listed by name key (accents, case and legal suffixes ignored), then id."""
    return (name_key(row.name), row.id)


def _text(value: str | None) -> str | None:
    return text_key(value) if value else None


KEYS: dict[Column, Callable[[AccountRow], Any]] = {
    Column.NAME: _name_order,
    Column.EXTERNAL_ID: lambda r: r.external_id,
    Column.SEGMENT: lambda r: _text(r.segment),
    Column.TIER: lambda r: _text(r.tier),
    Column.CSM: lambda r: _text(r.csm),
    Column.AM: lambda r: _text(r.am),
    Column.MRR: lambda r: r.mrr,
    Column.RENEWAL: lambda r: r.renewal_date,
    Column.STATUS: lambda r: str(r.status),
}


def test_every_cell_shows_the_whole_rows_values(page: AccountsPage) -> None:
    session = page.session
    assert session is not None
    rows = _rows(page)
    model = page.model
    assert model.rowCount() == len(rows) == 302
    # Bottom up, so that windows are read out of order.
    for row in reversed(range(model.rowCount())):
        record = rows[model.index(row, 0).data(ACCOUNT_ID_ROLE)]
        status = _("Active") if record.status is AccountStatus.ACTIVE else label(record.status)
        expected = {
            Column.NAME: record.name,
            Column.EXTERNAL_ID: record.external_id or "",
            Column.SEGMENT: record.segment or "",
            Column.TIER: record.tier or "",
            Column.CSM: record.csm or "",
            Column.AM: record.am or "",
            Column.MRR: session.money(record.mrr),
            Column.RENEWAL: session.day(record.renewal_date) if record.renewal_date else "",
            Column.STATUS: status,
        }
        assert {c: model.index(row, c).data() for c in expected} == expected


@pytest.mark.parametrize("column", list(KEYS))
def test_every_sort_matches_sorting_the_whole_rows(page: AccountsPage, column: Column) -> None:
    rows = _rows(page)
    for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
        page.table.sortByColumn(column, order)
        descending = order == Qt.SortOrder.DescendingOrder
        assert _shown_ids(page) == _expected_order(rows, KEYS[column], descending), order


def test_sort_by_health_and_a_band_filter(page: AccountsPage) -> None:
    rows = _rows(page)
    ids = sorted(rows)
    health = {
        account: Health(float(n % 50), HealthBand.CRITICAL if n % 3 else HealthBand.HEALTHY)
        for n, account in enumerate(ids[:-40])
    }
    page._show_health(health)
    page.table.sortByColumn(Column.HEALTH, Qt.SortOrder.DescendingOrder)

    def score(r: AccountRow) -> float | None:
        h = health.get(r.id)
        return None if h is None else h.score

    assert _shown_ids(page) == _expected_order(rows, score, True)
    page.band.setCurrentIndex(page.band.findData(HealthBand.HEALTHY))
    healthy = [i for i in _expected_order(rows, score, True) if i in health]
    healthy = [i for i in healthy if health[i].band is HealthBand.HEALTHY]
    assert _shown_ids(page) == healthy
    assert page.count.text().startswith(f"{len(healthy)} of 302")


def test_search_and_filters_combine_and_survive_a_sort(page: AccountsPage) -> None:
    rows = _rows(page)
    segment = page.segment.itemData(1)
    page.segment.setCurrentIndex(1)
    page.search.setText("a")

    def passes(r: AccountRow) -> bool:
        text = "\x00".join(t for t in (r.name, r.external_id, r.csm, r.am) if t).casefold()
        return r.segment == segment and "a" in text

    for column in (Column.MRR, Column.CSM, Column.NAME):
        page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        expected = [i for i in _expected_order(rows, KEYS[column], True) if passes(rows[i])]
        assert expected and _shown_ids(page) == expected
    page.search.clear()
    page.proxy.set_filter(AccountFilter())
    assert page.proxy.rowCount() == 302
    assert page.model.row_of(9_002) is not None


def test_an_account_filtered_out_has_no_row(page: AccountsPage) -> None:
    page.search.setText("zz never")
    assert _shown_ids(page) == [9_001]
    assert page.model.row_of(9_002) is None
    assert page.model.row_of(9_001) == 0


def test_the_selection_follows_its_account_through_sorts(page: AccountsPage) -> None:
    page.table.sortByColumn(Column.MRR, Qt.SortOrder.DescendingOrder)
    page.table.selectRow(200)
    chosen = page.table.currentIndex().data(ACCOUNT_ID_ROLE)
    for column in (Column.RENEWAL, Column.NAME, Column.TIER):
        page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        assert page.table.currentIndex().data(ACCOUNT_ID_ROLE) == chosen
        assert page.table.selectionModel().selectedRows()[0].data(ACCOUNT_ID_ROLE) == chosen


def test_a_selection_of_many_rows_follows_its_accounts_through_sorts(page: AccountsPage) -> None:
    """Scattered rows are dozens of selection ranges, each two indexes the model keeps
    pointing at their accounts (mapped together, not one scan each)."""
    table, selection = page.table, page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(0, page.proxy.rowCount(), 3):
        selection.select(page.proxy.index(row, 0), flags)

    def chosen() -> set[int]:
        return {index.data(ACCOUNT_ID_ROLE) for index in selection.selectedRows()}

    before = chosen()
    assert len(before) == 101 and len(page.proxy.persistentIndexList()) > 16
    for column in (Column.MRR, Column.NAME, Column.HEALTH):
        table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        assert chosen() == before


def test_a_change_to_accounts_reads_the_list_again_and_others_reuse_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from sample_workspace import build_sample

    from csdesk.ui.data_change import DataChange
    from csdesk.ui.pages.accounts import LISTING_KEY
    from csdesk.ui.pages.renewals import RenewalsPage

    ws = build_sample(tmp_path / "sample.csdesk")
    session = Session(ws, Runner(immediate=True))
    pages = [AccountsPage(), RenewalsPage()]
    for each in pages:
        qtbot.addWidget(each)
        each.show()
        each.set_session(session)
    accounts, renewals = pages
    listing = accounts.model.listing
    assert listing is not None and renewals.model.listing is listing  # read once for both
    # Tickets reach no column of the list: the pages show again from the same reading.
    session.announce(DataChange("import", frozenset({"tickets"})))
    assert accounts.model.listing is listing and session.cache[LISTING_KEY] is listing
    with ws.transaction() as conn:
        conn.execute(
            "UPDATE accounts SET name = 'Zulu Acme', name_key = 'zulu acme', "
            "segment = 'Mid' WHERE id = 1"
        )
        conn.execute("UPDATE revenue_months SET mrr = 999.0 WHERE account_id = 1")
    session.announce(DataChange("import", frozenset({"accounts", "revenue"})))
    assert accounts.model.listing is not listing
    names = [accounts.proxy.index(r, Column.NAME).data() for r in range(3)]
    assert names == ["Beta Ltda", "Gamma_50%", "Zulu Acme"]
    assert accounts.model.index(2, Column.MRR).data() == session.money(999.0)
    assert [accounts.segment.itemText(i) for i in range(1, accounts.segment.count())] == [
        "Mid",
        "SMB",
    ]
    for each in pages:
        each.set_session(None)
    ws.close()


def test_every_accounts_mrr_is_read_in_the_background_after_the_list(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from held_runner import HeldRunner

    from csdesk.store.queries.account_list import ListColumn

    runner = HeldRunner()
    ws = Workspace.open(demo_path, read_only=True)
    session = Session(ws, runner)
    page = AccountsPage()
    qtbot.addWidget(page)
    page.show()
    page.set_session(session)
    runner.run(runner.held[0])  # the list
    listing = page.model.listing
    assert listing is not None and ListColumn.MRR not in listing.columns
    [mrr_job] = [job for job in runner.held if job is not None]  # health is off in UI tests
    runner.run(mrr_job)
    assert ListColumn.MRR in listing.columns
    read_on_this_thread: list[object] = []
    monkeypatch.setattr(accounts_table, "column_values", lambda *a: read_on_this_thread.append(a))
    page.table.sortByColumn(Column.MRR, Qt.SortOrder.DescendingOrder)
    assert read_on_this_thread == []
    rows = _rows(page)
    assert _shown_ids(page) == _expected_order(rows, KEYS[Column.MRR], True)
    page.set_session(None)
    ws.close()


def test_the_renewals_filter_holds_when_the_page_shows_again_from_the_cache(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from sample_workspace import build_sample

    from csdesk.ui.data_change import DataChange
    from csdesk.ui.models.accounts_filter import RenewalWindow
    from csdesk.ui.pages.renewals import RenewalsPage

    ws = build_sample(tmp_path / "sample.csdesk")
    session = Session(ws, Runner(immediate=True))
    page = RenewalsPage()
    qtbot.addWidget(page)
    page.show()
    page.proxy.today = date(2026, 6, 1)
    page.set_session(session)
    assert page.proxy.criteria.renewal is RenewalWindow.DAYS_90
    assert _shown_ids(page) == [2]  # Beta renews on 2026-06-30
    listing = page.model.listing
    session.announce(DataChange("import", frozenset({"tickets"})))  # the list stays cached
    assert page.model.listing is listing
    assert _shown_ids(page) == [2]
    assert page.count.text().startswith("1 of 3")
    page.set_session(None)
    ws.close()


def test_a_refresh_keeps_the_persons_filters_and_a_new_workspace_starts_afresh(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from sample_workspace import build_sample

    from csdesk.ui.data_change import DataChange
    from csdesk.ui.models.accounts_filter import RenewalWindow
    from csdesk.ui.pages.renewals import RenewalsPage

    ws = build_sample(tmp_path / "sample.csdesk")
    session = Session(ws, Runner(immediate=True))
    accounts, renewals = AccountsPage(), RenewalsPage()
    for each in (accounts, renewals):
        qtbot.addWidget(each)
        each.show()
        each.proxy.today = date(2026, 6, 1)
        each.set_session(session)
    accounts.segment.setCurrentIndex(accounts.segment.findData("SMB"))
    accounts.renewal.setCurrentIndex(accounts.renewal.findData(RenewalWindow.DAYS_365))
    accounts.search.setText("ltda")
    renewals.renewal.setCurrentIndex(renewals.renewal.findData(RenewalWindow.ANY))
    chosen = AccountFilter(text="ltda", segment="SMB", renewal=RenewalWindow.DAYS_365)
    assert accounts.proxy.criteria == chosen
    assert _shown_ids(accounts) == [2] and sorted(_shown_ids(renewals)) == [1, 2, 3]

    # New data (the list read again) and no new data (the list from the cache) alike.
    with ws.transaction() as conn:
        conn.execute("UPDATE accounts SET name = 'Beta Nova Ltda' WHERE id = 2")
    for change in ({"accounts"}, {"tickets"}):
        session.announce(DataChange("import", frozenset(change)))
        assert accounts.proxy.criteria == chosen
        assert accounts.segment.currentText() == "SMB"
        assert accounts.renewal.currentData() == RenewalWindow.DAYS_365
        assert accounts.search.text() == "ltda"
        assert _shown_ids(accounts) == [2]
        assert renewals.proxy.criteria.renewal is RenewalWindow.ANY
        assert renewals.renewal.currentData() == RenewalWindow.ANY
        assert sorted(_shown_ids(renewals)) == [1, 2, 3]
    assert accounts.model.index(accounts.model.row_of(2) or 0, Column.NAME).data() == (
        "Beta Nova Ltda"
    )

    # A segment no account has any more is dropped, the other filters stay.
    with ws.transaction() as conn:
        conn.execute("UPDATE accounts SET segment = 'Mid' WHERE segment = 'SMB'")
    session.announce(DataChange("import", frozenset({"accounts"})))
    assert accounts.proxy.criteria == AccountFilter(text="ltda", renewal=RenewalWindow.DAYS_365)
    assert accounts.segment.currentIndex() == 0
    assert _shown_ids(accounts) == [2]

    # Another workspace opens with each page's own initial filter.
    for each in (accounts, renewals):
        each.set_session(None)
        each.set_session(session)
    assert accounts.proxy.criteria.segment is None
    assert accounts.proxy.criteria.renewal is RenewalWindow.ANY
    assert accounts.renewal.currentData() == RenewalWindow.ANY
    assert renewals.proxy.criteria.renewal is RenewalWindow.DAYS_90
    assert renewals.renewal.currentData() == RenewalWindow.DAYS_90
    for each in (accounts, renewals):
        each.set_session(None)
    ws.close()


def test_the_mrr_column_fits_the_largest_amount_of_the_whole_list(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The columns are sized from the first rows of the sort, which seldom hold the largest
    customer's; MRR widens for it when every account's MRR has been read."""
    from held_runner import HeldRunner

    from csdesk.ui.pages import accounts
    from csdesk.ui.pages.renewals import RenewalsPage

    monkeypatch.setattr(accounts, "SIZING_SAMPLE", 5)  # 5 of 302 rows, as 300 of 10,000

    path = tmp_path / "copy.csdesk"
    shutil.copy(demo_path, path)
    with Workspace.open(path) as ws, ws.transaction() as conn:
        # The last account by name, renewing soon, becomes by far the largest customer.
        conn.execute(
            "UPDATE revenue_months SET mrr = 98765432.1 WHERE account_id = "
            "(SELECT account_id FROM revenue_months JOIN accounts a ON a.id = account_id "
            "ORDER BY a.name_key DESC LIMIT 1)"
        )
    runner = HeldRunner()
    ws = Workspace.open(path, read_only=True)
    session = Session(ws, runner)
    page = RenewalsPage()
    qtbot.addWidget(page)
    page.resize(1000, 650)
    page.show()
    page.set_session(session)
    runner.run(runner.held[0])  # the list
    [mrr_job] = [job for job in runner.held if job is not None]
    runner.run(mrr_job)
    latest = ws.scalar("SELECT max(month) FROM revenue_months")
    largest = ws.scalar("SELECT max(mrr) FROM revenue_months WHERE month = ?", (latest,))
    needed = page.table.fontMetrics().horizontalAdvance(session.money(largest))
    assert page.table.columnWidth(Column.MRR) >= needed
    # Renewals lead with what a renewal is weighed by, whatever the window's width.
    header = page.table.horizontalHeader()
    shown = sorted((c for c in Column if not page.table.isColumnHidden(c)), key=header.visualIndex)
    assert shown[:4] == [Column.NAME, Column.RENEWAL, Column.MRR, Column.HEALTH]
    page.set_session(None)
    ws.close()


def test_the_accounts_list_leads_with_worth_and_health(page: AccountsPage) -> None:
    header = page.table.horizontalHeader()
    shown = sorted(Column, key=header.visualIndex)
    assert shown[:5] == [Column.NAME, Column.EXTERNAL_ID, Column.MRR, Column.HEALTH, Column.RENEWAL]
    # The order is the view's: the model's columns (and every test of them) stay as they are.
    assert page.model.headerData(Column.MRR, Qt.Orientation.Horizontal) == _("MRR")
