"""Logo churn as ChartMogul, Baremetrics, ProfitWell and Stripe count it, account by account.

A client's billing tool shows a churn rate csdesk's cohort figure will not match; the audit
has to say which accounts each tool classifies differently, and why. Each preset
(``resources/benchmarks/tool_conventions.toml``, where every rule cites the tool's help or is
marked as csdesk's reading) sets four rules applied to monthly MRR over csdesk's window s → e:

* a recorded MRR of 0 (free plan, 100 % discount) is churn, or a contraction of a customer
  still active;
* a month without MRR followed by paying again is a churn (delinquent or lapsed), or a past-due
  period of a customer who never left;
* an account that started and left inside the window counts as churned;
* the denominator is the accounts paying at s, or those plus the accounts new in the window.

csdesk's own figure is the cohort's share with no MRR at e: an account that left and came back
is retained, a new account is outside the cohort, and a recorded 0 is no MRR.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import numpy as np

from csdesk.domain.month import Month
from csdesk.i18n.lang import Lang
from csdesk.metrics.mrr_source import RevenueData
from csdesk.resources import resource_path

Verdict = Literal["churned", "retained", "not_counted"]
RESOURCE = "resources/benchmarks/tool_conventions.toml"


@dataclass(frozen=True, slots=True)
class Preset:
    key: str
    name: str
    free_is_churn: bool
    lapse_is_churn: bool
    new_and_cancelled: bool
    denominator: Literal["start", "start_plus_new"]
    dating: str = ""
    documented: tuple[str, ...] = ()
    assumed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AccountReason:
    """One account the tool classifies otherwise than csdesk: ``reason`` is ``free``,
    ``lapse``, ``new_cancelled`` or ``new_in_denominator``; ``months`` date it (the month the
    MRR went, and for a lapse the month it came back; for a new account its first month)."""

    account_id: int
    csdesk: Verdict
    tool: Verdict
    reason: str
    months: tuple[Month, ...]


@dataclass
class PresetResult:
    preset: Preset
    value: float | None
    csdesk_value: float | None
    churned: int
    counted: int
    reasons: list[AccountReason] = field(default_factory=list)


def parse(text: str, source: str = RESOURCE) -> tuple[Preset, ...]:
    try:
        data = tomllib.loads(text)
        out = []
        for key, raw in data["presets"].items():
            denominator = raw["denominator"]
            if denominator not in ("start", "start_plus_new"):
                raise ValueError(f"denominator {denominator!r} of {key}")
            out.append(
                Preset(
                    key,
                    str(raw["name"]),
                    bool(raw["free_is_churn"]),
                    bool(raw["lapse_is_churn"]),
                    bool(raw["new_and_cancelled"]),
                    denominator,
                    str(raw.get("dating", "")),
                    tuple(raw.get("documented", ())),
                    tuple(raw.get("assumed", ())),
                )
            )
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{source}: not a valid conventions file ({exc})") from exc
    return tuple(out)


@cache
def shipped() -> tuple[Preset, ...]:
    return parse(resource_path("benchmarks", "tool_conventions.toml").read_text("utf-8"))


def recompute(
    preset: Preset,
    data: RevenueData,
    start: Month,
    end: Month,
    free: set[tuple[int, Month]] | frozenset[tuple[int, Month]] = frozenset(),
) -> PresetResult:
    """Logo churn over ``start`` → ``end`` under ``preset``, with csdesk's figure and the
    accounts classified differently. ``free``: (account id, month) pairs whose MRR was recorded
    as 0 (a row with 0, not a missing row)."""
    from csdesk.metrics.conventions import _paid_before_start, _window

    window = _window(data, start, end)
    if window is None:
        return PresetResult(preset, None, None, 0, 0)
    paying = window.cents > 0
    n = window.n_months
    earlier = _paid_before_start(data, start)
    cohort = paying[:, 0]
    new = ~cohort & ~earlier & paying[:, 1:].any(axis=1) if n > 1 else np.zeros_like(cohort)
    churned_tool = 0
    in_denominator = int(cohort.sum())
    csdesk_churned = int((cohort & ~paying[:, -1]).sum())
    reasons: list[AccountReason] = []
    for i in np.flatnonzero(cohort | new).tolist():
        account = int(window.account_ids[i])
        row = paying[i]
        is_new = bool(new[i])
        verdict, why, months = _classify(preset, account, row, start, free)
        if is_new:
            first = start + int(np.argmax(row))
            if verdict == "churned" and preset.new_and_cancelled:
                tool: Verdict = "churned"
                reasons.append(
                    AccountReason(account, "not_counted", tool, "new_cancelled", (first, *months))
                )
            elif preset.denominator == "start_plus_new":
                tool = "retained"
                reasons.append(
                    AccountReason(account, "not_counted", tool, "new_in_denominator", (first,))
                )
            else:
                continue
            churned_tool += tool == "churned"
            in_denominator += preset.denominator == "start_plus_new"
            continue
        csdesk: Verdict = "retained" if row[-1] else "churned"
        churned_tool += verdict == "churned"
        if verdict != csdesk:
            reasons.append(AccountReason(account, csdesk, verdict, why, months))
    n_cohort = int(cohort.sum())
    return PresetResult(
        preset,
        None if in_denominator == 0 else churned_tool / in_denominator,
        None if n_cohort == 0 else csdesk_churned / n_cohort,
        churned_tool,
        in_denominator,
        reasons,
    )


def _classify(
    preset: Preset,
    account: int,
    row: np.ndarray,
    start: Month,
    free: set[tuple[int, Month]] | frozenset[tuple[int, Month]],
) -> tuple[Verdict, str, tuple[Month, ...]]:
    """The tool's verdict on one account's window, the rule that decided it, and its months."""
    forgiven: tuple[str, tuple[Month, ...]] | None = None
    for k in range(1, len(row)):
        if not (row[k - 1] and not row[k]):
            continue
        month = start + k
        later = np.flatnonzero(row[k + 1 :])
        if (account, month) in free and not preset.free_is_churn:
            forgiven = forgiven or ("free", (month,))
            continue
        if len(later) and not preset.lapse_is_churn:
            continue
        if len(later):
            return "churned", "lapse", (month, start + k + 1 + int(later[0]))
        return "churned", "lost", (month,)
    if forgiven is not None:
        return "retained", *forgiven
    return "retained", "", ()


def recompute_all(
    data: RevenueData,
    start: Month,
    end: Month,
    free: set[tuple[int, Month]] | frozenset[tuple[int, Month]] = frozenset(),
) -> list[PresetResult]:
    return [recompute(p, data, start, end, free) for p in shipped()]


def free_months(ws: object) -> set[tuple[int, Month]]:
    """(account, month) pairs whose revenue row records an MRR of 0."""
    from csdesk.store.workspace import Workspace

    assert isinstance(ws, Workspace)
    return {
        (int(a), Month.parse(str(m)))
        for a, m in ws.query("SELECT account_id, month FROM revenue_months WHERE mrr = 0")
    }


def rule_text(preset: Preset, _: Lang) -> str:
    """The preset's four rules in one line, for the audit's table."""
    parts = [
        _("moving to MRR 0 is churn")
        if preset.free_is_churn
        else _("moving to MRR 0 is a contraction"),
        _("a lapse is churn") if preset.lapse_is_churn else _("a lapse is past due, not churn"),
        _("new-and-left in the window count")
        if preset.new_and_cancelled
        else _("new-and-left in the window do not count"),
        _("over accounts at the start plus new ones")
        if preset.denominator == "start_plus_new"
        else _("over accounts at the start"),
    ]
    text = "; ".join(parts) + "."
    return text[:1].upper() + text[1:]


def reason_text(reason: AccountReason, tool: str, _: Lang) -> str:
    """Why ``tool`` and csdesk disagree on this account, in the export's language."""
    months = [_.month(m) for m in reason.months]
    if reason.reason == "free":
        return _(
            "MRR recorded as 0 from {month} (free plan or 100% discount): {tool} keeps the "
            "customer active; csdesk counts no MRR as a lost customer."
        ).format(month=months[0], tool=tool)
    if reason.reason == "lapse":
        return _(
            "No MRR in {left}, paying again from {back}: {tool} counts the lapse as a churn; "
            "csdesk compares the window's two ends only."
        ).format(left=months[0], back=months[1], tool=tool)
    if reason.reason == "new_cancelled":
        return _(
            "Started in {first} and left in {left}, inside the window: {tool} counts it as a "
            "churn; csdesk's cohort holds only the accounts paying at the window's start."
        ).format(first=months[0], left=months[1] if len(months) > 1 else months[0], tool=tool)
    return _(
        "Started in {first}, inside the window: {tool} adds new customers to the denominator; "
        "csdesk does not."
    ).format(first=months[0], tool=tool)


def verdict_text(verdict: Verdict, _: Lang) -> str:
    return {
        "churned": _("Churned"),
        "retained": _("Retained"),
        "not_counted": _("Not counted"),
    }[verdict]
