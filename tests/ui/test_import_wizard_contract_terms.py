"""The wizard's choice of billing period for contract values with none (issue 13.5)."""

from __future__ import annotations

from pathlib import Path

from import_helpers import wizard_of

from csdesk.ui.import_wizard.wizard import COLUMNS
from csdesk.ui.main_window import MainWindow

CONTRACTS = (
    "Contract ID;Cliente;Início;Fim;Valor do contrato\r\n"
    "K-1;Quokka Padaria;01/01/2024;31/12/2024;12.000,00\r\n"
)


def test_a_contract_value_is_the_whole_term_unless_another_period_is_chosen(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "contratos.csv"
    path.write_bytes(CONTRACTS.encode("cp1252"))
    window.spreadsheet_dropped.emit(path)
    wizard = wizard_of(window)
    assert wizard.step == COLUMNS
    step = wizard.columns_step
    assert wizard.plan is not None and wizard.plan.entity == "contracts"
    assert step.billing_row.isVisible()
    assert wizard.plan.rows[0]["mrr"] == 1000.0
    wizard.grab().save(str(tmp_path / "wizard-billing.png"))
    step.billing.setCurrentIndex(step.billing.findData("monthly"))
    step.billing.activated.emit(step.billing.currentIndex())
    assert wizard.plan.billing_period == "monthly"
    assert wizard.plan.rows[0]["mrr"] == 12000.0
    step.billing.setCurrentIndex(step.billing.findData(""))
    step.billing.activated.emit(step.billing.currentIndex())
    assert wizard.plan.billing_period is None and wizard.plan.rows[0]["mrr"] == 1000.0
