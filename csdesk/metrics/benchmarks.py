"""Dated, cited market benchmarks, and where a client's figure stands against them.

The bands ship in ``resources/benchmarks/market.toml``, each with its source (name,
publication, year, a citation to look it up by) and a band per segment, chosen by the client's
annual contract value (ACV). A source that publishes a single median or rule of thumb gives a
band of one value; ``tolerance`` is csdesk's reading allowance around it, said on the page. A
figure with no well-known public benchmark is listed as missing, so the audit can say so rather
than compare with nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from csdesk.resources import resource_path

Position = Literal["below", "within", "above"]
RESOURCE = "resources/benchmarks/market.toml"


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    name: str
    publication: str
    year: int
    citation: str

    @property
    def short(self) -> str:
        """``SaaS Capital, 2023``: how a table cites it."""
        return f"{self.name}, {self.year}"


@dataclass(frozen=True, slots=True)
class Segment:
    label: str
    low: float | None = None
    high: float | None = None
    acv_min: float | None = None
    acv_max: float | None = None

    def holds(self, acv: float) -> bool:
        return (self.acv_min is None or acv >= self.acv_min) and (
            self.acv_max is None or acv < self.acv_max
        )


@dataclass(frozen=True, slots=True)
class Band:
    metric: str
    source: Source
    kind: str  # median, guide, range
    segments: tuple[Segment, ...]
    currency: str | None = None  # of the ACV bounds and of money bands
    tolerance: float = 0.0
    relative: bool = False  # tolerance as a share of the value, not in its unit
    implied_by: str | None = None

    @property
    def by_acv(self) -> bool:
        return any(s.acv_min is not None or s.acv_max is not None for s in self.segments)


@dataclass(frozen=True, slots=True)
class Benchmarks:
    bands: dict[str, Band]
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Placement:
    """A client's figure against its band: ``segment`` None when the ACV (or a rate into the
    band's currency) is unknown, then the band spans every segment."""

    metric: str
    value: float
    band: Band
    segment: Segment | None
    low: float
    high: float
    position: Position


def parse(text: str, source: str = RESOURCE) -> Benchmarks:
    """The benchmarks in ``text`` (the TOML of :data:`RESOURCE`); a broken file names itself."""
    try:
        data = tomllib.loads(text)
        sources = {
            key: Source(key, s["name"], s["publication"], int(s["year"]), s["citation"])
            for key, s in data.get("sources", {}).items()
        }
        bands: dict[str, Band] = {}
        for raw in data.get("bands", []):
            segments = tuple(
                Segment(
                    str(s["label"]),
                    _float(s.get("low")),
                    _float(s.get("high")),
                    _float(s.get("acv_min")),
                    _float(s.get("acv_max")),
                )
                for s in raw["segments"]
            )
            bands[raw["metric"]] = Band(
                raw["metric"],
                sources[raw["source"]],
                raw["kind"],
                segments,
                raw.get("currency"),
                float(raw.get("tolerance", 0.0)),
                bool(raw.get("relative", False)),
                raw.get("implied_by"),
            )
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{source}: not a valid benchmarks file ({exc})") from exc
    return Benchmarks(bands, tuple(data.get("missing", {})))


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


@cache
def shipped() -> Benchmarks:
    """The benchmarks csdesk ships."""
    return parse(resource_path("benchmarks", "market.toml").read_text("utf-8"))


def position(value: float, low: float, high: float, tolerance: float, relative: bool) -> Position:
    """Below, within or above ``low``..``high``, widened by the tolerance."""
    slack_low = tolerance * abs(low) if relative else tolerance
    slack_high = tolerance * abs(high) if relative else tolerance
    if value < low - slack_low - 1e-12:
        return "below"
    if value > high + slack_high + 1e-12:
        return "above"
    return "within"


def place(
    metric: str,
    value: float | None,
    acv: float | None,
    benchmarks: Benchmarks | None = None,
    *,
    money_rate: float | None = 1.0,
) -> Placement | None:
    """Where ``value`` stands against ``metric``'s band, for a client of annual contract value
    ``acv`` (in the band's currency; None: unknown). ``money_rate`` turns a money band into the
    value's currency (value = band × rate; None: no rate, so a money band cannot be placed).
    None when there is no band or no value."""
    bench = benchmarks or shipped()
    band = bench.bands.get(metric)
    if band is None or value is None:
        return None
    if band.implied_by is not None:
        return _implied(metric, value, acv, band, bench)
    segment = None
    if band.by_acv and acv is not None:
        segment = next((s for s in band.segments if s.holds(acv)), None)
    elif not band.by_acv:
        segment = band.segments[0]
    chosen = [segment] if segment is not None else list(band.segments)
    low = min(s.low for s in chosen if s.low is not None)
    high = max(s.high for s in chosen if s.high is not None)
    if metric in MONEY_METRICS:
        if money_rate is None:
            return None
        low, high = low * money_rate, high * money_rate
    return Placement(
        metric,
        float(value),
        band,
        segment,
        low,
        high,
        position(float(value), low, high, band.tolerance, band.relative),
    )


MONEY_METRICS = frozenset({"arr_per_csm"})


def _implied(
    metric: str, value: float, acv: float | None, band: Band, bench: Benchmarks
) -> Placement | None:
    """A band derived from another: accounts per CSM = the ARR-per-CSM guide / the ACV."""
    base = bench.bands.get(band.implied_by or "")
    if base is None or acv is None or acv <= 0:
        return None
    guide = base.segments[0]
    if guide.low is None or guide.high is None:
        return None
    low, high = guide.low / acv, guide.high / acv
    segment = replace(band.segments[0], low=low, high=high)
    return Placement(
        metric,
        float(value),
        band,
        segment,
        low,
        high,
        position(float(value), low, high, band.tolerance, band.relative),
    )
