"""`csdesk metrics FILE ...` and `csdesk health FILE ...`: the figures, as JSON or a table.

The workspace is opened read-only. Without ``--json`` the output is a table in the user's
language and number formats (the workspace's locale setting, else the system's). pandas and
the metrics engine are imported only when one of these commands runs.
"""

from __future__ import annotations

import argparse
from typing import Any

from csdesk.cli.common import (
    MAX_WINDOW_MONTHS,
    bounded_int,
    check_year,
    open_workspace,
    print_json,
    workspace_argument,
)
from csdesk.domain.month import Month


def _month(text: str) -> Month:
    try:
        month = Month.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a month; write it as YYYY-MM, e.g. 2026-03"
        ) from None
    check_year(text, month.year)
    return month


_months = bounded_int("a number of months", 1, MAX_WINDOW_MONTHS)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "metrics",
        help="revenue, retention, CX, support, renewal and health figures",
        description="Print the portfolio's figures (or one account's or segment's). "
        "The JSON keys are documented in docs/metrics.md.",
    )
    workspace_argument(parser)
    parser.add_argument(
        "--as-of",
        type=_month,
        metavar="YYYY-MM",
        help="default: the last month of the workspace's data (see docs/metrics.md)",
    )
    parser.add_argument(
        "--window",
        type=_months,
        default=12,
        metavar="N",
        help="months covered by NPS, CSAT, CES and support (default 12)",
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--account", metavar="ACCOUNT", help="external id or exact name")
    scope.add_argument("--segment", metavar="NAME", help="one segment, by its exact name")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=_metrics)

    parser = subparsers.add_parser(
        "health",
        help="health scores per account, or why one account scores what it does",
        description="Without --account: every scored account, worst first. With --account: "
        "each component's value, score, weight, contribution and change since last month.",
    )
    workspace_argument(parser)
    parser.add_argument("--account", metavar="ACCOUNT", help="external id or exact name")
    parser.add_argument("--as-of", type=_month, metavar="YYYY-MM")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=_health)


def _locale(ws: Any) -> str:
    """The command's language: the workspace's locale setting, else the system's (one resolver
    for every door, ``csdesk.i18n.lang.resolve``)."""
    from csdesk.i18n.lang import workspace_lang

    return workspace_lang(ws).code


def _unit(text: str, unit: str) -> str:
    return text if text == "—" else f"{text} {unit}"


def _component_value(name: str, value: float | None, loc: str) -> str:
    """A component's raw measure in its own unit: a share, days, a load, points, a change."""
    from csdesk.i18n import formatting as fmt

    if name in ("adoption", "financial"):
        return fmt.percent(value, loc, decimals=0)
    if name == "engagement":
        return _unit(fmt.number(value, loc), "d")
    if name == "support":
        return fmt.number(value, loc, decimals=2)
    return fmt.number(value, loc, decimals=1)


def _table(rows: list[tuple[str, str]]) -> None:
    width = max((len(label) for label, _ in rows), default=0)
    for label, value in rows:
        print(f"{label:<{width}}  {value}" if value else label)


def _metrics(args: argparse.Namespace) -> int:
    from csdesk.metrics import portfolio

    with open_workspace(args.file, read_only=True) as ws:
        figures = portfolio.compute(
            ws, as_of=args.as_of, window=args.window, account=args.account, segment=args.segment
        )
        if args.json:
            print_json(figures)
        else:
            _print_metrics(figures, _locale(ws), args.window)
    return 0


