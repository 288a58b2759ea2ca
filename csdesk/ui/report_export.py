"""Client documents from the app: QBR pack, role clarity, operation audit, Excel workbook.

The dialog asks where to write, in which language and (for a QBR) which quarter and format;
``write_report`` then calls the same core builders and writers as ``csdesk report`` and
``csdesk export`` in a background job. The writers write to a temporary file and rename it, so
a cancelled or failed export never leaves a half file under the chosen name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.i18n.lang import Lang
from csdesk.i18n.locales import NAMES, SUPPORTED
from csdesk.store import Workspace
from csdesk.ui.file_dialogs import save_path
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import unbroken

if TYPE_CHECKING:
    from csdesk.reports.qbr.model import Quarter
    from csdesk.reports.qbr.quarter_choice import QuarterChoice

QBR, ROLES, AUDIT, EXCEL = "qbr", "roles", "audit", "excel"
TITLES = {
    QBR: N_("Export QBR pack"),
    ROLES: N_("Role clarity document"),
    AUDIT: N_("Operation audit"),
    EXCEL: N_("Export to Excel"),
}
Progress = Callable[[float, str], None]
LANGUAGE_CHOICES = tuple((NAMES[code], code) for code in SUPPORTED)


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What to write: the kind, where, in which language, and for a QBR its account/quarter."""

    kind: str
    target: Path
    lang: Lang
    account_id: int | None = None
    quarter: str | None = None


def write_report(ws: Workspace, request: ReportRequest, progress: Progress) -> Path:
    """Build and write ``request`` (runs on a worker thread); returns the file written."""
    progress(0.05, _("Preparing {file}…").format(file=request.target.name))
    target = request.target
    if request.kind == QBR:
        from csdesk.reports.output import check_target
        from csdesk.reports.qbr.batch import write_one
        from csdesk.reports.qbr.model import Quarter

        assert request.account_id is not None and request.quarter is not None
        check_target(target, (".pdf", ".pptx"))
        quarter = Quarter.parse(request.quarter)
        progress(0.2, _("Writing {file}…").format(file=target.name))
        return write_one(ws, request.account_id, target, quarter, request.lang, date.today())
    if request.kind == ROLES:
        from csdesk.reports.roles import build_roles_document
        from csdesk.reports.roles_pdf import write_roles_pdf

        account = None
        if request.account_id is not None:
            account = ws.scalar(
                "SELECT coalesce(external_id, name) FROM accounts WHERE id = ?",
                (request.account_id,),
            )
        document = build_roles_document(ws, account, lang=request.lang)
        progress(0.5, _("Writing {file}…").format(file=target.name))
        return write_roles_pdf(document, target)
    if request.kind == AUDIT:
        from csdesk.reports.audit.content import build_audit
        from csdesk.reports.audit.pdf import write_audit_pdf

        content = build_audit(ws, lang=request.lang)
        progress(0.6, _("Writing {file}…").format(file=target.name))
        return write_audit_pdf(content, target)
    from csdesk.reports.output import check_target
    from csdesk.reports.xlsx.export import export_workbook

    check_target(target, (".xlsx",))
    progress(0.2, _("Writing {file}…").format(file=target.name))
    export_workbook(ws, target, lang=request.lang)
    return target


def recent_quarters(ws: Workspace, count: int = 8) -> list[str]:
    """The quarters offered, newest first: the last revenue month's and the ``count - 1``
    before it, and those of the default when it stepped back to the recorded activity's end."""
    from csdesk.reports.qbr.quarter_choice import choose_quarter, selectable_quarters

    choice = choose_quarter(ws, None, date.today())
    return [str(q) for q in selectable_quarters(choice, count)]


def _suffix(kind: str, fmt: str) -> str:
    return {QBR: "." + fmt, EXCEL: ".xlsx"}.get(kind, ".pdf")


