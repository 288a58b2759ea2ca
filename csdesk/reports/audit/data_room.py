"""Data quality across the files of a data room: what one file says that another contradicts.

A consultant's data room is several exports (the accounts register from the CRM, revenue from
the ERP, tickets from the help desk) that were never reconciled with each other. Each imported
row carries the batch that wrote it, and each batch knows its file, so the workspace can say
which file names an account another file does not know, which tickets fall outside the months
the revenue covers, which accounts are one customer under two spellings, and which accounts are
billed in another currency. Every check returns counts and examples naming the file and the
account; :mod:`csdesk.reports.audit.content` words them as findings.

Provenance is what the store keeps: an account belongs to the accounts register when a register
batch created it or changed one of its fields. An account the register lists with exactly the
values another file already gave it leaves no trace, and is reported as missing from it only if
no register batch touched it; in a data room imported in dependency order (accounts first) this
does not happen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from csdesk.domain.month import Month
from csdesk.domain.text_order import text_key
from csdesk.ingest.accounts_matching import name_key
from csdesk.store.queries.accounts import NAME_ORDER
from csdesk.store.settings import CURRENCY
from csdesk.store.workspace import Workspace

# Tables an import writes that name an account, and the column dating each row (None: undated).
_CHILD_TABLES: dict[str, str | None] = {
    "revenue_months": None,
    "contracts": None,
    "tickets": "opened_at",
    "surveys": "date",
    "usage": "date",
    "events": "at",
    "opportunities": None,
    "contacts": None,
    "goals": None,
}
EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class Example:
    """One account a check found, with the file it was found in and what was seen there."""

    file: str
    account: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Gap:
    """``count`` accounts named in ``present`` and missing from ``absent``."""

    present: str
    absent: str
    count: int
    examples: tuple[Example, ...]
    amount: float = 0.0  # for revenue: the MRR they carry in their last month


@dataclass(frozen=True, slots=True)
class OutOfPeriod:
    """Rows of ``file`` (tickets or surveys) dated before or after the revenue's months."""

    file: str
    table: str
    before: int
    after: int
    examples: tuple[Example, ...]

    @property
    def count(self) -> int:
        return self.before + self.after


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Accounts that are one customer by name but several accounts in the workspace."""

    key: str
    spellings: tuple[Example, ...]  # detail: the external id ("" when none)


@dataclass(frozen=True, slots=True)
class ForeignCurrency:
    """Accounts billed in ``currency``, not the workspace's."""

    currency: str
    count: int
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class PaidAfterEnd:
    """Accounts whose contracts (in ``contracts``) all ended before a month that ``file``
    gives them revenue in: one export says the customer left, the other that it pays."""

    file: str
    contracts: str
    count: int
    examples: tuple[Example, ...]  # detail: the last contract's end (ISO date)
    paying: tuple[Month, ...]  # each example's first month with revenue after that end


@dataclass
class DataRoomQuality:
    """Everything the cross-file checks found; empty lists when there is nothing to say."""

    files: int = 0
    register_files: tuple[str, ...] = ()
    revenue_files: tuple[str, ...] = ()
    revenue_period: tuple[Month, Month] | None = None
    revenue_unknown: list[Gap] = field(default_factory=list)
    missing_from_register: list[Gap] = field(default_factory=list)
    without_revenue: list[Gap] = field(default_factory=list)
    out_of_period: list[OutOfPeriod] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    currencies: list[ForeignCurrency] = field(default_factory=list)
    paid_after_end: list[PaidAfterEnd] = field(default_factory=list)
    workspace_currency: str = ""


