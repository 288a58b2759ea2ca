"""Per-column conversion of cells into what the workspace stores, by the field's kind.

Every converter works on a whole column (numpy/pandas, no per-cell Python loop on the hot
path; closed vocabularies are looked up once per distinct value) and returns the converted
values, which cells were there but could not be read, and the decision it made for the column
(decimal style, date order...), which the preview shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import numpy as np
import pandas as pd

from csdesk.i18n import N_, _
from csdesk.ingest import units
from csdesk.ingest.dates import parse_dates, to_iso
from csdesk.ingest.numbers import parse_numbers
from csdesk.ingest.vocabulary import boolean_words, normalise, word_map
from csdesk.ingest.wording import count

SCORE_SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}

# Kinds that are closed vocabularies: kind -> section of vocabulary.json.
ENUM_SECTIONS = {
    "account_status": "account_status",
    "billing_period": "billing_periods",
    "role": "roles",
    "event_kind": "event_kinds",
    "survey_type": "survey_types",
    "opportunity_kind": "opportunity_kinds",
    "opportunity_stage": "opportunity_stages",
    "opportunity_outcome": "opportunity_outcomes",
    "goal_status": "goal_statuses",
}

# What a person is told a value should have been, per kind (translated by ``expected``).
EXPECTED = {
    "id": N_("an identifier"),
    "text": N_("text"),
    "money": N_("an amount of money"),
    "money_yearly": N_("an amount of money"),
    "number": N_("a number"),
    "int": N_("a whole number"),
    "date": N_("a date"),
    "datetime": N_("a date or date and time"),
    "month": N_("a month (e.g. 2025-01, 01/2025, jan/25)"),
    "bool": N_("yes or no (Sim/Não, Yes/No, True/False, 1/0)"),
    "score": N_("a whole-number score"),
    "score_csat": N_("a CSAT score from 1 to 5"),
    "minutes": N_("a duration (minutes, or written as 1:30:00 or 1h 30min)"),
    "hours": N_("a duration (hours, or written as 1:30:00 or 1d 2h)"),
    "percent": N_("a percentage (45%, 45 or 0.45)"),
    "currency": N_("a currency (R$, US$, €, or a code such as BRL, USD, EUR)"),
    "term": N_("a term in months or years (12, 12 meses, 1 ano)"),
    "domain": N_("a web address or domain (acme.com)"),
}
# What a column's values are, as the columns step names a kind (translated by ``kind_label``);
# the kinds of unmapped columns ("empty") and of closed vocabularies ("words") too.
KIND_LABELS = {
    "id": N_("identifier"),
    "text": N_("text"),
    "money": N_("money"),
    "money_yearly": N_("money (a year's)"),
    "number": N_("number"),
    "int": N_("whole number"),
    "date": N_("date"),
    "datetime": N_("date and time"),
    "month": N_("month"),
    "bool": N_("yes/no"),
    "score": N_("score"),
    "score_csat": N_("CSAT score (1-5)"),
    "minutes": N_("duration (minutes)"),
    "hours": N_("duration (hours)"),
    "percent": N_("percentage"),
    "currency": N_("currency"),
    "term": N_("term (months)"),
    "domain": N_("domain"),
    "empty": N_("empty"),
}


@dataclass
class Converted:
    values: np.ndarray  # object array of storable values (None where blank or bad), or float
    bad: np.ndarray
    decision: str  # how the column was read, for a person (in the language in force)
    months_only: bool = False
    # The order the column's a/b/yyyy dates were read in (True: month first), when it had any.
    month_first: bool | None = None
    # A survey's scores read from the CSAT question's answers: those are CSAT scores.
    from_answers: bool = False


def _filled(values: np.ndarray, blank: np.ndarray) -> tuple[np.ndarray, pd.Series]:
    positions = np.flatnonzero(~blank)
    return positions, pd.Series(values[positions], dtype=object)


def to_text(values: np.ndarray, blank: np.ndarray) -> Converted:
    """Text as written, trimmed; a whole number stored as a float (``123.0``) reads ``123``."""
    out = np.full(len(values), None, dtype=object)
    positions, cells = _filled(values, blank)
    if len(positions):
        # Each distinct value is written out once: a column of 360,000 names has few.
        codes, uniques = pd.factorize(cells)
        texts = [u.strip() if isinstance(u, str) else _cell_text(u) for u in uniques]
        out[positions] = np.array(texts, dtype=object)[codes]
    return Converted(out, np.zeros(len(values), dtype=bool), _("text"))


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if hasattr(value, "isoformat"):
        # Only a date-time takes sep=; a date or a time of day (a workbook cell formatted
        # as a time) has a plain isoformat.
        text = value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
        return str(text).removesuffix(" 00:00:00")
    return str(value).strip()


def to_number(
    values: np.ndarray, blank: np.ndarray, *, cents: bool = False, scale: float = 1.0
) -> Converted:
    parsed = parse_numbers(values, blank)
    numbers = parsed.values * scale if scale != 1.0 else parsed.values
    numbers = np.round(numbers, 2) if cents else numbers
    decision = parsed.decision
    if scale != 1.0:
        decision = _(
            "{how}; the header says the amounts are in {unit}: multiplied by {factor}"
        ).format(
            how=decision,
            unit=_("thousands") if scale == 1000 else _("millions"),
            factor=count(int(scale)),
        )
    return Converted(numbers, parsed.bad, decision)


def to_duration(values: np.ndarray, blank: np.ndarray, kind: str, header: str | None) -> Converted:
    """A duration in the field's unit; the header's unit (``_hours``, ``(min)``, ``em horas``)
    says what plain numbers are in."""
    written = units.header_unit(header) if header else None
    numbers, bad, decision = units.parse_durations(values, blank, units.KIND_UNITS[kind], written)
    return Converted(numbers, bad, decision)


def to_percent(values: np.ndarray, blank: np.ndarray, header: str | None) -> Converted:
    numbers, bad, decision = units.parse_percentages(
        values, blank, units.header_percent(header) if header else False
    )
    return Converted(numbers, bad, decision)


_MAX_EXACT_INT = 2.0**53


def to_int(values: np.ndarray, blank: np.ndarray) -> Converted:
    parsed = parse_numbers(values, blank)
    numbers = parsed.values
    known = ~np.isnan(numbers)
    # Beyond 2**53 a float no longer holds every whole number (and infinity none): such a
    # count is bad, not silently cast to a wrong integer.
    huge = known & ~(np.abs(np.where(known, numbers, 0.0)) <= _MAX_EXACT_INT)
    fractional = known & ~huge & (np.round(numbers) != numbers)
    out = np.full(len(values), None, dtype=object)
    whole = known & ~fractional & ~huge
    out[whole] = numbers[whole].astype(np.int64).astype(object)
    return Converted(out, parsed.bad | fractional | huge, parsed.decision)


def to_date(
    values: np.ndarray, blank: np.ndarray, unit: str, month_first: bool | None
) -> Converted:
    parsed = parse_dates(values, blank, month_first=month_first)
    if unit == "s" and not parsed.has_time:
        decision = _("{how} (no times)").format(how=parsed.decision)
    else:
        decision = parsed.decision
    return Converted(
        to_iso(parsed.values, unit),
        parsed.bad,
        decision,
        parsed.months_only,
        parsed.month_first,
    )


def _lookup(values: np.ndarray, blank: np.ndarray, table: Callable[[object], object]) -> Converted:
    """Map each distinct cell once through ``table``; None from it means not understood."""
    out = np.full(len(values), None, dtype=object)
    bad = np.zeros(len(values), dtype=bool)
    positions, cells = _filled(values, blank)
    if len(positions):
        codes, uniques = pd.factorize(cells)
        mapped = np.array([table(value) for value in uniques] + [None], dtype=object)
        result = mapped[codes]
        out[positions] = result
        bad[positions] = np.array([v is None for v in result], dtype=bool)
    return Converted(out, bad, _("words"))


def _bool_of(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return int(value) if value in (0, 1) else None
    found = boolean_words().get(normalise(value))
    return None if found is None else int(found)


def to_bool(values: np.ndarray, blank: np.ndarray) -> Converted:
    converted = _lookup(values, blank, _bool_of)
    converted.decision = _("yes/no")
    return converted


def to_enum(values: np.ndarray, blank: np.ndarray, kind: str) -> Converted:
    table = word_map(ENUM_SECTIONS[kind])
    converted = _lookup(values, blank, lambda value: table.get(normalise(value)))
    converted.decision = _("one of: {values}").format(
        values=", ".join(_enum_names(kind, set(table.values())))
    )
    return converted


def _enum_names(kind: str, values: set[str]) -> list[str]:
    """The values a closed vocabulary reads into, by their names in the person's language
    ("Mensal", not ``monthly``), sorted as shown."""
    from csdesk.domain import enums
    from csdesk.i18n.labels import label

    kinds: dict[str, type[StrEnum]] = {
        "account_status": enums.AccountStatus,
        "billing_period": enums.BillingPeriod,
        "role": enums.Role,
        "event_kind": enums.EventKind,
        "survey_type": enums.SurveyType,
        "opportunity_kind": enums.OpportunityKind,
        "opportunity_stage": enums.OpportunityStage,
        "opportunity_outcome": enums.OpportunityOutcome,
        "goal_status": enums.GoalStatus,
    }
    enum = kinds.get(kind)
    names = []
    for value in values:
        try:
            names.append(label(enum(value)) if enum is not None else value)
        except ValueError:  # a word the vocabulary has and the enum not: shown as it is
            names.append(value)
    return sorted(names, key=str.casefold)


def to_stage(values: np.ndarray, blank: np.ndarray) -> Converted:
    """A CRM's stage names (Salesforce, HubSpot, Pipedrive, RD Station, Ploomes, Agendor) on
    csdesk's stages; a custom stage is kept as written, never a reason to refuse the row."""
    table = word_map("opportunity_stages")
    converted = _lookup(
        values,
        blank,
        lambda value: table.get(normalise(value)) or (str(value).strip() or None),
    )
    converted.decision = _("CRM stages mapped onto csdesk's; other stages kept as written")
    return converted


