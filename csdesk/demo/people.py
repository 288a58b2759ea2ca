"""The vendor's team in the demo: CSMs, AMs, a support team and CX, with weekly capacity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from csdesk.demo.names import email, person_names
from csdesk.demo.sizes import DemoSize
from csdesk.domain.enums import Role

TEAM_DOMAIN = "equipe.csdesk-demo.example"

# The small book's team is written out so the demo reads the same every time; larger teams
# are drawn from the name lists.
SMALL_TEAM: dict[Role, tuple[tuple[str, float], ...]] = {
    Role.CS: (
        ("Ana Paula Ribeiro", 40.0),
        ("Lucas Ferreira", 44.0),
        ("Emily Carter", 40.0),
        ("Rafael Nogueira", 30.0),  # part-time: the capacity model should flag his book
    ),
    Role.AM: (("Marcelo Tavares", 44.0), ("Jennifer Brooks", 40.0)),
    Role.SUPPORT: (
        ("Camila Rocha", 44.0),
        ("Diego Alves", 44.0),
        ("Sarah Mitchell", 40.0),
        ("Thiago Martins", 44.0),
        ("Beatriz Lima", 30.0),
    ),
    Role.CX: (("Juliana Mendes", 40.0),),
}


@dataclass(frozen=True)
class Team:
    """People rows and, per role, the ids (1-based, as written) of its members."""

    rows: list[tuple[Any, ...]]  # (id, name, role, email, capacity_hours)
    ids: dict[Role, np.ndarray]

    def names_by_id(self) -> dict[int, str]:
        return {int(row[0]): str(row[1]) for row in self.rows}


def build_team(rng: np.random.Generator, size: DemoSize) -> Team:
    counts = {
        Role.CS: size.csms,
        Role.AM: size.ams,
        Role.SUPPORT: size.support_agents,
        Role.CX: size.cx,
    }
    total = sum(counts.values())
    drawn = iter(person_names(rng, total, english_share=0.3))
    rows: list[tuple[Any, ...]] = []
    ids: dict[Role, np.ndarray] = {}
    for role, count in counts.items():
        scripted = SMALL_TEAM[role]
        members: list[int] = []
        for index in range(count):
            if index < len(scripted) and count == len(scripted):
                name, hours = scripted[index]
                next(drawn)
            else:
                name = next(drawn)
                hours = float(rng.choice([40.0, 44.0, 44.0, 40.0, 30.0]))
            person_id = len(rows) + 1
            rows.append((person_id, name, str(role), email(name, TEAM_DOMAIN), hours))
            members.append(person_id)
        ids[role] = np.array(members, dtype=np.int64)
    return Team(rows, ids)
