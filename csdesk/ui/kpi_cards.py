"""KPI cards: a figure of `csdesk metrics --json`, formatted, with its change since last month.

Shared by the Portfolio, Revenue and Support & CX pages. A figure the metrics engine could not
know (None) shows as a dash, never as zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from csdesk.domain.enums import HealthBand
from csdesk.ui import style
from csdesk.ui.metric_definitions import definition
from csdesk.ui.metrics_source import PortfolioFigures, pick
from csdesk.ui.session import Session
from csdesk.ui.translate import _
from csdesk.ui.widgets import Card, ReflowGrid, muted


@dataclass(frozen=True, slots=True)
class Kpi:
    label: str
    path: str  # "nps.score" reads figures["nps"]["score"]
    kind: str  # money, percent, number, decimal, minutes, hours
    better_when_higher: bool | None = True  # None: neither direction is better


def kpi_value(figures: dict[str, Any] | None, kpi: Kpi) -> object:
    """The KPI's figure; "accounts at risk" counts the critical ones too."""
    value = pick(figures, kpi.path)
    if kpi.path == "health.at_risk" and isinstance(value, int | float):
        critical = pick(figures, "health.critical")
        return value + (critical if isinstance(critical, int | float) else 0)
    return value


def format_value(session: Session, kind: str, value: object) -> str:
    number = float(value) if isinstance(value, int | float) else None
    formatters: dict[str, Callable[[float | None], str]] = {
        "money": session.money,
        "percent": session.percent,
        "number": session.number,
        "decimal": lambda v: session.number(v, decimals=1),
        "minutes": lambda v: _("{n} min").format(n=session.number(v)) if v is not None else "—",
        "hours": lambda v: (
            _("{n} h").format(n=session.number(v, decimals=1)) if v is not None else "—"
        ),
    }
    return formatters[kind](number)


def shown_change(kpi: Kpi, now: object, before: object) -> float | None:
    """The change as the card shows it (rounded to what it prints: a 0.04-point drop in a
    rate reads as no change, not as "−0.0 pp" in red); None when either month is unknown."""
    if not isinstance(now, int | float) or not isinstance(before, int | float):
        return None
    delta = float(now) - float(before)
    if kpi.kind == "percent":
        return round(delta * 100, 1) / 100
    if kpi.kind in ("decimal", "hours"):
        return round(delta, 1)
    return float(round(delta))


def format_change(session: Session, kpi: Kpi, now: object, before: object) -> str:
    """The change since last month: money and counts as differences, ratios in points."""
    delta = shown_change(kpi, now, before)
    if delta is None:
        return ""
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    if kpi.kind == "percent":
        text = session.number(abs(delta) * 100, decimals=1) + " " + _("pp")
    elif kpi.kind in ("money", "minutes", "hours"):
        text = format_value(session, kpi.kind, abs(delta))  # with its unit: "−1.8 h"
    elif kpi.kind == "decimal":
        text = session.number(abs(delta), decimals=1)
    else:
        text = session.number(abs(delta))
    return _("{change} vs last month").format(change=sign + text)


class KpiGrid(ReflowGrid):
    """Cards in even rows of at most ``columns``, fewer per row when the width cannot hold
    them whole: a card is never narrower than its label and figure (its change line wraps
    under the figure), so nothing in it is cut. :meth:`show_figures` fills them."""

    def __init__(self, kpis: Sequence[Kpi], columns: int = 4, parent: QWidget | None = None):
        super().__init__(columns=columns, parent=parent)
        self.kpis = list(kpis)
        self.cards: dict[str, Card] = {}
        self.changes: dict[str, QLabel] = {}
        for kpi in self.kpis:
            card = Card(_(kpi.label), "—")
            # What the figure means (and how other tools differ): hovering the card shows it.
            card.setToolTip(definition(kpi.path))
            change = muted()  # wraps under the figure in a narrow card
            card.box.addWidget(change)
            self.cards[kpi.path] = card
            self.changes[kpi.path] = change
        self.add_items(list(self.cards.values()))

    def show_figures(self, session: Session, figures: PortfolioFigures) -> None:
        palette = style.current()
        for kpi in self.kpis:
            now = kpi_value(figures.current, kpi)
            before = kpi_value(figures.previous, kpi)
            self.cards[kpi.path].set_value(format_value(session, kpi.kind, now))
            change = self.changes[kpi.path]
            change.setText(format_change(session, kpi, now, before))
            colour = palette.muted
            delta = shown_change(kpi, now, before)
            if delta and kpi.better_when_higher is not None:
                improved = (delta > 0) == kpi.better_when_higher
                colour = palette.health[HealthBand.HEALTHY if improved else HealthBand.CRITICAL]
            change.setStyleSheet(f"color: {colour};")
        self.refit()  # longer figures may need wider cards: fewer per row
