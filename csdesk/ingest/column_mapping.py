"""Mapping a sheet's columns to the fields of one entity, each with a confidence and reason.

A header is matched against the English and Portuguese names in ``fields.json`` (exactly,
after normalising case, accents, punctuation and camelCase: confidence 0.95; or containing
all the words of a name: 0.6-0.9). A name match is kept only if the column's values fit the
field (a ``churn_date`` column of dates is not the yes/no ``churned``). Required fields still
missing are then looked for among the unmapped columns by their values alone (0.45).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from csdesk.i18n import _
from csdesk.i18n.labels import field_label
from csdesk.ingest.values import convert, kind_label
from csdesk.ingest.vocabulary import EntitySpec, category_words, normalise_header
from csdesk.ingest.wording import share as shown_share

FIT_SHARE = 0.8
QUICK_LOOK = 20
_BRACKETED_TAIL = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
# Kinds that accept the same cells: one parse answers for all of them.
_SAME_FIT = {"date": "datetime", "month": "datetime", "money": "number", "hours": "minutes"}
# Kinds no cell without a digit can hold (a survey's score can: "Satisfeito").
_NEEDS_DIGITS = frozenset(
    {
        "number",
        "money",
        "int",
        "date",
        "datetime",
        "month",
        "minutes",
        "hours",
        "percent",
        "term",
    }
)
# Entities whose rows may belong to no account: they count for the whole portfolio.
PORTFOLIO_LEVEL = frozenset({"tickets", "surveys"})
# Fields that name the account a row belongs to.
ACCOUNT_FIELDS = ("account_id", "account")
# A column of at most this many distinct values, each repeated this often on average, is a
# category (type, status, product), never guessed as the account from its values alone.
CATEGORY_MAX = 12
CATEGORY_REPEATS = 3


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """How one column is read: the field it fills (None: not imported) and why."""

    column: str
    field: str | None
    confidence: float
    reason: str
    value_kind: str
    decision: str = ""
    # Left out although its header names this field: too few of its values read as one.
    resembles: str | None = None


class ColumnSamples:
    """The sample cells of every column, with cached 'does this kind fit' answers."""

    def __init__(
        self, names: Sequence[str], cells: Sequence[np.ndarray], blanks: Sequence[np.ndarray]
    ):
        self.names = list(names)
        self.cells = list(cells)
        self.blanks = list(blanks)
        self._fits: dict[tuple[int, str], float] = {}
        self._digits: dict[int, float] = {}

    def digit_share(self, column: int) -> float:
        """Share of non-blank cells holding a digit or a number: an upper bound for numbers
        and dates, found without parsing."""
        if column not in self._digits:
            cells = self.cells[column][~self.blanks[column]]
            if not len(cells):
                self._digits[column] = 1.0
            else:
                hits = sum(
                    1 for v in cells if not isinstance(v, str) or any(ch.isdigit() for ch in v)
                )
                self._digits[column] = hits / len(cells)
        return self._digits[column]

    def share(self, column: int, kind: str) -> float:
        """Share of the non-blank sample cells of ``column`` that read as ``kind`` (1.0 if none)."""
        kind = _SAME_FIT.get(kind, kind)
        key = (column, kind)
        if key not in self._fits:
            blank = self.blanks[column]
            filled = int((~blank).sum())
            if not filled or kind in ("id", "text"):
                self._fits[key] = 1.0
            elif kind in _NEEDS_DIGITS and self.digit_share(column) < 0.5:
                self._fits[key] = self.digit_share(column)
            else:
                # A first look at a few cells settles most columns without reading them all.
                cells = self.cells[column][~blank]
                first = convert(
                    kind, cells[:QUICK_LOOK], np.zeros(min(QUICK_LOOK, filled), dtype=bool)
                )
                share = 1.0 - float(first.bad.sum()) / min(QUICK_LOOK, filled)
                if share >= 0.5 and filled > QUICK_LOOK:
                    converted = convert(kind, cells, np.zeros(filled, dtype=bool))
                    share = 1.0 - float(converted.bad.sum()) / filled
                self._fits[key] = share
        return self._fits[key]

    def guess_kind(self, column: int) -> tuple[str, float]:
        """What an unmapped column seems to hold, and the share of its cells that fit."""
        if not (~self.blanks[column]).any():
            return "empty", 1.0
        for kind, label in (("number", "number"), ("datetime", "date"), ("bool", "bool")):
            share = self.share(column, kind)
            if share >= 0.9:
                return label, share
        return "text", 1.0

    def looks_like_category(self, column: int) -> bool:
        """A few values repeated over many rows (ticket types, statuses, products): a column
        that sorts rows, not one that names whom they belong to."""
        cells = self.cells[column][~self.blanks[column]]
        if not len(cells):
            return False
        distinct = len({str(v).strip().lower() for v in cells})
        return distinct <= CATEGORY_MAX and len(cells) >= CATEGORY_REPEATS * distinct

    def looks_like_text(self, column: int) -> bool:
        """Words rather than numbers or dates (what an account name column holds)."""
        if not (~self.blanks[column]).any():
            return False
        return self.share(column, "number") < 0.5 and self.share(column, "datetime") < 0.5


def name_candidates(header: str, spec: EntitySpec) -> list[tuple[str, float, str]]:
    """Fields of ``spec`` this header names, best first, as (field, confidence, reason)."""
    key = normalise_header(header)
    if not key:
        return []
    words = set(key.split())
    found: list[tuple[str, float, str]] = []
    for field in spec.fields.values():
        names = (normalise_header(field.name), *field.synonyms)
        if key in names:
            reason = _("header {header!r} is a name for {field}")
            named = field_label(field.name, spec.name)
            found.append((field.name, 0.95, reason.format(header=header, field=named)))
            continue
        best = 0.0
        # A word naming what sorts rows (purchase, age, e-mail...) that the name lacks makes
        # the header about something else: Date_of_Purchase is not a survey's date.
        other = words & category_words()
        for synonym in names:
            tokens = synonym.split()
            if not tokens or (len(tokens) == 1 and len(synonym) < 3):
                continue
            if other - set(tokens):
                continue
            if set(tokens) <= words:
                best = max(best, 0.6 + 0.3 * len(tokens) / len(words))
        if best:
            reason = _("header {header!r} contains a name for {field}").format(
                header=header, field=field_label(field.name, spec.name)
            )
            found.append((field.name, round(best, 2), reason))
    found.sort(key=lambda item: -item[1])
    return found


def is_ignored(header: str, spec: EntitySpec) -> bool:
    """A header the entity leaves out, also with a note in brackets after it
    ("Trial End (UTC)")."""
    return normalise_header(header) in spec.ignore or header_key(header) in spec.ignore


def header_key(header: str) -> str:
    """What a header names, normalised and without its note in brackets: ``Trial End (UTC)``
    -> ``trial end``."""
    return normalise_header(_BRACKETED_TAIL.sub("", header))


def map_columns(
    spec: EntitySpec,
    samples: ColumnSamples,
    *,
    skip: frozenset[int] = frozenset(),
) -> list[ColumnMapping]:
    """The best mapping of every column (except ``skip``) to the fields of ``spec``."""
    candidates: list[tuple[float, bool, int, str, str]] = []
    rejected: dict[int, tuple[str, str]] = {}  # column -> (reason, the field its header names)
    for column, header in enumerate(samples.names):
        if column in skip or is_ignored(header, spec):
            continue
        for field, confidence, reason in name_candidates(header, spec):
            kind = spec.fields[field].kind
            share = samples.share(column, kind)
            # Only a column filled on every sample row: an organisation left blank where the
            # customer is a company would leave those rows without their account.
            preferred = (
                header_key(header) in spec.fields[field].preferred
                and not samples.blanks[column].any()
            )
            if share >= FIT_SHARE:
                candidates.append((confidence, preferred, -column, field, reason))
            elif confidence >= 0.95:
                # The header says it outright: keep it, and let the bad cells be reported.
                doubt = _("{reason}, though only {share} of its values fit").format(
                    reason=reason, share=shown_share(share)
                )
                candidates.append((0.5, preferred, -column, field, doubt))
            elif column not in rejected:
                rejected[column] = (
                    _(
                        "header looks like {field}, but only {share} of its values read as {kind}"
                    ).format(
                        field=field_label(field, spec.name),
                        share=shown_share(share),
                        kind=kind_label(kind),
                    ),
                    field,
                )
    assigned: dict[int, ColumnMapping] = {}
    taken: dict[str, int] = {}  # field -> the column that fills it
    outnamed: dict[int, str] = {}  # column -> the field another column fills in its place
    for confidence, _preferred, negative_column, field, reason in sorted(candidates, reverse=True):
        column = -negative_column
        if column in assigned:
            continue
        if field in taken:
            outnamed.setdefault(column, field)
            continue
        assigned[column] = ColumnMapping(
            samples.names[column], field, confidence, reason, spec.fields[field].kind
        )
        taken[field] = column
    filled = set(taken)
    _annual_as_monthly(spec, samples, assigned, filled, skip)
    _fill_from_values(spec, samples, assigned, filled, skip)
    result: list[ColumnMapping] = []
    for column, header in enumerate(samples.names):
        if column in skip:
            continue
        if column in assigned:
            result.append(assigned[column])
            continue
        resembles = None
        if is_ignored(header, spec):
            reason = _("recognised and left out on purpose")
        elif column in outnamed and outnamed[column] in taken:
            field = outnamed[column]
            reason = _("also a name for {field}, which column {other!r} fills").format(
                field=field_label(field, spec.name), other=samples.names[taken[field]]
            )
        elif column in rejected:
            reason, named = rejected[column]
            # Another column fills that field: this one is not missed.
            resembles = None if named in filled else named
        else:
            reason = _("no field of this entity has this name")
        result.append(ColumnMapping(header, None, 0.0, reason, "text", resembles=resembles))
    return result


# Headers of an annual recurring revenue, which csdesk reads as 12 × an account's MRR.
_ANNUAL_REVENUE = frozenset(
    {
        "arr",
        "arr amount",
        "current arr",
        "annual recurring revenue",
        "arr atual",
        "receita recorrente anual",
    }
)


def field_kind(spec: EntitySpec, field: str, header: str) -> str:
    """How a column sent to ``field`` is read: the field's kind, except an account's ARR
    sent to its MRR, read as a year's amount (divided by 12, and said)."""
    if spec.name == "accounts" and field == "mrr" and header_key(header) in _ANNUAL_REVENUE:
        return "money_yearly"
    return spec.fields[field].kind