def _print_metrics(f: dict[str, Any], loc: str, window: int) -> None:
    from csdesk.i18n import formatting as fmt
    from csdesk.i18n import language
    from csdesk.i18n.labels import metric_label, movement_label

    cur = f["currency"]
    with language(loc):
        money = lambda v: fmt.money(v, cur, loc)  # noqa: E731
        pct = lambda v: fmt.percent(v, loc)  # noqa: E731
        num = lambda v, d=0: fmt.number(v, loc, decimals=d)  # noqa: E731
        as_of = fmt.month(Month.parse(f["as_of"]), loc)
        nps, sup, ren, hea = f["nps"], f["support"], f["renewals"], f["health"]
        rows = [
            (f"{as_of}  ({cur})", ""),
            (metric_label("mrr"), money(f["mrr"])),
            (metric_label("arr"), money(f["arr"])),
            (metric_label("active_accounts"), num(f["active_accounts"])),
            (metric_label("arpa"), money(f["arpa"])),
            (metric_label("nrr_12m"), pct(f["nrr_12m"])),
            (metric_label("grr_12m"), pct(f["grr_12m"])),
            (metric_label("logo_churn_12m"), pct(f["logo_churn_12m"])),
            (metric_label("gross_mrr_churn"), pct(f["gross_mrr_churn"])),
            (metric_label("net_mrr_churn"), pct(f["net_mrr_churn"])),
            (metric_label("ltv"), money(f["ltv"])),
            (f"{metric_label('nps')} ({window} m)", num(nps["score"], 1)),
            (
                f"  {metric_label('promoters')} / {metric_label('passives')} / "
                f"{metric_label('detractors')}",
                " / ".join(num(nps[k]) for k in ("promoters", "passives", "detractors")),
            ),
            (metric_label("csat"), pct(f["csat"])),
            (metric_label("ces"), num(f["ces"], 2)),
            (f"{metric_label('tickets')} ({window} m)", num(sup["tickets"])),
            (metric_label("tma_minutes"), _unit(num(sup["tma_minutes"], 1), "min")),
            (metric_label("tme_minutes"), _unit(num(sup["tme_minutes"], 1), "min")),
            (metric_label("resolution_hours"), _unit(num(sup["resolution_hours"], 1), "h")),
            (metric_label("fcr"), pct(sup["fcr"])),
            (metric_label("sla"), pct(sup["sla"])),
            (metric_label("due_90d"), num(ren["due_90d"])),
            (metric_label("value_due_90d"), money(ren["value_due_90d"])),
            (metric_label("forecast_90d"), money(ren["forecast_90d"])),
            (
                f"{metric_label('healthy')} / {metric_label('at_risk')} / "
                f"{metric_label('critical')}",
                " / ".join(num(hea[k]) for k in ("healthy", "at_risk", "critical")),
            ),
        ]
        _table(rows)
        recent = f["movements"][-12:]
        if recent:
            print()
            kinds = ("new", "expansion", "contraction", "churn", "reactivation", "mrr")
            header = [""] + [
                metric_label("mrr") if k == "mrr" else movement_label(k) for k in kinds
            ]
            body = [
                [fmt.month(Month.parse(r["month"]), loc)]
                + [fmt.money(r[k], cur, loc, cents=False) for k in kinds]
                for r in recent
            ]
            widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
            for row in [header, *body]:
                print(
                    "  ".join(
                        cell.ljust(w) if i == 0 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths, strict=True))
                    )
                )


def _health(args: argparse.Namespace) -> int:
    from csdesk.metrics import health, health_json
    from csdesk.metrics.scope import find_account

    with open_workspace(args.file, read_only=True) as ws:
        if args.account is not None:
            account_id, name = find_account(ws, args.account)
            item = health.explain(ws, account_id, args.as_of)
            if args.json:
                print_json(health_json.explanation(ws, item, name))
            else:
                _print_explanation(item, name, _locale(ws))
            return 0
        scores = health.score_all(ws, args.as_of)
        if args.json:
            print_json(health_json.scores(ws, scores))
        else:
            _print_scores(ws, scores, _locale(ws))
    return 0


def _print_explanation(item: Any, name: str, loc: str) -> None:
    from csdesk.i18n import _, language
    from csdesk.i18n import formatting as fmt
    from csdesk.i18n.labels import health_component_label, label, metric_label

    with language(loc):
        band = label(item.band) if item.band is not None else "—"
        print(f"{name} — {fmt.month(item.as_of, loc)}")
        score = f"{fmt.number(item.score, loc, decimals=1)}  {band}"
        if not item.scored:
            score = _("not scored: not a paying customer in {month}").format(
                month=fmt.month(item.as_of, loc)
            )
        _table([(metric_label("health"), score), ("Δ", fmt.number(item.change, loc, decimals=1))])
        print()
        header = ["", "value", "score", "weight", "points", "Δ"]
        body = [
            [
                health_component_label(p.name),
                _component_value(p.name, p.value, loc),
                fmt.number(p.score, loc, decimals=1),
                fmt.percent(p.share, loc, decimals=0) if p.score is not None else "—",
                fmt.number(p.contribution, loc, decimals=1) if p.score is not None else "—",
                fmt.number(p.change, loc, decimals=1),
            ]
            for p in item.components
        ]
        widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
        for row in [header, *body]:
            print(
                "  ".join(
                    c.ljust(w) if i == 0 else c.rjust(w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True))
                )
            )
        if item.missing:
            missing = ", ".join(health_component_label(m) for m in item.missing)
            print(f"\n(no data: {missing})")


def _print_scores(ws: Any, scores: Any, loc: str) -> None:
    from csdesk.i18n import formatting as fmt
    from csdesk.i18n import language
    from csdesk.i18n.labels import label, metric_label
    from csdesk.metrics.health import band_counts

    names = dict(ws.query("SELECT id, name FROM accounts"))
    counts = band_counts(scores)
    with language(loc):
        print(f"{metric_label('health')} — {fmt.month(Month.parse(scores.attrs['as_of']), loc)}")
        print(" / ".join(f"{metric_label(k)} {fmt.number(v, loc)}" for k, v in counts.items()))
        print()
        ordered = scores.sort_values("score", na_position="last", kind="stable")
        for account_id, row in ordered.iterrows():
            band = label(row["band"]) if row["band"] is not None else "—"
            score = fmt.number(
                None if row["score"] != row["score"] else row["score"], loc, decimals=1
            )
            print(f"{score:>6}  {band:<10}  {names.get(account_id, account_id)}")
