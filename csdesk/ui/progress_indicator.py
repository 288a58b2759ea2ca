"""The status-bar progress of background work: shown only when a job lasts over half a second.

Quick jobs never flash a bar. The bar follows the most recent running job and its cancel
button cancels that job.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from csdesk.ui.translate import _
from csdesk.ui.workers import Job, Runner

SHOW_AFTER_MS = 500


class ProgressIndicator(QWidget):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.job: Job | None = None
        self.label = QLabel()
        self.label.setObjectName("muted")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(160)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SHOW_AFTER_MS)
        self.timer.timeout.connect(self._reveal)
        self.hide()
        runner.job_started.connect(self.track)

    def retranslate(self) -> None:
        """Name the button again in the language in force (a running job keeps its title)."""
        self.cancel_button.setText(_("Cancel"))

    def track(self, job: Job) -> None:
        self.job = job
        job.progressed.connect(self._update)
        job.ended.connect(self._job_ended)
        if job.running and not self.isVisible():
            self.timer.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.label.setText(_("Cancelling…"))

    def _reveal(self) -> None:
        if self.job is not None and self.job.running:
            self._update(self.job.fraction, self.job.message)
            self.show()

    def _update(self, fraction: float, message: str) -> None:
        if self.job is None:
            return
        self.bar.setValue(round(min(max(fraction, 0.0), 1.0) * 1000))
        self.label.setText(message or self.job.title)

    def _job_ended(self) -> None:
        running = [job for job in self.runner.active if job.running]
        if running:
            self.job = running[-1]
            return
        self.job = None
        self.timer.stop()
        self.hide()
