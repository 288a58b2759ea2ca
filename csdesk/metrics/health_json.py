"""The JSON shapes of ``csdesk health --json``: all scores, or one account's explanation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from csdesk.metrics.health import COMPONENTS, HealthExplanation, HealthModel, band_counts
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd


def _num(value: Any) -> float | None:
    return None if value is None or value != value else round(float(value), 1)


def model_json(model: HealthModel) -> dict[str, Any]:
    return {"weights": dict(model.params["weights"]), "bands": dict(model.params["bands"])}


def scores(ws: Workspace, frame: pd.DataFrame) -> dict[str, Any]:
    """``as_of``, ``model``, ``counts`` and ``accounts`` (worst score first, unscored last)."""
    names = dict(ws.query("SELECT id, name FROM accounts"))
    external = dict(ws.query("SELECT id, external_id FROM accounts"))
    ordered = frame.sort_values("score", na_position="last", kind="stable")
    accounts = [
        {
            "account_id": external.get(account_id),
            "name": names.get(account_id),
            "score": _num(row["score"]),
            "band": None if row["band"] is None else str(row["band"]),
            "missing": list(row["missing"]),
            "components": {name: _num(row[name]) for name in COMPONENTS},
        }
        for account_id, row in ordered.iterrows()
    ]
    return {
        "as_of": frame.attrs.get("as_of"),
        "model": model_json(HealthModel.load(ws)),
        "counts": band_counts(frame),
        "accounts": accounts,
    }


def explanation(ws: Workspace, item: HealthExplanation, name: str) -> dict[str, Any]:
    external = ws.scalar("SELECT external_id FROM accounts WHERE id = ?", (item.account_id,))
    return {
        "account_id": external,
        "name": name,
        "as_of": str(item.as_of),
        "score": item.score,
        "band": None if item.band is None else str(item.band),
        "scored": item.scored,  # false: not a paying customer that month
        "previous_score": item.previous_score,
        "change": item.change,
        "missing": list(item.missing),
        "components": [
            {
                "name": part.name,
                "value": part.value,
                "score": _num(part.score),
                "weight": part.weight,
                "share": part.share,
                "contribution": part.contribution,
                "previous_score": _num(part.previous_score),
                "change": part.change,
            }
            for part in item.components
        ],
    }
