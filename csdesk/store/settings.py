"""Workspace settings: typed values stored as JSON under a key, with the default in code.

Each setting is declared once, where it is used (e.g. the health model in csdesk.metrics),
as a :class:`Setting` with its key and default; the workspace stores only what the user changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from csdesk.store.workspace import Workspace

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    key: str
    default: T
    title: str = ""

    def get(self, ws: Workspace) -> T:
        raw = ws.scalar("SELECT value FROM settings WHERE key = ?", (self.key,))
        if raw is None:
            return self.default
        value: T = json.loads(raw)
        return value

    def set(self, ws: Workspace, value: T) -> None:
        with ws.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (self.key, json.dumps(value, ensure_ascii=False, sort_keys=True)),
            )

    def reset(self, ws: Workspace) -> None:
        with ws.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (self.key,))


def all_settings(ws: Workspace) -> dict[str, Any]:
    """Every stored (non-default) setting, decoded."""
    return {key: json.loads(value) for key, value in ws.query("SELECT key, value FROM settings")}


CURRENCY: Setting[str] = Setting("currency", "BRL", "Workspace currency (ISO 4217)")
LOCALE: Setting[str | None] = Setting("locale", None, "Language and formats (None: the system's)")
FISCAL_YEAR_START: Setting[int] = Setting("fiscal_year_start", 1, "First month of the fiscal year")
GROSS_MARGIN: Setting[float] = Setting("gross_margin", 1.0, "Gross margin used by LTV")
ORGANISATION: Setting[str | None] = Setting(
    "organisation", None, "The company whose portfolio this is, named on report covers"
)


def organisation_name(ws: Workspace) -> str:
    """The company named on report covers: the setting, else the file's name made readable
    (``acme-cs_2026.csdesk`` reads ``acme cs 2026``)."""
    named = (ORGANISATION.get(ws) or "").strip()
    return named or " ".join(ws.path.stem.replace("_", " ").replace("-", " ").split())
