"""Build a demo portfolio into a workspace: `csdesk demo`, and the data of every benchmark.

The whole portfolio is written in one transaction, table after table (each table is built just
before it is written, so the large portfolio never holds all its rows in memory at once).
Randomness comes from one numpy seed split into independent streams, one per part, so the same
seed and ``today`` give the same rows, byte for byte. Rows carry ``batch_id`` NULL: they were
not imported.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from typing import Any

import numpy as np

from csdesk.demo import accounts as account_table
from csdesk.demo import contacts as contact_table
from csdesk.demo import pipeline, surveys, tickets, timeline, usage
from csdesk.demo.book import Book, build_book
from csdesk.demo.people import build_team
from csdesk.demo.signals import build_signals
from csdesk.demo.sizes import DemoSize, size_named
from csdesk.demo.stories import STORIES, Archetype
from csdesk.demo.timegrid import TimeGrid
from csdesk.domain.enums import Role
from csdesk.domain.month import Month
from csdesk.errors import N_, CsdeskError
from csdesk.i18n.lang import ENGLISH, Lang
from csdesk.progress import ProgressCallback, silent
from csdesk.store.bulk import insert_rows
from csdesk.store.workspace import Workspace

_CHUNK = 100_000
_PARTS = ("team", "book", "accounts", "contacts", "signals", "tickets", "surveys", "usage",
          "events", "opportunities", "goals")  # fmt: skip


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate` wrote: rows per table, and last month's MRR."""

    size: str
    seed: int
    counts: dict[str, int]
    last_month: Month
    mrr_last_month: float
    currency: str
    active_accounts: int
    churned_accounts: int


def generate(
    ws: Workspace,
    *,
    size: str | DemoSize = "small",
    seed: int = 7,
    today: date | None = None,
    progress: ProgressCallback = silent,
    lang: Lang = ENGLISH,
) -> DemoSummary:
    """Write a demo portfolio into ``ws``, which must hold no accounts yet.

    ``size`` is a preset name ("small", "large") or a :class:`DemoSize`. History ends with the
    month before ``today`` (default: the real today). ``progress`` may raise
    :class:`~csdesk.progress.Cancelled`; nothing is written then. Its messages are in ``lang``.
    """
    preset = size if isinstance(size, DemoSize) else size_named(size)
    today = today or date.today()
    streams = {
        name: np.random.default_rng(child)
        for name, child in zip(_PARTS, np.random.SeedSequence(seed).spawn(len(_PARTS)), strict=True)
    }
    writer = _Writer(ws, progress, lang)
    _ = lang
    with _bulk_write_settings(ws), ws.transaction():
        if ws.scalar("SELECT EXISTS (SELECT 1 FROM accounts)"):
            raise CsdeskError(
                N_(
                    "{path} already holds accounts; a demo portfolio goes into a new or "
                    "empty workspace. Choose another file name."
                ),
                path=ws.path,
            )
        progress(0.0, _("Building the accounts"))
        grid = TimeGrid.ending_before(today, preset.months)
        team = build_team(streams["team"], preset)
        book = build_book(streams["book"], grid, preset.accounts, team)
        facts = account_table.account_rows(streams["accounts"], book)
        writer.write("people", ("id", "name", "role", "email", "capacity_hours"), team.rows, 0.02)
        writer.write("accounts", account_table.ACCOUNT_COLUMNS, facts.rows, 0.04)
        contacts = contact_table.build_contacts(streams["contacts"], book)
        writer.write("contacts", contact_table.COLUMNS, contacts.rows, 0.06)
        with ws.transaction() as conn:  # a calendar or mailbox matches people by it
            conn.executemany(
                "UPDATE accounts SET domain = ? WHERE id = ?",
                [(d, i + 1) for i, d in enumerate(contact_table.account_domains(book))],
            )
        writer.write(
            "contracts",
            account_table.CONTRACT_COLUMNS,
            account_table.contract_rows(book, facts),
            0.08,
        )
        writer.write("revenue_months", ("account_id", "month", "mrr"), _revenue_rows(book), 0.15)

        signals = build_signals(streams["signals"], book)
        writer.write(
            "usage", usage.COLUMNS, usage.build_usage(streams["usage"], book, signals), 0.27
        )
        progress(0.27, _("Drawing support tickets"))
        ticket_rows, escalations = tickets.build_tickets(
            streams["tickets"], book, signals, preset.tickets
        )
        writer.write("tickets", tickets.COLUMNS, ticket_rows, 0.5)
        del ticket_rows
        progress(0.5, _("Drawing survey answers"))
        writer.write(
            "surveys",
            surveys.COLUMNS,
            surveys.build_surveys(streams["surveys"], book, signals, contacts, preset.surveys),
            0.58,
        )
        progress(0.58, _("Writing the timeline"))
        writer.write(
            "events",
            timeline.COLUMNS,
            timeline.build_events(
                streams["events"],
                book,
                signals,
                facts,
                contacts,
                escalations,
                team.ids[Role.CX],
                preset.events,
            ),
            0.95,
        )
        writer.write(
            "opportunities",
            pipeline.OPPORTUNITY_COLUMNS,
            pipeline.build_opportunities(streams["opportunities"], book, facts),
            0.97,
        )
        writer.write(
            "goals", pipeline.GOAL_COLUMNS, pipeline.build_goals(streams["goals"], book, signals),
            0.99,
        )  # fmt: skip
        writer.write("qbr_narratives", _NARRATIVE_COLUMNS, _narratives(book), 1.0)
    progress(1.0, _("Demo portfolio written"))
    churned = int(book.churned.sum())
    return DemoSummary(
        size=preset.name,
        seed=seed,
        counts=writer.counts,
        last_month=grid.last_month,
        mrr_last_month=round(float(book.mrr[:, -1].sum()), 2),
        currency=account_table.CURRENCY,
        active_accounts=book.count - churned,
        churned_accounts=churned,
    )