def domain_of(value: object) -> str | None:
    """``https://www.Acme.com/pt`` -> ``acme.com``; an e-mail address gives its domain."""
    text = str(value).strip().lower()
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    for prefix in ("https://", "http://"):
        text = text.removeprefix(prefix)
    text = text.split("/", 1)[0].split("?", 1)[0].removeprefix("www.")
    return text if "." in text and " " not in text else None


def to_score(values: np.ndarray, blank: np.ndarray, scale: tuple[int, int] | None) -> Converted:
    converted = to_int(values, blank)
    if scale is not None:
        low, high = scale
        numbers = np.array([np.nan if v is None else v for v in converted.values], dtype=float)
        outside = ~np.isnan(numbers) & ((numbers < low) | (numbers > high))
        converted.values[outside] = None
        converted.bad |= outside
        converted.decision = _("scores {low}-{high}").format(low=low, high=high)
    return converted


# A help desk's two-way rating (Zendesk's export writes Good or Bad, in Portuguese Bom or
# Ruim) is the CSAT question asked as satisfied or not: Good is read as 5 and Bad as 1, so
# that CSAT, the share of 4-5, is the help desk's own good / (good + bad). A survey offered
# and not answered, or never offered, is no rating.
_RATING_WORDS: dict[str, int | None] = {
    "good": 5,
    "bom": 5,
    "boa": 5,
    "bad": 1,
    "ruim": 1,
    "offered": None,
    "unoffered": None,
    "not offered": None,
    "oferecida": None,
    "oferecido": None,
    "nao oferecida": None,
    "nao oferecido": None,
}
# The five answers of the CSAT question itself ("How satisfied were you?"), as a help desk
# or a form exports them: read on the 1-5 scale they stand for.
_SATISFACTION_WORDS: dict[str, int | None] = {
    "very satisfied": 5,
    "satisfied": 4,
    "neutral": 3,
    "neither satisfied nor dissatisfied": 3,
    "dissatisfied": 2,
    "unsatisfied": 2,
    "very dissatisfied": 1,
    "very unsatisfied": 1,
    "muito satisfeito": 5,
    "muito satisfeita": 5,
    "satisfeito": 4,
    "satisfeita": 4,
    "neutro": 3,
    "neutra": 3,
    "indiferente": 3,
    "nem satisfeito nem insatisfeito": 3,
    "insatisfeito": 2,
    "insatisfeita": 2,
    "muito insatisfeito": 1,
    "muito insatisfeita": 1,
}


