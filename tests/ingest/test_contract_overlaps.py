"""Contracts of one account and product running at once: counted against a brute force."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import write_csv

from csdesk.cli import main
from csdesk.ingest.contract_overlaps import ContractSpans

DAY0 = date(2024, 1, 1)

contracts = st.lists(
    st.tuples(
        st.integers(1, 4),  # account
        st.sampled_from(["", "Pro", "Basic"]),  # product ("" when the file names none)
        st.integers(0, 400),  # start, days after DAY0
        st.one_of(st.none(), st.integers(0, 200)),  # length in days; None: still running
    ),
    min_size=0,
    max_size=40,
)


def _brute(rows: list[tuple[int, str, int, int | None]]) -> tuple[int, int]:
    """(contracts starting while an earlier one of their account and product runs, accounts)."""
    flagged, accounts = 0, set()
    groups: dict[tuple[int, str], list[tuple[int, float]]] = {}
    for account, product, start, length in rows:
        end = float("inf") if length is None else start + length
        groups.setdefault((account, product), []).append((start, end))
    for (account, _product), spans in groups.items():
        latest = None
        for start, end in sorted(spans, key=lambda s: s[0]):
            if latest is not None and start <= latest:
                flagged += 1
                accounts.add(account)
            latest = end if latest is None else max(latest, end)
    return flagged, len(accounts)


def _spans(rows: list[tuple[int, str, int, int | None]]) -> ContractSpans:
    spans = ContractSpans()
    if not rows:
        return spans
    starts = pd.Series([pd.Timestamp(DAY0 + timedelta(days=r[2])) for r in rows])
    ends = pd.Series(
        [pd.NaT if r[3] is None else pd.Timestamp(DAY0 + timedelta(days=r[2] + r[3])) for r in rows]
    )
    spans.add(
        np.array([r[0] for r in rows], dtype=np.int64),
        np.array([r[1] or None for r in rows], dtype=object),
        starts,
        ends,
        np.arange(2, len(rows) + 2),
        np.array([f"A{r[0]}" for r in rows], dtype=object),
        np.ones(len(rows), dtype=bool),
    )
    return spans


@settings(max_examples=200, deadline=None)
@given(contracts)
def test_the_overlaps_found_are_those_a_brute_force_finds(
    rows: list[tuple[int, str, int, int | None]],
) -> None:
    found = _spans(rows).overlap()
    flagged, accounts = _brute(rows)
    if flagged == 0:
        assert found is None
        return
    assert found is not None
    assert (found.contracts, found.accounts) == (flagged, accounts)
    # The example is a real overlapping pair of one account: it starts no earlier, and the
    # earlier one still runs on its start.
    assert found.earlier_start <= found.start


def test_the_import_says_a_plan_kept_open_after_its_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_csv(
        tmp_path / "subscriptions.csv",
        "subscription_id,account_id,start_date,end_date,plan,mrr\n"
        "S1,A1,2024-01-01,,Pro,100\n"  # upgraded from, never ended
        "S2,A1,2024-06-01,,Pro,300\n"
        "S3,A2,2024-01-01,,Pro,100\n"  # two products at once: summed, as they should be
        "S4,A2,2024-01-01,,Add-on,50\n"
        "S5,A3,2024-01-01,2024-05-31,Pro,100\n"  # renewed, with its end date
        "S6,A3,2024-06-01,,Pro,120\n",
    )
    target = tmp_path / "w.csdesk"
    assert main(["import", str(target), str(source), "-q", "--as-of", "2024-12"]) == 0
    out = capsys.readouterr().out
    assert (
        "row 3, column 'start_date', value '2024-06-01': 1 contract starts while another of "
        "its account and product still runs (1 account; the first: A1, from 2024-06-01, "
        "beside the one from 2024-01-01). Their MRR is summed each month they both run."
    ) in out
    # Given its end date, the earlier plan no longer runs beside it: nothing to say.
    fixed = write_csv(
        tmp_path / "fixed.csv",
        source.read_text().replace("S1,A1,2024-01-01,,Pro", "S1,A1,2024-01-01,2024-05-31,Pro"),
    )
    assert main(["import", str(tmp_path / "f.csdesk"), str(fixed), "-q"]) == 0
    assert "still runs" not in capsys.readouterr().out
