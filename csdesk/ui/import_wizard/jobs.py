"""The import flow's background jobs: read a file, plan again, write a batch, undo a batch.

Each runs through the session's runner (progress in the status bar after half a second, a
cancel button); writing and undoing are writer jobs, so only one job ever writes. The runner's
``ended`` callback runs before ``done``, so a job here reports its :class:`Outcome` to
``ended``: the wizard learns at once whether a plan or result is coming, or the job was
cancelled or failed (a failure is also shown by the main window's error dialog).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.progress import Cancelled
from csdesk.ui.data_change import DataChange
from csdesk.ui.session import Session
from csdesk.ui.translate import _, ngettext
from csdesk.ui.workers import Job, JobSlot

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan

Progress = Callable[[float, str], None]


@dataclass
class Outcome:
    """How a job ended, written by the job's thread before the runner reports it."""

    finished: bool = False
    cancelled: bool = False
    change: DataChange | None = None  # what a batch written or undone changed


def batch_change(session: Session, reason: str, batch_id: int | None) -> DataChange:
    """What batch ``batch_id`` changed, read in the job (before an undo removes its rows):
    its entity and its accounts, for the pages and caches to read again only what it reached."""
    from csdesk.store.queries.batch_accounts import (
        batch_accounts,
        batch_created_accounts,
        batch_entity,
    )

    if batch_id is None:
        return DataChange.everything(reason)
    ws = session.ws
    return DataChange.of_batch(
        reason,
        batch_entity(ws, batch_id),
        batch_accounts(ws, batch_id),
        creates_accounts=batch_created_accounts(ws, batch_id),
    )


def submit(
    session: Session,
    title: str,
    work: Callable[[Progress], Any],
    *,
    done: Callable[[Any], None],
    ended: Callable[[Outcome], None],
    writes: bool = False,
    slot: JobSlot | None = None,
    discard: Callable[[Any], None] | None = None,
) -> Job:
    """Run ``work`` on the runner; ``ended(outcome)`` however it ends, then ``done(result)``.

    Through ``slot`` (a reader job), the job supersedes the one the slot waited for: that one
    is cancelled and neither its ``ended`` nor its ``done`` is called; ``discard`` receives
    what it returns if it finished all the same."""
    outcome = Outcome()

    def run(progress: Progress) -> Any:
        try:
            result = work(progress)
        except Cancelled:
            outcome.cancelled = True
            raise
        outcome.finished = True
        return result

    if slot is not None:
        return slot.start(
            session.runner, title, run, done=done, ended=lambda: ended(outcome), discard=discard
        )
    return session.runner.submit(title, run, done=done, ended=lambda: ended(outcome), writes=writes)


def read(
    session: Session,
    path: Path,
    *,
    sheet: str | None = None,
    done: Callable[[Any], None],
    ended: Callable[[Outcome], None],
    slot: JobSlot | None = None,
) -> Job:
    """Read and analyse ``path`` (one ``sheet`` of it, else the one the importer picks).

    The first import of a session loads pandas and the importer (0.3 s and more): in the job,
    not on the window's thread, and while a workbook is already being read on another thread
    (:mod:`csdesk.ingest.early_read`), whose parse releases the GIL."""
    from csdesk.i18n import language
    from csdesk.ingest import early_read

    with language(session.lang.code):  # the read's messages, in the session's language
        early_read.start(path, sheet)

    def work(progress: Progress) -> ImportPlan:
        from csdesk.ingest import prepare

        try:
            return prepare(path, ws=session.ws, sheet=sheet, progress=progress, lang=session.lang)
        finally:
            early_read.discard(path, sheet)  # not taken (a refusal before the read): let go

    return submit(
        session, _("Reading {file}").format(file=path.name), work, done=done, ended=ended, slot=slot
    )


