"""The language `csdesk`'s own argument handling speaks: help, usage and argparse's refusals.

argparse words its messages ("usage: ", "the following arguments are required: %s") through
``gettext`` names bound in its own module, so they cannot be given a :class:`Lang`; for the
time the parser is built and used, :func:`speaking` points those names at the command's
``Lang``. The messages themselves are listed below (marked for the catalogue), the ones a
person can meet; ``tests/cli/test_cli_language.py`` checks the list against the argparse of
the running Python, so a new Python with new words fails a test instead of speaking English.

The language is chosen before anything is parsed, from the ``--lang`` the command line gives
(any command's, wherever it stands) or else the system's: help and usage mistakes come before
a workspace is read, so a workspace's locale setting cannot count yet.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from csdesk.errors import N_, CsdeskError

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang

# argparse's messages as Python 3.11 words them (the ones a user of csdesk can read; the rest
# are mistakes of a program building a parser, never of a person typing a command).
ARGPARSE_MESSAGES: tuple[str, ...] = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("unexpected option string: %s"),
)


def ngettext(singular: str, plural: str, n: int = 2) -> tuple[str, str]:
    """Marks a plural message for the catalogue (the extractor knows the name), as ``N_()``
    marks a single one; argparse itself asks for the form."""
    return singular, plural


# argparse's plural messages: (singular, plural).
ARGPARSE_PLURALS: tuple[tuple[str, str], ...] = (
    ngettext("expected %s argument", "expected %s arguments"),
)


def asked_language(argv: Sequence[str]) -> Lang:
    """The language the command line asks for with ``--lang X`` / ``--lang=X`` (before a
    ``--``), else the system's. A language csdesk has no words for counts as not asked here;
    the command that takes ``--lang`` refuses it itself, in the system's language."""
    from csdesk.i18n.lang import resolve

    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        else:
            continue
        try:
            return resolve(value)
        except CsdeskError:
            break
    return resolve(None)


@contextmanager
def speaking(lang: Lang) -> Iterator[None]:
    """argparse's messages, and the ambient ``_`` the help texts are worded with, in ``lang``
    while the block runs; both as before afterwards."""
    from csdesk.i18n.translation import language

    names = vars(argparse)
    saved = {name: names[name] for name in ("_", "ngettext")}
    names.update({"_": lang.gettext, "ngettext": lang.ngettext})
    try:
        with language(lang.code):
            yield
    finally:
        names.update(saved)
