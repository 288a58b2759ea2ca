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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from csdesk.errors import N_, CsdeskError
from csdesk.metrics.periods import Window
from csdesk.metrics.scope import GROUP_KEYS, PORTFOLIO, Scope, group_labels
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
        return {
            "score": self.score,
            "promoters": self.promoters,
            "passives": self.passives,
            "detractors": self.detractors,
            "responses": self.responses,
        }


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
            N_(
                "{what} scores must be whole numbers from {low} to {high}; found "
                "{value:g}. Check the score column of the survey sheet."
            ),
            what=what,
            low=low,
            high=high,
            value=bad[0],
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


def _histogram_sql(scope: Scope, group: str | None) -> tuple[str, tuple[Any, ...]]:
    condition, params = scope.condition("s.account_id")
    # A whole-portfolio window is a large share of the table: read it from the (type, score,
    # date) index, which holds every column needed in GROUP BY order, or, when grouped by
    # account (not in that index), sequentially rather than row by row through an index.
    hint = ""
    if scope.everything:
        hint = "INDEXED BY surveys_type_score_date" if group is None else "NOT INDEXED"
    if group is None:
        key, join = "", ""
    elif group == "account_id":
        key, join = "s.account_id, ", ""
    else:
        key, join = f"{GROUP_KEYS[group]}, ", "JOIN accounts AS a ON a.id = s.account_id"
    sql = (
        f"SELECT {key}s.type, s.score, count(*) FROM surveys AS s {hint} {join} "
        f"WHERE s.date >= ? AND s.date < ?{condition} GROUP BY {key}s.type, s.score"
    )
    return sql, params


def score_histogram(
    ws: Workspace, window: Window, scope: Scope = PORTFOLIO, *, group: str | None = None
) -> pd.DataFrame:
    """Responses per (type, score) in the window; with ``group`` ("account_id" or a
    dimension of :data:`csdesk.metrics.scope.GROUP_KEYS`) a leading ``group`` column too."""
    import pandas as pd

    sql, params = _histogram_sql(scope, group)
    columns = ["type", "score", "responses"]
    if group is not None:
        columns = ["group", *columns]
    return pd.DataFrame(ws.query(sql, (*window.sql_range, *params)), columns=columns)


def surveyed_types(ws: Workspace) -> set[str]:
    """Survey types the workspace holds at all (a type never surveyed is unknown, not 0)."""
    return {
        t
        for t in ("nps", "csat", "ces")
        if ws.scalar("SELECT 1 FROM surveys WHERE type = ? LIMIT 1", (t,)) is not None
    }


@dataclass(frozen=True, slots=True)
class CxSummary:
    nps: NpsResult | None  # None: the workspace has no NPS survey at all
    csat: float | None
    csat_responses: int | None
    ces: CesResult | None

    def as_json(self) -> dict[str, Any]:
        """The ``nps``, ``csat`` and ``ces`` keys of ``csdesk metrics --json``."""
        empty = dict.fromkeys(("score", "promoters", "passives", "detractors", "responses"))
        return {
            "nps": empty if self.nps is None else self.nps.as_dict(),
            "csat": self.csat,
            "ces": None if self.ces is None else self.ces.mean,
        }


# What a summary counts, per group: responses of (type, lowest, highest score).
_TALLIES = (
    ("nps", 9, 10), ("nps", 7, 8), ("nps", 0, 6), ("csat", 1, 5), ("csat", 4, 5), ("ces", 5, 7),
)  # fmt: skip


def _tally(
    kinds: npt.NDArray[np.object_],
    scores: npt.NDArray[np.int64],
    responses: npt.NDArray[np.int64],
    codes: npt.NDArray[np.int64],
    n_groups: int,
) -> npt.NDArray[np.int64]:
    """Per group (each histogram row's code; −1: none) the response counts of
    :data:`_TALLIES`, then the CES responses and the total of their scores: integers, so one
    pass over every group's rows adds up exactly what a pass per group would."""
    out = np.zeros((n_groups, len(_TALLIES) + 2), dtype=np.int64)
    known = codes >= 0
    for i, (kind, low, high) in enumerate(_TALLIES):
        chosen = known & (kinds == kind) & (scores >= low) & (scores <= high)
        np.add.at(out[:, i], codes[chosen], responses[chosen])
    ces = known & (kinds == "ces")
    np.add.at(out[:, -2], codes[ces], responses[ces])
    np.add.at(out[:, -1], codes[ces], scores[ces] * responses[ces])
    return out


def _from_tally(row: npt.NDArray[np.int64], types: set[str]) -> CxSummary:
    promoters, passives, detractors, csat_n, csat_ok, ces_easy, ces_n, ces_total = (
        int(v) for v in row
    )
    nps = None
    if "nps" in types:
        nps = NpsResult.from_counts(promoters, passives, detractors)
    csat = csat_ok / csat_n if csat_n else None
    ces = None
    if "ces" in types:
        ces = (
            CesResult(ces_total / ces_n, ces_easy / ces_n, ces_n)
            if ces_n
            else CesResult(None, None, 0)
        )
    return CxSummary(nps, csat, csat_n if "csat" in types else None, ces)


def _summarise_arrays(
    kinds: npt.NDArray[np.object_],
    scores: npt.NDArray[np.int64],
    responses: npt.NDArray[np.int64],
    types: set[str],
) -> CxSummary:
    codes = np.zeros(len(kinds), dtype=np.int64)
    return _from_tally(_tally(kinds, scores, responses, codes, 1)[0], types)


def _arrays(
    histogram: pd.DataFrame,
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    return (
        np.asarray(histogram["type"].to_numpy(dtype=object)),
        np.asarray(histogram["score"].to_numpy(dtype=np.int64)),
        np.asarray(histogram["responses"].to_numpy(dtype=np.int64)),
    )


def summarise(histogram: pd.DataFrame, types: set[str]) -> CxSummary:
    """NPS, CSAT and CES from a (type, score, responses) histogram."""
    return _summarise_arrays(*_arrays(histogram), types)


def summary(ws: Workspace, window: Window, scope: Scope = PORTFOLIO) -> CxSummary:
    """NPS, CSAT and CES over a window, for the portfolio or a scope."""
    return summarise(score_histogram(ws, window, scope), surveyed_types(ws))


def nps(ws: Workspace, window: Window, scope: Scope = PORTFOLIO) -> NpsResult:
    """NPS of a workspace over a window (an empty result when nobody answered)."""
    result = summary(ws, window, scope).nps
    return result if result is not None else NpsResult(None, 0, 0, 0, 0)


def by_group(
    ws: Workspace, window: Window, group: str, scope: Scope = PORTFOLIO
) -> dict[Any, CxSummary]:
    """CX figures per account (``group="account_id"``) or per value of a dimension."""
    histogram = score_histogram(ws, window, scope, group=group)
    if group in GROUP_KEYS:
        # By name: the responses of two CSMs who share one count in one group (group_labels).
        names = group_labels(histogram["group"], ws, group)
        labelled = histogram.assign(group=np.array(names, dtype=object))
        histogram = labelled.loc[np.array([name is not None for name in names], dtype=bool)]
    import pandas as pd

    types = surveyed_types(ws)
    codes, keys = pd.factorize(histogram["group"], sort=True)
    tallies = _tally(*_arrays(histogram), np.asarray(codes, dtype=np.int64), len(keys))
    return {key: _from_tally(tallies[i], types) for i, key in enumerate(keys)}
