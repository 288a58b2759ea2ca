"""csdesk: the offline desk of a Customer Success Manager or CS consultant.

The core packages (domain, store, ingest, metrics, charts, reports) know nothing of Qt;
the desktop app (ui) and the command line (cli) are thin front ends over them.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``csdesk.__version__`` is read from the package metadata on first use only: reading
    metadata costs tens of milliseconds that the app's start-up should not pay."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("csdesk")
        except PackageNotFoundError:  # a source tree that was never installed
            value = "0.0.0+source"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'csdesk' has no attribute {name!r}")
