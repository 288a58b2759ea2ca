"""A CSV read in blocks: decisions of the first block hold, duplicates across blocks, re-read."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_csv

from csdesk.ingest import commit, plan, prepare, readers, spill
from csdesk.store import Workspace


@pytest.mark.parametrize("disk", ["kept on disk", "full"])
def test_blocks_share_date_order_duplicates_and_are_written_without_reading_again(
    tmp_path: Path, ws: Workspace, monkeypatch: pytest.MonkeyPatch, disk: str
) -> None:
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 4)
    monkeypatch.setattr(plan, "KEEP_STREAMED_ROWS", 5)
    if disk == "full":

        def no_room(self: spill.Spill, built: object, checked: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(spill.Spill, "add", no_room)
    lines = ["Cliente;Data;Tipo;Título"]
    lines += [f"C{i};{13 + i}/01/2025;Reunião;Encontro {i}" for i in range(4)]  # decides dd/mm
    lines += [f"C{i};0{i + 1}/02/2025;Ligação;Chamada {i}" for i in range(6)]  # ambiguous
    lines += ["C0;13/01/2025;Reunião;Encontro 0"]  # duplicate of row 2, in another block
    lines += ["C9;ontem;Nota;Sem data"]
    path = write_csv(tmp_path / "eventos.csv", "\n".join(lines) + "\n", "cp1252")
    prepared = prepare(path, ws=ws)
    assert prepared.entity == "events"
    # Too many rows to keep in memory: on disk, else (a full disk) read again at commit.
    assert prepared._records is None and prepared._built is None
    assert (prepared._spill is None) == (disk == "full")
    opened = [0]
    real_open = plan.open_source

    def counted(*args: object, **kwargs: object) -> readers.Source:
        opened[0] += 1
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plan, "open_source", counted)
    assert [(p.row, p.severity) for p in prepared.problems] == [(12, "warning"), (13, "error")]
    assert "duplicate of row 2" in prepared.problems[0].message
    result = commit(ws, prepared)
    assert opened[0] == (1 if disk == "full" else 0)
    assert (result.rows_read, result.rows_written, result.rows_skipped, result.rows_rejected) == (
        12,
        10,
        1,
        1,
    )
    dates = [row[0] for row in ws.query("SELECT substr(at, 1, 10) FROM events ORDER BY id")]
    assert dates[4:] == [f"2025-02-0{i + 1}" for i in range(6)]
    assert ws.query("SELECT DISTINCT kind FROM events ORDER BY kind") == [("call",), ("meeting",)]
