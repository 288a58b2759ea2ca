"""Render the app icon SVG to the PNG sizes desktops and PyInstaller want.

Run after changing resources/app-icon.svg: ``python packaging/make_icons.py``.
Uses Qt's SVG renderer, which csdesk already depends on, offscreen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "app-icon.svg"
OUT = ROOT / "packaging" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(SOURCE))
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(OUT / f"csdesk-{size}.png"))
    # Windows wants one .ico holding several sizes; Qt writes .ico with one image only, so
    # PyInstaller is given the 256 px PNG (it converts PNG icons itself when Pillow is present).
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
