"""Which workspace account each imported row belongs to, creating the unknown ones.

An account is matched by its external id (the client's own code) when the row has one, case
and surrounding spaces ignored (``ab-1`` and ``AB-1 `` are one account, and the report says
so). A row with an id never joins an account that has another id because their names agree:
three rows ``S-001``..``S-003`` named alike are three accounts (and a warning). It may take up
an account that has no id yet, found by name. A row without an id is matched by its
normalised name: case, accents, spacing and punctuation ignored, legal suffixes such as Ltda,
S.A., ME, EPP, Inc, LLC removed, so ``ACME Ltda.`` and ``Acme`` are one account. The
normalised name is what ``accounts.name_key`` stores. Work is done once per distinct value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from csdesk.domain.text_order import strip_accents
from csdesk.ingest.vocabulary import legal_suffixes
from csdesk.store import Workspace
from csdesk.store.bulk import insert_rows

_NON_LETTER = re.compile(r"[\W_]+")


@cache
def _suffix_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in legal_suffixes())
    return re.compile(rf"(?:\s+(?:{words}))+$")


def id_key(external: object) -> str:
    """The form of an external id used to match it: surrounding spaces and case ignored."""
    return str(external).strip().casefold()


def name_key(name: object) -> str:
    """The form of an account name used to match it: ``"Açaí S.A."`` -> ``"acai"``.

    Letters of every script count (``"شركة المثال"`` keeps its letters), so names written in
    Arabic or Persian match each other and never collapse to an empty key. This is the one
    rule for ``accounts.name_key``: whatever writes an account uses it.
    """
    if name is None:
        return ""
    key = _NON_LETTER.sub(" ", strip_accents(str(name)).casefold()).strip()
    stripped = _suffix_pattern().sub("", key).strip()
    return stripped or key


@dataclass
class AccountIndex:
    """The workspace's accounts by external id and by name key, plus those to be created."""

    # By :func:`id_key` of the external id.
    by_external: dict[str, int] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    # Accounts that have an external id (those a row with another id never joins by name).
    with_id: set[int] = field(default_factory=set)
    # Accounts this import will create: provisional negative ids -> (external id, name, key).
    pending: dict[int, tuple[str | None, str, str]] = field(default_factory=dict)
    # Provisional ids already written -> their real ids.
    written: dict[int, int] = field(default_factory=dict)
    # The first spelling of each id key seen (the workspace's, else this file's first).
    spellings: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, ws: Workspace | None) -> AccountIndex:
        index = cls()
        if ws is None:
            return index
        for account_id, external, key in ws.query(
            "SELECT id, external_id, name_key FROM accounts ORDER BY id"
        ):
            if external is not None and id_key(external):
                index.by_external.setdefault(id_key(external), int(account_id))
                index.spellings.setdefault(id_key(external), str(external))
                index.with_id.add(int(account_id))
            index.by_key.setdefault(str(key), int(account_id))
        return index

    def _provisional(self, external: str | None, name: str, key: str | None = None) -> int:
        key = key if key is not None else name_key(name)
        new_id = -(len(self.pending) + 1)
        self.pending[new_id] = (external, name, key)
        if external is not None:
            self.by_external[id_key(external)] = new_id
            self.with_id.add(new_id)
        self.by_key.setdefault(key, new_id)
        return new_id

    def resolve(
        self, external_ids: np.ndarray | None, names: np.ndarray | None, *, create: bool = True
    ) -> np.ndarray:
        """Account id per row (negative: to be created; 0: the row names no account)."""
        if external_ids is None and names is None:
            raise ValueError("resolve needs external ids or names")
        length = len(external_ids) if external_ids is not None else len(names)  # type: ignore[arg-type]
        id_codes, id_uniques = _codes(external_ids, length)
        name_codes, name_uniques = _codes(names, length)
        pair_codes, pairs = pd.factorize(id_codes * (len(name_uniques) + 1) + name_codes)
        resolved = np.zeros(len(pairs), dtype=np.int64)
        for position, pair in enumerate(pairs.tolist()):
            id_code, name_code = divmod(int(pair), len(name_uniques) + 1)
            resolved[position] = self._one(
                None if id_code == 0 else str(id_uniques[id_code - 1]),
                None if name_code == 0 else str(name_uniques[name_code - 1]),
                create,
            )
        return resolved[pair_codes]

    def _one(self, external: str | None, name: str | None, create: bool) -> int:
        if external is not None and not id_key(external):
            external = None
        if external is not None:
            found = self.by_external.get(id_key(external))
            if found is not None:
                return found
            self.spellings.setdefault(id_key(external), external)
        key = None
        if name is not None:
            key = name_key(name)
            found = self.by_key.get(key)
            if found is not None and external is None:
                return found
            if found is not None and found not in self.with_id:
                # An account known by name only takes up the first id that names it.
                self.by_external[id_key(external or "")] = found
                self.with_id.add(found)
                return found
        if external is None and name is None:
            return 0
        if not create:
            return 0
        if name is None:
            return self._provisional(external, str(external))
        return self._provisional(external, name, key)

    @property
    def created(self) -> int:
        return len(self.pending)

    def write_pending(self, ws: Workspace, batch_id: int) -> dict[int, int]:
        """Insert the accounts still to create (in the caller's transaction); provisional -> id.

        Ids are given explicitly (after the largest in use), so thousands of accounts are a few
        many-row INSERTs rather than one statement each.
        """
        todo = sorted((p for p in self.pending if p not in self.written), reverse=True)
        if not todo:
            return self.written
        first = int(ws.conn.execute("SELECT coalesce(max(id), 0) FROM accounts").fetchone()[0]) + 1
        rows = []
        for offset, provisional in enumerate(todo):
            external, name, key = self.pending[provisional]
            rows.append((first + offset, external, name, key, batch_id))
            self.written[provisional] = first + offset
        insert_rows(
            ws.conn, "accounts", ("id", "external_id", "name", "name_key", "batch_id"), rows
        )
        return self.written


def _codes(values: np.ndarray | None, length: int) -> tuple[np.ndarray, np.ndarray]:
    """Codes 1..n of the distinct values (0: blank) and the distinct values."""
    if values is None:
        return np.zeros(length, dtype=np.int64), np.zeros(0, dtype=object)
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    return codes.astype(np.int64) + 1, np.asarray(uniques, dtype=object)


def finalise(ids: np.ndarray, real: dict[int, int]) -> np.ndarray:
    """Replace provisional (negative) ids by the ids the accounts got when written."""
    if not real or not (ids < 0).any():
        return ids
    lookup = np.zeros(max(-int(ids.min()), max(-k for k in real)) + 1, dtype=np.int64)
    for provisional, account_id in real.items():
        lookup[-provisional] = account_id
    out = ids.copy()
    negative = out < 0
    out[negative] = lookup[-out[negative]]
    return out
