"""How the importer writes its messages: in the language it is given, quantities in its locale.

Every message of the importer (problems, column reasons, how values are read, refusals) is
an English ``str.format`` text marked with ``_()`` / ``ngettext()`` and translated when it is
made, which is when a plan is prepared or committed. The entry points (``prepare``,
``commit``, ``undo``, a plan's ``with_...``) are :func:`speaking`: they take the ``lang`` of
the door that calls them (the command's, the app session's) and make every message of the
call in it, whatever language the calling thread has around it; without one, the ambient
language (:func:`csdesk.i18n.current_language`). Names of files, sheets, columns and cell
values are data and go into the messages exactly as written; counts and shares are written in
the language's number format. Row numbers stay plain integers (a person looks for row 1234,
not "1.234").
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from csdesk.i18n import _, current_language, language

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang

__all__ = ["amount", "count", "month", "share", "speaking", "where"]

F = TypeVar("F", bound=Callable[..., Any])


def speaking(function: F) -> F:
    """Make the messages of ``function`` in the language of its ``lang=`` keyword argument.

    The function declares ``lang: Lang | None = None`` (callers see it); the language is
    bound for the call only, in this thread only (a ``ContextVar``), so the importer's many
    message sites need no parameter of their own and no other thread (the app's GUI, another
    import) is affected.
    """

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        lang: Lang | None = kwargs.get("lang")
        if lang is None:
            return function(*args, **kwargs)
        with language(lang.code):
            return function(*args, **kwargs)

    return call  # type: ignore[return-value]


def count(n: int) -> str:
    """A quantity as the reader writes it: ``1,234`` in English, ``1.234`` in pt-BR."""
    if -1000 < n < 1000:
        return str(n)  # no grouping to do: spare Babel on the common path
    from csdesk.i18n import formatting

    return formatting.number(n, current_language())


def amount(value: float) -> str:
    """An amount with cents in the reader's format (``-1,234.50``, ``-1.234,50``)."""
    from csdesk.i18n import formatting

    return formatting.number(value, current_language(), decimals=2)


def share(fraction: float) -> str:
    """A share as a whole percentage in the reader's format (``80%``)."""
    from csdesk.i18n import formatting

    return formatting.percent(fraction, current_language(), decimals=0)


def month(iso: str) -> str:
    """A month (``2024-01``) as the reader writes it: ``Jan 2024``, ``jan/2024``."""
    from csdesk.domain.month import Month
    from csdesk.i18n import formatting

    try:
        return formatting.month(Month.parse(iso), current_language())
    except ValueError:
        return iso


def where(file_name: str, sheet: str | None) -> str:
    """The file, and the sheet of a workbook, that a message is about."""
    if not sheet:
        return file_name
    return _("{file}, sheet {sheet!r}").format(file=file_name, sheet=sheet)
