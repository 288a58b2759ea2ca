"""Anonymised reports: the same figures with account, contact and people names replaced.

A consultant shares benchmarks or an export without naming the client's customers. Reports
are built from a private copy of the workspace in which every name (and email, phone and free
text that could carry one) has been replaced by a readable pseudonym such as
``Account 3F9A2C``; nothing else changes, so every figure is identical. A pseudonym is an HMAC
of the original name under a salt kept in the workspace's settings: the same name gives the
same pseudonym in every anonymised report of that workspace, yet it cannot be reversed without
the workspace itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from csdesk.errors import N_, CsdeskError
from csdesk.ingest.accounts_matching import name_key
from csdesk.store import Workspace
from csdesk.store.backup import backup_to
from csdesk.store.settings import ORGANISATION, Setting, organisation_name

SALT: Setting[str | None] = Setting(
    "anonymise_salt", None, "Secret salt of anonymised names", kind=str
)
# Hex digits of the HMAC shown in a pseudonym; more only when two names would collide.
LABEL_DIGITS = 6
EMAIL_DOMAIN = "example.invalid"
ANONYMISED_FILE_NAME = "anonymised.csdesk"

# (table, name column, label, email column or None): where csdesk stores names of people and
# companies. Free-text columns that may quote those names are emptied instead.
_NAMED = (
    ("accounts", "name", "Account", None),
    ("contacts", "name", "Contact", "email"),
    ("people", "name", "Person", "email"),
)
_CLEARED = (
    ("accounts", "notes"),
    ("contacts", "phone"),
    ("surveys", "comment"),
    ("tickets", "subject"),
    ("events", "body"),
)


def workspace_salt(path: Path) -> str:
    """The workspace's anonymisation salt, made and saved on first use."""
    with Workspace.open(path, read_only=True) as ws:
        salt = SALT.get(ws)
    if salt:
        return salt
    try:
        with Workspace.open(path) as ws:
            salt = SALT.get(ws)
            if not salt:
                salt = secrets.token_hex(32)
                SALT.set(ws, salt)
    except CsdeskError as exc:
        raise CsdeskError(
            N_(
                "cannot prepare anonymised names for {path}: {message} (the first "
                "anonymised report saves a secret salt in the workspace, so it must be "
                "writable once)."
            ),
            path=path,
            message=exc.said,
        ) from exc
    return salt


def pseudonym(salt: str, label: str, name: str, digits: int = LABEL_DIGITS) -> str:
    """``"<label> <HEX>"``: stable for one salt and name, unrelated across salts."""
    digest = hmac.new(salt.encode("utf-8"), name.strip().encode("utf-8"), hashlib.sha256)
    return f"{label} {digest.hexdigest()[:digits].upper()}"


def _labels(salt: str, label: str, names: set[str]) -> dict[str, str]:
    """A pseudonym per distinct name, lengthened where two names would share one."""
    digits = LABEL_DIGITS
    while True:
        labels = {name: pseudonym(salt, label, name, digits) for name in names}
        if len(set(labels.values())) == len(labels) or digits >= 64:
            return labels
        digits += 2


def _shared_keys_kept(conn: sqlite3.Connection) -> None:
    """New name keys for pseudonymised accounts: two spellings of one customer ("ACME Ltda."
    and "Acme") still share a key, so the audit still finds them, and each key is that of
    the first pseudonym of its accounts, so lists ordered by key follow the names shown."""
    rows = conn.execute("SELECT id, name_key, name FROM accounts").fetchall()
    first: dict[str, str] = {}
    for _id, key, name in rows:
        group = str(key).replace(" ", "")
        first[group] = min(first.get(group, name), name)
    conn.executemany(
        "UPDATE accounts SET name_key = ? WHERE id = ?",
        [(name_key(first[str(key).replace(" ", "")]), i) for i, key, _name in rows],
    )


def anonymise(ws: Workspace, salt: str) -> None:
    """Replace names, emails and name-bearing free text in ``ws`` (a copy!) in one transaction."""
    with ws.transaction() as conn:
        for table, column, label, email in _NAMED:
            rows = conn.execute(f"SELECT id, {column} FROM {table}").fetchall()
            labels = _labels(salt, label, {str(name) for _, name in rows})
            updates = [(labels[str(name)], row_id) for row_id, name in rows]
            conn.executemany(f"UPDATE {table} SET {column} = ? WHERE id = ?", updates)
            if table == "accounts":
                _shared_keys_kept(conn)
            if email:
                conn.execute(
                    f"UPDATE {table} SET {email} = lower(replace({column}, ' ', '-')) "
                    f"|| '@{EMAIL_DOMAIN}' WHERE {email} IS NOT NULL AND {email} != ''"
                )
        survey_contacts = {
            str(row[0])
            for row in conn.execute(
                "SELECT DISTINCT contact FROM surveys WHERE contact IS NOT NULL"
            )
        }
        labels = _labels(salt, "Contact", survey_contacts)
        conn.executemany(
            "UPDATE surveys SET contact = ? WHERE contact = ?",
            [(pseudo, name) for name, pseudo in labels.items()],
        )
        for table, column in _CLEARED:
            conn.execute(f"UPDATE {table} SET {column} = NULL")
        conn.execute("UPDATE events SET title = kind")
        # Written narratives quote names; the pack drafts new ones from the anonymised data.
        conn.execute("DELETE FROM qbr_narratives")
        # Import records quote file names and rejected values; the overwrites hold old names
        # (their rows stay, emptied: which batch changed which account is not a name).
        conn.execute("UPDATE import_batches SET file_name = 'import-' || id, problems = '[]'")
        conn.execute("UPDATE import_overwrites SET old_values = '{}'")


@contextlib.contextmanager
def anonymised_copy(path: Path) -> Iterator[Path]:
    """Yield the path of an anonymised private copy of the workspace at ``path``.

    The copy lives in a temporary folder removed afterwards, under a neutral name (documents
    that name their file, such as the export's Summary sheet, name that one), and the company
    it belongs to is a pseudonym too; the workspace itself is only written to save its salt
    the first time.
    """
    path = Path(path)
    salt = workspace_salt(path)
    with Workspace.open(path, read_only=True) as original:
        # The company the portfolio belongs to: its setting, else the file's own name
        # ("Construtora Horizonte.csdesk"), which often is the client's.
        company = organisation_name(original)
    with tempfile.TemporaryDirectory(prefix="csdesk-anonymised-") as folder:
        # The copy's name is what a document shows for "the file": never the original's.
        copy = Path(folder) / ANONYMISED_FILE_NAME
        backup_to(path, copy)
        with Workspace.open(copy, backup_before_migrate=False) as ws:
            anonymise(ws, salt)
            ORGANISATION.set(ws, pseudonym(salt, "Company", company))
        yield copy
