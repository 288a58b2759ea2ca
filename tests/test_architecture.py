"""The core knows nothing of Qt: only csdesk/ui may import PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "csdesk"
CORE = ("domain", "store", "ingest", "metrics", "desk", "charts", "reports", "i18n")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_outside_ui_imports_pyside6() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui":
            continue
        if any(name.split(".")[0] == "PySide6" for name in _imported_modules(path)):
            offenders.append(str(relative))
    assert offenders == [], f"modules outside csdesk/ui import PySide6: {offenders}"


def test_importing_the_core_and_cli_loads_no_qt() -> None:
    core = "; ".join(f"import csdesk.{name}" for name in CORE if (PACKAGE / name).is_dir())
    code = (
        f"import sys; {core}; import csdesk.cli; csdesk.cli.build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# What switches the ambient language: a builder that called one would change the words another
# thread reads (a pt-BR export on a worker turning the GUI Portuguese). Builders take a Lang.
_SWITCHES = {"set_language", "language", "use_language"}


def _language_switches(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("csdesk.i18n"):
            found += [f"imports {a.name}" for a in node.names if a.name in _SWITCHES]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in _SWITCHES:
                found.append(f"calls {name}() on line {node.lineno}")
    return found


def test_reports_and_charts_never_switch_the_language() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): found
        for package in ("reports", "charts")
        for path in sorted((PACKAGE / package).rglob("*.py"))
        if (found := _language_switches(path))
    }
    assert offenders == {}, f"switch the process language instead of taking a Lang: {offenders}"


def test_the_language_check_finds_each_way_of_switching(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from csdesk.i18n.translation import language as use_language\n"
        "from csdesk.i18n import set_language\n"
        "import csdesk.i18n as i18n\n"
        "with use_language('pt_BR'):\n    set_language('en')\n"
        "with i18n.language('en'):\n    pass\n"
        "class Doc:\n    @property\n    def language(self): return 'en'\n"
        "Doc().language\n",
        encoding="utf-8",
    )
    assert _language_switches(sample) == [
        "imports language",
        "imports set_language",
        "calls use_language() on line 4",
        "calls set_language() on line 5",
        "calls language() on line 6",
    ]
