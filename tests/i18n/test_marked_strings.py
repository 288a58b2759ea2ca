"""User-visible text in the code goes through the translation layer.

A string literal handed straight to a call that shows text to a person (a Qt label, button,
title or tooltip; a chart title or axis label; a report paragraph) bypasses the catalogue, so
a Portuguese user would read English. This test finds such literals in the whole package;
wrap them in ``_()`` (or ``N_()`` for constants) and run ``python -m csdesk.i18n.extract``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "csdesk"

# Calls whose first positional argument is read by a person.
SHOWN_BY_FIRST_ARGUMENT = {
    # Qt widgets and actions
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setPlaceholderText",
    "setWhatsThis",
    "setTitle",
    "setTabText",
    "showMessage",
    "addTab",
    "addMenu",
    "addAction",
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    # matplotlib
    "set_title",
    "set_xlabel",
    "set_ylabel",
    "suptitle",
    # reportlab
    "Paragraph",
    # csdesk's own: a figure's card, its label translated when the page shows
    "Kpi",
}
# Names that read the same in every language.
UNTRANSLATED_NAMES = re.compile(r"\bcsdesk\b")
# Text a person reads has a word in it; separators, markup and format codes do not count,
# and neither do identifiers such as "qbr" or "account_id".
WORDS = re.compile(r"[A-Za-z]{2,}.*\s|\s.*[A-Za-z]{2,}|^[A-Z][a-z]+$")


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def _literal_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    return None


def unmarked_strings(source: str, name: str) -> list[str]:
    """``name:line: text`` for each literal shown to a person without translation."""
    found = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if not isinstance(node, ast.Call) or _called_name(node) not in SHOWN_BY_FIRST_ARGUMENT:
            continue
        text = _literal_text(node.args[0]) if node.args else None
        if text is None:
            continue
        if WORDS.search(UNTRANSLATED_NAMES.sub("", text).strip()):
            found.append((node.lineno, f"{name}:{node.lineno}: {text!r}"))
    return [entry for _, entry in sorted(found)]


def test_the_detector_flags_literals_and_accepts_marked_text() -> None:
    source = (
        "label.setText('Open workspace')\n"
        "label.setText(_('Open workspace'))\n"
        "axes.set_title(f'Revenue of {name}')\n"
        "axes.set_title(title)\n"
        "label.setText('—')\n"
        "label.setText('%')\n"
        "window.setWindowTitle(f'{path.name} — csdesk')\n"
        "QLabel('Portfolio')\n"
        "button.setText('qbr')\n"
    )
    assert unmarked_strings(source, "sample.py") == [
        "sample.py:1: 'Open workspace'",
        "sample.py:3: 'Revenue of '",
        "sample.py:8: 'Portfolio'",
    ]


def test_no_user_visible_literal_bypasses_the_catalogue() -> None:
    offenders = [
        entry
        for path in sorted(PACKAGE.rglob("*.py"))
        for entry in unmarked_strings(
            path.read_text(encoding="utf-8"), path.relative_to(PACKAGE.parent).as_posix()
        )
    ]
    message = "wrap these in _() and run python -m csdesk.i18n.extract:\n" + "\n".join(offenders)
    assert offenders == [], message