# A help desk's happiness scale (Freshdesk's satisfaction survey: Extremely happy ...
# Extremely unhappy, of three, five or seven points): the happy side satisfied.
_HAPPINESS_WORDS: dict[str, int | None] = {
    "extremely happy": 5,
    "very happy": 5,
    "happy": 4,
    "neutral": 3,
    "unhappy": 2,
    "very unhappy": 1,
    "extremely unhappy": 1,
}


def to_csat(values: np.ndarray, blank: np.ndarray) -> Converted:
    """CSAT scores 1-5, or a column of good/bad ratings (:data:`_RATING_WORDS`), of the five
    satisfaction answers (:data:`_SATISFACTION_WORDS`) or of a happiness scale
    (:data:`_HAPPINESS_WORDS`), each column read by one of them (only when none of its cells
    is a number: a mix is not guessed)."""
    converted = to_score(values, blank, SCORE_SCALES["csat"])
    if not converted.bad.any():
        return converted
    return _rating_words(values, blank) or converted


def to_survey_score(values: np.ndarray, blank: np.ndarray) -> Converted:
    """A survey's scores (their scale is their survey type's), or a column of the CSAT
    question's answers (Satisfied, Muito satisfeito), read as :func:`to_csat` reads them and
    marked as CSAT scores (``from_answers``)."""
    converted = to_score(values, blank, None)
    if not converted.bad.any():
        return converted
    answers = _rating_words(values, blank)
    if answers is None:
        return converted
    answers.from_answers = True
    return answers


