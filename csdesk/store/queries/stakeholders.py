"""An account's stakeholders: its contacts by influence, each with its last touch.

A touch involves a contact when the contact took part in it (a captured meeting's attendee,
an e-mail's correspondent: ``event_contacts``). Influence is the contact sheet's own words;
they are grouped (champion, decision maker, influencer, user, other) in English and
Portuguese so that the map reads the same whatever the client's sheet called them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from csdesk.store.workspace import Workspace

# Influence groups in the order the map shows them, with the words that put a contact there.
INFLUENCE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("champion", ("champion", "campeao", "sponsor", "patrocinador", "new sponsor")),
    (
        "decision_maker",
        (
            "decision maker",
            "economic buyer",
            "buyer",
            "executive sponsor",
            "decisor",
            "tomador de decisao",
            "comprador",
        ),
    ),
    ("influencer", ("influencer", "influenciador", "technical buyer", "coach")),
    ("user", ("user", "end user", "usuario", "admin", "administrador")),
)
OTHER = "other"


@dataclass(frozen=True, slots=True)
class Stakeholder:
    contact_id: int
    name: str
    title: str | None
    email: str | None
    influence: str | None  # as the contact sheet wrote it
    group: str  # one of INFLUENCE_GROUPS' names, or "other"
    last_touch: datetime | None
    touches: int

    @property
    def is_champion(self) -> bool:
        return self.group == "champion"


def influence_group(text: str | None) -> str:
    """The group of an influence as a sheet writes it (``Campeão`` -> ``champion``); a
    former champion is no longer one."""
    if not text:
        return OTHER
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = " ".join("".join(ch for ch in plain if not unicodedata.combining(ch)).split())
    if plain.startswith(("former", "ex ", "ex-", "antigo")):
        return OTHER
    for group, words in INFLUENCE_GROUPS:
        if plain in words:
            return group
    return OTHER


def stakeholders(
    ws: Workspace, account_id: int, *, before: date | None = None
) -> list[Stakeholder]:
    """The account's contacts, champions first, then by last touch (most recent first).

    ``before`` counts only the touches before that day (a QBR's quarter, an as-of date).
    """
    stop = (before or date.max).isoformat()
    rows = ws.query(
        "SELECT c.id, c.name, c.title, c.email, c.influence, max(e.at), count(e.id) "
        "FROM contacts c LEFT JOIN event_contacts ec ON ec.contact_id = c.id "
        "LEFT JOIN events e ON e.id = ec.event_id AND e.at < ? "
        "WHERE c.account_id = ? GROUP BY c.id",
        (stop, account_id),
    )
    order = {name: rank for rank, (name, _words) in enumerate(INFLUENCE_GROUPS)}
    found = [
        Stakeholder(
            contact_id=int(cid),
            name=str(name),
            title=title,
            email=email,
            influence=influence,
            group=influence_group(influence),
            last_touch=datetime.fromisoformat(str(last)) if last else None,
            touches=int(count),
        )
        for cid, name, title, email, influence, last, count in rows
    ]
    return sorted(
        found,
        key=lambda s: (
            order.get(s.group, len(order)),
            s.last_touch is None,
            -(s.last_touch.timestamp() if s.last_touch else 0),
            s.name.lower(),
        ),
    )


def met_between(ws: Workspace, account_id: int, start: date, stop: date) -> list[Stakeholder]:
    """The stakeholders touched in [start, stop): a QBR's "who we met this quarter"."""
    rows = ws.query(
        "SELECT DISTINCT ec.contact_id FROM event_contacts ec JOIN events e ON e.id = ec.event_id "
        "WHERE e.account_id = ? AND e.at >= ? AND e.at < ?",
        (account_id, start.isoformat(), stop.isoformat()),
    )
    met = {int(r[0]) for r in rows}
    return [s for s in stakeholders(ws, account_id, before=stop) if s.contact_id in met]
