"""QBRs that know what happened: exporting stores a snapshot; the next quarter's "what changed"
compares with it and lists the actions done since."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from csdesk.desk import queue
from csdesk.desk.engine import evaluate
from csdesk.i18n.lang import Lang
from csdesk.reports.qbr.batch import write_one
from csdesk.reports.qbr.content import build_qbr
from csdesk.reports.qbr.model import Quarter
from csdesk.store.queries.actions import load_actions
from csdesk.store.queries.snapshots import previous_snapshot, save_snapshot
from tests.desk.desk_book import AS_OF, build

EN = Lang("en")


def test_exporting_stores_what_the_pack_showed(tmp_path: Path) -> None:
    ws, ids = build(tmp_path / "desk.csdesk")
    with ws:
        content = build_qbr(ws, ids["Falling"], quarter="2026Q2", lang=Lang("en"), today=AS_OF)
        write_one(ws, ids["Falling"], tmp_path / "q2.pdf", Quarter.parse("2026Q2"), EN, AS_OF)
        snap = previous_snapshot(ws, ids["Falling"], "2026Q3")
        assert snap is not None and (snap.quarter, snap.taken_on) == ("2026Q2", AS_OF)
        assert snap.figures["health"] == content.health.score
        assert snap.figures["mrr"] == content.revenue.mrr == 1000.0
        assert snap.figures["tickets"] == content.support.tickets
        assert set(snap.figures["components"]) == {d.key for d in content.health.drivers}
        # Exported again for the same quarter: still one snapshot of that quarter.
        write_one(ws, ids["Falling"], tmp_path / "q2b.pdf", Quarter.parse("2026Q2"), EN, AS_OF)
        assert ws.scalar("SELECT count(*) FROM qbr_snapshots") == 1


def test_what_changed_compares_with_the_last_qbrs_snapshot(tmp_path: Path) -> None:
    ws, ids = build(tmp_path / "desk.csdesk")
    with ws:
        account = ids["Falling"]
        # The Q1 pack showed a healthy account with 4 tickets and 80 active users.
        save_snapshot(
            ws,
            account,
            "2026Q1",
            date(2026, 4, 2),
            {"health": 89.0, "tickets": 4, "mrr": 1000.0, "active_users": 80.0, "nps": None},
        )
        ws.insert_many(
            "tickets",
            ["account_id", "opened_at", "priority"],
            [(account, f"2026-05-{day:02d} 09:00:00", "normal") for day in range(1, 27)],
        )
        evaluate(ws, AS_OF)
        (drop,) = load_actions(ws, rule="health_drop", account_id=account)
        queue.done(ws, drop.id or 0, on=date(2026, 6, 16), note="Plan agreed")
        content = build_qbr(ws, account, quarter="2026Q2", lang=Lang("en"), today=AS_OF)
        texts = [c.what for c in content.changes]
        score = content.health.score
        assert score is not None and score < 89
        assert f"Health score went from 89 to {round(score)} since the last QBR" in texts
        assert "Tickets in the quarter: 4 at the last QBR, 26 now" in texts
        assert "Active users went from 80 to 5" in texts
        assert f"Done: {drop.title} (Customer Success)" in texts
        assert not any(t.startswith("MRR went") for t in texts)  # 1,000 then and now

        pt = build_qbr(ws, account, quarter="2026Q2", lang=Lang("pt_BR"), today=AS_OF)
        assert "Chamados no trimestre: 4 no último QBR, 26 agora" in [c.what for c in pt.changes]


def test_a_batch_of_packs_stores_each_packs_snapshot(tmp_path: Path) -> None:
    from csdesk.reports.qbr.batch import write_all
    from csdesk.reports.qbr.snapshot import figures_of

    ws, ids = build(tmp_path / "desk.csdesk")
    wanted = [ids["Falling"], ids["Quiet"]]
    with ws:
        shown = {
            a: figures_of(ws, build_qbr(ws, a, quarter="2026Q2", lang=EN, today=AS_OF))
            for a in wanted
        }
        result = write_all(
            ws,
            tmp_path / "packs",
            quarter=Quarter.parse("2026Q2"),
            lang=EN,
            jobs=2,
            today=AS_OF,
            account_ids=wanted,
        )
        assert len(result.written) == 2 and result.failed == [] and result.snapshots == 2
        rows = ws.query("SELECT account_id, quarter, taken_on FROM qbr_snapshots")
        assert sorted(rows) == sorted((a, "2026Q2", AS_OF.isoformat()) for a in wanted)
        for account in wanted:
            snap = previous_snapshot(ws, account, "2026Q3")
            assert snap is not None and snap.figures == json.loads(json.dumps(shown[account]))
        # The next quarter's pack of a batch-written account compares with it.
        from csdesk.reports.qbr.snapshot import changes_since_snapshot

        after = build_qbr(ws, ids["Falling"], quarter="2026Q3", lang=EN, today=AS_OF)
        assert changes_since_snapshot(ws, after, None)[0] == AS_OF
        # Written again for the same quarter: each account still has one snapshot of it.
        write_all(
            ws,
            tmp_path / "again",
            quarter=Quarter.parse("2026Q2"),
            lang=EN,
            jobs=1,
            today=AS_OF,
            account_ids=wanted,
        )
        assert ws.scalar("SELECT count(*) FROM qbr_snapshots") == 2


def test_a_batch_from_a_read_only_workspace_stores_nothing(tmp_path: Path) -> None:
    from csdesk.reports.qbr.batch import write_all
    from csdesk.store import Workspace

    ws, ids = build(tmp_path / "desk.csdesk")
    ws.close()
    with Workspace.open(tmp_path / "desk.csdesk", read_only=True) as reader:
        result = write_all(
            reader,
            tmp_path / "packs",
            quarter=Quarter.parse("2026Q2"),
            lang=EN,
            jobs=1,
            today=AS_OF,
            account_ids=[ids["Falling"]],
        )
        assert len(result.written) == 1 and result.snapshots == 0
        assert reader.scalar("SELECT count(*) FROM qbr_snapshots") == 0
