"""Exports on worker threads write in their own language and leave the app's alone.

A pt-BR QBR pack and an English workbook are held half-way through (after their content is
gathered, before it is written) while the GUI thread reads its language and draws a page; then
they finish one after the other. Each document comes out in the language it was asked for, and
the window speaks its own language throughout and after: no export switches what another
thread reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from csdesk.i18n import Lang, current_language
from csdesk.reports.qbr import pdf as qbr_pdf
from csdesk.reports.xlsx import export as xlsx_export
from csdesk.store import Workspace
from csdesk.ui.main_window import MainWindow
from csdesk.ui.report_export import EXCEL, QBR, ReportRequest, recent_quarters, write_report

WAIT = 60  # seconds; a bound on a hang, never a measure of speed


def _held(
    name: str,
    original: Callable[..., Any],
    arrived: dict[str, threading.Event],
    go: dict[str, threading.Event],
) -> Callable[..., Any]:
    def hold(*args: Any, **kwargs: Any) -> Any:
        arrived[name].set()
        assert go[name].wait(WAIT)
        return original(*args, **kwargs)

    return hold


def _navigation(window: MainWindow) -> list[str]:
    """Portfolio, Accounts, Revenue as the navigation names them (Today, first, carries a count)."""
    return [window.navigation.item(row).text() for row in range(1, 4)]


@pytest.mark.parametrize("gui", ["en", "pt_BR"])
def test_overlapping_exports_keep_their_language_and_the_windows(
    window: MainWindow,
    sample_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    gui: str,
) -> None:
    window.apply_language(gui)
    shown = [Lang(gui)(word) for word in ("Portfolio", "Accounts", "Revenue")]
    assert shown != [
        Lang("pt_BR" if gui == "en" else "en")(w) for w in ("Portfolio", "Accounts", "Revenue")
    ]
    window.show_page("accounts")
    assert _navigation(window) == shown

    arrived = {"qbr": threading.Event(), "excel": threading.Event()}
    go = {"qbr": threading.Event(), "excel": threading.Event()}
    monkeypatch.setattr(qbr_pdf, "draw", _held("qbr", qbr_pdf.draw, arrived, go))
    monkeypatch.setattr(
        xlsx_export, "write_workbook", _held("excel", xlsx_export.write_workbook, arrived, go)
    )
    with Workspace.open(sample_path, read_only=True) as ws:
        quarter = recent_quarters(ws)[0]
    requests = {
        "qbr": ReportRequest(QBR, tmp_path / "qbr.pdf", Lang("pt_BR"), 1, quarter),
        "excel": ReportRequest(EXCEL, tmp_path / "portfolio.xlsx", Lang("en")),
    }
    failures: list[BaseException] = []
    said: dict[str, list[str]] = {name: [] for name in requests}

    def export(name: str) -> None:
        try:
            with Workspace.open(sample_path, read_only=True) as ws:
                write_report(ws, requests[name], lambda _fraction, text: said[name].append(text))
        except BaseException as exc:  # reported on the test's thread below
            failures.append(exc)
            arrived[name].set()

    workers = {name: threading.Thread(target=export, args=(name,)) for name in requests}
    workers["qbr"].start()
    assert arrived["qbr"].wait(WAIT)
    workers["excel"].start()
    assert arrived["excel"].wait(WAIT)
    assert failures == []

    # Both exports are half-way: the GUI thread reads and draws in its own language.
    assert current_language() == gui
    window.retranslate()
    window.show_page("portfolio")
    window.show_page("accounts")
    assert _navigation(window) == shown
    window.grab().save(str(tmp_path / f"during-{gui}.png"))

    # The pt-BR one finishes first, then the English one (the order that used to leave the
    # app in pt_BR).
    go["qbr"].set()
    workers["qbr"].join(WAIT)
    assert current_language() == gui
    go["excel"].set()
    workers["excel"].join(WAIT)
    assert failures == []
    assert current_language() == gui
    window.retranslate()
    assert _navigation(window) == shown

    pack = " ".join(
        " ".join(p.extract_text() for p in PdfReader(tmp_path / "qbr.pdf").pages).split()
    )
    assert "Revisão trimestral de negócios".upper() in pack
    assert "Quarterly business review".upper() not in pack
    sheets = load_workbook(tmp_path / "portfolio.xlsx").sheetnames
    assert "Accounts" in sheets and "Contas" not in sheets
    # The progress shown in the status bar speaks the window's language, whatever the
    # document's, and names the file being written.
    words = Lang(gui)
    for name, request in requests.items():
        file = request.target.name
        assert said[name] == [
            words("Preparing {file}…").format(file=file),
            words("Writing {file}…").format(file=file),
        ]
