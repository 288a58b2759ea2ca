"""Colours of every chart, light and dark, matching the app.

A calm neutral base where colour carries meaning: health bands are green / amber / red, revenue
gained is green or blue, revenue lost orange or red, and everything else stays grey-blue. The
dark theme keeps the same hues, lifted for contrast on a dark background.
"""

from __future__ import annotations

from dataclasses import dataclass

from csdesk.domain.enums import HealthBand


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted: str
    grid: str
    axis: str
    accent: str
    line: str
    healthy: str
    at_risk: str
    critical: str
    new: str
    expansion: str
    reactivation: str
    contraction: str
    churn: str
    neutral: str
    band_alpha: float

    def band(self, band: HealthBand | str) -> str:
        """The colour of a health band."""
        return {
            HealthBand.HEALTHY: self.healthy,
            HealthBand.AT_RISK: self.at_risk,
            HealthBand.CRITICAL: self.critical,
        }[HealthBand(band)]

    def movement(self, kind: str) -> str:
        """The colour of an MRR movement kind (``new`` ... ``reactivation``)."""
        return {
            "new": self.new,
            "expansion": self.expansion,
            "reactivation": self.reactivation,
            "contraction": self.contraction,
            "churn": self.churn,
        }[kind]


LIGHT = Theme(
    name="light",
    background="#FFFFFF",
    text="#1F2933",
    muted="#616E7C",
    grid="#E4E7EB",
    axis="#9AA5B1",
    accent="#3E6FA8",
    line="#243B53",
    healthy="#2F9E6E",
    at_risk="#E0A526",
    critical="#D64545",
    new="#3E7CB1",
    expansion="#2F9E6E",
    reactivation="#7CC4C4",
    contraction="#F0A04B",
    churn="#D64545",
    neutral="#B8C2CC",
    band_alpha=0.10,
)

DARK = Theme(
    name="dark",
    background="#1E2329",
    text="#E4E7EB",
    muted="#9AA5B1",
    grid="#323A44",
    axis="#52606D",
    accent="#6FA3DC",
    line="#E4E7EB",
    healthy="#45B984",
    at_risk="#F0B93A",
    critical="#EF6363",
    new="#5B9BD5",
    expansion="#45B984",
    reactivation="#8FD3D3",
    contraction="#F5AE5F",
    churn="#EF6363",
    neutral="#6B7785",
    band_alpha=0.16,
)

THEMES = {"light": LIGHT, "dark": DARK}


def theme_named(name: str) -> Theme:
    """``light`` or ``dark`` (the app passes the system's scheme)."""
    return THEMES[name]
