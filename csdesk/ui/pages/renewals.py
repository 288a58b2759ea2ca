"""Renewals: the accounts list narrowed to renewals in the next 90 days, soonest first."""

from __future__ import annotations

from PySide6.QtCore import Qt

from csdesk.ui.models.accounts_filter import AccountFilter, RenewalWindow
from csdesk.ui.models.accounts_table import Column
from csdesk.ui.pages.accounts import AccountsPage
from csdesk.ui.translate import N_


class RenewalsPage(AccountsPage):
    key = "renewals"
    title = N_("Renewals")
    icon_name = "calendar-clock"

    initial_filter = AccountFilter(renewal=RenewalWindow.DAYS_90)
    initial_sort = (Column.RENEWAL, Qt.SortOrder.AscendingOrder)
    hidden_columns = (Column.EXTERNAL_ID, Column.STATUS)
    # What a renewal is weighed by comes first, the owners next, in a window of any width.
    column_order = (
        Column.NAME, Column.RENEWAL, Column.MRR, Column.HEALTH, Column.CSM, Column.AM,
        Column.SEGMENT, Column.TIER,
    )  # fmt: skip