@contextlib.contextmanager
def _bulk_write_settings(ws: Workspace) -> Iterator[None]:
    """A large page cache, and no per-row foreign-key lookups, while the demo is written.

    Every reference the demo writes points at rows it wrote itself (the tests run
    ``PRAGMA foreign_key_check`` on the result), and checking millions of them one by one
    costs about a tenth of the large portfolio's write time. Both settings belong to this
    connection only and are restored afterwards; ``foreign_keys`` can only change outside a
    transaction, hence this wraps it.
    """
    cache = ws.scalar("PRAGMA cache_size")
    foreign_keys = ws.scalar("PRAGMA foreign_keys")
    ws.execute("PRAGMA cache_size = -1000000")  # KiB: up to 1 GB of pages
    ws.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        ws.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        ws.execute(f"PRAGMA cache_size = {int(cache)}")


class _Writer:
    """Inserts rows in chunks inside the open transaction, reporting progress as it goes.

    Each chunk is a savepoint written with :func:`~csdesk.store.bulk.insert_rows` (many rows
    per INSERT), so progress can be reported between chunks.
    """

    def __init__(self, ws: Workspace, progress: ProgressCallback, lang: Lang) -> None:
        self.ws = ws
        self.progress = progress
        self.lang = lang
        self.done = 0.0
        self.counts: dict[str, int] = {}

    def write(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], until: float
    ) -> None:
        size = len(rows) if isinstance(rows, Sequence) else None
        iterator = iter(rows)
        written = 0
        start = self.done
        while chunk := list(islice(iterator, _CHUNK)):
            with self.ws.transaction() as conn:
                written += insert_rows(conn, table, columns, chunk)
            share = written / size if size else 1.0
            _ = self.lang
            # Translators: {table} is the table's own name (accounts, revenue_months...).
            said = _("Writing {table}: {count} rows").format(
                table=table, count=self.lang.number(written)
            )
            self.progress(start + (until - start) * share, said)
        self.counts[table] = written
        self.done = until


def _revenue_rows(book: Book) -> Iterable[tuple[int, str, float]]:
    account, month = np.nonzero(book.mrr > 0)
    labels = np.array(book.grid.month_labels(), dtype=object)
    return zip(
        (account + 1).tolist(),
        labels[month].tolist(),
        book.mrr[account, month].tolist(),
        strict=True,
    )


_NARRATIVE_COLUMNS = ("account_id", "quarter", "summary", "next_steps", "updated_at")


def _narratives(book: Book) -> list[tuple[Any, ...]]:
    """A written QBR for the happy account and for the one whose champion left."""
    grid = book.grid
    current = Month.of(grid.today)
    previous = Month.from_ordinal((current.ordinal // 3 - 1) * 3)
    quarter = f"{previous.year}Q{previous.quarter}"
    updated = f"{(grid.today - timedelta(days=1)).isoformat()} 17:30:00"
    rows: list[tuple[Any, ...]] = []
    for index, story in enumerate(STORIES):
        if story.archetype is Archetype.EXPANDING:
            summary = (
                "Adoção acima de 90% das licenças; a diretora de obras confirmou o interesse no "
                "módulo de BI para as 14 obras em andamento."
            )
            steps = [
                {"step": "Enviar caso de uso do módulo de BI", "owner_role": "cs", "due": None},
                {"step": "Proposta comercial do módulo de BI", "owner_role": "am", "due": None},
            ]
        elif story.archetype is Archetype.CHAMPION_LEFT:
            summary = (
                f"{story.champion} left; {story.successor} has not met us. Usage is down and NPS "
                "fell from 9 to 3. Recovery plan below."
            )
            steps = [
                {"step": f"Intro meeting with {story.successor}", "owner_role": "cs", "due": None},
                {"step": "Usage review with the operations team", "owner_role": "cs", "due": None},
                {
                    "step": "Check renewal terms before the next QBR",
                    "owner_role": "am",
                    "due": None,
                },
            ]
        else:
            continue
        due = (grid.today + timedelta(days=21)).isoformat()
        for step in steps:
            step["due"] = due
        rows.append((index + 1, quarter, summary, json.dumps(steps, ensure_ascii=False), updated))
    return rows
