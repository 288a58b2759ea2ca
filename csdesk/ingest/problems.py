"""Problems found in a file, each naming the row (as the user sees it), column and value.

An ``error`` means the row is not imported; a ``warning`` means it is (or is skipped on
purpose, like a totals row or a duplicate) and the user should know. A column with thousands
of bad cells lists the first :data:`DETAILS_PER_KIND` and then one line with the count, so
the report stays readable and memory stays bounded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from csdesk.i18n import N_, _, ngettext
from csdesk.ingest.wording import count as shown_count

DETAILS_PER_KIND = 100
MAX_VALUE_CHARS = 80
# How a severity is named to a person (the severity itself stays "error" / "warning").
SEVERITY_NAMES = {"error": N_("error"), "warning": N_("warning")}


def shown(value: object) -> str | None:
    """A cell value as it appears in a message: text, shortened when very long."""
    if value is None:
        return None
    text = str(value)
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 1] + "…"
    return text


@dataclass(frozen=True, slots=True)
class Problem:
    row: int | None
    column: str | None
    value: str | None
    message: str
    severity: str  # "error": row not imported; "warning": imported or skipped on purpose

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        """``error: row 3, column 'MRR', value 'abc': <message>``, in the language in force."""
        where = []
        if self.row is not None:
            where.append(_("row {row}").format(row=self.row))
        if self.column is not None:
            where.append(_("column {column!r}").format(column=self.column))
        if self.value is not None:
            where.append(_("value {value!r}").format(value=self.value))
        severity = _(SEVERITY_NAMES[self.severity]) if self.severity in SEVERITY_NAMES else ""
        prefix = ", ".join(where)
        return f"{severity or self.severity}: {prefix + ': ' if prefix else ''}{self.message}"


@dataclass
class ProblemLog:
    """Collects problems with a cap per (column, message kind); counts everything.

    ``kind`` names a group of like problems to a person (translated, as the message is): the
    line that counts the problems not listed says which kind they are.
    """

    problems: list[Problem] = field(default_factory=list)
    _counts: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    _hidden: Counter[tuple[str | None, str, str]] = field(default_factory=Counter)

    def add(
        self,
        row: int | None,
        column: str | None,
        value: object,
        message: str,
        severity: str,
        *,
        kind: str | None = None,
    ) -> None:
        key = (column, kind or message)
        self._counts[key] += 1
        if self._counts[key] > DETAILS_PER_KIND:
            self._hidden[(column, kind or message, severity)] += 1
            return
        self.problems.append(Problem(row, column, shown(value), message, severity))

    def finished(self) -> list[Problem]:
        """All problems, plus one summary line per capped group, sorted by row."""
        out = sorted(self.problems, key=lambda p: (p.row is None, p.row or 0, p.column or ""))
        for (column, kind, severity), count in self._hidden.items():
            message = ngettext(
                "{count} more row with the same problem ({kind}) is not listed",
                "{count} more rows with the same problem ({kind}) are not listed",
                count,
            ).format(count=shown_count(count), kind=kind)
            out.append(Problem(None, column, None, message, severity))
        return out
