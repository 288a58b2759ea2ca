"""What a CSM should hear before handing a client a QBR whose figures the data may inflate.

An account paying for several contracts of one product at once has their MRR summed; when an
export kept the plan it upgraded from open, the pack's MRR, and its "MRR up" win, count both.
Said where the pack is asked for (the command line, the app's export dialog), not in the pack.
"""

from __future__ import annotations

from csdesk.i18n.formatting import money, month
from csdesk.i18n.lang import Lang
from csdesk.reports.qbr.model import Quarter
from csdesk.store.settings import CURRENCY
from csdesk.store.workspace import Workspace


def overlap_warning(ws: Workspace, account_id: int, quarter: Quarter, lang: Lang) -> str | None:
    """One sentence when the account has contracts of one product running at once on the
    quarter's last day, else None."""
    from csdesk.store.queries.contracts import overlaps

    last = quarter.last_month
    found = overlaps(ws, last.last_day, account_id)
    if not found.accounts:
        return None
    name = ws.scalar("SELECT name FROM accounts WHERE id = ?", (account_id,))
    _ = lang
    return _(
        "{account} pays for {most} contracts of one product at once in {month}: the older "
        "ones add {amount} to the MRR this pack shows. If one replaced another, give it its end "
        "date and import the contracts again."
    ).format(
        account=name,
        most=found.most,
        month=month(last, lang.code),
        amount=money(found.older_mrr, CURRENCY.get(ws), lang.code, cents=False),
    )
