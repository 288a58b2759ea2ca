"""csdesk: the offline desk of a Customer Success Manager or CS consultant.

The core packages (domain, store, ingest, metrics, charts, reports) know nothing of Qt;
the desktop app (ui) and the command line (cli) are thin front ends over them.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("csdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
