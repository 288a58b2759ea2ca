"""Deciding what a sheet holds (accounts, revenue, tickets...) and mapping its columns.

Every entity of the Fields table is tried: its mapping is scored by the weight of the fields
that headers name (a ``ticket_id`` says tickets far more than an ``account`` does), with a
nudge from words in the file name. A sheet with several month headers (``jan/24``,
``Jan 2024``, ``2024-01``, ``01/2024``, ``janeiro 2024``, or real dates) is revenue in wide
form: one row per account, one column per month. Below a minimum score the entity stays
undetermined and the user is asked to name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from csdesk.i18n import _
from csdesk.ingest import wording
from csdesk.ingest.column_mapping import (
    ACCOUNT_FIELDS,
    ColumnMapping,
    ColumnSamples,
    entity_score,
    map_columns,
)
from csdesk.ingest.dates import parse_dates, to_iso
from csdesk.ingest.grid import blank_mask
from csdesk.ingest.vocabulary import entity_specs

MIN_SCORE = 2.5
MIN_MONTH_COLUMNS = 3


@dataclass
class Detection:
    entity: str | None
    confidence: float
    mappings: list[ColumnMapping]
    month_columns: dict[int, str] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def is_wide_revenue(self) -> bool:
        return bool(self.month_columns)


def month_headers(raw_headers: list[object]) -> dict[int, str]:
    """Header cells that name a month (``YYYY-MM``), by column index."""
    cells = np.empty(len(raw_headers), dtype=object)
    cells[:] = [("" if value is None else value) for value in raw_headers]
    blank = blank_mask(cells)
    months = to_iso(parse_dates(cells, blank).values, "M")
    return {
        index: str(month)
        for index, month in enumerate(months)
        if month is not None and not blank[index]
    }


def _wide(samples: ColumnSamples, months: dict[int, str]) -> Detection:
    spec = entity_specs()["revenue"]
    mappings = map_columns(spec, samples, skip=frozenset(months))
    cleaned: list[ColumnMapping] = []
    for mapping in mappings:
        if mapping.field not in ACCOUNT_FIELDS and mapping.field is not None:
            mapping = replace(
                mapping,
                field=None,
                confidence=0.0,
                reason=_("a wide revenue sheet reads months from its headers"),
            )
        cleaned.append(mapping)
    by_column = {name: m for name, m in zip(_names_without(samples, months), cleaned, strict=True)}
    result: list[ColumnMapping] = []
    for index, name in enumerate(samples.names):
        if index in months:
            result.append(
                ColumnMapping(
                    name,
                    "mrr",
                    0.9,
                    _("header {header!r} is the month {month}").format(
                        header=name, month=wording.month(months[index])
                    ),
                    "money",
                )
            )
        else:
            result.append(by_column[name])
    has_account = any(m.field in ACCOUNT_FIELDS for m in result)
    confidence = 0.9 if has_account else 0.4
    return Detection("revenue", confidence, result, months, {"revenue": 100.0})


def _names_without(samples: ColumnSamples, skip: dict[int, str]) -> list[str]:
    return [name for index, name in enumerate(samples.names) if index not in skip]


def detect(
    samples: ColumnSamples,
    raw_headers: list[object],
    file_stem: str,
    *,
    entity: str | None = None,
) -> Detection:
    """Pick the entity (or use the one given) and map the columns for it."""
    specs = entity_specs()
    months = month_headers(raw_headers)
    if len(months) >= MIN_MONTH_COLUMNS and entity in (None, "revenue"):
        return _wide(samples, months)
    if entity is not None:
        mappings = map_columns(specs[entity], samples)
        score = entity_score(specs[entity], mappings, file_stem)
        return Detection(entity, 1.0, mappings, {}, {entity: score})
    results: dict[str, tuple[float, list[ColumnMapping]]] = {}
    for name, spec in specs.items():
        mappings = map_columns(spec, samples)
        results[name] = (entity_score(spec, mappings, file_stem), mappings)
    ranked = sorted(results.items(), key=lambda item: -item[1][0])
    scores = {name: round(score, 2) for name, (score, _mappings) in ranked}
    best_name, (best, best_mappings) = ranked[0]
    second = ranked[1][1][0] if len(ranked) > 1 else 0.0
    if best < MIN_SCORE:
        return Detection(None, 0.0, [], {}, scores)
    confidence = round(min(1.0, best / 8.0) * best / (best + second), 2)
    return Detection(best_name, confidence, best_mappings, {}, scores)
