from __future__ import annotations

import threading

from dialog_log import DialogLog
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csdesk.errors import CsdeskError
from csdesk.progress import ProgressCallback
from csdesk.ui.main_window import MainWindow
from csdesk.ui.progress_indicator import ProgressIndicator
from csdesk.ui.workers import Runner


def test_immediate_runner_delivers_result_and_progress(qtbot: QtBot) -> None:
    runner = Runner(immediate=True)
    seen: list[object] = []
    progress: list[tuple[float, str]] = []

    def work(report: ProgressCallback) -> int:
        report(0.5, "half way")
        return 42

    job = runner.submit("answer", work, done=seen.append)
    job.progressed.connect(lambda f, m: progress.append((f, m)))
    assert seen == [42]
    assert job.fraction == 0.5 and job.message == "half way"
    assert not job.running and runner.active == []


def test_failures_reach_the_failed_callback(qtbot: QtBot) -> None:
    runner = Runner(immediate=True)
    errors: list[BaseException] = []

    def work(report: ProgressCallback) -> None:
        raise CsdeskError("the sheet is empty")

    runner.submit("boom", work, failed=errors.append)
    assert [str(e) for e in errors] == ["the sheet is empty"]


def test_threaded_job_runs_off_the_gui_thread_and_answers_on_it(qtbot: QtBot) -> None:
    runner = Runner()
    threads: dict[str, object] = {}

    def work(report: ProgressCallback) -> str:
        threads["work"] = QThread.currentThread()
        report(1.0, "done")
        return "ok"

    def done(result: object) -> None:
        threads["done"] = QThread.currentThread()
        threads["result"] = result

    job = runner.submit("thread", work, done=done)
    with qtbot.waitSignal(job.ended, timeout=10_000):
        pass
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    assert threads["result"] == "ok"
    assert threads["done"] is gui
    assert threads["work"] is not gui
    runner.wait()


def test_cancel_stops_the_job_at_its_next_progress_call(qtbot: QtBot) -> None:
    runner = Runner()
    started = threading.Event()
    release = threading.Event()
    finished: list[object] = []

    def work(report: ProgressCallback) -> str:
        started.set()
        release.wait(10)
        report(0.5, "still going")
        return "should not finish"

    job = runner.submit("long", work, done=finished.append)
    assert started.wait(10)
    job.cancel()
    release.set()
    with qtbot.waitSignal(job.ended, timeout=10_000):
        pass
    assert job.was_cancelled and finished == []
    runner.wait()


def test_writes_go_through_one_writer(qtbot: QtBot) -> None:
    runner = Runner()
    assert runner.writer.maxThreadCount() == 1
    order: list[int] = []
    lock = threading.Lock()
    running = [0]
    peak = [0]

    def write(n: int):  # type: ignore[no-untyped-def]
        def work(report: ProgressCallback) -> int:
            with lock:
                running[0] += 1
                peak[0] = max(peak[0], running[0])
            report(0.0, "")
            with lock:
                running[0] -= 1
                order.append(n)
            return n

        return work

    jobs = [runner.submit(f"write {n}", write(n), writes=True) for n in range(5)]
    qtbot.waitUntil(lambda: all(not j.running for j in jobs), timeout=10_000)
    assert peak[0] == 1
    assert order == [0, 1, 2, 3, 4]


def test_progress_bar_appears_only_for_long_jobs_and_cancels(qtbot: QtBot) -> None:
    runner = Runner()
    indicator = ProgressIndicator(runner)
    qtbot.addWidget(indicator)
    indicator.show()  # shown in a status bar; the indicator itself hides until needed
    indicator.hide()
    quick = runner.submit("quick", lambda report: None)
    with qtbot.waitSignal(quick.ended, timeout=10_000):
        pass
    assert not indicator.isVisible()
    assert not indicator.timer.isActive()

    release = threading.Event()

    def slow(report: ProgressCallback) -> None:
        report(0.25, "Reading rows")
        release.wait(10)
        report(0.9, "Writing")

    job = runner.submit("slow", slow)
    assert not indicator.isVisible()
    qtbot.waitUntil(indicator.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: indicator.label.text() == "Reading rows", timeout=10_000)
    assert indicator.bar.value() == 250
    indicator.cancel_button.click()
    release.set()
    with qtbot.waitSignal(job.ended, timeout=10_000):
        pass
    assert job.was_cancelled
    assert not indicator.isVisible()
    runner.wait()


