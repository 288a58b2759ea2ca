"""Which meetings and messages are touches, with which accounts, by which team member.

A touch is between the team and a customer: a meeting with at least one attendee outside
the team who did not decline, or an e-mail between a team address and a customer address.
The team is the workspace's people (their addresses, and their companies' domains); a
customer is matched to accounts by a contact's address, else by the address's domain against
the accounts' ``domain`` (never by a public mail domain). A meeting with people of several
accounts is a touch with each. What is not a touch is counted by reason, and what has no
account is listed so the user can add the contact or the domain and import again.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from csdesk.i18n import N_, _
from csdesk.ingest.capture.addresses import Party, is_public, parent_domains
from csdesk.ingest.capture.items import FileRead, Meeting, Message
from csdesk.ingest.problems import ProblemLog
from csdesk.ingest.wording import count as shown_count
from csdesk.store import Workspace

# Words of a meeting's title that make it a QBR (accents and case ignored).
_QBR_RE = re.compile(
    r"\b(qbr|ebr|business review|quarterly review|revisao trimestral|revisao de negocios"
    r"|reuniao trimestral)\b"
)
# Why a meeting or message is not written, as the report names it.
SKIP_REASONS = {
    "internal": N_("internal (no one outside the team)"),
    "cancelled": N_("cancelled"),
    "declined": N_("declined by the team"),
    "upcoming": N_("still to come (after the as-of date)"),
    "unmatched": N_("no account matches"),
    "unrelated": N_("not between the team and a customer"),
}


@dataclass(frozen=True, slots=True)
class TeamMember:
    person_id: int
    role: str


@dataclass
class Directory:
    """What matching needs from the workspace: the team, the contacts, the accounts' domains."""

    members: dict[str, TeamMember] = field(default_factory=dict)  # address -> member
    team_domains: set[str] = field(default_factory=set)
    contacts: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # address -> (acc, id)
    domains: dict[str, list[int]] = field(default_factory=dict)  # domain -> accounts
    names: dict[int, str] = field(default_factory=dict)  # account id -> name

    @classmethod
    def load(cls, ws: Workspace | None) -> Directory:
        directory = cls()
        if ws is None:
            return directory
        for pid, role, email in ws.query(
            "SELECT id, role, lower(trim(email)) FROM people WHERE email IS NOT NULL "
            "AND trim(email) != '' ORDER BY id"
        ):
            directory.members.setdefault(str(email), TeamMember(int(pid), str(role)))
            domain = str(email).rpartition("@")[2]
            if domain and not is_public(domain):
                directory.team_domains.add(domain)
        for cid, account, email in ws.query(
            "SELECT id, account_id, lower(trim(email)) FROM contacts WHERE email IS NOT NULL "
            "AND trim(email) != '' ORDER BY id"
        ):
            directory.contacts.setdefault(str(email), []).append((int(account), int(cid)))
        for account, name, domain in ws.query("SELECT id, name, domain FROM accounts"):
            directory.names[int(account)] = str(name)
            if domain:
                directory.domains.setdefault(str(domain).lower(), []).append(int(account))
        return directory

    def knows_team(self) -> bool:
        return bool(self.members or self.team_domains)

    def is_team(self, party: Party) -> bool:
        if party.email in self.members:
            return True
        return any(d in self.team_domains for d in parent_domains(party.domain))

    def accounts_of(self, party: Party) -> tuple[set[int], bool]:
        """The accounts a customer address belongs to, and whether it is a known contact."""
        known = {account for account, _cid in self.contacts.get(party.email, [])}
        if known:
            return known, True
        if is_public(party.domain):
            return set(), False
        for domain in parent_domains(party.domain):
            if domain in self.domains:
                return set(self.domains[domain]), False
        return set(), False


@dataclass(frozen=True, slots=True)
class Touch:
    """One timeline entry to write: a meeting or message with one account."""

    source_key: str
    place: str
    account_id: int
    at: datetime
    kind: str
    role: str | None
    person_id: int | None
    title: str
    body: str | None
    people: tuple[Party, ...]  # the account's people who took part


@dataclass
class Touches:
    touches: list[Touch] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    log: ProblemLog = field(default_factory=ProblemLog)
    owner_assumed: Party | None = None
    unmatched: dict[str, _Unmatched] = field(default_factory=dict)  # by place in the file


@dataclass
class _Unmatched:
    """A meeting (all occurrences of a series) or message no account matches."""

    title: str
    who: str
    first: datetime
    last: datetime
    count: int

    def describe(self, place: str) -> str:
        when = self.first.strftime("%Y-%m-%d %H:%M")
        if self.count > 1:
            when = _("{count} times from {first} to {last}").format(
                count=shown_count(self.count),
                first=self.first.strftime("%Y-%m-%d"),
                last=self.last.strftime("%Y-%m-%d"),
            )
        return _(
            "{place}: {when}, {title!r}: no account matches {who}; add them as a contact or "
            "give the account its domain, then import the file again"
        ).format(place=place, when=when, title=self.title[:80], who=self.who)


