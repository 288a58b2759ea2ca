"""Long commands on a terminal: a progress bar on stderr, nothing extra elsewhere, and Ctrl+C
as a clean cancel (exit 130, one line, nothing half-written).

The commands run as real processes: stderr on a pseudo-terminal to see the bar, on a pipe to
see that nothing extra is printed. Ctrl+C is a SIGINT to the command's whole process group (as
a terminal sends it), at a step the test chose through the CSDESK_TEST_HOLD hook of
csdesk.cli.progress_bar, so no test depends on timing.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest
from sample_workspace import build_sample

from csdesk.cli.progress_bar import HOLD_ENV, HOLD_FILE_ENV, shows_progress
from csdesk.store import Workspace

CSDESK = [sys.executable, "-m", "csdesk"]
WAIT = 120.0  # seconds a test waits at most for a step (never asserted: a safety net)


def _revenue_csv(path: Path, accounts: int = 40, months: int = 12) -> Path:
    lines = ["Account,Month,MRR"]
    for a in range(accounts):
        for m in range(months):
            lines.append(f"Client {a:03},2025-{m % 12 + 1:02},{100 + a * 10 + m}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"COLUMNS": "100", "LINES": "30", "TERM": "xterm", **extra})
    env.pop("CSDESK_TEST_HOLD", None)
    env.update(extra)
    return env


def _on_terminal(args: list[str], *, both: bool = False, **env: str) -> tuple[int, str, str]:
    """Run a command with stderr (and with ``both`` stdout too) on a pseudo-terminal; return
    code, stdout, what the terminal showed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))  # 100 × 30
    try:
        process = subprocess.Popen(
            [*CSDESK, *args],
            stdin=subprocess.DEVNULL,
            stdout=slave if both else subprocess.PIPE,
            stderr=slave,
            env=_env(**env),
        )
        os.close(slave)
        shown = bytearray()
        while True:
            ready, _, _ = select.select([master], [], [], WAIT)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other side closed: the command ended
                break
            if not chunk:
                break
            shown += chunk
        out, _ = process.communicate(timeout=WAIT)
    finally:
        os.close(master)
    return process.returncode, (out or b"").decode(), shown.decode("utf-8", "replace")


def _piped(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CSDESK, *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=_env(**env),
        timeout=WAIT,
    )


