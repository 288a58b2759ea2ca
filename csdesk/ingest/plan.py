"""The importer's public API: :func:`prepare` a plan (nothing written), then :func:`commit` it.

``prepare`` reads the file, finds the header, decides the entity and mapping (or reuses the
mapping the user confirmed for this layout of columns), converts every row and reports every
problem. ``commit`` writes the accepted rows in one transaction after an automatic backup,
records the batch and what it replaced, and saves the confirmed mapping. A plan keeps its
converted rows: in memory when they fit comfortably, else on disk block by block (a very
large CSV is never held whole); commit writes them without reading the file again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from csdesk.domain.month import Month
from csdesk.errors import Remedy
from csdesk.i18n import N_, _, ngettext
from csdesk.i18n.labels import field_label
from csdesk.ingest import batches, entity_rules, writers
from csdesk.ingest.accounts_matching import AccountIndex, finalise
from csdesk.ingest.column_mapping import (
    ColumnMapping,
    ColumnSamples,
    header_key,
    is_ignored,
    with_overrides,
)
from csdesk.ingest.dates import order_evidence
from csdesk.ingest.entity_detection import detect
from csdesk.ingest.errors import AlreadyImported, ImportRefused
from csdesk.ingest.grid import Grid, blank_mask
from csdesk.ingest.header_detection import Header, find_header
from csdesk.ingest.problems import Problem, ProblemLog
from csdesk.ingest.readers import SheetInfo, Source, open_source
from csdesk.ingest.records import Layout, Records, build, report_excel_errors
from csdesk.ingest.spill import Kept, Spill
from csdesk.ingest.values import convert, expected
from csdesk.ingest.vocabulary import EntitySpec, entity_specs, normalise_header
from csdesk.ingest.wording import count as shown_count
from csdesk.ingest.wording import speaking
from csdesk.progress import ProgressCallback, silent
from csdesk.store import Workspace

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang

PREVIEW_ROWS = 50
# Lines under the header used to decide the entity and the mapping.
SAMPLE_ROWS = 300
# Converted records kept in the plan's memory up to this many rows; beyond, on disk
# (csdesk.ingest.spill): commit never reads the file again.
KEEP_ROWS = 1_500_000
# A CSV is streamed: beyond this many rows its records go to disk as they are read.
KEEP_STREAMED_ROWS = 200_000
# A mapped column with more bad cells than this share is a wrong mapping, not bad rows.
BLOCKING_BAD_SHARE = 0.2
# What an unmapped column seems to hold, as "not ..." names a cell that does not fit.
_MISFITS = {"number": N_("a number"), "date": N_("a date"), "bool": N_("yes or no")}
# Page cache while an import writes (negative: KiB, as SQLite's PRAGMA cache_size takes it).
IMPORT_CACHE_KIB = -65_536


@dataclass(frozen=True)
class ImportPlan:
    """Everything the preview shows; nothing has been written."""

    path: Path
    file_name: str
    description: str
    sheets: list[SheetInfo]
    sheet: str | None
    header_row: int
    entity: str | None
    entity_confidence: float
    entity_scores: dict[str, float]
    columns: list[ColumnMapping]
    rows: list[dict[str, Any]]
    problems: list[Problem]
    totals_row: int | None
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rows_skipped: int
    accounts_to_create: int | None
    is_wide_revenue: bool
    content_hash: str
    layout_key: str
    as_of: Month
    mapping_source: str  # "automatic", "saved" or "yours"
    blocking: str | None  # why commit must refuse, if it must
    # Revenue: lines repeating an earlier line in every cell are dropped, not summed.
    drop_identical: bool = False
    identical_lines: int = 0  # revenue lines repeating an earlier line in every cell
    # Rates given for this import (code -> rate), beyond the workspace's rates table.
    rates: dict[str, float] = field(default_factory=dict)
    # The currency the workspace takes from this file (it held no money yet), if any.
    adopted_currency: str | None = None
    # Rows whose amounts name a currency, by its code (cells or header: 'MRR (USD)').
    currencies_named: dict[str, int] = field(default_factory=dict)
    # Refused only for currencies without a rate: saying what the sheet holds would not help.
    refused_for_rates: bool = False
    # Contracts: the billing period of values whose row names none (None: decided per row;
    # "term": the value of the whole term; "monthly", "quarterly", "annual", ...).
    billing_period: str | None = None
    # The currency of amounts that name none (cell, column or header), as the person said;
    # None: the workspace's.
    amounts_in: str | None = None
    # The files of a data room that name ``amounts_in`` when the room, not the person, chose
    # it (the only currency the room's files name, for a workspace that has none yet).
    amounts_in_from: tuple[str, ...] = ()
    _overrides: dict[str, str] = field(default_factory=dict, repr=False)
    _layout: Layout | None = field(default=None, repr=False)
    _records: list[Records] | None = field(default=None, repr=False)
    # The same blocks as read, before the entity rules: commit applies the rules to them
    # again when the workspace changed since the plan (the file is not read twice).
    _built: list[Records] | None = field(default=None, repr=False)
    # Both, on disk, for a file with too many rows to keep in memory (see csdesk.ingest.spill).
    _spill: Spill | None = field(default=None, repr=False)
    _source: Source | None = field(default=None, repr=False)
    _read_problems: list[Problem] = field(default_factory=list, repr=False)
    # What the account matching and entity rules found, valid while the workspace is unchanged.
    _rule_problems: list[Problem] = field(default_factory=list, repr=False)
    _accounts: AccountIndex | None = field(default=None, repr=False)
    _fingerprint: tuple[str, int, int] | None = field(default=None, repr=False)
    _ws: Workspace | None = field(default=None, repr=False)
    # A calendar or mail file's reading and touches (csdesk.ingest.capture.plan.CapturePlan).
    _capture: Any = field(default=None, repr=False)

    @property
    def is_capture(self) -> bool:
        """A calendar or mail file: no sheet, no columns to map."""
        return self._capture is not None

    @property
    def refusal_wants_mapping(self) -> bool:
        """Refused for what its columns were read as: saying what it holds may unblock it."""
        return self.blocking is not None and not self.is_capture and not self.refused_for_rates

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def mapping(self) -> dict[str, str | None]:
        """Column -> field as decided (None: the column is not imported)."""
        return {c.column: c.field for c in self.columns}

    @speaking
    def with_mapping(
        self,
        mapping: dict[str, str],
        *,
        ws: Workspace | None = None,
        progress: ProgressCallback = silent,
        lang: Lang | None = None,
    ) -> ImportPlan:
        """Plan again with the user's column choices added to those already made."""
        if self.is_capture:
            return self
        return self._replanned(ws, progress, mapping={**self._overrides, **mapping})

    @speaking
    def with_entity(
        self,
        entity: str,
        *,
        ws: Workspace | None = None,
        progress: ProgressCallback = silent,
        lang: Lang | None = None,
    ) -> ImportPlan:
        """Plan again as the given entity (the column choices start afresh)."""
        if self.is_capture:
            return self
        return self._replanned(ws, progress, entity=entity, mapping=None)

    @speaking
    def with_drop_identical(
        self,
        drop: bool,
        *,
        ws: Workspace | None = None,
        progress: ProgressCallback = silent,
        lang: Lang | None = None,
    ) -> ImportPlan:
        """Plan again, dropping (True) or summing (False) revenue lines repeated whole."""
        return self._replanned(ws, progress, drop_identical=drop)

    @speaking
    def with_billing_period(
        self,
        period: str | None,
        *,
        ws: Workspace | None = None,
        progress: ProgressCallback = silent,
        lang: Lang | None = None,
    ) -> ImportPlan:
        """Plan again, reading contract values with no billing period of their own as
        ``period`` ("term": the value of the whole term; None: decided per row)."""
        return self._replanned(ws, progress, billing_period=period)

    @speaking
    def with_amounts_in(
        self,
        currency: str | None,
        *,
        ws: Workspace | None = None,
        progress: ProgressCallback = silent,
        from_files: tuple[str, ...] = (),
        lang: Lang | None = None,
    ) -> ImportPlan:
        """Plan again, reading amounts that name no currency as ``currency`` (an ISO code;
        None: the workspace's); ``from_files``: a data room's files that name it, when the
        room chose it rather than the person."""
        return self._replanned(ws, progress, amounts_in=currency, amounts_in_from=from_files)

    def _replanned(
        self, ws: Workspace | None, progress: ProgressCallback, **changed: Any
    ) -> ImportPlan:
        """This file planned again with what the person said before, ``changed`` aside; the
        file is not read again (its source is kept)."""
        told: dict[str, Any] = {
            "sheet": self.sheet,
            "entity": self.entity,
            "mapping": dict(self._overrides) or None,
            "as_of": self.as_of,
            "drop_identical": self.drop_identical,
            "rates": self.rates,
            "billing_period": self.billing_period,
            "amounts_in": self.amounts_in,
            "amounts_in_from": self.amounts_in_from,
        }
        planned = _prepare(
            self.path,
            ws=ws or self._ws,
            progress=progress,
            source=self._source,
            **{**told, **changed},
        )
        if "entity" in changed or planned.entity != self.entity:
            return planned
        # The entity is passed on as found, not as the person said: its confidence stays the
        # finding's (a data room blocks a file it is unsure of, and lists how sure it is).
        return replace(planned, entity_confidence=self.entity_confidence)


