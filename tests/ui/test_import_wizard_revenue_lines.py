"""The wizard's choice for revenue lines repeated whole (issue 13.2): summed by default,
dropped when the box is ticked, and the count of lines to import follows."""

from __future__ import annotations

from pathlib import Path

from import_helpers import wizard_of

from csdesk.ui.import_wizard.wizard import PREVIEW
from csdesk.ui.main_window import MainWindow

LINES = (
    "Invoice Number,Customer,Product,Billing Month,Amount\r\n"
    "INV-001,Quokka Tools Inc,Platform,2024-01,60.00\r\n"
    "INV-001,Quokka Tools Inc,Add-on seats,2024-01,40.00\r\n"
    "INV-001,Quokka Tools Inc,Add-on seats,2024-01,40.00\r\n"
    "INV-002,Quokka Tools Inc,Platform,2024-02,100.00\r\n"
)


def test_repeated_lines_are_summed_unless_the_box_drops_them(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "invoice_lines.csv"
    path.write_text(LINES, encoding="utf-8")
    window.spreadsheet_dropped.emit(path)
    wizard = wizard_of(window)
    wizard.next_button.click()
    assert wizard.step == PREVIEW
    step = wizard.preview_step
    box = step.drop_identical
    assert box.isVisible() and not box.isChecked()
    assert "Drop the 1 line that repeats" in box.text()
    assert step.skipped_card.value.text() == "0"
    warned = [step.problems_model.index(r, 3).data() for r in range(step.problems_model.rowCount())]
    assert any("repeats an earlier line in every cell" in text for text in warned)
    wizard.grab().save(str(tmp_path / "wizard-revenue-lines.png"))
    box.click()
    assert wizard.plan is not None and wizard.plan.drop_identical
    assert box.isChecked() and step.skipped_card.value.text() == "1"
    wizard.next_button.click()  # Import
    session = window.session
    assert session is not None
    months = dict(
        session.ws.query(
            "SELECT r.month, r.mrr FROM revenue_months r JOIN accounts a ON a.id = r.account_id "
            "WHERE a.name = 'Quokka Tools Inc'"
        )
    )
    assert months == {"2024-01": 100.0, "2024-02": 100.0}
