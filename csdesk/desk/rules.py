"""The rule pack: what turns data into actions, read from a TOML file a person can review.

The shipped pack is ``resources/desk/rules.toml``; a workspace may override it with the setting
:data:`RULES_OVERRIDE` (TOML text of the same shape: a rule with a known id changes only the
fields it names, ``enabled = false`` turns it off, a new id adds a rule). Titles, reasons and
playbook steps are written in every language csdesk speaks, in the file itself, so a pack and
its wording travel together.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from csdesk.domain.actions import Priority
from csdesk.domain.enums import EventKind, Role
from csdesk.errors import CsdeskError
from csdesk.resources import resource_path
from csdesk.store.settings import Setting
from csdesk.store.workspace import Workspace

RULES_OVERRIDE: Setting[str | None] = Setting(
    "desk.rules", None, "Work-queue rules that replace or add to the shipped pack (TOML text)"
)

FROM_BAND = "from_band"  # priority read from the account's health band
_LANGUAGES = ("en", "pt_BR")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    condition: str
    owner_role: Role
    priority: Priority | None  # None: from the health band
    due_from: str  # "today" or "anchor"
    due_days: int
    due_not_before_today: bool
    titles: dict[str, str]
    whys: dict[str, str]
    steps: dict[str, tuple[str, ...]]
    params: dict[str, Any] = field(default_factory=dict)
    informed_role: Role | None = None
    auto_close: bool = False
    done_kind: EventKind = EventKind.NOTE
    whys_never: dict[str, str] = field(default_factory=dict)
    creates_opportunity: dict[str, str] | None = None
    enabled: bool = True

    def text(self, texts: dict[str, str], language: str) -> str:
        return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")

    def step_titles(self, language: str) -> tuple[str, ...]:
        return self.steps.get(language) or self.steps.get("en") or ()


@dataclass(frozen=True, slots=True)
class RulePack:
    rules: tuple[Rule, ...]

    def enabled(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def _by_language(raw: Any, where: str, name: str) -> dict[str, str]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        return {"en": raw}
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise CsdeskError(f"{where}: {name} must be a text per language (en = ..., pt_BR = ...).")
    return {str(k): v for k, v in raw.items()}


def _steps(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    if raw is None:
        return {}
    if isinstance(raw, list):
        raw = {"en": raw}
    if not isinstance(raw, dict):
        raise CsdeskError(f"{where}: steps must be a list of texts per language.")
    out = {}
    for lang, items in raw.items():
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise CsdeskError(f"{where}: steps.{lang} must be a list of texts.")
        out[str(lang)] = tuple(items)
    return out


def _choice(value: Any, kind: type[Any], where: str, name: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(str(m) for m in kind)
        raise CsdeskError(f"{where}: {name} {value!r} is not one of {choices}.") from None


def parse_rule(raw: dict[str, Any], source: str) -> Rule:
    """One rule from its TOML table; a mistake names the file, the rule and the field."""
    from csdesk.desk.conditions import CONDITIONS

    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise CsdeskError(f"{source}: a rule has no id.")
    where = f"{source}, rule {rule_id!r}"
    condition = raw.get("condition")
    if condition not in CONDITIONS:
        raise CsdeskError(
            f"{where}: condition {condition!r} is not one csdesk knows "
            f"({', '.join(sorted(CONDITIONS))})."
        )
    priority_raw = raw.get("priority", "medium")
    priority = (
        None if priority_raw == FROM_BAND else _choice(priority_raw, Priority, where, "priority")
    )
    due = raw.get("due", {})
    if not isinstance(due, dict) or due.get("from", "today") not in ("today", "anchor"):
        raise CsdeskError(f'{where}: due must be {{ from = "today" or "anchor", days = N }}.')
    days = due.get("days", 0)
    if not isinstance(days, int):
        raise CsdeskError(f"{where}: due.days must be a whole number of days, not {days!r}.")
    titles = _by_language(raw.get("title"), where, "title")
    if not titles:
        raise CsdeskError(f"{where}: a rule needs a title.")
    params = raw.get("params", {})
    if not isinstance(params, dict):
        raise CsdeskError(f"{where}: params must be a table of values.")
    informed = raw.get("informed")
    opportunity = raw.get("creates_opportunity")
    return Rule(
        id=rule_id.strip(),
        condition=str(condition),
        owner_role=_choice(raw.get("owner_role"), Role, where, "owner_role"),
        priority=priority,
        due_from=str(due.get("from", "today")),
        due_days=days,
        due_not_before_today=bool(due.get("not_before_today", False)),
        titles=titles,
        whys=_by_language(raw.get("why"), where, "why"),
        whys_never=_by_language(raw.get("why_never"), where, "why_never"),
        steps=_steps(raw.get("steps"), where),
        params=dict(params),
        informed_role=None if informed is None else _choice(informed, Role, where, "informed"),
        auto_close=bool(raw.get("auto_close", False)),
        done_kind=_choice(raw.get("done_kind", "note"), EventKind, where, "done_kind"),
        creates_opportunity=dict(opportunity) if isinstance(opportunity, dict) else None,
        enabled=bool(raw.get("enabled", True)),
    )


def _tables(text: str, source: str) -> list[dict[str, Any]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CsdeskError(f"{source} is not valid TOML: {exc}.") from None
    rules = data.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise CsdeskError(f"{source}: rules must be written as [[rules]] tables.")
    return rules


@cache
def _shipped_tables() -> tuple[dict[str, Any], ...]:
    path = resource_path("desk", "rules.toml")
    return tuple(_tables(path.read_text("utf-8"), "resources/desk/rules.toml"))


def merge(base: list[dict[str, Any]], override: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Override tables by id, field by field (a language table merges too); new ids append."""
    merged = [dict(table) for table in base]
    index = {table.get("id"): i for i, table in enumerate(merged)}
    for table in override:
        i = index.get(table.get("id"))
        if i is None:
            merged.append(dict(table))
            index[table.get("id")] = len(merged) - 1
            continue
        target = merged[i]
        for key, value in table.items():
            if isinstance(value, dict) and isinstance(target.get(key), dict):
                target[key] = {**target[key], **value}
            else:
                target[key] = value
    return merged


def pack_from_text(text: str | None, source: str = "the workspace's rules") -> RulePack:
    """The shipped pack with ``text`` (an override in TOML) laid over it."""
    tables = list(_shipped_tables())
    if text:
        tables = merge(tables, _tables(text, source))
    rules = [parse_rule(t, source if text else "resources/desk/rules.toml") for t in tables]
    seen: set[str] = set()
    for rule in rules:
        if rule.id == "manual":
            raise CsdeskError(f"{source}: 'manual' is kept for actions a person adds by hand.")
        seen.add(rule.id)
    return RulePack(tuple(rules))


def default_pack() -> RulePack:
    return pack_from_text(None)


def load_pack(ws: Workspace) -> RulePack:
    """The rules in force in this workspace."""
    return pack_from_text(RULES_OVERRIDE.get(ws))


@cache
def risk_reasons() -> tuple[tuple[str, dict[str, str]], ...]:
    """The risk-reason list (id, names per language), in the order menus show it."""
    data = tomllib.loads(resource_path("desk", "risk_reasons.toml").read_text("utf-8"))
    return tuple(
        (str(r["id"]), {lang: str(r.get(lang) or r["en"]) for lang in _LANGUAGES})
        for r in data["reasons"]
    )


def risk_reason_name(reason_id: str, language: str) -> str:
    for rid, names in risk_reasons():
        if rid == reason_id:
            return names.get(language, names["en"])
    return reason_id
