"""The few Qt enum values the window's first view sets, as plain numbers.

The first ``Qt.*`` value Python touches, or the first call of a method that takes one, makes
PySide build its whole ``Qt`` namespace: 94 Python enums, about 25 ms of CPU at every start,
for a window that needs none of them to first paint. So the first view passes these numbers
where Qt takes an int (an item's data role) or through the widget's Qt property, which turns
an int into the property's enum in C++. ``tests/ui/test_qt_numbers.py`` checks each one
against PySide's enum.
"""

from __future__ import annotations

USER_ROLE = 0x100  # Qt.ItemDataRole.UserRole
ALIGN_CENTER = 0x84  # Qt.AlignmentFlag.AlignCenter
