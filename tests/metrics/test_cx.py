"""NPS, CSAT and CES: published answers, hand-computed workspaces and properties."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from csdesk.domain.month import Month
from csdesk.errors import CsdeskError
from csdesk.metrics import cx
from csdesk.metrics.periods import Window
from csdesk.metrics.scope import for_account
from csdesk.store import Workspace
from tests.metrics.conftest import Book


def test_case_040_published_nps(realdata: Path) -> None:
    survey = pd.read_csv(realdata / "nps" / "case_040" / "inputs" / "input_01.csv")
    expected = pd.read_csv(realdata / "nps" / "case_040" / "expected" / "output_01.csv")
    result = cx.nps_from_scores(survey["On a scale of 0-10, how would you rate Sudzilla?"])
    assert round(result.score or 0, 1) == expected["NPS Score"].iloc[0] == -35.9
    assert result.responses == expected["Total Respondents"].iloc[0] == 39
    assert result.promoters == expected["Promoter"].iloc[0] == 8
    assert result.detractors == expected["Detractor"].iloc[0] == 22


def test_case_122_prep_air(realdata: Path) -> None:
    folder = realdata / "nps" / "case_122"
    answers = pd.concat(
        [pd.read_csv(folder / "inputs" / name) for name in ("input_01.csv", "input_02.csv")]
    )
    prep_air = answers.loc[answers["Airline"] == "Prep Air"].iloc[:, 2]
    expected = pd.read_csv(folder / "expected" / "output_01.csv")
    assert round(cx.nps_from_scores(prep_air).score or 0, 1) == 21.2
    floored = cx.nps_from_scores(prep_air, floor_percentages=True).score
    assert floored == expected.loc[expected["Airline"] == "Prep Air", "NPS"].iloc[0] == 21


def test_scores_from_plain_arrays() -> None:
    assert cx.nps_from_scores([10, 9, 8, 7, 6, 0]) == cx.NpsResult(0.0, 2, 2, 2, 6)
    assert cx.nps_from_scores([float("nan"), 10]).responses == 1
    assert cx.nps_from_scores([]).score is None
    assert cx.csat_from_scores([5, 4, 3, 1]) == 0.5
    assert cx.csat_from_scores([]) is None
    ces = cx.ces_from_scores([7, 5, 3, 1])
    assert (ces.mean, ces.share_easy, ces.responses) == (4.0, 0.5, 4)


def test_out_of_scale_scores_are_refused() -> None:
    with pytest.raises(CsdeskError, match="11"):
        cx.nps_from_scores([10, 11])
    with pytest.raises(CsdeskError, match=r"7\.5"):
        cx.nps_from_scores([7.5])
    with pytest.raises(CsdeskError, match="1 to 5"):
        cx.csat_from_scores([0])


@given(st.lists(st.integers(0, 10), max_size=60))
def test_nps_is_within_bounds(scores: list[int]) -> None:
    result = cx.nps_from_scores(scores)
    assert result.promoters + result.passives + result.detractors == len(scores)
    if scores:
        assert result.score is not None
        assert -100 <= result.score <= 100
        floored = cx.nps_from_scores(scores, floor_percentages=True).score
        assert floored is not None and -100 <= floored <= 100


def test_workspace_counts_per_account_and_window(ws: Workspace, book: Book) -> None:
    a = book.account("A", segment="SMB")
    b = book.account("B", segment="Enterprise")
    rows = [
        (a, "2025-01-10", "nps", 10),
        (a, "2025-02-10", "nps", 9),
        (a, "2025-03-31", "nps", 3),
        (b, "2025-03-01", "nps", 7),
        (b, "2024-01-01", "nps", 0),  # outside the window
        (a, "2025-03-05", "csat", 5),
        (b, "2025-03-05", "csat", 2),
        (b, "2025-03-05", "ces", 6),
        (b, "2025-03-06", "ces", 3),
    ]
    ws.insert_many("surveys", ["account_id", "date", "type", "score"], rows)
    window = Window(Month(2025, 3), 3)
    summary = cx.summary(ws, window)
    assert summary.nps == cx.NpsResult(25.0, 2, 1, 1, 4)
    assert summary.csat == 0.5
    assert summary.ces == cx.CesResult(4.5, 0.5, 2)
    assert cx.nps(ws, window, for_account(ws, "A")) == cx.NpsResult(100 / 3, 2, 0, 1, 3)
    by_segment = cx.by_group(ws, window, "segment")
    assert by_segment["Enterprise"].nps == cx.NpsResult(0.0, 0, 1, 0, 1)
    assert by_segment["SMB"].csat == 1.0


def test_unknown_is_none_not_zero(ws: Workspace, book: Book) -> None:
    book.account("A")
    summary = cx.summary(ws, Window(Month(2025, 3)))
    assert summary.nps is None and summary.csat is None and summary.ces is None
    assert summary.as_json()["nps"]["responses"] is None
