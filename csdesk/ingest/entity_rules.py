"""What each entity needs beyond typed columns: its account, derived and default values.

Runs on the records of one block, vectorised: the account of every row (matched or to be
created, see :mod:`accounts_matching`), a contract's MRR from its value and billing period,
a survey's type and score scale, an event's kind, duplicates within the file. Problems are
reported with row, column and value; rejected rows stay in the records, marked not ok.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from csdesk.domain.enums import BillingPeriod
from csdesk.domain.month import Month
from csdesk.i18n import _, ngettext
from csdesk.ingest.accounts_matching import AccountIndex, id_key, name_key
from csdesk.ingest.column_mapping import PORTFOLIO_LEVEL, ColumnMapping
from csdesk.ingest.contract_overlaps import ContractSpans
from csdesk.ingest.errors import ImportRefused
from csdesk.ingest.problems import ProblemLog
from csdesk.ingest.records import Records, row_keys
from csdesk.ingest.sorted_lookup import locate
from csdesk.ingest.values import SCORE_SCALES
from csdesk.ingest.vocabulary import normalise, normalise_header, word_map
from csdesk.ingest.wording import amount, count
from csdesk.ingest.wording import month as month_text
from csdesk.store import Workspace

# Fields whose repetition within one file makes a row a duplicate, per entity.
DUPLICATE_KEYS: dict[str, tuple[str, ...]] = {
    "accounts": ("_account",),
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
    # Spellings of account names already checked against the workspace's (once per file).
    names_checked: set[str] = field(default_factory=set)
    # Revenue: drop lines repeating an earlier line in every cell instead of summing them.
    drop_identical: bool = False
    # Revenue: hashes of the (account, month) keys of earlier blocks, sorted, with their
    # running totals (a month's lines may span blocks); the tallies of lines summed, said
    # once at the end (see :func:`revenue_notes`).
    revenue_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    revenue_totals: np.ndarray = field(default_factory=lambda: np.zeros(0))
    # What the last block added to those and to ``seen_hashes``, sorted in only when another
    # block comes (a workbook has one block: nothing to sort).
    revenue_pending: tuple[np.ndarray, np.ndarray] | None = None
    lines_pending: np.ndarray | None = None
    revenue_tally: dict[str, int] = field(default_factory=dict)
    # Contracts: the accepted ones of the file, to find those of one account and product that
    # run at once (said once, see :func:`contract_notes`).
    contract_spans: ContractSpans = field(default_factory=ContractSpans)
    # This block's start and end dates as _contracts parsed them, for the spans (parsed once).
    contract_dates: tuple[pd.Series | None, pd.Series | None] = (None, None)
    # Currencies: the workspace's, the rates given (code -> (rate, date)), what was found.
    currency: str = "BRL"
    rates: dict[str, tuple[float, str | None]] = field(default_factory=dict)
    # The workspace holds no money yet and its currency was never chosen: a file wholly in
    # one other currency makes it the workspace's (said in the plan).
    may_adopt: bool = False
    adopted: str | None = None
    # Amounts with no currency in cell, column or header were read into a workspace whose
    # currency was never chosen: the default was assumed (said in the money columns).
    unnamed_money: bool = False
    # The currency of amounts that name none, as the person said (None: the workspace's).
    amounts_in: str | None = None
    # The data room's files that name it, when the room chose it (empty: the person did).
    amounts_in_from: tuple[str, ...] = ()
    currencies_found: dict[str, int] = field(default_factory=dict)
    converted: dict[str, int] = field(default_factory=dict)
    # Tickets with a duration that cannot be (kept, left out of the means).
    impossible_tickets: int = 0
    # Contracts: the billing period of values whose row names none ("term": the value is
    # the whole term's; None: decided per row, see _contracts), and what was assumed.
    billing_period: str | None = None
    assumed: dict[str, int] = field(default_factory=dict)
    # Tickets or surveys with no account column: imported as portfolio-level rows.
    portfolio_level: bool = False
    # Opportunities: custom stages already reported; the CRM types said once.
    custom_stages: set[str] = field(default_factory=set)
    crm_types_noted: bool = False
    # Tickets and contracts: the account of each id the workspace holds, read once per file.
    held: dict[str, int] | None = None
    # Usage: metric names read as csdesk's own (written -> key), said once.
    metrics_named: dict[str, str] = field(default_factory=dict)

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
    if names is not None:
        _say_names_matched_otherwise(records, ok, ids, names, resolved, ctx, log)
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


def _say_names_matched_otherwise(
    records: Records,
    ok: np.ndarray,
    ids: np.ndarray | None,
    names: np.ndarray,
    resolved: np.ndarray,
    ctx: RuleContext,
    log: ProblemLog,
) -> None:
    """Warn, once per spelling, of a name taken as an account of the workspace written
    otherwise ("Clínica Vida" for "Clínica Vida Ltda"): names match with accents, case,
    punctuation and legal suffixes set aside, and a person should be able to check that two
    spellings are one customer."""
    if ctx.ws is None:
        return
    by_name = ok[pd.notna(names[ok])]
    if ids is not None:
        by_name = by_name[pd.isna(ids[by_name])]  # an id decides those rows (said above)
    existing = by_name[resolved[by_name] > 0]  # accounts to be created are negative
    if not len(existing):
        return
    codes, uniques = pd.factorize(pd.Series(names[existing], dtype=object))
    _values, first = np.unique(codes, return_index=True)
    spellings = [str(u) for u in uniques.tolist()]
    accounts = resolved[existing][first].tolist()
    wanted = sorted(
        {a for a, s in zip(accounts, spellings, strict=True) if s not in ctx.names_checked}
    )
    if not wanted:
        return
    stored = dict(
        ctx.ws.query(
            "SELECT id, name FROM accounts WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
    )
    column = ctx.column_of("account")
    for spelling, account, position in zip(
        spellings, accounts, existing[first].tolist(), strict=True
    ):
        name = stored.get(account)
        if spelling in ctx.names_checked:
            continue
        ctx.names_checked.add(spelling)  # a later block looks it up no more
        if name is None or name == spelling:
            continue
        log.add(
            int(records.rows[position]),
            column,
            spelling,
            _(
                "taken as the workspace's account {name!r}: names are matched with accents, "
                "case, punctuation and legal suffixes (Ltda, S.A., Inc) set aside"
            ).format(name=name),
            "warning",
            kind=_("name matched another spelling"),
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
    hashes = row_keys([records.fields[k][positions] for k in keys])
    rows = records.rows[positions]
    codes, _uniques = pd.factorize(hashes)
    _values, first_index = np.unique(codes, return_index=True)
    earlier = rows[first_index[codes]]
    duplicate = np.arange(len(positions)) != first_index[codes]
    seen_hashes, seen_rows = ctx.seen_hashes, ctx.seen_rows
    if len(seen_hashes):
        where, found = locate(seen_hashes, hashes)
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


def _revenue_lines(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    """Several lines for one account and month are summed: a billing export has one line per
    product, subscription or invoice, and a credit note is a negative line of its month.

    The first line of each (account, month) carries the month's total; the others are marked
    merged (neither written nor rejected). A line repeating an earlier one in every cell is
    summed too, but reported as a possible duplicate (dropped with ``drop_identical``). A month
    whose lines net below zero is refused on its rows: MRR cannot be negative.
    """
    _fold_totals(ctx)
    positions = np.flatnonzero(records.ok)
    if not len(positions) or "month" not in records.fields or "mrr" not in records.fields:
        return  # no column gives the month or MRR: the plan refuses the sheet, naming it
    accounts = records.fields["_account"][positions].astype(np.int64)
    months = records.fields["month"][positions]
    mrr = records.fields["mrr"][positions].astype(float)
    lines = records.fields.get("_line")
    rows = records.rows[positions]
    tally = ctx.revenue_tally
    merged = np.zeros(len(records), dtype=bool)
    if lines is not None:
        # A wide sheet's line gives one record per month: a line repeats with its month.
        identical = _repeated_lines(row_keys([lines[positions], months]), ctx)
        if identical.any():
            message = (
                _("repeats an earlier line in every cell; dropped (--drop-identical)")
                if ctx.drop_identical
                else _(
                    "repeats an earlier line in every cell; summed with it, as a billing "
                    "export may bill the same item twice; if it is a copy, import with "
                    "--drop-identical"
                )
            )
            for index in np.flatnonzero(identical).tolist():
                log.add(
                    int(rows[index]),
                    None,
                    None,
                    message,
                    "warning",
                    kind=_("possible duplicate line"),
                )
            tally["identical"] = tally.get("identical", 0) + int(identical.sum())
            if ctx.drop_identical:
                merged[positions[identical]] = True
                records.skipped += int(identical.sum())
                records.duplicates += int(identical.sum())
                keep = ~identical
                positions, accounts, months, mrr, rows = (
                    positions[keep],
                    accounts[keep],
                    months[keep],
                    mrr[keep],
                    rows[keep],
                )
    # One group per (account, month), known by its hash; codes come in order of first line.
    keys = row_keys([accounts, months])
    codes = pd.factorize(keys)[0]
    totals = pd.Series(mrr).groupby(codes, sort=False).transform("sum").to_numpy(dtype=float)
    sizes = np.bincount(codes)[codes] if len(codes) else np.zeros(0, dtype=np.int64)
    first = np.ones(len(codes), dtype=bool)
    first[1:] = codes[1:] > np.maximum.accumulate(codes)[:-1]
    earlier = np.zeros(len(keys))
    known = np.zeros(len(keys), dtype=bool)
    if len(ctx.revenue_keys):
        where, known = locate(ctx.revenue_keys, keys)
        earlier = np.where(known, ctx.revenue_totals[where], 0.0)
    negative_lines = mrr < 0
    if negative_lines.any():
        tally["negative"] = tally.get("negative", 0) + int(negative_lines.sum())
    # Lines of a month met in an earlier block count with it (they are added when written).
    below_zero = totals + earlier < -0.005
    if below_zero.any():
        column = ctx.column_of("mrr")
        for index in np.flatnonzero(below_zero).tolist():
            log.add(
                int(rows[index]),
                column,
                None,
                _(
                    "the lines of this account for {month} add up to {total}: a month's MRR "
                    "cannot be negative (a credit note larger than what was billed?); row not "
                    "imported"
                ).format(
                    month=month_text(str(months[index])),
                    total=amount(totals[index] + earlier[index]),
                ),
                "error",
                kind=_("month's revenue below zero"),
            )
        mask = np.zeros(len(records), dtype=bool)
        mask[positions[below_zero]] = True
        records.reject(mask)
    _remember_totals(ctx, keys[first & ~below_zero], (totals + earlier)[first & ~below_zero])
    several = (sizes > 1) & ~below_zero
    if several.any():
        tally["months"] = tally.get("months", 0) + int((several & first).sum())
        tally["lines"] = tally.get("lines", 0) + int(several.sum())
    # Each line keeps its own amount (the preview shows it); the month's total is written.
    values = records.fields["mrr"].astype(float).copy()
    values[positions[first]] = np.round(totals[first], 2)
    records.fields["_month_mrr"] = values
    merged[positions[~first & ~below_zero]] = True
    newly = merged & records.ok
    records.duplicates += int((~first & ~below_zero).sum())
    records.ok &= ~newly
    records.merged = newly if records.merged is None else records.merged | newly


def _remember_totals(ctx: RuleContext, keys: np.ndarray, totals: np.ndarray) -> None:
    """Keep the running total of each (account, month) key for the blocks still to come."""
    ctx.revenue_pending = (keys, totals)


def _fold_totals(ctx: RuleContext) -> None:
    """Sort the totals the last block left into those of the blocks before it."""
    if ctx.revenue_pending is None:
        return
    keys, totals = ctx.revenue_pending
    ctx.revenue_pending = None
    if len(ctx.revenue_keys):
        where, known = locate(ctx.revenue_keys, keys)
        ctx.revenue_totals[where[known]] = totals[known]
        keys, totals = keys[~known], totals[~known]
    merged_keys = np.concatenate([ctx.revenue_keys, keys])
    merged_totals = np.concatenate([ctx.revenue_totals, totals])
    order = np.argsort(merged_keys)  # distinct keys: any sort gives the same order
    ctx.revenue_keys, ctx.revenue_totals = merged_keys[order], merged_totals[order]


def _repeated_lines(lines: np.ndarray, ctx: RuleContext) -> np.ndarray:
    """Lines whose every cell repeats a line before them (in this block or an earlier one)."""
    repeated = pd.Series(lines).duplicated(keep="first").to_numpy(dtype=bool, copy=True)
    if ctx.lines_pending is not None:
        ctx.seen_hashes = np.sort(np.concatenate([ctx.seen_hashes, ctx.lines_pending]))
        ctx.lines_pending = None
    seen = ctx.seen_hashes
    if len(seen):
        repeated |= locate(seen, lines)[1]
    ctx.lines_pending = lines[~repeated]  # distinct, and none of them seen before
    return repeated


def finish(entity: str, ctx: RuleContext, log: ProblemLog) -> None:
    """What is said once for the whole file, after its last block."""
    if entity == "revenue":
        revenue_notes(ctx, log)
    if ctx.portfolio_level:
        log.add(
            None,
            None,
            None,
            _(
                "no column names the account of each row: the rows import as portfolio-level "
                "{entity} (they count in the figures of the whole portfolio, not in any "
                "account's; no account is created)"
            ).format(entity=entity),
            "warning",
        )
    if entity == "tickets":
        ticket_notes(ctx, log)
    if entity == "contracts":
        contract_notes(ctx, log)
    if entity == "usage" and ctx.metrics_named:
        log.add(
            None,
            ctx.column_of("metric") or ctx.column_of("value"),
            None,
            _(
                "{names} read as csdesk's {keys}: the metrics the health score's adoption and "
                "the QBR's usage chart read"
            ).format(
                names=", ".join(repr(name) for name in ctx.metrics_named),
                keys=", ".join(dict.fromkeys(ctx.metrics_named.values())),
            ),
            "warning",
        )
    currency_notes(ctx, log)


# Usage metrics csdesk reads by a key of its own (health's adoption, the QBR's chart), by the
# names exports give them.
_METRIC_KEYS = {
    "active users": "active_users",
    "active user": "active_users",
    "active user count": "active_users",
    "monthly active users": "active_users",
    "mau": "active_users",
    "usuarios ativos": "active_users",
    "usuarios ativos mensais": "active_users",
    "logins": "logins",
    "login count": "logins",
    "acessos": "logins",
}


def metric_key(name: object) -> str | None:
    """csdesk's key of a usage metric written as ``name`` ("Usuários ativos" -> active_users);
    None when it is none of them or already the key."""
    if not isinstance(name, str):
        return None
    key = _METRIC_KEYS.get(normalise(name))
    return None if key is None or key == name else key


def _usage_metrics(records: Records, ctx: RuleContext) -> None:
    """Each row's metric: its metric column's, else the value column's header; a name csdesk
    knows becomes its key, so that "Active Users" feeds health's adoption."""
    header = ctx.column_of("value") or "value"
    metric = records.fields.get("metric")
    if metric is None:
        metric = np.full(len(records), header, dtype=object)
    else:
        metric = np.where(pd.isna(metric), header, metric).astype(object)
    codes, uniques = pd.factorize(pd.Series(metric, dtype=object))
    keys = []
    for name in uniques:
        key = metric_key(name)
        if key is not None:
            ctx.metrics_named.setdefault(str(name), key)
        keys.append(key or name)
    records.fields["metric"] = np.array(keys, dtype=object)[codes]


