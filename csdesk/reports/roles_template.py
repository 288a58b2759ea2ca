"""The role-clarity matrix: who does what between CS, AM, Support and CX, per language.

The shipped default lives in ``resources/templates/roles.<lang>.toml``. A user who edits
it in the app gets a copy stored in the workspace settings (one per language), so the client's
own wording travels with the workspace; :func:`load_template` prefers that copy. Every template,
shipped or edited, is validated the same way: known roles only, RACI letters only, exactly one
accountable role per responsibility.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from csdesk.domain.enums import Role
from csdesk.errors import N_, CsdeskError
from csdesk.i18n.formatting import normalise
from csdesk.resources import resource_path
from csdesk.store.settings import Setting
from csdesk.store.workspace import Workspace

RACI_LETTERS = "RACI"
ROLE_ORDER = (Role.CS, Role.AM, Role.SUPPORT, Role.CX)


@dataclass(frozen=True, slots=True)
class RoleCard:
    """What the document says about one role: its stance, mission, channels, response time."""

    name: str
    short: str
    stance: str
    mission: str
    channels: tuple[str, ...]
    response_time: str
    call_for: str


@dataclass(frozen=True, slots=True)
class Responsibility:
    """One row of the RACI matrix; ``raci`` maps each role to its letters ("" = not involved)."""

    key: str
    title: str
    detail: str
    raci: dict[Role, str]

    def accountable(self) -> Role:
        return next(role for role, letters in self.raci.items() if "A" in letters)


@dataclass(frozen=True, slots=True)
class EscalationStep:
    who: Role
    trigger: str
    action: str


@dataclass(frozen=True)
class RolesTemplate:
    language: str
    title: str
    intro: str
    handoff: str
    roles: dict[Role, RoleCard]
    responsibilities: tuple[Responsibility, ...]
    escalation: tuple[EscalationStep, ...]
    source: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The template as plain data, the shape of the TOML file (and of the stored copy)."""
        return {
            "language": self.language,
            "title": self.title,
            "intro": self.intro,
            "handoff": self.handoff,
            "roles": {
                role.value: {
                    "name": card.name,
                    "short": card.short,
                    "stance": card.stance,
                    "mission": card.mission,
                    "channels": list(card.channels),
                    "response_time": card.response_time,
                    "call_for": card.call_for,
                }
                for role, card in self.roles.items()
            },
            "responsibilities": [
                {
                    "key": item.key,
                    "title": item.title,
                    "detail": item.detail,
                    "raci": {role.value: letters for role, letters in item.raci.items()},
                }
                for item in self.responsibilities
            ],
            "escalation": [
                {"who": step.who.value, "trigger": step.trigger, "action": step.action}
                for step in self.escalation
            ],
        }


def _setting(language: str) -> Setting[dict[str, Any] | None]:
    return Setting(
        f"reports.roles_template.{language}", None, "Role-clarity matrix edited by the user", dict
    )


def default_template(language: str | None) -> RolesTemplate:
    """The shipped matrix for ``language`` (``en`` or ``pt_BR``; ``pt-BR`` is accepted)."""
    return _shipped(normalise(language))


