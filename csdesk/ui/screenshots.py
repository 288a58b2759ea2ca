"""`python -m csdesk.ui.screenshots FILE OUTDIR`: every main view and an account page as PNG.

Renders offscreen (no display needed) with background jobs run at once, so each picture shows
the page fully loaded. Nothing is written to the workspace (the Today page shows the queue as
it stands: run `csdesk today FILE` first to bring it up to date); one open in another csdesk
is read read-only. The account shown is the one with the highest MRR. The README's images
come from here.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from csdesk.errors import CsdeskError
from csdesk.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

USAGE = "usage: python -m csdesk.ui.screenshots FILE OUTDIR"
# The import preview shows a small sheet of new accounts, one with a money cell it cannot read.
PREVIEW_SHEET = (
    "Cliente;Segmento;Data de renovação;MRR\n"
    "Padaria Aurora;SMB;31/03/2027;R$ 1.250,00\n"
    "Construtora Horizonte;Enterprise;30/06/2027;R$ dois mil\n"
    "Clínica Vida;Mid-market;15/09/2027;R$ 3.480,90\n"
)
SIZE = (1400, 880)
WIZARD_SIZE = (1100, 720)


def render(workspace: Path, outdir: Path) -> list[Path]:
    """:func:`_render` with the Today page showing the queue as it stands: the pictures write
    nothing to the workspace, not even the work queue."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from csdesk.ui.pages import today

    before, today.EVALUATES = today.EVALUATES, False
    try:
        return _render(workspace, outdir)
    finally:
        today.EVALUATES = before


def _render(workspace: Path, outdir: Path) -> list[Path]:
    """Write one PNG per page, the account page's tabs, the settings and the import wizard's
    columns and preview steps (of a generated sheet; nothing is imported) into ``outdir``;
    return them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from csdesk.store import Workspace, WorkspaceLocked
    from csdesk.store.queries.accounts import list_accounts
    from csdesk.store.targets import refuse_workspace_target
    from csdesk.ui import style
    from csdesk.ui.main_window import DESTINATIONS, MainWindow
    from csdesk.ui.pages.imports import ImportsPage
    from csdesk.ui.workers import Runner

    if not workspace.exists():
        raise CsdeskError(f"{workspace} does not exist; make one with `csdesk demo {workspace}`.")
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or style.create_application(sys.argv)
    assert isinstance(app, QApplication)
    style.apply(app)
    window = MainWindow(Runner(immediate=True))
    try:
        ws = Workspace.open(workspace)
    except WorkspaceLocked:
        ws = Workspace.open(workspace, read_only=True)
    window.set_workspace(ws)
    window.resize(*SIZE)
    window.show()
    written: list[Path] = []

    def shoot(name: str, widget: QWidget | None = None) -> None:
        for _pass in range(3):
            app.processEvents()
        path = outdir / f"{len(written) + 1:02d}-{name}.png"
        refuse_workspace_target(path)
        if not (widget or window).grab().save(str(path)):
            raise CsdeskError(f"could not write {path}; check that the folder is writable.")
        written.append(path)

    try:
        for destination in DESTINATIONS:
            window.show_page(destination.key)
            window.page(destination.key).ensure_fresh()
            shoot(destination.key)
        rows = [r for r in list_accounts(ws) if r.mrr]
        if rows:
            best = max(rows, key=lambda r: r.mrr or 0.0)
            window.open_account(best.id)
            page = window.account_page
            for index in range(page.tabs.count()):
                page.tabs.setCurrentIndex(index)
                tab = page.tabs.tabText(index).replace("&&", "and").replace(" ", "-").lower()
                shoot(f"account-{tab}")
            page.tabs.setCurrentIndex(0)
        if not window.session or window.session.read_only:
            return written
        settings = window.open_settings()
        if settings is not None:
            from PySide6.QtWidgets import QTabWidget

            tabs = settings.findChild(QTabWidget)
            if tabs is not None:  # the health model: weights, bands, what would change
                tabs.setCurrentIndex(tab_titled(tabs, _("Health model")))
            settings.resize(720, 560)
            for _pass in range(3):
                app.processEvents()
            path = outdir / f"{len(written) + 1:02d}-settings.png"
            refuse_workspace_target(path)
            settings.grab().save(str(path))
            written.append(path)
            settings.close()
        with tempfile.TemporaryDirectory() as folder:
            sheet = Path(folder) / "novos-clientes.csv"
            sheet.write_text(PREVIEW_SHEET, encoding="cp1252")
            window.spreadsheet_dropped.emit(sheet)
            imports = window.page("imports")
            wizard = imports.wizard if isinstance(imports, ImportsPage) else None
            if wizard is not None:
                wizard.resize(*WIZARD_SIZE)
                shoot("import-columns", wizard)
                wizard.go_next()
                shoot("import-preview", wizard)
                wizard.reject()  # nothing is imported
    finally:
        window.close()
    return written


def tab_titled(tabs: QTabWidget, title: str) -> int:
    """The index of the tab called ``title`` (the first when none is): found by its name, so
    that a tab added before it does not change which one the picture shows."""
    titles = [tabs.tabText(index).replace("&", "") for index in range(tabs.count())]
    return titles.index(title) if title in titles else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        paths = render(Path(args[0]), Path(args[1]))
    except CsdeskError as exc:
        print(f"csdesk: {exc.message}", file=sys.stderr)
        return exc.exit_code
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
