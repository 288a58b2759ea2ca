"""`csdesk import FILE calendar.ics`: the same door, report, dry run, --json keys and undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exports import Event, google_calendar

from csdesk.cli import main
from csdesk.store import Workspace

ANA = ("Ana Lima", "ana@team.example")
JOAO = ("João", "joao.souza@acme.example", "ACCEPTED")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def calendar(tmp_path: Path) -> Path:
    return google_calendar(
        tmp_path / "agenda.ics",
        "ana@team.example",
        [
            Event("a@g", "20260310T100000", "Reunião de status", ANA, [JOAO]),
            Event(
                "b@g", "20260311T100000", "Interna", ANA, [("B", "bruno@team.example", "ACCEPTED")]
            ),
            Event("c@g", "20260312T100000", "Depois do as-of", ANA, [JOAO]),
        ],
    )


def test_dry_run_then_import_then_undo(
    book: Workspace, calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(book.path)
    book.close()
    code, out, _err = _run(
        capsys, "import", path, str(calendar), "--as-of", "2026-03-11", "--dry-run"
    )
    assert code == 0
    assert (
        "agenda.ics (iCalendar (.ics)): 2 meetings or messages read; 1 touch with accounts." in out
    )
    assert "1 skipped: internal (no one outside the team)" in out
    assert "1 skipped: still to come (after the as-of date)" in out
    assert "Nothing was written." in out

    code, out, _err = _run(capsys, "import", path, str(calendar), "--as-of", "2026-03-11", "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {
        "entity", "rows_read", "rows_written", "rows_updated", "rows_skipped", "rows_rejected",
        "accounts_created", "problems", "batch_id",
    }  # fmt: skip
    assert (result["entity"], result["rows_written"], result["rows_skipped"]) == ("events", 1, 2)

    code, out, _err = _run(capsys, "undo-import", path, str(result["batch_id"]))
    assert code == 0
    with Workspace.open(Path(path)) as ws:
        assert ws.scalar("SELECT count(*) FROM events WHERE source_key IS NOT NULL") == 0


def test_a_file_that_cannot_be_read_is_one_line_and_exit_2(
    book: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(book.path)
    book.close()
    bad = tmp_path / "x.ics"
    bad.write_text("not a calendar", encoding="utf-8")
    code, out, err = _run(capsys, "import", path, str(bad))
    assert code == 2 and out == ""
    assert err.startswith("csdesk: x.ics: not a calendar") and err.count("\n") == 1


def test_a_bad_as_of_day_is_refused(
    book: Workspace, calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(book.path)
    book.close()
    code, _out, err = _run(capsys, "import", path, str(calendar), "--as-of", "2026-02-30")
    assert code == 2 and "YYYY-MM-DD" in err


def test_a_calendar_whose_only_event_is_unreadable_says_why(
    book: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not "holds no meeting": the person is told what is wrong with the one it holds."""
    calendar = google_calendar(
        tmp_path / "agenda.ics",
        "ana@team.example",
        [Event("twice@g", "20260310T100000", "Reunião", ANA, [JOAO])],
    )
    start = b"DTSTART;TZID=America/Sao_Paulo:20260310T100000\r\n"
    calendar.write_bytes(calendar.read_bytes().replace(start, start * 2))
    path = str(book.path)
    batches = book.scalar("SELECT count(*) FROM import_batches")
    book.close()
    code, out, err = _run(capsys, "import", path, str(calendar), "--as-of", "2026-03-31")
    assert code == 2, out
    assert err.strip() == (
        "csdesk: agenda.ics: holds no meeting or message csdesk could read (1 could not be "
        "read: event 1 (UID twice@g): cannot be read (it gives its start (DTSTART) 2 times "
        "where an event gives it once); skipped). Nothing was imported."
    )
    with Workspace.open(Path(path)) as ws:
        assert ws.scalar("SELECT count(*) FROM import_batches") == batches
