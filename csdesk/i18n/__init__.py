"""Message catalogues and locale-aware formatting of numbers, money and dates.

``from csdesk.i18n import _`` is the door for user-visible text in the app (Qt calls the same
function) and the command line; reports and charts translate through the ``Lang`` they are
given (:mod:`csdesk.i18n.lang`). Importing this package loads no catalogue
and no Babel; that happens on the first translated message.
"""

from csdesk.i18n.lang import Lang, resolve, workspace_lang
from csdesk.i18n.translation import (
    LANGUAGES,
    N_,
    _,
    current_language,
    gettext,
    language,
    ngettext,
    pgettext,
    resolve_language,
    set_language,
)

__all__ = [
    "LANGUAGES",
    "N_",
    "Lang",
    "_",
    "current_language",
    "gettext",
    "language",
    "ngettext",
    "pgettext",
    "resolve",
    "resolve_language",
    "set_language",
    "workspace_lang",
]
