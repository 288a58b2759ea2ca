"""The summary sheet: key ratios as live formulas over the data sheets, beside csdesk's values.

Finance audits a ratio by reading its formula; programs that do not recalculate (openpyxl
writes no cached results) read the value csdesk computed, in the next column. Two native
charts sit beside the figures: MRR movements by month and the health distribution.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from csdesk.i18n.lang import Lang
from csdesk.reports.xlsx.table import DataSheet, quote_sheet
from csdesk.reports.xlsx.writer import HEADER_FILL, HEADER_FONT, Formats

_BAND_COLOURS = {"healthy": "2E7D32", "at_risk": "D69E2E", "critical": "C62828"}
_MOVEMENT_COLOURS = ("1F5F8B", "4C9BD6", "7FB77E", "E8A33D", "C62828")


@dataclass(frozen=True, slots=True)
class Ratio:
    """One key figure: its label, the live formula, csdesk's value and how it is defined."""

    label: str
    formula: str | None
    value: float | int | None
    kind: str  # "money", "int" or "ratio"
    definition: str


@dataclass(frozen=True, slots=True)
class BandCount:
    band: str  # HealthBand value
    label: str
    count: int
    formula: str | None


@dataclass(frozen=True)
class SummaryContent:
    title: str
    facts: Sequence[tuple[str, str]]  # (label, value as text)
    ratios: Sequence[Ratio]
    bands: Sequence[BandCount]
    movements: DataSheet | None


def build_summary(
    wb: Workbook, ws: Worksheet, content: SummaryContent, formats: Formats, _: Lang
) -> None:
    """Fill ``ws`` with the title block, the ratio table, the band table and the charts."""
    ws["A1"] = content.title
    ws["A1"].data_type = "s"
    ws["A1"].font = Font(bold=True, size=16, color="1B2333")
    row = 2
    for label, value in content.facts:
        ws.cell(row=row, column=1, value=label).font = Font(color="667085")
        cell = ws.cell(row=row, column=2, value=value)
        cell.data_type = "s"
        if value.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True
        row += 1
    row += 1
    header_row = row
    headers = [_("Figure"), _("Formula (live)"), _("Value computed by csdesk"), _("Definition")]
    _header(ws, row, headers)
    number_formats = {"money": formats.money, "int": formats.int, "ratio": formats.ratio}
    for ratio in content.ratios:
        row += 1
        ws.cell(row=row, column=1, value=ratio.label).font = Font(bold=True)
        live = ws.cell(row=row, column=2, value=ratio.formula or _("not defined"))
        live.number_format = number_formats[ratio.kind]
        computed = ws.cell(row=row, column=3, value=ratio.value)
        computed.number_format = number_formats[ratio.kind]
        note = ws.cell(row=row, column=4, value=ratio.definition)
        note.font = Font(color="667085", size=9)
    ws.freeze_panes = f"A{header_row + 1}"
    if content.bands:
        row += 2
        band_header = row
        _header(ws, row, [_("Health band"), _("Formula (live)"), _("Accounts")])
        for band in content.bands:
            row += 1
            ws.cell(row=row, column=1, value=band.label).font = Font(
                bold=True, color=_BAND_COLOURS.get(band.band, "1B2333")
            )
            live = ws.cell(row=row, column=2, value=band.formula)
            live.number_format = formats.int
            ws.cell(row=row, column=3, value=band.count).number_format = formats.int
        _band_chart(ws, band_header, len(content.bands), _)
    if content.movements is not None and content.movements.rows:
        _movements_chart(wb, ws, content.movements, _)
    for letter, width in zip("ABCD", (42, 24, 26, 90), strict=True):
        ws.column_dimensions[letter].width = width


def _header(ws: Worksheet, row: int, titles: Sequence[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=column, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")


def _band_chart(ws: Worksheet, header_row: int, count: int, _: Lang) -> None:
    chart = BarChart()
    chart.type = "col"
    chart.title = _("Health distribution")
    chart.legend = None
    chart.y_axis.title = _("Accounts")
    chart.y_axis.majorGridlines = None
    data = Reference(ws, min_col=3, min_row=header_row, max_row=header_row + count)
    categories = Reference(ws, min_col=1, min_row=header_row + 1, max_row=header_row + count)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    series = chart.series[0]
    colours = list(_BAND_COLOURS.values())
    for index in range(count):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = colours[index % len(colours)]
        point.graphicalProperties.line.solidFill = colours[index % len(colours)]
        series.dPt.append(point)
    chart.height, chart.width = 7.5, 13
    ws.add_chart(chart, "F22")


def _movements_chart(wb: Workbook, ws: Worksheet, movements: DataSheet, _: Lang) -> None:
    source = wb[movements.title]
    last = movements.last_row
    # The first month of data is the opening balance (all "new"): it would dwarf every real
    # movement, so the chart starts with the second month.
    first = 3 if last >= 3 else 2
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 40
    chart.title = _("MRR movements by month")
    chart.y_axis.title = _("MRR change")
    chart.y_axis.numFmt = "#,##0"
    for column in range(2, 7):
        values = Reference(source, min_col=column, min_row=first, max_row=last)
        series = Series(values, title_from_data=False)
        series.tx = SeriesLabel(
            strRef=StrRef(f"{quote_sheet(source.title)}!${get_column_letter(column)}$1")
        )
        chart.series.append(series)
    chart.set_categories(Reference(source, min_col=1, min_row=first, max_row=last))
    chart.x_axis.tickLblPos = "low"
    for series, colour in zip(chart.series, _MOVEMENT_COLOURS, strict=False):
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    chart.height, chart.width = 9, 22
    ws.add_chart(chart, "F2")


def cohort_formulas(mrr: DataSheet, start_col: int, end_col: int) -> dict[str, str]:
    """Live NRR, GRR and logo-churn formulas over the MRR sheet's start and end columns."""
    s = mrr.column_range(start_col)
    e = mrr.column_range(end_col)
    return {
        "nrr": f'=SUMIFS({e},{s},">0")/SUMIFS({s},{s},">0")',
        "grr": f'=SUMPRODUCT(({s}>0)*(({e}<{s})*{e}+({e}>={s})*{s}))/SUMIFS({s},{s},">0")',
        "logo_churn": f'=COUNTIFS({s},">0",{e},0)/COUNTIF({s},">0")',
        "mrr": f"=SUM({e})",
        "arr": f"=12*SUM({e})",
        "active": f'=COUNTIF({e},">0")',
        "arpa": f'=SUM({e})/COUNTIF({e},">0")',
    }


def churn_formulas(movements: DataSheet, month_row: int) -> dict[str, str]:
    """Gross and net MRR churn of one month over the Movements sheet (row of that month)."""
    sheet = quote_sheet(movements.title)
    previous = month_row - 1

    def ref(column: str, row: int) -> str:
        return f"{sheet}!${column}${row}"

    # Columns: A month, B new, C expansion, D reactivation, E contraction, F churn, H MRR.
    lost = f"{ref('E', month_row)}+{ref('F', month_row)}"
    won = f"{ref('C', month_row)}+{ref('D', month_row)}"
    return {
        "gross": f"=-({lost})/{ref('H', previous)}",
        "net": f"=-({lost}+{won})/{ref('H', previous)}",
    }
