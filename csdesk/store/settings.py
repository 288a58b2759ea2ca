"""Workspace settings: typed values stored as JSON under a key, with the default in code.

Each setting is declared once, where it is used (e.g. the health model in csdesk.metrics),
as a :class:`Setting` with its key and default; the workspace stores only what the user changed.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from csdesk.errors import N_
from csdesk.store.workspace import Workspace

T = TypeVar("T")


class Setting(Generic[T]):
    """A setting's key, default and title. (A plain class: this module loads at every start,
    and a dataclass's generated code costs it.)"""

    __slots__ = ("default", "key", "kind", "title")

    def __init__(self, key: str, default: T, title: str = "", kind: type | None = None) -> None:
        self.key = key
        self.default = default
        self.title = title
        # The JSON type a stored value must have (besides null when the default is None);
        # None: the default's own type, or anything when the default is None.
        self.kind = kind

    def __repr__(self) -> str:
        return f"Setting({self.key!r}, {self.default!r})"

    def get(self, ws: Workspace) -> T:
        """The stored value, or the default when none is stored.

        A workspace may come from someone else: a stored value that is not JSON, or not of
        the setting's type, is not used; the default is, and a notice says so.
        """
        raw = ws.scalar("SELECT value FROM settings WHERE key = ?", (self.key,))
        if raw is None:
            return self.default
        try:
            value: T = decoded(raw)
        except (TypeError, ValueError):
            return self._unusable(ws, raw)
        if value is None and self.default is None:
            return value
        if not self._fits(value):
            return self._unusable(ws, raw)
        return value

    def _fits(self, value: object) -> bool:
        kind = self.kind or (None if self.default is None else type(self.default))
        if kind is None:
            return True
        if kind is float:
            return isinstance(value, int | float) and not isinstance(value, bool)
        if kind is int:
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, kind)

    def _unusable(self, ws: Workspace, raw: object) -> T:
        from csdesk.store.journals import said, tell

        shown = str(raw)
        shown = shown if len(shown) <= 40 else shown[:40] + "…"
        tell(
            said(
                N_(
                    "{path}: the setting {key!r} holds {shown!r}, which csdesk cannot use; the "
                    "default ({default!r}) is used instead. Setting it again replaces it."
                ),
                path=ws.path,
                key=self.key,
                shown=shown,
                default=self.default,
            )
        )
        return self.default

    def set(self, ws: Workspace, value: T) -> None:
        import json

        with ws.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (self.key, json.dumps(value, ensure_ascii=False, sort_keys=True)),
            )

    def reset(self, ws: Workspace) -> None:
        with ws.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (self.key,))


def decoded(raw: Any) -> Any:
    """The value of the JSON text ``raw``. A short string without escapes (a currency, a
    language: what a start reads) is read here; anything else by ``json``, whose import is
    1.5 ms of every start."""
    if isinstance(raw, str) and len(raw) >= 2 and raw[0] == raw[-1] == '"':
        inner = raw[1:-1]
        if '"' not in inner and "\\" not in inner and inner.isprintable():
            return inner
    import json

    return json.loads(raw)


def all_settings(ws: Workspace) -> dict[str, Any]:
    """Every stored (non-default) setting, decoded."""
    found: dict[str, Any] = {}
    for key, value in ws.query("SELECT key, value FROM settings"):
        try:
            found[key] = decoded(value)
        except (TypeError, ValueError):
            continue  # not JSON: not a setting csdesk can show (Setting.get says so)
    return found


CURRENCY: Setting[str] = Setting("currency", "BRL", "Workspace currency (ISO 4217)")
LOCALE: Setting[str | None] = Setting(
    "locale", None, "Language and formats (None: the system's)", kind=str
)
FISCAL_YEAR_START: Setting[int] = Setting("fiscal_year_start", 1, "First month of the fiscal year")
GROSS_MARGIN: Setting[float] = Setting("gross_margin", 1.0, "Gross margin used by LTV")
ORGANISATION: Setting[str | None] = Setting(
    "organisation", None, "The company whose portfolio this is, named on report covers", kind=str
)


def organisation_name(ws: Workspace) -> str:
    """The company named on report covers: the setting, else the file's name made readable
    (``acme-cs_2026.csdesk`` reads ``acme cs 2026``)."""
    named = (ORGANISATION.get(ws) or "").strip()
    return named or " ".join(ws.path.stem.replace("_", " ").replace("-", " ").split())
