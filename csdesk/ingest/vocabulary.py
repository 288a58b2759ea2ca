"""The importer's word lists, read once from ``resources/ingest``.

Header names per field, month names, totals-row words, legal suffixes and the words of the
closed vocabularies (roles, billing periods, ...) are data, not code, so a new synonym is a
one-line edit of a JSON file. Everything is compared through :func:`normalise`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from csdesk.domain.text_order import strip_accents
from csdesk.resources import resource_path

_NON_WORD = re.compile(r"[^0-9a-z%$€]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def normalise(text: object) -> str:
    """Lowercase, no accents, every run of punctuation or spaces one space, trimmed."""
    if text is None:
        return ""
    return _NON_WORD.sub(" ", strip_accents(str(text)).lower()).strip()


def normalise_header(text: object) -> str:
    """As :func:`normalise`, splitting camelCase: ``MonthlyCharges`` -> ``monthly charges``."""
    return normalise(_CAMEL.sub(" ", str(text)))


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One importable field: its value kind, how much it points to its entity, its names."""

    entity: str
    name: str
    kind: str
    weight: int
    synonyms: tuple[str, ...]
    # Names that win over the field's other names when two columns say the field outright: a
    # help desk's "Organização" is the account beside a "Cliente" who opened the ticket.
    preferred: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EntitySpec:
    name: str
    fields: dict[str, FieldSpec]
    required: tuple[str, ...]
    ignore: frozenset[str]
    file_words: frozenset[str]


def _load(name: str) -> Any:
    text = resource_path("ingest", name).read_text("utf-8")
    return json.loads(text)


@cache
def entity_specs() -> dict[str, EntitySpec]:
    """Every importable entity and its fields, in the order of the Fields table."""
    out: dict[str, EntitySpec] = {}
    for entity, body in _load("fields.json").items():
        if entity.startswith("_"):
            continue
        fields = {
            name: FieldSpec(
                entity,
                name,
                spec["kind"],
                int(spec.get("weight", 1)),
                tuple(normalise(s) for s in spec["synonyms"]),
                frozenset(normalise(s) for s in spec.get("preferred", ())),
            )
            for name, spec in body["fields"].items()
        }
        out[entity] = EntitySpec(
            entity,
            fields,
            tuple(body.get("required", ())),
            frozenset(normalise(s) for s in body.get("ignore", ())),
            frozenset(normalise(s) for s in body.get("file_words", ())),
        )
    return out


@cache
def vocabulary() -> dict[str, Any]:
    return dict(_load("vocabulary.json"))


@cache
def month_words() -> dict[str, int]:
    """Month name or abbreviation (EN, PT) -> month number."""
    return {
        normalise(word): int(number)
        for number, words in vocabulary()["months"].items()
        for word in words
    }


# Sections of vocabulary.json that CRM exports add words to (crm.json, per CRM).
_CRM_SECTIONS = {
    "opportunity_stages": "stages",
    "opportunity_kinds": "kinds",
    "opportunity_outcomes": "outcomes",
}


@cache
def word_map(section: str) -> dict[str, str]:
    """A closed vocabulary (``roles``, ``billing_periods``...) as normalised word -> value."""
    table = {
        normalise(word): value
        for value, words in vocabulary()[section].items()
        for word in [value, *words]
    }
    if section in _CRM_SECTIONS:
        for crm in _load("crm.json")["crms"].values():
            for value, words in crm.get(_CRM_SECTIONS[section], {}).items():
                for word in words:
                    table.setdefault(normalise(word), value)
    return table


@cache
def boolean_words() -> dict[str, bool]:
    table = vocabulary()["booleans"]
    return {
        **{normalise(w): False for w in table["false"]},
        **{normalise(w): True for w in table["true"]},
    }


@cache
def totals_words() -> frozenset[str]:
    return frozenset(normalise(w) for w in vocabulary()["totals_words"])


@cache
def legal_suffixes() -> tuple[str, ...]:
    """Longest first, so ``ltda me`` is removed whole rather than leaving ``ltda``."""
    words = {normalise(w) for w in vocabulary()["legal_suffixes"]}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def category_words() -> frozenset[str]:
    """Header words of columns that sort rows (type, status, product...), not name accounts."""
    return frozenset(normalise(w) for w in vocabulary()["category_words"])