@dataclass(frozen=True)
class ImportResult:
    entity: str
    rows_read: int
    rows_written: int
    rows_updated: int
    rows_skipped: int
    rows_rejected: int
    accounts_created: int
    problems: list[Problem]
    batch_id: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "rows_read": self.rows_read,
            "rows_written": self.rows_written,
            "rows_updated": self.rows_updated,
            "rows_skipped": self.rows_skipped,
            "rows_rejected": self.rows_rejected,
            "accounts_created": self.accounts_created,
            "problems": [p.to_json() for p in self.problems],
            "batch_id": self.batch_id,
        }


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def layout_key(names: list[str]) -> str:
    """The identity of a header layout: its normalised column names, in order."""
    text = "\x1f".join(normalise_header(n) for n in names)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _saved_mapping(ws: Workspace | None, key: str) -> tuple[str, dict[str, str]] | None:
    if ws is None:
        return None
    row = ws.query("SELECT entity, mapping FROM saved_mappings WHERE layout_key = ?", (key,))
    if not row:
        return None
    stored = json.loads(row[0][1])
    return str(row[0][0]), {k: (v if v is not None else "-") for k, v in stored.items()}


def _samples(source: Source, head: Grid, header: Header) -> ColumnSamples:
    below = head.slice(header.position + 1, header.position + 1 + SAMPLE_ROWS)
    cells = [below.columns[c] for c in header.columns]
    return ColumnSamples(header.names, cells, [blank_mask(c) for c in cells])


