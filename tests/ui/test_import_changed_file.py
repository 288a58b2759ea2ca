"""A file saved again between the wizard's preview and Import is refused: the person is told
it changed and to look at it again, and the workspace is left as it was."""

from __future__ import annotations

from pathlib import Path

from dialog_log import DialogLog
from import_helpers import wizard_of

from csdesk.ui.import_wizard.wizard import PREVIEW, SUMMARY
from csdesk.ui.main_window import MainWindow

SHEET = "Cliente;Segmento;MRR\r\nAçaí Ltda;SMB;R$ 1.234,56\r\nZeta Comércio;SMB;R$ 10,00\r\n"
# The same layout saved again with other rows: a preview of it would show other accounts.
SAVED_AGAIN = "Cliente;Segmento;MRR\r\nÔmega Ltda;SMB;R$ 99,00\r\n"


def _workspace_state(window: MainWindow) -> tuple[object, ...]:
    assert window.session is not None
    ws = window.session.ws
    return (
        ws.query("SELECT id, name FROM accounts ORDER BY id"),
        ws.query("SELECT account_id, month, mrr FROM revenue_months ORDER BY 1, 2"),
        ws.scalar("SELECT count(*) FROM import_batches"),
    )


def test_a_file_changed_after_the_preview_is_refused_and_nothing_is_written(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    path = tmp_path / "clientes.csv"
    path.write_text(SHEET, encoding="utf-8")
    before = _workspace_state(window)
    window.spreadsheet_dropped.emit(path)
    wizard = wizard_of(window)
    wizard.next_button.click()
    assert wizard.step == PREVIEW
    assert wizard.preview_step.accepted_card.value.text() == "2"

    path.write_text(SAVED_AGAIN, encoding="utf-8")
    wizard.next_button.click()  # Import

    assert wizard.step == PREVIEW and wizard.step != SUMMARY
    said = " ".join([wizard.hint.text(), *(message for _title, message in dialogs.errors)])
    assert "clientes.csv changed since the preview; look at it again" in said
    assert _workspace_state(window) == before
    wizard.grab().save(str(tmp_path / "changed-file.png"))
