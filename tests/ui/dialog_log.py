"""A stand-in for the app's modal dialogs in tests (the `dialogs` fixture installs it)."""

from __future__ import annotations


class DialogLog:
    """Stands in for the modal dialogs: records errors, answers the read-only question."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.notices: list[tuple[str, str]] = []
        self.questions: list[str] = []
        self.answer_read_only = True

    def error(self, parent: object, title: str, message: str) -> None:
        self.errors.append((title, message))

    def notice(self, parent: object, title: str, message: str) -> None:
        self.notices.append((title, message))

    def ask(self, parent: object, message: str) -> bool:
        self.questions.append(message)
        return self.answer_read_only
