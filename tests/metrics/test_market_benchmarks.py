"""The shipped market benchmarks: sources, bands by ACV tier, and where a figure stands."""

from __future__ import annotations

import pytest

from csdesk.metrics import benchmarks


def test_every_band_names_a_dated_source() -> None:
    shipped = benchmarks.shipped()
    assert {"nrr", "grr", "arr_per_csm", "accounts_per_csm", "fcr"} <= set(shipped.bands)
    assert set(shipped.missing) == {"logo_churn", "tme", "nps"}
    for band in shipped.bands.values():
        assert band.source.name and band.source.citation and 2000 < band.source.year < 2100
    nrr = shipped.bands["nrr"]
    assert nrr.source.name == "SaaS Capital" and nrr.source.year == 2023
    assert [s.low for s in nrr.segments] == [1.00, 1.02, 1.03, 1.05, 1.07, 1.10]
    assert [s.low for s in shipped.bands["grr"].segments] == [0.90, 0.90, 0.92, 0.93, 0.93, 0.93]


@pytest.mark.parametrize(
    ("acv", "label", "median"),
    [
        (5_000, "ACV under $12k", 1.00),
        (12_000, "ACV $12k–$25k", 1.02),
        (30_000, "ACV $25k–$50k", 1.03),
        (99_999, "ACV $50k–$100k", 1.05),
        (300_000, "ACV over $250k", 1.10),
    ],
)
def test_the_segment_is_chosen_by_the_clients_acv(acv: float, label: str, median: float) -> None:
    placed = benchmarks.place("nrr", 1.0, acv)
    assert placed is not None and placed.segment is not None
    assert (placed.segment.label, placed.low, placed.high) == (label, median, median)


def test_below_within_and_above() -> None:
    # ACV $30k: NRR median 103 %, read as at the median within one point.
    assert [benchmarks.place("nrr", v, 30_000).position for v in (1.015, 1.025, 1.04, 1.05)] == [  # type: ignore[union-attr]
        "below",
        "within",
        "within",
        "above",
    ]
    assert benchmarks.place("grr", 0.85, 60_000).position == "below"  # type: ignore[union-attr]
    assert [benchmarks.place("fcr", v, None).position for v in (0.65, 0.75, 0.85)] == [  # type: ignore[union-attr]
        "below",
        "within",
        "above",
    ]


def test_unknown_acv_compares_with_every_tier() -> None:
    placed = benchmarks.place("nrr", 1.05, None)
    assert placed is not None and placed.segment is None
    assert (placed.low, placed.high, placed.position) == (1.00, 1.10, "within")


def test_book_sizes_follow_the_2m_guide_in_the_clients_currency() -> None:
    arr = benchmarks.place("arr_per_csm", 9_500_000, 20_000, money_rate=5.0)
    assert arr is not None and (arr.low, arr.position) == (10_000_000, "within")
    assert benchmarks.place("arr_per_csm", 12_000_000, None, money_rate=5.0).position == "above"  # type: ignore[union-attr]
    assert benchmarks.place("arr_per_csm", 1.0, None, money_rate=None) is None
    books = benchmarks.place("accounts_per_csm", 120, 20_000)  # $2M / $20k = 100 accounts
    assert books is not None and (books.low, books.position) == (100, "above")
    assert benchmarks.place("accounts_per_csm", 95, 20_000).position == "within"  # type: ignore[union-attr]
    assert benchmarks.place("accounts_per_csm", 95, None) is None


def test_figures_without_a_band_are_not_placed() -> None:
    for metric in ("logo_churn", "tme", "nps"):
        assert benchmarks.place(metric, 0.5, 30_000) is None


def test_a_broken_file_names_itself() -> None:
    with pytest.raises(ValueError, match=r"market\.toml"):
        benchmarks.parse("[[bands]]\nmetric = 'nrr'\n")
