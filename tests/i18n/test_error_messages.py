"""Every error the store, the metrics and the reports raise is in the catalogue, and says what to
do in the words of the door it reaches.

An error there is raised with an English template marked ``N_()`` and its parameters
(``CsdeskError(N_("{path} does not exist."), path=path)``); the CLI and the app render it in
their own language. A literal or f-string handed to an error is English for every reader; a
template whose placeholders and parameters differ fails only when someone meets it.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from csdesk.cli.common import COMMAND_LINE
from csdesk.errors import NEUTRAL, CsdeskError, Message, Remedy
from csdesk.i18n import Lang

PACKAGE = Path(__file__).resolve().parents[2] / "csdesk"
SOURCES = sorted(
    path for folder in ("store", "metrics", "reports") for path in (PACKAGE / folder).rglob("*.py")
)
ERRORS = {
    "CsdeskError",
    "WorkspaceError",
    "WorkspaceNotFound",
    "NotAWorkspace",
    "WorkspaceCorrupt",
    "WorkspaceTooNew",
    "WorkspaceLocked",
    "WorkspaceReadOnly",
    "DiskFull",
}
WORDS = re.compile(r"(?:^|[^{A-Za-z_])[A-Za-z]{3,}")


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def _templates(node: ast.expr) -> list[str] | None:
    """The N_() templates an argument holds (both arms of ``N_(a) if c else N_(b)``)."""
    if isinstance(node, ast.IfExp):
        body, other = _templates(node.body), _templates(node.orelse)
        return None if body is None or other is None else body + other
    if (
        isinstance(node, ast.Call)
        and _name(node) == "N_"
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return [node.args[0].value]
    return None


def problems(source: str, name: str) -> list[str]:
    """``name:line: why`` for each error raised with unmarked words or mismatched parameters."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if not isinstance(node, ast.Call) or _name(node) not in ERRORS or not node.args:
            continue
        first = node.args[0]
        templates = _templates(first)
        if templates is None:
            text = first.value if isinstance(first, ast.Constant) else None
            if isinstance(first, ast.JoinedStr) or (isinstance(text, str) and WORDS.search(text)):
                found.append((node.lineno, f"{name}:{node.lineno}: unmarked {ast.unparse(first)}"))
            continue
        given = {k.arg for k in node.keywords if k.arg not in (None, "remedy")}
        # Each template (an arm of ``N_(a) if c else N_(b)``) uses some of the parameters;
        # together they use all of them.
        fields = [
            {field for _, field, _, _ in string.Formatter().parse(template) if field}
            for template in templates
        ]
        used = set().union(*fields)
        if any(not wanted <= given for wanted in fields) or used != given:
            found.append(
                (
                    node.lineno,
                    f"{name}:{node.lineno}: placeholders {sorted(used)} != {sorted(given)}",
                )
            )
    return [entry for _, entry in sorted(found)]


def test_the_detector_flags_unmarked_text_and_mismatched_parameters() -> None:
    source = (
        "raise CsdeskError(f'{path} does not exist.')\n"
        "raise CsdeskError('give one, not both.')\n"
        "raise CsdeskError(N_('{path} does not exist.'), path=path)\n"
        "raise WorkspaceError(N_('{path} is {what}.'), path=path)\n"
        "raise CsdeskError(N_('{a}.') if x else N_('{b}.'), a=1)\n"
        "raise CsdeskError(N_('{path} is gone.'), path=p, remedy=Remedy('restore_any'))\n"
        "raise CsdeskError(message)\n"
    )
    assert problems(source, "s.py") == [
        "s.py:1: unmarked f'{path} does not exist.'",
        "s.py:2: unmarked 'give one, not both.'",
        "s.py:4: placeholders ['path', 'what'] != ['path']",
        "s.py:5: placeholders ['a', 'b'] != ['a']",
    ]


def test_every_error_of_store_metrics_and_reports_is_marked_and_complete() -> None:
    offenders = [
        entry
        for path in SOURCES
        for entry in problems(
            path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix()
        )
    ]
    assert offenders == [], "raise errors with N_() templates and their parameters:\n" + "\n".join(
        offenders
    )


def _remedy_keys() -> set[str]:
    keys = set()
    for path in [*SOURCES, *sorted((PACKAGE / "ingest").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node) == "Remedy" and node.args:
                argument = node.args[0]
                assert isinstance(argument, ast.Constant), ast.unparse(node)
                keys.add(argument.value)
    return keys


def test_every_remedy_the_core_names_is_worded_by_both_doors() -> None:
    from csdesk.ui.remedies import APP

    keys = _remedy_keys()
    assert {"restore_any", "restore_newest", "create_workspace", "import_again"} <= keys
    assert keys <= set(COMMAND_LINE) and keys <= set(APP) and keys <= set(NEUTRAL)


@pytest.mark.parametrize("code", ["en", "pt_BR"])
def test_an_error_renders_in_the_readers_language_with_the_doors_remedy(code: str) -> None:
    from csdesk.ui.remedies import APP

    lang = Lang(code)
    error = CsdeskError(
        Message("{path} is damaged and cannot be read ({exc}).", {"path": "a.csdesk", "exc": "x"}),
        remedy=Remedy("restore_any", {"file": "a.csdesk"}),
    )
    cli, app = error.render(lang, COMMAND_LINE), error.render(lang, APP)
    said = lang("{path} is damaged and cannot be read ({exc}).").format(path="a.csdesk", exc="x")
    assert cli.startswith(said) and app.startswith(said)
    assert "csdesk restore BACKUP a.csdesk" in cli and "csdesk restore" not in app
    restore_menu = lang("Restore from &backup…").replace("&", "")
    assert f"{lang('&File').replace('&', '')} ▸ {restore_menu}" in app
    assert ("danificado" in cli) is (code == "pt_BR")
    # Without the remedy (the app offers the restore in its question instead).
    assert error.render(lang, APP, remedy=False) == said


def test_a_message_already_in_words_passes_through_unchanged() -> None:
    text = "a {brace} in a path: C:/{odd}/file.xlsx is not a workbook."
    error = CsdeskError(text)
    assert error.render(Lang("pt_BR"), COMMAND_LINE) == text
    assert str(error) == text == error.message


def test_an_error_keeps_its_parameters_and_remedy_across_processes() -> None:
    import pickle

    from csdesk.store.errors import WorkspaceCorrupt

    error = WorkspaceCorrupt(
        "{path} is damaged and cannot be read ({exc}).",
        path=Path("w.csdesk"),
        exc="malformed",
        remedy=Remedy("restore_any", {"file": Path("w.csdesk")}),
    )
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is WorkspaceCorrupt
    assert copy.render(Lang("pt_BR"), COMMAND_LINE) == error.render(Lang("pt_BR"), COMMAND_LINE)
    assert "csdesk restore BACKUP w.csdesk" in copy.render(Lang("en"), COMMAND_LINE)
