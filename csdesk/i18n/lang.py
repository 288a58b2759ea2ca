"""One language value, chosen once by a front end and passed down to what renders words.

A ``Lang`` is the language a document, a chart or a command's output is written in: its
messages (``lang("Health")``, ``lang.ngettext``, ``lang.pgettext``) and its numbers, money,
percentages, months and days. The CLI makes one per command and the app one per session
(again when the user switches language), both through :func:`resolve`, the only place that
turns what was asked (``--lang``, Settings) and what the workspace stores into a language.
Builders take the ``Lang`` they render in and never switch any process-wide language, so a
pt-BR export on a worker thread cannot change the words the GUI thread draws.

Making a ``Lang`` loads neither a catalogue nor Babel: both load on first use.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from csdesk.errors import N_, CsdeskError
from csdesk.i18n.locales import SUPPORTED, TAGS, supported_code, system_locale

if TYPE_CHECKING:
    from enum import StrEnum

    from csdesk.domain.month import Month


class Lang:
    """A supported language (``en``, ``pt_BR``) with its messages and its formats.

    Calling it translates, so a ``Lang`` stands wherever a ``Translate`` function did. Equal
    and hashed by its code. (A plain class: every start imports this module, and a frozen
    dataclass, with ``dataclasses`` itself, cost it 2 ms.)
    """

    __slots__ = ("code",)
    code: str

    def __init__(self, code: str) -> None:
        if code not in SUPPORTED:
            raise ValueError(f"unsupported language code {code!r}; one of {SUPPORTED}")
        object.__setattr__(self, "code", code)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Lang is immutable: cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lang) and other.code == self.code

    def __hash__(self) -> int:
        return hash(("Lang", self.code))

    def __repr__(self) -> str:
        return f"Lang(code={self.code!r})"

    def __reduce__(self) -> tuple[type[Lang], tuple[str]]:
        return Lang, (self.code,)  # sent to worker processes (QBR packs)

    @property
    def tag(self) -> str:
        """What a person types or reads for it: ``en``, ``pt-BR``."""
        return TAGS[self.code]

    # -- messages --------------------------------------------------------------------------

    def __call__(self, message: str) -> str:
        # gettext answers the empty message with the catalogue's header: keep it empty.
        return self._catalogue().gettext(message) if message else message

    gettext = __call__

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form that agrees with ``n`` (Portuguese counts 0 and 1 as singular)."""
        return self._catalogue().ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalogue().pgettext(context, message)

    def label(self, value: StrEnum) -> str:
        """The display name of a domain enum member in this language."""
        from csdesk.i18n import labels

        return labels.label(value, self)

    def _catalogue(self):  # type: ignore[no-untyped-def]
        from csdesk.i18n.translation import translations

        return translations(self.code)

    # -- numbers and dates -----------------------------------------------------------------

    def number(self, value: float | None, *, decimals: int = 0) -> str:
        from csdesk.i18n import formatting

        return formatting.number(value, self.code, decimals=decimals)

    def measure(self, value: float | None, *, decimals: int = 1) -> str:
        from csdesk.i18n import formatting

        return formatting.measure(value, self.code, decimals=decimals)

    def percent(self, value: float | None, *, decimals: int = 1) -> str:
        from csdesk.i18n import formatting

        return formatting.percent(value, self.code, decimals=decimals)

    def money(self, value: float | None, currency: str, *, cents: bool = True) -> str:
        from csdesk.i18n import formatting

        return formatting.money(value, currency, self.code, cents=cents)

    def day(self, value: date | datetime | None) -> str:
        from csdesk.i18n import formatting

        return formatting.day(value, self.code)

    def month(self, value: Month | None) -> str:
        from csdesk.i18n import formatting

        return formatting.month(value, self.code)


def resolve(asked: str | None = None, stored: str | None = None) -> Lang:
    """The language to use: what was asked, else what the workspace stores, else the system's.

    ``asked`` is a person's choice at this door (``--lang``, Settings): a language csdesk has
    no catalogue for is their mistake and refused with the choices. ``stored`` is a
    workspace's locale setting (``pt_BR``, ``pt-BR``, ``en_US``...): one csdesk cannot show
    words in falls back to the system's language, the same way in the app and every command.
    """
    if asked is not None and asked.strip():
        code = supported_code(asked)
        if code is None:
            raise CsdeskError(
                N_("Language {asked!r} is not available; choose one of: {choices}."),
                asked=asked.strip(),
                choices=", ".join(TAGS[c] for c in SUPPORTED),
            )
        return Lang(code)
    if stored is not None and stored.strip():
        code = supported_code(stored)
        if code is not None:
            return Lang(code)
    return Lang(system_locale())


def workspace_lang(ws: object, asked: str | None = None) -> Lang:
    """``resolve`` with the locale setting of ``ws`` (None: no workspace) as the stored one.

    A setting that cannot be read counts as none stored.
    """
    stored: str | None = None
    if ws is not None:
        from csdesk.store.settings import LOCALE

        try:
            stored = LOCALE.get(ws)  # type: ignore[arg-type]
        except CsdeskError:
            stored = None
    return resolve(asked, stored)


def ambient() -> Lang:
    """The ambient language as a ``Lang``: what a builder called without one renders in (the
    app's pages, which draw in the session's language set by the window)."""
    from csdesk.i18n.translation import current_language

    return Lang(current_language())


# The source language: a document built without being told which language to speak.
ENGLISH = Lang("en")
