"""Writing accepted records into the workspace tables, inside the import's transaction.

One function per entity. Rows carry the batch id; a row that updates something already in
the workspace (an account matched by id or name, a contract or ticket with a known id, a
revenue month already present) records the values it replaced in ``import_overwrites``, so
undo restores them. Team members named as owners (CSM, AM, ...) are found by name or created.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from csdesk.domain.month import Month
from csdesk.ingest import usage_linking
from csdesk.ingest.accounts_matching import name_key
from csdesk.ingest.entity_rules import names_accounts_by_contract
from csdesk.ingest.records import Records
from csdesk.ingest.revenue_writing import expand_contracts, upsert_revenue
from csdesk.ingest.sorted_lookup import locate
from csdesk.ingest.vocabulary import normalise, word_map
from csdesk.store import Workspace
from csdesk.store.bulk import RowsWritten, indexes_rebuilt_after, insert_rows

_NO_KEYS = np.zeros(0, dtype=np.int64)


@dataclass
class WriteContext:
    ws: Workspace
    batch_id: int
    as_of: Month
    written: int = 0
    updated: int = 0
    people: dict[tuple[str, str], int] | None = None
    revenue_blocks: int = 0
    # Revenue: the (account, month) keys written by earlier blocks (see _revenue_keys),
    # sorted; the last block's keys are made only when another block comes (a workbook has
    # one), and the number given to each month text met.
    revenue_keys: np.ndarray = dataclasses.field(default_factory=lambda: _NO_KEYS.copy())
    revenue_unhashed: tuple[np.ndarray, np.ndarray] | None = None
    revenue_months: dict[str, int] = dataclasses.field(default_factory=dict)
    # Hears the rows of the block being written as they are written (csdesk.store.bulk).
    progress: RowsWritten | None = None


def _rows(
    records: Records, names: list[str], mask: np.ndarray | None = None
) -> list[tuple[Any, ...]]:
    """The accepted records (within ``mask``) as tuples of plain Python values (NaN -> None)."""
    ok = records.ok if mask is None else records.ok & mask
    columns: list[list[Any]] = []
    for name in names:
        values = records.fields.get(name)
        if values is None:
            columns.append([None] * int(ok.sum()))
            continue
        selected = values[ok]
        if selected.dtype.kind == "f":
            columns.append([None if np.isnan(v) else float(v) for v in selected.tolist()])
        elif selected.dtype.kind in "iu":
            columns.append(selected.tolist())
        else:
            columns.append([None if v is None or v != v else v for v in selected.tolist()])
    return list(zip(*columns, strict=True)) if columns else []


def _record_overwrite(ctx: WriteContext, table: str, key: int, old: dict[str, Any]) -> None:
    ctx.ws.conn.execute(
        "INSERT INTO import_overwrites (batch_id, table_name, row_key, old_values) "
        "VALUES (?, ?, ?, ?)",
        (ctx.batch_id, table, json.dumps(key), json.dumps(old)),
    )


def _update_row(ctx: WriteContext, table: str, row_id: int, values: dict[str, Any]) -> bool:
    """Set the non-empty ``values`` on an existing row, recording what they replace."""
    values = {k: v for k, v in values.items() if v is not None}
    if not values:
        return False
    columns = list(values)
    old = ctx.ws.conn.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", (row_id,)
    ).fetchone()
    if old is None:
        return False
    changed = {c: o for c, o, n in zip(columns, old, values.values(), strict=True) if o != n}
    if not changed:
        return False
    _record_overwrite(ctx, table, row_id, changed)
    assignments = ", ".join(f"{c} = ?" for c in changed)
    ctx.ws.conn.execute(
        f"UPDATE {table} SET {assignments} WHERE id = ?", [values[c] for c in changed] + [row_id]
    )
    return True


def person_id(ctx: WriteContext, name: object, role: str) -> int | None:
    """The team member of this name (any role if one exists), created with ``role`` if new."""
    if name is None or not str(name).strip():
        return None
    if ctx.people is None:
        ctx.people = {}
        for pid, pname, prole in ctx.ws.conn.execute("SELECT id, name, role FROM people"):
            ctx.people.setdefault((normalise(pname), prole), int(pid))
            ctx.people.setdefault((normalise(pname), "*"), int(pid))
    key = normalise(name)
    found = ctx.people.get((key, role)) or ctx.people.get((key, "*"))
    if found is not None:
        return found
    cursor = ctx.ws.conn.execute(
        "INSERT INTO people (name, role, batch_id) VALUES (?, ?, ?)",
        (str(name).strip(), role, ctx.batch_id),
    )
    new_id = int(cursor.lastrowid or 0)
    ctx.people[(key, role)] = new_id
    ctx.people[(key, "*")] = new_id
    return new_id


_ACCOUNT_COLUMNS = (
    "domain",
    "segment",
    "tier",
    "industry",
    "region",
    "country",
    "status",
    "lifecycle_stage",
    "start_date",
    "renewal_date",
    "contract_value",
    "currency",
    "seats",
    "notes",
)
_OWNER_FIELDS = (
    ("csm", "csm_id", "cs"),
    ("am", "am_id", "am"),
    ("support_owner", "support_owner_id", "support"),
)


def write_accounts(ctx: WriteContext, records: Records, created: set[int]) -> None:
    fields = ["_account", "account", "account_id", *_ACCOUNT_COLUMNS, "csm", "am", "support_owner"]
    for row in _rows(records, fields):
        values = dict(zip(fields, row, strict=True))
        account_id = int(values["_account"])
        update = {c: values[c] for c in _ACCOUNT_COLUMNS}
        if values["account"] is not None:
            update["name"] = values["account"]
            update["name_key"] = name_key(values["account"])
        if values["account_id"] is not None:
            update["external_id"] = values["account_id"]
        for field, column, role in _OWNER_FIELDS:
            update[column] = person_id(ctx, values[field], role)
        if account_id in created:
            clean = {k: v for k, v in update.items() if v is not None}
            if clean:
                ctx.ws.conn.execute(
                    f"UPDATE accounts SET {', '.join(f'{c} = ?' for c in clean)} WHERE id = ?",
                    [*clean.values(), account_id],
                )
            ctx.written += 1
        elif _update_row(ctx, "accounts", account_id, update):
            ctx.updated += 1
    _account_mrr(ctx, records)


def _account_mrr(ctx: WriteContext, records: Records) -> None:
    """An accounts sheet's MRR is the as-of month's revenue; a churned account has none."""
    mrr = records.fields.get("mrr")
    if mrr is None:
        return
    status = records.fields.get("status")
    use = records.ok & ~np.isnan(mrr.astype(float))
    if status is not None:
        use &= status != "churned"
    accounts = records.fields["_account"][use]
    upsert_revenue(
        ctx.ws,
        ctx.batch_id,
        accounts.astype(np.int64),
        np.full(len(accounts), str(ctx.as_of), dtype=object),
        mrr[use].astype(float),
    )


def write_revenue(ctx: WriteContext, records: Records) -> None:
    ok = records.ok
    accounts = records.fields["_account"][ok].astype(np.int64)
    months = records.fields["month"][ok]
    mrr = records.fields.get("_month_mrr", records.fields["mrr"])[ok].astype(float)
    if ctx.revenue_blocks:
        accounts, months, mrr = _add_to_this_batch(ctx, accounts, months, mrr)
    else:
        ctx.revenue_unhashed = (accounts, months)
    ctx.revenue_blocks += 1
    written, updated = upsert_revenue(
        ctx.ws, ctx.batch_id, accounts, months, mrr, progress=ctx.progress
    )
    keep_account_currencies(ctx, records)
    ctx.written += written
    ctx.updated += updated


def keep_account_currencies(ctx: WriteContext, records: Records) -> None:
    """An account billed in one currency keeps it (accounts.currency, when not set yet),
    even when its amounts were converted into the workspace currency."""
    codes = records.fields.get("_source_currency")
    if codes is None:
        return
    named = records.ok & np.array([c is not None for c in codes], dtype=bool)
    if not named.any():
        return
    frame = pd.DataFrame(
        {"account": records.fields["_account"][named].astype(np.int64), "code": codes[named]}
    ).drop_duplicates()
    single = frame.groupby("account")["code"].transform("size") == 1
    for account, code in frame[single.to_numpy()].itertuples(index=False):
        found = ctx.ws.conn.execute(
            "SELECT currency FROM accounts WHERE id = ?", (int(account),)
        ).fetchone()
        if found is not None and found[0] is None:
            _update_row(ctx, "accounts", int(account), {"currency": str(code)})


def _add_to_this_batch(
    ctx: WriteContext, accounts: np.ndarray, months: np.ndarray, mrr: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lines of a month this import already wrote from an earlier block are added to it
    (several lines for one account and month are summed); the rest is returned to write.

    The keys written are known exactly, as one integer per (account, month): the account id
    and the month's number among those this import has met, so no key is ever taken for
    another and none needs looking up in the table.
    """
    if ctx.revenue_unhashed is not None:
        done = _revenue_keys(ctx, *ctx.revenue_unhashed)
        ctx.revenue_keys = np.sort(np.concatenate([ctx.revenue_keys, done]))
        ctx.revenue_unhashed = None
    seen = ctx.revenue_keys
    months = months.astype(str).astype(object)
    keys = _revenue_keys(ctx, accounts, months)
    again = locate(seen, keys)[1]
    if again.any():
        ctx.ws.conn.executemany(
            "UPDATE revenue_months SET mrr = round(mrr + ?, 2) "
            "WHERE account_id = ? AND month = ? AND batch_id = ?",
            [
                (float(v), int(a), str(m), ctx.batch_id)
                for a, m, v in zip(accounts[again], months[again], mrr[again], strict=True)
            ],
        )
    fresh = ~again
    ctx.revenue_keys = np.sort(np.concatenate([seen, keys[fresh]]))
    return accounts[fresh], months[fresh], mrr[fresh]


# Month numbers a key has room for (a key is account * this + month): a month is a YYYY-MM
# text, so an import meets at most 120,000 distinct ones.
_MONTH_CODES = 1 << 24


def _revenue_keys(ctx: WriteContext, accounts: np.ndarray, months: np.ndarray) -> np.ndarray:
    """One exact int64 per (account, month): the account id, and the month's number in the
    order this import met it (each distinct month text numbered once)."""
    codes, uniques = pd.factorize(np.asarray(months, dtype=object))
    numbers = ctx.revenue_months
    found = np.array(
        [numbers.setdefault(str(u), len(numbers)) for u in uniques.tolist()], dtype=np.int64
    )
    if len(numbers) >= _MONTH_CODES:
        raise ValueError("more distinct months than a revenue key holds")
    return accounts.astype(np.int64) * _MONTH_CODES + found[codes]


def _insert_or_update(
    ctx: WriteContext,
    table: str,
    records: Records,
    mapping: dict[str, str],
    key_field: str | None,
) -> list[int]:
    """Insert the accepted records in bulk; those whose external id the table already holds
    update that row instead (what they replace is recorded). Returns the accounts touched."""
    fields = list(mapping)
    columns = [mapping[f] for f in fields]
    known = np.zeros(len(records), dtype=bool)
    existing: dict[str, int] = {}
    if key_field is not None and key_field in records.fields:
        existing = {
            str(external): int(row_id)
            for row_id, external in ctx.ws.conn.execute(
                f"SELECT id, external_id FROM {table} WHERE external_id IS NOT NULL"
            )
        }
        if existing:
            keys = pd.Series(records.fields[key_field], dtype=object).astype(str)
            known = keys.isin(existing.keys()).to_numpy(dtype=bool)
    for row in _rows(records, fields, known):
        values = dict(zip(columns, row, strict=True))
        if _update_row(ctx, table, existing[str(values["external_id"])], values):
            ctx.updated += 1
    inserts = _rows(records, fields, ~known)
    if inserts:
        names = [*columns, "batch_id"]
        with indexes_rebuilt_after(ctx.ws.conn, table, len(inserts)):
            insert_rows(
                ctx.ws.conn,
                table,
                names,
                [(*row, ctx.batch_id) for row in inserts],
                progress=ctx.progress,
            )
        ctx.written += len(inserts)
    touched = records.fields["_account"][records.ok]
    if touched.dtype.kind == "f":  # portfolio-level rows (no account) among them
        touched = touched[~np.isnan(touched)]
    return np.unique(touched).astype(int).tolist()


def write_contracts(ctx: WriteContext, records: Records) -> None:
    mapping = {
        "_account": "account_id",
        "contract_id": "external_id",
        "product": "product",
        "start_date": "start_date",
        "end_date": "end_date",
        "mrr": "mrr",
        "value": "value",
        "billing_period": "billing_period",
        "auto_renew": "auto_renew",
        "status": "status",
    }
    accounts = _insert_or_update(ctx, "contracts", records, mapping, "contract_id")
    keep_account_currencies(ctx, records)
    expand_contracts(ctx.ws, ctx.batch_id, accounts, ctx.as_of)
    usage_linking.link(ctx.ws)


def _priorities(records: Records) -> None:
    """``Alta`` -> ``high``, ``Média`` -> ``normal``...; an unknown word is kept, lowercase."""
    priorities = records.fields.get("priority")
    if priorities is None:
        return
    table = word_map("ticket_priorities")
    codes, uniques = pd.factorize(pd.Series(priorities, dtype=object), use_na_sentinel=True)
    mapped = [table.get(normalise(u), str(u).lower()) for u in uniques]
    records.fields["priority"] = np.array([*mapped, None], dtype=object)[codes]


def write_tickets(ctx: WriteContext, records: Records) -> None:
    mapping = {
        "_account": "account_id",
        "ticket_id": "external_id",
        "opened_at": "opened_at",
        "first_response_at": "first_response_at",
        "resolved_at": "resolved_at",
        "first_response_minutes": "first_response_minutes",
        "resolution_hours": "resolution_hours",
        "priority": "priority",
        "channel": "channel",
        "contacts": "contacts",
        "reopened": "reopened",
        "handle_minutes": "handle_minutes",
        "csat": "csat",
        "escalated": "escalated",
        "subject": "subject",
    }
    _priorities(records)
    _insert_or_update(ctx, "tickets", records, mapping, "ticket_id")


def _bulk_insert(ctx: WriteContext, table: str, records: Records, mapping: dict[str, str]) -> None:
    fields = list(mapping)
    rows = _rows(records, fields)
    if not rows:
        return
    names = [*mapping.values(), "batch_id"]
    with indexes_rebuilt_after(ctx.ws.conn, table, len(rows)):
        insert_rows(
            ctx.ws.conn,
            table,
            names,
            [(*row, ctx.batch_id) for row in rows],
            progress=ctx.progress,
        )
    ctx.written += len(rows)


def write_surveys(ctx: WriteContext, records: Records) -> None:
    _bulk_insert(
        ctx,
        "surveys",
        records,
        {
            "_account": "account_id",
            "date": "date",
            "type": "type",
            "score": "score",
            "contact": "contact",
            "comment": "comment",
        },
    )


def write_usage(ctx: WriteContext, records: Records) -> None:
    """Each row's metric is set by the rules (:func:`entity_rules._usage_metrics`): its
    metric column's, else the value column's header, a known name as csdesk's key."""
    if names_accounts_by_contract(records.fields):
        # Kept by contract id and linked now or when the contracts arrive (any import order).
        ok = records.ok
        usage_linking.keep(
            ctx.ws,
            ctx.batch_id,
            records.fields["contract_id"][ok],
            records.fields["date"][ok],
            records.fields["metric"][ok],
            records.fields["value"][ok],
        )
        ctx.written += int(ok.sum())
        return
    _bulk_insert(
        ctx,
        "usage",
        records,
        {"_account": "account_id", "date": "date", "metric": "metric", "value": "value"},
    )


def write_events(ctx: WriteContext, records: Records) -> None:
    if "person" in records.fields:
        roles = records.fields.get("role", np.full(len(records), None, dtype=object))
        records.fields["_person"] = np.array(
            [
                person_id(ctx, p, r or "cs") if ok else None
                for p, r, ok in zip(records.fields["person"], roles, records.ok, strict=True)
            ],
            dtype=object,
        )
    _bulk_insert(
        ctx,
        "events",
        records,
        {
            "_account": "account_id",
            "date": "at",
            "kind": "kind",
            "role": "role",
            "_person": "person_id",
            "title": "title",
            "body": "body",
        },
    )


def write_opportunities(ctx: WriteContext, records: Records) -> None:
    for field, role_field, default in (
        ("raised_by", "raised_role", "cs"),
        ("owner", "owner_role", "am"),
    ):
        if field in records.fields:
            roles = records.fields.get(role_field, np.full(len(records), None, dtype=object))
            records.fields["_" + field] = np.array(
                [
                    person_id(ctx, p, r or default) if ok else None
                    for p, r, ok in zip(records.fields[field], roles, records.ok, strict=True)
                ],
                dtype=object,
            )
    _bulk_insert(
        ctx,
        "opportunities",
        records,
        {
            "_account": "account_id",
            "kind": "kind",
            "_raised_by": "raised_by_id",
            "raised_role": "raised_role",
            "_owner": "owner_id",
            "owner_role": "owner_role",
            "stage": "stage",
            "amount": "amount",
            "probability": "probability",
            "created": "created",
            "closed": "closed",
            "outcome": "outcome",
        },
    )


def write_contacts(ctx: WriteContext, records: Records) -> None:
    _bulk_insert(
        ctx,
        "contacts",
        records,
        {
            "_account": "account_id",
            "name": "name",
            "title": "title",
            "email": "email",
            "phone": "phone",
            "influence": "influence",
        },
    )


def write_goals(ctx: WriteContext, records: Records) -> None:
    status = records.fields.get("status")
    if status is None:
        records.fields["status"] = np.full(len(records), "not_started", dtype=object)
    else:
        records.fields["status"] = np.where(pd.isna(status), "not_started", status).astype(object)
    _bulk_insert(
        ctx,
        "goals",
        records,
        {
            "_account": "account_id",
            "objective": "objective",
            "metric": "metric",
            "baseline": "baseline",
            "target": "target",
            "due": "due",
            "status": "status",
        },
    )


def write_people(ctx: WriteContext, records: Records) -> None:
    fields = ["name", "role", "email", "capacity_hours"]
    for name, role, email, hours in _rows(records, fields):
        found = ctx.ws.conn.execute(
            "SELECT id FROM people WHERE name = ? COLLATE NOCASE AND role = ?", (name, role)
        ).fetchone()
        if found is not None:
            if _update_row(ctx, "people", int(found[0]), {"email": email, "capacity_hours": hours}):
                ctx.updated += 1
            continue
        ctx.ws.conn.execute(
            "INSERT INTO people (name, role, email, capacity_hours, batch_id) "
            "VALUES (?, ?, ?, ?, ?)",
            (name, role, email, hours, ctx.batch_id),
        )
        ctx.written += 1
