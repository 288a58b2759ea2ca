"""The app's one door to the message catalogues (csdesk.i18n's ``_`` and ``ngettext``)."""

from __future__ import annotations

from csdesk.i18n import N_, _, ngettext

__all__ = ["N_", "_", "ngettext"]