@speaking
def prepare(
    path: str | os.PathLike[str],
    *,
    ws: Workspace | None = None,
    sheet: str | None = None,
    entity: str | None = None,
    mapping: dict[str, str] | None = None,
    as_of: Month | date | None = None,
    progress: ProgressCallback = silent,
    drop_identical: bool = False,
    rates: dict[str, float] | None = None,
    billing_period: str | None = None,
    amounts_in: str | None = None,
    amounts_in_from: tuple[str, ...] = (),
    lang: Lang | None = None,
) -> ImportPlan:
    """Read and analyse a spreadsheet, calendar or mail file; write nothing.

    ``as_of`` is a month, or for a calendar or mail file also a day: what happens after it
    has not happened yet. ``rates`` (ISO code -> value of 1 unit in the workspace currency)
    add to, and override, the workspace's rates table for amounts in other currencies.
    ``amounts_in`` (an ISO code) is the currency of amounts that name none: converted, or
    adopted by a workspace that holds no money yet, as if their header named it;
    ``amounts_in_from`` names the files of a data room that name it, when the room chose it.
    See :class:`ImportPlan`.
    """
    from csdesk.ingest.capture import is_capture_file

    if is_capture_file(Path(path)):
        from csdesk.ingest.capture import plan as capture_plan

        result: ImportPlan = capture_plan.prepare(Path(path), ws, as_of, progress)
        return result
    if isinstance(as_of, date):
        as_of = Month.of(as_of)
    return _prepare(
        Path(path),
        ws=ws,
        sheet=sheet,
        entity=entity,
        mapping=mapping,
        as_of=as_of,
        progress=progress,
        drop_identical=drop_identical,
        rates=rates,
        billing_period=billing_period,
        amounts_in=amounts_in,
        amounts_in_from=amounts_in_from,
    )


def _prepare(
    path: Path,
    *,
    ws: Workspace | None,
    sheet: str | None,
    entity: str | None,
    mapping: dict[str, str] | None,
    as_of: Month | None,
    progress: ProgressCallback,
    source: Source | None = None,
    drop_identical: bool = False,
    rates: dict[str, float] | None = None,
    billing_period: str | None = None,
    amounts_in: str | None = None,
    amounts_in_from: tuple[str, ...] = (),
) -> ImportPlan:
    specs = entity_specs()
    _check_billing_period(billing_period)
    if entity is not None and entity not in specs:
        raise ImportRefused(
            _("--entity {entity}: unknown; choose one of {entities}.").format(
                entity=entity, entities=", ".join(specs)
            )
        )
    progress(0.0, _("reading {file}").format(file=path.name))
    if source is None or (source.sheet != sheet and sheet is not None):
        source = open_source(path, sheet)
    where = source.where()
    head = source.head()
    header = find_header(head, where, source.merged)
    samples = _samples(source, head, header)
    key = layout_key(header.keys)
    known = {name.lower() for name in header.names}
    for column, target in (mapping or {}).items():
        if column.strip().lower() not in known:
            listed = ", ".join(repr(n) for n in header.names)
            raise ImportRefused(
                _(
                    "--map {column}={field}: {where} has no column {column!r}; its columns are "
                    "{columns}."
                ).format(column=column, field=target, where=where, columns=listed)
            )
    mapping_source = "yours" if mapping else "automatic"
    overrides = dict(mapping or {})
    if entity is None and not mapping:
        saved = _saved_mapping(ws, key)
        if saved is not None:
            entity, stored = saved
            overrides = {header.name_of(column): target for column, target in stored.items()}
            mapping_source = "saved"
    detection = detect(samples, header.raw, path.stem, entity=entity)
    as_of = as_of or Month.of(date.today())
    progress(0.1, _("analysing columns"))
    if detection.entity is None:
        plan = _undetermined(path, source, header, samples, detection.scores, as_of, key, progress)
        # What the person said stays for when they say what the sheet holds.
        return replace(
            plan,
            drop_identical=drop_identical,
            rates=dict(rates or {}),
            billing_period=billing_period,
            amounts_in=amounts_in,
            amounts_in_from=amounts_in_from,
            _ws=ws,
        )
    spec = specs[detection.entity]
    mappings = (
        with_overrides(detection.mappings, overrides, spec) if overrides else detection.mappings
    )
    month_columns = {
        i: month for i, month in detection.month_columns.items() if mappings[i].field == "mrr"
    }
    layout = Layout(
        header, mappings, spec.required, month_columns, line_hashes=spec.name == "revenue"
    )
    _follow_decided_order(layout, samples)
    log = ProblemLog()
    _warn_left_out(log, mappings, spec.name)
    _warn_quantity(log, mappings, samples, spec.name)
    _warn_other_metrics(log, mappings, samples, spec)
    rule_log = ProblemLog()
    ctx = entity_rules.RuleContext(
        ws,
        AccountIndex.load(ws),
        as_of,
        path.stem,
        where,
        mappings,
        create_accounts=True,
        drop_identical=drop_identical,
    )
    _money_context(ctx, ws, rates or {})
    ctx.amounts_in, ctx.amounts_in_from = amounts_in, amounts_in_from
    ctx.billing_period = billing_period
    kept = Kept(KEEP_STREAMED_ROWS if source.streamed else KEEP_ROWS)
    preview: list[dict[str, Any]] = []
    counts = {"read": 0, "accepted": 0, "rejected": 0, "skipped": 0}
    bad_cells: dict[int, int] = {}
    filled_cells: dict[int, int] = {}
    totals_row = None
    decisions: dict[int, str] = {}
    # The entity's rules read its required fields: with one missing, the sheet is refused below
    # and its rows are shown as read, not checked against rules that would find no column.
    missing = _missing_required(where, spec.name, spec.required, mappings, bool(month_columns))
    checking = _("checking rows")
    chunks = _estimated_chunks(source)
    for index, grid in enumerate(source.chunks()):

        def within(part: float, index: int = index) -> None:
            # This block's share of the file, and how far into it (a workbook is one block).
            progress(0.1 + 0.85 * min(1.0, (index + part) / chunks), checking)

        records = build(grid, layout, log, lambda share: within(0.6 * share))
        if index == 0:
            decisions = dict(records.decisions)
            _fix_date_orders(layout, records.orders)
        _count_bad(records, bad_cells, filled_cells)
        checked = records.copy()
        if missing is None:
            entity_rules.apply(detection.entity, checked, ctx, rule_log)
        within(0.9)
        counts["read"] += checked.read
        counts["accepted"] += int(checked.ok.sum())
        counts["rejected"] += int((~checked.ok).sum()) - checked.duplicates
        counts["skipped"] += checked.skipped
        totals_row = records.totals_row or totals_row
        if len(preview) < PREVIEW_ROWS:
            preview.extend(_preview(checked, PREVIEW_ROWS - len(preview)))
        kept.add(records, checked)
        within(1.0)
    if missing is None:
        entity_rules.finish(detection.entity, ctx, rule_log)
        entity_rules.assumed_currency(ctx, detection.entity, decisions)
        entity_rules.told_currency(ctx, detection.entity, decisions)
    columns = _describe_columns(mappings, decisions, samples)
    no_rate = entity_rules.currency_refusal(ctx)
    blocking = (
        missing
        or no_rate
        or _blocking(where, mappings, bad_cells, filled_cells, log, counts["accepted"])
    )
    problems = _merge(log, rule_log)
    progress(1.0, _("ready"))
    return ImportPlan(
        path=path,
        file_name=path.name,
        description=source.description,
        sheets=source.sheets,
        sheet=source.sheet,
        header_row=header.row,
        entity=detection.entity,
        entity_confidence=1.0 if mapping_source != "automatic" or entity else detection.confidence,
        entity_scores=detection.scores,
        columns=columns,
        rows=preview,
        problems=problems,
        totals_row=totals_row,
        rows_read=counts["read"],
        rows_accepted=counts["accepted"],
        rows_rejected=counts["rejected"],
        rows_skipped=counts["skipped"],
        accounts_to_create=ctx.accounts.created if ws is not None else None,
        is_wide_revenue=bool(month_columns),
        content_hash=file_hash(path),
        layout_key=key,
        as_of=as_of,
        mapping_source=mapping_source,
        blocking=blocking,
        drop_identical=drop_identical,
        identical_lines=ctx.revenue_tally.get("identical", 0),
        rates=dict(rates or {}),
        adopted_currency=ctx.adopted,
        currencies_named=dict(ctx.currencies_found),
        refused_for_rates=blocking is not None and blocking == no_rate,
        billing_period=billing_period,
        amounts_in=amounts_in,
        amounts_in_from=amounts_in_from,
        _overrides=overrides,
        _layout=layout,
        _records=kept.checked,
        _built=kept.built,
        _spill=kept.spill,
        _source=source,
        _read_problems=log.finished(),
        _rule_problems=rule_log.finished(),
        _accounts=ctx.accounts,
        _fingerprint=_fingerprint(ws),
        _ws=ws,
    )


