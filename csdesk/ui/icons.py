"""Icons from the bundled Lucide set (csdesk/resources/icons/lucide), tinted to the palette.

Lucide draws with ``currentColor``; each icon is written once, tinted, to csdesk's data folder
and loaded through Qt's SVG icon engine, which renders it lazily at the size a widget paints,
so building the window renders nothing up front.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from csdesk.errors import CsdeskError
from csdesk.resources import resource_path
from csdesk.store.paths import data_dir


def svg_text(name: str) -> str:
    resource = resource_path("icons", "lucide", f"{name}.svg")
    if not resource.is_file():
        raise CsdeskError(f"the icon {name!r} is not bundled in csdesk/resources/icons/lucide.")
    return resource.read_text(encoding="utf-8")


def tinted_file(name: str, colour: str) -> Path:
    """The icon ``name`` drawn in ``colour`` (``#rrggbb``) as an SVG file of its own."""
    folder = data_dir() / "ui-cache" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{colour.lstrip('#').lower()}.svg"
    text = svg_text(name).replace("currentColor", colour)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
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
