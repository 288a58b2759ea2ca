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