def _annual_as_monthly(
    spec: EntitySpec,
    samples: ColumnSamples,
    assigned: dict[int, ColumnMapping],
    taken: set[str],
    skip: frozenset[int],
) -> None:
    """An accounts file with an ARR and no MRR (Gainsight's, Salesforce's) gives the MRR
    from the ARR, not none: ARR is 12 × MRR by csdesk's own definition. Beside an MRR
    column the ARR stays out."""
    if spec.name != "accounts" or "mrr" in taken:
        return
    for column, header in enumerate(samples.names):
        if column in assigned or column in skip:
            continue
        if field_kind(spec, "mrr", header) != "money_yearly":
            continue
        if samples.share(column, "money") < FIT_SHARE:
            continue
        assigned[column] = ColumnMapping(
            header,
            "mrr",
            0.9,
            _("header {header!r} names the annual recurring revenue: the MRR is a twelfth").format(
                header=header
            ),
            "money_yearly",
        )
        taken.add("mrr")
        return


def _fill_from_values(
    spec: EntitySpec,
    samples: ColumnSamples,
    assigned: dict[int, ColumnMapping],
    taken: set[str],
    skip: frozenset[int],
) -> None:
    """Give still-missing required fields (and the account, and the fields of
    :data:`_FOUND_BY_VALUES`) an unmapped column that fits."""
    wanted = [f for f in spec.required if f not in taken]
    wanted += [f for f in _FOUND_BY_VALUES.get(spec.name, ()) if f not in taken]
    needs_account = "account" in spec.fields and not taken & set(ACCOUNT_FIELDS)
    if needs_account and "contract_id" not in taken:
        wanted.append("account")
    for field in wanted:
        kind = spec.fields[field].kind
        for column in range(len(samples.names)):
            if column in assigned or column in skip or is_ignored(samples.names[column], spec):
                continue
            if field in ACCOUNT_FIELDS and _names_a_category(samples, column):
                continue
            if _header_names_a_category(samples.names[column]):
                # Date_of_Purchase is no ticket's opening, Customer_Age no score.
                continue
            if kind in ("id", "text"):
                fits = samples.looks_like_text(column)
            else:
                fits = bool((~samples.blanks[column]).any()) and samples.share(column, kind) >= 0.9
            if fits:
                assigned[column] = ColumnMapping(
                    samples.names[column],
                    field,
                    0.45,
                    _("no header names {field}; the values of {column!r} look like it").format(
                        field=field_label(field, spec.name), column=samples.names[column]
                    ),
                    kind,
                )
                taken.add(field)
                break


