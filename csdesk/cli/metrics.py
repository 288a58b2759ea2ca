"""`csdesk metrics FILE ...` and `csdesk health FILE ...`: the figures, as JSON or a table.

The workspace is opened read-only. Without ``--json`` the output is a table in the user's
language and number formats (the workspace's locale setting, else the system's). pandas and
the metrics engine are imported only when one of these commands runs.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from csdesk.cli.common import (
    ACCOUNT_HELP,
    MAX_WINDOW_MONTHS,
    bounded_int,
    check_year,
    language_argument,
    open_workspace,
    print_json,
    workspace_argument,
)
from csdesk.domain.month import Month
from csdesk.errors import N_
from csdesk.i18n import _

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang
    from csdesk.store import Workspace


def _month(text: str) -> Month:
    try:
        month = Month.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a month; write it as YYYY-MM, e.g. 2026-03").format(text=text)
        ) from None
    check_year(text, month.year)
    return month


_months = bounded_int(N_("a number of months"), 1, MAX_WINDOW_MONTHS)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "metrics",
        help=_("revenue, retention, CX, support, renewal and health figures"),
        description=_(
            "Print the portfolio's figures (or one account's or segment's). "
            "The JSON keys are documented in docs/metrics.md."
        ),
    )
    workspace_argument(parser)
    parser.add_argument(
        "--as-of",
        type=_month,
        metavar="YYYY-MM",
        help=_("default: the last month of the workspace's data (see docs/metrics.md)"),
    )
    parser.add_argument(
        "--window",
        type=_months,
        default=12,
        metavar="N",
        help=_("months covered by NPS, CSAT, CES and support (default 12)"),
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--account", metavar="ACCOUNT", help=_(ACCOUNT_HELP))
    scope.add_argument("--segment", metavar="NAME", help=_("one segment, by its exact name"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    language_argument(parser)
    parser.set_defaults(handler=_metrics)

    parser = subparsers.add_parser(
        "health",
        help=_("health scores per account, or why one account scores what it does"),
        description=_(
            "Without --account: every scored account, worst first. With --account: "
            "each component's value, score, weight, contribution and change since last month."
        ),
    )
    workspace_argument(parser)
    parser.add_argument("--account", metavar="ACCOUNT", help=_(ACCOUNT_HELP))
    parser.add_argument(
        "--as-of",
        type=_month,
        metavar="YYYY-MM",
        help=_("default: the last month of the workspace's data (see docs/metrics.md)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    language_argument(parser)
    parser.set_defaults(handler=_health)


def _locale(ws: Any, args: argparse.Namespace) -> Lang:
    """The command's language: --lang, else the workspace's locale setting, else the system's
    (one resolver for every door, ``csdesk.i18n.lang.resolve``)."""
    from csdesk.i18n.lang import workspace_lang

    return workspace_lang(ws, getattr(args, "lang", None))


def _unit(text: str, unit: str) -> str:
    return text if text == "—" else f"{text} {unit}"


def _component_value(name: str, value: float | None, lang: Lang) -> str:
    """A component's raw measure in its own unit: a share, days, a load, points, a change."""
    if name in ("adoption", "financial"):
        return lang.percent(value, decimals=0)
    if name == "engagement":
        return _unit(lang.number(value), "d")
    if name == "support":
        return lang.number(value, decimals=2)
    return lang.number(value, decimals=1)


def _table(rows: list[tuple[str, str]]) -> None:
    width = max((len(label) for label, _ in rows), default=0)
    for label, value in rows:
        print(f"{label:<{width}}  {value}" if value else label)


def _columns(header: list[str], body: list[list[str]]) -> None:
    """A table: the first column left-aligned, the figures right-aligned under their heading."""
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    for row in [header, *body]:
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def _metrics(args: argparse.Namespace) -> int:
    from csdesk.metrics import portfolio

    with open_workspace(args.file, read_only=True) as ws:
        figures = portfolio.compute(
            ws, as_of=args.as_of, window=args.window, account=args.account, segment=args.segment
        )
        lang = _locale(ws, args)
        if args.json:
            print_json(figures)
        else:
            _print_metrics(figures, lang, args.window)
        if figures.get("as_of") and args.account is None:
            _say_where_the_data_ends(ws, Month.parse(figures["as_of"]), lang)
            _say_contracts_overlap(ws, Month.parse(figures["as_of"]), figures["currency"], lang)
    return 0


def _say_where_the_data_ends(ws: Workspace, as_of: Month, lang: Lang) -> None:
    """On stderr, when open contracts carry the revenue on past the recorded activity."""
    from csdesk.metrics import data_end

    end = data_end.stale_end(ws, as_of, date.today())
    if end is None:
        return
    _ = lang
    print(
        _(
            "note: the figures of {month} are carried on by open contracts; the newest ticket, "
            "usage record, survey or event is from {end} (--as-of {iso} for the figures there)."
        ).format(month=lang.month(as_of), end=lang.month(end), iso=str(end)),
        file=sys.stderr,
    )


def _say_contracts_overlap(ws: Workspace, as_of: Month, currency: str, lang: Lang) -> None:
    """On stderr, when contracts of one account and product run at once in ``as_of``: their
    MRR is summed, which counts a plan kept open after its upgrade twice."""
    from csdesk.store.queries.contracts import overlaps

    found = overlaps(ws, as_of.last_day)
    if not found.accounts:
        return
    print(
        lang.ngettext(
            "note: {count} account pays for several contracts of one product at once in "
            "{month}; the older ones add {amount} to the MRR (csdesk export lists them).",
            "note: {count} accounts pay for several contracts of one product at once in "
            "{month}; the older ones add {amount} to the MRR (csdesk export lists them).",
            found.accounts,
        ).format(
            count=lang.number(found.accounts),
            month=lang.month(as_of),
            amount=lang.money(found.older_mrr, currency),
        ),
        file=sys.stderr,
    )


