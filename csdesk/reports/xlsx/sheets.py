"""The data sheets of the export, each built from the workspace (and the metrics) as a table.

Sheets that hold what was imported (accounts, survey and support figures per account) are
read from the store; revenue sheets come from :mod:`csdesk.metrics.revenue` so the workbook
and ``csdesk metrics`` agree to the cent. Values are Python types; formatting belongs to the
writer. Every builder returns None when the workspace has nothing for its sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from csdesk.domain.enums import AccountStatus, HealthBand
from csdesk.domain.month import Month
from csdesk.domain.text_order import text_key
from csdesk.i18n import N_, labels
from csdesk.i18n.formatting import month as month_label
from csdesk.i18n.lang import Lang
from csdesk.metrics.periods import Window
from csdesk.reports.xlsx.table import Column, DataSheet
from csdesk.store.queries.accounts import NAME_ORDER_A
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

# Account status as the export writes it: words the importer reads back to the same status.
_STATUS_WORDS = {
    "en": {AccountStatus.ACTIVE: "active", AccountStatus.CHURNED: "churned"},
    "pt_BR": {AccountStatus.ACTIVE: "ativo", AccountStatus.CHURNED: "cancelado"},
}


@dataclass(frozen=True)
class ExportContext:
    """What every sheet builder needs: the workspace, the language and the reference month."""

    ws: Workspace
    lang: Lang
    as_of: Month | None
    today: date

    @property
    def language(self) -> str:
        """The code of ``lang`` (``en``, ``pt_BR``), for formatting."""
        return self.lang.code

    @property
    def t(self) -> Lang:
        return self.lang

    @property
    def window(self) -> Window | None:
        return None if self.as_of is None else Window(self.as_of, 12)


def accounts_sheet(ctx: ExportContext) -> DataSheet:
    """Every account with the import fields, so the sheet imports back unchanged."""
    _ = ctx.t
    latest = str(ctx.as_of) if ctx.as_of else ""
    rows = ctx.ws.query(
        f"""
        SELECT a.external_id, a.name, a.segment, a.tier, a.industry, a.region, a.country,
               a.status, a.lifecycle_stage, a.start_date, a.renewal_date, a.contract_value,
               a.currency, r.mrr, csm.name, am.name, sup.name, a.seats, a.notes
        FROM accounts a
        LEFT JOIN people csm ON csm.id = a.csm_id
        LEFT JOIN people am ON am.id = a.am_id
        LEFT JOIN people sup ON sup.id = a.support_owner_id
        LEFT JOIN revenue_months r ON r.account_id = a.id AND r.month = ?
        ORDER BY {NAME_ORDER_A}
        """,
        (latest,),
    )
    words = _STATUS_WORDS.get(ctx.language, _STATUS_WORDS["en"])
    out: list[list[Any]] = []
    for row in rows:
        values = list(row)
        values[7] = words[AccountStatus(values[7])]
        out.append(values)
    columns = [
        Column(_("Account ID"), "text"),
        Column(_("Account"), "text"),
        Column(_("Segment"), "text"),
        Column(_("Tier"), "text"),
        Column(_("Industry"), "text"),
        Column(_("Region"), "text"),
        Column(_("Country"), "text"),
        Column(_("Status"), "text"),
        Column(_("Lifecycle stage"), "text"),
        Column(_("Start date"), "date"),
        Column(_("Renewal date"), "date"),
        Column(_("Contract value"), "money"),
        Column(_("Currency"), "text", width=9),
        Column(_("MRR"), "money"),
        Column(_("CSM"), "text"),
        Column(_("Account manager"), "text"),
        Column(_("Support owner"), "text"),
        Column(_("Seats"), "int"),
        Column(_("Notes"), "text"),
    ]
    return DataSheet(_("Accounts"), columns, out, freeze="C2")


def _names(ws: Workspace) -> dict[int, tuple[str | None, str]]:
    return {int(r[0]): (r[1], r[2]) for r in ws.query("SELECT id, external_id, name FROM accounts")}


def mrr_sheet(ctx: ExportContext, matrix: pd.DataFrame) -> DataSheet | None:
    """MRR per account (rows) and month (columns), from the first month with data."""
    if matrix.empty:
        return None
    _ = ctx.t
    names = _names(ctx.ws)
    months = [Month.parse(str(m)) for m in matrix.columns]
    values = matrix.to_numpy().tolist()
    rows = []
    for account_id, mrr in zip(matrix.index.tolist(), values, strict=True):
        external, name = names.get(int(account_id), (None, ""))
        rows.append([external, name, *mrr])
    order = sorted(range(len(rows)), key=lambda i: text_key(str(rows[i][1])))
    columns = [Column(_("Account ID"), "text"), Column(_("Account"), "text")]
    columns += [Column(month_label(m, ctx.language), "money", width=13) for m in months]
    return DataSheet(_("MRR by month"), columns, [rows[i] for i in order], freeze="C2")


MOVEMENT_COLUMNS = ("new", "expansion", "reactivation", "contraction", "churn")


def movements_sheet(ctx: ExportContext, movements: pd.DataFrame) -> DataSheet | None:
    """Portfolio MRR movements per month; each row adds up to the change in MRR."""
    if movements.empty:
        return None
    _ = ctx.t
    rows = []
    for record in movements.to_dict("records"):
        moves = [float(record[k]) for k in MOVEMENT_COLUMNS]
        rows.append(
            [
                month_label(Month.parse(str(record["month"])), ctx.language),
                *moves,
                round(sum(moves), 2),
                float(record["mrr"]),
            ]
        )
    columns = [Column(_("Month"), "text", width=12)]
    columns += [Column(labels.movement_label(k, ctx.lang), "money") for k in MOVEMENT_COLUMNS]
    columns += [Column(_("Net change"), "money"), Column(_("MRR"), "money")]
    return DataSheet(_("Movements"), columns, rows, freeze="B2", autofilter=False)


HEALTH_COMPONENTS = ("adoption", "engagement", "support", "sentiment", "financial")


def health_sheet(ctx: ExportContext, scores: pd.DataFrame) -> DataSheet | None:
    """Health score, band and component scores per scored account, coloured by band."""
    if scores.empty:
        return None
    _ = ctx.t
    names = _names(ctx.ws)
    csm = dict(
        ctx.ws.query(
            "SELECT a.id, p.name FROM accounts a JOIN people p ON p.id = a.csm_id",
        )
    )
    components = [c for c in HEALTH_COMPONENTS if c in scores.columns]
    band_names = {band.value: labels.label(band, ctx.lang) for band in HealthBand}
    part_names = {c: labels.health_component_label(c, ctx.lang) for c in HEALTH_COMPONENTS}
    numbers = scores[["score", *components]].astype("float64").round(1)
    numeric = numbers.astype(object).where(numbers.notna(), None).to_numpy().tolist()
    rows = []
    for account_id, band, missing, values in zip(
        scores.index.tolist(),
        scores["band"].tolist(),
        scores["missing"].tolist(),
        numeric,
        strict=True,
    ):
        external, name = names.get(int(account_id), (None, ""))
        rows.append(
            [
                external,
                name,
                csm.get(int(account_id)),
                values[0],
                band_names.get(str(band)) if band else None,
                ", ".join(part_names.get(str(m), str(m)) for m in missing or ()) or None,
                *values[1:],
            ]
        )
    rows.sort(key=lambda r: (r[3] is None, r[3] if r[3] is not None else 0.0))
    columns = [
        Column(_("Account ID"), "text"),
        Column(_("Account"), "text"),
        Column(_("CSM"), "text"),
        Column(_("Health score"), "score"),
        Column(_("Band"), "text", width=11),
        Column(_("Missing data"), "text"),
    ]
    columns += [
        Column(labels.health_component_label(c, ctx.lang), "score", width=12) for c in components
    ]
    return DataSheet(
        _("Health"), columns, rows, freeze="C2", band_score_column=3, band_columns=(4,)
    )


def renewals_sheet(ctx: ExportContext, bands: dict[int, str]) -> DataSheet | None:
    """Active accounts with a renewal date, soonest first, with value, owners and health."""
    _ = ctx.t
    latest = str(ctx.as_of) if ctx.as_of else ""
    rows = ctx.ws.query(
        """
        SELECT a.id, a.external_id, a.name, a.renewal_date, a.contract_value, r.mrr,
               csm.name, am.name, a.renewal_probability
        FROM accounts a
        LEFT JOIN people csm ON csm.id = a.csm_id
        LEFT JOIN people am ON am.id = a.am_id
        LEFT JOIN revenue_months r ON r.account_id = a.id AND r.month = ?
        WHERE a.status = 'active' AND a.renewal_date IS NOT NULL
        ORDER BY a.renewal_date, a.name_key, a.id
        """,
        (latest,),
    )
    if not rows:
        return None
    out = []
    for account_id, external, name, renewal, value, mrr, csm, am, probability in rows:
        try:
            days: int | None = (date.fromisoformat(renewal[:10]) - ctx.today).days
        except ValueError:
            days = None
        band = bands.get(int(account_id))
        out.append(
            [
                external,
                name,
                renewal,
                days,
                value,
                mrr,
                None if mrr is None else round(mrr * 12, 2),
                csm,
                am,
                labels.label(HealthBand(band), ctx.lang) if band else None,
                probability,
            ]
        )
    columns = [
        Column(_("Account ID"), "text"),
        Column(_("Account"), "text"),
        Column(_("Renewal date"), "date"),
        Column(_("Days to renewal"), "int", width=11),
        Column(_("Contract value"), "money"),
        Column(_("MRR"), "money"),
        Column(_("ARR"), "money"),
        Column(_("CSM"), "text"),
        Column(_("Account manager"), "text"),
        Column(_("Health band"), "text", width=11),
        Column(_("Renewal probability (set by CSM)"), "ratio", width=14),
    ]
    return DataSheet(_("Renewals"), columns, out, freeze="C2")


# Named by the audit's finding on them too.
OVERLAP_SHEET = N_("Contracts running at once")


def overlapping_contracts_sheet(ctx: ExportContext) -> DataSheet | None:
    """Contracts running on the as-of month's last day beside another of their account and
    product (their MRR is summed: see csdesk.store.queries.contracts), to check at the
    source; None when there are none."""
    from csdesk.store.queries.contracts import overlapping_contracts

    if ctx.as_of is None:
        return None
    found = overlapping_contracts(ctx.ws, ctx.as_of.last_day)
    if not found:
        return None
    _ = ctx.t
    yes, no = _("yes"), _("no")
    rows = [
        [
            c.account_external_id,
            c.account,
            c.product or None,
            c.contract_id,
            c.start,
            c.end,
            c.mrr,
            yes if c.newest else no,
        ]
        for c in found
    ]
    columns = [
        Column(_("Account ID"), "text"),
        Column(_("Account"), "text"),
        Column(_("Product"), "text"),
        Column(_("Contract ID"), "text"),
        Column(_("Start"), "date"),
        Column(_("End"), "date"),
        Column(_("MRR"), "money"),
        Column(_("Newest of its product"), "text", width=12),
    ]
    return DataSheet(_(OVERLAP_SHEET), columns, rows, freeze="C2")


def support_sheet(ctx: ExportContext) -> DataSheet | None:
    """Support figures per account over the 12 months ending with the as-of month."""
    window = ctx.window
    if window is None or ctx.ws.scalar("SELECT 1 FROM tickets LIMIT 1") is None:
        return None
    import inspect

    from csdesk.metrics.support import aggregates

    # Newer metrics group with ``group=``; the first version grouped by account by default.
    if "group" in inspect.signature(aggregates).parameters:
        sums = aggregates(ctx.ws, window, group="account_id")
    else:
        sums = aggregates(ctx.ws, window)
    if sums.empty:
        return None
    _ = ctx.t
    names = _names(ctx.ws)

    def ratio(num: pd.Series, den: pd.Series) -> list[float | None]:
        pairs = zip(num.tolist(), den.tolist(), strict=True)
        return [None if d == 0 else float(n) / float(d) for n, d in pairs]

    tma = ratio(sums["handle_sum"], sums["handle_n"])
    tme = ratio(sums["wait_sum"], sums["wait_n"])
    resolution = ratio(sums["resolution_sum"], sums["resolution_n"])
    fcr = ratio(sums["fcr_hits"], sums["resolved_judged"])
    sla = ratio(sums["sla_met"], sums["wait_n"])
    csat = ratio(sums["csat_satisfied"], sums["csat_n"])
    tickets = [int(v) for v in sums["tickets"].tolist()]
    escalations = [int(v) for v in sums["escalations"].tolist()]
    rows: list[list[Any]] = []
    for i, account_id in enumerate(sums.index.tolist()):
        external, name = names.get(int(account_id), (None, ""))
        rows.append(
            [
                external,
                name,
                tickets[i],
                escalations[i],
                _round(tma[i]),
                _round(tme[i]),
                _round(resolution[i]),
                fcr[i],
                sla[i],
                csat[i],
            ]
        )
    rows.sort(key=lambda r: -int(r[2]))
    columns = [
        Column(_("Account ID"), "text"),
        Column(_("Account"), "text"),
        Column(_("Tickets"), "int"),
        Column(_("Escalations"), "int", width=12),
        Column(_("TMA (handle, min)"), "number", width=12),
        Column(_("TME (wait, min)"), "number", width=12),
        Column(_("Resolution (h)"), "number", width=12),
        Column(_("FCR"), "ratio"),
        Column(_("SLA attainment"), "ratio", width=12),
        Column(_("Ticket CSAT"), "ratio"),
    ]
    return DataSheet(_("Support"), columns, rows, freeze="C2")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


_SURVEY_SQL = """
SELECT account_id,
       sum(type = 'nps'), sum(type = 'nps' AND score >= 9), sum(type = 'nps' AND score <= 6),
       sum(type = 'csat'), sum(type = 'csat' AND score >= 4),
       sum(type = 'ces'), sum(CASE WHEN type = 'ces' THEN score END)