def _rating_words(values: np.ndarray, blank: np.ndarray) -> Converted | None:
    """The column read by one of the two rating vocabularies, or None when neither reads
    every one of its cells."""
    positions, cells = _filled(values, blank)
    codes, uniques = pd.factorize(cells)
    words = [normalise(value) if isinstance(value, str) else None for value in uniques]
    table = next(
        (
            t
            for t in (_RATING_WORDS, _SATISFACTION_WORDS, _HAPPINESS_WORDS)
            if all(w in t for w in words)
        ),
        None,
    )
    if table is None:
        return None
    scores = np.array([table[word] for word in words if word is not None], dtype=object)
    out = np.full(len(values), None, dtype=object)
    out[positions] = scores[codes]
    if table is _HAPPINESS_WORDS:
        decision = _(
            "happiness ratings on the 1-5 scale: Extremely or Very happy 5, Happy 4, Neutral 3, "
            "Unhappy 2, Very or Extremely unhappy 1 (CSAT is the share of 4-5: the happy side)"
        )
    elif table is _SATISFACTION_WORDS:
        decision = _(
            "satisfaction answers on the 1-5 scale: Very satisfied 5, Satisfied 4, Neutral 3, "
            "Dissatisfied 2, Very dissatisfied 1 (CSAT is the share of 4-5)"
        )
    elif any(score is not None for score in scores):
        decision = _(
            "good/bad ratings: Good read as 5 (satisfied) and Bad as 1, so CSAT is the share "
            "rated Good; a survey offered and not answered is no rating"
        )
    else:
        decision = _("no ratings: every survey was offered and not answered, or never offered")
    return Converted(out, np.zeros(len(values), dtype=bool), decision)