def check(ws: Workspace) -> DataRoomQuality:
    """The cross-file checks on ``ws``'s live import batches (undone ones are ignored)."""
    out = DataRoomQuality(workspace_currency=CURRENCY.get(ws))
    batches = {
        int(b): (str(name), str(entity))
        for b, name, entity in ws.query(
            "SELECT id, file_name, entity FROM import_batches WHERE state = 'done' ORDER BY id"
        )
    }
    out.files = len({name for name, _ in batches.values()})
    names = {int(a): str(n) for a, n in ws.query("SELECT id, name FROM accounts")}
    mentions = _mentions(ws, batches)
    register = [b for b, (_, entity) in batches.items() if entity == "accounts"]
    revenue_batches = sorted(mentions.get("revenue_months", {}))
    out.register_files = _files(batches, register)
    out.revenue_files = _files(batches, revenue_batches)
    if register:
        listed = _registered(ws, register)
        register_name = " + ".join(out.register_files)
        last_mrr = _last_mrr(ws)
        by_file: dict[str, set[int]] = defaultdict(set)
        revenue_by_file: dict[str, set[int]] = defaultdict(set)
        for table, per_batch in mentions.items():
            for batch, accounts in per_batch.items():
                target = revenue_by_file if table == "revenue_months" else by_file
                target[batches[batch][0]] |= accounts - listed
        for file, accounts in sorted(revenue_by_file.items()):
            if accounts:
                amount = sum(last_mrr.get(a, 0.0) for a in accounts)
                out.revenue_unknown.append(
                    _gap(file, register_name, accounts, names, amount=amount)
                )
        for file, accounts in sorted(by_file.items()):
            if file in out.register_files:
                continue
            accounts = accounts - set().union(*revenue_by_file.values())
            if accounts:
                out.missing_from_register.append(_gap(file, register_name, accounts, names))
        if revenue_batches:
            paying = set().union(*(mentions["revenue_months"][b] for b in revenue_batches))
            active = {
                int(a) for (a,) in ws.query("SELECT id FROM accounts WHERE status = 'active'")
            }
            unpaid = (listed & active) - paying
            if unpaid:
                out.without_revenue.append(
                    _gap(register_name, " + ".join(out.revenue_files), unpaid, names)
                )
    out.revenue_period = _revenue_period(ws)
    if out.revenue_period is not None:
        out.out_of_period = _out_of_period(ws, batches, names, *out.revenue_period)
    out.duplicates = _duplicates(ws, batches)
    out.currencies = _currencies(ws, batches, out.workspace_currency)
    out.paid_after_end = _paid_after_end(ws, batches, names)
    return out


def _paid_after_end(
    ws: Workspace, batches: dict[int, tuple[str, str]], names: dict[int, str]
) -> list[PaidAfterEnd]:
    """Per file of revenue: accounts it has paying in a month after every contract of theirs
    ended (the revenue the contracts themselves wrote is theirs, and stops at the end)."""
    contract_batches = [b for b, (_, entity) in batches.items() if entity == "contracts"]
    if not contract_batches:
        return []
    marks = ",".join("?" * len(contract_batches))
    rows = ws.query(
        "WITH ended AS (SELECT account_id, max(end_date) AS ended FROM contracts "
        f"WHERE batch_id IN ({marks}) GROUP BY account_id HAVING sum(end_date IS NULL) = 0) "
        "SELECT r.batch_id, r.account_id, e.ended, min(r.month) FROM revenue_months r "
        "JOIN ended e ON e.account_id = r.account_id WHERE r.mrr > 0 "
        "AND r.month > substr(e.ended, 1, 7) AND r.batch_id IS NOT NULL "
        f"AND r.batch_id NOT IN ({marks}) GROUP BY r.batch_id, r.account_id",
        (*contract_batches, *contract_batches),
    )
    contracts_name = " + ".join(_files(batches, contract_batches))
    per_file: dict[str, dict[int, tuple[str, str]]] = defaultdict(dict)
    for batch, account, ended, first in rows:
        if int(batch) in batches:
            per_file[batches[int(batch)][0]][int(account)] = (str(ended)[:10], str(first))
    out = []
    for file, accounts in sorted(per_file.items()):
        ordered = sorted(accounts, key=lambda a: (text_key(names.get(a, "")), a))
        shown = ordered[:EXAMPLES]
        examples = tuple(Example(file, names.get(a, str(a)), accounts[a][0]) for a in shown)
        paying = tuple(Month.parse(accounts[a][1]) for a in shown)
        out.append(PaidAfterEnd(file, contracts_name, len(accounts), examples, paying))
    return out


def _files(batches: dict[int, tuple[str, str]], ids: list[int]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(batches[b][0] for b in sorted(ids) if b in batches))


def _mentions(ws: Workspace, batches: dict[int, tuple[str, str]]) -> dict[str, dict[int, set[int]]]:
    """Per table, per live batch: the accounts its rows name."""
    out: dict[str, dict[int, set[int]]] = {}
    for table in _CHILD_TABLES:
        per_batch: dict[int, set[int]] = defaultdict(set)
        for batch, account in ws.query(
            f"SELECT DISTINCT batch_id, account_id FROM {table} WHERE batch_id IS NOT NULL"
        ):
            if int(batch) in batches:
                per_batch[int(batch)].add(int(account))
        if per_batch:
            out[table] = dict(per_batch)
    return out


def _registered(ws: Workspace, register: list[int]) -> set[int]:
    """Accounts a register batch created or changed."""
    marks = ",".join("?" * len(register))
    created = {
        int(a)
        for (a,) in ws.query(f"SELECT id FROM accounts WHERE batch_id IN ({marks})", register)
    }
    changed = {
        int(str(key))
        for (key,) in ws.query(
            f"SELECT row_key FROM import_overwrites WHERE table_name = 'accounts' "
            f"AND batch_id IN ({marks})",
            register,
        )
        if str(key).isdigit()
    }
    return created | changed


