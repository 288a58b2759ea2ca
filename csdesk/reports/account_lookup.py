"""Finding the account a report is about from what the user typed."""

from __future__ import annotations

from csdesk.store.queries.account_match import match_account
from csdesk.store.workspace import Workspace


def resolve_account(ws: Workspace, text: str) -> int:
    """The id of the account ``text`` names: its external id, its name, or the start of its
    name, capitals and accents aside (``csdesk.store.queries.account_match``, the rule of every
    ACCOUNT the command line takes). Several candidates, or none, are refused with the names."""
    return match_account(ws, text)[0]
