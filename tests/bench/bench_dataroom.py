"""Data room benchmark (issue 17): the large demo's tables as a folder of spreadsheets,
imported back as one data room, against importing the same files one by one.

``csdesk export`` writes one finance workbook (wide MRR, formulas, charts), not a folder of
exports; so the folder is written here the way an ERP, a CRM and a help desk hand theirs over:
one CSV per table (accounts, monthly revenue, tickets, survey answers), named anyhow and out
of dependency order. Both sides start from a new, empty workspace and count CPU seconds of
this process (plan + import, backups included), best of two, alternated.
``CSDESK_BENCH_ROOM_SIZE=small`` runs it on the small demo.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from run import Context, Figure  # type: ignore[import-not-found]

# Each file of the room, and the query that exports it from the demo workspace.
_EXPORTS = {
    "suporte/chamados 2023-2026.csv": (
        "SELECT t.external_id AS ticket_id, a.external_id AS account_id, t.opened_at, "
        "t.resolved_at, t.priority, t.csat FROM tickets t JOIN accounts a ON a.id = t.account_id"
    ),
    "01 receita mensal.csv": (
        "SELECT a.external_id AS account_id, r.month, r.mrr FROM revenue_months r "
        "JOIN accounts a ON a.id = r.account_id"
    ),
    "pesquisas nps e csat.csv": (
        "SELECT a.external_id AS account_id, s.date, s.type, s.score FROM surveys s "
        "JOIN accounts a ON a.id = s.account_id"
    ),
    "Cadastro de clientes.csv": (
        "SELECT external_id AS account_id, name AS account, segment, tier, region, status "
        "FROM accounts"
    ),
}
ORDER = ["accounts", "revenue", "tickets", "surveys"]


def export_room(demo: Path, folder: Path) -> dict[str, int]:
    """Write the room's CSV files; the rows of each, by file name."""
    import pandas as pd

    from csdesk.store import Workspace

    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with Workspace.open(demo, read_only=True) as ws:
        for name, sql in _EXPORTS.items():
            frame = pd.read_sql_query(sql, ws.conn)
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            frame.to_csv(target, index=False)
            counts[name] = len(frame)
    (folder / "LEIA-ME.txt").write_text("Exportação do ERP e do help desk.\n", "utf-8")
    return counts


def bench_dataroom_import(ctx: Context) -> list[Figure]:
    from csdesk import ingest
    from csdesk.i18n.lang import Lang
    from csdesk.ingest.dataroom import import_room, plan_room
    from csdesk.store import Workspace

    os.environ.setdefault("CSDESK_DATA_DIR", str(ctx.workdir / "data"))
    size = os.environ.get("CSDESK_BENCH_ROOM_SIZE", "large")
    folder = ctx.workdir / f"sala-{size}"
    counts = export_room(ctx.demo(size), folder)
    counter = [0]

    def room() -> float:
        counter[0] += 1
        with Workspace.open(ctx.workdir / f"room-{counter[0]}.csdesk", create=True) as ws:
            start = time.process_time()
            with plan_room(folder, lang=Lang("en"), ws=ws) as planned:
                assert [f.entity for f in planned.ready] == ORDER, planned.files
                result = import_room(ws, planned)
            elapsed = time.process_time() - start
        assert len(result.batch_ids) == len(ORDER), result.skipped
        return elapsed

    def one_by_one() -> float:
        counter[0] += 1
        with Workspace.open(ctx.workdir / f"files-{counter[0]}.csdesk", create=True) as ws:
            start = time.process_time()
            # The order a person must work out: accounts first, then what names them.
            for name in ("Cadastro de clientes.csv", "01 receita mensal.csv"):
                ingest.commit(ws, ingest.prepare(folder / name, ws=ws))
            for name in ("suporte/chamados 2023-2026.csv", "pesquisas nps e csat.csv"):
                ingest.commit(ws, ingest.prepare(folder / name, ws=ws))
            elapsed = time.process_time() - start
        return elapsed

    ours = alone = float("inf")
    for _ in range(2):
        alone = min(alone, one_by_one())
        ours = min(ours, room())
    rows = sum(counts.values())
    return [
        Figure(
            f"import the {size} demo as a data room ({rows:,} rows, 4 files) (CPU s)",
            ours,
            "s",
            "the same 4 files imported one by one, in dependency order",
            alone,
            "<= 1.5x baseline",
            ours <= 1.5 * alone,
        )
    ]


BENCHES = [bench_dataroom_import]
