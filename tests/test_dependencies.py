"""Every third-party module csdesk imports is a declared dependency.

A module that happens to be installed on the developer's machine but is missing from
pyproject.toml passes every local run and breaks a fresh set-up; this test catches it first.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _top_level_imports(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(*groups: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for group in groups:
        requirements += project["optional-dependencies"][group]
    return {_normalise(re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0]) for r in requirements}


def _undeclared(folder: Path, declared: set[str]) -> list[str]:
    providers = packages_distributions()
    missing = []
    for name in sorted(_top_level_imports(folder)):
        if name in sys.stdlib_module_names or name == "csdesk" or name not in providers:
            continue  # standard library, csdesk itself, or a local test helper module
        if not {_normalise(d) for d in providers[name]} & declared:
            missing.append(f"{name} (from {', '.join(providers[name])})")
    return missing


def test_the_package_imports_only_runtime_dependencies() -> None:
    assert _undeclared(ROOT / "csdesk", _declared()) == []


def test_the_tests_import_only_declared_dependencies() -> None:
    assert _undeclared(ROOT / "tests", _declared("test")) == []


def _constrained() -> dict[str, str]:
    """constraints.txt's pins, by normalised name."""
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not pinned with =="
            pins[_normalise(name)] = version
    return pins


def test_every_dependency_is_pinned_in_the_constraints_setup_installs() -> None:
    # pip freeze leaves setuptools out; a build tool, not what the suite runs on.
    unpinned = _declared("test") - set(_constrained()) - {"setuptools"}
    assert unpinned == set(), "add them to constraints.txt (see its header)"


def test_the_pins_agree_with_the_ranges_of_pyproject() -> None:
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _constrained()
    for text in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(text)
        pinned = pins.get(_normalise(requirement.name))
        if pinned is not None:
            assert requirement.specifier.contains(pinned, prereleases=True), (text, pinned)
