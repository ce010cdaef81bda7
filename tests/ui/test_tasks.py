"""kitadesk/ui/tasks.py: work off the GUI thread with progress, cancel and results by signal."""

import threading
import time

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from kitadesk.errors import InputError
from kitadesk.ui.tasks import TaskCancelled, run_task


def test_result_and_progress_come_back_by_signal_in_the_gui_thread(qtbot):
    seen, threads = [], []
    connected = threading.Event()

    def work(control, n):
        threads.append(threading.get_ident())
        connected.wait(60)  # the test connects its slot after the start
        for i in range(1, n + 1):
            control.progress(i, n)
        return sum(range(n + 1))

    handle = run_task(work, 5)
    handle.progress.connect(lambda done, total: seen.append((done, total, threading.get_ident())))
    with qtbot.waitSignal(handle.finished, timeout=60000) as blocker:
        connected.set()
    qtbot.waitUntil(lambda: len(seen) == 5, timeout=60000)
    assert blocker.args == [15] and handle.result == 15 and handle.state == "fertig"
    assert threads[0] != threading.get_ident()  # ran in a worker thread
    assert {s[2] for s in seen} == {threading.get_ident()}  # signals arrive in the GUI thread
    assert [s[:2] for s in seen] == [(i, 5) for i in range(1, 6)]


def test_cancel_stops_the_task_and_emits_cancelled(qtbot):
    started = threading.Event()

    def work(control):
        started.set()
        while True:
            control.check()
            time.sleep(0.005)

    handle = run_task(work)
    assert started.wait(60)
    with qtbot.waitSignal(handle.cancelled, timeout=60000):
        handle.cancel()
    assert handle.state == "abgebrochen" and not handle.is_running


def test_an_error_is_handed_over_not_lost(qtbot):
    def work(control):
        raise InputError("Keine Satztabelle für April 2026.")

    handle = run_task(work)
    with qtbot.waitSignal(handle.failed, timeout=60000) as blocker:
        pass
    assert isinstance(blocker.args[0], InputError) and "Satztabelle" in str(blocker.args[0])


def test_progress_dialog_abbrechen_cancels(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    started = threading.Event()

    def work(control):
        started.set()
        for i in range(10_000):
            control.progress(i, 10_000)
            if control.cancelled:
                raise TaskCancelled()
            time.sleep(0.01)  # ≥ 100 s in all: the click comes first even on a busy runner
        return "fertig"

    handle = run_task(work, parent=parent, title="Test", label="Rechne")
    dialog = handle.dialog
    assert dialog.labelText().startswith("Rechne")
    assert started.wait(60)
    qtbot.waitUntil(lambda: dialog.maximum() == 10_000, timeout=60000)
    assert "von 10.000" in dialog.labelText()
    with qtbot.waitSignal(handle.cancelled, timeout=60000):
        dialog.findChild(QPushButton).click()  # "Abbrechen"
    assert handle.state == "abgebrochen"


@pytest.mark.parametrize("n", [20])
def test_many_tasks_all_report(qtbot, n):
    handles = [run_task(lambda control, i=i: i * i) for i in range(n)]
    qtbot.waitUntil(lambda: all(not h.is_running for h in handles), timeout=60000)
    assert sorted(h.result for h in handles) == sorted(i * i for i in range(n))


def test_progress_reported_before_the_caller_connects_is_not_lost(qtbot):
    sent = threading.Event()

    def work(control):
        control.progress(1, 3)  # at once: before run_task has even returned to the caller
        control.progress(2, 3)
        sent.set()
        return "fertig"

    handle = run_task(work)
    assert sent.wait(60)  # both reports are out before anyone listens
    seen = []
    handle.progress.connect(lambda done, total: seen.append((done, total, threading.get_ident())))
    with qtbot.waitSignal(handle.done, timeout=60000):
        pass
    assert [s[:2] for s in seen] == [(1, 3), (2, 3)]
    assert {s[2] for s in seen} == {threading.get_ident()}  # delivered in the GUI thread
    assert handle.result == "fertig"
