"""How the importer writes its messages: in the language in force, quantities in its locale.

Every message of the importer (problems, column reasons, how values are read, refusals) is
an English ``str.format`` text marked with ``_()`` / ``ngettext()`` and translated when it is
made, which is when a plan is prepared: the language is process-wide
(:func:`csdesk.i18n.current_language`), so a plan made in the app's worker thread speaks the
language the app set. Names of files, sheets, columns and cell values are data and go into the
messages exactly as written; counts and shares are written in the language's number format.
Row numbers stay plain integers (a person looks for row 1234, not "1.234").
"""

from __future__ import annotations

from csdesk.i18n import _, current_language

__all__ = ["amount", "count", "month", "share", "where"]


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
