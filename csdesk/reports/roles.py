"""What the role-clarity onboarding document says, gathered from the workspace.

The document is generic (for any customer) or about one account, in which case it names the
people who look after that account. The content is assembled here, once, as plain data;
:mod:`csdesk.reports.roles_pdf` lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csdesk.domain.enums import Role
from csdesk.i18n.lang import ENGLISH, Lang
from csdesk.reports.account_lookup import resolve_account
from csdesk.reports.roles_template import RolesTemplate, load_template
from csdesk.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class TeamMember:
    """A named person who looks after the account, in one role."""

    role: Role
    name: str
    email: str | None


@dataclass(frozen=True)
class RolesDocument:
    """The document's content, in ``lang``: the PDF writes in the language it was made in."""

    lang: Lang
    template: RolesTemplate
    prepared_on: date
    account_name: str | None = None
    account_external_id: str | None = None
    team: tuple[TeamMember, ...] = ()

    @property
    def language(self) -> str:
        """The code of ``lang`` (``en``, ``pt_BR``), for formatting."""
        return self.lang.code

    @property
    def prepared_by(self) -> str | None:
        """The account's CSM, who hands the document to the customer."""
        return next((m.name for m in self.team if m.role is Role.CS), None)


def build_roles_document(
    ws: Workspace | None,
    account: str | None = None,
    *,
    lang: Lang = ENGLISH,
    today: date | None = None,
) -> RolesDocument:
    """The document for ``account`` (external id or exact name), or the generic one."""
    template = load_template(ws, lang.code)
    prepared_on = today or date.today()
    if ws is None or account is None:
        return RolesDocument(lang, template, prepared_on)
    account_id = resolve_account(ws, account)
    name, external_id, csm_id, am_id, support_id = ws.query(
        "SELECT name, external_id, csm_id, am_id, support_owner_id FROM accounts WHERE id = ?",
        (account_id,),
    )[0]
    return RolesDocument(
        lang,
        template,
        prepared_on,
        account_name=name,
        account_external_id=external_id,
        team=tuple(_team(ws, {Role.CS: csm_id, Role.AM: am_id, Role.SUPPORT: support_id})),
    )


def _team(ws: Workspace, owners: dict[Role, int | None]) -> list[TeamMember]:
    """The account's owners by role, then the workspace's CX lead (accounts have no CX owner)."""
    members: list[TeamMember] = []
    for role, person_id in owners.items():
        if person_id is None:
            continue
        rows = ws.query("SELECT name, email FROM people WHERE id = ?", (person_id,))
        if rows:
            members.append(TeamMember(role, rows[0][0], rows[0][1]))
    cx = ws.query("SELECT name, email FROM people WHERE role = 'cx' ORDER BY id LIMIT 1")
    if cx:
        members.append(TeamMember(Role.CX, cx[0][0], cx[0][1]))
    return members