FROM surveys WHERE date >= ? AND date < ?
GROUP BY account_id
"""


def surveys_sheet(ctx: ExportContext) -> DataSheet | None:
    """NPS, CSAT and CES per account over the 12 months ending with the as-of month."""
    window = ctx.window
    if window is None:
        return None
    found = ctx.ws.query(_SURVEY_SQL, window.sql_range)
    if not found:
        return None
    _ = ctx.t
    names = _names(ctx.ws)
    rows = []
    for account_id, nps_n, promoters, detractors, csat_n, satisfied, ces_n, ces_sum in found:
        external, name = names.get(int(account_id), (None, ""))
        rows.append(
            [
                external,
                name,
                nps_n or None,
                round(100 * (promoters - detractors) / nps_n, 1) if nps_n else None,
                promoters if nps_n else None,
                detractors if nps_n else None,
                csat_n or None,
                satisfied / csat_n if csat_n else None,
                ces_n or None,
                round(ces_sum / ces_n, 2) if ces_n else None,
            ]
        )
    rows.sort(key=lambda r: text_key(str(r[1])))
    columns = [
        Column(_("Account ID"), "text"),
        Column(_("Account"), "text"),
        Column(_("NPS responses"), "int", width=11),
        Column(_("NPS"), "number"),
        Column(_("Promoters"), "int"),
        Column(_("Detractors"), "int"),
        Column(_("CSAT responses"), "int", width=11),
        Column(_("CSAT"), "ratio"),
        Column(_("CES responses"), "int", width=11),
        Column(_("CES (1-7)"), "number"),
    ]
    return DataSheet(_("Surveys"), columns, rows, freeze="C2")


def comments_sheet(ctx: ExportContext, limit: int = 20000) -> DataSheet | None:
    """The most recent survey comments (what customers wrote), newest first."""
    rows = ctx.ws.query(
        """
        SELECT a.external_id, a.name, s.date, s.type, s.score, s.contact, s.comment
        FROM surveys s JOIN accounts a ON a.id = s.account_id
        WHERE s.comment IS NOT NULL AND s.comment != ''
        ORDER BY s.date DESC, s.id DESC LIMIT ?
        """,
        (limit,),
    )
    if not rows:
        return None
    _ = ctx.t
    columns = [
        Column(_("Account ID"), "text"),
        Column(_("Account"), "text"),
        Column(_("Date"), "date"),
        Column(_("Survey"), "text", width=8),
        Column(_("Score"), "int", width=8),
        Column(_("Contact"), "text"),
        Column(_("Comment"), "text", width=70),
    ]
    out = [[*row[:3], str(row[3]).upper(), *row[4:]] for row in rows]
    return DataSheet(_("Survey comments"), columns, out, freeze="C2")


def capacity_sheet(ctx: ExportContext, team: pd.DataFrame | None) -> DataSheet | None:
    """Hours needed per CSM this quarter against hours available (csdesk.metrics.capacity)."""
    if team is None or team.empty:
        return None
    _ = ctx.t
    rows = []
    for record in team.to_dict("records"):
        rows.append(
            [
                record["csm"] or _("No CSM assigned"),
                _int(record["accounts"]),
                _int(record["onboarding"]),
                _float(record["hours_needed"]),
                _float(record["hours_available"]),
                _float(record["utilisation"]),
                _int(record["spare_accounts"]),
                _int(record["overdue"]),
            ]
        )
    columns = [
        Column(_("CSM"), "text"),
        Column(_("Accounts"), "int"),
        Column(_("Onboarding"), "int", width=12),
        Column(_("Hours needed"), "number", width=12),
        Column(_("Hours available"), "number", width=12),
        Column(_("Utilisation"), "ratio", width=12),
        Column(_("Accounts that would fit"), "int", width=14),
        Column(_("Overdue for a touch"), "int", width=14),
    ]
    return DataSheet(_("Capacity"), columns, rows, freeze="B2")


def _float(value: Any) -> float | None:
    return None if value is None or value != value else float(value)


def _int(value: Any) -> int | None:
    return None if value is None or value != value else int(value)
