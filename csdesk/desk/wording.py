"""An action's title, why and steps in the reader's language, from its rule and figures.

The rule pack holds the wording; the action stores the figures (``why_data``) and the text as
it read when raised, in the language it was raised in. Shown in that language it reads as
stored (a queue of thousands is not worded again, and an action keeps the words it was raised
with); shown in another language it is worded again from its rule and figures. A manual action,
or one whose rule is gone, shows what it stored.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from csdesk.desk.rules import Rule, RulePack
from csdesk.domain.actions import Action
from csdesk.domain.enums import HealthBand, TicketPriority
from csdesk.domain.month import Month
from csdesk.i18n import formatting as fmt
from csdesk.i18n import language
from csdesk.i18n.labels import label

_DATES = {"renewal_date", "last_touch", "answered", "measured", "opened", "started"}
_MONTHS = {"month", "previous_month"}
_SCORES = {"score", "previous"}


class _Kept(dict[str, str]):
    """Leaves a {field} the figures do not have as it is written (an edited rule)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _value(key: str, value: Any, loc: str, currency: str) -> str:
    if isinstance(value, str | int | float | bool) or value is None:
        return _cached_value(key, value, loc, currency)
    return str(value)


@lru_cache(maxsize=8192, typed=True)
def _cached_value(key: str, value: Any, loc: str, currency: str) -> str:
    """A queue of thousands repeats the same dates, seat counts and bands: format each once."""
    if value is None:
        return fmt.UNKNOWN
    if key in _DATES and isinstance(value, str):
        try:
            return fmt.day(date.fromisoformat(value), loc)
        except ValueError:
            return value
    if key in _MONTHS and isinstance(value, str):
        return fmt.month(Month.parse(value), loc)
    if key in ("band", "previous_band"):
        with language(loc):
            return label(HealthBand(value))
    if key == "priority" and value in TicketPriority._value2member_map_:
        with language(loc):
            return label(TicketPriority(value))
    if key == "contract_value" and isinstance(value, int | float):
        return fmt.money(float(value), currency, loc, cents=False)
    if key == "share" and isinstance(value, int | float):
        return fmt.percent(float(value), loc, decimals=0)
    if key in _SCORES and isinstance(value, int | float):
        return (
            fmt.number(float(value), loc, decimals=1)
            if key != "score" or isinstance(value, float)
            else fmt.number(value, loc)
        )
    if key == "change" and isinstance(value, int | float):
        text = fmt.number(abs(float(value)), loc, decimals=1)
        return ("−" if value < 0 else "+") + text
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return fmt.number(float(value), loc)
    return str(value)


def fill(template: str, data: dict[str, Any], loc: str, currency: str) -> str:
    values = _Kept({k: _value(k, v, loc, currency) for k, v in data.items()})
    try:
        return template.format_map(values)
    except (ValueError, IndexError, AttributeError):
        return template  # a brace the author meant literally


def rule_title(rule: Rule, data: dict[str, Any], loc: str, currency: str) -> str:
    return fill(rule.text(rule.titles, _language(loc)), data, loc, currency)


def rule_why(
    rule: Rule, data: dict[str, Any], loc: str, currency: str, *, variant: str = ""
) -> str:
    texts = rule.whys_never if variant == "never" and rule.whys_never else rule.whys
    return fill(rule.text(texts, _language(loc)), data, loc, currency) if texts else ""


@lru_cache(maxsize=16)
def _language(loc: str) -> str:
    from csdesk.i18n.translation import resolve_language

    return resolve_language(loc)


def present(action: Action, pack: RulePack, loc: str, currency: str) -> tuple[str, str, list[str]]:
    """(title, why, step titles) of ``action`` in ``loc``'s language."""
    rule = None if action.is_manual else pack.get(action.rule)
    steps = [s.title for s in action.steps]
    if rule is None or action.language == _language(loc):
        return action.title, action.why, steps
    variant = "never" if action.dedupe_key == "never" else ""
    title = rule_title(rule, action.why_data, loc, currency)
    why = rule_why(rule, action.why_data, loc, currency, variant=variant) or action.why
    shipped = rule.step_titles(_language(loc))
    if len(shipped) == len(steps):
        steps = list(shipped)
    return title, why, steps
