"""Edit > Role clarity template…: cells edited, rows without exactly one A refused, the saved
matrix used by the reports, and Reset bringing the shipped one back."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidgetItem

from csdesk.domain.enums import Role
from csdesk.reports.roles_template import default_template, load_template
from csdesk.ui.main_window import MainWindow
from csdesk.ui.roles_template_editor import RolesTemplateEditor


def _editor(window: MainWindow) -> RolesTemplateEditor:
    window.roles_template_action.trigger()
    editor = window._roles_template_dialog
    assert isinstance(editor, RolesTemplateEditor)
    editor.language.setCurrentIndex(editor.language.findData("en"))
    return editor


def _set(editor: RolesTemplateEditor, row: int, column: int, text: str) -> None:
    item = editor.table.item(row, column)
    assert isinstance(item, QTableWidgetItem)
    item.setText(text)


def test_edit_save_and_reset(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    shipped = default_template("en")
    editor = _editor(window)
    assert editor.table.rowCount() == len(shipped.responsibilities)
    assert editor.table.columnCount() == 4
    first = shipped.responsibilities[0]
    assert editor.table.item(0, 0).text() == first.raci[Role.CS]  # type: ignore[union-attr]

    # Move the A of the first row to CX (column 3); everything else as shipped.
    for column in range(4):
        _set(editor, 0, column, "")
    _set(editor, 0, 3, "ra")  # cleaned to the canonical letters
    assert editor.table.item(0, 3).text() == "RA"  # type: ignore[union-attr]
    assert editor.bad_rows() == [] and editor.save_button.isEnabled()
    editor.save()
    saved = load_template(session.ws, "en")
    assert saved.responsibilities[0].raci[Role.CX] == "RA"
    assert saved.responsibilities[0].raci[Role.CS] == ""
    assert saved.responsibilities[1:] == shipped.responsibilities[1:]

    editor = _editor(window)
    assert editor.table.item(0, 3).text() == "RA"  # type: ignore[union-attr]
    editor.reset()
    assert load_template(session.ws, "en").responsibilities == shipped.responsibilities
    assert editor.table.item(0, 3).text() == first.raci[Role.CX]  # type: ignore[union-attr]


def test_a_row_without_exactly_one_a_cannot_be_saved(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    editor = _editor(window)
    _set(editor, 2, 0, "A")
    _set(editor, 2, 1, "A")
    assert 2 in editor.bad_rows()
    assert not editor.save_button.isEnabled()
    assert "exactly one A" in editor.problem.text()
    editor.save()  # refused by parse_template too
    assert "exactly one role must be accountable" in editor.problem.text()
    assert load_template(session.ws, "en") == default_template("en")
    _set(editor, 2, 0, "x?")
    assert editor.table.item(2, 0).text() == ""  # type: ignore[union-attr]
