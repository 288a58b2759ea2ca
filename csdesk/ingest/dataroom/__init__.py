"""A data room: a folder or a zip of a client's exports, planned and imported as one set.

A consultant receives the ERP's, the CRM's and the help desk's exports named anyhow
("01 receita mensal.csv", "Cadastro de clientes.xlsx", a README, a copy of a copy). Every file
is read and classified with the importer's own detection (:func:`csdesk.ingest.prepare`), the
set is put in dependency order (accounts before the revenue that names them, contracts before
usage by contract) whatever the names say, and files that cannot or need not be imported are
set aside with a reason each. A file whose entity is unsure blocks only itself.

    with plan_room(path, lang=lang, ws=ws) as room:     # reads everything, writes nothing
        room = replan_file(room, "notas.xlsx", entity="tickets", ws=ws)
        result = import_room(ws, room)                 # one transaction, one group of batches

Zips are unpacked safely into a temporary folder the plan owns (:mod:`.archive`); close the
plan (or use it as a context manager) to remove it.
"""

from __future__ import annotations

from csdesk.ingest.dataroom.archive import RoomLimits
from csdesk.ingest.dataroom.choices import FileChoice, read_choices
from csdesk.ingest.dataroom.room import (
    ENTITY_ORDER,
    PlanOptions,
    RoomFile,
    RoomFileResult,
    RoomPlan,
    RoomResult,
    Skipped,
    currency_said,
    import_room,
    is_room,
    leave_out,
    plan_room,
    put_back,
    replan_file,
    sheet_entry,
    unnamed_money,
    with_money_again,
)

__all__ = [
    "ENTITY_ORDER",
    "FileChoice",
    "PlanOptions",
    "RoomFile",
    "RoomFileResult",
    "RoomLimits",
    "RoomPlan",
    "RoomResult",
    "Skipped",
    "currency_said",
    "import_room",
    "is_room",
    "leave_out",
    "plan_room",
    "put_back",
    "read_choices",
    "replan_file",
    "sheet_entry",
    "unnamed_money",
    "with_money_again",
]
