"""`csdesk export FILE -o OUT.xlsx`: the whole portfolio as a workbook finance can audit.

Sheets: a summary (key ratios as live formulas beside csdesk's values, band counts, native
charts), then accounts, MRR by month, movements, health, renewals, support, surveys and survey
comments — each only when the workspace has data for it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.domain.enums import HealthBand
from csdesk.domain.month import Month
from csdesk.i18n import labels
from csdesk.i18n.formatting import month
from csdesk.i18n.lang import ENGLISH, Lang
from csdesk.progress import ProgressCallback, scaled, silent
from csdesk.reports.output import check_target
from csdesk.reports.xlsx import sheets as build
from csdesk.reports.xlsx.summary import (
    BandCount,
    Ratio,
    SummaryContent,
    build_summary,
    churn_formulas,
    cohort_formulas,
)
from csdesk.reports.xlsx.table import DataSheet
from csdesk.reports.xlsx.writer import Formats, write_workbook
from csdesk.store.queries.accounts import latest_revenue_month
from csdesk.store.settings import CURRENCY
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

    from csdesk.metrics.revenue import RevenueData


def formats_for(currency: str, lang: str) -> Formats:
    """Number formats: the currency's symbol, and the locale's way of writing a date."""
    from babel.numbers import get_currency_symbol

    symbol = get_currency_symbol(currency, locale=lang).replace('"', "")
    money = f'"{symbol}" #,##0.00;-"{symbol}" #,##0.00'
    return Formats(money=money, date="dd/mm/yyyy" if lang == "pt_BR" else "yyyy-mm-dd")


def export_workbook(
    ws: Workspace,
    target: Path,
    *,
    lang: Lang = ENGLISH,
    today: date | None = None,
    progress: ProgressCallback = silent,
) -> Path:
    """Write the workbook to ``target`` (.xlsx) atomically, every word in ``lang``; return
    the path."""
    target = check_target(target, (".xlsx",))
    return _export(ws, target, lang, today or date.today(), progress)


def _export(
    ws: Workspace, target: Path, lang: Lang, today: date, progress: ProgressCallback
) -> Path:
    from csdesk.metrics import revenue

    _ = lang
    as_of = latest_revenue_month(ws)
    ctx = build.ExportContext(ws, lang, as_of, today)
    progress(0.0, _("Accounts"))

    def store_sheets(side: Workspace) -> list[DataSheet | None]:
        # Read on a second connection while this thread loads revenue and scores health:
        # SQLite releases the GIL while it aggregates the tickets and surveys.
        side_ctx = build.ExportContext(side, lang, as_of, today)
        return [
            build.support_sheet(side_ctx),
            build.surveys_sheet(side_ctx),
            build.comments_sheet(side_ctx),
        ]

    from csdesk.metrics.side_by_side import beside

    side_sheets = beside(ws, store_sheets)
    data = revenue.load(ws)
    matrix = _matrix(data)
    moves = revenue.movements(data)
    mrr = build.mrr_sheet(ctx, matrix)
    movements = build.movements_sheet(ctx, moves)
    scores = _health_scores(ws, as_of, data)
    health = build.health_sheet(ctx, scores) if scores is not None else None
    bands = {} if scores is None else _bands(scores)
    main_sheets = [
        build.accounts_sheet(ctx),
        mrr,
        movements,
        health,
        build.renewals_sheet(ctx, bands),
        build.overlapping_contracts_sheet(ctx),
    ]
    capacity = build.capacity_sheet(ctx, _capacity(ws, as_of))
    from csdesk.reports.xlsx.conventions_sheet import conventions_sheet

    tools = conventions_sheet(ctx, data)
    progress(0.2, _("Support"))
    sheets: list[DataSheet] = [
        sheet
        for sheet in (*main_sheets, *side_sheets.result(), capacity, tools)
        if sheet is not None
    ]
    currency = CURRENCY.get(ws)
    formats = formats_for(currency, lang.code)
    content = SummaryContent(
        title=_("Portfolio export"),
        facts=[
            (_("Workspace"), ws.path.name),
            (_("As of"), lang.month(as_of)),
            (_("Currency"), currency),
            (_("Exported on"), lang.day(today)),
        ],
        ratios=_ratios(data, as_of, mrr, movements, _),
        bands=_band_counts(scores, health, _),
        movements=movements,
    )

    def summary(wb: Any, sheet: Any) -> None:
        build_summary(wb, sheet, content, formats, _)

    return write_workbook(
        target,
        sheets,
        formats,
        summary_title=_("Summary"),
        summary=summary,
        progress=scaled(progress, 0.3, 1.0),
    )


def _matrix(data: RevenueData) -> pd.DataFrame:
    """MRR per account and month (what ``revenue.mrr_matrix`` gives) from the loaded data."""
    import pandas as pd

    return pd.DataFrame(
        data.cents / 100,
        index=pd.Index(data.account_ids, name="account_id"),
        columns=[str(m) for m in data.months()],
    )


def _health_scores(ws: Workspace, as_of: Month | None, data: RevenueData) -> pd.DataFrame | None:
    """Health scores when there is revenue to score."""
    if as_of is None:
        return None
    from csdesk.metrics import health

    scores: pd.DataFrame = health.score_all(ws, as_of, revenue=data)
    return scores


def _capacity(ws: Workspace, as_of: Month | None) -> pd.DataFrame | None:
    """The CSM capacity model (hours needed against hours available per CSM); None when
    there are no CSMs and no accounts to model."""
    from csdesk.metrics import capacity

    team: pd.DataFrame = capacity.compute(ws, as_of)
    return None if team.empty else team


def _bands(scores: pd.DataFrame) -> dict[int, str]:
    return {
        int(str(account)): str(HealthBand(band))
        for account, band in scores["band"].items()
        if band is not None and band == band
    }


def _band_counts(scores: pd.DataFrame | None, health: DataSheet | None, _: Lang) -> list[BandCount]:
    if scores is None or health is None:
        return []
    counts = scores["band"].value_counts()
    column = health.column_range(4)
    out = []
    for band in HealthBand:
        name = labels.label(band, _)
        formula = f'=COUNTIF({column},"{name}")'
        out.append(BandCount(band.value, name, int(counts.get(band, 0)), formula))
    return out


def _ratios(
    data: RevenueData,
    as_of: Month | None,
    mrr: DataSheet | None,
    movements: DataSheet | None,
    _: Any,
) -> list[Ratio]:
    from csdesk.metrics import revenue

    if as_of is None or mrr is None or movements is None:
        return []
    months = data.months()
    end_col = 2 + months.index(as_of)
    start = as_of - 12
    cohort = cohort_formulas(mrr, 2 + months.index(start), end_col) if start in months else {}
    base = cohort_formulas(mrr, end_col, end_col)
    month_row = 2 + months.index(as_of)
    churn = churn_formulas(movements, month_row) if month_row > 2 else {}
    window = f"{month(start, None)} → {month(as_of, None)}"
    return [
        Ratio(
            _("MRR"),
            base["mrr"],
            revenue.mrr(data, as_of),
            "money",
            _("Sum of MRR in the as-of month."),
        ),
        Ratio(_("ARR"), base["arr"], revenue.arr(data, as_of), "money", _("12 × MRR.")),
        Ratio(
            _("Active accounts"),
            base["active"],
            revenue.active_accounts(data, as_of),
            "int",
            _("Accounts with MRR above zero in the as-of month."),
        ),
        Ratio(
            _("ARPA"), base["arpa"], revenue.arpa(data, as_of), "money", _("MRR / active accounts.")
        ),
        Ratio(
            _("NRR (12 months)"),
            cohort.get("nrr"),
            revenue.nrr(data, start, as_of),
            "ratio",
            _("Cohort = accounts paying 12 months earlier; their MRR now / their MRR then.")
            + f" ({window})",
        ),
        Ratio(
            _("GRR (12 months)"),
            cohort.get("grr"),
            revenue.grr(data, start, as_of),
            "ratio",
            _("Same cohort; each account counts at most its MRR of 12 months earlier."),
        ),
        Ratio(
            _("Logo churn (12 months)"),
            cohort.get("logo_churn"),
            revenue.logo_churn(data, start, as_of),
            "ratio",
            _("Share of the cohort with no MRR in the as-of month."),
        ),
        Ratio(
            _("Gross MRR churn (as-of month)"),
            churn.get("gross"),
            revenue.gross_mrr_churn(data, as_of),
            "ratio",
            _("−(churn + contraction) / MRR of the month before."),
        ),
        Ratio(
            _("Net MRR churn (as-of month)"),
            churn.get("net"),
            revenue.net_mrr_churn(data, as_of),
            "ratio",
            _("−(churn + contraction + expansion + reactivation) / MRR of the month before."),
        ),
    ]