def is_qbr(title: str) -> bool:
    plain = unicodedata.normalize("NFKD", title.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _QBR_RE.search(plain) is not None


def decide(read: FileRead, directory: Directory) -> Touches:
    """The touches of a file as read, against the workspace's team, contacts and accounts."""
    out = Touches()
    out.skipped["upcoming"] = read.upcoming
    if not directory.knows_team():
        owner = read.owner or _likely_owner(read)
        if owner is not None:
            directory = _with_owner(directory, owner)
            out.owner_assumed = owner
            out.log.add(
                None,
                None,
                owner.email,
                _(
                    "the workspace's team has no e-mail addresses, so csdesk took {owner} "
                    "(the file's owner) as the team; import your team with their addresses "
                    "to say who is who"
                ).format(owner=owner.email),
                "warning",
            )
    for meeting in read.meetings:
        _meeting(meeting, directory, out)
    for message in read.messages:
        _message(message, directory, out)
    for place, unmatched in out.unmatched.items():
        out.log.add(
            None,
            None,
            None,
            unmatched.describe(place),
            "warning",
            kind=_("no account matches"),
        )
    return out


def _with_owner(directory: Directory, owner: Party) -> Directory:
    members = dict(directory.members)
    domains = set(directory.team_domains)
    if is_public(owner.domain):
        members[owner.email] = TeamMember(0, "cs")
    else:
        domains.add(owner.domain)
    return Directory(members, domains, directory.contacts, directory.domains, directory.names)


def _likely_owner(read: FileRead) -> Party | None:
    """A mailbox's owner: the address on most of its messages (it is on all of them)."""
    seen: Counter[str] = Counter()
    for message in read.messages:
        everyone = {p.email for p in (message.sender, *message.recipients) if p is not None}
        seen.update(everyone)
    if not seen or len(read.messages) < 2:
        return None
    email, hits = seen.most_common(1)[0]
    return Party(email) if hits == len(read.messages) else None


def _member(directory: Directory, parties: list[Party]) -> TeamMember | None:
    for party in parties:
        member = directory.members.get(party.email)
        if member is not None and member.person_id:
            return member
    return None


def _meeting(meeting: Meeting, directory: Directory, out: Touches) -> None:
    if meeting.cancelled:
        out.skipped["cancelled"] += 1
        return
    people = [a for a in meeting.attendees if not a.resource]
    organizer = meeting.organizer
    team = [a.party for a in people if directory.is_team(a.party)]
    team_present = [a.party for a in people if directory.is_team(a.party) and not a.declined]
    if organizer is not None and directory.is_team(organizer):
        team.insert(0, organizer)
        team_present.insert(0, organizer)
    if team and not team_present:
        out.skipped["declined"] += 1
        return
    outside = [a.party for a in people if not directory.is_team(a.party) and not a.declined]
    if organizer is not None and not directory.is_team(organizer):
        outside.insert(0, organizer)
    if not outside:
        out.skipped["internal"] += 1
        return
    kind = "qbr" if is_qbr(meeting.title) else "meeting"
    title = meeting.title or _("(meeting with no title)")
    _touches(
        meeting.key,
        meeting.place,
        meeting.at,
        kind,
        title,
        None,
        team_present,
        outside,
        directory,
        out,
    )


def _message(message: Message, directory: Directory, out: Touches) -> None:
    everyone = [p for p in (message.sender, *message.recipients) if p is not None]
    team = [p for p in everyone if directory.is_team(p)]
    outside = [p for p in everyone if not directory.is_team(p)]
    if not team:
        out.skipped["unrelated"] += 1
        return
    if not outside:
        out.skipped["internal"] += 1
        return
    title = message.subject or _("(no subject)")
    _touches(
        message.key,
        message.place,
        message.at,
        "email",
        title,
        message.body or None,
        team,
        outside,
        directory,
        out,
    )


def _touches(
    key: str,
    place: str,
    at: datetime,
    kind: str,
    title: str,
    body: str | None,
    team: list[Party],
    outside: list[Party],
    directory: Directory,
    out: Touches,
) -> None:
    by_account: dict[int, list[Party]] = {}
    for party in _unique(outside):
        accounts, _known = directory.accounts_of(party)
        for account in accounts:
            by_account.setdefault(account, []).append(party)
    if not by_account:
        out.skipped["unmatched"] += 1
        who = ", ".join(p.shown() for p in _unique(outside)[:3])
        seen = out.unmatched.get(place)
        if seen is None:
            out.unmatched[place] = _Unmatched(title, who, at, at, 1)
        else:
            seen.first, seen.last = min(seen.first, at), max(seen.last, at)
            seen.count += 1
        return
    member = _member(directory, team)
    for account, parties in sorted(by_account.items()):
        out.touches.append(
            Touch(
                source_key=key,
                place=place,
                account_id=account,
                at=at,
                kind=kind,
                role=member.role if member is not None else None,
                person_id=member.person_id if member is not None else None,
                title=title[:300],
                body=body,
                people=tuple(parties),
            )
        )


def _unique(parties: list[Party]) -> list[Party]:
    seen: dict[str, Party] = {}
    for party in parties:
        if party.email not in seen or (party.name and not seen[party.email].name):
            seen[party.email] = party
    return list(seen.values())
