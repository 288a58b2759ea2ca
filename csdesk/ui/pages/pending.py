"""Pages whose data source is not part of this build yet: they say what will be there.

No fake numbers: until the metrics engine provides a page's figures, the page shows an empty
state naming them, and the navigation stays the same.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from csdesk.ui.pages.base import Page
from csdesk.ui.translate import _
from csdesk.ui.widgets import EmptyState


class PendingPage(Page):
    """A page that shows ``what`` in an empty state until its source exists."""

    what: str = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty = EmptyState(self.icon_name, self.title, self.what)
        self.layout_.addWidget(self.empty, 1)


class RevenuePage(PendingPage):
    key = "revenue"
    title = _("Revenue")
    icon_name = "trending-up"
    what = _(
        "MRR month by month with its movements (new, expansion, contraction, churn, "
        "reactivation), NRR and GRR, cohorts and LTV will show here once the metrics engine "
        "is part of this build."
    )


class HealthPage(PendingPage):
    key = "health"
    title = _("Health")
    icon_name = "heart-pulse"
    what = _(
        "The distribution of health scores, the accounts at risk and critical, and what drives "
        "each score will show here once health scoring is part of this build."
    )


class SupportPage(PendingPage):
    key = "support"
    title = _("Support & CX")
    icon_name = "life-buoy"
    what = _(
        "Ticket volume, TMA, TME, resolution time, FCR and SLA attainment, with NPS, CSAT and "
        "CES, will show here once the metrics engine is part of this build."
    )
