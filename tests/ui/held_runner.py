"""A runner that holds its jobs until the test runs them, in whatever order it likes.

Lets a test start a job, start another that supersedes it, and only then let the first one
answer, which is how a late answer arrives in the app, without threads or waiting.
"""

from __future__ import annotations

from csdesk.ui.workers import Job, Runner


class HeldRunner(Runner):
    def __init__(self) -> None:
        super().__init__(immediate=True)
        self.held: list[Job] = []

    def _start(self, job: Job) -> None:
        self.held.append(job)

    def run(self, job: Job) -> None:
        """Run one held job on this thread; its signals reach the GUI objects at once."""
        self.held.remove(job)
        job.execute()

    def run_all(self) -> None:
        while self.held:
            self.run(self.held[0])
