"""Icons from the bundled Lucide set (csdesk/resources/icons/lucide), tinted to the palette.

Lucide draws with ``currentColor``; the SVG text is tinted before rendering so one file serves
light and dark themes.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from csdesk.errors import CsdeskError

_SIZES = (16, 20, 24, 32)


def svg_text(name: str) -> str:
    resource = files("csdesk.resources").joinpath("icons", "lucide", f"{name}.svg")
    if not resource.is_file():
        raise CsdeskError(f"the icon {name!r} is not bundled in csdesk/resources/icons/lucide.")
    return resource.read_text(encoding="utf-8")


@cache
def icon(name: str, colour: str) -> QIcon:
    """The Lucide icon ``name`` drawn in ``colour`` (``#rrggbb``) at the usual sizes."""
    data = QByteArray(svg_text(name).replace("currentColor", colour).encode("utf-8"))
    renderer = QSvgRenderer(data)
    result = QIcon()
    for size in _SIZES:
        for scale in (1, 2):
            pixmap = QPixmap(QSize(size * scale, size * scale))
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter, QRectF(0, 0, size * scale, size * scale))
            painter.end()
            pixmap.setDevicePixelRatio(scale)
            result.addPixmap(pixmap)
    return result