def revenue_notes(ctx: RuleContext, log: ProblemLog) -> None:
    """Say, once for the whole file, how revenue lines were summed and netted."""
    tally = ctx.revenue_tally
    column = ctx.column_of("mrr")
    if tally.get("months"):
        log.add(
            None,
            column,
            None,
            ngettext(
                "{months} account month was summed from {lines} lines (several lines for the "
                "same account and month, such as one per product or invoice)",
                "{months} account months were summed from {lines} lines (several lines for "
                "the same account and month, such as one per product or invoice)",
                tally["months"],
            ).format(months=count(tally["months"]), lines=count(tally["lines"])),
            "warning",
        )
    if tally.get("negative"):
        log.add(
            None,
            column,
            None,
            ngettext(
                "{count} negative line (a credit note or refund) was netted into its month",
                "{count} negative lines (credit notes or refunds) were netted into their months",
                tally["negative"],
            ).format(count=count(tally["negative"])),
            "warning",
        )


# The money fields of each entity, converted into the workspace currency.
MONEY_FIELDS: dict[str, tuple[str, ...]] = {
    "revenue": ("mrr",),
    "contracts": ("mrr", "value"),
    "accounts": ("mrr", "contract_value"),
    "opportunities": ("amount",),
}


def _currencies(records: Records, entity: str, ctx: RuleContext, log: ProblemLog) -> None:
    """Convert amounts in another currency than the workspace's with the rates given; tally
    the currencies without a rate, which refuse the file (see :func:`currency_refusal`)."""
    column = records.fields.get("currency")
    written = records.fields.get("_currency")
    # The currency told applies to amounts: a sheet that imports none has none to name.
    told = ctx.amounts_in if any(f in records.fields for f in MONEY_FIELDS[entity]) else None
    if column is None and written is None and told is None:
        ctx.unnamed_money = ctx.unnamed_money or ctx.may_adopt
        return
    if written is None:
        codes = np.full(len(records), told, dtype=object)
    else:
        codes = written.copy()
        if told is not None:  # cells and header name theirs; the rest are in the one told
            codes[pd.isna(codes)] = told
    if column is not None:
        given = np.array([c is not None for c in column], dtype=bool)
        codes[given] = column[given]
    records.fields["_source_currency"] = codes
    ok = records.ok
    named = np.array([c is not None for c in codes], dtype=bool) & ok
    if not named.any():
        return
    found = pd.Series(codes[named]).value_counts()
    if ctx.may_adopt and ctx.adopted is None:
        if told is not None:
            # Told the currency, the workspace takes it, even the default (it is chosen
            # now), whatever the cells name: amounts in another are converted or refused.
            ctx.adopted = ctx.currency = told
        elif len(found) == 1 and str(found.index[0]) != ctx.currency:
            ctx.adopted = ctx.currency = str(found.index[0])
    ctx.may_adopt = False
    for code, rows in found.items():
        ctx.currencies_found[str(code)] = ctx.currencies_found.get(str(code), 0) + int(rows)
    for code in found.index:
        code = str(code)
        if code == ctx.currency or code not in ctx.rates:
            continue
        rate = ctx.rates[code][0]
        mask = named & (codes == code)
        for name in MONEY_FIELDS.get(entity, ()):
            values = records.fields.get(name)
            if values is None:
                continue
            values = values.astype(float).copy()
            values[mask] = np.round(values[mask] * rate, 2)
            records.fields[name] = values
        ctx.converted[code] = ctx.converted.get(code, 0) + int(mask.sum())


