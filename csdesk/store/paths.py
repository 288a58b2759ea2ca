"""Where csdesk keeps its own files: the default workspace and the automatic backups.

``CSDESK_DATA_DIR`` overrides the user data folder, so tests and portable installs never touch
the real one.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from platformdirs import user_data_path

WORKSPACE_SUFFIX = ".csdesk"


def data_dir() -> Path:
    override = os.environ.get("CSDESK_DATA_DIR")
    base = Path(override) if override else user_data_path("csdesk", appauthor=False)
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_workspace_path() -> Path:
    """The workspace the app opens when no file is named."""
    return data_dir() / f"portfolio{WORKSPACE_SUFFIX}"


def backup_dir_for(workspace: Path) -> Path:
    """One folder of rotated backups per workspace, named after it and its absolute path."""
    resolved = workspace.expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return data_dir() / "backups" / f"{resolved.stem}-{digest}"