# Optional fields whose values say what they are when no header names them: a CRM's
# pipeline ("Funil") whose every value is Upsell or Renovação is the opportunity's kind.
_FOUND_BY_VALUES = {"opportunities": ("kind",)}


def _names_a_category(samples: ColumnSamples, column: int) -> bool:
    """True when a column is not a guess for the account: its header names a category
    (``Ticket_Type``, ``Status``, ``Produto``), or its values are few and repeated."""
    if _header_names_a_category(samples.names[column]):
        return True
    return samples.looks_like_category(column)


def _header_names_a_category(header: str) -> bool:
    return bool(set(normalise_header(header).split()) & category_words())


def with_overrides(
    mappings: list[ColumnMapping], overrides: dict[str, str], spec: EntitySpec
) -> list[ColumnMapping]:
    """Apply the user's ``COLUMN=FIELD`` choices (field ``-`` or empty: leave the column out)."""
    from csdesk.ingest.errors import ImportRefused

    by_name = {m.column.lower(): i for i, m in enumerate(mappings)}
    result = list(mappings)
    for column, field in overrides.items():
        index = by_name.get(column.strip().lower())
        if index is None:
            listed = ", ".join(repr(m.column) for m in mappings)
            raise ImportRefused(
                _(
                    "--map {column}={field}: the sheet has no column {column!r}; its columns "
                    "are {columns}."
                ).format(column=column, field=field, columns=listed)
            )
        field = field.strip()
        if field in ("", "-", "none", "ignore"):
            result[index] = replace(
                result[index],
                field=None,
                confidence=1.0,
                reason=_("left out by you"),
                value_kind="text",
                resembles=None,
            )
            continue
        if field not in spec.fields:
            raise ImportRefused(
                _(
                    "--map {column}={field}: {entity} has no field {field!r}; its fields are "
                    "{fields}."
                ).format(
                    column=column, field=field, entity=spec.name, fields=", ".join(spec.fields)
                )
            )
        for i, other in enumerate(result):
            if other.field == field and i != index:
                result[i] = replace(
                    other,
                    field=None,
                    confidence=0.0,
                    reason=_("{field} was given to {column!r} by you").format(
                        field=field_label(field, spec.name), column=column
                    ),
                    resembles=None,
                )
        result[index] = replace(
            result[index],
            field=field,
            confidence=1.0,
            reason=_("set by you"),
            value_kind=field_kind(spec, field, column),
            resembles=None,
        )
    return result


def entity_score(spec: EntitySpec, mappings: list[ColumnMapping], file_stem: str) -> float:
    """How strongly the mapped columns (and the file name) say the sheet holds ``spec``."""
    score = 0.0
    named: set[str] = set()
    for mapping in mappings:
        if mapping.field is None:
            continue
        weight = spec.fields[mapping.field].weight
        if mapping.confidence >= 0.5:
            named.add(mapping.field)
            score += weight * mapping.confidence
    score += 1.5 * len(set(normalise_header(file_stem).split()) & spec.file_words)
    if any(field not in named for field in spec.required):
        score *= 0.25
    if "account" in spec.fields and not named & set(ACCOUNT_FIELDS) and "contract_id" not in named:
        # Tickets and survey responses may be the whole portfolio's (a help desk's export
        # often names no account); other rows need their account.
        score *= 0.6 if spec.name in PORTFOLIO_LEVEL else 0.25
    return score
