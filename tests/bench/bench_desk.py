"""The work queue: `csdesk today FILE --json` on the large demo, as a whole process.

Two figures: the first evaluation (every action raised and written: about 7,000 on the large
demo) and a day's later runs (the rules evaluated again over unchanged data, the queue printed),
which is what a CSM waits for each morning. The baseline is a process that imports csdesk's
command line and pandas, the floor of any data command.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from run import Context, Figure, timed

_FLOOR = "import csdesk.cli, pandas, numpy; csdesk.cli.build_parser()"


def bench_today_large(ctx: Context) -> list[Figure]:
    source = ctx.demo("large")
    path = ctx.workdir / "today-large.csdesk"
    shutil.copyfile(source, path)
    command = [sys.executable, "-m", "csdesk", "today", str(path), "--json"]

    def run() -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    baseline = timed(lambda: subprocess.run([sys.executable, "-c", _FLOOR], check=True), 3)
    first = timed(run, 1)
    again = timed(run, 3)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    actions = out.count('"rule": ')
    base = "python importing csdesk.cli + pandas"
    return [
        Figure(
            f"today: csdesk today --json, large demo, first run ({actions:,} actions raised)",
            first, "s", base, baseline,
        ),
        Figure(
            "today: csdesk today --json, large demo, next runs",
            again, "s", base, baseline, "< 1 s", again < 1.0,
        ),
    ]  # fmt: skip


BENCHES = [bench_today_large]
