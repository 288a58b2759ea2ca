"""A file of a data room as the person left it in the import wizard.

The app opens one file of the room in the wizard's own Sheet, Columns and Preview steps;
every choice there (entity, columns, billing period, repeated lines) re-plans that file with
the importer's usual functions, so what comes back is a whole :class:`ImportPlan`. Planning
the file again from its choices alone would read it once more and lose the choices a
:class:`FileChoice` has no word for (the billing period, repeated lines): the plan is taken
as it is instead.
"""

from __future__ import annotations

from dataclasses import replace

from csdesk.ingest.dataroom.choices import FileChoice
from csdesk.ingest.dataroom.room import BLOCKED_HINT, RoomFile, RoomPlan, _settled
from csdesk.ingest.plan import ImportPlan


def with_plan(room: RoomPlan, name: str, plan: ImportPlan) -> RoomPlan:
    """The room with file ``name`` planned as ``plan`` (a plan of that same file); blocked
    when the plan cannot be imported, ready otherwise, and in its place in the order."""
    current = room.file(name)
    if plan.path.resolve() != current.path.resolve():
        raise ValueError(f"{plan.path} is not the file {name} of the room")
    _ = room.lang
    choice = FileChoice(
        entity=plan.entity,
        sheet=plan.sheet,
        mapping={column: field or "-" for column, field in plan.mapping().items()},
    )
    hint = _(BLOCKED_HINT).format(name=name) if plan.refusal_wants_mapping else None
    reviewed = RoomFile(name, current.path, plan, plan.blocking, hint, choice)
    others = [f for f in room.files if f.name != name]
    return _settled(replace(room, files=[*others, reviewed]))
