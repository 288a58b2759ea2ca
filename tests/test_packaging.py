"""The bundled resources live in the top-level resources/ folder and still install as data.

``resources/`` is mapped onto the package ``csdesk.resources`` (pyproject's package-dir), so a
wheel must carry every file of it under ``csdesk/resources/``, and the package list, which a
package-dir mapping makes explicit, must name every package of the source tree.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _source_packages() -> set[str]:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "csdesk").rglob("__init__.py")
    }
    return found | {"csdesk.resources"}


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    assert listed == _source_packages(), "update [tool.setuptools] packages in pyproject.toml"
    assert config["tool"]["setuptools"]["package-dir"] == {"csdesk.resources": "resources"}


def test_resources_are_a_top_level_folder_found_by_the_package() -> None:
    from csdesk.resources import FOLDER, resource_path

    assert FOLDER.resolve() == (ROOT / "resources").resolve()
    assert resource_path("locale", "pt_BR", "LC_MESSAGES", "csdesk.po").is_file()
    assert not (ROOT / "csdesk" / "resources").exists()


def _resource_files() -> set[str]:
    return {
        "csdesk/resources/" + path.relative_to(ROOT / "resources").as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.mark.slow
def test_a_built_wheel_carries_every_resource(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("csdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = _resource_files() - names
    assert not missing, f"not in the wheel: {sorted(missing)[:5]}"
    assert "csdesk/store/migrations/0001_initial.sql" in names
    assert "csdesk/store/migrations/tables.json" in names
    assert "csdesk/resources/__init__.py" in names
    assert not any(name.startswith("resources/") for name in names)