def assumed_currency(ctx: RuleContext, entity: str, decisions: dict[int, str]) -> None:
    """Say in each money column's decision that its amounts were read in the workspace's
    currency when nothing named one and that currency was never chosen (a new workspace's
    default): a data room in dollars would otherwise be summed as reais without a word."""
    if not ctx.unnamed_money or ctx.currencies_found or ctx.adopted is not None:
        return
    said = _(
        "read as {currency}, the workspace's currency, not chosen yet: neither the cells nor "
        "the header name one (a header such as 'MRR (USD)' would)"
    ).format(currency=ctx.currency)
    _add_to_money_decisions(ctx, entity, decisions, said)


def told_currency(ctx: RuleContext, entity: str, decisions: dict[int, str]) -> None:
    """Say in each money column's decision which currency its unnamed amounts were read in,
    when the person said (``amounts_in``)."""
    if ctx.amounts_in is None:
        return
    if ctx.amounts_in_from:
        files = ", ".join(ctx.amounts_in_from)
        said = ngettext(
            "amounts that name no currency read as {currency}, the currency {files} names "
            "(the only one the data room's files name)",
            "amounts that name no currency read as {currency}, the currency {files} name "
            "(the only one the data room's files name)",
            len(ctx.amounts_in_from),
        ).format(currency=ctx.amounts_in, files=files)
    else:
        said = _("amounts that name no currency read as {currency}, as you said").format(
            currency=ctx.amounts_in
        )
    _add_to_money_decisions(ctx, entity, decisions, said)


