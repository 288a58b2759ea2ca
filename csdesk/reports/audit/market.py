"""The audit's headline figures against the market: each beside a dated, cited band.

Bands are chosen by the client's annual contract value (ACV = ARR / paying accounts) in the
band's currency (US dollars): a workspace in another currency needs its USD rate (Settings ▸
Exchange rates, or ``--rate`` at import); without one, the row compares with the band across
every ACV tier and says so. Figures with no well-known public benchmark are listed as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from csdesk.domain.month import Month
from csdesk.i18n.lang import Lang
from csdesk.metrics import benchmarks
from csdesk.metrics.benchmarks import Placement, Segment
from csdesk.metrics.mrr_source import RevenueData
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    from csdesk.reports.audit.content import Finding, Kind

# The headline figures, in the page's order, with the kind each is formatted as.
HEADLINE: tuple[tuple[str, Kind], ...] = (
    ("nrr", "ratio"),
    ("grr", "ratio"),
    ("logo_churn", "ratio"),
    ("accounts_per_csm", "decimal"),
    ("arr_per_csm", "money"),
    ("tme", "minutes"),
    ("fcr", "ratio"),
    ("nps", "nps"),
)


# The headline figures computed from MRR (withheld when the MRR itself is in doubt).
BUILT_ON_MRR = frozenset({"nrr", "grr", "arr_per_csm"})


@dataclass(frozen=True, slots=True)
class MarketRow:
    metric: str
    kind: Kind
    value: float | None
    placement: Placement | None
    withheld: str | None = None  # why a figure with a band is not set against it


@dataclass
class MarketComparison:
    rows: list[MarketRow]
    acv: float | None  # in the workspace currency
    acv_usd: float | None  # None: no rate into US dollars
    usd_rate: float | None  # 1 USD in the workspace currency
    csms: int = 0
    findings: list[Finding] = field(default_factory=list)

    def withhold(self, metrics: frozenset[str], why: str) -> None:
        """Take ``metrics`` out of the comparison, saying ``why`` where they are listed."""
        self.rows = [
            MarketRow(r.metric, r.kind, r.value, None, why) if r.metric in metrics else r
            for r in self.rows
        ]


def compare(
    ws: Workspace, f: dict[str, Any], as_of: Month, currency: str, data: RevenueData
) -> MarketComparison:
    """The headline figures of ``f`` (``portfolio.compute``) and the team's book sizes (from
    ``data``'s MRR in ``as_of``), each placed against its band."""
    from csdesk.ingest.currencies import stored_rates

    arr, paying = f.get("arr"), f.get("active_accounts")
    acv = None if not arr or not paying else float(arr) / float(paying)
    rate = 1.0 if currency.upper() == "USD" else stored_rates(ws).get("USD", (None, None))[0]
    acv_usd = None if acv is None or not rate else acv / rate
    csms, accounts, book = _books(ws, data, as_of)
    support, nps = f.get("support", {}), f.get("nps", {})
    values: dict[str, float | None] = {
        "nrr": f.get("nrr_12m"),
        "grr": f.get("grr_12m"),
        "logo_churn": f.get("logo_churn_12m"),
        "accounts_per_csm": None if not csms else accounts / csms,
        "arr_per_csm": None if not csms else book / csms,
        "tme": support.get("tme_minutes"),
        "fcr": support.get("fcr"),
        "nps": nps.get("score"),
    }
    rows = [
        MarketRow(
            metric,
            kind,
            values[metric],
            benchmarks.place(metric, values[metric], acv_usd, money_rate=rate),
        )
        for metric, kind in HEADLINE
    ]
    return MarketComparison(rows, acv, acv_usd, rate, csms)


def _books(ws: Workspace, data: RevenueData, as_of: Month) -> tuple[int, int, float]:
    """CSMs with active accounts, those accounts, and their ARR (12 × MRR in ``as_of``, from
    revenue rows or contracts as every figure takes it)."""
    owned = {
        int(a): int(c)
        for a, c in ws.query(
            "SELECT id, csm_id FROM accounts WHERE status = 'active' AND csm_id IS NOT NULL"
        )
    }
    mrr = dict(zip(data.account_ids.tolist(), data.at(as_of).tolist(), strict=True))
    book = sum(int(mrr.get(a, 0)) for a in owned) / 100
    return len(set(owned.values())), len(owned), 12 * book


def figure_name(metric: str, _: Lang) -> str:
    return {
        "nrr": _("NRR (12 months)"),
        "grr": _("GRR (12 months)"),
        "logo_churn": _("Logo churn (12 months)"),
        "accounts_per_csm": _("Accounts per CSM"),
        "arr_per_csm": _("ARR per CSM"),
        "tme": _("TME (average wait)"),
        "fcr": _("First-contact resolution"),
        "nps": _("NPS"),
    }[metric]


def position_text(p: Placement, _: Lang) -> str:
    """Where the client stands, in the band's own terms (a median, a guide, a range)."""
    if p.band.kind == "median":
        return {
            "below": _("Below the median"),
            "within": _("At the median"),
            "above": _("Above the median"),
        }[p.position]
    if p.band.kind == "guide":
        return {
            "below": _("Below the guide"),
            "within": _("At the guide"),
            "above": _("Above the guide"),
        }[p.position]
    return {
        "below": _("Below the band"),
        "within": _("Within the band"),
        "above": _("Above the band"),
    }[p.position]