def _missing_required(
    where: str, entity: str, required: tuple[str, ...], mappings: list[ColumnMapping], wide: bool
) -> str | None:
    """A required field no column fills refuses the sheet, naming it (a ticket export with no
    opening date is not imported with a purchase date in its place)."""
    mapped = {m.field for m in mappings if m.field is not None}
    if wide:
        mapped |= {"month", "mrr"}
    missing = [f for f in required if f not in mapped]
    if not missing:
        return None
    return _(
        "{where}: no column gives {fields}, which {entity} need. Send the column that holds "
        "it to that field (on the command line: --map COLUMN={field}). Nothing was imported."
    ).format(where=where, fields=", ".join(missing), entity=entity, field=missing[0])


def _check_billing_period(period: str | None) -> None:
    from csdesk.domain.enums import BillingPeriod

    known = ["term", *(p.value for p in BillingPeriod)]
    if period is not None and period not in known:
        raise ImportRefused(
            _("--billing-period {period}: unknown; choose one of {periods}.").format(
                period=period, periods=", ".join(known)
            )
        )


def _money_context(
    ctx: entity_rules.RuleContext, ws: Workspace | None, rates: dict[str, float]
) -> None:
    """The workspace currency and the rates an import converts other currencies with."""
    from csdesk.ingest.currencies import currency_chosen, holds_money, stored_rates
    from csdesk.store.settings import CURRENCY

    given: dict[str, tuple[float, str | None]] = {
        code: (rate, None) for code, rate in rates.items()
    }
    if ws is None:
        ctx.currency, ctx.rates, ctx.may_adopt = CURRENCY.default, given, True
        return
    ctx.currency = CURRENCY.get(ws)
    ctx.rates = {**stored_rates(ws), **given}
    ctx.may_adopt = not currency_chosen(ws) and not holds_money(ws)


def _fingerprint(ws: Workspace | None) -> tuple[str, int, int] | None:
    """Changes by this connection (the app's bookkeeping aside, see ``Workspace.bookkeeping``)
    and by others: equal fingerprints, unchanged workspace."""
    if ws is None:
        return None
    version = int(ws.scalar("PRAGMA data_version"))
    return str(ws.path.resolve()), ws.changes, version


