"""CX metrics of DESIGN.md: NPS, CSAT and CES, from a plain array of scores or a workspace.

* NPS = % promoters (9–10) − % detractors (0–6), −100..100, over the responses in the window.
* CSAT = share of responses scoring 4–5 on a 1–5 scale.
* CES = mean score on a 1–7 scale where 7 = easiest, and the share scoring ≥ 5.

The ``*_from_scores`` functions take any sequence of scores (a list, a numpy array, a pandas
column read from a survey export), so a published survey can be checked without a workspace.
Workspace functions count responses per account in SQL and add the counts up, which is what
makes per account, per segment and portfolio figures agree.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from csdesk.errors import CsdeskError
from csdesk.metrics.periods import Window
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class NpsResult:
    score: float | None
    promoters: int
    passives: int
    detractors: int
    responses: int

    @classmethod
    def from_counts(
        cls, promoters: int, passives: int, detractors: int, *, floor_percentages: bool = False
    ) -> NpsResult:
        """``floor_percentages`` rounds each percentage down first, as some published
        reports do (it gives 21 where the exact NPS is 21.2)."""
        total = promoters + passives + detractors
        if total == 0:
            return cls(None, 0, 0, 0, 0)
        if floor_percentages:
            score = float(
                math.floor(100 * promoters / total) - math.floor(100 * detractors / total)
            )
        else:
            score = 100 * (promoters - detractors) / total
        return cls(score, promoters, passives, detractors, total)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CesResult:
    mean: float | None
    share_easy: float | None  # share scoring 5..7
    responses: int


def _scores(values: npt.ArrayLike, low: int, high: int, what: str) -> npt.NDArray[np.float64]:
    array = np.asarray(values, dtype=np.float64).ravel()
    array = array[~np.isnan(array)]
    bad = array[(array < low) | (array > high) | (array != np.round(array))]
    if len(bad):
        raise CsdeskError(
            f"{what} scores must be whole numbers from {low} to {high}; found {bad[0]:g}. "
            "Check the score column of the survey sheet."
        )
    return array


def nps_from_scores(scores: npt.ArrayLike, *, floor_percentages: bool = False) -> NpsResult:
    """NPS of 0–10 scores (blanks, i.e. NaN, are ignored)."""
    array = _scores(scores, 0, 10, "NPS")
    return NpsResult.from_counts(
        int((array >= 9).sum()),
        int(((array >= 7) & (array <= 8)).sum()),
        int((array <= 6).sum()),
        floor_percentages=floor_percentages,
    )


def csat_from_scores(scores: npt.ArrayLike) -> float | None:
    """Share of 1–5 scores that are 4 or 5; None without responses."""
    array = _scores(scores, 1, 5, "CSAT")
    return None if len(array) == 0 else float((array >= 4).sum() / len(array))


def ces_from_scores(scores: npt.ArrayLike) -> CesResult:
    """Mean of 1–7 scores and the share scoring 5 or more."""
    array = _scores(scores, 1, 7, "CES")
    if len(array) == 0:
        return CesResult(None, None, 0)
    return CesResult(float(array.mean()), float((array >= 5).sum() / len(array)), len(array))


# -- from a workspace -----------------------------------------------------------------------

COUNT_COLUMNS = (
    "nps_promoters",
    "nps_passives",
    "nps_detractors",
    "csat_satisfied",
    "csat_responses",
    "ces_sum",
    "ces_easy",
    "ces_responses",
)

_COUNTS_SQL = """
SELECT account_id,
       sum(type = 'nps' AND score >= 9),
       sum(type = 'nps' AND score BETWEEN 7 AND 8),
       sum(type = 'nps' AND score <= 6),
       sum(type = 'csat' AND score >= 4),
       sum(type = 'csat'),
       coalesce(sum(CASE WHEN type = 'ces' THEN score END), 0),
       sum(type = 'ces' AND score >= 5),
       sum(type = 'ces')
FROM surveys
WHERE date >= ? AND date < ?
GROUP BY account_id
"""


def response_counts(ws: Workspace, window: Window) -> pd.DataFrame:
    """Per account (index ``account_id``) the additive counts every CX figure is made of."""
    import pandas as pd

    rows = ws.query(_COUNTS_SQL, window.sql_range)
    frame = pd.DataFrame(rows, columns=["account_id", *COUNT_COLUMNS])
    return frame.set_index("account_id").astype("int64")


def surveyed_types(ws: Workspace) -> set[str]:
    """Survey types the workspace holds at all (a type never surveyed is unknown, not 0)."""
    return {row[0] for row in ws.query("SELECT DISTINCT type FROM surveys")}


@dataclass(frozen=True, slots=True)
class CxSummary:
    nps: NpsResult | None  # None: the workspace has no NPS survey at all
    csat: float | None
    csat_responses: int | None
    ces: CesResult | None

    def as_json(self) -> dict[str, Any]:
        """The ``nps``, ``csat`` and ``ces`` keys of ``csdesk metrics --json``."""
        empty = {
            "score": None,
            "promoters": None,
            "passives": None,
            "detractors": None,
            "responses": None,
        }
        return {
            "nps": empty if self.nps is None else self.nps.as_dict(),
            "csat": self.csat,
            "ces": None if self.ces is None else self.ces.mean,
        }


def summarise(counts: pd.DataFrame, types: set[str]) -> CxSummary:
    """Add per-account counts up (select rows first for an account or a segment)."""
    total = counts.sum()
    nps = None
    if "nps" in types:
        nps = NpsResult.from_counts(
            int(total.get("nps_promoters", 0)),
            int(total.get("nps_passives", 0)),
            int(total.get("nps_detractors", 0)),
        )
    csat_n = int(total.get("csat_responses", 0))
    csat = int(total.get("csat_satisfied", 0)) / csat_n if csat_n else None
    ces = None
    if "ces" in types:
        ces_n = int(total.get("ces_responses", 0))
        ces = (
            CesResult(int(total["ces_sum"]) / ces_n, int(total["ces_easy"]) / ces_n, ces_n)
            if ces_n
            else CesResult(None, None, 0)
        )
    return CxSummary(nps, csat, csat_n if "csat" in types else None, ces)


def summary(ws: Workspace, window: Window, account_ids: npt.ArrayLike | None = None) -> CxSummary:
    """NPS, CSAT and CES over a window, for the portfolio or the given accounts."""
    counts = response_counts(ws, window)
    if account_ids is not None:
        counts = counts[counts.index.isin(np.asarray(account_ids))]
    return summarise(counts, surveyed_types(ws))


def nps(ws: Workspace, window: Window, account_ids: npt.ArrayLike | None = None) -> NpsResult:
    """NPS of a workspace over a window (an empty result when nobody answered)."""
    result = summary(ws, window, account_ids).nps
    return result if result is not None else NpsResult(None, 0, 0, 0, 0)


def by_group(ws: Workspace, window: Window, groups: pd.Series) -> dict[str, CxSummary]:
    """CX figures per group; ``groups`` maps account_id (index) to a group name."""
    counts = response_counts(ws, window)
    types = surveyed_types(ws)
    joined = counts.join(groups.rename("group"), how="inner")
    return {
        str(name): summarise(part.drop(columns="group"), types)
        for name, part in joined.groupby("group", sort=True)
    }
