"""Health scores from the metrics engine, when this build has it, as the accounts table needs."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

from csdesk.domain.enums import HealthBand
from csdesk.domain.month import Month
from csdesk.store import Workspace
from csdesk.ui.models.accounts_table import Health
from csdesk.ui.workers import JobSlot


def available() -> bool:
    """Whether this build scores health (found without importing the metrics engine)."""
    return importlib.util.find_spec("csdesk.metrics.health") is not None


def score_all(ws: Workspace, progress: Callable[[float, str], None]) -> dict[int, Health]:
    """Every account's score and band (runs in a worker: it may take a while on 10,000)."""
    from csdesk.metrics import health

    progress(0.0, "Scoring account health")
    frame = health.score_all(ws)
    result: dict[int, Health] = {}
    scores = frame.get("score")
    bands = frame.get("band")
    missing = frame.get("missing")
    for account_id in frame.index:
        score = None if scores is None else scores.get(account_id)
        band = None if bands is None else bands.get(account_id)
        result[int(account_id)] = Health(
            score=None if score is None or score != score else float(score),
            band=HealthBand(str(band)) if band in HealthBand._value2member_map_ else None,
            missing=tuple(missing.get(account_id) or ()) if missing is not None else (),
        )
    progress(1.0, "Health scored")
    return result


def scored_month(ws: Workspace) -> tuple[Month, Month | None]:
    """The month :func:`score_all` scores (the last paying month, else this one), and the
    recorded activity's end when open contracts carry the revenue months past it."""
    from datetime import date

    from csdesk.metrics import data_end, mrr_source

    month = mrr_source.last_paying_month(ws) or Month.of(date.today())
    return month, data_end.stale_end(ws, month, date.today())


CACHE_KEY = "health"


def request(
    session: Any, done: Callable[[dict[int, Health]], None], slot: JobSlot | None = None
) -> None:
    """Hand ``done`` every account's health: from the session's cache or a background job
    (through the caller's ``slot``, which supersedes what it waited for before)."""
    from csdesk.ui.data_change import PORTFOLIO_DATA
    from csdesk.ui.translate import _

    if CACHE_KEY in session.cache:
        if slot is not None:
            slot.cancel()  # an answer is here: the one still coming is older
        done(session.cache[CACHE_KEY])
        return

    def keep(result: object) -> None:
        scores = result if isinstance(result, dict) else {}
        session.remember(CACHE_KEY, scores, PORTFOLIO_DATA)
        done(scores)

    title = _("Scoring account health")
    work = lambda progress: score_all(session.ws, progress)  # noqa: E731
    if slot is not None:
        slot.start(session.runner, title, work, done=keep)
    else:
        session.runner.submit(title, work, done=keep)
