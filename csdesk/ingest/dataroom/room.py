"""Planning a data room file by file, and importing the set in dependency order.

Each file is planned with the importer's own :func:`csdesk.ingest.prepare` (so the same
header finding, entity detection, saved mappings and checks), then the plans are sorted by
what their rows need to exist first. The import runs in one transaction: every file is its
own batch (a savepoint: a file refused at commit leaves nothing), the batches share a group
id, and a cancel or an unexpected error leaves the workspace as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from csdesk.errors import CsdeskError
from csdesk.i18n import N_
from csdesk.i18n.lang import Lang
from csdesk.ingest.dataroom.archive import Gathered, RoomLimits, gather, is_zip
from csdesk.ingest.dataroom.choices import FileChoice
from csdesk.ingest.dataroom.currency import has_money, settle
from csdesk.ingest.errors import AlreadyImported, ImportRefused
from csdesk.ingest.plan import ImportPlan, file_hash
from csdesk.ingest.problems import Problem
from csdesk.progress import Cancelled, ProgressCallback, scaled, silent
from csdesk.store import Workspace

# What must exist before what: accounts before the revenue that names them, contracts before
# usage by contract, people before the accounts that name their CSM.
ENTITY_ORDER = (
    "people",
    "accounts",
    "contracts",
    "revenue",
    "usage",
    "tickets",
    "surveys",
    "events",
    "opportunities",
    "contacts",
    "goals",
)
SPREADSHEET_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
# Read like a CSV, but only kept when csdesk recognises a table in it (a README.txt is not).
TEXT_SUFFIXES = frozenset({".txt"})

# Below this confidence a guessed entity blocks its file: in a room nobody looks at each file
# before it is written, so a sheet that only vaguely resembles accounts waits to be told.
MIN_ROOM_CONFIDENCE = 0.3

Cancel = Callable[[], bool]


def sheet_entry(name: str, sheet: str) -> str:
    """The room's name for a workbook's other sheet: the file, then the sheet in brackets,
    as the plan lists it (and as a mapping file names it)."""
    return f"{name} [{sheet}]"


# Why a file was set aside; the code stays the same in every language.
SKIP_REASONS = {
    "not_spreadsheet": N_("not a spreadsheet, calendar or mail file"),
    "empty": N_("empty: nothing to import"),
    "not_a_table": N_("a text file in which csdesk recognises no table"),
    "by_you": N_("set aside by you"),
    "hidden_sheet": N_("a hidden sheet: not read"),
}
BLOCKED_HINT = N_(
    'Say what it holds: in a mapping file given with --mapping-file (a table ["{name}"] with '
    'entity = "..." and map = {{ Column = "field" }}), by importing it alone with --entity '
    "and --map, or in the app's import wizard. The other files are imported without it."
)


@dataclass(frozen=True)
class Skipped:
    """A file of the room that is not imported, and why (``code`` is for programs)."""

    file: str
    code: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "reason": self.reason}


@dataclass(frozen=True)
class RoomFile:
    """One file of the room with its plan, or the reason it is blocked.

    ``name`` is its path inside the folder or zip (``a/b.csv``; ``inner.zip/c.xlsx``);
    ``path`` the file on disk that is read (inside the plan's temporary folder for a zip).
    """

    name: str
    path: Path
    plan: ImportPlan | None
    blocked: str | None = None  # why it cannot be imported as it stands
    hint: str | None = None  # what to do about it
    choice: FileChoice = field(default_factory=FileChoice)
    # Held back because the room's files name several currencies (see .currency.settle).
    currency_held: bool = False

    @property
    def ready(self) -> bool:
        return self.blocked is None and self.plan is not None

    @property
    def entity(self) -> str | None:
        return self.plan.entity if self.plan is not None else self.choice.entity

    @property
    def confidence(self) -> float:
        return self.plan.entity_confidence if self.plan is not None else 0.0

    @property
    def sheet(self) -> str | None:
        return self.plan.sheet if self.plan is not None else self.choice.sheet

    @property
    def rows(self) -> int:
        return self.plan.rows_read if self.plan is not None else 0

    @property
    def problems(self) -> list[Problem]:
        return list(self.plan.problems) if self.plan is not None else []

    @property
    def other_sheets(self) -> list[str]:
        """The workbook's other visible sheets. In a room each is planned as an entry of its
        own (:func:`sheet_entry`); this is what the plan of this one sheet does not read."""
        if self.plan is None:
            return []
        return [s.name for s in self.plan.sheets if not s.hidden and s.name != self.plan.sheet]

    @property
    def order(self) -> float:
        """Its place in the dependency order (files of unknown entity last). Calendar and
        mail files come after the contacts: their meetings and messages are matched to
        accounts by the contacts' e-mail addresses."""
        entity = self.entity
        if self.plan is not None and self.plan.is_capture:
            return ENTITY_ORDER.index("contacts") + 0.5
        return ENTITY_ORDER.index(entity) if entity in ENTITY_ORDER else len(ENTITY_ORDER)


@dataclass(frozen=True)
class PlanOptions:
    """What the person said for every file of the room, passed on to each file's plan:
    ``rates`` (ISO code -> value of 1 unit in the workspace currency) for amounts in another
    currency, the ``billing_period`` of contract values whose rows name none,
    ``drop_identical`` for rows repeated exactly, and ``amounts_in``, the currency of
    amounts that name none."""

    rates: dict[str, float] = field(default_factory=dict)
    billing_period: str | None = None
    drop_identical: bool = False
    amounts_in: str | None = None


@dataclass(frozen=True)
class RoomPlan:
    """Every file of a data room: ``files`` to import in dependency order (blocked ones
    included, last of their entity), ``skipped`` set aside with a reason each."""

    source: Path
    files: list[RoomFile]
    skipped: list[Skipped]
    lang: Lang
    # Files the person left out (each also in ``skipped``, code "by_you"), kept with their
    # plans so that putting one back reads nothing again.
    left_out: tuple[RoomFile, ...] = ()
    options: PlanOptions = field(default_factory=PlanOptions)
    _gathered: Gathered | None = field(default=None, repr=False, compare=False)
    _ws: Workspace | None = field(default=None, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def ready(self) -> list[RoomFile]:
        return [f for f in self.files if f.ready]

    @property
    def blocked(self) -> list[RoomFile]:
        return [f for f in self.files if not f.ready]

    def file(self, name: str) -> RoomFile:
        for room_file in self.files:
            if room_file.name == name:
                return room_file
        raise KeyError(name)

    def close(self) -> None:
        """Remove the temporary folder a zip was unpacked into (the plans can no longer
        be imported after)."""
        if self._gathered is not None:
            self._gathered.close()

    def __enter__(self) -> RoomPlan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class RoomFileResult:
    """What one file of the room wrote (its batch), or why it was refused at import."""

    file: str
    entity: str | None
    batch_id: int | None
    rows_written: int
    rows_updated: int
    rows_rejected: int
    accounts_created: int
    problems: list[Problem]

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "entity": self.entity,
            "batch_id": self.batch_id,
            "rows_written": self.rows_written,
            "rows_updated": self.rows_updated,
            "rows_rejected": self.rows_rejected,
            "accounts_created": self.accounts_created,
            "problems": [p.to_json() for p in self.problems],
        }


@dataclass(frozen=True)
class RoomResult:
    """The batches of one data room (one group: ``group_id``), and every file not imported."""

    room: str
    group_id: int | None
    files: list[RoomFileResult]
    skipped: list[Skipped]

    @property
    def batch_ids(self) -> list[int]:
        return [f.batch_id for f in self.files if f.batch_id is not None]

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [f.to_json() for f in self.files],
            "skipped": [s.to_json() for s in self.skipped],
        }


