"""The configurable health model: component weights, band thresholds and scoring parameters.

Stored as one workspace setting (:data:`HEALTH_MODEL`, a JSON object); whatever the user did not
change keeps the default below, so a stored model may name only the weights it changed. The
defaults are a reasonable starting point, not an industry standard: every CS team tunes them,
and the settings dialog shows how many accounts would change band before saving.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from csdesk.domain.enums import HealthBand
from csdesk.errors import N_, CsdeskError
from csdesk.store.settings import Setting
from csdesk.store.workspace import Workspace

COMPONENTS = ("adoption", "engagement", "support", "sentiment", "financial")

DEFAULT_MODEL: dict[str, Any] = {
    # Relative weights; only their proportions matter.
    "weights": {"adoption": 25, "engagement": 20, "support": 15, "sentiment": 20, "financial": 20},
    # healthy: score >= healthy; at risk: at_risk <= score < healthy; critical below.
    "bands": {"healthy": 70, "at_risk": 40},
    # active users / seats; reaching target_ratio scores 100. Latest value within lookback.
    "adoption": {"metric": "active_users", "target_ratio": 0.8, "lookback_days": 90},
    # days since the last CS touch: <= full_days scores 100, >= zero_days scores 0.
    "engagement": {"full_days": 30, "zero_days": 120},
    # (tickets + escalation_weight x escalations) per seat over window_days; zero_load -> 0.
    "support": {"window_days": 90, "escalation_weight": 3.0, "zero_load": 1.0},
    # latest NPS (0-10 -> x10) and latest CSAT (1-5 -> 0..100) within lookback, averaged.
    "sentiment": {"lookback_days": 365},
    # MRR change over `months`: decline_zero -> 0, flat -> stable_score, growth_full -> 100;
    # minus contraction_penalty when a contraction happened in those months.
    "financial": {
        "months": 3,
        "growth_full": 0.10,
        "decline_zero": -0.20,
        "stable_score": 70.0,
        "contraction_penalty": 20.0,
    },
}

HEALTH_MODEL: Setting[dict[str, Any]] = Setting(
    "health.model", DEFAULT_MODEL, "Health score: component weights, bands and parameters"
)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@dataclass(frozen=True)
class HealthModel:
    """A validated health model; build it with :meth:`from_dict` or :meth:`load`."""

    params: dict[str, Any]

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None = None) -> HealthModel:
        """Merge ``raw`` over the defaults and check it; a bad model is a CsdeskError."""
        params = _merge(DEFAULT_MODEL, raw or {})
        weights = params["weights"]
        for name in weights:
            if name not in COMPONENTS:
                raise CsdeskError(
                    N_(
                        "the health model names an unknown component {name!r}; the "
                        "components are {components}."
                    ),
                    name=name,
                    components=", ".join(COMPONENTS),
                )
        for name, weight in weights.items():
            if not isinstance(weight, int | float) or weight < 0:
                raise CsdeskError(
                    N_(
                        "the health weight of {name} must be a number of 0 or more, not {weight!r}."
                    ),
                    name=name,
                    weight=weight,
                )
        if sum(weights.values()) <= 0:
            raise CsdeskError(N_("the health model needs at least one component with a weight."))
        healthy, at_risk = params["bands"]["healthy"], params["bands"]["at_risk"]
        if not 0 <= at_risk <= healthy <= 100:
            raise CsdeskError(
                N_(
                    "health bands must satisfy 0 <= at risk ({at_risk}) <= healthy "
                    "({healthy}) <= 100."
                ),
                at_risk=at_risk,
                healthy=healthy,
            )
        return cls(params)

    @classmethod
    def load(cls, ws: Workspace) -> HealthModel:
        return cls.from_dict(HEALTH_MODEL.get(ws))

    def save(self, ws: Workspace) -> None:
        HEALTH_MODEL.set(ws, self.params)

    def weight(self, component: str) -> float:
        return float(self.params["weights"].get(component, 0))

    def __getitem__(self, component: str) -> dict[str, Any]:
        section: dict[str, Any] = self.params[component]
        return section

    @property
    def healthy(self) -> float:
        return float(self.params["bands"]["healthy"])

    @property
    def at_risk(self) -> float:
        return float(self.params["bands"]["at_risk"])

    def band(self, score: float | None) -> HealthBand | None:
        if score is None or score != score:  # None or NaN: no data at all
            return None
        if score >= self.healthy:
            return HealthBand.HEALTHY
        if score >= self.at_risk:
            return HealthBand.AT_RISK
        return HealthBand.CRITICAL
