"""matplotlib figure builders, one function per chart, shared by the app and the reports.

Each builder takes plain data (a pandas DataFrame, a mapping or numbers, as documented on the
function) and keyword options ``lang`` (the ``csdesk.i18n.Lang`` its words and numbers are
in; the ambient language when omitted), ``theme`` (``LIGHT`` / ``DARK``), ``title`` and
``size``, and returns a ``matplotlib.figure.Figure`` — never pyplot. The app puts it in a
``FigureCanvasQTAgg``; reports call ``to_image(figure)`` (pixels) or ``to_png(figure)``.
Empty data gives a figure that says so.

Importing this package loads no matplotlib: the names below resolve to their submodules on
first use (``csdesk.charts.mrr_movements`` is ``csdesk.charts.revenue.mrr_movements``).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "mrr_movements": "revenue",
    "revenue_history": "revenue",
    "renewals_by_month": "revenue",
    "health_distribution": "health",
    "health_trend": "health",
    "health_components": "health",
    "nps_breakdown": "cx",
    "timeline_axis": "timeline",
    "usage_vs_seats": "usage",
    "usage_by_feature": "usage",
    "capacity": "team",
    "to_png": "style",
    "to_image": "style",
    "png_bytes": "style",
    "Theme": "theme",
    "LIGHT": "theme",
    "DARK": "theme",
    "theme_named": "theme",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'csdesk.charts' has no attribute {name!r}")
    return getattr(importlib.import_module(f"csdesk.charts.{module}"), name)