def convert(
    kind: str,
    values: np.ndarray,
    blank: np.ndarray,
    *,
    month_first: bool | None = None,
    header: str | None = None,
) -> Converted:
    """Convert one column by kind (see ``fields.json``); text of spaces only is blank.

    ``header`` is the column's header, which may say a unit (hours, thousands, %).
    """
    converted = _convert(kind, values, blank, month_first, header)
    if converted.bad.any():
        spaces = np.array(
            [isinstance(v, str) and not v.strip() for v in values[converted.bad]], dtype=bool
        )
        if spaces.any():
            positions = np.flatnonzero(converted.bad)[spaces]
            converted.bad[positions] = False
            converted.values[positions] = np.nan if converted.values.dtype.kind == "f" else None
    return converted


def _convert(
    kind: str,
    values: np.ndarray,
    blank: np.ndarray,
    month_first: bool | None,
    header: str | None = None,
) -> Converted:
    if kind in ("id", "text"):
        return to_text(values, blank)
    if kind == "money":
        scale = units.header_scale(header) if header else 1.0
        return to_number(values, blank, cents=True, scale=scale)
    if kind == "money_yearly":
        scale = units.header_scale(header) if header else 1.0
        converted = to_number(values, blank, scale=scale)
        converted.values = np.round(converted.values / 12, 2)
        converted.decision = _("{how}; a year's amounts (ARR): divided by 12 for the MRR").format(
            how=converted.decision
        )
        return converted
    if kind in units.KIND_UNITS:
        return to_duration(values, blank, kind, header)
    if kind == "percent":
        return to_percent(values, blank, header)
    if kind == "term":
        months, bad, decision = units.parse_terms(values, blank, header)
        return Converted(months, bad, decision)
    if kind == "number":
        return to_number(values, blank)
    if kind == "int":
        return to_int(values, blank)
    if kind == "date":
        return to_date(values, blank, "D", month_first)
    if kind == "datetime":
        return to_date(values, blank, "s", month_first)
    if kind == "month":
        return to_date(values, blank, "M", month_first)
    if kind == "bool":
        return to_bool(values, blank)
    if kind == "score_csat":
        return to_csat(values, blank)
    if kind == "score":
        return to_survey_score(values, blank)
    if kind == "opportunity_stage":
        return to_stage(values, blank)
    if kind in ENUM_SECTIONS:
        return to_enum(values, blank, kind)
    if kind == "domain":
        converted = _lookup(values, blank, domain_of)
        converted.decision = _("web domains (https://www.acme.com/ read as acme.com)")
        return converted
    if kind == "currency":
        from csdesk.ingest.currencies import code_of

        converted = _lookup(values, blank, code_of)
        converted.decision = _("currency codes (BRL, USD, EUR, ...)")
        return converted
    raise ValueError(f"unknown field kind {kind!r}")


def expected(kind: str) -> str:
    """What a value of ``kind`` should have been, as a person is told (``an amount of money``)."""
    if kind in ENUM_SECTIONS:
        words = _enum_names(kind, set(word_map(ENUM_SECTIONS[kind]).values()))
        return _("one of {values}").format(values=", ".join(words))
    return _(EXPECTED[kind]) if kind in EXPECTED else kind


def kind_label(kind: str) -> str:
    """What a column of ``kind`` holds, in a word or two (``money``, ``date``)."""
    if kind in ENUM_SECTIONS:
        return _("words")
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind
