"""Shared builders of realistic chart inputs and ways to read a drawn figure back."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text

from csdesk.charts.style import to_png
from csdesk.domain.month import Month

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


FIRST_MONTH = Month(2024, 1)


def months(count: int, start: Month = FIRST_MONTH) -> list[str]:
    return [str(start + i) for i in range(count)]


def movements(count: int, seed: int = 7) -> pd.DataFrame:
    """A portfolio's monthly MRR movements whose MRR column adds up exactly."""
    rng = np.random.default_rng(seed)
    rows = []
    mrr = 500_000.0
    for month in months(count):
        new, expansion, reactivation = rng.uniform(5_000, 30_000, 3).round(2)
        contraction, churn = -rng.uniform(2_000, 20_000, 2).round(2)
        mrr += new + expansion + reactivation + contraction + churn
        rows.append(
            {
                "month": month,
                "new": new,
                "expansion": expansion,
                "contraction": contraction,
                "churn": churn,
                "reactivation": reactivation,
                "mrr": round(mrr, 2),
            }
        )
    return pd.DataFrame(rows)


def rendered(figure: Figure) -> bytes:
    """Render (which also creates the lazily made tick labels) and return the PNG."""
    data = to_png(figure, dpi=40)
    assert data.startswith(PNG_SIGNATURE)
    return data


def texts(figure: Figure) -> list[str]:
    """Every non-empty piece of text on the figure, tick labels included (without rendering:
    asking an axis for its tick labels runs its locator and formatter)."""
    found = [t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text()]
    for axes in figure.axes:
        found += tick_labels(axes, "x") + tick_labels(axes, "y")
    return found


def tick_labels(axes: object, axis: str = "x") -> list[str]:
    getter = getattr(axes, f"get_{axis}ticklabels")
    return [label.get_text() for label in getter() if label.get_text()]
