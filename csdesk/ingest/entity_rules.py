"""What each entity needs beyond typed columns: its account, derived and default values.

Runs on the records of one block, vectorised: the account of every row (matched or to be
created, see :mod:`accounts_matching`), a contract's MRR from its value and billing period,
a survey's type and score scale, an event's kind, duplicates within the file. Problems are
reported with row, column and value; rejected rows stay in the records, marked not ok.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from csdesk.domain.enums import BillingPeriod
from csdesk.domain.month import Month
from csdesk.i18n import _, ngettext
from csdesk.ingest.accounts_matching import AccountIndex, id_key, name_key
from csdesk.ingest.column_mapping import ColumnMapping
from csdesk.ingest.errors import ImportRefused
from csdesk.ingest.problems import ProblemLog
from csdesk.ingest.records import Records
from csdesk.ingest.values import SCORE_SCALES
from csdesk.ingest.vocabulary import normalise_header, word_map
from csdesk.ingest.wording import count
from csdesk.store import Workspace

# Fields whose repetition within one file makes a row a duplicate, per entity.
DUPLICATE_KEYS: dict[str, tuple[str, ...]] = {
    "accounts": ("_account",),
    "revenue": ("_account", "month"),
    "contracts": ("contract_id",),
    "tickets": ("ticket_id",),
    "people": ("name",),
}


@dataclass
class RuleContext:
    ws: Workspace | None
    accounts: AccountIndex
    as_of: Month
    file_stem: str
    where: str
    mappings: list[ColumnMapping]
    create_accounts: bool = True
    # Sorted hashes (and row numbers) of the rows of earlier blocks, for duplicates.
    seen_hashes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    seen_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    contract_accounts: dict[str, int] | None = None

    def column_of(self, field_name: str) -> str | None:
        for mapping in self.mappings:
            if mapping.field == field_name:
                return mapping.column
        return None


def _column(records: Records, name: str) -> np.ndarray | None:
    return records.fields.get(name)


def _report_rows(
    records: Records,
    mask: np.ndarray,
    log: ProblemLog,
    column: str | None,
    values: np.ndarray | None,
    message: str,
    severity: str = "error",
) -> None:
    mask = mask & records.ok
    for position in np.flatnonzero(mask).tolist():
        value = None if values is None else values[position]
        log.add(int(records.rows[position]), column, value, message, severity, kind=message)
    if severity == "error":
        records.reject(mask)


def resolve_accounts(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    ids = _column(records, "account_id")
    names = _column(records, "account")
    if ids is None and names is None:
        return
    ok = np.flatnonzero(records.ok)
    resolved = np.zeros(len(records), dtype=np.int64)
    resolved[ok] = ctx.accounts.resolve(
        None if ids is None else ids[ok],
        None if names is None else names[ok],
        create=ctx.create_accounts,
    )
    records.fields["_account"] = resolved
    if ids is not None:
        _say_how_ids_matched(records, ok, ids, names, resolved, ctx, log)
    missing = resolved == 0
    if missing.any():
        column = ctx.column_of("account_id") or ctx.column_of("account")
        _report_rows(
            records,
            missing,
            log,
            column,
            None,
            _("no account named on this row; row not imported"),
        )


def _say_how_ids_matched(
    records: Records,
    ok: np.ndarray,
    ids: np.ndarray,
    names: np.ndarray | None,
    resolved: np.ndarray,
    ctx: RuleContext,
    log: ProblemLog,
) -> None:
    """Warn of ids taken as one though spelled apart, and of one name under several ids."""
    column = ctx.column_of("account_id")
    codes, uniques = pd.factorize(pd.Series(ids[ok], dtype=object), use_na_sentinel=True)
    for code, raw in enumerate(uniques.tolist()):
        spelled = ctx.accounts.spellings.get(id_key(raw))
        if spelled is None or spelled == str(raw):
            continue
        for position in ok[codes == code].tolist():
            log.add(
                int(records.rows[position]),
                column,
                raw,
                _(
                    "taken as account id {id!r}: ids are matched ignoring case and surrounding "
                    "spaces"
                ).format(id=spelled),
                "warning",
                kind=_("id matched ignoring case"),
            )
    if names is None:
        return
    with_both = ok[pd.notna(ids[ok]) & pd.notna(names[ok])]
    if not len(with_both):
        return
    name_codes, name_uniques = pd.factorize(pd.Series(names[with_both], dtype=object))
    keys = np.array([name_key(n) for n in name_uniques.tolist()], dtype=object)[name_codes]
    accounts_by_key: dict[str, dict[int, str]] = {}
    for key, account, raw in zip(
        keys.tolist(), resolved[with_both].tolist(), ids[with_both].tolist(), strict=True
    ):
        accounts_by_key.setdefault(key, {}).setdefault(account, str(raw))
    for index, position in enumerate(with_both.tolist()):
        accounts = accounts_by_key[keys[index]]
        if len(accounts) < 2:
            continue
        log.add(
            int(records.rows[position]),
            ctx.column_of("account"),
            names[position],
            _(
                "{count} accounts with different ids ({ids}) share this name; they are kept "
                "apart, one per id"
            ).format(count=len(accounts), ids=", ".join(sorted(accounts.values()))),
            "warning",
            kind=_("one name, several ids"),
        )


def _resolve_through_contracts(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    contract_ids = records.fields["contract_id"]
    if ctx.contract_accounts is None:
        known: dict[str, int] = {}
        if ctx.ws is not None:
            for external, account_id in ctx.ws.query(
                "SELECT external_id, account_id FROM contracts WHERE external_id IS NOT NULL"
            ):
                known.setdefault(str(external), int(account_id))
        ctx.contract_accounts = known
    table = ctx.contract_accounts
    codes, uniques = pd.factorize(pd.Series(contract_ids, dtype=object))
    looked = np.array([table.get(str(u), 0) for u in uniques] + [0], dtype=np.int64)
    accounts = looked[codes]
    records.fields["_account"] = accounts
    blank = codes < 0
    if blank.any():
        _report_rows(
            records,
            blank,
            log,
            ctx.column_of("contract_id"),
            None,
            _("no contract (subscription) id on this row; row not imported"),
        )
    unknown = (accounts == 0) & records.ok
    if unknown.any() and ctx.ws is not None:
        # Kept, not rejected: the contracts file may simply come later (any order works).
        example = contract_ids[int(np.flatnonzero(unknown)[0])]
        distinct = len(pd.unique(pd.Series(contract_ids[unknown], dtype=object)))
        rows = int(unknown.sum())
        message = ngettext(
            "{rows} row names {ids} contract (subscription) id not in the workspace yet, "
            "{example!r}; it is kept and reaches its account when the contracts file holding "
            "this id is imported",
            "{rows} rows name {ids} contract (subscription) ids not in the workspace yet, such "
            "as {example!r}; they are kept and reach their accounts when the contracts file "
            "holding these ids is imported",
            rows,
        ).format(rows=count(rows), ids=count(distinct), example=example)
        log.add(
            None,
            ctx.column_of("contract_id"),
            str(example),
            message,
            "warning",
            kind=_("contract not imported yet"),
        )


def names_accounts_by_contract(fields: dict[str, np.ndarray]) -> bool:
    """True when usage rows reach their account only through a contract id."""
    return "contract_id" in fields and "account_id" not in fields and "account" not in fields


def _duplicates(records: Records, entity: str, ctx: RuleContext, log: ProblemLog) -> None:
    """Skip rows repeating an earlier row's key (in this block or an earlier one)."""
    keys = DUPLICATE_KEYS.get(entity, ())
    if not keys or not all(k in records.fields for k in keys):
        # Without the entity's own key, a row repeating every value is the duplicate.
        keys = tuple(sorted(records.fields))
    if not keys or not len(records):
        return
    positions = np.flatnonzero(records.ok)
    if not len(positions):
        return
    hashes = _row_keys([records.fields[k][positions] for k in keys])
    rows = records.rows[positions]
    codes, _uniques = pd.factorize(hashes)
    _values, first_index = np.unique(codes, return_index=True)
    earlier = rows[first_index[codes]]
    duplicate = np.arange(len(positions)) != first_index[codes]
    seen_hashes, seen_rows = ctx.seen_hashes, ctx.seen_rows
    if len(seen_hashes):
        where = np.minimum(np.searchsorted(seen_hashes, hashes), len(seen_hashes) - 1)
        found = seen_hashes[where] == hashes
        earlier = np.where(found, seen_rows[where], earlier)
        duplicate |= found
    new = ~duplicate
    merged_hashes = np.concatenate([seen_hashes, hashes[new]])
    merged_rows = np.concatenate([seen_rows, rows[new]])
    order = np.argsort(merged_hashes, kind="stable")
    ctx.seen_hashes, ctx.seen_rows = merged_hashes[order], merged_rows[order]
    if duplicate.any():
        message = _("duplicate of row {row} in this file; skipped")
        kind = _("duplicate row")
    for index in np.flatnonzero(duplicate).tolist():
        log.add(
            int(rows[index]),
            None,
            None,
            message.format(row=int(earlier[index])),
            "warning",
            kind=kind,
        )
    mask = np.zeros(len(records), dtype=bool)
    mask[positions[duplicate]] = True
    records.reject(mask)
    records.skipped += int(mask.sum())
    records.duplicates += int(mask.sum())


def _row_keys(columns: list[np.ndarray]) -> np.ndarray:
    """One 64-bit hash per row of these columns, the same in every block of a file.

    Each distinct value is hashed once (a column of 360,000 cells has few distinct values).
    """
    key = np.zeros(len(columns[0]), dtype=np.uint64)
    for column in columns:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        hashed = pd.util.hash_array(np.asarray(uniques, dtype=object))
        values = np.append(hashed, np.uint64(0x9E3779B97F4A7C15))[codes]
        with np.errstate(over="ignore"):
            key = key * np.uint64(1_000_003) ^ values
    return key


def _accounts(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    churned = _column(records, "churned")
    status = _column(records, "status")
    if churned is not None:
        derived = np.array(
            ["churned" if c == 1 else "active" if c == 0 else None for c in churned], dtype=object
        )
        if status is None:
            records.fields["status"] = derived.astype(object)
        else:
            records.fields["status"] = np.where(pd.isna(status), derived, status).astype(object)


def _contracts(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    mrr = _column(records, "mrr")
    value = _column(records, "value")
    period = _column(records, "billing_period")
    months = np.ones(len(records))
    if period is not None:
        table = {p.value: p.months for p in BillingPeriod}
        months = np.array([table.get(p, 1) if p is not None else 1 for p in period], dtype=float)
    derived = np.full(len(records), np.nan)
    if value is not None:
        derived = value.astype(float) / months
    if mrr is None:
        mrr = derived
    else:
        mrr = np.where(np.isnan(mrr.astype(float)), derived, mrr.astype(float))
    records.fields["mrr"] = np.round(mrr, 2)
    missing = np.isnan(mrr)
    if missing.any():
        _report_rows(
            records,
            missing,
            log,
            ctx.column_of("mrr") or ctx.column_of("value"),
            None,
            _(
                "no MRR: the row needs an mrr, or a value (with its billing period); row not "
                "imported"
            ),
        )
    start = _column(records, "start_date")
    end = _column(records, "end_date")
    if start is not None and end is not None:
        before = np.array(
            [e is not None and s is not None and e < s for s, e in zip(start, end, strict=True)],
            dtype=bool,
        )
        _report_rows(
            records,
            before,
            log,
            ctx.column_of("end_date"),
            end,
            _("the contract ends before it starts; row not imported"),
        )


def _surveys(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    types = _column(records, "type")
    scores = _column(records, "score")
    if scores is None:
        return
    numbers = np.array([np.nan if s is None else s for s in scores], dtype=float)
    if types is None:
        guess = _survey_type_from_names(ctx)
        if guess is None:
            guess = (
                "nps"
                if np.nanmin(numbers, initial=1) < 1 or np.nanmax(numbers, initial=0) > 7
                else "csat"
            )
            log.add(
                None,
                ctx.column_of("score"),
                None,
                _(
                    "no survey type column; all responses read as {type} from the range of the "
                    "scores"
                ).format(type=guess.upper()),
                "warning",
            )
        types = np.full(len(records), guess, dtype=object)
        records.fields["type"] = types
    low = np.array([SCORE_SCALES.get(t, (0, 10))[0] if t else 0 for t in types], dtype=float)
    high = np.array([SCORE_SCALES.get(t, (0, 10))[1] if t else 10 for t in types], dtype=float)
    outside = ~np.isnan(numbers) & ((numbers < low) | (numbers > high))
    _report_rows(
        records,
        outside,
        log,
        ctx.column_of("score"),
        scores,
        _("score outside its survey's scale (NPS 0-10, CSAT 1-5, CES 1-7); row not imported"),
    )
    no_type = np.array([t is None for t in types], dtype=bool)
    _report_rows(
        records,
        no_type,
        log,
        ctx.column_of("type"),
        None,
        _("no survey type; row not imported"),
    )


def _survey_type_from_names(ctx: RuleContext) -> str | None:
    words = set(normalise_header(ctx.file_stem).split())
    column = ctx.column_of("score")
    if column:
        words |= set(normalise_header(column).split())
    for survey_type in ("nps", "csat", "ces"):
        if survey_type in words:
            return survey_type
    return None


def _events(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    kinds = _column(records, "kind")
    if kinds is None or all(k is None for k in kinds):
        table = word_map("event_kinds")
        words = normalise_header(ctx.file_stem).split()
        for mapping in ctx.mappings:
            words += normalise_header(mapping.column).split()
        default = next((table[w] for w in words if w in table), "note")
        records.fields["kind"] = np.full(len(records), default, dtype=object)
        kinds = records.fields["kind"]
    titles = _column(records, "title")
    codes, uniques = pd.factorize(pd.Series(kinds, dtype=object), use_na_sentinel=True)
    named = [str(k).replace("_", " ").capitalize() for k in uniques]
    labels = np.array([*named, "Note"], dtype=object)[codes]
    if titles is None:
        records.fields["title"] = labels
    else:
        records.fields["title"] = np.where(pd.isna(titles), labels, titles).astype(object)


def _opportunities(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    if "kind" not in records.fields:
        records.fields["kind"] = np.full(len(records), "upsell", dtype=object)
        log.add(None, None, None, _("no opportunity type column; all read as upsell"), "warning")
    kinds = records.fields["kind"]
    records.fields["kind"] = np.where(pd.isna(kinds), "upsell", kinds).astype(object)
    if "outcome" not in records.fields:
        stages = records.fields.get("stage", np.full(len(records), None, dtype=object))
        records.fields["outcome"] = np.array(
            [
                "won" if s == "closed_won" else "lost" if s == "closed_lost" else "open"
                for s in stages
            ],
            dtype=object,
        )


def apply(entity: str, records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    """Resolve accounts and apply the entity's own rules to one block of records."""
    if (
        entity == "usage"
        and "_account" not in records.fields
        and names_accounts_by_contract(records.fields)
    ):
        _resolve_through_contracts(records, ctx, log)
    if entity != "people" and "_account" not in records.fields:
        resolve_accounts(records, ctx, log)
        if "_account" not in records.fields and entity != "people":
            raise ImportRefused(
                _(
                    "{where}: no column names the account of each row (an account id or name). "
                    "Send the column that names it to the field account or account_id (on the "
                    "command line: --map COLUMN=account)."
                ).format(where=ctx.where)
            )
    rules = {
        "accounts": _accounts,
        "contracts": _contracts,
        "surveys": _surveys,
        "events": _events,
        "opportunities": _opportunities,
    }
    if entity in rules:
        rules[entity](records, ctx, log)
    _duplicates(records, entity, ctx, log)