def _last_mrr(ws: Workspace) -> dict[int, float]:
    """Each account's MRR in its last month with revenue."""
    return {
        int(a): float(m)
        for a, m in ws.query(
            "SELECT r.account_id, r.mrr FROM revenue_months r JOIN (SELECT account_id, "
            "max(month) AS month FROM revenue_months WHERE mrr > 0 GROUP BY account_id) l "
            "ON l.account_id = r.account_id AND l.month = r.month"
        )
    }


def _gap(
    present: str, absent: str, accounts: set[int], names: dict[int, str], *, amount: float = 0.0
) -> Gap:
    ordered = sorted(accounts, key=lambda a: (text_key(names.get(a, "")), a))
    examples = tuple(Example(present, names.get(a, str(a))) for a in ordered[:EXAMPLES])
    return Gap(present, absent, len(accounts), examples, round(amount, 2))


def _revenue_period(ws: Workspace) -> tuple[Month, Month] | None:
    first, last = ws.query("SELECT min(month), max(month) FROM revenue_months WHERE mrr > 0")[0]
    if first is None:
        return None
    return Month.parse(str(first)), Month.parse(str(last))


def _out_of_period(
    ws: Workspace,
    batches: dict[int, tuple[str, str]],
    names: dict[int, str],
    first: Month,
    last: Month,
) -> list[OutOfPeriod]:
    """Tickets and surveys of each imported file dated outside ``first``..``last``."""
    start, end = first.first_day.isoformat(), (last + 1).first_day.isoformat()
    out: list[OutOfPeriod] = []
    for table in ("tickets", "surveys"):
        column = _CHILD_TABLES[table]
        rows = ws.query(
            f"SELECT batch_id, sum({column} < ?), sum({column} >= ?) FROM {table} "
            f"WHERE batch_id IS NOT NULL AND ({column} < ? OR {column} >= ?) GROUP BY batch_id",
            (start, end, start, end),
        )
        per_file: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for batch, before, after in rows:
            if int(batch) not in batches:
                continue
            counts = per_file[batches[int(batch)][0]]
            counts[0] += int(before or 0)
            counts[1] += int(after or 0)
            counts[2] = int(batch)
        for file, (before, after, _) in sorted(per_file.items()):
            ids = [b for b, (name, _e) in batches.items() if name == file]
            marks = ",".join("?" * len(ids))
            sample = ws.query(
                f"SELECT account_id, substr({column}, 1, 10) FROM {table} "
                f"WHERE batch_id IN ({marks}) AND ({column} < ? OR {column} >= ?) "
                f"ORDER BY {column}, id LIMIT {EXAMPLES}",
                (*ids, start, end),
            )
            examples = tuple(Example(file, names.get(int(a), str(a)), str(d)) for a, d in sample)
            out.append(OutOfPeriod(file, table, before, after, examples))
    return out


def _duplicates(ws: Workspace, batches: dict[int, tuple[str, str]]) -> list[Duplicate]:
    """Accounts whose names agree once accents, case, punctuation, spacing and legal suffixes
    are ignored: the importer keeps them apart only when their external ids differ."""
    groups: dict[str, list[tuple[int, str, str, int | None]]] = defaultdict(list)
    for account, name, stored, external, batch in ws.query(
        "SELECT id, name, name_key, coalesce(external_id, ''), batch_id FROM accounts ORDER BY id"
    ):
        # The stored key (what matched imports; an anonymised copy keeps its groups), spaces
        # ignored too ("Acme Corp" and "AcmeCorp").
        key = (str(stored or "") or name_key(name)).replace(" ", "")
        if key:
            groups[key].append((int(account), str(name), str(external), batch))
    out = []
    for key, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        spellings = tuple(
            Example(_file_of(batches, batch), name, external)
            for _id, name, external, batch in members
        )
        out.append(Duplicate(key, spellings))
    return out


def _file_of(batches: dict[int, tuple[str, str]], batch: int | None) -> str:
    if batch is None or int(batch) not in batches:
        return ""
    return batches[int(batch)][0]


def _currencies(
    ws: Workspace, batches: dict[int, tuple[str, str]], workspace: str
) -> list[ForeignCurrency]:
    """Accounts billed in a currency other than the workspace's (their amounts were
    converted at import, at the rates given then)."""
    per: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, code, batch in ws.query(
        "SELECT name, upper(currency), batch_id FROM accounts WHERE currency IS NOT NULL "
        f"AND trim(currency) != '' AND upper(currency) != ? ORDER BY {NAME_ORDER}",
        (workspace.upper(),),
    ):
        per[str(code)].append((str(name), _file_of(batches, batch)))
    return [
        ForeignCurrency(
            code,
            len(rows),
            tuple(Example(file, name, code) for name, file in rows[:EXAMPLES]),
        )
        for code, rows in sorted(per.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
