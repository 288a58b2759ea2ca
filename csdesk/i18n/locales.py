"""Which locale a person asked for, without loading any locale data.

Naming the language is needed before the first window paints (the first translated label),
formatting a number is not: these live apart from ``csdesk.i18n.formatting`` so that the app
starts without importing Babel. ``SUPPORTED`` is the one list of languages csdesk speaks.
"""

from __future__ import annotations

import os
from functools import cache

SUPPORTED = ("en", "pt_BR")
DEFAULT = "en"
# What a person types or reads for each language (the CLI's --lang values).
TAGS = {"en": "en", "pt_BR": "pt-BR"}
# Each language's name in itself, for the pickers (a person finds their own language by it).
NAMES = {"en": "English", "pt_BR": "Português (Brasil)"}


def supported_code(name: str | None) -> str | None:
    """The supported language ``name`` asks for (``pt-BR``, ``pt_BR.UTF-8``, ``pt`` → ``pt_BR``),
    None when csdesk has no catalogue for it."""
    if not name or not name.strip():
        return None
    base = name.strip().split(".")[0].split("@")[0].replace("-", "_")
    if base in SUPPORTED:
        return base
    language = base.split("_")[0].lower()
    for candidate in SUPPORTED:
        if candidate.split("_")[0] == language:
            return candidate
    return None


def normalise(name: str | None) -> str:
    """Map ``pt-BR``, ``pt_BR.UTF-8``, ``pt`` ... to a supported locale name (else English)."""
    return supported_code(name) or DEFAULT


@cache
def system_locale() -> str:
    """The user's locale from the environment (LC_ALL, LC_MESSAGES, LANG), normalised.

    Failing those, on Windows the system's own (``locale.getlocale``); elsewhere the C
    library takes its locale from the same environment (LC_CTYPE), so that is read, and the
    ``locale`` module, 1.5 ms of every start, is not imported.
    """
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value and value not in _NOT_A_LANGUAGE:
            return normalise(value)
    if os.name == "posix":
        value = os.environ.get("LC_CTYPE")
        return normalise(value if value not in _NOT_A_LANGUAGE else None)
    import locale

    return normalise(locale.getlocale()[0])


_NOT_A_LANGUAGE = frozenset({"C", "POSIX", "C.UTF-8", "C.utf8"})
