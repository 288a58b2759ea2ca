"""The one translation layer of csdesk: gettext catalogues read with Babel.

Every string a person reads, in the app, the command line or a report, is written in English in
the code and wrapped in ``_()`` (or ``ngettext`` / ``pgettext``); constants defined at import
time are marked with ``N_()`` and translated where they are shown. The Portuguese (Brazil)
catalogue is ``resources/locale/pt_BR/LC_MESSAGES/csdesk.po``; it is read (and compiled in
memory) the first time a message is looked up, so there is no compiled file to fall out of
date. ``python -m csdesk.i18n.extract`` refreshes the template and the catalogue from the code.

Documents, charts and commands take a :class:`csdesk.i18n.lang.Lang` and translate through it.
What is left here is the *ambient* language of the module-level ``_``: the app's (its
session's ``Lang``, set by the front end with ``set_language``), the system's until then.
``language(...)`` changes it for one block in the current thread or task only (a
``ContextVar``): a worker can never change what another thread reads.
Placeholders use ``str.format`` names: ``_("{count} accounts").format(count=n)``.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from csdesk.i18n.locales import SUPPORTED, TAGS
from csdesk.resources import resource_path

DOMAIN = "csdesk"
SOURCE_LANGUAGE = "en"
LANGUAGES = SUPPORTED
LANGUAGE_TAGS = TAGS

# A function giving each English message in one language: the ambient ``gettext`` or a ``Lang``.
Translate = Callable[[str], str]

# The app-wide default (the front end's choice) and a per-thread / per-task override of it.
_default: str | None = None
_override: ContextVar[str | None] = ContextVar("csdesk_language", default=None)


def locale_dir() -> Path:
    return resource_path("locale")


def template_path() -> Path:
    return locale_dir() / f"{DOMAIN}.pot"


def catalogue_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def resolve_language(name: str | None) -> str:
    """The supported language a name asks for: ``pt-BR``, ``pt_BR.UTF-8``, ``pt`` → ``pt_BR``.

    ``None`` or an empty name means the system's language; an explicit name csdesk has no
    catalogue for is a user mistake (``csdesk.i18n.lang.resolve`` decides both).
    """
    from csdesk.i18n.lang import resolve

    return resolve(name).code


def set_language(name: str | None = None) -> str:
    """Make ``name`` the app-wide language of the ambient ``_``; return the resolved name.

    Only front ends call it (the app for its session, the CLI for its command): builders take
    a ``Lang`` instead (``tests/test_architecture.py`` checks reports and charts never switch).
    """
    global _default
    _default = resolve_language(name)
    return _default


def current_language() -> str:
    """The ambient language (``en`` or ``pt_BR``): this thread's ``language(...)`` block, else
    the app-wide default, else the system's."""
    global _default
    override = _override.get()
    if override is not None:
        return override
    if _default is None:
        _default = resolve_language(None)
    return _default


@contextmanager
def language(name: str | None) -> Iterator[str]:
    """The ambient language for a block in this thread (or asyncio task) only, then back."""
    resolved = resolve_language(name)
    token = _override.set(resolved)
    try:
        yield resolved
    finally:
        _override.reset(token)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalogue of a supported language (messages pass through in English)."""
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    source = catalogue_path(language).read_bytes()
    return _gettext.GNUTranslations(io.BytesIO(_compiled(language, source)))


def _compiled(language: str, source: bytes) -> bytes:
    """The catalogue compiled to gettext's binary form, kept in the cache folder under the
    source's hash: compiling takes longer than the rest of the app's start, and a cached
    copy of an older catalogue can never be picked up by mistake."""
    from hashlib import sha256

    from csdesk.store.paths import cache_dir

    cached = cache_dir() / f"{DOMAIN}-{language}-{sha256(source).hexdigest()[:20]}.mo"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source), locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    data = compiled.getvalue()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(cached)
    except OSError:
        pass  # a read-only cache folder costs the compile on each start, nothing more
    return data


def gettext(message: str) -> str:
    """``message`` in the current language."""
    return translations(current_language()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that agrees with ``n`` (Portuguese counts 0 and 1 as singular)."""
    return translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated within ``context``, for an English word with two meanings."""
    return translations(current_language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark a constant for extraction without translating it yet (translate where shown)."""
    return message
