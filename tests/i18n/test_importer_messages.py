"""Every message of the importer goes through the catalogue, and none is frozen at import time.

The importer's words reach people through a few doors: the refusals it raises, the problems
it logs, the reasons and readings of a column mapping, the lines a CSV reader could not split,
the progress it reports, and (for the command line) what `csdesk import` prints. A string
literal or f-string with words handed to one of these doors is English for everyone; a
``_()`` called when a module is imported is frozen in the language of that moment.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "csdesk"
SOURCES = [*sorted((PACKAGE / "ingest").glob("*.py")), PACKAGE / "cli" / "imports.py"]

# Callables whose argument at this position (or these keywords) is read by a person.
DOORS: dict[str, tuple[int | None, set[str]]] = {
    "ImportRefused": (0, {"message"}),
    "UnreadableFile": (0, {"message"}),
    "HostileFile": (0, {"message"}),
    "AlreadyImported": (0, {"message"}),
    "BatchError": (0, {"message"}),
    "CsdeskError": (0, {"message"}),
    "add": (3, {"message", "kind"}),  # ProblemLog.add(row, column, value, message, severity)
    "Problem": (3, {"message"}),
    "ColumnMapping": (3, {"reason", "decision"}),
    "replace": (None, {"reason", "decision"}),  # dataclasses.replace of a ColumnMapping
    "_report_rows": (5, {"message"}),
    "progress": (1, {"message"}),
    "print": (0, set()),
}
# Attributes assigned that are read by a person: ``converted.decision = "..."``.
SHOWN_ATTRIBUTES = {"reason", "decision", "description", "message"}
# A word outside the placeholders (``{file}`` is not one).
WORDS = re.compile(r"(?:^|[^{A-Za-z_])[A-Za-z]{3,}")
TRANSLATING = {"_", "ngettext", "pgettext", "gettext"}


def _literal_words(node: ast.expr) -> str | None:
    """The text of a literal (or f-string, or literal concatenation) that holds words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal_words(node.left), _literal_words(node.right)
        text = (left or "") + " " + (right or "") if left or right else ""
    else:
        return None
    return text if WORDS.search(text) else None


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def unmarked(source: str, name: str) -> list[str]:
    """``name:line: text`` for each literal with words handed to a door unmarked."""
    found: list[tuple[int, str]] = []
    tree = ast.parse(source, filename=name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = _name(node)
            if called not in DOORS:
                continue
            position, keywords = DOORS[called]
            shown = [k.value for k in node.keywords if k.arg in keywords]
            if position is not None and len(node.args) > position:
                shown.append(node.args[position])
            for argument in shown:
                text = _literal_words(argument)
                if text is not None:
                    found.append((node.lineno, f"{name}:{node.lineno}: {text!r}"))
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                # ``converted.decision = "..."``, ``malformed[row] = "..."``
                named = target.attr if isinstance(target, ast.Attribute) else None
                subscript = isinstance(target, ast.Subscript)
                if named in SHOWN_ATTRIBUTES or (subscript and "malformed" in ast.unparse(target)):
                    text = _literal_words(node.value)
                    if text is not None:
                        found.append((node.lineno, f"{name}:{node.lineno}: {text!r}"))
    return [entry for _, entry in sorted(found)]


def frozen_at_import(source: str, name: str) -> list[str]:
    """``_()`` / ``ngettext()`` called at module level (outside any function)."""
    found = []
    tree = ast.parse(source, filename=name)
    for statement in tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if not isinstance(statement, ast.ClassDef):
                continue
            # A class body runs at import time too; its methods do not.
            nodes = [
                n
                for item in statement.body
                if not isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                for n in ast.walk(item)
            ]
        else:
            nodes = list(ast.walk(statement))
        for node in nodes:
            if isinstance(node, ast.Call) and _name(node) in TRANSLATING:
                found.append(f"{name}:{node.lineno}: {ast.unparse(node)[:60]}")
    return found


def test_the_detector_flags_english_literals_at_the_doors() -> None:
    source = (
        "raise ImportRefused(f'{path} does not exist.')\n"
        "raise ImportRefused(_('{path} does not exist.').format(path=path))\n"
        "log.add(row, column, value, 'totals line: reported, not imported', 'warning')\n"
        "log.add(row, column, value, message, 'warning', kind='duplicate row')\n"
        "ColumnMapping(name, None, 0.0, 'what the sheet holds is not clear', 'text')\n"
        "converted.decision = 'one of: ' + words\n"
        "progress(0.5, f'writing {name}')\n"
        "progress(0.5, _('writing {file}').format(file=name))\n"
        "automatic_backup(path, reason='before-import')\n"
    )
    assert unmarked(source, "s.py") == [
        "s.py:1: ' does not exist.'",
        "s.py:3: 'totals line: reported, not imported'",
        "s.py:4: 'duplicate row'",
        "s.py:5: 'what the sheet holds is not clear'",
        "s.py:6: 'one of:  '",
        "s.py:7: 'writing '",
    ]
    module = (
        "TITLE = _('Frozen in English')\n"
        "LABEL = N_('Marked, translated where shown')\n"
        "def shown():\n"
        "    return _('Translated when shown')\n"
    )
    assert frozen_at_import(module, "m.py") == ["m.py:1: _('Frozen in English')"]


def test_no_importer_message_is_an_unmarked_english_literal() -> None:
    offenders = [
        entry
        for path in SOURCES
        for entry in unmarked(
            path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix()
        )
    ]
    assert offenders == [], "mark these with _() / ngettext():\n" + "\n".join(offenders)


def test_no_importer_message_is_translated_when_its_module_is_imported() -> None:
    offenders = [
        entry
        for path in SOURCES
        for entry in frozen_at_import(
            path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix()
        )
    ]
    assert offenders == [], "use N_() for constants, _() where shown:\n" + "\n".join(offenders)
