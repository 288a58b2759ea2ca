"""The Qt binding keeps Python's reference counts whole.

PySide6 6.12.0 (on Python 3.11) took a reference from None on every call into Qt that
returns nothing or a null QVariant (``widget.setMinimumWidth(5)``, ``obj.property("x")``)
and never gave it back. None is not immortal before Python 3.12, so an app session making
a few hundred thousand such calls (a progress bar, a table being filled) aborted with
"Fatal Python error: none_dealloc". The project pins that release out; this test fails on
any release that does the same.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

CALLS = 1000


def test_void_calls_keep_none_s_reference_count(qapp: QApplication) -> None:
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        widget.setMinimumWidth(5)
    # A few references may come and go with the interpreter's own work; a leak is one a call.
    assert abs(sys.getrefcount(None) - before) < CALLS // 10


def test_null_variant_results_keep_none_s_reference_count(qapp: QApplication) -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        assert obj.property("no such property") is None
    assert abs(sys.getrefcount(None) - before) < CALLS // 10
