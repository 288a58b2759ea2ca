"""Human names of the domain's values for lists, filters and headers.

Enum members go through csdesk.i18n.labels, the one place names are translated; raw words
stored by imports (an opportunity stage typed by a client, say) are shown with their words
capitalised.
"""

from __future__ import annotations

from enum import StrEnum

from csdesk.domain.enums import Role
from csdesk.i18n import labels as core_labels


def label(value: StrEnum | str) -> str:
    """The name a person reads for an enum value (or a raw stored word)."""
    if isinstance(value, StrEnum):
        return core_labels.label(value)
    return core_labels.movement_label(value) if value else ""


def priority_label(value: str | None) -> str:
    """A ticket's stored priority (``low`` ... ``urgent``) by its name; other words as typed."""
    return core_labels.priority_label(value)


def role_short(role: Role) -> str:
    """CS, AM, Support, CX — for narrow columns."""
    return core_labels.role_short(role)


def field_label(field: str, entity: str | None = None) -> str:
    """An import field by its name (``renewal_date`` → "Renewal date"), not its key."""
    return core_labels.field_label(field, entity)
