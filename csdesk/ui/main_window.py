"""The main window: navigation between the pages, the File menu, drops, undo, window state.

Changing the language (the workspace's Language setting, or opening a workspace that asks for
another one) applies at once: the window names its navigation, menus and status bar again and
drops the pages it built, then builds the one being shown (the same account, when one was
open). The workspace stays open and its undo history stays. A dropped page is kept, hidden and
cut off from the workspace (``Page.retire``), until no background job runs: a result that
arrives for it finds no session and is ignored, like one for a workspace closed meanwhile.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.i18n import current_language, set_language
from csdesk.store import Workspace
from csdesk.store.paths import WORKSPACE_SUFFIX
from csdesk.ui import (
    file_dialogs,
    icons,
    qt_numbers,
    qt_translations,
    style,
    ui_settings,
    workspace_opening,
)
from csdesk.ui.data_change import DataChange
from csdesk.ui.first_paint import after_first_paint, painted
from csdesk.ui.pages.base import Page
from csdesk.ui.progress_indicator import ProgressIndicator
from csdesk.ui.remedies import error_text
from csdesk.ui.session import Session, workspace_language
from csdesk.ui.translate import N_, _
from csdesk.ui.workers import Job, Runner

if TYPE_CHECKING:
    from csdesk.ui.backup_restore import RestoreDialog
    from csdesk.ui.pages.account import AccountPage
    from csdesk.ui.pages.accounts import AccountsPage
    from csdesk.ui.quick_open import QuickOpen
    from csdesk.ui.report_export import ReportDialog, ReportRequest
    from csdesk.ui.roles_template_editor import RolesTemplateEditor
    from csdesk.ui.settings_dialog import SettingsDialog

# Files a drop on the window imports: spreadsheets, calendars and mail.
SPREADSHEET_SUFFIXES = frozenset(
    {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods", ".ics", ".eml", ".mbox", ".msg"}
)
# A data room (a client's export of many files): a folder, or a zip of one.
ROOM_SUFFIXES = frozenset({".zip"})


class Destination(NamedTuple):
    """A page of the navigation, named without importing it (pages load when first shown).
    (A named tuple: a dataclass would exec its generated methods at every start.)"""

    key: str
    title: str
    icon_name: str
    module: str
    class_name: str

    def page_type(self) -> type[Page]:
        found = getattr(importlib.import_module(self.module), self.class_name)
        assert isinstance(found, type) and issubclass(found, Page)
        return found


_PAGES = "csdesk.ui.pages."
DESTINATIONS: tuple[Destination, ...] = (
    Destination("today", N_("Today"), "list-checks", _PAGES + "today", "TodayPage"),
    Destination(
        "portfolio", N_("Portfolio"), "layout-dashboard", _PAGES + "portfolio", "PortfolioPage"
    ),
    Destination("accounts", N_("Accounts"), "building-2", _PAGES + "accounts", "AccountsPage"),
    Destination("revenue", N_("Revenue"), "trending-up", _PAGES + "revenue", "RevenuePage"),
    Destination("health", N_("Health"), "heart-pulse", _PAGES + "health", "HealthPage"),
    Destination("support", N_("Support & CX"), "life-buoy", _PAGES + "support", "SupportPage"),
    Destination("renewals", N_("Renewals"), "calendar-clock", _PAGES + "renewals", "RenewalsPage"),
    Destination("team", N_("Team & capacity"), "users-round", _PAGES + "team", "TeamPage"),
    Destination("imports", N_("Imports"), "file-up", _PAGES + "imports", "ImportsPage"),
)
KEYS = [d.key for d in DESTINATIONS]
# The window's attributes that the menus' entries are (MainWindow._fill_menus).
_MENU_ENTRIES = frozenset(
    {
        "recent_menu",
        "import_action",
        "import_folder_action",
        "import_zip_action",
        "excel_action",
        "audit_action",
        "roles_action",
        "restore_action",
        "undo_action",
        "redo_action",
        "settings_action",
        "roles_template_action",
    }
)


# Below this the pages no longer fit without clipping (tests/ui/test_layout_fits.py renders
# every page at it); never more than the screen has room for.
MINIMUM_SIZE = QSize(900, 600)
FIRST_SHARE = 0.8
FIRST_AT_LEAST = QSize(1100, 700)


def first_size(available: QSize) -> QSize:
    """The window's size on a first start: 80 % of the screen's free area, at least 1100×700
    where the screen has room for that (a 1366×768 laptop at 125 % is about 1090×610: all of
    it), never more than the screen."""
    width = max(round(available.width() * FIRST_SHARE), FIRST_AT_LEAST.width())
    height = max(round(available.height() * FIRST_SHARE), FIRST_AT_LEAST.height())
    return QSize(width, height).boundedTo(available)


def centred(size: QSize, available: QRect) -> QRect:
    """A rectangle of ``size`` centred on ``available``, rounded as ``QStyle.alignedRect``
    rounds (whose class costs the start-up milliseconds to load)."""
    x = available.x() + available.width() // 2 - size.width() // 2
    y = available.y() + available.height() // 2 - size.height() // 2
    return QRect(x, y, size.width(), size.height())


class MainWindow(QMainWindow):
    spreadsheet_dropped = Signal(Path)
    room_dropped = Signal(Path)  # a folder or zip of spreadsheets, imported as a set
    report_written = Signal(Path)
    session_changed = Signal()

    def __init__(self, runner: Runner | None = None) -> None:
        super().__init__()
        self.runner = runner or Runner(parent=self)
        self.session: Session | None = None
        self.setAcceptDrops(True)
        palette = style.current()
        self._shown_dark = palette.dark  # the scheme the pages were drawn in
        # The language the window's words are in (``apply_language`` changes it).
        self._shown_language = current_language()
        qt_translations.install(self._shown_language)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(18, 18))
        self.navigation.setFixedWidth(210)
        self.stack = QStackedWidget()
        # Pages are built the first time they are shown, so the window opens quickly.
        self.pages: dict[str, Page] = {}
        self._account_page: AccountPage | None = None
        # Pages dropped when the language changed, deleted once no job can answer them.
        self._retired: list[Page] = []
        for destination in DESTINATIONS:
            item = QListWidgetItem(
                icons.icon(destination.icon_name, palette.text), _(destination.title)
            )
            item.setData(qt_numbers.USER_ROLE, destination.key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._navigate)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.workspace_label = QLabel()
        self.read_only_label = QLabel(_("Read-only"))
        self.read_only_label.setObjectName("muted")
        self.read_only_label.hide()
        self.progress = ProgressIndicator(self.runner)
        self.last_report: Path | None = None
        self.open_folder_button = QPushButton(_("Open folder"))
        self.open_folder_button.setFlat(True)
        self.open_folder_button.clicked.connect(self.open_report_folder)
        self.open_folder_button.hide()
        self.statusBar().addWidget(self.workspace_label, 1)
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.statusBar().addPermanentWidget(self.open_folder_button)
        self.statusBar().addPermanentWidget(self.progress)

        self.spreadsheet_dropped.connect(self._route_spreadsheet)
        self.room_dropped.connect(self._route_room)
        self.runner.job_failed.connect(self._job_failed)

        self._build_menus()
        self.navigation.setCurrentRow(0)
        self._update_title()
        self._restore_state()

    @staticmethod
    def application() -> QApplication:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        return app

    # -- structure ------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page ``key`` of the navigation, built (and given the session) on first use."""
        found = self.pages.get(key)
        if found is None:
            found = DESTINATIONS[KEYS.index(key)].page_type()()
            self.pages[key] = found
            self.stack.addWidget(found)
            opens_accounts = getattr(found, "account_activated", None)
            if opens_accounts is not None:
                opens_accounts.connect(self.open_account)
            counted = getattr(found, "count_changed", None)
            if counted is not None:
                counted.connect(lambda n, k=key: self._show_count(k, n))
            found.set_session(self.session)
        return found

    @property
    def accounts_page(self) -> AccountsPage:
        from csdesk.ui.pages import accounts

        page = self.page("accounts")
        assert isinstance(page, accounts.AccountsPage)
        return page

    @property
    def account_page(self) -> AccountPage:
        """One account's page, outside the navigation (reached from the lists)."""
        if self._account_page is None:
            from csdesk.ui.pages.account import AccountPage

            page = AccountPage()
            page.back_requested.connect(lambda: self.show_page("accounts"))
            page.report_requested.connect(self.export_report)
            self.stack.addWidget(page)
            page.set_session(self.session)
            self._account_page = page
        return self._account_page

    def _build_menus(self) -> None:
        """A new menu bar in the language in force (the old one, its menus and actions go).

        The bar and its menus' titles now; their entries (some 30 actions and shortcuts,
        and the classes behind them) once the window has first painted, or as soon as one
        is asked for: nobody opens a menu or presses a shortcut before the window shows.
        """
        self.setMenuBar(QMenuBar(self))
        bar = self.menuBar()
        self._menus = (bar.addMenu(_("&File")), bar.addMenu(_("&Edit")), bar.addMenu(_("&Go")))
        self._menus_filled = False
        if painted(self):
            self._fill_menus()
        else:
            after_first_paint(self, self._fill_menus)

    if not TYPE_CHECKING:  # (type checkers know the entries from _fill_menus)

        def __getattr__(self, name: str) -> object:
            """A menu's entry asked for before the menus were filled: fill them now."""
            if name in _MENU_ENTRIES and not self.__dict__.get("_menus_filled", True):
                self._fill_menus()
                return getattr(self, name)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _fill_menus(self) -> None:
        if self._menus_filled:
            return
        self._menus_filled = True
        from PySide6.QtGui import QAction, QKeySequence

        file_menu, edit_menu, go_menu = self._menus
        new = file_menu.addAction(_("&New workspace…"), self.new_workspace)
        new.setShortcut(QKeySequence.StandardKey.New)
        opened = file_menu.addAction(_("&Open workspace…"), self.choose_workspace)
        opened.setShortcut(QKeySequence.StandardKey.Open)
        self.recent_menu = QMenu(_("Open &recent"), file_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.import_action = file_menu.addAction(_("&Import spreadsheet…"), self.choose_import)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_folder_action = file_menu.addAction(
            _("Import a &folder…"), self.choose_import_folder
        )
        self.import_folder_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_zip_action = file_menu.addAction(_("Import a &zip…"), self.choose_import_zip)
        self.excel_action = file_menu.addAction(
            _("Export to &Excel…"), lambda: self.export_report("excel")
        )
        self.audit_action = file_menu.addAction(
            _("Operation &audit…"), lambda: self.export_report("audit")
        )
        self.roles_action = file_menu.addAction(
            _("Role &clarity (generic)…"), lambda: self.export_report("roles")
        )
        file_menu.addSeparator()
        self.restore_action = file_menu.addAction(_("Restore from &backup…"), self.choose_backup)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(_("&Quit"), self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)

        self.undo_action = QAction(_("&Undo"), edit_menu)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(_("&Redo"), edit_menu)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.settings_action = edit_menu.addAction(_("&Settings…"), self.open_settings)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.roles_template_action = edit_menu.addAction(
            _("Role clarity &template…"), self.edit_roles_template
        )

        quick = go_menu.addAction(_("Open &account…"), self.quick_open)
        quick.setShortcut(QKeySequence("Ctrl+K"))
        go_menu.addSeparator()
        for number, destination in enumerate(DESTINATIONS, start=1):
            action = go_menu.addAction(_(destination.title))
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _c=False, key=destination.key: self.show_page(key))
        self._update_undo_actions()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = ui_settings.recent_workspaces()
        if not recent:
            self.recent_menu.addAction(_("No recent workspaces")).setEnabled(False)
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))

    # -- workspace ------------------------------------------------------------------------

    def set_workspace(self, ws: Workspace | None) -> None:
        """Show ``ws`` on every page, closing the workspace shown before."""
        self._close_dialogs()
        if self.session is not None:
            self.session.undo_stack.indexChanged.disconnect(self._update_undo_actions)
            self.session.close()
        self.session = None if ws is None else Session(ws, self.runner, self)
        if self.session is not None:
            self.session.undo_stack.indexChanged.connect(self._update_undo_actions)
            self.session.data_changed.connect(self._data_changed)
            ui_settings.remember_workspace(self.session.ws.path)
        for page in self._built_pages():
            page.set_session(self.session)
        if self._account_page is not None and self.stack.currentWidget() is self._account_page:
            self.show_page("accounts")
        self._update_title()
        self._update_undo_actions()
        # The workspace's language wins (none set: the system's); no workspace keeps the
        # language in force.
        if self.session is not None:
            self.apply_language(workspace_language(self.session.ws))
        self.session_changed.emit()

    def _data_changed(self, what: object) -> None:
        if DataChange.coerce(what).reason == "settings" and self.session is not None:
            self.apply_language(workspace_language(self.session.ws))

    # -- language -------------------------------------------------------------------------

    def apply_language(self, name: str | None) -> bool:
        """Make ``name`` (None: the system's) the language of every word, now; True when it
        changed the language in force."""
        try:
            wanted = set_language(name)
        except CsdeskError:
            wanted = set_language(None)
        if wanted == self._shown_language:
            return False
        qt_translations.install(wanted)
        self.retranslate()
        return True

    def follow_system_scheme(self, *_scheme: object) -> bool:
        """Restyle the app after the system's light or dark scheme; True when it changed.

        The palette and stylesheet apply to every widget at once; the navigation's icons are
        tinted again, and the pages are built again (as for a language change) so that their
        charts and coloured figures are drawn in the new theme.
        """
        palette = style.apply(self.application())  # app-wide; nothing when already applied
        if palette.dark == self._shown_dark:
            return False
        self._shown_dark = palette.dark
        for index, destination in enumerate(DESTINATIONS):
            item = self.navigation.item(index)
            if item is not None:
                item.setIcon(icons.icon(destination.icon_name, palette.text))
        self.retranslate()
        return True

    def retranslate(self) -> None:
        """Show every word again in the language in force, without closing the workspace.

        Open dialogs (but the settings, which is closing itself) close. The navigation,
        menus (same shortcuts), status bar and title are named again; the built pages are
        dropped and the one shown is built again, numbers and dates and charts in the new
        language: the same account when an account was open, on its same tab. The undo
        history stays; its entries are named again where they can be (``retranslate``).
        """
        self._close_dialogs(keep_settings=True)
        account_page = self._account_page
        account_id: int | None = None
        account_tab = 0
        if account_page is not None and self.stack.currentWidget() is account_page:
            account_id = account_page.account_id
            account_tab = account_page.tabs.currentIndex()
        row = self.navigation.currentRow()
        self.setUpdatesEnabled(False)
        try:
            self._retire_pages()
            for index, destination in enumerate(DESTINATIONS):
                item = self.navigation.item(index)
                if item is not None:
                    item.setText(_(destination.title))
            self._build_menus()
            self.read_only_label.setText(_("Read-only"))
            self.open_folder_button.setText(_("Open folder"))
            self.progress.retranslate()
            self.statusBar().clearMessage()
            if self.session is not None:
                for index in range(self.session.undo_stack.count()):
                    command = self.session.undo_stack.command(index)
                    renamed = getattr(command, "retranslate", None)
                    if callable(renamed):
                        renamed()
            self._update_title()
            self._update_undo_actions()
            if account_id is not None:
                self.open_account(account_id)
                self.account_page.tabs.setCurrentIndex(account_tab)
            else:
                self._navigate(row)
        finally:
            self.setUpdatesEnabled(True)
        self._shown_language = current_language()

    def _built_pages(self) -> list[Page]:
        return [*self.pages.values(), *([self._account_page] if self._account_page else [])]

    def _retire_pages(self) -> None:
        """Take every built page out of the window; each is deleted once no job runs (a job
        still running for it may call it back)."""
        for page in self._built_pages():
            page.retire()
            self.stack.removeWidget(page)
            page.hide()
            self._retired.append(page)
        self.pages = {}
        self._account_page = None
        QTimer.singleShot(0, self, self._drop_retired)

    def _drop_retired(self) -> None:
        if not self._retired:
            return
        if self.runner.active:
            from PySide6.QtCore import Qt

            # Checked again once each running job has ended (after its callbacks ran).
            for job in self.runner.active:
                job.ended.connect(
                    lambda: QTimer.singleShot(0, self, self._drop_retired),
                    Qt.ConnectionType.SingleShotConnection,
                )
            return
        retired, self._retired = self._retired, []
        for page in retired:
            page.deleteLater()

    def open_path(self, path: Path) -> bool:
        ws = workspace_opening.open_workspace(self, path)
        if ws is None:
            if not path.exists():
                ui_settings.forget_workspace(path)
            return False
        self.set_workspace(ws)
        return True

    def choose_workspace(self) -> None:
        path = file_dialogs.open_path(self, _("Open workspace"), file_dialogs.workspace_filter())
        if path is not None:
            self.open_path(path)

    def new_workspace(self) -> None:
        path = file_dialogs.save_path(self, _("New workspace"), file_dialogs.workspace_filter())
        if path is None:
            return
        if path.suffix != WORKSPACE_SUFFIX:
            path = path.with_name(path.name + WORKSPACE_SUFFIX)
        ws = workspace_opening.create_workspace(self, path)
        if ws is not None:
            self.set_workspace(ws)

    def _update_title(self) -> None:
        session = self.session
        if session is None:
            self.setWindowTitle("csdesk")
            self.workspace_label.setText(_("No workspace open"))
            self.read_only_label.hide()
            return
        suffix = "  " + _("[read-only]") if session.read_only else ""
        self.setWindowTitle(f"{session.ws.path.name}{suffix} — csdesk")
        self.workspace_label.setText(str(session.ws.path))
        self.read_only_label.setVisible(session.read_only)

    # -- navigation -----------------------------------------------------------------------

    def _show_count(self, key: str, count: int) -> None:
        """A page's count beside its name in the navigation (Today: actions due by today)."""
        item = self.navigation.item(KEYS.index(key))
        title = _(DESTINATIONS[KEYS.index(key)].title)
        shown = self.session.number(count) if self.session is not None else str(count)
        item.setText(f"{title}  ({shown})" if count else title)

    def show_page(self, key: str) -> None:
        row = KEYS.index(key)
        if self.navigation.currentRow() == row:
            self._navigate(row)
        else:
            self.navigation.setCurrentRow(row)

    def _navigate(self, row: int) -> None:
        if 0 <= row < len(DESTINATIONS):
            self.stack.setCurrentWidget(self.page(DESTINATIONS[row].key))

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def open_account(self, account_id: int) -> None:
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(KEYS.index("accounts"))
        self.navigation.blockSignals(False)
        self.stack.setCurrentWidget(self.account_page)
        self.account_page.open_account(account_id)

    def quick_open(self) -> QuickOpen | None:
        if self.session is None:
            return None
        from csdesk.ui.quick_open import QuickOpen

        popup = QuickOpen(self.session, self)
        popup.account_chosen.connect(self.open_account)
        popup.popup()
        self._quick = popup
        return popup

    def open_settings(self) -> SettingsDialog | None:
        """The workspace's settings (not modal; saving tells every page)."""
        if self.session is None:
            return None
        from csdesk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.session, self)
        dialog.open()
        self._settings_dialog = dialog
        return dialog

    # -- backups --------------------------------------------------------------------------

    def choose_backup(self) -> RestoreDialog | None:
        """File > Restore from backup…: pick one of the workspace's backups."""
        if self.session is None:
            return None
        from csdesk.ui.backup_restore import RestoreDialog

        dialog = RestoreDialog(self.session, self)
        dialog.accepted.connect(lambda: self._confirm_restore(dialog.chosen()))
        dialog.open()
        self._restore_dialog = dialog
        return dialog

    def _confirm_restore(self, backup: Path | None) -> None:
        session = self.session
        if session is None or backup is None:
            return
        question = _(
            "Replace the content of {workspace} with the backup {backup}? The current content "
            "is backed up first."
        ).format(workspace=session.ws.path.name, backup=backup.name)
        if workspace_opening.confirm_question(self, _("Restore from backup"), question):
            self.restore_backup(backup)

    def restore_backup(self, backup: Path) -> None:
        """Close the workspace, restore ``backup`` into it in the writer job, open it again."""
        session = self.session
        if session is None:
            return
        from csdesk.store.backup import restore

        path = session.ws.path
        self.runner.wait()
        self.set_workspace(None)

        def failed(error: BaseException) -> None:
            message = error_text(error) if isinstance(error, CsdeskError) else str(error)
            workspace_opening.error_dialog(self, _("Cannot restore backup"), message)
            self.open_path(path)

        def restored(_result: object) -> None:
            if self.open_path(path):
                self.statusBar().showMessage(
                    _("Restored {backup}").format(backup=backup.name), 15_000
                )

        self.runner.submit(
            _("Restoring {backup}").format(backup=backup.name),
            lambda progress: restore(backup, path),
            done=restored,
            failed=failed,
            writes=True,
        )

    def edit_roles_template(self) -> RolesTemplateEditor | None:
        """Edit > Role clarity template…: the RACI matrix the role-clarity document uses."""
        if self.session is None:
            return None
        from csdesk.ui.roles_template_editor import RolesTemplateEditor

        dialog = RolesTemplateEditor(self.session, self)
        dialog.open()
        self._roles_template_dialog = dialog
        return dialog

    # -- documents ------------------------------------------------------------------------

    def export_report(self, kind: str, account_id: int | None = None) -> ReportDialog | None:
        """Ask where and how to write a document, then write it in the background."""
        if self.session is None:
            return None
        from csdesk.ui.report_export import ReportDialog

        base = "csdesk"
        if account_id is not None:
            name = self.session.ws.scalar("SELECT name FROM accounts WHERE id = ?", (account_id,))
            base = "".join(c if c.isalnum() or c in "-_ " else "_" for c in str(name)).strip()
        base = f"{base} {kind}" if kind != "excel" else self.session.ws.path.stem
        dialog = ReportDialog(
            kind,
            self.session.ws,
            self.session.locale,
            account_id=account_id,
            base_name=base,
            folder=self.session.ws.path.parent,
            parent=self,
        )
        dialog.accepted.connect(lambda: self.run_report(dialog.request()))
        dialog.open()
        self._report_dialog = dialog
        return dialog

    def run_report(self, request: ReportRequest) -> Job | None:
        """Write ``request`` in a background job; say where it went in the status bar."""
        session = self.session
        if session is None:
            return None
        from csdesk.ui.report_export import TITLES, write_report

        return self.runner.submit(
            _(TITLES[request.kind]),
            lambda progress: write_report(session.ws, request, progress),
            done=self._report_written,
        )

    def _report_written(self, path: object) -> None:
        if not isinstance(path, Path):
            return
        self.last_report = path
        self.statusBar().showMessage(_("Wrote {path}").format(path=path), 15_000)
        self.open_folder_button.show()
        self.report_written.emit(path)

    def open_report_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if self.last_report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_report.parent)))

    # -- undo -----------------------------------------------------------------------------

    def undo(self) -> None:
        if self.session is not None and self.session.undo_stack.canUndo():
            self.session.undo_stack.undo()

    def redo(self) -> None:
        if self.session is not None and self.session.undo_stack.canRedo():
            self.session.undo_stack.redo()

    def _update_undo_actions(self) -> None:
        if not self._menus_filled:
            return  # filling them does this
        stack = None if self.session is None else self.session.undo_stack
        can_undo = stack is not None and stack.canUndo()
        can_redo = stack is not None and stack.canRedo()
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(
            _("&Undo {what}").format(what=stack.undoText()) if stack and can_undo else _("&Undo")
        )
        self.redo_action.setText(
            _("&Redo {what}").format(what=stack.redoText()) if stack and can_redo else _("&Redo")
        )

    def _job_failed(self, job: Job, error: BaseException) -> None:
        """A background job failed: a user's problem is explained, a bug reported plainly."""
        if isinstance(error, CsdeskError):
            workspace_opening.error_dialog(self, job.title, error_text(error))
            return
        traceback.print_exception(error, file=sys.stderr)
        workspace_opening.error_dialog(
            self,
            _("Unexpected error"),
            _("{what} failed: {error}. Nothing was changed; please report this.").format(
                what=job.title, error=f"{type(error).__name__}: {error}"
            ),
        )

    # -- drops ----------------------------------------------------------------------------

    @staticmethod
    def spreadsheets_in(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in SPREADSHEET_SUFFIXES]

    @staticmethod
    def rooms_in(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        """The folders and zips among the dropped paths: each is a data room."""
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in ROOM_SUFFIXES or p.is_dir()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        wanted = self.spreadsheets_in(event) or self.rooms_in(event)
        if self.session is not None and not self.session.read_only and wanted:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """A dropped folder or zip opens the data room wizard (the first one: one set at a
        time, so the spreadsheets dropped with it wait); spreadsheets open the import wizard."""
        rooms = self.rooms_in(event)
        paths = self.spreadsheets_in(event)
        if not (rooms or paths) or self.session is None or self.session.read_only:
            event.ignore()
            return
        event.acceptProposedAction()
        if rooms:
            self.room_dropped.emit(rooms[0])
            return
        for path in paths:
            self.spreadsheet_dropped.emit(path)

    def choose_import(self) -> None:
        """File > Import…: pick a spreadsheet, then walk it through the import wizard."""
        if self.session is None or self.session.read_only:
            return
        path = file_dialogs.choose_spreadsheet(self)
        if path is not None:
            self.spreadsheet_dropped.emit(path)

    def choose_import_folder(self) -> None:
        """File > Import a folder…: every file of a client's folder, in one go."""
        if self.session is None or self.session.read_only:
            return
        path = file_dialogs.choose_folder(self)
        if path is not None:
            self.room_dropped.emit(path)

    def choose_import_zip(self) -> None:
        """File > Import a zip…: every file of a zip, in one go."""
        if self.session is None or self.session.read_only:
            return
        path = file_dialogs.choose_zip(self)
        if path is not None:
            self.room_dropped.emit(path)

    def _route_room(self, path: Path) -> None:
        from csdesk.ui.pages.imports import ImportsPage

        imports = self.page("imports")
        assert isinstance(imports, ImportsPage)
        imports.offer_room(path)
        self.show_page("imports")

    def _route_spreadsheet(self, path: Path) -> None:
        from csdesk.ui.pages.imports import ImportsPage

        imports = self.page("imports")
        assert isinstance(imports, ImportsPage)
        imports.offer_file(path)
        self.show_page("imports")

    # -- window state ---------------------------------------------------------------------

    def _restore_state(self) -> None:
        """The size and place the window had when it last closed; on a first start a share of
        the screen it opens on (:func:`first_size`), centred on it."""
        settings = ui_settings.settings()
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(available.size()))
        geometry = settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.setGeometry(centred(first_size(available.size()), available))
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def save_state(self) -> None:
        settings = ui_settings.settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.sync()

    def _close_dialogs(self, *, keep_settings: bool = False) -> None:
        """Dialogs of the workspace being closed go with it (the settings stay when they
        are what changed the language)."""
        for name in (
            *(() if keep_settings else ("_settings_dialog",)),
            "_quick",
            "_report_dialog",
            "_restore_dialog",
            "_roles_template_dialog",
        ):
            dialog = getattr(self, name, None)
            if dialog is not None:
                dialog.close()
                setattr(self, name, None)
        for name in ("wizard", "room_wizard"):
            wizard = getattr(self.pages.get("imports"), name, None)
            if wizard is not None:
                wizard.close_for_session()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close_dialogs()
        self.save_state()
        if self.session is not None:
            self.session.close()
            self.session = None
        super().closeEvent(event)
