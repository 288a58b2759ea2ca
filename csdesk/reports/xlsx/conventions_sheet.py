"""The export's "Tool conventions" sheet: the accounts ChartMogul, Baremetrics, ProfitWell and
Stripe would classify otherwise than csdesk, each with the reason.

The audit shows each tool's logo churn beside csdesk's; finance reconciling the two needs the
accounts behind every difference. One row per account and tool, and one row for a tool that
agrees with csdesk on every account, so each tool's figure is in the sheet.
"""

from __future__ import annotations

from csdesk.domain.text_order import text_key
from csdesk.metrics import tool_presets
from csdesk.metrics.mrr_source import RevenueData
from csdesk.reports.xlsx.sheets import ExportContext
from csdesk.reports.xlsx.table import Column, DataSheet


def conventions_sheet(ctx: ExportContext, data: RevenueData) -> DataSheet | None:
    """None without 13 months of revenue up to the as-of month (no 12-month window)."""
    as_of = ctx.as_of
    if as_of is None or data.first is None or data.column(as_of - 12) is None:
        return None
    _ = ctx.t
    names = {
        int(a): (external, str(name))
        for a, external, name in ctx.ws.query("SELECT id, external_id, name FROM accounts")
    }
    free = tool_presets.free_months(ctx.ws)
    rows: list[list[object]] = []
    for result in tool_presets.recompute_all(data, as_of - 12, as_of, free):
        tool = result.preset.name
        head = [tool, result.value, result.csdesk_value]
        if not result.reasons:
            rows.append([*head, None, None, None, None, _("No account classified differently.")])
            continue
        ordered = sorted(
            result.reasons, key=lambda r: text_key(names.get(r.account_id, (None, ""))[1])
        )
        for reason in ordered:
            external, name = names.get(reason.account_id, (None, str(reason.account_id)))
            rows.append(
                [
                    *head,
                    external,
                    name,
                    tool_presets.verdict_text(reason.csdesk, _),
                    tool_presets.verdict_text(reason.tool, _),
                    tool_presets.reason_text(reason, tool, _),
                ]
            )
    columns = [
        Column(_("Tool"), "text", width=22),
        Column(_("Tool's logo churn"), "ratio", width=12),
        Column(_("csdesk's logo churn"), "ratio", width=12),
        Column(_("Account ID"), "text"),
        Column(_("Account"), "text"),
        Column(_("csdesk counts it"), "text", width=14),
        Column(_("The tool counts it"), "text", width=14),
        Column(_("Why they differ"), "text", width=90),
    ]
    return DataSheet(_("Tool conventions"), columns, rows, freeze="B2")