@cache
def _shipped(lang: str) -> RolesTemplate:
    """Read once per process: every QBR's "your team" page and every role-clarity document
    start from it (a template is never changed in place; edits make a new one)."""
    resource = resource_path("templates", f"roles.{lang}.toml")
    source = f"resources/templates/roles.{lang}.toml"
    try:
        data = tomllib.loads(resource.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CsdeskError(
            N_("the role-clarity template {source} cannot be read: {exc}."), source=source, exc=exc
        ) from exc
    return parse_template(data, source)


def load_template(ws: Workspace | None, language: str | None) -> RolesTemplate:
    """The user's edited matrix stored in ``ws`` for that language, else the shipped one."""
    lang = normalise(language)
    if ws is not None:
        stored = _setting(lang).get(ws)
        if stored is not None:
            return parse_template(stored, f"the workspace setting reports.roles_template.{lang}")
    return default_template(lang)


def save_template(ws: Workspace, template: RolesTemplate) -> None:
    """Store an edited matrix in the workspace, after checking it as a loaded one is checked."""
    data = template.to_dict()
    parse_template(data, "the edited role-clarity matrix")
    _setting(normalise(template.language)).set(ws, data)


def reset_template(ws: Workspace, language: str | None) -> None:
    """Forget the user's copy for ``language``; the shipped matrix applies again."""
    _setting(normalise(language)).reset(ws)


# -- parsing ---------------------------------------------------------------------------------


def parse_template(data: Any, source: str) -> RolesTemplate:
    """Validate plain data (a TOML file or a stored copy) into a template; CsdeskError if bad."""
    if not isinstance(data, dict):
        raise CsdeskError(
            N_("{source}: the role-clarity matrix must be a table of fields."), source=source
        )
    roles_data = _table(data, "roles", source)
    roles: dict[Role, RoleCard] = {}
    for role in ROLE_ORDER:
        card = _table(roles_data, role.value, f"{source}, roles")
        where = f"{source}, roles.{role.value}"
        channels = card.get("channels", [])
        if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
            raise CsdeskError(
                N_("{where}: channels must be a list of texts, not {channels!r}."),
                where=where,
                channels=channels,
            )
        roles[role] = RoleCard(
            name=_text(card, "name", where),
            short=_text(card, "short", where),
            stance=_text(card, "stance", where),
            mission=_text(card, "mission", where),
            channels=tuple(channels),
            response_time=_text(card, "response_time", where),
            call_for=_text(card, "call_for", where),
        )
    unknown = sorted(set(roles_data) - {r.value for r in ROLE_ORDER})
    if unknown:
        raise CsdeskError(
            N_("{source}: unknown role {role!r} under roles; the roles are cs, am, support, cx."),
            source=source,
            role=unknown[0],
        )
    return RolesTemplate(
        language=normalise(_text(data, "language", source)),
        title=_text(data, "title", source),
        intro=_text(data, "intro", source).strip(),
        handoff=_text(data, "handoff", source).strip(),
        roles=roles,
        responsibilities=tuple(
            _responsibility(item, f"{source}, responsibility {index}")
            for index, item in enumerate(_list(data, "responsibilities", source), start=1)
        ),
        escalation=tuple(
            _step(item, f"{source}, escalation step {index}")
            for index, item in enumerate(_list(data, "escalation", source), start=1)
        ),
        source=source,
    )


def _responsibility(item: Any, where: str) -> Responsibility:
    if not isinstance(item, dict):
        raise CsdeskError(
            N_("{where}: must be a table with key, title, detail and raci."), where=where
        )
    raci_data = _table(item, "raci", where)
    raci: dict[Role, str] = {}
    for role in ROLE_ORDER:
        letters = raci_data.get(role.value, "")
        if not isinstance(letters, str):
            raise CsdeskError(
                N_("{where}: raci.{role} must be text, not {letters!r}."),
                where=where,
                role=role.value,
                letters=letters,
            )
        letters = letters.strip().upper().replace("/", "")
        bad = [ch for ch in letters if ch not in RACI_LETTERS]
        if bad or len(set(letters)) != len(letters):
            raise CsdeskError(
                N_(
                    "{where}: raci.{role} = {letters!r} is not a RACI value; use letters "
                    'from R, A, C, I (e.g. "RA") or "" for not involved.'
                ),
                where=where,
                role=role.value,
                letters=raci_data.get(role.value),
            )
        raci[role] = "".join(ch for ch in RACI_LETTERS if ch in letters)
    accountable = [role.value for role, letters in raci.items() if "A" in letters]
    if len(accountable) != 1:
        raise CsdeskError(
            N_(
                "{where} ({title!r}): exactly one role must be accountable (A); found "
                "{count} ({roles})."
            )
            if accountable
            else N_("{where} ({title!r}): exactly one role must be accountable (A); found none."),
            where=where,
            title=item.get("title", "?"),
            count=len(accountable),
            roles=", ".join(accountable),
        )
    return Responsibility(
        key=_text(item, "key", where),
        title=_text(item, "title", where),
        detail=_text(item, "detail", where, required=False),
        raci=raci,
    )


def _step(item: Any, where: str) -> EscalationStep:
    if not isinstance(item, dict):
        raise CsdeskError(N_("{where}: must be a table with who, trigger and action."), where=where)
    who = _text(item, "who", where)
    try:
        role = Role(who)
    except ValueError:
        raise CsdeskError(
            N_("{where}: who = {who!r} is not a role; use cs, am, support or cx."),
            where=where,
            who=who,
        ) from None
    return EscalationStep(role, _text(item, "trigger", where), _text(item, "action", where))


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise CsdeskError(N_("{where}: {key} is missing or is not a table."), where=where, key=key)
    return value


def _list(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise CsdeskError(N_("{where}: {key} is missing or empty."), where=where, key=key)
    return value


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key, "" if not required else None)
    if not isinstance(value, str) or (required and not value.strip()):
        raise CsdeskError(
            N_("{where}: {key} must be a non-empty text, not {value!r}."),
            where=where,
            key=key,
            value=value,
        )
    return value
