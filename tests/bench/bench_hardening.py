"""Hardening at full size (issue 7): the kill loops and the long fuzz run, and what a hostile
file costs against an ordinary one.

1. ``tests/hardening/test_kill.py`` with ``CSDESK_KILL_LOOPS=20``: 20 SIGKILLs at seeded
   random moments for each of import, upgrade, restore and export (the default test run makes
   3). Figure: tests passed against tests run; target all.
2. ``tests/hardening/test_fuzz.py`` with ``CSDESK_FUZZ_EXAMPLES=1000`` (default run: 40).
   Figure: tests passed against tests run; target all.
3. Refusing each hostile file (zip bomb, XML entity bomb, 100,000-column CSV, 2 GB sparse
   CSV) through ``csdesk import --dry-run`` in a fresh process: wall time and peak resident
   memory (VmHWM) against the same command on a 3-line CSV; targets <= 5x time and <= 3x
   memory of that baseline (the refusals read no more than the file's directory or head).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from run import Context, Figure

ROOT = Path(__file__).resolve().parents[2]
HARDENING = ROOT / "tests" / "hardening"
sys.path.insert(0, str(HARDENING))

from hardening_helpers import run_measured  # noqa: E402

IMPORT = "import sys; from csdesk.cli import main; sys.exit(main(sys.argv[1:]))"


def _pytest(path: Path, env: dict[str, str], name: str) -> list[Figure]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", str(path), "-q", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        check=False,
    )
    elapsed = time.perf_counter() - started
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    passed = int(summary.split(" passed")[0].split()[-1]) if " passed" in summary else 0
    failed = int(summary.split(" failed")[0].split()[-1]) if " failed" in summary else 0
    total = passed + failed
    return [
        Figure(
            f"{name}: tests passed ({elapsed:.0f} s)",
            passed,
            "tests",
            "tests run",
            float(max(total, 1)),
            "all pass",
            ok=done.returncode == 0,
        )
    ]


def bench_kill_loops(ctx: Context) -> list[Figure]:
    return _pytest(HARDENING / "test_kill.py", {"CSDESK_KILL_LOOPS": "20"}, "20 kills x 4 ops")


def bench_long_fuzz(ctx: Context) -> list[Figure]:
    return _pytest(HARDENING / "test_fuzz.py", {"CSDESK_FUZZ_EXAMPLES": "1000"}, "fuzz x1000")


def _hostile_files(folder: Path) -> dict[str, Path]:
    from openpyxl import Workbook

    base = folder / "base.xlsx"
    book = Workbook()
    book.active.append(["account", "mrr"])
    book.save(base)
    bomb = folder / "bomb.xlsx"
    row = b"<row>" + b"<c><v>1</v></c>" * 1_000 + b"</row>"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(bomb, "w") as out:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, src.read(item.filename))
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w", force_zip64=True) as part:
            part.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/')
            part.write(b'main"><sheetData>')
            for _ in range(1_000_000_000 // len(row)):
                part.write(row)
            part.write(b"</sheetData></worksheet>")
    laughs = folder / "laughs.xlsx"
    entities = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    xml = f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "lol">{entities}]><x>&l9;</x>'
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(laughs, "w") as out:
        for item in src.infolist():
            data = xml.encode() if item.filename == "xl/styles.xml" else src.read(item.filename)
            out.writestr(item, data)
    wide = folder / "wide.csv"
    wide.write_text(";".join(f"c{i}" for i in range(100_000)) + "\n" + "1;" * 99_999 + "1\n")
    sparse = folder / "sparse.csv"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    return {
        "zip bomb (1 GB)": bomb,
        "XML entity bomb": laughs,
        "100,000 columns": wide,
        "2 GB sparse .csv": sparse,
    }


def bench_hostile_files(ctx: Context) -> list[Figure]:
    folder = ctx.workdir / "hostile"
    folder.mkdir(exist_ok=True)
    plain = folder / "plain.csv"
    plain.write_text("Cliente;Mês;MRR\nAcme;01/2025;10\nBeta;01/2025;20\n", encoding="utf-8")
    workspace = str(folder / "w.csdesk")

    def measure(path: Path) -> tuple[float, int, int]:
        started = time.perf_counter()
        code, _, peak = run_measured(IMPORT, "import", "--dry-run", workspace, str(path))
        return time.perf_counter() - started, peak, code

    base_time, base_peak, _ = min(measure(plain) for _ in range(3))
    figures = []
    for name, path in _hostile_files(folder).items():
        seconds, peak, code = min(measure(path) for _ in range(2))
        figures.append(
            Figure(
                f"refuse {name}: time",
                seconds,
                "s",
                "3-line CSV",
                base_time,
                "<= 5x",
                ok=code == 2 and seconds <= 5 * base_time,
            )
        )
        figures.append(
            Figure(
                f"refuse {name}: peak RSS",
                peak,
                "MB",
                "3-line CSV",
                base_peak,
                "<= 3x",
                ok=code == 2 and peak <= 3 * base_peak,
            )
        )
    return figures


BENCHES = [bench_hostile_files, bench_long_fuzz, bench_kill_loops]
