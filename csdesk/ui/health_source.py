"""Health scores from the metrics engine, when this build has it, as the accounts table needs."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

from csdesk.domain.enums import HealthBand
from csdesk.store import Workspace
from csdesk.ui.models.accounts_table import Health


def available() -> bool:
    """Whether this build scores health (found without importing the metrics engine)."""
    return importlib.util.find_spec("csdesk.metrics.health") is not None


def score_all(ws: Workspace, progress: Callable[[float, str], None]) -> dict[int, Health]:
    """Every account's score and band (runs in a worker: it may take a while on 10,000)."""
    health = importlib.import_module("csdesk.metrics.health")
    progress(0.0, "Scoring account health")
    frame = health.score_all(ws)
    result: dict[int, Health] = {}
    scores = frame.get("score")
    bands = frame.get("band")
    for account_id in frame.index:
        score = None if scores is None else scores.get(account_id)
        band = None if bands is None else bands.get(account_id)
        result[int(account_id)] = Health(
            score=None if score is None or score != score else float(score),
            band=HealthBand(str(band)) if band in HealthBand._value2member_map_ else None,
        )
    progress(1.0, "Health scored")
    return result
