"""E-mail addresses and web domains, reduced to the form matching compares.

A calendar writes ``mailto:Ana.Souza@Acme.example``, a mail header ``"Souza, Ana"
<ana.souza@acme.example>``: both name the domain ``acme.example``, which an account's
``domain`` (read by the importer from its Website or Domain column) is compared with.
Public mail domains (gmail.com, uol.com.br ...) say nothing about a company, so they never
match an account or the team.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import getaddresses
from functools import cache

from csdesk.resources import resource_path

_ADDRESS_RE = re.compile(r"^[^@\s<>\"]+@([a-z0-9-]+\.)+[a-z0-9-]{2,}$")


@dataclass(frozen=True, slots=True)
class Party:
    """Someone a meeting invites or a message is between: address (lower case) and name."""

    email: str
    name: str | None = None

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2]

    def shown(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


def address(text: object) -> str | None:
    """``mailto:Ana@Acme.example`` or ``Ana <ana@acme.example>`` -> ``ana@acme.example``."""
    if text is None:
        return None
    value = str(text).strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:") :]
    if "<" in value:
        pairs = getaddresses([value])
        value = pairs[0][1] if pairs else ""
    value = value.strip().strip("<>").strip().lower()
    return value if _ADDRESS_RE.match(value) else None


def parties(header: object) -> list[Party]:
    """Every address in a mail header (To, Cc ...), with its display name."""
    if header is None:
        return []
    found: list[Party] = []
    for name, raw in getaddresses([str(header)]):
        email = address(raw)
        if email is not None:
            found.append(Party(email, name.strip() or None))
    return found


def parent_domains(domain: str) -> list[str]:
    """``mail.acme.example`` -> [``mail.acme.example``, ``acme.example``]: a subdomain's mail
    belongs to the company of the domain it is under."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


@cache
def public_domains() -> frozenset[str]:
    """The public mail domains listed in resources/capture/public_mail_domains.txt."""
    text = resource_path("capture", "public_mail_domains.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def is_public(domain: str) -> bool:
    return domain in public_domains()
