"""Logo churn under the ChartMogul, Baremetrics, ProfitWell and Stripe presets, account by
account, on a constructed book where each tool's rules change the figure."""

from __future__ import annotations

import numpy as np
import pytest

from csdesk.domain.month import Month
from csdesk.i18n import Lang
from csdesk.metrics import tool_presets
from csdesk.metrics.mrr_source import RevenueData

START = Month(2025, 1)
END = START + 12


def _book(*, with_new_that_left: bool = False) -> tuple[RevenueData, set[tuple[int, Month]]]:
    """13 months (2025-01 → 2026-01) of MRR in cents:

    1 pays throughout; 2 leaves in month 5; 3 is recorded at MRR 0 from month 8 (free plan);
    4 lapses in months 3–4 and pays again from 5; 6 starts in month 4 and stays; optionally 5
    starts in month 2 and leaves in month 6.
    """
    rows = {
        1: [100] * 13,
        2: [100] * 5 + [0] * 8,
        3: [100] * 8 + [0] * 5,
        4: [100] * 3 + [0, 0] + [100] * 8,
        6: [0] * 4 + [50] * 9,
    }
    if with_new_that_left:
        rows[5] = [0, 0, 70, 70, 70, 70] + [0] * 7
    ids = np.array(sorted(rows), dtype=np.int64)
    cents = np.array([rows[i] for i in ids.tolist()], dtype=np.int64) * 100
    free = {(3, START + k) for k in range(8, 13)}
    return RevenueData(ids, START, cents), free


def _results(**kwargs: bool) -> dict[str, tool_presets.PresetResult]:
    data, free = _book(**kwargs)
    return {r.preset.key: r for r in tool_presets.recompute_all(data, START, END, free)}


def test_the_shipped_presets_document_every_rule() -> None:
    presets = {p.key: p for p in tool_presets.shipped()}
    assert set(presets) == {"chartmogul", "baremetrics", "profitwell", "stripe"}
    for preset in presets.values():
        assert preset.documented and preset.dating
    assert not presets["chartmogul"].free_is_churn
    assert presets["baremetrics"].free_is_churn and presets["baremetrics"].lapse_is_churn
    assert presets["stripe"].denominator == "start_plus_new"


def test_each_preset_changes_the_figure_for_its_own_reasons() -> None:
    results = _results()
    # csdesk: cohort 1–4, no MRR in 2026-01: 2 and 3.
    assert {r.csdesk_value for r in results.values()} == {0.5}
    chartmogul = results["chartmogul"]
    assert chartmogul.value == 0.25  # 3 moved to a free plan: still a customer
    assert [(r.account_id, r.reason, r.csdesk, r.tool) for r in chartmogul.reasons] == [
        (3, "free", "churned", "retained")
    ]
    assert chartmogul.reasons[0].months == (START + 8,)
    for key in ("baremetrics", "profitwell"):
        assert results[key].value == 0.75  # 2, 3, and 4's lapse
        [lapse] = results[key].reasons
        assert (lapse.account_id, lapse.reason) == (4, "lapse")
        assert lapse.months == (START + 3, START + 5)
    stripe = results["stripe"]
    assert (stripe.churned, stripe.counted) == (3, 5)  # new account 6 joins the denominator
    assert stripe.value == pytest.approx(0.6)
    assert sorted((r.account_id, r.reason) for r in stripe.reasons) == [
        (4, "lapse"),
        (6, "new_in_denominator"),
    ]


def test_an_account_new_and_gone_inside_the_window_counts_for_the_tools() -> None:
    results = _results(with_new_that_left=True)
    assert results["baremetrics"].value == 1.0  # 2, 3, 4 and 5 over the four at the start
    assert results["chartmogul"].value == 0.5
    assert results["stripe"].value == pytest.approx(4 / 6)
    reason = next(r for r in results["stripe"].reasons if r.account_id == 5)
    assert (reason.reason, reason.months) == ("new_cancelled", (START + 2, START + 6))
    assert results["baremetrics"].csdesk_value == 0.5  # outside csdesk's cohort


def test_reasons_are_worded_in_both_languages() -> None:
    results = _results()
    [free] = results["chartmogul"].reasons
    en = tool_presets.reason_text(free, "ChartMogul", Lang("en"))
    assert en.startswith("MRR recorded as 0 from Sep 2025 (free plan or 100% discount)")
    pt = tool_presets.reason_text(free, "ChartMogul", Lang("pt_BR"))
    assert pt.startswith("MRR registrado como 0 desde set/2025") and "ChartMogul" in pt
    rules = tool_presets.rule_text(results["stripe"].preset, Lang("pt_BR"))
    assert rules != tool_presets.rule_text(results["stripe"].preset, Lang("en"))


def test_a_broken_presets_file_names_itself() -> None:
    with pytest.raises(ValueError, match=r"tool_conventions\.toml"):
        tool_presets.parse('[presets.x]\nname = "X"\n')
