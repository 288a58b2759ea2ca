"""Report speed: the role-clarity PDF, QBR packs, and the Excel export of the large portfolio.

Targets (DESIGN.md, Performance; issue 14): one QBR PDF under 0.4 s after start-up, 100 in
under 30 s on 2 processes; Excel export of the large demo under 10 s. Baselines measured
in the same run: for the export, openpyxl in write-only mode writing the same number of plain
cells (the cheapest way the library offers to write that much); for the PDF, reportlab laying
out the same number of pages of plain paragraphs.

The portfolio is ``ctx.cache["large_demo"]`` when another bench built it, else the large demo.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

from run import Context, Figure, timed

from csdesk.i18n import Lang
from csdesk.store import Workspace


def _cells(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        total = 0
        for sheet in wb.worksheets:
            total += (sheet.max_row or 0) * (sheet.max_column or 0)
        return total
    finally:
        wb.close()


def _plain_openpyxl(path: Path, cells: int, width: int = 20) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("data")
    row = [1234.5 if i % 2 else "text value" for i in range(width)]
    for _ in range(cells // width):
        sheet.append(row)
    wb.save(path)


def bench_excel_export_large(ctx: Context) -> list[Figure]:
    from csdesk.reports.xlsx.export import export_workbook

    demo = ctx.demo("large")
    target = ctx.workdir / "large-export.xlsx"
    with Workspace.open(demo, read_only=True) as ws:
        start = time.perf_counter()
        export_workbook(ws, target, lang=Lang("pt_BR"), today=date(2026, 11, 22))
        seconds = time.perf_counter() - start
    cells = _cells(target)
    baseline = timed(lambda: _plain_openpyxl(ctx.workdir / "plain.xlsx", cells))
    return [
        Figure(
            f"Excel export, large demo ({cells:,} cells)",
            seconds,
            "s",
            f"openpyxl write-only, {cells:,} plain cells",
            baseline,
            "< 10 s",
            seconds < 10,
        )
    ]


def bench_roles_pdf(ctx: Context) -> list[Figure]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from csdesk.reports.roles import build_roles_document
    from csdesk.reports.roles_pdf import write_roles_pdf

    demo = ctx.demo("small")
    with Workspace.open(demo, read_only=True) as ws:
        account = str(ws.scalar("SELECT external_id FROM accounts ORDER BY id LIMIT 1"))

        def roles() -> None:
            document = build_roles_document(ws, account, lang=Lang("pt_BR"))
            write_roles_pdf(document, ctx.workdir / "roles.pdf")

        roles()  # fonts registered, modules imported: measure the document itself
        seconds = timed(roles, repeat=3)
    style = getSampleStyleSheet()["BodyText"]

    def plain() -> None:
        story = [Paragraph("Plain paragraph of text " * 12, style) for _ in range(75)]
        SimpleDocTemplate(str(ctx.workdir / "plain.pdf"), pagesize=A4).build(story)

    baseline = timed(plain, repeat=3)
    return [
        Figure(
            "role-clarity PDF, one account",
            seconds,
            "s",
            "reportlab, 3 pages of plain paragraphs",
            baseline,
            "< 1 s",
            seconds < 1,
        )
    ]


def bench_qbr(ctx: Context) -> list[Figure]:
    """One QBR PDF after start-up (< 0.4 s, issue 14), and 100 packs with --all on 2 cores
    (< 30 s)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from csdesk.reports.qbr.batch import write_all, write_one
    from csdesk.reports.qbr.model import Quarter

    demo = ctx.demo("small")
    quarter = Quarter.parse("2026Q3")
    # Writable, as `csdesk report qbr --all` opens it: the batch stores each pack's snapshot.
    with Workspace.open(demo) as ws:
        ids = [int(r[0]) for r in ws.query("SELECT id FROM accounts WHERE status = 'active'")]
        today = date(2026, 11, 22)
        write_one(ws, ids[0], ctx.workdir / "warm.pdf", quarter, Lang("en"), today)
        # Accounts differ (months of history, tickets, goals): the typical pack is the median
        # of five, each one written once as a person would.
        walls, cpus = [], []
        for account_id in ids[1:6]:
            cpu_start = time.process_time()
            walls.append(
                timed(
                    lambda a=account_id: write_one(
                        ws, a, ctx.workdir / "one.pdf", quarter, Lang("en"), today
                    )
                )  # type: ignore[misc]
            )
            cpus.append(time.process_time() - cpu_start)
        one, one_cpu = statistics.median(walls), statistics.median(cpus)
        children_before = _children_cpu()
        start = time.perf_counter()
        result = write_all(
            ws,
            ctx.workdir / "packs",
            quarter=quarter,
            lang=Lang("en"),
            jobs=2,
            today=today,
            account_ids=ids[:100],
        )
        hundred = time.perf_counter() - start
        hundred_cpu = _children_cpu() - children_before
    style = getSampleStyleSheet()["BodyText"]

    def plain() -> None:
        story = [Paragraph("Plain paragraph of text " * 12, style) for _ in range(125)]
        SimpleDocTemplate(str(ctx.workdir / "plain5.pdf"), pagesize=A4).build(story)

    baseline = timed(plain, repeat=3)
    return [
        Figure(
            "one QBR PDF (after start-up), median of 5 accounts",
            one,
            "s",
            "reportlab, 5 pages of plain paragraphs",
            baseline,
            "< 0.4 s",
            one < 0.4,
        ),
        Figure(
            f"{len(result.written)} QBR PDFs, 2 processes",
            hundred,
            "s",
            "reportlab, 5 pages of plain paragraphs",
            baseline,
            "< 30 s for 100",
            hundred < 30,
        ),
        # The machine may be shared: CPU seconds say what the work costs whatever the load.
        Figure(
            "one QBR PDF, CPU time, median of 5",
            one_cpu,
            "cpu s",
            "",
            None,
            "< 0.4 s",
            one_cpu < 0.4,
        ),
        Figure(
            f"{len(result.written)} QBR PDFs, CPU time of both processes",
            hundred_cpu,
            "cpu s",
            "",
            None,
            "< 60 cpu s for 100 (30 s on 2 cores)",
            hundred_cpu < 60,
        ),
    ]


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes (the --all workers)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


BENCHES = [bench_roles_pdf, bench_qbr, bench_excel_export_large]