class ReportDialog(QDialog):
    """Where and how to write one document; ``request()`` is what was chosen."""

    def __init__(
        self,
        kind: str,
        ws: Workspace,
        language: str,
        *,
        account_id: int | None = None,
        base_name: str = "csdesk",
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind, self.account_id = kind, account_id
        self.setWindowTitle(_(TITLES[kind]))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.format = QComboBox()
        self.format.addItem("PDF", "pdf")
        self.format.addItem(_("Slides (PPTX)"), "pptx")
        self.quarter = QComboBox()
        self.quarter_note = QLabel()
        self.quarter_note.setWordWrap(True)
        self.quarter_note.hide()
        # The account's contracts of one product running at once: the pack's MRR counts each.
        self.overlap_note = QLabel()
        self.overlap_note.setObjectName("warning")
        self.overlap_note.setWordWrap(True)
        self.overlap_note.hide()
        # Said per quarter, read once here (the dialog may outlive the connection it got).
        self._overlaps: dict[str, str | None] = {}
        self._choice: QuarterChoice | None = None
        self._locale = language
        if kind == QBR:
            from csdesk.reports.qbr.quarter_choice import choose_quarter, selectable_quarters

            self._choice = choose_quarter(ws, None, date.today())
            for quarter in selectable_quarters(self._choice):
                # By its name (the months it spans); the data is what --quarter takes.
                self.quarter.addItem(quarter.name(language, _), str(quarter))
            self._overlaps = self._overlap_warnings(ws, selectable_quarters(self._choice))
            self.quarter.setCurrentIndex(self.quarter.findData(str(self._choice.quarter)))
            self.quarter.currentIndexChanged.connect(self._quarter_chosen)
            form.addRow(_("Quarter"), self.quarter)
            form.addRow("", self.quarter_note)
            form.addRow("", self.overlap_note)
            form.addRow(_("Format"), self.format)
            self._quarter_chosen()
        self.language = QComboBox()
        for name, code in LANGUAGE_CHOICES:
            self.language.addItem(name, code)
        wanted = "pt_BR" if language.lower().startswith("pt") else "en"
        self.language.setCurrentIndex(self.language.findData(wanted))
        form.addRow(_("Language"), self.language)

        start = folder or Path.home()
        self.path = QLineEdit(str(start / (base_name + _suffix(kind, "pdf"))))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form.addRow(_("Save as"), where)
        self.format.currentIndexChanged.connect(self._format_chosen)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _quarter_chosen(self) -> None:
        """Say under the quarter when the default stepped back to where the recorded activity
        ends, or when the quarter chosen lies past it (its pack would show no tickets, usage
        or surveys); and when the account pays for several contracts of one product then."""
        from csdesk.i18n.formatting import month
        from csdesk.reports.qbr.model import Quarter

        choice, text = self._choice, ""
        chosen = Quarter.parse(str(self.quarter.currentData())) if choice is not None else None
        self._show_overlap(chosen)
        if choice is None or choice.activity_end is None or chosen is None:
            self.quarter_note.hide()
            return
        end = unbroken(month(choice.activity_end, self._locale))
        if choice.lies_past(chosen):
            self.quarter_note.setObjectName("warning")
            text = _(
                "No ticket, usage record, survey or event after {end}: this quarter's pack would "
                "show none. The quarter where the recorded activity ends is {quarter}."
            ).format(end=end, quarter=Quarter.of(choice.activity_end).name(self._locale, _))
        elif chosen == choice.quarter and choice.stepped_back and choice.revenue_end is not None:
            self.quarter_note.setObjectName("muted")
            text = _(
                "The recorded activity ends in {end}; open contracts carry the revenue on to "
                "{revenue_end}, so this is the last quarter with tickets, usage or surveys."
            ).format(end=end, revenue_end=unbroken(month(choice.revenue_end, self._locale)))
        self.quarter_note.setText(text)
        self.quarter_note.setVisible(bool(text))
        # The object name changed: the stylesheet's rule for it applies after a re-polish.
        self.quarter_note.style().unpolish(self.quarter_note)
        self.quarter_note.style().polish(self.quarter_note)

    def _overlap_warnings(self, ws: Workspace, quarters: list[Quarter]) -> dict[str, str | None]:
        from csdesk.i18n.locales import normalise
        from csdesk.reports.qbr.data_checks import overlap_warning

        if self.account_id is None:
            return {}
        lang = Lang(normalise(self._locale))
        return {str(q): overlap_warning(ws, self.account_id, q, lang) for q in quarters}

    def _show_overlap(self, quarter: Quarter | None) -> None:
        text = self._overlaps.get(str(quarter)) if quarter is not None else None
        self.overlap_note.setText(text or "")
        self.overlap_note.setVisible(text is not None)

    def _format_chosen(self) -> None:
        path = Path(self.path.text())
        self.path.setText(str(path.with_suffix(_suffix(self.kind, str(self.format.currentData())))))

    def _browse(self) -> None:
        suffix = _suffix(self.kind, str(self.format.currentData()))
        path = save_path(self, self.windowTitle(), f"*{suffix}", self.path.text())
        if path is not None:
            self.path.setText(str(path if path.suffix else path.with_suffix(suffix)))

    def request(self) -> ReportRequest:
        return ReportRequest(
            kind=self.kind,
            target=Path(self.path.text()).expanduser(),
            lang=Lang(str(self.language.currentData())),
            account_id=self.account_id,
            quarter=str(self.quarter.currentData()) if self.kind == QBR else None,
        )
