"""The data room's background jobs: plan a folder or zip, plan one of its files again, import
the set. The room wizard's one door to the job machinery (csdesk.ui.workers through
:func:`csdesk.ui.import_wizard.jobs.submit`), so that a change there is a change here only.

Planning reads every file, so it runs on the readers' pool; importing is a writer job whose
progress callback raises :class:`Cancelled` once ``cancel`` is set, and the core then rolls the
whole set back (a cancelled data room writes nothing).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.progress import Cancelled
from csdesk.ui.import_wizard.jobs import Outcome, Progress, submit, undo_batches
from csdesk.ui.session import Session
from csdesk.ui.translate import _
from csdesk.ui.workers import Job, JobSlot

if TYPE_CHECKING:
    from csdesk.ingest.dataroom import RoomPlan, RoomResult

__all__ = ["Outcome", "import_room", "plan_money_again", "plan_room", "replan_file", "undo_room"]


def plan_room(
    session: Session,
    path: Path,
    *,
    progress: Callable[[float, str], None],
    done: Callable[[Any], None],
    ended: Callable[[Outcome], None],
    slot: JobSlot,
) -> Job:
    """Read and classify every file of the folder or zip at ``path`` (writes nothing);
    cancelling the job stops it between two files. Through ``slot``: a reading superseded
    before it saw the cancel still has its zip's temporary folder removed. The importer
    (pandas with it) loads in the job, not on the window's thread: the first data room of a
    session froze the window 0.4 s when it was dropped."""

    def work(report: Progress) -> RoomPlan:
        from csdesk.ingest import dataroom

        return dataroom.plan_room(path, lang=session.lang, ws=session.ws, progress=report)

    job = submit(
        session,
        _("Reading {folder}").format(folder=path.name),
        work,
        done=done,
        ended=ended,
        slot=slot,
        discard=lambda room: room.close(),
    )
    if job.running:
        job.progressed.connect(progress)
    return job


def replan_file(
    session: Session,
    room: RoomPlan,
    name: str,
    *,
    entity: str,
    done: Callable[[Any], None],
    ended: Callable[[Outcome], None],
    slot: JobSlot,
) -> Job:
    """The room with file ``name`` planned again as ``entity`` (the other files stay as they
    were). A superseded answer is dropped as it is: it shares the shown room's temporary
    folder, which must stay."""
    from csdesk.ingest import dataroom

    def work(progress: Progress) -> RoomPlan:
        return dataroom.replan_file(room, name, entity=entity, ws=session.ws, progress=progress)

    return submit(
        session,
        _("Reading {file} again").format(file=Path(name).name),
        work,
        done=done,
        ended=ended,
        slot=slot,
    )


def plan_money_again(
    session: Session,
    room: RoomPlan,
    *,
    done: Callable[[Any], None],
    ended: Callable[[Outcome], None],
    slot: JobSlot,
) -> Job:
    """The room with its files' amounts planned again against the workspace's currency and
    rates as they are now (they changed in Settings while the room was shown)."""
    from csdesk.ingest import dataroom

    return submit(
        session,
        _("Planning the amounts of {folder} again").format(folder=room.name),
        lambda _progress: dataroom.with_money_again(room, session.ws),
        done=done,
        ended=ended,
        slot=slot,
    )


def import_room(
    session: Session,
    room: RoomPlan,
    cancel: threading.Event,
    *,
    progress: Callable[[float, str], None],
    done: Callable[[Any], None],
    ended: Callable[[Outcome], None],
) -> Job:
    """Import every file that can be, in dependency order, in the writer job; setting
    ``cancel`` stops it and leaves the workspace as it was."""
    from csdesk.ingest import dataroom

    def work(report: Progress) -> Any:
        def checked(fraction: float, message: str) -> None:
            if cancel.is_set():
                raise Cancelled()
            report(fraction, message)

        return dataroom.import_room(session.ws, room, progress=checked, cancel=cancel.is_set)

    job = submit(
        session,
        _("Importing {folder}").format(folder=room_name(room)),
        work,
        done=done,
        ended=ended,
        writes=True,
    )
    if job.running:
        job.progressed.connect(progress)
    return job


def room_name(room: RoomPlan) -> str:
    return room.name


def undo_room(session: Session, result: RoomResult, done: Callable[[Any], None]) -> Job:
    """Undo every batch the room wrote, in one transaction (the Imports page's group Undo)."""
    return undo_batches(session, list(result.batch_ids), done)
