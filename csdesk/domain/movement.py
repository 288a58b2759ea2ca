"""One month of an account's MRR history: what the metrics engine computes, the timeline shows.

:func:`csdesk.metrics.revenue.account_history` builds these (the one definition of an MRR
movement, DESIGN.md); the store's timeline and the account page only read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from csdesk.domain.enums import MovementKind
from csdesk.domain.month import Month


@dataclass(frozen=True, slots=True)
class MrrMonth:
    """An account's MRR in ``month`` and the movement from the month before.

    ``change`` is MRR(month) − MRR(month − 1), which is the movement's amount (churn: −the
    previous MRR); ``movement`` is None and ``change`` 0 when nothing moved.
    """

    month: Month
    mrr: float
    movement: MovementKind | None
    change: float
