"""The Imports page shows a data room's batches as one row with one Undo."""

from __future__ import annotations

import os
from pathlib import Path

from dialog_log import DialogLog
from import_helpers import imports_page
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from csdesk.i18n.lang import Lang
from csdesk.ingest.dataroom import import_room, plan_room
from csdesk.ui.main_window import MainWindow

ACCOUNTS = "Código;Cliente;Segmento\nQ-1;Quasar Ltda;SMB\nQ-2;Órion SA;Enterprise\n"
REVENUE = "Código;Mês;MRR\nQ-1;01/2025;100,00\nQ-2;01/2025;250,50\nQ-2;02/2025;260,00\n"
TICKETS = "Chamado;Código;Aberto em\nQT1;Q-1;2025-02-01 10:00\n"


def test_a_data_room_is_one_row_with_one_undo(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog, qtbot: QtBot
) -> None:
    room_folder = tmp_path / "sala Quasar"
    room_folder.mkdir()
    (room_folder / "02 receita.csv").write_text(REVENUE, "utf-8")
    (room_folder / "01 chamados.csv").write_text(TICKETS, "utf-8")
    (room_folder / "Cadastro de clientes.csv").write_text(ACCOUNTS, "utf-8")
    session = window.session
    assert session is not None
    before = session.ws.scalar("SELECT count(*) FROM import_batches")
    with plan_room(room_folder, lang=Lang("en"), ws=session.ws) as room:
        result = import_room(session.ws, room)
    assert len(result.batch_ids) == 3
    session.data_changed.emit("import")
    page = imports_page(window)
    window.show_page("imports")
    page.refresh()
    assert page.model.rowCount() == before + 1
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert cells[0] == "sala Quasar (3 files)"
    assert cells[2] == "Accounts, Revenue +1"
    tooltip = page.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == (
        "Data room: Accounts, Revenue, Tickets\n"
        "Cadastro de clientes.csv\n02 receita.csv\n01 chamados.csv"
    )
    assert cells[4] == "6" and cells[7] == "Imported"  # 2 accounts + 3 months + 1 ticket
    page.table.selectRow(0)
    assert page.undo_button.isEnabled() and page.undo_button.text() == "Undo this data room"
    qtbot.wait(50)  # the button's new width is laid out
    assert page.undo_button.width() >= page.undo_button.sizeHint().width()
    if os.environ.get("CSDESK_SHOTS"):
        window.grab().save(str(Path(os.environ["CSDESK_SHOTS"]) / "imports-room.png"))
    page.undo_button.click()
    assert session.ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Quasar Ltda'") == 0
    assert (
        session.ws.scalar(
            "SELECT count(*) FROM import_batches WHERE group_id = ? AND state = 'done'",
            (result.group_id,),
        )
        == 0
    )
    assert page.model.rowCount() == before + 1
    assert page.model.index(0, 7).data() == "Undone"
    assert not page.undo_button.isEnabled()
    assert dialogs.errors == []
