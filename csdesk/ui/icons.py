"""Icons from the bundled Lucide set (resources/icons/lucide), tinted to the palette.

Lucide draws with ``currentColor``; each icon is written once, tinted, to csdesk's data folder
and loaded through Qt's SVG icon engine, which renders it lazily at the size a widget paints,
so building the window renders nothing up front.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from csdesk.errors import CsdeskError
from csdesk.resources import resource_path
from csdesk.store.paths import data_dir


def _source(name: str) -> Path:
    resource = resource_path("icons", "lucide", f"{name}.svg")
    if not resource.is_file():
        raise CsdeskError(f"the icon {name!r} is not bundled in resources/icons/lucide.")
    return resource


def svg_text(name: str) -> str:
    return _source(name).read_text(encoding="utf-8")


@cache
def _cache_folder() -> Path:
    folder = data_dir() / "ui-cache" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def tinted_file(name: str, colour: str) -> Path:
    """The icon ``name`` drawn in ``colour`` (``#rrggbb``) as an SVG file of its own, written
    again only when the bundled icon is newer than the copy (a start reads no icon text)."""
    source = _source(name)
    path = _cache_folder() / f"{name}-{colour.lstrip('#').lower()}.svg"
    try:
        if path.stat().st_mtime >= source.stat().st_mtime:
            return path
    except OSError:
        pass  # not written yet
    text = source.read_text(encoding="utf-8").replace("currentColor", colour)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)  # whole or absent, even with two csdesk windows starting at once
    return path


@cache
def icon(name: str, colour: str) -> QIcon:
    """The Lucide icon ``name`` drawn in ``colour`` (``#rrggbb``); an empty icon, and one line
    on stderr, when a build left the icon files out (the app works without them)."""
    try:
        return QIcon(str(tinted_file(name, colour)))
    except (CsdeskError, OSError) as exc:
        print(f"csdesk: icon {name!r} unavailable: {exc}", file=sys.stderr)
        return QIcon()