def _add_to_money_decisions(
    ctx: RuleContext, entity: str, decisions: dict[int, str], said: str
) -> None:
    """``said`` added to the decision of each column of ``entity``'s amounts."""
    for position, mapping in enumerate(ctx.mappings):
        if mapping.field in MONEY_FIELDS.get(entity, ()) and position in decisions:
            decisions[position] += "; " + said


def currency_refusal(ctx: RuleContext) -> str | None:
    """One line refusing a file with amounts in currencies that have no rate, else None."""
    missing = sorted(c for c in ctx.currencies_found if c != ctx.currency and c not in ctx.rates)
    if not missing:
        return None
    found = ", ".join(
        ngettext("{code} ({rows} row)", "{code} ({rows} rows)", rows).format(
            code=code, rows=count(rows)
        )
        for code, rows in sorted(ctx.currencies_found.items())
    )
    example = missing[0]
    return _(
        "{where}: amounts in {found}. The workspace sums money in "
        "{currency} only, so amounts in {missing} need a rate: give it in Settings ▸ Exchange "
        "rates, or on the command line with --rate {example}=RATE (1 {example} in "
        "{currency}). Nothing was imported."
    ).format(
        where=ctx.where,
        found=found,
        currency=ctx.currency,
        missing=", ".join(missing),
        example=example,
    )


def _adoption(ctx: RuleContext, code: str) -> str:
    """Why the workspace's currency becomes ``code``: its cells, the person, the room."""
    if ctx.amounts_in != code:
        return _(
            "every amount is in {code}, and the workspace holds no money yet: its "
            "currency becomes {code}"
        ).format(code=code)
    if ctx.amounts_in_from:
        return ngettext(
            "the workspace holds no money yet and takes {code}, the currency {files} names",
            "the workspace holds no money yet and takes {code}, the currency {files} name",
            len(ctx.amounts_in_from),
        ).format(code=code, files=", ".join(ctx.amounts_in_from))
    return _("the workspace holds no money yet and takes {code}, as you said").format(code=code)


def currency_notes(ctx: RuleContext, log: ProblemLog) -> None:
    """Say which amounts were converted, at which rate, and a currency adopted."""
    if ctx.adopted is not None:
        log.add(None, None, None, _adoption(ctx, ctx.adopted), "warning")
    for code, rows in sorted(ctx.converted.items()):
        rate, taken = ctx.rates[code]
        message = ngettext(
            "{rows} amount in {code} converted to {currency} at {rate}",
            "{rows} amounts in {code} converted to {currency} at {rate}",
            rows,
        ).format(rows=count(rows), code=code, currency=ctx.currency, rate=_rate_text(rate))
        if taken:
            message += " " + _("(rate of {date})").format(date=taken)
        log.add(None, None, None, message, "warning")


def _rate_text(rate: float) -> str:
    from csdesk.i18n import current_language, formatting

    return formatting.number(rate, current_language(), decimals=4).rstrip("0").rstrip(",.")


def _minutes_between(start: np.ndarray | None, end: np.ndarray | None) -> np.ndarray | None:
    """Minutes from ``start`` to ``end`` (ISO texts), NaN where either is missing."""
    if start is None or end is None:
        return None
    first = pd.to_datetime(pd.Series(start, dtype=object), errors="coerce")
    last = pd.to_datetime(pd.Series(end, dtype=object), errors="coerce")
    return ((last - first).dt.total_seconds() / 60.0).to_numpy(dtype=float)


def _tickets(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    """A ticket answered or resolved before it was opened, or resolved before its first
    response, is kept, reported on its row, and left out of the means it would poison
    (:mod:`csdesk.metrics.support` skips such durations): a negative wait is no first
    response within SLA."""
    fields = records.fields
    wait = fields.get("first_response_minutes")
    wait = None if wait is None else wait.astype(float)
    derived = _minutes_between(fields.get("opened_at"), fields.get("first_response_at"))
    if derived is not None:
        wait = derived if wait is None else np.where(np.isnan(wait), derived, wait)
    hours = fields.get("resolution_hours")
    resolution = None if hours is None else hours.astype(float) * 60.0
    derived = _minutes_between(fields.get("opened_at"), fields.get("resolved_at"))
    if derived is not None:
        resolution = (
            derived if resolution is None else np.where(np.isnan(resolution), derived, resolution)
        )
    nothing = np.zeros(len(records), dtype=bool)
    with np.errstate(invalid="ignore"):
        early_answer = nothing if wait is None else wait < 0
        early_resolution = nothing if resolution is None else resolution < 0
        before_answer = (
            nothing
            if wait is None or resolution is None
            else (resolution < wait) & ~early_answer & ~early_resolution
        )
    checks = (
        (
            early_answer,
            ctx.column_of("first_response_at") or ctx.column_of("first_response_minutes"),
            _(
                "first response before the ticket was opened: the ticket is kept, its wait is "
                "left out of TME and SLA attainment"
            ),
        ),
        (
            early_resolution,
            ctx.column_of("resolved_at") or ctx.column_of("resolution_hours"),
            _(
                "resolved before the ticket was opened: the ticket is kept, its resolution "
                "time is left out of the mean"
            ),
        ),
        (
            before_answer,
            ctx.column_of("first_response_at") or ctx.column_of("first_response_minutes"),
            _(
                "resolved before its first response: the ticket is kept, its first response "
                "is left out of TME and SLA attainment"
            ),
        ),
    )
    flagged = np.zeros(len(records), dtype=bool)
    for mask, column, message in checks:
        mask = mask & records.ok
        flagged |= mask
        for position in np.flatnonzero(mask).tolist():
            log.add(int(records.rows[position]), column, None, message, "warning", kind=message)
    ctx.impossible_tickets += int(flagged.sum())


def _tally(ctx: RuleContext, key: str, n: int) -> None:
    if n:
        ctx.assumed[key] = ctx.assumed.get(key, 0) + n


def contract_notes(ctx: RuleContext, log: ProblemLog) -> None:
    """Say what was assumed about contracts' terms and values, and contracts of one account
    and product that run at once."""
    _overlap_note(ctx, log)
    _assumption_notes(ctx, log)


def _overlap_note(ctx: RuleContext, log: ProblemLog) -> None:
    """Contracts of one account and product running at once: their MRR is summed, right for
    two seat packs, wrong for a plan an export kept open after its upgrade (said, not
    changed: see csdesk.ingest.contract_overlaps)."""
    overlap = ctx.contract_spans.overlap()
    if overlap is not None:
        product = ctx.column_of("product")
        message = ngettext(
            "{count} contract starts while another of its account{and_product} still runs "
            "({accounts}; the first: {account}, from {start}, beside the one from {earlier}). "
            "Their MRR is summed each month they both run. If one replaced the other (an "
            "upgrade, a renewal), give the older one its end date, or the MRR counts both.",
            "{count} contracts start while another of their account{and_product} still runs "
            "({accounts}; the first: {account}, from {start}, beside the one from {earlier}). "
            "Their MRR is summed each month they both run. If one replaced the other (an "
            "upgrade, a renewal), give the older one its end date, or the MRR counts both.",
            overlap.contracts,
        )
        accounts = ngettext("{count} account", "{count} accounts", overlap.accounts)
        log.add(
            overlap.row,
            ctx.column_of("start_date"),
            overlap.start,
            message.format(
                count=count(overlap.contracts),
                and_product=_(" and product") if product else "",
                accounts=accounts.format(count=count(overlap.accounts)),
                account=overlap.account,
                start=overlap.start,
                earlier=overlap.earlier_start,
            ),
            "warning",
        )


def _assumption_notes(ctx: RuleContext, log: ProblemLog) -> None:
    assumed = ctx.assumed
    if assumed.get("end_from_term"):
        log.add(
            None,
            ctx.column_of("term_months"),
            None,
            ngettext(
                "{count} contract has no end date: it ends after its term, counted from its "
                "start (start + months - 1 day)",
                "{count} contracts have no end date: each ends after its term, counted from "
                "its start (start + months - 1 day)",
                assumed["end_from_term"],
            ).format(count=count(assumed["end_from_term"])),
            "warning",
        )
    if assumed.get("value_by_term"):
        log.add(
            None,
            ctx.column_of("value"),
            None,
            ngettext(
                "{count} contract value has a term and no billing period: read as the value of "
                "the whole term, MRR = value / months of the term (choose another billing "
                "period if it is not)",
                "{count} contract values have a term and no billing period: read as the value "
                "of the whole term, MRR = value / months of the term (choose another billing "
                "period if they are not)",
                assumed["value_by_term"],
            ).format(count=count(assumed["value_by_term"])),
            "warning",
        )
    if assumed.get("value_monthly"):
        log.add(
            None,
            ctx.column_of("value"),
            None,
            ngettext(
                "{count} contract value has no billing period and no term: read as monthly",
                "{count} contract values have no billing period and no term: read as monthly",
                assumed["value_monthly"],
            ).format(count=count(assumed["value_monthly"])),
            "warning",
        )


def ticket_notes(ctx: RuleContext, log: ProblemLog) -> None:
    if ctx.impossible_tickets:
        log.add(
            None,
            None,
            None,
            ngettext(
                "{count} ticket has a time that cannot be (answered or resolved before it was "
                "opened, or resolved before its first response): kept, left out of the means",
                "{count} tickets have times that cannot be (answered or resolved before they "
                "were opened, or resolved before their first response): kept, left out of the "
                "means",
                ctx.impossible_tickets,
            ).format(count=count(ctx.impossible_tickets)),
            "warning",
        )


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


def _iso_dates(values: np.ndarray | None) -> pd.Series | None:
    if values is None:
        return None
    return pd.to_datetime(pd.Series(values, dtype=object), errors="coerce", format="%Y-%m-%d")


def _contracts(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    """A contract's end from its start and term, and its MRR from its value.

    A value with a billing period is divided by the period's months. A value with a term
    (a term column, or start and end dates) and no billing period is the value of the whole
    term: MRR = value / months of the term. A value with neither is read as monthly. Each
    assumption is said once for the file (see :func:`contract_notes`).
    """
    start = _iso_dates(_column(records, "start_date"))
    term = _column(records, "term_months")
    end_values = _column(records, "end_date")
    if term is not None and start is not None:
        term = term.astype(float)
        no_end = (
            np.ones(len(records), dtype=bool)
            if end_values is None
            else np.array([e is None for e in end_values], dtype=bool)
        )
        fill = no_end & ~np.isnan(term) & start.notna().to_numpy() & records.ok
        if fill.any():
            ends = np.array(end_values if end_values is not None else [None] * len(records))
            ends = ends.astype(object)
            for position in np.flatnonzero(fill).tolist():
                begin = start.iloc[position]
                last = (
                    begin + pd.DateOffset(months=int(term[position] + 0.5)) - pd.Timedelta(days=1)
                )
                ends[position] = last.strftime("%Y-%m-%d")
            records.fields["end_date"] = ends
            _tally(ctx, "end_from_term", int(fill.sum()))
    end = _iso_dates(_column(records, "end_date"))
    ctx.contract_dates = (start, end)
    mrr = _column(records, "mrr")
    value = _column(records, "value")
    period = _column(records, "billing_period")
    table = {p.value: p.months for p in BillingPeriod}
    period_months = np.full(len(records), np.nan)
    if period is not None:
        period_months = np.array(
            [float(table[p]) if p in table else np.nan for p in period], dtype=float
        )
    if ctx.billing_period is not None:
        chosen = np.nan if ctx.billing_period == "term" else float(table[ctx.billing_period])
        period_months = np.where(np.isnan(period_months), chosen, period_months)
    term_months = np.full(len(records), np.nan) if term is None else term.astype(float)
    if start is not None and end is not None:
        days = (end - start).dt.days.to_numpy(dtype=float) + 1
        spanned = np.maximum(np.round(days / 30.4375), 1)
        term_months = np.where(np.isnan(term_months), spanned, term_months)
    derived = np.full(len(records), np.nan)
    if value is not None:
        amounts = value.astype(float)
        by_period = ~np.isnan(period_months)
        by_term = ~by_period & ~np.isnan(term_months) & (ctx.billing_period in (None, "term"))
        monthly = ~by_period & ~by_term
        derived = np.where(by_period, amounts / np.where(by_period, period_months, 1), derived)
        derived = np.where(by_term, amounts / np.where(by_term, term_months, 1), derived)
        derived = np.where(monthly, amounts, derived)
        has_value = ~np.isnan(amounts) & records.ok
        if mrr is not None:
            has_value &= np.isnan(mrr.astype(float))
        _tally(ctx, "value_by_term", int((by_term & has_value).sum()))
        _tally(ctx, "value_monthly", int((monthly & has_value).sum()))
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
    start_text = _column(records, "start_date")
    end_text = _column(records, "end_date")
    if start_text is not None and end_text is not None:
        before = np.array(
            [
                e is not None and s is not None and e < s
                for s, e in zip(start_text, end_text, strict=True)
            ],
            dtype=bool,
        )
        _report_rows(
            records,
            before,
            log,
            ctx.column_of("end_date"),
            end_text,
            _("the contract ends before it starts; row not imported"),
        )
    _ended_without_end(records, ctx, log)


# Contract statuses that say it ended, beyond the account statuses' "churned" words.
_ENDED_WORDS = frozenset(
    {
        "expired",
        "expirado",
        "expirada",
        "ended",
        "terminated",
        "rescindido",
        "rescindida",
        "finalizado",
        "finalizada",
    }
)


def _ended_without_end(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    """A contract whose status says it ended and that has no end date would count as running
    for ever: said on its row (a warning: the status is only text, the dates decide)."""
    status = _column(records, "status")
    if status is None:
        return
    churned = word_map("account_status")
    end = _column(records, "end_date")
    codes, uniques = pd.factorize(pd.Series(status, dtype=object))
    said_ended = np.array(
        [
            normalise(word) in _ENDED_WORDS or churned.get(normalise(word)) == "churned"
            for word in uniques
        ]
        + [False],
        dtype=bool,
    )
    mask = said_ended[codes]
    if end is not None:
        mask &= np.array([e is None for e in end], dtype=bool)
    _report_rows(
        records,
        mask,
        log,
        ctx.column_of("status"),
        status,
        _(
            "the status says the contract ended, but it has no end date: it is counted as "
            "still running. Give its end date (a cancellation date column can be imported as "
            "its end) to end it"
        ),
        "warning",
    )


def _surveys(records: Records, ctx: RuleContext, log: ProblemLog) -> None:
    types = _column(records, "type")
    scores = _column(records, "score")
    if scores is None:
        return
    numbers = np.array([np.nan if s is None else s for s in scores], dtype=float)
    answers = _column(records, "_score_answers")
    if types is None and answers is not None:
        # Satisfied, Muito satisfeito...: the CSAT question's answers, whatever the file says.
        types = np.full(len(records), "csat", dtype=object)
        records.fields["type"] = types
    elif answers is not None and types is not None:
        _report_rows(
            records,
            np.array(
                [
                    a is not None and t is not None and t != "csat"
                    for a, t in zip(answers, types, strict=True)
                ],
                dtype=bool,
            ),
            log,
            ctx.column_of("score"),
            answers,
            _(
                "a satisfaction answer is a CSAT score, but the row's survey type is another; "
                "row not imported"
            ),
        )
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
    if words & _RECOMMEND_WORDS:  # the NPS question itself, as a form exports its header
        return "nps"
    if words & _SATISFACTION_WORDS:  # the CSAT question ("nível de satisfação")
        return "csat"
    return None


# Words of the NPS question ("How likely are you to recommend...", "você recomendaria...").
_RECOMMEND_WORDS = frozenset({"recommend", "recomendar", "recomendaria", "recomendacao"})
# Words of the CSAT question ("How satisfied are you...", "nível de satisfação").
_SATISFACTION_WORDS = frozenset({"satisfied", "satisfaction", "satisfacao", "satisfeito"})


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
    """Kind and outcome of each opportunity, as a CRM export gives them.

    A CRM's type of an existing customer's deal (Salesforce's ``Existing Business``) is an
    upsell, a new product for them (``New Business``) a cross-sell, said in the plan. The
    outcome comes from the stage (closed won / lost); a custom stage kept as written is won
    at a probability of 100%, else open.
    """
    if "kind" not in records.fields:
        records.fields["kind"] = np.full(len(records), "upsell", dtype=object)
        log.add(None, None, None, _("no opportunity type column; all read as upsell"), "warning")
    else:
        column = ctx.column_of("kind")
        # A CRM names the column Type; csdesk's own sheets say kind or tipo de oportunidade.
        if column is not None and normalise_header(column) in CRM_TYPE_HEADERS:
            _note_crm_types(ctx, column, log)
    kinds = records.fields["kind"]
    records.fields["kind"] = np.where(pd.isna(kinds), "upsell", kinds).astype(object)
    stages = records.fields.get("stage", np.full(len(records), None, dtype=object))
    probability = records.fields.get("probability")
    outcome = np.array(
        ["won" if s == "closed_won" else "lost" if s == "closed_lost" else "open" for s in stages],
        dtype=object,
    )
    if probability is not None:
        known = set(word_map("opportunity_stages").values())
        custom = np.array([s is not None and s not in known for s in stages], dtype=bool)
        certain = custom & (probability.astype(float) >= 1.0)
        outcome = np.where(certain, "won", outcome).astype(object)
    if "outcome" in records.fields:
        given = records.fields["outcome"]
        records.fields["outcome"] = np.where(pd.isna(given), outcome, given).astype(object)
    else:
        records.fields["outcome"] = outcome
    if stages is not None and ctx.column_of("stage") is not None:
        known = set(word_map("opportunity_stages").values())
        custom_names = sorted({str(s) for s in stages if s is not None and s not in known})
        for name in custom_names:
            if name in ctx.custom_stages:
                continue
            ctx.custom_stages.add(name)
            log.add(
                None,
                ctx.column_of("stage"),
                name,
                _(
                    "a stage csdesk does not know: kept as written, open unless the row says "
                    "won or lost (or a probability of 100%)"
                ),
                "warning",
                kind=_("custom stage"),
            )


CRM_TYPE_HEADERS = frozenset({"type", "opportunity type", "deal type"})


def _note_crm_types(ctx: RuleContext, column: str, log: ProblemLog) -> None:
    """Say once how a CRM's opportunity types were read."""
    if ctx.crm_types_noted:
        return
    ctx.crm_types_noted = True
    log.add(
        None,
        column,
        None,
        _(
            "CRM opportunity types read the csdesk way: Existing Business (an existing "
            "customer buying more) as upsell, New Business as cross-sell, Renewal as renewal"
        ),
        "warning",
    )


# Entities whose rows keep an id of their own across exports: a row with an id the workspace
# already holds updates that row, whatever account it names (the field, the table).
_HELD_IDS = {"tickets": ("ticket_id", "tickets"), "contracts": ("contract_id", "contracts")}


def _moved_between_accounts(
    records: Records, entity: str, ctx: RuleContext, log: ProblemLog
) -> None:
    """Warn, on its row, of a ticket or contract the workspace holds under another account:
    importing moves it (a help desk's ticket given to another organisation, or a wrong
    account column), which must not happen unsaid. Undo puts it back."""
    key_field, table = _HELD_IDS[entity]
    keys = records.fields.get(key_field)
    if ctx.ws is None or keys is None or "_account" not in records.fields:
        return
    if ctx.held is None:
        ctx.held = {
            str(external): int(account)
            for external, account in ctx.ws.query(
                f"SELECT external_id, account_id FROM {table} "
                "WHERE external_id IS NOT NULL AND account_id IS NOT NULL"
            )
        }
    if not ctx.held:
        return
    ok = np.flatnonzero(records.ok & pd.notna(keys))
    if not len(ok):
        return
    held = pd.Series(keys[ok], dtype=object).astype(str).map(ctx.held).to_numpy(dtype=float)
    accounts = records.fields["_account"][ok].astype(float)
    moved = ok[~np.isnan(held) & ~np.isnan(accounts) & (held != accounts)]
    if not len(moved):
        return
    ids = {int(ctx.held[str(keys[p])]) for p in moved.tolist()}
    ids |= {int(a) for a in records.fields["_account"][moved].tolist() if a > 0}
    names = dict(
        ctx.ws.query(
            f"SELECT id, name FROM accounts WHERE id IN ({', '.join('?' * len(ids))})",
            sorted(ids),
        )
    )
    column = ctx.column_of(key_field)
    kind = _("moves to another account")
    for position in moved.tolist():
        key = str(keys[position])
        new = int(records.fields["_account"][position])
        message = (
            _(
                "{id} is under {old} in the workspace and this row puts it under {new}: "
                "importing moves it there (undoing the import puts it back)"
            )
            if new > 0
            else _(
                "{id} is under {old} in the workspace and this row puts it under a new "
                "account, {new}: importing moves it there (undoing the import puts it back)"
            )
        )
        new_name = names.get(new) if new > 0 else ctx.accounts.pending.get(new, (None, None))[1]
        log.add(
            int(records.rows[position]),
            column,
            key,
            message.format(id=key, old=names.get(ctx.held[key], "?"), new=new_name or "?"),
            "warning",
            kind=kind,
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
        if "_account" not in records.fields and entity in PORTFOLIO_LEVEL:
            # No column names an account: figures for the whole portfolio, no account made up.
            records.fields["_account"] = np.full(len(records), np.nan)
            ctx.portfolio_level = True
        if "_account" not in records.fields and entity != "people":
            raise ImportRefused(
                _(
                    "{where}: no column names the account of each row (an account id or name). "
                    "Send the column that names it to the field account or account_id (on the "
                    "command line: --map COLUMN=account)."
                ).format(where=ctx.where)
            )
    if entity in MONEY_FIELDS:
        _currencies(records, entity, ctx, log)
    if entity in ("contacts", "people"):
        _full_names(records)
    rules = {
        "accounts": _accounts,
        "contracts": _contracts,
        "surveys": _surveys,
        "events": _events,
        "opportunities": _opportunities,
        "tickets": _tickets,
    }
    if entity in rules:
        rules[entity](records, ctx, log)
    if entity == "usage":
        _usage_metrics(records, ctx)
    if entity in _HELD_IDS:
        _moved_between_accounts(records, entity, ctx, log)
    if entity == "revenue":
        _revenue_lines(records, ctx, log)
        return
    _duplicates(records, entity, ctx, log)
    if entity == "contracts":
        _gather_spans(records, ctx)


def _full_names(records: Records) -> None:
    """A first and a last name in two columns (a CRM's contacts: First Name, Last Name; Nome,
    Sobrenome) make one name, "Maria Souza", not "Maria" with the last name dropped."""
    last = records.fields.pop("last_name", None)
    if last is None:
        return
    first = records.fields.get("name")
    if first is None:
        first = np.full(len(records), None, dtype=object)
    joined = [
        " ".join(part for part in (f, s) if part) or None for f, s in zip(first, last, strict=True)
    ]
    records.fields["name"] = np.array(joined, dtype=object)


def _gather_spans(records: Records, ctx: RuleContext) -> None:
    (start, end), ctx.contract_dates = ctx.contract_dates, (None, None)
    if start is None or "_account" not in records.fields:
        return
    ids, names = _column(records, "account_id"), _column(records, "account")
    shown = ids if ids is not None else names
    ctx.contract_spans.add(
        records.fields["_account"],
        _column(records, "product"),
        start,
        end,
        records.rows,
        shown if shown is not None else records.fields["_account"],
        records.ok,
    )