def is_room(path: Path) -> bool:
    """A folder or a zip: planned as a data room, not as one file."""
    return path.is_dir() or is_zip(path)


def _check(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def plan_room(
    path: Path,
    *,
    lang: Lang,
    ws: Workspace | None = None,
    mapping: dict[str, FileChoice] | None = None,
    as_of: Any = None,
    progress: ProgressCallback = silent,
    cancel: Cancel | None = None,
    limits: RoomLimits | None = None,
    options: PlanOptions | None = None,
) -> RoomPlan:
    """Read and classify every file of the folder or zip ``path``; write nothing.

    ``mapping`` holds the user's word on single files (by name inside the room): what they
    hold, their sheet, columns sent to fields, or set aside. ``as_of`` is passed to every
    plan (the month of an accounts sheet's MRR; for calendar and mail, what is still future),
    and so are ``options``.
    """
    _ = lang
    path = Path(path)
    choices = dict(mapping or {})
    told = options or PlanOptions()
    progress(0.0, _("reading {room}").format(room=path.name))
    gathered = gather(path, lang, limits)
    try:
        _check_choices(path, choices, gathered, lang)
        skipped = [Skipped(name, code, reason) for name, code, reason in gathered.skipped]
        candidates: list[tuple[str, Path]] = []
        for name, file in gathered.files:
            choice = choices.get(name, FileChoice())
            reason = _kind_refusal(file, choice)
            if reason is not None:
                skipped.append(Skipped(name, reason, lang(SKIP_REASONS[reason])))
            else:
                candidates.append((name, file))
        candidates, duplicates = _byte_duplicates(candidates, lang)
        skipped += duplicates
        files: list[RoomFile] = []
        for number, (name, file) in enumerate(candidates):
            _check(cancel)
            step = scaled(
                progress, number / max(len(candidates), 1), (number + 1) / len(candidates)
            )
            choice = choices.get(name, FileChoice())
            planned = _plan_file(name, file, choice, ws, as_of, told, lang, step)
            if isinstance(planned, Skipped):
                skipped.append(planned)
                continue
            files.append(planned)
            for other in _plan_other_sheets(planned, choices, ws, as_of, told, lang, cancel):
                if isinstance(other, Skipped):
                    skipped.append(other)
                else:
                    files.append(other)
        files = _provisional_capture(files)
        files, same = _content_duplicates(files, lang)
        skipped += same
        files = settle(files, ws, told, lang)
        progress(1.0, _("ready"))
        return RoomPlan(path, _ordered(files), _by_name(skipped), lang, (), told, gathered, ws)
    except BaseException:
        gathered.close()
        raise


def replan_file(
    room: RoomPlan,
    name: str,
    *,
    entity: str | None = None,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    skip: bool = False,
    ws: Workspace | None = None,
    as_of: Any = None,
    progress: ProgressCallback = silent,
) -> RoomPlan:
    """The room with file ``name`` planned again as the user says (its entity, sheet and
    columns; ``skip`` sets it aside); the other files keep their plans."""
    current = room.file(name)
    lang = room.lang
    others = [f for f in room.files if f.name != name]
    if skip:
        return leave_out(room, name)
    # The entry's own sheet unless another is asked for (a workbook's other sheets are
    # entries of their own: told another entity, one keeps its sheet).
    choice = FileChoice(entity=entity, sheet=sheet or current.sheet, mapping=dict(mapping or {}))
    when = as_of if as_of is not None else (current.plan.as_of if current.plan else None)
    planned = _plan_file(
        name, current.path, choice, ws or room._ws, when, room.options, lang, progress
    )
    if isinstance(planned, Skipped):
        return _settled(replace(room, files=others, skipped=_by_name([*room.skipped, planned])))
    return _settled(replace(room, files=[*others, planned]), ws)


def unnamed_money(room: RoomPlan) -> list[str]:
    """The ready files whose amounts name no currency (no cell, column or header says one,
    and the person told none): they are read in the workspace's currency, or the one the
    room's other files name, which a person should hear when some files name one."""
    out = []
    for room_file in room.ready:
        plan = room_file.plan
        if plan is None or not has_money(plan):
            continue
        if plan.amounts_in_from or not (plan.currencies_named or plan.amounts_in):
            out.append(room_file.name)
    return out


def currency_said(room: RoomPlan, currency: str, assumed: bool) -> str | None:
    """What to say of the currency the room's amounts were read in (``currency``, the
    workspace's after the import; ``assumed``: it was its default, never chosen nor named),
    or None: amounts summed in a currency nobody named are said, never passed over."""
    _ = room.lang
    named = any(f.plan.currencies_named for f in room.ready if f.plan is not None)
    if assumed and not named:
        return _(
            "No file names the currency of its amounts; they were read as {currency}, the "
            "workspace's default."
        ).format(currency=currency)
    files = unnamed_money(room) if named else []
    if not files:
        return None
    return room.lang.ngettext(
        "{files} names no currency, while other files of the room name theirs: its amounts "
        "were read as {currency}, the workspace's currency.",
        "{files} name no currency, while other files of the room name theirs: their amounts "
        "were read as {currency}, the workspace's currency.",
        len(files),
    ).format(files=", ".join(files), currency=currency)


def leave_out(room: RoomPlan, name: str) -> RoomPlan:
    """The room without file ``name``: set aside "by you", its plan kept for :func:`put_back`."""
    current = room.file(name)
    aside = Skipped(name, "by_you", room.lang(SKIP_REASONS["by_you"]))
    return _settled(
        replace(
            room,
            files=[f for f in room.files if f.name != name],
            skipped=_by_name([*room.skipped, aside]),
            left_out=(*room.left_out, current),
        )
    )


def with_money_again(room: RoomPlan, ws: Workspace) -> RoomPlan:
    """The room with its files' amounts planned again against ``ws`` as it is now: its
    currency or rates changed since the room was read (Settings), so a file held back for
    the room's currencies, or refused for a rate, may import now. Nothing is read again; what
    the person chose for each file stays."""
    files = []
    for room_file in room.files:
        plan = room_file.plan
        stale = room_file.ready or room_file.currency_held or (plan and plan.refused_for_rates)
        if plan is not None and has_money(plan) and stale:
            told = None if plan.amounts_in_from else plan.amounts_in
            planned = plan.with_amounts_in(told, ws=ws, progress=silent, lang=room.lang)
            hint = (
                room.lang(BLOCKED_HINT).format(name=room_file.name)
                if planned.refusal_wants_mapping
                else None
            )
            room_file = replace(
                room_file, plan=planned, blocked=planned.blocking, hint=hint, currency_held=False
            )
        files.append(room_file)
    return _settled(replace(room, files=files, _ws=ws), ws)


def _settled(room: RoomPlan, ws: Workspace | None = None) -> RoomPlan:
    """The room with its files' currency settled again (:func:`.currency.settle`), in order."""
    files = settle(room.files, ws or room._ws, room.options, room.lang)
    return replace(room, files=_ordered(files))


def put_back(room: RoomPlan, name: str) -> RoomPlan:
    """The room with the left-out file ``name`` back in its place, as it was planned."""
    kept = next((f for f in room.left_out if f.name == name), None)
    if kept is None:
        raise KeyError(name)
    return _settled(
        replace(
            room,
            files=[*room.files, kept],
            skipped=[s for s in room.skipped if not (s.file == name and s.code == "by_you")],
            left_out=tuple(f for f in room.left_out if f.name != name),
        )
    )


def import_room(
    ws: Workspace,
    room: RoomPlan,
    *,
    progress: ProgressCallback = silent,
    cancel: Cancel | None = None,
    again: bool = False,
) -> RoomResult:
    """Import every ready file of the room, in dependency order, in one transaction.

    One backup first; each file becomes a batch of the room's group (the first batch's id).
    A file refused now (imported before, changed since the plan) is set aside with its
    reason and the others go on; a cancel rolls everything back.
    """
    from csdesk.ingest.plan import commit, prepare
    from csdesk.store.backup import automatic_backup

    _ = room.lang
    skipped = list(room.skipped)
    for blocked in room.blocked:
        reason = " ".join(part for part in (blocked.blocked, blocked.hint) if part)
        skipped.append(Skipped(blocked.name, "blocked", reason))
    ready = room.ready
    results: list[RoomFileResult] = []
    group_id: int | None = None
    if not ready:
        return RoomResult(room.name, None, [], _by_name(skipped))
    progress(0.0, _("backing up the workspace"))
    automatic_backup(ws.path, reason="before-import-room")
    with ws.transaction():
        for number, room_file in enumerate(ready):
            _check(cancel)
            assert room_file.plan is not None
            step = scaled(progress, number / len(ready), (number + 1) / len(ready))
            plan = room_file.plan
            try:
                if plan.is_capture:
                    # Matched again now that the room's people, accounts and contacts are in.
                    plan = prepare(
                        plan.path, ws=ws, as_of=plan.as_of, progress=silent, lang=room.lang
                    )
                    if plan.blocking:
                        skipped.append(Skipped(room_file.name, "blocked", plan.blocking))
                        continue
                result = commit(ws, plan, progress=step, again=again, backup=False, lang=room.lang)
            except AlreadyImported as exc:
                skipped.append(Skipped(room_file.name, "already_imported", str(exc)))
                continue
            except ImportRefused as exc:
                skipped.append(Skipped(room_file.name, "refused", str(exc)))
                continue
            assert result.batch_id is not None
            group_id = group_id if group_id is not None else result.batch_id
            ws.conn.execute(
                "UPDATE import_batches SET group_id = ?, group_name = ? WHERE id = ?",
                (group_id, room.name, result.batch_id),
            )
            results.append(
                RoomFileResult(
                    room_file.name,
                    result.entity,
                    result.batch_id,
                    result.rows_written,
                    result.rows_updated,
                    result.rows_rejected,
                    result.accounts_created,
                    list(result.problems),
                )
            )
        _check(cancel)
    progress(1.0, _("saving"))
    return RoomResult(room.name, group_id, results, _by_name(skipped))


def _check_choices(
    path: Path, choices: dict[str, FileChoice], gathered: Gathered, lang: Lang
) -> None:
    """Refuse a mapping file that names a file the room does not hold (a typo would
    otherwise leave the file it meant unmapped, silently)."""
    _ = lang
    known = {name for name, _file in gathered.files} | {n for n, _c, _r in gathered.skipped}
    # "Book.xlsx [Sheet]" names a sheet of a workbook of the room; a sheet the workbook does
    # not have is refused when the workbook is read (_plan_other_sheets).
    unknown = sorted(n for n in set(choices) - known if _workbook_of(n) not in known)
    if unknown:
        raise ImportRefused(
            _(
                "The mapping file names {names}, which {room} does not hold; its files are "
                "{files}. Nothing was read."
            ).format(
                names=", ".join(repr(n) for n in unknown),
                room=path.name,
                files=", ".join(repr(n) for n in sorted(known)),
            )
        )


# -- planning one file --------------------------------------------------------------------


def _kind_refusal(file: Path, choice: FileChoice) -> str | None:
    """Why a file is not even read: not a kind csdesk imports, empty, set aside by the user."""
    from csdesk.ingest.capture import is_capture_file

    if choice.skip:
        return "by_you"
    suffix = file.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES | TEXT_SUFFIXES and not is_capture_file(file):
        return "not_spreadsheet"
    if file.stat().st_size == 0:
        return "empty"
    return None


def _plan_file(
    name: str,
    file: Path,
    choice: FileChoice,
    ws: Workspace | None,
    as_of: Any,
    options: PlanOptions,
    lang: Lang,
    progress: ProgressCallback,
    sheet: str | None = None,
) -> RoomFile | Skipped:
    """The plan of one file, or of one sheet of a workbook (``sheet``: read, not chosen)."""
    from csdesk.ingest.plan import prepare

    _ = lang
    told = not choice.is_empty
    try:
        plan = prepare(
            file,
            ws=ws,
            sheet=choice.sheet or sheet,
            entity=choice.entity,
            mapping=dict(choice.mapping) or None,
            as_of=as_of,
            progress=progress,
            rates=dict(options.rates) or None,
            billing_period=options.billing_period,
            drop_identical=options.drop_identical,
            amounts_in=options.amounts_in,
            lang=lang,
        )
    except Cancelled:
        raise
    except CsdeskError as exc:
        if told:
            return RoomFile(name, file, None, str(exc), _(BLOCKED_HINT).format(name=name), choice)
        return Skipped(name, "unreadable", str(exc))
    if plan.rows_read == 0 and not plan.is_capture:
        return Skipped(name, "empty", _("empty: a header and no rows under it"))
    if plan.entity is None and file.suffix.lower() in TEXT_SUFFIXES and not told:
        return Skipped(name, "not_a_table", _(SKIP_REASONS["not_a_table"]))
    if plan.blocking:
        hint = _(BLOCKED_HINT).format(name=name) if plan.refusal_wants_mapping else None
        return RoomFile(name, file, plan, plan.blocking, hint, choice)
    if not plan.is_capture and not told and plan.entity_confidence < MIN_ROOM_CONFIDENCE:
        unsure = _(
            "csdesk is not sure what it holds: it looks most like {entity} (confidence "
            "{confidence}), too little to import it unseen."
        ).format(entity=plan.entity, confidence=lang.percent(plan.entity_confidence, decimals=0))
        return RoomFile(name, file, plan, unsure, _(BLOCKED_HINT).format(name=name), choice)
    return RoomFile(name, file, plan, None, None, choice)


def _split_entry(entry: str) -> tuple[str, str] | None:
    """(``Book.xlsx``, ``Sheet``) of an entry named ``Book.xlsx [Sheet]``, else None."""
    if not entry.endswith("]") or " [" not in entry:
        return None
    at = entry.rindex(" [")
    return entry[:at], entry[at + 2 : -1]


def _workbook_of(entry: str) -> str | None:
    split = _split_entry(entry)
    return split[0] if split else None


def _plan_other_sheets(
    first: RoomFile,
    choices: dict[str, FileChoice],
    ws: Workspace | None,
    as_of: Any,
    options: PlanOptions,
    lang: Lang,
    cancel: Cancel | None,
) -> list[RoomFile | Skipped]:
    """Every other sheet of a workbook, each an entry of the room (``Book.xlsx [Sheet]``):
    a client's register, contracts and revenue often come as the sheets of one workbook.
    Hidden sheets are set aside (named, not read); empty ones with the importer's reason."""
    _ = lang
    plan = first.plan
    if plan is None or plan.is_capture or not plan.sheets:
        return []
    out: list[RoomFile | Skipped] = []
    names = {info.name for info in plan.sheets}
    for info in plan.sheets:
        if info.name == plan.sheet:
            continue
        entry = sheet_entry(first.name, info.name)
        choice = choices.get(entry, FileChoice())
        if choice.skip:
            out.append(Skipped(entry, "by_you", lang(SKIP_REASONS["by_you"])))
            continue
        if info.hidden and choice.is_empty:
            out.append(Skipped(entry, "hidden_sheet", lang(SKIP_REASONS["hidden_sheet"])))
            continue
        _check(cancel)
        choice = replace(choice, sheet=None)  # the entry is that sheet, whatever it says
        out.append(
            _plan_file(entry, first.path, choice, ws, as_of, options, lang, silent, info.name)
        )
    # A mapping file's entry for a sheet this workbook does not have would be lost silently.
    named = (_split_entry(key) for key in choices)
    missing = sorted(s for w, s in filter(None, named) if w == first.name and s not in names)
    if missing:
        raise ImportRefused(
            _(
                "The mapping file names the sheets {sheets} of {file}, which has only {known}."
            ).format(
                sheets=", ".join(repr(m) for m in missing),
                file=first.name,
                known=", ".join(repr(n) for n in sorted(names)),
            )
        )
    return out


# -- order and duplicates -----------------------------------------------------------------


# What a calendar or mail file's touches are matched with: files of these kinds in the room
# are imported before it, so its plan is made again then (its first plan may find nobody).
_CAPTURE_NEEDS = frozenset({"people", "accounts", "contacts"})


def _provisional_capture(files: list[RoomFile]) -> list[RoomFile]:
    """Calendar and mail files refused only for want of accounts or contacts are kept when
    the room brings them: :func:`import_room` plans them again just before writing."""
    brings = any(f.ready and f.entity in _CAPTURE_NEEDS for f in files)
    if not brings:
        return files
    return [
        replace(f, blocked=None, hint=None)
        if f.plan is not None and f.plan.is_capture and f.blocked
        else f
        for f in files
    ]


def _ordered(files: list[RoomFile]) -> list[RoomFile]:
    """Dependency order; ready files before blocked ones of the same entity, then by name."""
    return sorted(files, key=lambda f: (f.order, not f.ready, f.name.lower(), f.name))


def _by_name(skipped: list[Skipped]) -> list[Skipped]:
    return sorted(skipped, key=lambda s: (s.file.lower(), s.file))


def _keep_first(name: str) -> tuple[int, int, str]:
    """Of several copies the one kept: the least nested, then the shortest name ("x.csv"
    before "x (1).csv" and "Cópia de x.csv"), then by name."""
    return name.count("/"), len(name), name


def _byte_duplicates(
    candidates: list[tuple[str, Path]], lang: Lang
) -> tuple[list[tuple[str, Path]], list[Skipped]]:
    _ = lang
    seen: dict[tuple[int, str], str] = {}
    kept: list[tuple[str, Path]] = []
    skipped: list[Skipped] = []
    for name, file in sorted(candidates, key=lambda c: _keep_first(c[0])):
        key = (file.stat().st_size, file_hash(file))
        if key in seen:
            reason = _("a byte-for-byte copy of {file}").format(file=seen[key])
            skipped.append(Skipped(name, "duplicate", reason))
            continue
        seen[key] = name
        kept.append((name, file))
    return kept, skipped


def _content_duplicates(files: list[RoomFile], lang: Lang) -> tuple[list[RoomFile], list[Skipped]]:
    """Files holding the same rows in another form (the CSV and the XLSX of one export)."""
    _ = lang
    seen: dict[str, str] = {}
    kept: list[RoomFile] = []
    skipped: list[Skipped] = []
    for room_file in sorted(files, key=lambda f: _keep_first(f.name)):
        key = _content_key(room_file.plan) if room_file.ready else None
        if key is not None and key in seen:
            reason = _("the same rows as {file}, in another form").format(file=seen[key])
            skipped.append(Skipped(room_file.name, "same_content", reason))
            continue
        if key is not None:
            seen[key] = room_file.name
        kept.append(room_file)
    return kept, skipped


def _content_key(plan: ImportPlan | None) -> str | None:
    """A digest of the rows as converted (entity, fields, values), or None when the plan
    does not keep them (a very large file: not compared)."""
    records = getattr(plan, "_records", None) if plan is not None else None
    if plan is None or plan.is_capture or not records:
        return None
    digest = hashlib.sha256(str(plan.entity).encode())
    try:
        for block in records:
            for name in sorted(n for n in block.fields if not n.startswith("_")):
                digest.update(name.encode("utf-8", "surrogatepass"))
                for chunk in _value_bytes(np.asarray(block.fields[name])):
                    digest.update(chunk)
            digest.update(np.asarray(block.ok, dtype=bool).tobytes())
    except (TypeError, ValueError, AttributeError):
        return None
    return digest.hexdigest()


def _value_bytes(values: np.ndarray) -> Iterator[bytes]:
    if values.dtype != object:
        yield values.dtype.str.encode()
        yield np.ascontiguousarray(values).tobytes()
        return
    yield "\x1e".join(_canonical(v) for v in values.tolist()).encode("utf-8", "surrogatepass")


def _canonical(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "\x00"
    return repr(value)
