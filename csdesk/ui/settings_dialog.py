"""The workspace's settings: general, exchange rates, health model, SLA targets and the CSM
capacity model.

Every value is a workspace setting declared in the core (csdesk.store.settings,
csdesk.metrics.*); the dialog reads them, shows how many accounts would change health band
under the edited model before anything is saved (csdesk.metrics.health.band_changes, in a
background job), and saves them all in one transaction.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.domain.month import Month
from csdesk.errors import CsdeskError
from csdesk.i18n.labels import priority_label
from csdesk.i18n.locales import NAMES, SUPPORTED
from csdesk.store.settings import (
    CURRENCY,
    FISCAL_YEAR_START,
    GROSS_MARGIN,
    LOCALE,
    ORGANISATION,
    organisation_name,
)
from csdesk.ui import workspace_opening
from csdesk.ui.data_change import DataChange
from csdesk.ui.remedies import error_text
from csdesk.ui.session import Session
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import muted
from csdesk.ui.workers import JobSlot

LANGUAGES = (("", N_("System language")), *((code, NAMES[code]) for code in SUPPORTED))
COMPONENT_NAMES = ("adoption", "engagement", "support", "sentiment", "financial")
PRIORITIES = ("urgent", "high", "normal", "low")
PREVIEW_DELAY_MS = 300
# Empty lines offered under the stored rates, for new currencies.
SPARE_RATE_ROWS = 4


def _number(text: str) -> float | None:
    """``5.40`` or ``5,40`` as a number; None when it is not one."""
    try:
        return float(text.replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def _spin(maximum: float, decimals: int = 1, suffix: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, maximum)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    return box


class SettingsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from csdesk.metrics.capacity import CAPACITY_MODEL
        from csdesk.metrics.health_model import HEALTH_MODEL, HealthModel
        from csdesk.metrics.support import SLA_TARGETS

        self.session = session
        self.setWindowTitle(_("Workspace settings"))
        ws = session.ws
        self.health = HealthModel.load(ws).params
        self.sla = dict(SLA_TARGETS.get(ws))
        self.capacity = copy.deepcopy(CAPACITY_MODEL.get(ws))
        self._settings = (HEALTH_MODEL, SLA_TARGETS, CAPACITY_MODEL)
        tabs = QTabWidget()

        # -- general
        self.organisation = QLineEdit(ORGANISATION.get(ws) or "")
        self.organisation.setPlaceholderText(organisation_name(ws))
        self.organisation.setMaxLength(200)
        self.currency = QLineEdit(CURRENCY.get(ws))
        self.currency.setMaxLength(3)
        self.currency.setInputMask(">AAA")
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(_(name) if not code else name, code)
        self.language.setCurrentIndex(max(self.language.findData(LOCALE.get(ws) or ""), 0))
        self.fiscal_start = QComboBox()
        for month in range(1, 13):
            name = session.month(Month(2000, month)).replace("2000", "").strip(" /")
            self.fiscal_start.addItem(name, month)
        self.fiscal_start.setCurrentIndex(FISCAL_YEAR_START.get(ws) - 1)
        self.margin = _spin(100, 1, " %")
        self.margin.setValue(GROSS_MARGIN.get(ws) * 100)
        general = QFormLayout()
        general.addRow(_("Company (named on report covers)"), self.organisation)
        general.addRow(_("Currency (ISO 4217)"), self.currency)
        general.addRow(_("Language"), self.language)
        general.addRow(_("Fiscal year starts in"), self.fiscal_start)
        general.addRow(_("Gross margin (for LTV)"), self.margin)
        from csdesk.ingest.capture.plan import KEEP_BODIES

        self.mail_bodies = QCheckBox(_("Keep the first 500 characters of imported e-mails"))
        self.mail_bodies.setChecked(KEEP_BODIES.get(ws))
        general.addRow(_("E-mail bodies"), self.mail_bodies)
        tabs.addTab(self._page(general), _("General"))

        # -- exchange rates
        self.rates = self._rates_table(ws)
        rates = QVBoxLayout()
        rates_note = QLabel(
            _(
                "An import converts amounts in these currencies into the workspace currency "
                "(1 unit = rate); a file with amounts in a currency not listed is refused."
            )
        )
        rates_note.setWordWrap(True)
        rates.addWidget(rates_note)
        rates.addWidget(self.rates, 1)
        rates_page = QWidget()
        rates_page.setLayout(rates)
        tabs.addTab(rates_page, _("Exchange rates"))

        # -- health
        from csdesk.ui.health_view import component_label

        self.weights: dict[str, QDoubleSpinBox] = {}
        health = QFormLayout()
        for name in COMPONENT_NAMES:
            box = _spin(1000, 0)
            box.setValue(float(self.health["weights"].get(name, 0)))
            box.valueChanged.connect(self._schedule_preview)
            self.weights[name] = box
            health.addRow(_("{component} weight").format(component=component_label(name)), box)
        self.healthy_from = _spin(100, 0)
        self.healthy_from.setValue(float(self.health["bands"]["healthy"]))
        self.at_risk_from = _spin(100, 0)
        self.at_risk_from.setValue(float(self.health["bands"]["at_risk"]))
        for box in (self.healthy_from, self.at_risk_from):
            box.valueChanged.connect(self._schedule_preview)
        health.addRow(_("Healthy from score"), self.healthy_from)
        health.addRow(_("At risk from score (critical below)"), self.at_risk_from)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        health.addRow(self.preview)
        tabs.addTab(self._page(health), _("Health model"))

        # -- support
        self.sla_boxes: dict[str, QDoubleSpinBox] = {}
        support = QFormLayout()
        for priority in PRIORITIES:
            box = _spin(100_000, 0, " min")
            box.setValue(float(self.sla.get(priority, 0)))
            self.sla_boxes[priority] = box
            shown = priority_label(priority).lower()  # "urgente", as the ticket lists say it
            support.addRow(_("First response target, {priority}").format(priority=shown), box)
        tabs.addTab(self._page(support), _("SLA targets"))

        # -- capacity
        qbr = self.capacity["qbr_hours"]
        self.capacity_boxes: dict[tuple[str, ...], QDoubleSpinBox | QSpinBox] = {}
        capacity = QFormLayout()
        rows: list[tuple[tuple[str, ...], str, float]] = [
            (("qbr_hours", "prepare"), _("QBR: preparing (hours)"), qbr["prepare"]),
            (("qbr_hours", "present"), _("QBR: presenting (hours)"), qbr["present"]),
            (("qbr_hours", "follow_up"), _("QBR: follow-up (hours)"), qbr["follow_up"]),
            (("checkin_hours",), _("Check-in (hours)"), self.capacity["checkin_hours"]),
            (
                ("onboarding_hours",),
                _("Onboarding a new account (hours)"),
                self.capacity["onboarding_hours"],
            ),
        ]
        for path, text, value in rows:
            box = _spin(1000, 1)
            box.setValue(float(value))
            self.capacity_boxes[path] = box
            capacity.addRow(text, box)
        checkins = QSpinBox()
        checkins.setRange(0, 52)
        checkins.setValue(int(self.capacity["checkins_per_quarter"]))
        self.capacity_boxes[("checkins_per_quarter",)] = checkins
        capacity.addRow(_("Check-ins per quarter"), checkins)
        tabs.addTab(self._page(capacity), _("Capacity model"))

        from csdesk.desk.rules import RULES_OVERRIDE

        rules_page = QWidget()
        rules_layout = QVBoxLayout(rules_page)
        rules_layout.addWidget(
            muted(
                _(
                    "Change the work-queue rules for this workspace: TOML like "
                    "resources/desk/rules.toml, a [[rules]] table per rule with its id and only "
                    "the fields to change (enabled = false turns one off). Empty: the shipped "
                    "rules."
                )
            )
        )
        self.rules_text = QPlainTextEdit()
        self.rules_text.setPlainText(RULES_OVERRIDE.get(ws) or "")
        rules_layout.addWidget(self.rules_text, 1)
        tabs.addTab(rules_page, _("Work queue"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(not session.read_only)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.buttons)
        self.tabs = tabs
        # The count for the values before an edit never replaces the count for the values after.
        self.counting = JobSlot()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.preview_band_changes)
        self.finished.connect(self.timer.stop)
        self.finished.connect(lambda _result: self.counting.cancel())
        self.resize(720, 440)  # six tabs side by side

    def _rates_table(self, ws: Any) -> QTableWidget:
        from csdesk.ingest.currencies import stored_rates

        stored = sorted(stored_rates(ws).items())
        table = QTableWidget(len(stored) + SPARE_RATE_ROWS, 3)
        table.setHorizontalHeaderLabels([_("Currency"), _("Rate"), _("Date of the rate")])
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        for row, (code, (rate, taken)) in enumerate(stored):
            cells = (code, self.session.number(rate, decimals=4).rstrip("0").rstrip(",."), taken)
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text or ""))
        return table

    def edited_rates(self) -> dict[str, Any]:
        """The rates table as the setting stores it; a line that cannot be read is an error
        naming it."""
        from csdesk.ingest.currencies import code_of

        out: dict[str, Any] = {}
        for row in range(self.rates.rowCount()):
            cells = [self.rates.item(row, c) for c in range(3)]
            code_text, rate_text, taken = (c.text().strip() if c else "" for c in cells)
            if not code_text and not rate_text:
                continue
            code = code_of(code_text)
            rate = _number(rate_text)
            if code is None or rate is None or rate <= 0:
                raise CsdeskError(
                    _(
                        "exchange rate on line {row}: {code!r} = {rate!r} is not a currency "
                        "code with a positive rate (for example USD = 5.40)."
                    ).format(row=row + 1, code=code_text, rate=rate_text)
                )
            out[code] = {"rate": rate, "date": taken or None}
        return out

    @staticmethod
    def _page(form: QFormLayout) -> QWidget:
        page = QWidget()
        page.setLayout(form)
        return page

    # -- health preview -------------------------------------------------------------------

    def edited_health(self) -> dict[str, Any]:
        model = copy.deepcopy(self.health)
        model["weights"] = {name: box.value() for name, box in self.weights.items()}
        model["bands"] = {
            "healthy": self.healthy_from.value(),
            "at_risk": self.at_risk_from.value(),
        }
        return model

    def _schedule_preview(self) -> None:
        self.preview.setText(_("Counting the accounts that would change band…"))
        self.timer.start()

    def preview_band_changes(self) -> None:
        """How many accounts the edited model moves to another band (a background job)."""
        from csdesk.metrics.health import band_changes
        from csdesk.metrics.health_model import HealthModel

        if not self.isVisible():
            return
        try:
            model = HealthModel.from_dict(self.edited_health())
        except CsdeskError as exc:
            self.preview.setText(error_text(exc))
            return
        ws = self.session.ws
        self.counting.start(
            self.session.runner,
            _("Counting band changes"),
            lambda progress: band_changes(ws, model),
            done=self._show_preview,
        )

    def _show_preview(self, changes: object) -> None:
        count = int(changes) if isinstance(changes, int) else 0
        self.preview.setText(
            _("{n} accounts would change health band with these values.").format(
                n=self.session.number(count)
            )
            if count
            else _("No account would change health band with these values.")
        )

    # -- saving ---------------------------------------------------------------------------

    def edited_capacity(self) -> dict[str, Any]:
        model = copy.deepcopy(self.capacity)
        for path, box in self.capacity_boxes.items():
            target = model
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = box.value()
        return model

    def save(self) -> None:
        """Check the health model, then write every setting in one transaction."""
        from csdesk.ingest.capture.plan import KEEP_BODIES
        from csdesk.ingest.currencies import RATES
        from csdesk.metrics.health_model import HealthModel

        ws = self.session.ws
        currency = self.currency.text().strip().upper()
        try:
            if len(currency) != 3:
                raise CsdeskError(
                    f"the currency {currency!r} is not a three-letter ISO 4217 code "
                    "(BRL, USD, EUR...)."
                )
            rates = self.edited_rates()
            health = HealthModel.from_dict(self.edited_health())
            health_setting, sla_setting, capacity_setting = self._settings
            from csdesk.desk.rules import RULES_OVERRIDE, pack_from_text

            rules = self.rules_text.toPlainText().strip() or None
            pack_from_text(rules, _("the work-queue rules"))  # a mistake names rule and field
            with ws.transaction():
                ORGANISATION.set(ws, self.organisation.text().strip() or None)
                CURRENCY.set(ws, currency)
                RATES.set(ws, rates)
                LOCALE.set(ws, self.language.currentData() or None)
                FISCAL_YEAR_START.set(ws, int(self.fiscal_start.currentData()))
                GROSS_MARGIN.set(ws, round(self.margin.value() / 100, 4))
                KEEP_BODIES.set(ws, self.mail_bodies.isChecked())
                health_setting.set(ws, health.params)
                sla_setting.set(ws, {p: box.value() for p, box in self.sla_boxes.items()})
                capacity_setting.set(ws, self.edited_capacity())
                RULES_OVERRIDE.set(ws, rules)
        except CsdeskError as exc:
            workspace_opening.error_dialog(self, _("Settings not saved"), error_text(exc))
            return
        self.session.reload_settings()
        self.session.announce(DataChange.everything("settings"))
        self.accept()