def plan_again(
    session: Session,
    plan: ImportPlan,
    *,
    entity: str | None = None,
    mapping: dict[str, str] | None = None,
    drop_identical: bool | None = None,
    billing_period: str | None = None,
    amounts_in: str | None = None,
    settings_changed: bool = False,
    done: Callable[[Any], None],
    ended: Callable[[Outcome], None],
    slot: JobSlot | None = None,
) -> Job:
    """Plan ``plan``'s sheet again as another entity, with a column sent elsewhere,
    dropping (or summing) revenue lines repeated whole, reading amounts that name no
    currency in another (``amounts_in``; "": the workspace's), or, every choice kept,
    against the workspace's settings as they are now (``settings_changed``: a rate given)."""

    lang = session.lang  # the session's, whatever the worker thread's language

    def work(progress: Progress) -> ImportPlan:
        if settings_changed:
            return plan.with_amounts_in(
                plan.amounts_in,
                ws=session.ws,
                progress=progress,
                from_files=plan.amounts_in_from,
                lang=lang,
            )
        if amounts_in is not None:
            code = amounts_in or None
            return plan.with_amounts_in(code, ws=session.ws, progress=progress, lang=lang)
        if billing_period is not None:
            period = billing_period or None
            return plan.with_billing_period(period, ws=session.ws, progress=progress, lang=lang)
        if drop_identical is not None:
            return plan.with_drop_identical(
                drop_identical, ws=session.ws, progress=progress, lang=lang
            )
        if entity is not None:
            return plan.with_entity(entity, ws=session.ws, progress=progress, lang=lang)
        return plan.with_mapping(mapping or {}, ws=session.ws, progress=progress, lang=lang)

    return submit(
        session,
        _("Reading {file} again").format(file=plan.file_name),
        work,
        done=done,
        ended=ended,
        slot=slot,
    )


def write(
    session: Session,
    plan: ImportPlan,
    cancel: threading.Event,
    *,
    done: Callable[[Any], None],
    ended: Callable[[Outcome], None],
) -> Job:
    """Write the plan's batch in the writer job; setting ``cancel`` stops it and the core
    rolls the transaction back, so a cancelled import leaves the workspace unchanged. The
    outcome ``ended`` gets carries what the batch changed (``Outcome.change``)."""
    from csdesk.ingest import commit

    outcome = Outcome()

    def work(progress: Progress) -> Any:
        def report(fraction: float, message: str) -> None:
            if cancel.is_set():
                raise Cancelled()
            progress(fraction, message)

        result = commit(session.ws, plan, progress=report, lang=session.lang)
        batch_id = getattr(result, "batch_id", None)
        outcome.change = batch_change(
            session, "import", None if batch_id is None else int(batch_id)
        )
        return result

    def finished(job_outcome: Outcome) -> None:
        job_outcome.change = outcome.change
        ended(job_outcome)

    return submit(
        session,
        _("Importing {file}").format(file=plan.file_name),
        work,
        done=done,
        ended=finished,
        writes=True,
    )


def undo_batch(session: Session, batch_id: int, done: Callable[[Any], None]) -> Job:
    """Undo one import batch in the writer job (its rows go, what it replaced comes back);
    pages showing what the batch reached read again."""
    from csdesk.ingest import undo

    changes: list[DataChange] = []

    def work(progress: Progress) -> Any:
        change = batch_change(session, "undo", batch_id)  # before its rows go
        result = undo(session.ws, batch_id, lang=session.lang)
        changes.append(change)
        return result

    def undone(result: object) -> None:
        session.announce(changes[0] if changes else DataChange.everything("undo"))
        done(result)

    return session.runner.submit(
        _("Undoing import {batch}").format(batch=batch_id),
        work,
        done=undone,
        writes=True,
    )


def undo_batches(session: Session, batch_ids: list[int], done: Callable[[Any], None]) -> Job:
    """Undo several batches (a data room's) in one transaction in the writer job."""
    from csdesk.ingest import undo_many

    def undone(result: object) -> None:
        # A room reaches every kind of data and many accounts: every page reads again.
        session.announce(DataChange.everything("undo"))
        done(result)

    return session.runner.submit(
        ngettext("Undoing {count} import", "Undoing {count} imports", len(batch_ids)).format(
            count=session.number(len(batch_ids))
        ),
        lambda progress: undo_many(session.ws, batch_ids),
        done=undone,
        writes=True,
    )
