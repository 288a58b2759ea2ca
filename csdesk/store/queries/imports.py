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
    # The batches of one data room share a group (its first batch's id) and the room's name.
    group_id: int | None = None
    group_name: str | None = None

    @property
    def entity_kind(self) -> Entity | None:
        return Entity(self.entity) if self.entity in Entity._value2member_map_ else None


def import_batches(ws: Workspace) -> list[BatchRow]:
    rows = ws.query(
        "SELECT id, file_name, sheet, entity, started_at, rows_written, rows_updated, "
        "rows_rejected, accounts_created, state, group_id, group_name FROM import_batches "
        "ORDER BY id DESC"
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
            group_id=r[10],
            group_name=r[11],
        )
        for r in rows
    ]


# Usage rows of a batch that name a contract (subscription) no import has brought yet.
WAITING_SQL = (
    "(SELECT count(*) FROM usage_by_contract AS w WHERE w.batch_id = {batch} "
    "AND w.usage_id IS NULL)"
)
SAMPLE_CONTRACTS = 3


@dataclass(frozen=True, slots=True)
class WaitingUsage:
    """Usage rows of one import that wait for their contract (csdesk.ingest.usage_linking):
    they join their account as soon as a contracts sheet naming them is imported."""

    batch_id: int
    file_name: str
    rows: int
    contract_ids: list[str]  # the first few, as the usage file names them
    contracts: int  # how many different contracts are waited for


def waiting_usage(ws: Workspace) -> list[WaitingUsage]:
    """Every import batch (still in the workspace) with usage rows waiting, oldest first."""
    found = ws.query(
        "SELECT w.batch_id, b.file_name, count(*), count(DISTINCT w.contract_id) "
        "FROM usage_by_contract AS w JOIN import_batches AS b ON b.id = w.batch_id "
        "WHERE w.usage_id IS NULL AND b.state = 'done' GROUP BY w.batch_id ORDER BY w.batch_id"
    )
    out = []
    for batch_id, file_name, rows, contracts in found:
        ids = ws.query(
            "SELECT DISTINCT contract_id FROM usage_by_contract WHERE batch_id = ? "
            "AND usage_id IS NULL ORDER BY contract_id LIMIT ?",
            (batch_id, SAMPLE_CONTRACTS),
        )
        out.append(
            WaitingUsage(int(batch_id), str(file_name), int(rows), [r[0] for r in ids], contracts)
        )
    return out
