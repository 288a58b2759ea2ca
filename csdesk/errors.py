"""Errors a person can act on, carried as data and put into words by the door they reach.

Anything raised as a :class:`CsdeskError` is shown to the user as its message alone, one
sentence or two saying what happened, where, and what to do; the command line prints it on one
line and exits non-zero, the app shows it in a dialog. Every other exception is a bug.

The core (store, metrics, reports) does not know who will read an error, in which language, or
through which door. So an error holds an English template marked for the catalogue
(``N_("{path} does not exist.")``) with its parameters, and optionally a *remedy*: the key of
what the person can do about it (``"restore_any"``). Whoever shows the error renders it with
its own :class:`~csdesk.i18n.Lang` and its own :data:`Door` (remedy key -> wording), so the
command line says ``csdesk restore BACKUP FILE`` and the app names its menu item::

    raise WorkspaceCorrupt(N_("{path} is damaged."), path=path, remedy=Remedy("restore_any"))
    error.render(lang, CLI_DOOR)

A message already in words (``CsdeskError(_("..."))``, as the importer makes them) passes
through unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang

# What a door says for each remedy key: a Message (English template marked with N_(),
# translated when rendered) whose parameters the remedy's own complete.
Door = Mapping[str, "Message"]


# No parameters (shared, read-only).
_NONE: Mapping[str, Any] = MappingProxyType({})


class Message:
    """An English template and its parameters, translated only when a door shows it.

    A parameter may itself be a :class:`Message` or a :class:`Remedy` (rendered in the same
    language and door) or a function of the ``Lang`` (a number in the reader's format);
    anything else goes into the template as it is (``{path}``, ``{value!r}``). With
    ``plural``, ``n`` picks the form (``ngettext``).

    (A plain class, compared by value like the frozen dataclass it was: every start imports
    this module, and ``dataclasses`` with the code it generates cost 3 ms of it.)
    """

    __slots__ = ("n", "params", "plural", "text")

    def __init__(
        self,
        text: str,
        params: Mapping[str, Any] | None = None,
        plural: str | None = None,
        n: int = 1,
    ) -> None:
        self.text = text
        self.params: Mapping[str, Any] = _NONE if params is None else params
        self.plural = plural
        self.n = n

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.text, dict(self.params), self.plural, self.n) == (
            other.text,
            dict(other.params),
            other.plural,
            other.n,
        )

    __hash__ = None  # type: ignore[assignment]  # its parameters are a mapping

    def __repr__(self) -> str:
        return f"Message({self.text!r}, {dict(self.params)!r}, {self.plural!r}, {self.n!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross to and from worker processes (QBR packs); a mapping proxy does not.
        return Message, (self.text, dict(self.params), self.plural, self.n)

    def render(self, lang: Lang, door: Door | None = None) -> str:
        template = (
            lang(self.text)
            if self.plural is None
            else lang.ngettext(self.text, self.plural, self.n)
        )
        if not self.params:
            return template
        return template.format(**{k: shown(v, lang, door) for k, v in self.params.items()})


class Remedy:
    """What the person can do, by key, in the words of the door that shows it.

    A door without wording for the key says nothing more (the message still says what
    happened); :data:`NEUTRAL` words every key without naming a command or a menu.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, params: Mapping[str, Any] | None = None) -> None:
        self.key = key
        self.params: Mapping[str, Any] = _NONE if params is None else params

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Remedy):
            return NotImplemented
        return (self.key, dict(self.params)) == (other.key, dict(other.params))

    __hash__ = None  # type: ignore[assignment]  # its parameters are a mapping

    def __repr__(self) -> str:
        return f"Remedy({self.key!r}, {dict(self.params)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return Remedy, (self.key, dict(self.params))

    def render(self, lang: Lang, door: Door | None = None) -> str:
        words = (door or NEUTRAL).get(self.key) or NEUTRAL.get(self.key)
        if words is None:
            return ""
        return Message(words.text, {**words.params, **self.params}).render(lang, door)


def shown(value: Any, lang: Lang, door: Door | None) -> Any:
    """A parameter as the reader sees it (see :class:`Message`)."""
    if isinstance(value, Message | Remedy):
        return value.render(lang, door)
    if callable(value):
        return value(lang)
    return value


def N_(message: str) -> str:
    """Mark a template for extraction (the same as ``csdesk.i18n.N_``, without importing it)."""
    return message


# Remedies in words that name neither a command nor a menu: what a message says when no door
# is given (a log, a test, a batch's list of failures).
NEUTRAL: Door = {
    "restore_newest": Message(
        N_("The newest good backup is {backup}; restore it to get your work back.")
    ),
    "restore_any": Message(N_("Restore it from one of its backups to get your work back.")),
    "create_workspace": Message(N_("Create a workspace there, or import a spreadsheet into it.")),
    "list_actions": Message(N_("The work queue lists the actions there are.")),
    "import_again": Message(N_("To import it again anyway, undo batch {batch} first.")),
}


class CsdeskError(Exception):
    """A problem with the user's input or environment, explained in the message."""

    exit_code = 2

    def __init__(self, message: str | Message, /, *, remedy: Remedy | None = None, **params: Any):
        self.said = message if isinstance(message, Message) else Message(message, params)
        self.remedy = remedy
        super().__init__(self.said.text)

    def render(
        self, lang: Lang | None = None, door: Door | None = None, *, remedy: bool = True
    ) -> str:
        """The message in ``lang`` (default: the ambient language), its remedy worded by
        ``door`` (default: :data:`NEUTRAL`); ``remedy=False`` leaves the remedy out, for a
        door that offers it right after (the app asks to restore the newest backup)."""
        if lang is None:
            from csdesk.i18n.lang import ambient

            lang = ambient()
        text = self.said.render(lang, door)
        if remedy and self.remedy is not None:
            advice = self.remedy.render(lang, door)
            if advice:
                text = f"{text} {advice}"
        return text

    @property
    def message(self) -> str:
        """The message in the ambient language with the neutral remedy (a door renders its
        own with :meth:`render`)."""
        return self.render()

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # An error crosses a process boundary (a report worker) with its template, parameters
        # and remedy, to be rendered by the door on the other side.
        return (_rebuilt, (type(self), self.said, self.remedy, self.__dict__))


def _rebuilt(
    cls: type[CsdeskError], said: Message, remedy: Remedy | None, state: dict[str, Any]
) -> CsdeskError:
    error = cls.__new__(cls)
    Exception.__init__(error, said.text)
    error.__dict__.update(state)
    return error


# A parameter put into words by the reader's language (a count in its number format).
Lazy = Callable[["Lang"], str]
