"""Benchmarks: `python tests/bench/run.py [NAME ...]` prints one table of figures.

Every figure is measured against a baseline in the same run (a ratio, not seconds against a
fixed number), so the table means the same on a fast or a slow machine. Each
``tests/bench/bench_*.py`` module defines ``BENCHES``: a list of functions taking a
:class:`Context` and returning :class:`Figure` rows. Names on the command line select benches
whose function name contains them.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


@dataclass
class Figure:
    """One row of the table: what was measured, against what, and the target."""

    name: str
    value: float  # seconds, MB, rows/s... as `unit` says
    unit: str
    baseline_name: str = ""
    baseline: float | None = None
    target: str = ""  # human-readable, e.g. "<= 1.3x baseline"
    ok: bool | None = None

    @property
    def ratio(self) -> float | None:
        if not self.baseline:
            return None
        return self.value / self.baseline


@dataclass
class Context:
    """Scratch space shared by the benches of one run (e.g. a large demo built once)."""

    workdir: Path
    cache: dict[str, object] = field(default_factory=dict)

    def demo(self, size: str = "large") -> Path:
        """The demo workspace of ``size`` for this run, written on first use and shared by
        every bench that asks (the large one takes about half a minute)."""
        key = f"{size}_demo"
        cached = self.cache.get(key)
        if isinstance(cached, Path) and cached.exists():
            return cached
        from csdesk.demo import generate
        from csdesk.store import Workspace

        path = self.workdir / f"{size}-demo.csdesk"
        with Workspace.create(path) as ws:
            generate(ws, size=size)
        self.cache[key] = path
        return path


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Best wall-clock time of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


@contextmanager
def peak_memory_mb() -> Iterator[list[float]]:
    """Peak Python-allocated memory inside the block, in MB (tracemalloc)."""
    out: list[float] = []
    tracemalloc.start()
    try:
        yield out
    finally:
        out.append(tracemalloc.get_traced_memory()[1] / 1e6)
        tracemalloc.stop()


Bench = Callable[[Context], list[Figure]]


def discover() -> list[Bench]:
    benches: list[Bench] = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)
        benches.extend(getattr(module, "BENCHES", []))
    return benches


def main(argv: list[str]) -> int:
    selected = [b for b in discover() if not argv or any(a in b.__name__ for a in argv)]
    rows: list[Figure] = []
    # The machine may be shared: the load before and after says how far to trust wall times.
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-") as tmp:
        ctx = Context(Path(tmp))
        for bench in selected:
            print(f"running {bench.__name__} ...", file=sys.stderr, flush=True)
            rows.extend(bench(ctx))
    load_after = os.getloadavg()
    print(
        f"{os.cpu_count()} cores; load average (1, 5, 15 min) before "
        f"{' '.join(f'{x:.2f}' for x in load_before)}, after "
        f"{' '.join(f'{x:.2f}' for x in load_after)}"
    )
    header = f"{'figure':<52} {'value':>12} {'unit':<8} {'baseline':>12} {'ratio':>7}  target"
    print(header)
    print("-" * len(header))
    failed = 0
    for row in rows:
        base = "" if row.baseline is None else f"{row.baseline:12.3f}"
        ratio = "" if row.ratio is None else f"{row.ratio:7.2f}"
        verdict = {True: "ok", False: "MISSED", None: ""}[row.ok]
        failed += row.ok is False
        print(
            f"{row.name:<52} {row.value:12.3f} {row.unit:<8} {base:>12} {ratio:>7}  "
            f"{row.target} {verdict}".rstrip()
        )
        if row.baseline_name:
            print(f"{'':<4}baseline: {row.baseline_name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
