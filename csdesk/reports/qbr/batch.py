"""One QBR pack per active account, written by several processes at once.

Each worker process opens the workspace read-only once and renders the accounts it is given
(matplotlib and reportlab are not thread-safe, processes are). One account's failure does not
stop the others: the result lists what was written and what failed, with the reason.

Each pack's snapshot (what it showed, for the next quarter's "what changed") is worked out by
the worker that wrote it and stored by the batch's own process, all in one transaction at the
end (also when the batch is cancelled, for the packs already written), when the workspace it
was given is writable, as exporting a single pack does.
"""

from __future__ import annotations

import os
import re
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.domain.month import Month
from csdesk.errors import N_, CsdeskError
from csdesk.progress import ProgressCallback, silent
from csdesk.reports.qbr.content import ScoresAt
from csdesk.reports.qbr.model import Quarter
from csdesk.store.queries.accounts import NAME_ORDER
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

    from csdesk.i18n.lang import Lang
    from csdesk.reports.qbr.model import QbrContent

FORMATS = ("pdf", "pptx")
_worker_ws: Workspace | None = None
_scores: dict[Month, pd.DataFrame] = {}


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (account, reason)
    snapshots: int = 0  # packs whose snapshot was stored (none when the workspace is read-only)


def file_name(external_id: str | None, name: str, quarter: Quarter, fmt: str) -> str:
    """``ACC-00001-construtora-horizonte-2026Q3.pdf``: readable, unique, safe on every system."""
    stem = "-".join(p for p in (external_id, name) if p)
    slug = re.sub(r"[^\w]+", "-", stem.casefold(), flags=re.UNICODE).strip("-_")[:60]
    return f"{slug or 'account'}-{quarter}.{fmt}"


def _unique_targets(
    folder: Path, accounts: list[tuple[object, ...]], quarter: Quarter, fmt: str
) -> dict[int, tuple[str, Path]]:
    """One file per account: names that would clash (long names alike in their first 60
    characters, ids that differ only by case on a case-blind disk) get the account's number."""
    targets: dict[int, tuple[str, Path]] = {}
    used: set[str] = set()
    for account_id, external_id, name in accounts:
        external = None if external_id is None else str(external_id)
        chosen = file_name(external, str(name), quarter, fmt)
        if chosen.casefold() in used:
            stem = chosen.removesuffix(f"-{quarter}.{fmt}")
            chosen = f"{stem}-{int(account_id)}-{quarter}.{fmt}"  # type: ignore[call-overload]
        used.add(chosen.casefold())
        targets[int(account_id)] = (str(name), folder / chosen)  # type: ignore[call-overload]
    return targets


def write_one(
    ws: Workspace,
    account_id: int,
    target: Path,
    quarter: Quarter,
    lang: Lang,
    today: date,
    scores_at: ScoresAt | None = None,
) -> Path:
    """Build and write one pack; the extension of ``target`` says PDF or slides."""
    from csdesk.reports.qbr.snapshot import take

    written, content = _render(ws, account_id, target, quarter, lang, today, scores_at)
    take(ws, content, today)  # what this pack showed, for the next QBR's "what changed"
    return written


def _render(
    ws: Workspace,
    account_id: int,
    target: Path,
    quarter: Quarter,
    lang: Lang,
    today: date,
    scores_at: ScoresAt | None,
) -> tuple[Path, QbrContent]:
    from csdesk.reports.qbr.content import build_qbr

    content = build_qbr(
        ws, account_id, quarter=quarter, lang=lang, today=today, scores_at=scores_at
    )
    if target.suffix.lower() == ".pptx":
        from csdesk.reports.qbr.slides import write_qbr_pptx

        return write_qbr_pptx(content, target), content
    from csdesk.reports.qbr.pdf import write_qbr_pdf

    return write_qbr_pdf(content, target), content


def _init_worker(path: str, lang: Lang) -> None:
    """Open the workspace and load fonts, matplotlib and the locale once per process."""
    global _worker_ws
    # Ctrl+C reaches every process of the terminal: the batch's own process decides (it stops
    # handing out packs), and a worker finishes the pack it is writing instead of printing a
    # traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from csdesk.reports.qbr.figures import warm_up

    _worker_ws = Workspace.open(Path(path), read_only=True)
    _scores.clear()
    warm_up(lang)