def _same_workspace(
    plan: ImportPlan, ws: Workspace, fingerprint: tuple[str, int, int] | None
) -> bool:
    """Whether the workspace is as the plan found it, so its account matching still holds.

    A plan made without a workspace (the command line's new file) found an empty one: it
    holds for a workspace with no row in any table, as a new one is.
    """
    if plan._fingerprint is not None:
        return plan._fingerprint == fingerprint
    if plan._ws is not None:
        return False
    tables = [
        str(row[0])
        for row in ws.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return not any(ws.scalar(f'SELECT EXISTS (SELECT 1 FROM "{name}")') for name in tables)


def _warn_left_out(log: ProblemLog, mappings: list[ColumnMapping], entity: str) -> None:
    """A column whose header names a field, left out because too few of its values read as
    one, is said in the problems too: its reason alone, in the list of columns, is easily
    missed, and the import would then go on without, say, its MRR."""
    for mapping in mappings:
        if mapping.field is None and mapping.resembles is not None:
            message = _(
                "{reason}, so it is left out; import it as {field} to have the values that "
                "cannot be read listed"
            ).format(reason=mapping.reason, field=field_label(mapping.resembles, entity))
            log.add(None, mapping.column, None, message, "warning")


def _warn_other_metrics(
    log: ProblemLog, mappings: list[ColumnMapping], samples: ColumnSamples, spec: EntitySpec
) -> None:
    """A usage sheet with a column per metric and no metric column imports one of them, its
    value column: each other column of numbers is said, with how to import it too."""
    if spec.name != "usage" or any(m.field == "metric" for m in mappings):
        return
    value = next((m.column for m in mappings if m.field == "value"), None)
    if value is None:
        return
    for position, mapping in enumerate(mappings):
        if mapping.field is not None or is_ignored(mapping.column, spec):
            continue
        if mapping.confidence >= 1.0:  # left out by the person: they know
            continue
        if samples.guess_kind(position)[0] != "number":
            continue
        log.add(
            None,
            mapping.column,
            None,
            _(
                "holds numbers and is not imported: a usage sheet without a metric column "
                "imports one metric, the column {value!r}. To import this one too, import the "
                "file again with it as the value (on the command line: --map {this} --map "
                "{other} --again)"
            ).format(
                value=value,
                this=shlex.quote(f"{mapping.column}=value"),
                other=shlex.quote(f"{value}=-"),
            ),
            "warning",
        )


def _follow_decided_order(layout: Layout, samples: ColumnSamples) -> None:
    """A date column whose a/b/yyyy values all fit both orders is read in the order the
    sheet's other date columns decide (a CRM writes every date of a row one way): '10/1/2026'
    beside a '12/15/2026' is October the 1st, not assumed to be the 10th of January."""
    undecided: list[int] = []
    decided: dict[bool, str] = {}
    for position, mapping in enumerate(layout.mappings):
        if mapping.field is None or mapping.value_kind not in ("date", "datetime"):
            continue
        seen, order = order_evidence(samples.cells[position])
        if order is not None:
            decided.setdefault(order, mapping.column)
        elif seen:
            undecided.append(position)
    if len(decided) != 1:
        return  # no column decides, or two disagree: each column as it reads
    [(order, column)] = decided.items()
    for position in undecided:
        layout.month_first[position] = order
        layout.order_from[position] = column


# Headers of a count of units a contract is for: billing exports (Stripe's subscriptions:
# Amount per unit, and Quantity) give the price of one.
_QUANTITY_HEADERS = frozenset(
    {
        "quantity",
        "qty",
        "units",
        "seats",
        "licenses",
        "licences",
        "quantidade",
        "qtd",
        "qtde",
        "licencas",
        "assentos",
    }
)

# Headers of a contract's amount that may be the price of one unit.
_PRICE_HEADERS = frozenset(
    {
        "amount",
        "price",
        "unit price",
        "unit amount",
        "plan amount",
        "preco",
        "preco unitario",
        "valor",
        "valor unitario",
    }
)


def _warn_quantity(
    log: ProblemLog, mappings: list[ColumnMapping], samples: ColumnSamples, entity: str
) -> None:
    """A quantity left beside an amount that may be a price is said: csdesk takes each amount
    as the whole contract's, and a price per unit would then be read several times too low."""
    if entity != "contracts":
        return
    money = next((m for m in mappings if m.field == "value"), None)
    if money is None or header_key(money.column) not in _PRICE_HEADERS:
        return  # an MRR or a "contract value" names a total
    for position, mapping in enumerate(mappings):
        if mapping.field is not None:
            continue
        if header_key(mapping.column) not in _QUANTITY_HEADERS:
            continue
        cells = samples.cells[position][~samples.blanks[position]]
        numbers = convert("number", cells, np.zeros(len(cells), dtype=bool)).values
        above = next((cell for cell, n in zip(cells, numbers, strict=True) if n > 1), None)
        if above is None:
            continue
        log.add(
            None,
            mapping.column,
            above,
            _(
                "not imported, and it holds quantities above 1: each amount in {money!r} is "
                "taken as the whole contract's value, not as a price per unit. If it is a "
                "price per unit, multiply it by the quantity in the file and import it again"
            ).format(money=money.column),
            "warning",
        )


def _estimated_chunks(source: Source) -> float:
    from csdesk.ingest.readers import CSV_CHUNK_ROWS

    if not source.streamed:
        return 1.0
    size = source.path.stat().st_size
    return max(1.0, size / (CSV_CHUNK_ROWS * 60))


def _fix_date_orders(layout: Layout, orders: dict[int, bool]) -> None:
    """Later blocks of a streamed CSV read dates in the order the first block decided."""
    layout.month_first.update(orders)


def _count_bad(records: Records, bad: dict[int, int], filled: dict[int, int]) -> None:
    """Tally bad and non-blank cells per mapped column, to spot a wrong mapping."""
    for position, (bad_cells, non_blank) in records.tallies.items():
        bad[position] = bad.get(position, 0) + bad_cells
        filled[position] = filled.get(position, 0) + non_blank


def _blocking(
    where: str,
    mappings: list[ColumnMapping],
    bad: dict[int, int],
    filled: dict[int, int],
    log: ProblemLog,
    accepted: int,
) -> str | None:
    for position, bad_count in bad.items():
        total = filled.get(position, 0)
        mostly_bad = bad_count > 1 and bad_count / max(total, 1) > BLOCKING_BAD_SHARE
        if total and (mostly_bad or bad_count == total):
            mapping = mappings[position]
            first = next(
                (p for p in log.problems if p.column == mapping.column and p.severity == "error"),
                None,
            )
            sentences = [
                ngettext(
                    "{where}: column {column!r} is read as {field}, but {bad} of its {total} "
                    "value is not {expected}.",
                    "{where}: column {column!r} is read as {field}, but {bad} of its {total} "
                    "values are not {expected}.",
                    total,
                ).format(
                    where=where,
                    column=mapping.column,
                    field=field_label(str(mapping.field)),
                    bad=shown_count(bad_count),
                    total=shown_count(total),
                    expected=expected(mapping.value_kind),
                )
            ]
            if first is not None:
                sentences.append(
                    _("For example, row {row}: {value!r}.").format(row=first.row, value=first.value)
                )
            sentences.append(
                _(
                    "Correct the column in the file, or send it to another field or leave it "
                    "out. Nothing was imported."
                )
            )
            return " ".join(sentences)
    if accepted == 0:
        first_error = next((p for p in log.problems if p.severity == "error"), None)
        if first_error is None:
            return _("{where}: no row can be imported. Nothing was imported.").format(where=where)
        return _(
            "{where}: no row can be imported. First problem: {problem}. Nothing was imported."
        ).format(where=where, problem=first_error.describe())
    return None


def _merge(*logs: ProblemLog) -> list[Problem]:
    merged: list[Problem] = []
    for log in logs:
        merged.extend(log.finished())
    return sorted(merged, key=lambda p: (p.row is None, p.row or 0, p.column or ""))


def _preview(records: Records, limit: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    names = [n for n in records.fields if not n.startswith("_")]
    for position in range(min(limit, len(records))):
        merged = records.merged is not None and bool(records.merged[position])
        item: dict[str, Any] = {
            "row": int(records.rows[position]),
            # A line added into its month's first line is imported, though not on its own.
            "ok": bool(records.ok[position]) or merged,
        }
        for name in names:
            value = records.fields[name][position]
            if isinstance(value, float | np.floating):
                item[name] = None if np.isnan(value) else float(value)
            elif isinstance(value, np.integer):
                item[name] = int(value)
            else:
                item[name] = value
        out.append(item)
    return out


def _describe_columns(
    mappings: list[ColumnMapping], decisions: dict[int, str], samples: ColumnSamples
) -> list[ColumnMapping]:
    described = []
    for position, mapping in enumerate(mappings):
        if mapping.field is None:
            kind, _share = samples.guess_kind(position)
            described.append(replace(mapping, value_kind=kind))
        else:
            described.append(replace(mapping, decision=decisions.get(position, mapping.decision)))
    return described


def _undetermined(
    path: Path,
    source: Source,
    header: Header,
    samples: ColumnSamples,
    scores: dict[str, float],
    as_of: Month,
    key: str,
    progress: ProgressCallback,
) -> ImportPlan:
    """A sheet whose entity is unclear: describe its columns and flag misfit values."""
    kinds = [samples.guess_kind(i) for i in range(len(header.names))]
    log = ProblemLog()
    read = 0
    preview: list[dict[str, Any]] = []
    decisions: dict[int, str] = {}
    for grid in source.chunks():
        under = grid.row_numbers > header.row
        rows = grid.row_numbers[under]
        columns = [grid.columns[c][under] for c in header.columns]
        blanks = [blank_mask(c) for c in columns]
        filled = ~np.logical_and.reduce(blanks) if blanks else np.zeros(len(rows), dtype=bool)
        read += int(filled.sum())
        for row in sorted(set(grid.malformed) & set(rows.tolist())):
            log.add(row, None, None, grid.malformed[row], "error", kind=_("malformed line"))
        for row in sorted(set(grid.notes) & set(rows.tolist())):
            log.add(row, None, None, grid.notes[row], "warning", kind=_("stray byte"))
        if grid.errors:
            report_excel_errors(grid, header.columns, header.names, rows, log)
        for position, (kind, share) in enumerate(kinds):
            if kind not in ("number", "date", "bool") or (share >= 1.0 and not len(rows)):
                continue
            misfit = _(_MISFITS[kind])
            converted = convert(
                "datetime" if kind == "date" else kind, columns[position], blanks[position]
            )
            decisions.setdefault(position, converted.decision)
            for index in np.flatnonzero(converted.bad & filled).tolist():
                log.add(
                    int(rows[index]),
                    header.names[position],
                    columns[position][index],
                    _(
                        "not {expected} like the rest of the column; the line may be malformed "
                        "(its columns shifted)"
                    ).format(expected=misfit),
                    "error",
                    kind=_("not {expected}").format(expected=misfit),
                )
        if len(preview) < PREVIEW_ROWS:
            for position in np.flatnonzero(filled)[: PREVIEW_ROWS - len(preview)].tolist():
                item: dict[str, Any] = {"row": int(rows[position]), "ok": True}
                for i, name in enumerate(header.names):
                    item[name] = columns[i][position]
                preview.append(item)
    unclear = _("what the sheet holds is not clear")
    columns_out = [
        ColumnMapping(name, None, 0.0, unclear, kinds[i][0], decisions.get(i, ""))
        for i, name in enumerate(header.names)
    ]
    blocking = _(
        "{file}: csdesk cannot tell what this sheet holds (its columns do not match the fields "
        "of any of: {entities}). Say what it holds, and which field each column fills."
    ).format(file=path.name, entities=", ".join(entity_specs()))
    progress(1.0, _("ready"))
    return ImportPlan(
        path=path,
        file_name=path.name,
        description=source.description,
        sheets=source.sheets,
        sheet=source.sheet,
        header_row=header.row,
        entity=None,
        entity_confidence=0.0,
        entity_scores=scores,
        columns=columns_out,
        rows=preview,
        problems=log.finished(),
        totals_row=None,
        rows_read=read,
        rows_accepted=0,
        rows_rejected=0,
        rows_skipped=0,
        accounts_to_create=None,
        is_wide_revenue=False,
        content_hash=file_hash(path),
        layout_key=key,
        as_of=as_of,
        mapping_source="automatic",
        blocking=blocking,
        _source=source,
    )


@speaking
def commit(
    ws: Workspace,
    plan: ImportPlan,
    *,
    progress: ProgressCallback = silent,
    again: bool = False,
    confirm_mapping: bool = True,
    lang: Lang | None = None,
    backup: bool = True,
) -> ImportResult:
    """Write the plan's accepted rows in one transaction; see the module docstring.

    ``backup=False`` is for a caller that made one backup before several commits (a data
    room): one backup per file would rotate the user's older backups away.
    """
    if plan.blocking or plan.entity is None or (plan._layout is None and not plan.is_capture):
        raise ImportRefused(
            plan.blocking or _("{file}: nothing to import.").format(file=plan.file_name)
        )
    _check_unchanged_since_preview(plan)
    # A calendar or mail file can always be imported again: its entries are known by their
    # source keys, so only what was unmatched before (a contact added since) is new.
    previous = None if plan.is_capture else batches.find_by_hash(ws, plan.content_hash, plan.sheet)
    if previous is not None and not again:
        raise AlreadyImported(
            _(
                "{file} was already imported into {workspace} on {when} (batch {batch}); nothing "
                "was written."
            ).format(
                file=plan.file_name,
                workspace=ws.path.name,
                when=batches.shown_time(previous.started_at),
                batch=previous.id,
            ),
            remedy=Remedy("import_again", {"batch": previous.id, "file": ws.path}),
        )
    from csdesk.store.backup import automatic_backup

    same = not plan.is_capture and _same_workspace(plan, ws, _fingerprint(ws))
    progress(0.0, _("backing up the workspace"))
    if backup:
        automatic_backup(ws.path, reason="before-import")
    if plan.is_capture:
        return _commit_capture(ws, plan, progress)
    cache_before = ws.scalar("PRAGMA cache_size")
    # A large import touches many pages; a bigger page cache keeps them out of the WAL.
    ws.conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
    try:
        return _commit(ws, plan, same, progress, confirm_mapping)
    finally:
        ws.conn.execute(f"PRAGMA cache_size = {int(cache_before)}")


def _check_unchanged_since_preview(plan: ImportPlan) -> None:
    """Refuse a file that changed since ``prepare`` took its content hash.

    The preview is what a person agreed to: a file saved again in between (another month's
    export under the same name, a half-written copy) would import rows nobody looked at, and
    record them under the old content's hash. Hashing reads the file once more, a small cost
    beside the import.
    """
    try:
        now = file_hash(plan.path)
    except OSError as exc:
        raise ImportRefused(
            _(
                "{file} cannot be read any more ({reason}); nothing was imported. Look at it again."
            ).format(file=plan.file_name, reason=exc.strerror or exc)
        ) from exc
    if now != plan.content_hash:
        raise ImportRefused(
            _("{file} changed since the preview; look at it again. Nothing was imported.").format(
                file=plan.file_name
            )
        )


def _commit(
    ws: Workspace,
    plan: ImportPlan,
    same: bool,
    progress: ProgressCallback,
    confirm_mapping: bool,
) -> ImportResult:
    """Write the plan; ``same``: the workspace is as the plan found it."""
    assert plan.entity is not None and plan._layout is not None
    entity = plan.entity
    layout = plan._layout
    log = ProblemLog()
    counts = {
        "rows_read": 0,
        "rows_written": 0,
        "rows_updated": 0,
        "rows_skipped": 0,
        "rows_rejected": 0,
        "accounts_created": 0,
    }
    with ws.transaction():
        batch_id = batches.start(
            ws,
            file_name=plan.file_name,
            content_hash=plan.content_hash,
            sheet=plan.sheet,
            entity=entity,
            mapping=plan.mapping(),
            as_of=str(plan.as_of),
        )
        kept = plan._records is not None or plan._spill is not None
        reuse = same and kept and plan._accounts is not None
        blocks: Iterable[Records]
        if reuse and plan._accounts is not None:
            # Nothing changed since prepare: its account matching and checks still hold.
            index = replace(plan._accounts, written={})
            if plan._records is not None:
                blocks = [r.copy() for r in plan._records]
            else:
                assert plan._spill is not None
                blocks = plan._spill.blocks(checked=True)
            log = ProblemLog(problems=list(plan._rule_problems))
        else:
            index = AccountIndex.load(ws)
            # The rules again, on the records as read (read again only when they could not
            # be kept, on a full disk).
            if plan._built is not None:
                blocks = [r.copy() for r in plan._built]
            elif plan._spill is not None:
                blocks = plan._spill.blocks(checked=False)
            else:
                blocks = _reread(plan)
        writing = _("writing {file}").format(file=plan.file_name)
        # The share of the rows written, moving inside a block too (a workbook is one block).
        total = max(plan.rows_accepted, 1)
        earlier = 0  # accepted rows of the blocks written before this one

        def rows_written(count: int) -> None:
            progress(0.05 + 0.9 * min(1.0, (earlier + count) / total), writing)

        ctx = entity_rules.RuleContext(
            ws,
            index,
            plan.as_of,
            plan.path.stem,
            plan.file_name,
            layout.mappings,
            drop_identical=plan.drop_identical,
        )
        _money_context(ctx, ws, plan.rates)
        ctx.amounts_in, ctx.amounts_in_from = plan.amounts_in, plan.amounts_in_from
        ctx.billing_period = plan.billing_period
        if plan.adopted_currency is not None and ctx.may_adopt:
            from csdesk.store.settings import CURRENCY

            # Said in the plan, and again in the batch's notes when the rules run again (the
            # workspace changed since: a data room's earlier files); the file's amounts are in
            # it, so nothing is converted.
            CURRENCY.set(ws, plan.adopted_currency)
            ctx.currency, ctx.may_adopt = plan.adopted_currency, False
            ctx.adopted = plan.adopted_currency
        # Else the workspace took a currency since the plan (a data room's earlier file, a
        # choice in Settings): it changed, so the rules run again against that currency and
        # convert the file's amounts, or refuse them below.
        write = writers.WriteContext(ws, batch_id, plan.as_of, progress=rows_written)
        # Indexes built once after all blocks, not once per block (a rollback restores them).
        rebuilt = _indexes_rebuilt_once(ws, entity, plan.rows_accepted)
        for records in blocks:
            if not reuse:
                entity_rules.apply(entity, records, ctx, log)
            real = index.write_pending(ws, batch_id)
            if "_account" in records.fields:
                records.fields["_account"] = finalise(records.fields["_account"], real)
            _write(write, entity, records, set(real.values()))
            counts["rows_read"] += records.read
            counts["rows_skipped"] += records.skipped
            counts["rows_rejected"] += int((~records.ok).sum()) - records.duplicates
            earlier += int(records.ok.sum())
            rows_written(0)
        rebuilt.close()
        if not reuse:
            entity_rules.finish(entity, ctx, log)
            # The rates may have gone, or the workspace's currency changed, since the plan:
            # amounts in a currency with no rate are refused, never written unconverted.
            no_rate = entity_rules.currency_refusal(ctx)
            if no_rate is not None:
                raise ImportRefused(no_rate)
        counts["rows_written"] = write.written
        counts["rows_updated"] = write.updated
        counts["accounts_created"] = index.created
        read_log = ProblemLog(problems=list(plan._read_problems))
        problems = _merge(read_log, log)
        batches.finish(ws, batch_id, counts, [p.to_json() for p in problems])
        if confirm_mapping:
            _save_mapping(ws, plan)
        progress(1.0, _("saving"))
    return ImportResult(entity, problems=problems, batch_id=batch_id, **counts)


def _commit_capture(ws: Workspace, plan: ImportPlan, progress: ProgressCallback) -> ImportResult:
    """A calendar or mail file's touches, in one batch (see csdesk.ingest.capture.plan)."""
    from csdesk.ingest.capture import plan as capture_plan

    with ws.transaction():
        batch_id = batches.start(
            ws,
            file_name=plan.file_name,
            content_hash=plan.content_hash,
            sheet=None,
            entity="events",
            mapping={},
            as_of=str(plan.as_of),
        )
        progress(0.3, _("writing {file}").format(file=plan.file_name))
        written, touches = capture_plan.write(ws, plan._capture, batch_id)
        problems = plan._capture.read.log.finished() + touches.log.finished()
        counts = {
            "rows_read": plan._capture.read.read,
            "rows_written": written.written,
            "rows_updated": written.updated,
            "rows_skipped": sum(touches.skipped.values()) + written.unchanged,
            "rows_rejected": sum(1 for p in problems if p.severity == "error"),
            "accounts_created": 0,
        }
        batches.finish(ws, batch_id, counts, [p.to_json() for p in problems])
        progress(1.0, _("saving"))
    return ImportResult("events", problems=problems, batch_id=batch_id, **counts)


# Tables whose secondary indexes (none unique) a large import builds once, after its last block.
_BULK_TABLES = {"revenue": "revenue_months"}


def _indexes_rebuilt_once(ws: Workspace, entity: str, rows: int) -> ExitStack:
    from csdesk.store.bulk import indexes_rebuilt_after

    stack = ExitStack()
    if entity in _BULK_TABLES:
        stack.enter_context(indexes_rebuilt_after(ws.conn, _BULK_TABLES[entity], rows))
    return stack


def _reread(plan: ImportPlan) -> Iterator[Records]:
    """The records of a plan too large to keep, read again block by block."""
    if plan._layout is None:
        return iter(())
    source = open_source(plan.path, plan.sheet)
    layout = plan._layout
    scratch = ProblemLog()
    return (build(grid, layout, scratch) for grid in source.chunks())


# The writer of each entity whose records need nothing but the write context.
_WRITERS = {
    "revenue": writers.write_revenue,
    "contracts": writers.write_contracts,
    "tickets": writers.write_tickets,
    "surveys": writers.write_surveys,
    "events": writers.write_events,
    "opportunities": writers.write_opportunities,
    "contacts": writers.write_contacts,
    "people": writers.write_people,
    "goals": writers.write_goals,
    "usage": writers.write_usage,
}


def _write(ctx: writers.WriteContext, entity: str, records: Records, created: set[int]) -> None:
    if entity == "accounts":
        writers.write_accounts(ctx, records, created)
    else:
        _WRITERS[entity](ctx, records)


def _save_mapping(ws: Workspace, plan: ImportPlan) -> None:
    # Columns by their language-independent keys: a mapping saved in Portuguese serves the
    # same sheet imported in English.
    header = plan._layout.header if plan._layout is not None else None
    mapping = {
        (header.key_of(column) if header is not None else column): target
        for column, target in plan.mapping().items()
    }
    ws.conn.execute(
        "INSERT INTO saved_mappings (layout_key, entity, mapping, saved_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (layout_key) DO UPDATE SET entity = excluded.entity, "
        "mapping = excluded.mapping, saved_at = excluded.saved_at",
        (
            plan.layout_key,
            plan.entity,
            json.dumps(mapping, ensure_ascii=False),
            batches.now(),
        ),
    )
