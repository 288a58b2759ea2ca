"""Changes announced with what they changed: an import of tickets for one account makes the
figures made from tickets read again, keeps those made from revenue, and refreshes the page
of that account only; undo, notes and settings say what they touched too."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from import_helpers import wizard_of
from pytestqt.qtbot import QtBot

from csdesk.ingest.accounts_matching import name_key
from csdesk.store import Workspace
from csdesk.ui import conventions_source, health_source, metrics_source
from csdesk.ui.data_change import EVERYTHING, IMPORTS, DataChange
from csdesk.ui.import_wizard.wizard import COLUMNS, SUMMARY
from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages.base import Page

TICKETS = (
    "Id,Requester,Organization,Subject,Status,Priority,Created at,Solved at\n"
    "901,Ana,Acme,Login fails,solved,high,2026-05-01 10:00,2026-05-01 12:00\n"
    "902,Ana,Acme,Export slow,open,low,2026-05-03 10:00,\n"
)


@pytest.fixture
def sample_path(sample_path: Path) -> Path:
    """The sample with its account names keyed as the importer keys them (``Acme Corp`` is
    ``acme``), so a sheet naming ``Acme`` reaches account 1 instead of creating one."""
    ws = Workspace.open(sample_path)
    with ws.transaction() as conn:
        for account, name in ws.query("SELECT id, name FROM accounts"):
            conn.execute("UPDATE accounts SET name_key = ? WHERE id = ?", (name_key(name), account))
    ws.close()
    return sample_path


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each shared figure was computed (the cache answered the rest)."""
    calls: Counter[str] = Counter()

    def counting(module: Any, name: str) -> None:
        real: Callable[..., Any] = getattr(module, name)

        def count(*args: Any, **kwargs: Any) -> Any:
            calls[f"{module.__name__.rsplit('.', 1)[-1]}.{name}"] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, count)

    counting(metrics_source, "compute")
    counting(health_source, "score_all")
    counting(conventions_source, "compute")
    return calls


def refreshes(monkeypatch: pytest.MonkeyPatch, page: Page) -> list[int]:
    """Each refresh of ``page`` appends the account it showed."""
    seen: list[int] = []
    real = page.refresh

    def refresh() -> None:
        seen.append(getattr(page, "account_id", None) or 0)
        real()

    monkeypatch.setattr(page, "refresh", refresh)
    return seen


def import_tickets(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text(TICKETS, encoding="utf-8")
    window.spreadsheet_dropped.emit(path)
    wizard = wizard_of(window)
    assert wizard.step == COLUMNS and wizard.plan is not None
    assert wizard.plan.entity == "tickets" and wizard.plan.accounts_to_create == 0
    wizard.next_button.click()  # the preview
    wizard.next_button.click()  # Import
    assert wizard.step == SUMMARY
    wizard.next_button.click()  # Finish


def test_importing_tickets_reads_again_only_what_tickets_reach(
    window: MainWindow,
    with_metrics: bool,
    computed: Counter[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    session = window.session
    assert session is not None
    window.show_page("revenue")  # the portfolio figures and the conventions' figures
    qtbot.waitUntil(lambda: computed["conventions_source.compute"] == 1)  # after first paint
    window.show_page("accounts")  # every account's health
    window.open_account(2)  # Beta Ltda: the last month of revenue is kept too
    assert computed == {
        "metrics_source.compute": 1,
        "health_source.score_all": 1,
        "conventions_source.compute": 1,
    }
    assert {"portfolio", "health", "mrr_last_month"} <= set(session.cache)
    page = window.account_page
    seen = refreshes(monkeypatch, page)

    import_tickets(window, tmp_path)  # two tickets of Acme (account 1)
    # Beta's page is not read again; what tickets feed (portfolio, health) is dropped, what
    # only revenue feeds (conventions, the last month) is kept.
    assert not page.stale and seen == []  # nothing to read again when it shows next
    assert "portfolio" not in session.cache and "health" not in session.cache
    assert "mrr_last_month" in session.cache
    assert any(key.startswith("conventions:") for key in session.cache)
    window.show_page("revenue")
    qtbot.waitUntil(
        lambda: computed["metrics_source.compute"] == 2
    )  # made again, with the new tickets
    assert computed["conventions_source.compute"] == 1  # from the cache: revenue unchanged

    # The page showing Acme reads again when Acme's tickets are undone.
    window.open_account(1)
    before = page.tickets_model.rowCount()
    seen.clear()
    wizard = wizard_of(window)
    assert wizard.result is not None
    batch = int(wizard.result.batch_id)
    from csdesk.ui.import_wizard import jobs

    jobs.undo_batch(session, batch, lambda _result: None)
    assert seen == [1]
    assert page.tickets_model.rowCount() == before - 2
    assert computed["conventions_source.compute"] == 1


def test_the_page_of_the_account_imported_reads_again(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.open_account(1)
    page = window.account_page
    before = page.tickets_model.rowCount()
    seen = refreshes(monkeypatch, page)
    imports = refreshes(monkeypatch, window.page("imports"))
    import_tickets(window, tmp_path)
    # Hidden behind the Imports page the wizard opened on: marked to read again when shown.
    assert page.stale and seen == []
    window.stack.setCurrentWidget(page)  # back to it, as the Back of the Imports page would
    assert seen == [1]
    assert page.tickets_model.rowCount() == before + 2
    assert imports  # the import history shows the new batch
    # A note typed on Beta's timeline reaches neither Acme's page nor the import history.
    seen.clear()
    imports.clear()
    from csdesk.domain.enums import EventKind
    from csdesk.ui.timeline_entry import AddEntryCommand, EntryDraft

    session = window.session
    assert session is not None
    draft = EntryDraft(2, EventKind.NOTE, "Called Beta", None, None, datetime(2026, 5, 4, 9, 0))
    session.undo_stack.push(AddEntryCommand(session, draft))
    assert seen == [] and imports == []


def test_a_change_says_what_it_touches() -> None:
    tickets = DataChange.of_batch("import", "tickets", frozenset({1}), creates_accounts=False)
    assert tickets.kinds == {"tickets", IMPORTS}
    assert tickets.touches({"tickets"}, 1) and not tickets.touches({"tickets"}, 2)
    assert tickets.touches({"tickets"})  # a page about no one account
    assert not tickets.touches({"revenue", "contracts"})
    created = DataChange.of_batch("import", "tickets", frozenset({4}), creates_accounts=True)
    assert "accounts" in created.kinds
    # Contracts re-sum revenue months and link others' usage: any account may have changed.
    contracts = DataChange.of_batch("undo", "contracts", frozenset({1}), creates_accounts=False)
    assert {"revenue", "usage"} <= contracts.kinds and contracts.touches(EVERYTHING, 2)
    unknown = DataChange.of_batch("import", None, frozenset({1}), creates_accounts=False)
    assert unknown.kinds == EVERYTHING and unknown.accounts is None
    assert DataChange.coerce("import") == DataChange.everything("import")
    assert DataChange.coerce(tickets) is tickets
