"""Data files shipped with csdesk: synonyms, templates, fonts, icons and message catalogues.

They sit next to this module in a source tree, an installed wheel and a PyInstaller bundle
alike, so a path join finds them; importlib.resources would cost the app's start the
import of its readers for the same answer.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent


def resource_path(*parts: str) -> Path:
    """``resource_path("icons", "lucide", "x.svg")``: a bundled file's path."""
    return FOLDER.joinpath(*parts)