def _print_metrics(f: dict[str, Any], lang: Lang, window: int) -> None:
    from csdesk.i18n.labels import metric_label, movement_label

    cur = f["currency"]
    money = lambda v: lang.money(v, cur)  # noqa: E731
    pct = lambda v: lang.percent(v)  # noqa: E731
    num = lambda v, d=0: lang.number(v, decimals=d)  # noqa: E731
    label = lambda key: metric_label(key, lang)  # noqa: E731
    _ = lang
    as_of = lang.month(Month.parse(f["as_of"]))
    # Translators: a span of months after a figure, as in "NPS (12 m)".
    months = _("{count} m").format(count=window)
    nps, sup, ren, hea = f["nps"], f["support"], f["renewals"], f["health"]
    rows = [
        (f"{as_of}  ({cur})", ""),
        (label("mrr"), money(f["mrr"])),
        (label("arr"), money(f["arr"])),
        (label("active_accounts"), num(f["active_accounts"])),
        (label("arpa"), money(f["arpa"])),
        (label("nrr_12m"), pct(f["nrr_12m"])),
        (label("grr_12m"), pct(f["grr_12m"])),
        (label("logo_churn_12m"), pct(f["logo_churn_12m"])),
        (label("gross_mrr_churn"), pct(f["gross_mrr_churn"])),
        (label("net_mrr_churn"), pct(f["net_mrr_churn"])),
        (label("ltv"), money(f["ltv"])),
        (f"{label('nps')} ({months})", num(nps["score"], 1)),
        (
            f"  {label('promoters')} / {label('passives')} / {label('detractors')}",
            " / ".join(num(nps[k]) for k in ("promoters", "passives", "detractors")),
        ),
        (label("csat"), pct(f["csat"])),
        (label("ces"), num(f["ces"], 2)),
        (f"{label('tickets')} ({months})", num(sup["tickets"])),
        (label("tma_minutes"), _unit(num(sup["tma_minutes"], 1), "min")),
        (label("tme_minutes"), _unit(num(sup["tme_minutes"], 1), "min")),
        (label("resolution_hours"), _unit(num(sup["resolution_hours"], 1), "h")),
        (label("fcr"), pct(sup["fcr"])),
        (label("sla"), pct(sup["sla"])),
        (label("due_90d"), num(ren["due_90d"])),
        (label("value_due_90d"), money(ren["value_due_90d"])),
        (label("forecast_90d"), money(ren["forecast_90d"])),
        (
            f"{label('healthy')} / {label('at_risk')} / {label('critical')}",
            " / ".join(num(hea[k]) for k in ("healthy", "at_risk", "critical")),
        ),
    ]
    _table(rows)
    recent = f["movements"][-12:]
    if recent:
        print()
        kinds = ("new", "expansion", "contraction", "churn", "reactivation", "mrr")
        header = [""] + [label("mrr") if k == "mrr" else movement_label(k, lang) for k in kinds]
        body = [
            [lang.month(Month.parse(r["month"]))]
            + [lang.money(r[k], cur, cents=False) for k in kinds]
            for r in recent
        ]
        _columns(header, body)


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
                _print_explanation(item, name, _locale(ws, args))
            return 0
        scores = health.score_all(ws, args.as_of)
        if args.json:
            print_json(health_json.scores(ws, scores))
        else:
            _print_scores(ws, scores, _locale(ws, args))
    return 0


def _print_explanation(item: Any, name: str, lang: Lang) -> None:
    from csdesk.i18n.labels import health_component_label, label, metric_label

    _ = lang
    band = label(item.band, lang) if item.band is not None else "—"
    print(f"{name} — {lang.month(item.as_of)}")
    score = f"{lang.number(item.score, decimals=1)}  {band}"
    if not item.scored:
        score = _("not scored: not a paying customer in {month}").format(
            month=lang.month(item.as_of)
        )
    _table([(metric_label("health", lang), score), ("Δ", lang.number(item.change, decimals=1))])
    print()
    # Translators: the columns of a health explanation in the terminal: each component's
    # measure, its score, its weight in the total, the points it adds, its change.
    header = ["", _("value"), _("score"), _("weight"), _("points"), "Δ"]
    body = [
        [
            health_component_label(p.name, lang),
            _component_value(p.name, p.value, lang),
            lang.number(p.score, decimals=1),
            lang.percent(p.share, decimals=0) if p.score is not None else "—",
            lang.number(p.contribution, decimals=1) if p.score is not None else "—",
            lang.number(p.change, decimals=1),
        ]
        for p in item.components
    ]
    _columns(header, body)
    if item.missing:
        missing = ", ".join(health_component_label(m, lang) for m in item.missing)
        print()
        print(_("(no data: {components})").format(components=missing))


def _print_scores(ws: Any, scores: Any, lang: Lang) -> None:
    from csdesk.i18n.labels import label, metric_label
    from csdesk.metrics.health import band_counts

    names = dict(ws.query("SELECT id, name FROM accounts"))
    counts = band_counts(scores)
    print(f"{metric_label('health', lang)} — {lang.month(Month.parse(scores.attrs['as_of']))}")
    print(" / ".join(f"{metric_label(k, lang)} {lang.number(v)}" for k, v in counts.items()))
    print()
    ordered = scores.sort_values("score", na_position="last", kind="stable")
    for account_id, row in ordered.iterrows():
        band = label(row["band"], lang) if row["band"] is not None else "—"
        score = lang.number(None if row["score"] != row["score"] else row["score"], decimals=1)
        print(f"{score:>6}  {band:<10}  {names.get(account_id, account_id)}")
