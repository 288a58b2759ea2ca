"""The order in which people look names up: accents and case ignored.

Sorting by code point puts every accented capital after "Z" ("Ágil" below "Zeta"), and a
casefold alone still puts "Aço" after "Aurora"; a person working in Portuguese expects both
beside their unaccented letters, as a spreadsheet sorts them. Accounts sorted in SQL follow
the same rule through ``accounts.name_key`` (see ``csdesk.store.queries.accounts.NAME_ORDER``).
"""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """``"Renovação"`` -> ``"Renovacao"``: accents are noise when matching or ordering words."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def text_key(text: str) -> str:
    """The sort key of a text shown to people: ``"Ágil"`` sorts as ``"agil"``."""
    return strip_accents(text).casefold()