def test_a_failed_job_without_handler_is_a_dialog_not_a_crash(
    window: MainWindow,
    dialogs: DialogLog,
) -> None:
    def user_mistake(report: ProgressCallback) -> None:
        raise CsdeskError("row 3, column MRR: 'abc' is not a number")

    def bug(report: ProgressCallback) -> None:
        raise ZeroDivisionError("division by zero")

    window.runner.submit("Importing", user_mistake)
    window.runner.submit("Scoring", bug)
    assert dialogs.errors[0] == ("Importing", "row 3, column MRR: 'abc' is not a number")
    assert dialogs.errors[1][0] == "Unexpected error"
    assert "ZeroDivisionError" in dialogs.errors[1][1]


def test_a_slot_supersedes_the_job_it_waits_for(qtbot: QtBot) -> None:
    """Starting a job in a slot cancels the one before and drops its callbacks: the older
    answer, arriving last, never reaches the caller; the newer one does."""
    from held_runner import HeldRunner

    from csdesk.ui.workers import JobSlot

    runner = HeldRunner()
    slot = JobSlot()
    answers: list[object] = []
    ends: list[str] = []
    calls: list[str] = []

    def work(name: str) -> object:
        def run(report: ProgressCallback) -> str:
            calls.append(name)
            report(0.5, name)  # a cancelled job stops here
            return name

        return run

    first = slot.start(
        runner, "first", work("first"), done=answers.append, ended=lambda: ends.append("first")
    )
    second = slot.start(
        runner, "second", work("second"), done=answers.append, ended=lambda: ends.append("second")
    )
    assert first.cancel_requested and first.superseded
    assert not second.cancel_requested and slot.job is second
    runner.run(second)
    runner.run(first)
    assert answers == ["second"] and ends == ["second"]
    assert calls == ["second"]  # superseded before it began: the old one never ran
    assert first.was_cancelled and not first.running
    assert runner.active == []


def test_a_superseded_job_that_finishes_or_fails_anyway_stays_silent(qtbot: QtBot) -> None:
    """Work that never calls progress cannot be stopped, but its result or error goes nowhere
    (not even to the window's error dialog)."""
    from held_runner import HeldRunner

    from csdesk.ui.workers import JobSlot

    runner = HeldRunner()
    slot = JobSlot()
    answers: list[object] = []
    errors: list[object] = []
    runner.job_failed.connect(lambda job, error: errors.append(error))

    def boom(report: ProgressCallback) -> None:
        raise CsdeskError("too late")

    finishing = slot.start(runner, "quiet", lambda report: "old", done=answers.append)
    failing = slot.start(runner, "loud", boom, done=answers.append)
    slot.start(runner, "newest", lambda report: "new", done=answers.append)
    runner.run(finishing)
    runner.run(failing)
    assert answers == [] and errors == []
    runner.run_all()
    assert answers == ["new"]
    slot.cancel()  # nothing waits: cancelling again is harmless
    assert slot.job is None and not slot.running


def test_a_superseded_job_that_finished_anyway_hands_its_result_to_discard(
    qtbot: QtBot,
) -> None:
    """What a superseded job returns after all (it was past its last progress call) is not
    shown, but given to ``discard`` so that it can be released (a zip's temporary folder)."""
    from held_runner import HeldRunner

    from csdesk.ui.workers import JobSlot

    runner = HeldRunner()
    slot = JobSlot()
    shown: list[object] = []
    released: list[object] = []

    def finishes_as_it_is_superseded(report: ProgressCallback) -> str:
        slot.start(runner, "newer", lambda r: "newer", done=shown.append)
        return "older"  # no progress call after the supersede: nothing stops it

    older = slot.start(
        runner, "older", finishes_as_it_is_superseded, done=shown.append, discard=released.append
    )
    runner.run(older)
    assert older.superseded and released == ["older"] and shown == []
    runner.run_all()
    assert shown == ["newer"] and released == ["older"]
