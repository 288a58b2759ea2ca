"""What the user says about single files of a data room: a small mapping file.

A TOML (or JSON) file with one table per file of the room, named by its path inside the
folder or zip::

    ["notas do suporte.xlsx"]
    entity = "tickets"
    sheet = "Chamados"                 # optional
    map = { Cliente = "account", "Aberto em" = "opened_at" }

    ["rascunho.csv"]
    skip = true

    ["ERP.xlsx [Contratos]"]           # another sheet of a workbook: its own entry
    entity = "contracts"

``--entity`` and ``--map`` of the one-file import, per file.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from csdesk.i18n import _
from csdesk.ingest.errors import ImportRefused


@dataclass(frozen=True)
class FileChoice:
    """The user's word on one file: what it holds, which sheet, columns sent to fields."""

    entity: str | None = None
    sheet: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # column -> field ("-": left out)
    skip: bool = False

    @property
    def is_empty(self) -> bool:
        return self.entity is None and self.sheet is None and not self.mapping and not self.skip


_KEYS = {"entity", "sheet", "map", "skip"}


def read_choices(path: Path) -> dict[str, FileChoice]:
    """The choices a mapping file holds, by file name inside the room; a clear refusal of a
    file that cannot be read or says something csdesk does not understand."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportRefused(
            _("{file}: the mapping file cannot be read ({reason}).").format(
                file=path.name, reason=getattr(exc, "strerror", None) or exc
            )
        ) from exc
    try:
        data: Any = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ImportRefused(
            _(
                "{file}: the mapping file is not valid {format} ({reason}). Write one table per "
                'file, e.g. ["notas.xlsx"] then entity = "tickets".'
            ).format(
                file=path.name,
                format="JSON" if path.suffix.lower() == ".json" else "TOML",
                reason=exc,
            )
        ) from exc
    if not isinstance(data, dict):
        raise ImportRefused(
            _("{file}: the mapping file must name the files of the room.").format(file=path.name)
        )
    return {str(name): _choice(path.name, str(name), value) for name, value in data.items()}


def _choice(source: str, name: str, value: Any) -> FileChoice:
    if not isinstance(value, dict):
        raise ImportRefused(
            _("{file}: the entry for {name!r} must be a table (entity, sheet, map, skip).").format(
                file=source, name=name
            )
        )
    unknown = sorted(set(value) - _KEYS)
    if unknown:
        raise ImportRefused(
            _("{file}: the entry for {name!r} has unknown keys {keys}; use {known}.").format(
                file=source, name=name, keys=", ".join(unknown), known=", ".join(sorted(_KEYS))
            )
        )
    mapping = value.get("map", {})
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise ImportRefused(
            _(
                "{file}: 'map' of {name!r} must send column names to field names, e.g. "
                'map = {{ Cliente = "account" }}.'
            ).format(file=source, name=name)
        )
    entity = value.get("entity")
    sheet = value.get("sheet")
    skip = value.get("skip", False)
    if (
        not (entity is None or isinstance(entity, str))
        or not (sheet is None or isinstance(sheet, str))
        or not isinstance(skip, bool)
    ):
        raise ImportRefused(
            _(
                "{file}: in the entry for {name!r}, entity and sheet are texts and skip is "
                "true or false."
            ).format(file=source, name=name)
        )
    return FileChoice(entity=entity, sheet=sheet, mapping=dict(mapping), skip=skip)
