"""The colour-scheme hint read past PySide (csdesk.ui.style_scheme) answers what Qt answers."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from csdesk.ui import style_scheme

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="the direct call is made on Linux/BSD only"
)


def test_the_scheme_is_qts_own(qapp: QApplication) -> None:
    assert style_scheme.native_getter(style_scheme._GETTER) is not None
    assert style_scheme.color_scheme() == qapp.styleHints().colorScheme().value


def test_a_direct_getter_reads_the_objects_enum_as_qt_sets_it(qapp: QApplication) -> None:
    """The headless platforms always say Unknown, so the call itself (the object's address
    passed, the enum's number answered) is checked on a hint that can be set."""
    hints = qapp.styleHints()
    getter = style_scheme.native_getter("_ZNK11QStyleHints16tabFocusBehaviorEv")
    assert getter is not None
    before = hints.tabFocusBehavior()
    try:
        for behaviour in (
            Qt.TabFocusBehavior.TabFocusTextControls,
            Qt.TabFocusBehavior.TabFocusAllControls,
            Qt.TabFocusBehavior.TabFocusListControls,
        ):
            hints.setTabFocusBehavior(behaviour)
            assert getter(hints) == behaviour.value
    finally:
        hints.setTabFocusBehavior(before)


def test_a_missing_symbol_gives_no_getter() -> None:
    assert style_scheme.native_getter("_ZNK11QStyleHints9noSuchOneEv") is None
