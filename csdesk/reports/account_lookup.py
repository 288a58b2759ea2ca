"""Finding the account a report is about from what the user typed: external id or exact name."""

from __future__ import annotations

from csdesk.errors import N_, CsdeskError, Message
from csdesk.store.queries.accounts import find_accounts
from csdesk.store.workspace import Workspace


def resolve_account(ws: Workspace, text: str) -> int:
    """The id of the account whose external id, or else exact name, is ``text``.

    A name shared by several accounts is refused (the external id tells them apart); an
    unknown one is refused with the closest names, so the user can retype it.
    """
    needle = text.strip()
    rows = ws.query("SELECT id FROM accounts WHERE external_id = ?", (needle,))
    if rows:
        return int(rows[0][0])
    rows = ws.query("SELECT id, external_id FROM accounts WHERE name = ? ORDER BY id", (needle,))
    if len(rows) == 1:
        return int(rows[0][0])
    if len(rows) > 1:
        ids = ", ".join(str(r[1]) for r in rows if r[1]) or "none recorded"
        raise CsdeskError(
            N_(
                "{count} accounts in {path} are named {needle!r}; name one by its external "
                "id instead (ids: {ids})."
            ),
            count=len(rows),
            path=ws.path,
            needle=needle,
            ids=ids,
        )
    close = [name for _, name in find_accounts(ws, needle, limit=3)]
    hint = (
        Message(N_(" Did you mean: {names}?"), {"names": "; ".join(repr(n) for n in close)})
        if close
        else ""
    )
    raise CsdeskError(
        N_("there is no account with external id or name {needle!r} in {path}.{hint}"),
        needle=needle,
        path=ws.path,
        hint=hint,
    )
