"""The account a person means by what they typed: an external id, a name, or a name's start.

Commands take ACCOUNT as typed in a terminal, where ``açaí`` is often typed ``acai`` and a long
name is tiresome; so capitals and accents do not count, and the start of a name is enough when
only one account's name starts that way. What is typed exactly always wins over what merely
matches: an external id, then an exact name, then an id or a whole name with capitals and
accents aside, and only then the start of a name (so ``Acme`` names the account Acme even
beside Acme Brasil). Several accounts matching at the same step is a refusal that lists them,
with their external ids, so the person can retype; none is a refusal with the closest names.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from csdesk.errors import N_, CsdeskError, Message
from csdesk.store.queries.accounts import NAME_ORDER
from csdesk.store.workspace import Workspace

# How many candidates a refusal lists before saying how many more there are.
CANDIDATES_SHOWN = 8
CLOSE_SHOWN = 3

Row = tuple[int, str, str | None]  # id, name, external id


def fold(text: str) -> str:
    """``"  AÇAÍ   Ltda "`` -> ``"acai ltda"``: what is left when capitals, accents and the
    spacing are set aside."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def match_account(ws: Workspace, text: str) -> tuple[int, str]:
    """(id, name) of the one account ``text`` names (see the module docstring); otherwise a
    :class:`CsdeskError` listing the candidates, or the closest names."""
    needle = text.strip()
    if not needle:
        raise CsdeskError(N_("name an account: its external id, its name or the start of it."))
    rows = ws.query("SELECT id, name FROM accounts WHERE external_id = ?", (needle,))
    if rows:
        return int(rows[0][0]), str(rows[0][1])
    named: list[Row] = ws.query(
        "SELECT id, name, external_id FROM accounts WHERE name = ? ORDER BY id", (needle,)
    )
    if named:
        return _one(ws, named, needle)
    key = fold(needle)
    every: list[Row] = ws.query(f"SELECT id, name, external_id FROM accounts ORDER BY {NAME_ORDER}")
    folded = [(row, fold(row[1]), fold(row[2]) if row[2] else "") for row in every]
    for found in (
        [row for row, _, ext in folded if ext == key],
        [row for row, name, _ in folded if name == key],
        [row for row, name, _ in folded if name.startswith(key)],
    ):
        if found:
            return _one(ws, found, needle)
    close = [row for row, name, ext in folded if key in name or key in ext][:CLOSE_SHOWN]
    hint: Message | str = (
        Message(N_(" Did you mean: {names}?"), {"names": _listing(close)}) if close else ""
    )
    raise CsdeskError(
        N_(
            "there is no account with external id or name {text!r} in {file}, nor one whose "
            "name starts with it.{hint}"
        ),
        text=needle,
        file=ws.path.name,
        hint=hint,
    )


def _one(ws: Workspace, rows: Sequence[Row], needle: str) -> tuple[int, str]:
    if len(rows) == 1:
        return int(rows[0][0]), str(rows[0][1])
    shown: Any = _listing(rows[:CANDIDATES_SHOWN])
    if len(rows) > CANDIDATES_SHOWN:
        more = len(rows) - CANDIDATES_SHOWN
        # Translators: a list of accounts cut short, then how many were left out.
        shown = Message(
            N_("{shown} and {more} more"), {"shown": shown, "more": lambda lang: lang.number(more)}
        )
    raise CsdeskError(
        N_(
            "{count} accounts in {file} match {text!r}: {candidates}; give more of the name, "
            "or the external id."
        ),
        count=lambda lang: lang.number(len(rows)),
        file=ws.path.name,
        text=needle,
        candidates=shown,
    )


def _listing(rows: Sequence[Row]) -> str:
    """``'Acme Ltda' [ACME-1]; 'Acme Brasil'``: each name as typed, its external id beside."""
    return "; ".join(f"{name!r} [{ext}]" if ext else repr(name) for _, name, ext in rows)
