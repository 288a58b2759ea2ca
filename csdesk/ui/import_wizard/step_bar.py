"""The wizard's step indicator: where the person is, what is behind and what comes next.

Numbers and names in one row: done steps carry a tick, a skipped one (the sheet of a CSV) says
so in its tooltip, the current step is bold in the accent colour on a pill of the selection
colour (as the navigation marks the current page).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from csdesk.ui import style
from csdesk.ui.translate import _


class StepBar(QWidget):
    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = list(names)
        self.current = 0
        self.shown = len(self.names)
        self.labels: list[QLabel] = []
        self.separators: list[QLabel] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        palette = style.current()
        for index, _name in enumerate(self.names):
            if index:
                separator = QLabel("›")
                separator.setStyleSheet(f"color: {palette.border}; font-size: 13pt;")
                layout.addWidget(separator)
                self.separators.append(separator)
            step = QLabel()
            self.labels.append(step)
            layout.addWidget(step)
        layout.addStretch(1)

    def show_first(self, count: int) -> None:
        """Show only the first ``count`` steps (a data room's file is imported with the rest,
        so its review ends at Preview)."""
        self.shown = count
        for index, step in enumerate(self.labels):
            step.setVisible(index < count)
            if index:
                self.separators[index - 1].setVisible(index < count)

    def set_state(self, current: int, done: set[int], skipped: set[int]) -> None:
        """Emphasise ``current``; tick ``done``; mark ``skipped`` (done without a visit)."""
        palette = style.current()
        self.current = current
        for index, (step, name) in enumerate(zip(self.labels, self.names, strict=True)):
            base = "padding: 3px 10px; border-radius: 11px;"
            if index == current:
                colour = (
                    f"color: {palette.accent}; font-weight: 600; background: {palette.selection};"
                )
                mark = str(index + 1)
                tip = _("Step {n} of {total}: {name}").format(
                    n=index + 1, total=self.shown, name=name
                )
            elif index in skipped:
                colour, mark = f"color: {palette.muted};", "✓"
                tip = _("{name}: nothing to choose for this file").format(name=name)
            elif index in done:
                colour, mark = f"color: {palette.text};", "✓"
                tip = _("{name}: done").format(name=name)
            else:
                colour, mark = f"color: {palette.muted};", str(index + 1)
                tip = ""
            step.setText(f"{mark}  {name}")
            step.setStyleSheet(f"QLabel {{ {base} {colour} }}")
            step.setToolTip(tip)
        self.setAccessibleName(
            _("Step {n} of {total}: {name}").format(
                n=current + 1,
                total=self.shown,
                name=self.names[current],
            )
        )
