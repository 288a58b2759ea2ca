"""The system's colour scheme (Qt's hint) read without PySide's ``Qt`` namespace.

``QStyleHints.colorScheme`` returns a ``Qt.ColorScheme``: the first such value makes PySide
build the whole ``Qt`` namespace, 94 Python enums and about 25 ms of CPU, while nothing else
on the way to the window's first paint needs it. Where Qt's libraries are loaded with their
C++ names (Linux and the BSDs, Itanium mangling), the hint's getter is called directly and
answers the enum's number; anywhere else, or if the symbol is missing, PySide's own call
answers (the same value, just slower).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

UNKNOWN, LIGHT, DARK = 0, 1, 2  # Qt::ColorScheme's values
_GETTER = "_ZNK11QStyleHints11colorSchemeEv"  # QStyleHints::colorScheme() const


@cache
def native_getter(symbol: str) -> Callable[[QObject], int] | None:
    """A QtGui ``const`` getter answering an int or enum, by its C++ symbol, called on the
    object given; None where it cannot be had."""
    if sys.platform in ("win32", "darwin"):
        return None
    try:
        import ctypes

        import shiboken6
        from PySide6 import QtGui

        # The module's handle finds the symbol in the libraries it links (libQt6Gui).
        function = getattr(ctypes.CDLL(QtGui.__file__), symbol)
        function.restype = ctypes.c_int
        function.argtypes = [ctypes.c_void_p]
    except (ImportError, OSError, AttributeError):
        return None
    return lambda hints: int(function(shiboken6.getCppPointer(hints)[0]))


def color_scheme() -> int:
    """Qt's colour-scheme hint as ``UNKNOWN``, ``LIGHT`` or ``DARK``."""
    hints = QGuiApplication.styleHints()
    getter = native_getter(_GETTER)
    value = getter(hints) if getter is not None else int(hints.colorScheme().value)
    return value if value in (LIGHT, DARK) else UNKNOWN
