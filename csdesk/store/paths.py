"""Where csdesk keeps its own files: the default workspace and the automatic backups.

``CSDESK_DATA_DIR`` overrides the user data folder, so tests and portable installs never touch
the real one.
"""

from __future__ import annotations

import os
from pathlib import Path

WORKSPACE_SUFFIX = ".csdesk"
# How much of a workspace's name starts the names of its backups and their folder: a long
# name (file systems allow 255 bytes) plus a time stamp and a reason would not fit.
STEM_LENGTH = 60


def data_dir() -> Path:
    override = os.environ.get("CSDESK_DATA_DIR")
    if override:
        base = Path(override)
    else:
        # Imported here: the app names WORKSPACE_SUFFIX long before it needs a folder.
        from platformdirs import user_data_path

        base = user_data_path("csdesk", appauthor=False)
    base.mkdir(parents=True, exist_ok=True)
    return base


def cache_dir() -> Path:
    """Files csdesk can always rebuild (compiled message catalogues): safe to delete."""
    override = os.environ.get("CSDESK_DATA_DIR")
    if override:
        return Path(override) / "cache"
    from platformdirs import user_cache_path

    return user_cache_path("csdesk", appauthor=False)


def default_workspace_path() -> Path:
    """The workspace the app opens when no file is named."""
    return data_dir() / f"portfolio{WORKSPACE_SUFFIX}"


def backup_dir_for(workspace: Path) -> Path:
    """One folder of rotated backups per workspace, named after it and its absolute path."""
    import hashlib

    resolved = workspace.expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return data_dir() / "backups" / f"{short_stem(resolved.stem)}-{digest}"


def short_stem(stem: str) -> str:
    """The start of a workspace's name, at most STEM_LENGTH bytes (whole characters)."""
    return stem.encode("utf-8")[:STEM_LENGTH].decode("utf-8", errors="ignore")