def _interrupted(args: list[str], hold: str, tmp_path: Path) -> tuple[int, str, str]:
    """Run a command until its progress says ``hold``, press Ctrl+C there; return code,
    stdout, stderr."""
    held = tmp_path / "held"
    held.unlink(missing_ok=True)
    process = subprocess.Popen(
        [*CSDESK, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(**{HOLD_ENV: hold, HOLD_FILE_ENV: str(held)}),
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    deadline = time.monotonic() + WAIT
    while not held.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert held.exists(), f"the command never reached {hold!r}: {process.communicate()}"
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=WAIT)
    return process.returncode, out, err


def _state(path: Path) -> dict[str, Any]:
    """What a workspace holds, to compare before and after."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        mrr = conn.execute("SELECT total(mrr) FROM revenue_months").fetchone()[0]
    finally:
        conn.close()
    return {"counts": counts, "integrity": integrity, "mrr": mrr}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.csdesk"
    from csdesk.demo import generate

    with Workspace.open(path, create=True) as ws:
        generate(ws, size="small", seed=3)
    return path


def test_a_bar_only_for_a_person_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Tty())
    assert shows_progress(argparse.Namespace())
    assert not shows_progress(argparse.Namespace(json=True))
    assert not shows_progress(argparse.Namespace(quiet=True))

    class Pipe:
        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stderr", Pipe())
    assert not shows_progress(argparse.Namespace())


def test_import_shows_a_bar_with_counts_on_a_terminal(tmp_path: Path) -> None:
    source = _revenue_csv(tmp_path / "revenue.csv")
    code, out, shown = _on_terminal(["import", str(tmp_path / "w.csdesk"), str(source)])
    assert code == 0, shown
    assert "Imported batch 1: 480 rows written" in out
    assert "Reading" in shown and "Writing" in shown
    assert "/480 rows" in shown and "rows/s" in shown  # count and rate
    assert "%|" in shown
    assert "Imported" not in shown  # the result goes to stdout, the bar to stderr


def test_demo_shows_a_bar_and_quiet_hides_it(tmp_path: Path) -> None:
    code, out, shown = _on_terminal(["demo", str(tmp_path / "d.csdesk")])
    assert code == 0, shown
    assert "Demo portfolio" in shown and "%|" in shown and "Writing" in shown
    assert "written to" in out
    code, out, shown = _on_terminal(["demo", str(tmp_path / "q.csdesk"), "--quiet"])
    assert code == 0 and "written to" in out
    assert shown == ""


def test_export_and_qbr_packs_show_a_bar(demo: Path, tmp_path: Path) -> None:
    code, out, shown = _on_terminal(["export", str(demo), "-o", str(tmp_path / "e.xlsx")])
    assert code == 0, shown
    assert "Export" in shown and "%|" in shown
    assert out.strip() == f"Wrote {tmp_path / 'e.xlsx'}"
    sample = tmp_path / "sample.csdesk"
    build_sample(sample).close()  # a few accounts: the bar, not the packs, is under test
    with Workspace.open(sample, read_only=True) as ws:
        active = int(ws.scalar("SELECT count(*) FROM accounts WHERE status = 'active'"))
    assert active > 1
    folder = tmp_path / "packs"
    code, out, shown = _on_terminal(
        ["report", "qbr", str(sample), "--all", "-o", str(folder), "--jobs", "2"]
    )
    assert code == 0, shown
    assert f"/{active} packs" in shown and "packs/s" in shown
    assert len(list(folder.glob("*.pdf"))) == active


def test_no_terminal_or_json_prints_nothing_but_the_result(tmp_path: Path) -> None:
    source = _revenue_csv(tmp_path / "revenue.csv")
    done = _piped(["import", str(tmp_path / "a.csdesk"), str(source)])
    assert done.returncode == 0 and done.stderr == ""
    assert "Imported batch 1" in done.stdout and "%|" not in done.stdout
    code, out, shown = _on_terminal(["import", str(tmp_path / "b.csdesk"), str(source), "--json"])
    assert code == 0 and shown == ""
    assert json.loads(out)["rows_written"] == 480  # stdout is one JSON document, nothing else
    code, out, shown = _on_terminal(["import", str(tmp_path / "c.csdesk"), str(source), "--quiet"])
    assert code == 0 and shown == "" and "Imported batch 1" in out


def test_ctrl_c_during_an_import_changes_nothing(tmp_path: Path) -> None:
    workspace = tmp_path / "w.csdesk"
    first = _piped(["import", str(workspace), str(_revenue_csv(tmp_path / "one.csv", 10))])
    assert first.returncode == 0, first.stderr
    before = _state(workspace)
    source = _revenue_csv(tmp_path / "two.csv", accounts=60)
    code, out, err = _interrupted(["import", str(workspace), str(source)], "writing", tmp_path)
    assert code == 130
    assert err == "csdesk: Import of two.csv cancelled; nothing was changed.\n"
    assert out == ""
    assert _state(workspace) == before
    assert before["integrity"] == "ok"
    # And the same file imports afterwards: the cancelled batch left no trace.
    again = _piped(["import", str(workspace), str(source)])
    assert again.returncode == 0, again.stderr


def test_ctrl_c_during_a_first_import_leaves_no_workspace(tmp_path: Path) -> None:
    workspace = tmp_path / "new.csdesk"
    source = _revenue_csv(tmp_path / "revenue.csv")
    code, _, err = _interrupted(["import", str(workspace), str(source)], "writing", tmp_path)
    assert code == 130 and "cancelled; nothing was changed" in err
    assert not any(tmp_path.glob("new.csdesk*"))


def test_ctrl_c_while_reading_cancels_too(tmp_path: Path) -> None:
    workspace = tmp_path / "w.csdesk"
    source = _revenue_csv(tmp_path / "revenue.csv")
    code, _, err = _interrupted(["import", str(workspace), str(source)], "checking", tmp_path)
    assert code == 130 and err.count("\n") == 1 and "Traceback" not in err
    assert not workspace.exists()


def test_ctrl_c_during_a_demo_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "d.csdesk"
    code, out, err = _interrupted(["demo", str(target)], "Writing", tmp_path)
    assert code == 130
    assert err == f"csdesk: Demo portfolio cancelled; nothing was written to {target}.\n"
    assert out == "" and not any(tmp_path.glob("d.csdesk*"))


def test_ctrl_c_during_an_export_leaves_the_old_file(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "e.xlsx"
    target.write_bytes(b"the export of last week")
    before = _state(demo)
    code, out, err = _interrupted(["export", str(demo), "-o", str(target)], "Support", tmp_path)
    assert code == 130
    assert err == f"csdesk: Export cancelled; nothing was written to {target}.\n"
    assert out == ""
    assert target.read_bytes() == b"the export of last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.xlsx", "held"]  # no .part file
    assert _state(demo) == before


def test_ctrl_c_during_qbr_packs_leaves_only_whole_packs(demo: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    with Workspace.open(demo, read_only=True) as ws:
        names = [n for (n,) in ws.query("SELECT name FROM accounts WHERE status = 'active'")]
    folder = tmp_path / "packs"
    code, out, err = _interrupted(
        ["report", "qbr", str(demo), "--all", "-o", str(folder), "--jobs", "2"],
        "*",  # the batch's process holds when the first pack is written
        tmp_path,
    )
    assert code == 130, err
    assert err.startswith("csdesk: QBR packs cancelled;") and err.count("\n") == 1
    assert "Traceback" not in err and out == ""
    files = sorted(folder.iterdir())
    assert 0 < len(files) < len(names)  # the packs not started were dropped
    for path in files:
        assert path.suffix == ".pdf"  # no temporary .part file left
        assert len(PdfReader(path).pages) > 0  # each one whole


def test_first_ctrl_c_cancels_at_the_next_progress_call() -> None:
    from csdesk.cli.progress_bar import LongWork
    from csdesk.progress import Cancelled

    steps: list[float] = []
    with pytest.raises(Cancelled) as raised, LongWork("Job cancelled.", show=False) as work:
        report = work.phase("Job")
        report(0.1, "one")
        steps.append(0.1)
        os.kill(os.getpid(), signal.SIGINT)  # the handler only marks the job
        steps.append(0.2)  # the work goes on to a point where it can stop
        report(0.3, "two")
        steps.append(0.3)
    assert raised.value.message == "Job cancelled." and raised.value.exit_code == 130
    assert steps == [0.1, 0.2]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_second_ctrl_c_stops_a_step_that_does_not_call_back() -> None:
    from csdesk.cli.progress_bar import LongWork
    from csdesk.progress import Cancelled

    reached = []
    with pytest.raises(Cancelled) as raised, LongWork("Job cancelled.", show=False):
        os.kill(os.getpid(), signal.SIGINT)
        reached.append("after the first")
        os.kill(os.getpid(), signal.SIGINT)
        reached.append("after the second")
    assert reached == ["after the first"]
    assert raised.value.message == "Job cancelled."


def test_the_clock_moves_during_a_long_step_and_ctrl_c_says_cancelling(tmp_path: Path) -> None:
    source = _revenue_csv(tmp_path / "revenue.csv")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [*CSDESK, "import", str(tmp_path / "w.csdesk"), str(source)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=_env(**{HOLD_ENV: "analysing", HOLD_FILE_ENV: str(tmp_path / "held")}),
        start_new_session=True,
    )
    os.close(slave)
    shown = ""
    interrupted = False
    try:
        while True:
            ready, _, _ = select.select([master], [], [], WAIT)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            shown += chunk.decode("utf-8", "replace")
            # Held in one step, no progress call: the bar is redrawn with the time going on.
            if not interrupted and "analysing columns [00:01" in shown:
                os.killpg(process.pid, signal.SIGINT)
                interrupted = True
        process.communicate(timeout=WAIT)
    finally:
        os.close(master)
    assert interrupted, shown
    assert "analysing columns [00:00" in shown  # the same step, drawn again a second later
    assert "Cancelling…" in shown
    assert process.returncode == 130
    assert "csdesk: Import of revenue.csv cancelled; nothing was changed." in shown
    assert not (tmp_path / "w.csdesk").exists()


def test_the_writing_bar_counts_rows_inside_the_one_block(tmp_path: Path) -> None:
    """A sheet read as one block: held at the first "writing" call, the bar already shows a
    count of rows under half the total (before, the first came after the whole block), and
    Ctrl+C there leaves no workspace."""
    from csdesk.store.bulk import PROGRESS_ROWS

    accounts = PROGRESS_ROWS // 5  # 12 months each: 2.4 x PROGRESS_ROWS lines
    total = accounts * 12
    source = _revenue_csv(tmp_path / "revenue.csv", accounts=accounts)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [*CSDESK, "import", str(tmp_path / "w.csdesk"), str(source)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=_env(**{HOLD_ENV: "writing", HOLD_FILE_ENV: str(tmp_path / "held")}),
        start_new_session=True,
    )
    os.close(slave)
    shown = ""
    counts: list[int] = []
    pattern = re.compile(rf"Writing +\d+%\|[^|]*\| ([\d,]+)/{total:,} rows")
    try:
        while True:
            ready, _, _ = select.select([master], [], [], WAIT)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            shown += chunk.decode("utf-8", "replace")
            if not counts and (tmp_path / "held").exists():
                # Held at the call: the bar is drawn again within half a second.
                counts = [int(n.replace(",", "")) for n in pattern.findall(shown)]
                if counts and counts[-1]:
                    os.killpg(process.pid, signal.SIGINT)
                else:
                    counts = []
        process.communicate(timeout=WAIT)
    finally:
        os.close(master)
    assert counts, shown
    assert 0 < counts[-1] <= total // 2
    assert process.returncode == 130
    assert "cancelled; nothing was changed." in shown
    assert not (tmp_path / "w.csdesk").exists()


def test_a_dry_run_report_never_shares_the_bar_s_line(tmp_path: Path) -> None:
    source = _revenue_csv(tmp_path / "revenue.csv")
    code, _, shown = _on_terminal(
        ["import", str(tmp_path / "w.csdesk"), str(source), "--dry-run"], both=True
    )
    assert code == 0, shown
    assert "Reading" in shown and "Dry run: 480 rows would be imported." in shown
    report = shown.index("revenue.csv (CSV")
    assert "%|" not in shown[report:]  # the bar was gone before the report began
    assert shown[:report].endswith("\r")  # ... and its line wiped, back at the line's start


def test_the_bar_and_its_cancel_speak_the_command_s_language(demo: Path, tmp_path: Path) -> None:
    # --lang pt-BR on an English system: the bar's words, its counts and the cancel line are
    # Portuguese, as the document is.
    english = {"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    sample = tmp_path / "sample.csdesk"
    build_sample(sample).close()
    folder = tmp_path / "pacotes"
    code, _out, shown = _on_terminal(
        ["report", "qbr", str(sample), "--all", "-o", str(folder), "--lang", "pt-BR"], **english
    )
    assert code == 0, shown
    assert "Pacotes de QBR" in shown and "pacotes/s" in shown
    target = tmp_path / "e.xlsx"
    code, out, err = _interrupted(
        ["export", str(demo), "-o", str(target), "--lang", "pt-BR"], "Suporte", tmp_path
    )
    assert code == 130
    assert err == f"csdesk: Exportação cancelada; nada foi gravado em {target}.\n"
    assert out == "" and not target.exists()
