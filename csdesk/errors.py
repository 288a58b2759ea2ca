"""Errors a person can act on.

Anything raised as a :class:`CsdeskError` is shown to the user as its message alone, one
sentence or two saying what happened, where, and what to do; the command line prints it on one
line and exits non-zero, the app shows it in a dialog. Every other exception is a bug.
"""

from __future__ import annotations


class CsdeskError(Exception):
    """A problem with the user's input or environment, explained in the message."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