def _scores_at(month: Month) -> pd.DataFrame:
    """Every account's health scores of ``month``, computed once per worker process: the
    packs a worker writes share them instead of scoring their account month by month."""
    if month not in _scores:
        from csdesk.metrics import health

        assert _worker_ws is not None
        _scores[month] = health.score_all(_worker_ws, month)
    return _scores[month]


def _work(account_id: int, target: str, quarter: str, lang: Lang, today: str) -> dict[str, Any]:
    """Write one pack; what it showed (its snapshot's figures) goes back to the batch."""
    from csdesk.reports.qbr.snapshot import figures_of

    assert _worker_ws is not None
    _, content = _render(
        _worker_ws,
        account_id,
        Path(target),
        Quarter.parse(quarter),
        lang,
        date.fromisoformat(today),
        _scores_at,
    )
    return figures_of(_worker_ws, content)


def _keep(ws: Workspace, quarter: Quarter, day: str, shown: dict[int, dict[str, Any]]) -> int:
    """Store the written packs' snapshots; none when the workspace is open read-only."""
    if ws.read_only or not shown:
        return 0
    from csdesk.store.queries.snapshots import save_snapshots

    return save_snapshots(ws, str(quarter), date.fromisoformat(day), shown)


def write_all(
    ws: Workspace,
    folder: Path,
    *,
    quarter: Quarter,
    lang: Lang,
    fmt: str = "pdf",
    jobs: int | None = None,
    today: date | None = None,
    account_ids: list[int] | None = None,
    progress: ProgressCallback = silent,
) -> BatchResult:
    """A pack for every active account (or the given ones) into ``folder`` (created when
    missing)."""
    if fmt not in FORMATS:
        raise CsdeskError(N_("--format {fmt!r} is not known; choose pdf or pptx."), fmt=fmt)
    try:
        if folder.exists() and not folder.is_dir():
            raise CsdeskError(
                N_("{folder} is a file; with --all, -o names a folder."), folder=folder
            )
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a name too long, a folder that cannot be made
        raise CsdeskError(
            N_("cannot create the folder {folder}: {reason}."),
            folder=folder,
            reason=exc.strerror or exc,
        ) from exc
    accounts = ws.query(
        f"SELECT id, external_id, name FROM accounts WHERE status = 'active' ORDER BY {NAME_ORDER}"
    )
    if account_ids is not None:
        wanted = set(account_ids)
        accounts = [a for a in accounts if int(a[0]) in wanted]
    result = BatchResult()
    if not accounts:
        return result
    day = (today or date.today()).isoformat()
    targets = _unique_targets(folder, accounts, quarter, fmt)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(accounts)))
    shown: dict[int, dict[str, Any]] = {}  # account id -> what its pack showed
    with ProcessPoolExecutor(
        workers, initializer=_init_worker, initargs=(str(ws.path), lang)
    ) as pool:
        futures = {
            pool.submit(_work, account_id, str(target), str(quarter), lang, day): account_id
            for account_id, (_, target) in targets.items()
        }
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                name, target = targets[futures[future]]
                try:
                    shown[futures[future]] = future.result()
                    result.written.append(target)
                except CsdeskError as exc:
                    result.failed.append((name, exc.render(lang)))
                except Exception as exc:  # one pack's bug must not stop the batch
                    # A crashed worker (BrokenProcessPool) or a bug in one account's pack: said on
                    # that account's line, and the other packs are still written.
                    reason = str(exc).splitlines()[0][:300] if str(exc) else ""
                    result.failed.append((name, f"{type(exc).__name__}: {reason}".rstrip(": ")))
                progress(done / len(futures), name)
        except BaseException:
            # Cancelled: the packs not started are dropped (the pool would otherwise write
            # them all before it closes); the ones being written finish whole, and every
            # pack written keeps its snapshot.
            pool.shutdown(wait=True, cancel_futures=True)
            for future, account_id in futures.items():
                if future.done() and not future.cancelled() and future.exception() is None:
                    shown[account_id] = future.result()
            _keep(ws, quarter, day, shown)
            raise
    result.snapshots = _keep(ws, quarter, day, shown)
    result.written.sort()
    return result
