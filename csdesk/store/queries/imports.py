"""The import history as the Imports page lists it, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from csdesk.domain.enums import BatchState, Entity
from csdesk.store.queries._convert import to_datetime
from csdesk.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class BatchRow:
    id: int
    file_name: str
    sheet: str | None
    entity: str
    started_at: datetime | None
    rows_written: int
    rows_updated: int
    rows_rejected: int
    accounts_created: int
    state: BatchState

    @property
    def entity_kind(self) -> Entity | None:
        return Entity(self.entity) if self.entity in Entity._value2member_map_ else None


def import_batches(ws: Workspace) -> list[BatchRow]:
    rows = ws.query(
        "SELECT id, file_name, sheet, entity, started_at, rows_written, rows_updated, "
        "rows_rejected, accounts_created, state FROM import_batches ORDER BY id DESC"
    )
    return [
        BatchRow(
            id=r[0],
            file_name=r[1],
            sheet=r[2],
            entity=r[3],
            started_at=to_datetime(r[4]),
            rows_written=r[5],
            rows_updated=r[6],
            rows_rejected=r[7],
            accounts_created=r[8],
            state=BatchState(r[9]),
        )
        for r in rows
    ]