def segment_text(p: Placement, _: Lang) -> str:
    if p.metric == "accounts_per_csm":
        return _("Implied by $2M of ARR per CSM at the client's ACV")
    if p.segment is None:
        return _("Every ACV tier (ACV in US dollars unknown)")
    return tier_text(p.segment, p.band.currency or "USD", _)


def tier_text(segment: Segment, currency: str, _: Lang) -> str:
    """A segment in the reader's language: an ACV tier from its bounds, else its label."""
    from csdesk.i18n.formatting import money_compact

    def amount(value: float) -> str:
        return money_compact(value, currency, _.code, decimals=0)

    low, high = segment.acv_min, segment.acv_max
    if low is not None and high is not None:
        return _("ACV {low} to {high}").format(low=amount(low), high=amount(high))
    if high is not None:
        return _("ACV under {high}").format(high=amount(high))
    if low is not None:
        return _("ACV over {low}").format(low=amount(low))
    labels = {
        "All segments": _("All segments"),
        "Call centres, post-call survey": _("Call centres, post-call survey"),
    }
    return labels.get(segment.label, segment.label)


def no_benchmark_text(row: MarketRow, csms: int, _: Lang) -> str:
    """Why a figure is not compared: withheld, no public band, no value in the data, or no
    rate."""
    if row.withheld:
        return row.withheld
    reasons = {
        "logo_churn": _(
            "No well-known public benchmark: published logo churn rates differ in period "
            "(monthly or annual) and definition too much to set against this one."
        ),
        "tme": _(
            "No well-known public benchmark: first-response times depend on the channel and "
            "the promised service level."
        ),
        "nps": _(
            "No well-known public benchmark: published NPS figures for software vary with the "
            "survey method and who publishes them."
        ),
    }
    if row.metric in reasons:
        return reasons[row.metric]
    if row.metric in BOOK_SIZES and csms == 0:
        return _("No active account has a CSM assigned.")
    if row.value is None:
        return _("The data gives no value for this figure.")
    return _(
        "Needs the client's ACV in US dollars: give the workspace a USD rate (Settings ▸ "
        "Exchange rates)."
    )


def stands_text(p: Placement, kind: Kind, fmt: Any, _: Lang) -> str:
    """One sentence: the figure, where it stands, the benchmark and its source."""
    return _("{figure} of {value} is {position} ({benchmark}, {segment}; {source}).").format(
        figure=figure_name(p.metric, _),
        value=fmt(p.value, kind),
        position=position_text(p, _).lower(),
        benchmark=band_text(p, kind, fmt, _),
        segment=segment_text(p, _),
        source=p.band.source.short,
    )


def band_text(p: Placement, kind: Kind, fmt: Any, _: Lang) -> str:
    low, high = fmt(p.low, kind), fmt(p.high, kind)
    return low if low == high else _("{low} to {high}").format(low=low, high=high)


def findings(c: MarketComparison, fmt: Any, _: Lang) -> list[Finding]:
    """A finding for each figure below or above its band: where the client stands, against
    which source, and what to do about it."""
    from csdesk.reports.audit.content import Finding

    out: list[Finding] = []
    for row in c.rows:
        p = row.placement
        if p is None or p.position == "within":
            continue
        evidence = stands_text(p, row.kind, fmt, _)
        if p.metric in BOOK_SIZES:
            out.append(_book_finding(p, evidence, _))
        elif p.position == "below":
            out.append(
                Finding(
                    "medium",
                    _("{figure} behind the market").format(figure=figure_name(p.metric, _)),
                    evidence,
                    _(
                        "Clients, boards and investors read this figure against the market; "
                        "behind it, the figure needs an explanation and a plan."
                    ),
                    _(
                        "Look at the accounts behind the figure (the Excel export lists them) "
                        "and agree a target against the benchmark for the next two quarters."
                    ),
                )
            )
        else:
            out.append(
                Finding(
                    "low",
                    _("{figure} ahead of the market").format(figure=figure_name(p.metric, _)),
                    evidence,
                    _("A strength to show: it is what the market rewards."),
                    _("Keep measuring it the same way, so the comparison holds next year."),
                )
            )
    return out


BOOK_SIZES = frozenset({"accounts_per_csm", "arr_per_csm"})


def _book_finding(p: Placement, evidence: str, _: Lang) -> Finding:
    """Book sizes have no good side: above the guide CSMs are stretched, below it CS costs
    more per unit of ARR than the guide assumes."""
    from csdesk.reports.audit.content import Finding

    name = figure_name(p.metric, _)
    if p.position == "above":
        return Finding(
            "medium",
            _("{figure} above the guide: heavy books").format(figure=name),
            evidence,
            _(
                "Each CSM carries more than the rule of thumb assumes; proactive work (QBRs, "
                "check-ins, adoption plans) is the first to go."
            ),
            _(
                "Check the capacity table above; move the smallest accounts to a digital "
                "programme or hire before the next renewal season."
            ),
        )
    return Finding(
        "low",
        _("{figure} below the guide: light books").format(figure=name),
        evidence,
        _("CS costs more per unit of ARR than the guide assumes."),
        _(
            "Fine for complex, high-touch accounts; otherwise give each CSM more accounts "
            "before hiring."
        ),
    )
